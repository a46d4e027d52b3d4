/**
 * The stages that run inside the benchmark's own command (`node scripts/bench.ts --stage NAME`), each
 * in a process of its own so that its time and memory are its own (./stage.ts): writing the synthetic
 * export, Astro's build, and the searches in Chromium. Each reports its figures to the parent.
 * Their modules are loaded by the stage that needs them only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchCase } from './fiches.ts';
import { reportToParent, type WorkLayout } from './stage.ts';
import type { Profile } from './synthetic.ts';

export const CHILD_STAGES = ['generate', 'build', 'search'] as const;
export type ChildStage = (typeof CHILD_STAGES)[number];

/** Where the parent leaves the search cases for the search stage. */
export const searchCasesFile = (work: WorkLayout) => path.join(work.root, 'search-cases.json');

export interface ChildOptions {
  work: WorkLayout;
  fiches: number;
  seed: number;
  profile: Profile;
}

/** Runs one stage in this process and prints its figures for the parent. */
export async function runChildStage(stage: string, options: ChildOptions): Promise<void> {
  if (stage === 'generate') await generate(options);
  else if (stage === 'build') await build();
  else if (stage === 'search') await search(options.work);
  else throw new Error(`Étape inconnue : ${stage}`);
}

async function generate({ work, fiches, seed, profile }: ChildOptions): Promise<void> {
  const { generateExport } = await import('./synthetic.ts');
  const generated = await generateExport({ fiches, seed, profile, out: work.exportDir });
  reportToParent({ ...generated });
}

/** Astro's build, with the folders and the inline configuration the parent gives in BENCH_*. */
async function build(): Promise<void> {
  const { build } = await import('astro');
  const inline = JSON.parse(process.env['BENCH_ASTRO_CONFIG'] ?? '{}') as Record<string, unknown>;
  await build({
    ...inline,
    outDir: process.env['BENCH_OUT_DIR']!,
    cacheDir: process.env['BENCH_CACHE_DIR']!,
    // Info: one line per page, "(cached)" or "(restored)" when taken from the cache.
    logLevel: 'info',
  });
  reportToParent({});
}

async function search(work: WorkLayout): Promise<void> {
  const cases = JSON.parse(readFileSync(searchCasesFile(work), 'utf8')) as SearchCase[];
  const { measureSearches, pageWeights } = await import('./search.ts');
  const queries = await measureSearches(work.dist, cases);
  const weights = await pageWeights(work.dist);
  reportToParent({ queries, weights });
}
