/**
 * Short addresses (/RNCP6133/ → /rncp/6133/, docs/hosting.md « Adresses courtes »), the build's part:
 *
 * - after the build, `_redirects`, the host's rules for every built fiche (`/RNCP6133 /rncp/6133/
 *   301`, see src/lib/short-address.ts). The fiches are read from the list of built pages, not from
 *   the content collection: a rule exists only for a page that does.
 * - the 404 page's script, which resolves them on hosts without rules, stays a file of /_astro/.
 *   Astro inlines a script smaller than Vite's `build.assetsInlineLimit` (4 kB), and an inline
 *   script's hash would join the Content-Security-Policy of every page; so no script is inlined.
 *   Other assets keep Vite's rule.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { REDIRECTS_FILE, redirectRules } from '../lib/short-address.ts';

/** Vite's `assetsInlineLimit` as a function: false for a script, Vite's default for the rest. */
export function neverInlineScripts(file: string): boolean | undefined {
  return /\.[cm]?js$/.test(file) ? false : undefined;
}

export default function redirects(): AstroIntegration {
  return {
    name: 'fiches-rncp:redirects',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { assetsInlineLimit: neverInlineScripts } } });
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        const file = path.join(fileURLToPath(dir), REDIRECTS_FILE);
        const rules = redirectRules(pages.map((page) => page.pathname));
        await writeFile(file, rules);
        const count = rules.split('\n').filter((line) => line.startsWith('/')).length;
        logger.info(`${REDIRECTS_FILE} : ${count} règles, ${Buffer.byteLength(rules)} octets`);
      },
    },
  };
}
