/**
 * After Astro's build: /recherche/codes.json and libelles.json, the codes that have a page and
 * their labels (see src/lib/search/codes-index.ts), and /recherche/metiers/, the job titles of the
 * ROME codes that have a page (src/lib/search/metiers.ts), from the list of built pages. The search index
 * itself is a step of its own, run after this build by `node scripts/search-index.ts`
 * (src/lib/search/indexer.ts): `npm run build` runs both, and the index step is measured apart.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  buildCodesIndex,
  CODE_LABELS_PATH,
  CODES_INDEX_PATH,
  splitCodesIndex,
} from '../lib/search/codes-index.ts';
import {
  loadAppellations,
  loadReferentiels,
  nsfEntry,
  romeEntry,
  romeLibelle,
} from '../lib/referentiels.ts';
import { buildMetierIndex, METIERS_DIR, titleFile, wordFile } from '../lib/search/metiers.ts';

/** Writes /recherche/codes.json and libelles.json from the built pages and the reference tables. */
export async function writeCodesIndex(siteDir: string, pathnames: string[]): Promise<void> {
  const ref = loadReferentiels();
  const index = buildCodesIndex(pathnames, {
    rome: (code) => {
      const entry = romeEntry(ref, code);
      return entry && romeLibelle(entry);
    },
    nsf: (code) => nsfEntry(ref, code)?.libelle,
  });
  const { codes, labels } = splitCodesIndex(index);
  const file = path.join(siteDir, CODES_INDEX_PATH);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(codes));
  await writeFile(path.join(siteDir, CODE_LABELS_PATH), JSON.stringify(labels));
  await writeMetiersIndex(siteDir, new Set(Object.keys(index.rome)));
}

/** Writes /recherche/metiers/: the job titles whose ROME code has a page. */
async function writeMetiersIndex(siteDir: string, romePages: ReadonlySet<string>): Promise<void> {
  const ref = loadReferentiels();
  const titles = Object.values(loadAppellations().entrees)
    .filter((entry) => romePages.has(entry.parent))
    .map((entry) => ({ libelle: entry.libelle, code: entry.parent }));
  const { words, titles: files } = buildMetierIndex(titles, (code) => {
    const entry = romeEntry(ref, code);
    return entry ? romeLibelle(entry) : '';
  });
  const dir = path.join(siteDir, METIERS_DIR);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [shard, file] of words) {
    await writeFile(path.join(siteDir, wordFile(shard)), JSON.stringify(file));
  }
  for (const [n, file] of files) {
    await writeFile(path.join(siteDir, titleFile(n)), JSON.stringify(file));
  }
}

export default function codesIndex(): AstroIntegration {
  return {
    name: 'fiches-rncp:codes-index',
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
