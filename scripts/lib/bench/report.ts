/**
 * The benchmark's result (`npm run bench`, scripts/bench.ts) and its printed table.
 */

export interface StageResult {
  name: string;
  seconds: number;
  /** Summed resident memory of the stage's process tree at its highest, in MB (10^6 bytes). */
  peakRssMb: number;
  /** Counted in `totalSeconds`: the daily pipeline import → validate → build → index. */
  counted: boolean;
  /** What the stage produced or measured (counts, bytes, timings). */
  [detail: string]: unknown;
}

export interface BenchResult {
  fiches: number;
  stages: StageResult[];
  /** Seconds of the counted stages: the export imported, checked, built and indexed. */
  totalSeconds: number;
  /** Highest peakRssMb among the counted stages (they run one after another). */
  peakRssMb: number;
  /** The built site once indexed: what a static host receives. */
  site?: { files: number; megabytes: number };
  /** Options measured in this run (Astro inline configuration, Pagefind maxFragments). */
  options: Record<string, unknown>;
  /** Load average of the machine at the start and the end (other work slows the figures). */
  load: { start: number[]; end: number[] };
  cpus: number;
  date: string;
}

/** The daily pipeline, in order; other stages (generate, search, rebuild) are reported apart. */
export const COUNTED_STAGES = ['import', 'validate', 'build', 'index'];

function pad(cells: string[], widths: number[]): string {
  return `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
}

/** A Markdown table: one row per stage, then the total. */
export function formatTable(result: BenchResult): string {
  const header = ['étape', 'secondes', 'RSS max (Mo)', 'détails'];
  const rows = result.stages.map((stage) => [
    stage.counted ? stage.name : `(${stage.name})`,
    stage.seconds.toFixed(1),
    stage.peakRssMb.toFixed(0),
    typeof stage['summary'] === 'string' ? stage['summary'] : '',
  ]);
  rows.push([
    'total',
    result.totalSeconds.toFixed(1),
    result.peakRssMb.toFixed(0),
    `${COUNTED_STAGES.join(' + ')}`,
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  return [
    pad(header, widths),
    pad(
      widths.map((w) => '-'.repeat(w)),
      widths,
    ),
    ...rows.map((row) => pad(row, widths)),
  ].join('\n');
}
