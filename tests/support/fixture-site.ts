/**
 * The fixture site: the hand-written fiches of tests/fixtures/site/fiches plus the committed fiche
 * RNCP 6133 (copied at build time, never duplicated in git), built once per test run into a
 * temporary folder. `tests/global-setup.ts` chooses the folder; the first test file that needs the
 * site builds it and the other test files, in other workers, wait for it. A run that needs no browser
 * test pays nothing.
 *
 * To keep the site between runs while working on a test:
 * `FIXTURE_SITE_DIR=tmp/site npm run test:site -- tests/site/a11y.test.ts` (a folder inside the
 * project; delete it to rebuild the site).
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { inject } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder of this run's fixture site (see tests/global-setup.ts). */
    fixtureSiteRoot: string;
  }
}

export const FIXTURE_FICHES = path.resolve('tests/fixtures/site/fiches');
/** Committed fiches that the fixture site shows as they are. */
const COMMITTED = ['rncp/6133.md'];

interface Layout {
  fiches: string;
  dist: string;
  cache: string;
  lock: string;
  ready: string;
  failed: string;
}

function layout(root: string): Layout {
  return {
    fiches: path.join(root, 'fiches'),
    dist: path.join(root, 'dist'),
    cache: path.join(root, 'cache'),
    lock: path.join(root, 'building.pid'),
    ready: path.join(root, 'ready'),
    failed: path.join(root, 'failed.log'),
  };
}

/**
 * Builds the fixture site into `root/dist` with Astro's JavaScript API in a child process, with its
 * own cache folder so that a build of dist/ running at the same time is left alone. `root` must lie
 * inside the project (see tests/global-setup.ts).
 */
export async function buildFixtureSite(root: string): Promise<string> {
  const where = layout(root);
  rmSync(where.fiches, { recursive: true, force: true });
  cpSync(FIXTURE_FICHES, where.fiches, { recursive: true });
  for (const file of COMMITTED) {
    cpSync(path.resolve('content/fiches', file), path.join(where.fiches, file));
  }
  await buildSite({
    fiches: where.fiches,
    outDir: where.dist,
    cacheDir: where.cache,
    env: { JOURNAL_DIR: path.resolve('tests/fixtures/site/journal') },
  });
  return where.dist;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The built fixture site of this test run (its dist folder), built on first demand. */
export async function fixtureSite(): Promise<string> {
  const root = inject('fixtureSiteRoot');
  await buildOnce(root, buildFixtureSite);
  return layout(root).dist;
}

/**
 * Runs `build(root)` once per test run, in whichever worker asks first; the others wait for it and
 * then find it done (or see its error). Marker files in `root` say which.
 */
export async function buildOnce(
  root: string,
  build: (root: string) => Promise<unknown>,
): Promise<void> {
  const where = layout(root);
  for (;;) {
    if (existsSync(where.ready)) return;
    if (existsSync(where.failed)) throw new Error(readFileSync(where.failed, 'utf8'));
    let owner = false;
    try {
      // Creating the lock file is atomic: one worker wins and builds.
      writeFileSync(where.lock, String(process.pid), { flag: 'wx' });
      owner = true;
    } catch {
      // Another worker is building; a builder that died leaves its lock behind.
      const pid = Number(readFileSync(where.lock, { encoding: 'utf8', flag: 'a+' }));
      if (pid > 0 && !isAlive(pid)) rmSync(where.lock, { force: true });
    }
    if (owner) {
      try {
        await build(root);
        writeFileSync(where.ready, new Date().toISOString());
        return;
      } catch (error) {
        writeFileSync(where.failed, String(error instanceof Error ? error.message : error));
        throw error;
      } finally {
        rmSync(where.lock, { force: true });
      }
    }
    await delay(200);
  }
}
