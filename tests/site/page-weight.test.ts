/**
 * The page-weight budgets of scripts/page-weight.ts, enforced: its command runs on the fixture site
 * (every page type) and on the built site (dist/, whose heaviest fiche is the real test of the fiche
 * budget), and must pass. The tables are printed in the test log.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeightReport } from '../../scripts/lib/weight/page-weight.ts';
import { DIST, requireDist } from '../support/dist.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { PAGE_TYPES } from '../support/page-types.ts';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-weight-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `node scripts/page-weight.ts` as `npm run weight` does; returns its exit code and report. */
function weigh(dist: string, name: string): { status: number | null; report: WeightReport } {
  const json = path.join(folder, `${name}.json`);
  const run = spawnSync(
    process.execPath,
    ['scripts/page-weight.ts', '--dist', dist, '--json', json],
    {
      encoding: 'utf8',
    },
  );
  console.log(`Poids des pages, ${name} :\n${run.stdout}${run.stderr}`);
  return { status: run.status, report: JSON.parse(readFileSync(json, 'utf8')) as WeightReport };
}

/** Each test loads every page type in Chromium, on a busy two-core machine. */
const TIMEOUT = 240_000;

describe('page weight', () => {
  it(
    'keeps every page type of the fixture site within its budget',
    async () => {
      const { status, report } = weigh(await fixtureSite(), 'site de test');
      expect(report.missing).toEqual([]);
      expect(report.pages.map((p) => p.name)).toEqual([
        ...PAGE_TYPES.map((t) => t.name),
        'fiche la plus lourde',
      ]);
      expect(
        report.pages.flatMap((p) => p.problems.map((problem) => `${p.name} : ${problem}`)),
      ).toEqual([]);
      expect(status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'keeps the built site’s pages, its heaviest fiche included, within their budgets',
    () => {
      requireDist();
      const { status, report } = weigh(DIST, 'dist');
      const fiches = report.pages.filter((p) => p.weight === 'fiche');
      expect(fiches.map((p) => p.name)).toContain('fiche la plus lourde');
      // A fiche loads no JavaScript at all before its reader uses the search box.
      for (const fiche of fiches) expect(fiche.js.raw, fiche.path).toBe(0);
      expect(
        report.pages.flatMap((p) => p.problems.map((problem) => `${p.name} : ${problem}`)),
      ).toEqual([]);
      expect(status).toBe(0);
    },
    TIMEOUT,
  );
});
