/**
 * After Astro's build: /recherche/codes.json and libelles.json, the codes that have a page and
 * their labels (see src/lib/search/codes-index.ts), from the list of built pages. The search index
 * itself is a step of its own, run after this build by `node scripts/search-index.ts`
 * (src/lib/search/indexer.ts): `npm run build` runs both, and the index step is measured apart.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  buildCodesIndex,
  CODE_LABELS_PATH,
  CODES_INDEX_PATH,
  splitCodesIndex,
} from '../lib/search/codes-index.ts';
import { loadReferentiels, nsfEntry, romeEntry, romeLibelle } from '../lib/referentiels.ts';

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
