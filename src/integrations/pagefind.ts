/**
 * After Astro's build: /recherche/codes.json, the codes that have a page (see
 * src/lib/search/codes-index.ts), from the list of built pages. The search index itself is a step
 * of its own, run after this build by `node scripts/search-index.ts` (src/lib/search/indexer.ts):
 * `npm run build` runs both, and the index step is timed and sized on its own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildCodesIndex, CODES_INDEX_PATH } from '../lib/search/codes-index.ts';
import { indexSite as indexBundles } from '../lib/search/indexer.ts';
import { loadReferentiels, nsfEntry, romeEntry, romeLibelle } from '../lib/referentiels.ts';

export { pageUrl, SearchIndexError, separateBlocks } from '../lib/search/indexer.ts';

/**
 * @deprecated The index step is `node scripts/search-index.ts --site DIR` (or `indexSite` of
 * src/lib/search/indexer.ts). Kept for scripts/bench.ts until it runs that command; the second
 * argument (Pagefind's Node API) is no longer used. Returns the number of fiches indexed.
 */
export async function indexSite(
  siteDir: string,
  _api?: unknown,
  options: { maxFragments?: number } = {},
): Promise<number> {
  const manifest = await indexBundles(siteDir, options);
  return manifest.actives.pages + manifest.inactives.pages;
}

/** Writes /recherche/codes.json from the built pages and the reference tables. */
export async function writeCodesIndex(siteDir: string, pathnames: string[]): Promise<void> {
  const ref = loadReferentiels();
  const index = buildCodesIndex(pathnames, {
    rome: (code) => {
      const entry = romeEntry(ref, code);
      return entry && romeLibelle(entry);
    },
    nsf: (code) => nsfEntry(ref, code)?.libelle,
  });
  const file = path.join(siteDir, CODES_INDEX_PATH);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(index));
}

export default function pagefind(): AstroIntegration {
  return {
    name: 'fiches-rncp:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, pages }) => {
        await writeCodesIndex(
          fileURLToPath(dir),
          pages.map((page) => page.pathname),
        );
      },
    },
  };
}
