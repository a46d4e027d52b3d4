/**
 * node scripts/bench-import.ts [--size-mb 600] [--seed 1] [--profile real|heavy] [--jobs N] [--json FILE]
 *                               [--dir DIR] [--keep]
 *
 * Benchmark of `npm run import` on a large synthetic export written to os.tmpdir() (profile `real`
 * by default, like the national export): a first import, the same export again, and --only three
 * fiches. Prints a table; --json FILE writes the figures. The benchmark is in
 * scripts/lib/bench/import-bench.ts. Goal of issue 4: at least 20 MB/s and a peak RSS under 300 MB.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatImportRuns,
  importBenchJson,
  removeImportBench,
  runImportScenarios,
  writeSizedExport,
} from './lib/bench/import-bench.ts';
import { PROFILES, type Profile } from './lib/bench/synthetic.ts';

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '600' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'string', default: 'real' },
    jobs: { type: 'string' },
    json: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
const profile = values.profile as Profile;
if (!PROFILES.includes(profile)) throw new Error(`Profil inconnu : ${profile} (real ou heavy)`);
const dir = path.resolve(values.dir ?? path.join(tmpdir(), 'fiches-rncp-bench-import'));
mkdirSync(dir, { recursive: true });

const sized = await writeSizedExport({ sizeMb: Number(values['size-mb']), seed, profile, dir });
const { exported, fiches } = sized;
console.log(
  `Export synthétique : ${exported.path}, ${(exported.bytes / 1e6).toFixed(0)} Mo, ${fiches} fiches ` +
    `(profil ${profile}, ${exported.rncp} RNCP, ${exported.rs} RS, ${exported.fichesOver1000Partners} avec plus de 1 000 partenaires), ` +
    `généré en ${sized.seconds.toFixed(1)} s`,
);

const runs = runImportScenarios(exported, dir, values.jobs);
console.log(formatImportRuns(runs));
if (values.json !== undefined) {
  const figures = importBenchJson(sized, profile, seed, runs);
  writeFileSync(values.json, JSON.stringify(figures, null, 2) + '\n');
}
if (!values.keep) removeImportBench(dir, exported);
