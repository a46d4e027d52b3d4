/**
 * The Content-Security-Policy of astro.config.mjs (`security.csp`): every built page carries it, it
 * allows no inline code and nothing from elsewhere, Chromium enforces it, and no page type triggers
 * a violation under it — search included, which compiles Pagefind's WebAssembly.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site/browser.ts';
import { DIST, requireDist } from '../../scripts/lib/site/dist.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { pagedSite } from '../support/paged-site.ts';
import { PAGE_TYPES, pageType, type PageType } from '../../scripts/lib/site/page-types.ts';
import { openPageType, type SiteUrls } from '../../scripts/lib/site/page-visit.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/site/server.ts';

const CSP_META = /<meta http-equiv="content-security-policy" content="([^"]*)"\s*\/?>/gi;

/** What each fetch directive may allow: this site, hashes of Astro's own code, and no more. */
const ALLOWED: Record<string, RegExp> = {
  'default-src': /^'self'$/,
  'script-src': /^('self'|'wasm-unsafe-eval'|'sha(256|384|512)-[A-Za-z0-9+/=]+')$/,
  'style-src': /^('self'|'sha(256|384|512)-[A-Za-z0-9+/=]+')$/,
  'img-src': /^'self'$/,
  'connect-src': /^'self'$/,
  'worker-src': /^'self'$/,
  'object-src': /^'none'$/,
  'base-uri': /^'self'$/,
  'form-action': /^'self'$/,
};

function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** What is wrong with a page's policy, or with where it stands in the page. */
function policyProblems(html: string): string[] {
  const metas = [...html.matchAll(CSP_META)];
  if (metas.length !== 1) return [`${metas.length} balises CSP au lieu d'une`];
  const problems: string[] = [];
  const meta = metas[0]!;
  // A policy applies only to what comes after it (a JSON-LD data block is never run: it may precede).
  const firstResource = html.search(
    /<script(?![^>]*type="application\/ld\+json")|<link[^>]+rel="stylesheet"|<style/i,
  );
  if (firstResource !== -1 && firstResource < meta.index) {
    problems.push('la balise CSP vient après un script ou une feuille de style');
  }
  const directives = parsePolicy(meta[1]!.replace(/&#39;/g, "'"));
  for (const [name, pattern] of Object.entries(ALLOWED)) {
    const values = directives.get(name);
    if (!values || values.length === 0) problems.push(`${name} manque`);
    for (const value of values ?? []) {
      if (!pattern.test(value)) problems.push(`${name} autorise ${value}`);
    }
  }
  for (const name of directives.keys()) {
    if (!(name in ALLOWED)) problems.push(`directive inattendue ${name}`);
  }
  return problems;
}

function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the policy in every built page', () => {
  it.for([
    ['the built site', () => (requireDist(), DIST)],
    ['the fixture site', fixtureSite],
  ] as const)('of %s is there, first, and strict', async ([, root]) => {
    const dir = await root();
    const files = htmlFiles(dir);
    const problems = files.flatMap((file) =>
      policyProblems(readFileSync(file, 'utf8')).map((p) => `${path.relative(dir, file)} : ${p}`),
    );
    expect(files.length).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });

  it('refuses a policy that would let inline code run (the check is real)', () => {
    expect(
      policyProblems(
        `<head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'unsafe-inline'"></head>`,
      ),
    ).toContain("script-src autorise 'unsafe-inline'");
  });
});

describe('in Chromium', () => {
  let browser: Browser;
  let servers: StaticServer[] = [];
  let urls: SiteUrls;

  beforeAll(async () => {
    const [dist, paged, launched] = await Promise.all([
      fixtureSite(),
      pagedSite(),
      launchChromium(),
    ]);
    browser = launched;
    servers = await Promise.all([serveStatic(dist), serveStatic(paged)]);
    urls = { fixture: servers[0]!.url, paged: servers[1]!.url };
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  /**
   * Opens a page type, in its state, and returns the CSP violations it reported and its other errors
   * (exceptions, console errors), with the page for more checks.
   */
  async function visit<T>(
    type: PageType,
    more: (page: Page, requests: readonly string[]) => Promise<T>,
  ): Promise<{ violations: string[]; errors: string[]; result: T }> {
    const context = await browser.newContext();
    try {
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(
            `${event.effectiveDirective} a bloqué ${event.blockedURI || 'du code en ligne'} (${event.sourceFile}:${event.lineNumber})`,
          );
        });
      });
      const page = await context.newPage();
      const requests: string[] = [];
      context.on('request', (request) => requests.push(request.url()));
      const console: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) console.push(message.text());
      });
      const { errors } = await openPageType(page, type, urls);
      const result = await more(page, requests);
      const events = await page.evaluate(
        () => (window as unknown as { cspViolations: string[] }).cspViolations,
      );
      return {
        violations: [...events, ...console],
        // A violation is logged as a console error too: it is counted once, above.
        errors: errors().filter((e) => !/Content Security Policy/i.test(e)),
        result,
      };
    } finally {
      await context.close();
    }
  }

  it.concurrent.for(PAGE_TYPES)(
    '$name ($path) triggers no violation, and no error',
    async (type, { expect }) => {
      const { violations, errors } = await visit(type, async () => undefined);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    },
  );

  it('still lets the search find fiches, Pagefind’s WebAssembly included', async () => {
    const { violations, result } = await visit(
      pageType('recherche avec résultats'),
      async (page, requests) => ({
        ...(await page.evaluate(() => ({
          results: document.querySelectorAll('#search-results li').length,
          status: document.querySelector('[role="status"]')?.textContent ?? '',
        }))),
        wasm: requests.some((url) => /\/pagefind\/wasm\.fr\.pagefind$/.test(url)),
      }),
    );
    expect(result.results).toBeGreaterThan(0);
    expect(result.status).toMatch(/fiches? trouvées?/);
    expect(result.wasm).toBe(true);
    expect(violations).toEqual([]);
  });

  it('blocks an injected inline script and reports it (the policy is enforced)', async () => {
    const { violations, result } = await visit(pageType('fiche active'), async (page) => {
      await page.addScriptTag({ content: 'window.injected = true;' }).catch(() => undefined);
      return page.evaluate(() => (window as unknown as { injected?: boolean }).injected);
    });
    expect(result).toBeUndefined();
    expect(violations.join('\n')).toMatch(/script-src/);
  });
});
