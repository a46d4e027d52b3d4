/**
 * One stage of the benchmark in a child process of its own, so that its time and the peak memory of
 * its process tree (./process-tree.ts) are its own; and the line by which a child reports what it
 * measured. The parent side is `runStage`, the child side `reportToParent`.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleTree } from './process-tree.ts';

/** The project's root: stages run the project's own commands from there. */
export const ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The benchmark's command, which also runs the stages that need a process of their own. */
export const BENCH_SCRIPT = path.join(ROOT, 'scripts', 'bench.ts');

/** The line a child prints, followed by its figures in JSON, for its parent to read. */
const RESULT_MARK = 'BENCH_RESULT ';

/** Where a run keeps its files. */
export interface WorkLayout {
  root: string;
  exportDir: string;
  fiches: string;
  dist: string;
  cache: string;
  logs: string;
}

export function workLayout(root: string): WorkLayout {
  return {
    root,
    exportDir: path.join(root, 'export'),
    fiches: path.join(root, 'fiches'),
    dist: path.join(root, 'dist'),
    cache: path.join(root, 'cache'),
    logs: path.join(root, 'logs'),
  };
}

export class StageError extends Error {
  override name = 'StageError';
}

export interface StageRun {
  seconds: number;
  peakRssMb: number;
  /** What the child printed on its `BENCH_RESULT {json}` line, if anything. */
  reported: Record<string, unknown>;
}

/**
 * Runs `node args…` from the project root, sampling the memory of its process tree, with its output
 * in logs/<name>.log. Returns the time, the peak memory and what the child reported on its
 * `BENCH_RESULT {json}` line, if any.
 */
export async function runStage(
  work: WorkLayout,
  name: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<StageRun> {
  mkdirSync(work.logs, { recursive: true });
  const log = path.join(work.logs, `${name}.log`);
  writeFileSync(log, `$ node ${args.join(' ')}\n`);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleTree(child.pid!);
  let reported: Record<string, unknown> = {};
  let pending = '';
  const keep = (chunk: Buffer) => {
    appendFileSync(log, chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(RESULT_MARK)) reported = JSON.parse(line.slice(RESULT_MARK.length));
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', (chunk: Buffer) => appendFileSync(log, chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  const sampled = sampler.stop();
  if (pending.startsWith(RESULT_MARK)) reported = JSON.parse(pending.slice(RESULT_MARK.length));
  if (code !== 0) {
    const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
    throw new StageError(`Étape ${name} : code de sortie ${code} (journal : ${log})\n${tail}`);
  }
  // A child's own maximum catches a peak between two samples.
  const ownKb = typeof reported['maxRssKb'] === 'number' ? reported['maxRssKb'] : 0;
  const peakRssMb = Math.max(sampled, ownKb * 1024) / 1e6;
  return { seconds, peakRssMb, reported };
}

/** In a child: prints its figures, with its own peak memory, for `runStage` to read. */
export function reportToParent(result: Record<string, unknown>): void {
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ ...result, maxRssKb })}\n`);
}
