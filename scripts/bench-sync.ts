/**
 * npm run bench:sync -- --fiches N [--seed S] [--jobs J]
 *
 * Time and peak memory (the whole process tree) of `npm run sync` on a synthetic export of the real
 * profile: a first sync into an empty catalogue, then the next day's export with the same fiches.
 * Everything is written to the system's temporary folder. The benchmark is in
 * scripts/lib/bench/sync-bench.ts.
 */
import { parseArgs } from 'node:util';
import { formatSyncBench, runSyncBench } from './lib/bench/sync-bench.ts';

const { values } = parseArgs({
  options: {
    fiches: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string' },
  },
});
const fiches = Number(values.fiches);
console.log(`Export synthétique de ${fiches} fiches (profil réel)…`);
const bench = await runSyncBench({ fiches, seed: Number(values.seed), jobs: values.jobs });
console.log(formatSyncBench(bench));
