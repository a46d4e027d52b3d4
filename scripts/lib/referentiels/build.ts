/**
 * `buildReferentiels`: the project's own compact reference tables (codes, labels, hierarchy: facts
 * only) built from the open data, written as rome.json, appellations.json, nsf.json, niveaux.json
 * (read back by src/lib/referentiels.ts) and SOURCES.md. The output only depends on the input files (no date, no
 * absolute path), so a rebuild without new data changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APPELLATIONS_FILE,
  REFERENTIEL_FILES,
  REFERENTIELS_DIR,
  type RomeEntry,
} from '../../../src/lib/referentiels.ts';
import { buildAppellations } from './appellations.ts';
import { Source } from './inputs.ts';
import { buildNiveaux } from './niveaux.ts';
import { buildNsf } from './nsf.ts';
import { buildRome } from './rome.ts';
import { buildSourcesMd } from './sources-md.ts';
import { sharedDataDir } from '../../../src/lib/test-data/manifest.ts';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Where `npm run referentiels` writes the tables. */
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, REFERENTIELS_DIR);

export interface BuildOptions {
  /** The shared open-data directory (../shared/data). */
  dataDir: string;
  /** Where the tables are written (content/referentiels). */
  outDir: string;
}

export interface BuildResult {
  fichiers: { chemin: string; octets: number; entrees: number | null }[];
  /** Facts worth knowing about the data (codes outside the referentials, ignored pseudo-groups…). */
  remarques: string[];
}

/** `../shared/data` beside the repository, or SHARED_DATA_DIR. */
export function defaultDataDir(): string {
  return sharedDataDir();
}

export function buildReferentiels({ dataDir, outDir }: BuildOptions): BuildResult {
  const remarques: string[] = [];
  const source = new Source(dataDir);
  const rome = buildRome(source, remarques);
  const romeFichesV3 = new Set(
    Object.values(JSON.parse(rome.json).entrees as Record<string, RomeEntry>)
      .filter((entry) => entry.type === 'fiche' && entry.libelle_v3 !== undefined)
      .map((entry) => entry.code),
  );
  const appellations = buildAppellations(source, romeFichesV3);
  const nsf = buildNsf(source, remarques);
  const niveaux = buildNiveaux(source, remarques);
  const sources = buildSourcesMd({ rome, appellations, nsf, niveaux });

  fs.mkdirSync(outDir, { recursive: true });
  const fichiers: BuildResult['fichiers'] = [];
  for (const [name, text, entrees] of [
    [REFERENTIEL_FILES.rome, rome.json, rome.count],
    [APPELLATIONS_FILE, appellations.json, appellations.count],
    [REFERENTIEL_FILES.nsf, nsf.json, nsf.count],
    [REFERENTIEL_FILES.niveaux, niveaux.json, niveaux.count],
    ['SOURCES.md', sources, null],
  ] as const) {
    const chemin = path.join(outDir, name);
    fs.writeFileSync(chemin, text);
    fichiers.push({ chemin, octets: Buffer.byteLength(text), entrees });
  }
  return { fichiers, remarques };
}
