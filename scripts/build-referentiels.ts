/**
 * `npm run referentiels` — builds the project's own compact reference tables (codes, labels,
 * hierarchy: facts only) from the open data in ../shared/data (or SHARED_DATA_DIR), into
 * content/referentiels/: rome.json, appellations.json (the ROME job titles), nsf.json, niveaux.json
 * and SOURCES.md, and prints what it wrote and what it noticed in the data. The builder is in scripts/lib/referentiels/ (build.ts).
 */
import path from 'node:path';
import { buildReferentiels, DEFAULT_OUT_DIR, defaultDataDir } from './lib/referentiels/build.ts';

try {
  const result = buildReferentiels({ dataDir: defaultDataDir(), outDir: DEFAULT_OUT_DIR });
  for (const { chemin, octets, entrees } of result.fichiers) {
    const detail = entrees === null ? '' : `${entrees} entrées, `;
    console.log(`${path.relative(process.cwd(), chemin)} : ${detail}${octets} octets`);
  }
  for (const remarque of result.remarques) console.log(`- ${remarque}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
