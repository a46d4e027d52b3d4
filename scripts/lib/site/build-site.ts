/**
 * Builds the site from another folder of fiches (FICHES_DIR, read by src/content.config.ts) with
 * Astro's JavaScript API, in a child process, with its own output and cache folders, so that it
 * never shares the content store or prerender chunks of a build of dist/ running at the same time.
 * Then, unless `index: false`, the search index step (`node scripts/search-index.ts --site …`), in
 * a process of its own as `npm run build` does. Used by the tests that need a fixture catalogue.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEARCH_INDEX_SCRIPT = fileURLToPath(new URL('../../search-index.ts', import.meta.url));

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
  /** Run the search index step after the build (default: true, since tests search). */
  index?: boolean;
}

/** Runs `node <args>` in the project; returns its output, or rejects with it when it fails. */
async function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  what: string,
  ok: (code: number | null) => boolean,
): Promise<string> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (!ok(code)) throw new Error(`${what} (exit ${code}):\n${output.join('')}`);
  return output.join('');
}

/** Builds (and indexes) the site; returns Astro's log, which names each page rendered or reused. */
export async function buildSite(options: BuildSiteOptions): Promise<string> {
  const script = `const { build } = await import('astro');
await build({ root: process.cwd(), outDir: process.env.SITE_OUT_DIR, cacheDir: process.env.SITE_CACHE_DIR, logLevel: process.env.SITE_LOG_LEVEL });`;
  const env = {
    ...process.env,
    ...options.env,
    FICHES_DIR: path.resolve(options.fiches),
    SITE_OUT_DIR: path.resolve(options.outDir),
    SITE_CACHE_DIR: path.resolve(options.cacheDir),
    SITE_LOG_LEVEL: options.logLevel ?? 'warn',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const log = await runNode(
    ['--input-type=module', '-e', script],
    env,
    `The site of ${options.fiches} did not build`,
    (code) => code === 0 && existsSync(path.join(options.outDir, 'index.html')),
  );
  if (options.index ?? true) {
    await runNode(
      [SEARCH_INDEX_SCRIPT, '--site', path.resolve(options.outDir)],
      env,
      `The search index of ${options.outDir} was not written`,
      (code) => code === 0,
    );
  }
  return log;
}
