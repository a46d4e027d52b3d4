/**
 * Builds the site from another folder of fiches (FICHES_DIR, read by src/content.config.ts) with
 * Astro's JavaScript API, in a child process, with its own output and cache folders, so that it
 * never shares the content store or prerender chunks of a build of dist/ running at the same time.
 * Used by the tests that need a fixture catalogue and by the benchmark.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface BuildSiteOptions {
  /** The folder of fiches to build (rncp/N.md, rs/N.md). */
  fiches: string;
  /** Where the site is written; keep it inside the project (tmp/ is ignored by git). */
  outDir: string;
  /** Astro's cache folder for this build (its content store). */
  cacheDir: string;
  logLevel?: 'error' | 'warn' | 'info';
  /** More environment for the build (e.g. switches read by the integrations). */
  env?: NodeJS.ProcessEnv;
}

export async function buildSite(options: BuildSiteOptions): Promise<void> {
  const script = `const { build } = await import('astro');
await build({ root: process.cwd(), outDir: process.env.SITE_OUT_DIR, cacheDir: process.env.SITE_CACHE_DIR, logLevel: process.env.SITE_LOG_LEVEL });`;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        ...process.env,
        ...options.env,
        FICHES_DIR: path.resolve(options.fiches),
        SITE_OUT_DIR: path.resolve(options.outDir),
        SITE_CACHE_DIR: path.resolve(options.cacheDir),
        SITE_LOG_LEVEL: options.logLevel ?? 'warn',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0 || !existsSync(path.join(options.outDir, 'index.html'))) {
    throw new Error(
      `The site of ${options.fiches} did not build (exit ${code}):\n${output.join('')}`,
    );
  }
}
