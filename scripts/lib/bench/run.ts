/**
 * `runBench`: the whole pipeline at national scale on a synthetic export (./synthetic.ts), in a
 * working folder under tmp/ (ignored by git, removed at the end unless `keep`), stage after stage
 * (./stages.ts), each in a child process of its own (./stage.ts):
 *
 *   generate (not counted) → import → validate → build (Astro, without the index) → index
 *   → search (Chromium; not counted) → rebuild (one title edited, same cache; not counted)
 *
 * The figures are those of `npm run bench -- --json` (docs/bench.md).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COUNTED_STAGES, type BenchResult, type StageResult } from './report.ts';
import { ROOT, workLayout } from './stage.ts';
import {
  buildStage,
  generateAndImport,
  indexStage,
  rebuildStage,
  searchStage,
  validateStage,
  type BenchContext,
} from './stages.ts';
import { DEFAULT_PROFILE, type GeneratedExport, type Profile } from './synthetic.ts';

/** The benchmark's result: the stages, and the figures the lead compares from run to run. */
export interface BenchRun extends BenchResult {
  /** What the generate stage wrote, counted as the national export is. */
  export?: GeneratedExport;
  /** Files of the built and indexed site per fiche (after the index stage). */
  filesPerFiche?: number;
  /** Largest first search over the active fiches (default scope), gzip kB, page load included. */
  firstSearchKb?: number;
  /** Largest later search in the same page, gzip kB. */
  laterSearchKb?: number;
  /** Largest first search over all fiches (`&inactives=1`), in a fresh browser context. */
  firstSearchAllKb?: number;
  /** Seconds of the rebuild stage (pages only, no index). */
  rebuildSeconds?: number;
}

export interface BenchOptions {
  fiches: number;
  seed?: number;
  /** Profile of the synthetic export (default `real`). */
  profile?: Profile;
  /** Working folder; by default a new one under tmp/ (Astro must build inside the project). */
  work?: string;
  keep?: boolean;
  /** Astro inline configuration merged over astro.config.mjs for the build stages. */
  astro?: Record<string, unknown>;
  /** Pagefind's maxFragments for the index stage. */
  maxFragments?: number;
  /** Stages to run (default all); without import, `work` must hold the fiches of an earlier run. */
  stages?: string[];
  /** Called with each stage as it ends. */
  onStage?: (stage: StageResult) => void;
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** Runs every stage in order and returns the figures; throws StageError when a stage fails. */
export async function runBench(options: BenchOptions): Promise<BenchRun> {
  mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const root = options.work
    ? path.resolve(options.work)
    : mkdtempSync(path.join(ROOT, 'tmp', `bench-${options.fiches}-`));
  const work = workLayout(root);
  mkdirSync(root, { recursive: true });
  const stages: StageResult[] = [];
  const start = loadAverage();
  const context: BenchContext = {
    options,
    seed: options.seed ?? 1,
    work,
    astroEnv: {
      FICHES_DIR: work.fiches,
      BENCH_OUT_DIR: work.dist,
      BENCH_CACHE_DIR: work.cache,
      BENCH_ASTRO_CONFIG: JSON.stringify(options.astro ?? {}),
    },
    record: (stage) => {
      stages.push(stage);
      options.onStage?.(stage);
    },
    figures: {},
  };
  const want = (name: string) => options.stages?.includes(name) ?? true;
  try {
    if (want('import')) await generateAndImport(context);
    if (want('validate')) await validateStage(context);
    if (want('build')) await buildStage(context);
    if (want('index')) await indexStage(context);
    if (want('search')) await searchStage(context);
    if (want('rebuild')) await rebuildStage(context);
    const counted = stages.filter((s) => COUNTED_STAGES.includes(s.name));
    return {
      fiches: options.fiches,
      stages,
      totalSeconds: counted.reduce((sum, s) => sum + s.seconds, 0),
      peakRssMb: Math.max(0, ...counted.map((s) => s.peakRssMb)),
      ...(context.site ? { site: context.site } : {}),
      ...(context.generatedExport ? { export: context.generatedExport } : {}),
      ...context.figures,
      options: {
        profile: options.profile ?? DEFAULT_PROFILE,
        astro: options.astro ?? {},
        ...(options.maxFragments !== undefined ? { maxFragments: options.maxFragments } : {}),
      },
      load: { start, end: loadAverage() },
      cpus: os.availableParallelism(),
      date: new Date().toISOString(),
    };
  } finally {
    if (!options.keep && !options.work) rmSync(root, { recursive: true, force: true });
  }
}
