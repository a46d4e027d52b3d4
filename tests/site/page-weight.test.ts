/**
 * The page-weight budgets of scripts/page-weight.ts, enforced: its command runs on the fixture site
 * (every page type) and on the built site (dist/, whose heaviest fiche is the real test of the fiche
 * budget), and must pass; the second pages of the paginated lists are weighed on the paged site. A
 * page that throws or logs an error fails too. The tables are printed in the test log.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable, weighSite, type WeightReport } from '../../scripts/lib/weight/page-weight.ts';
import { DIST, requireDist } from '../../scripts/lib/site/dist.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { pagedSite } from '../support/paged-site.ts';
import { PAGE_TYPES } from '../../scripts/lib/site/page-types.ts';

const PAGED = PAGE_TYPES.filter((type) => type.site === 'paged');

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
  expect(existsSync(json), `${name} : ${run.stderr}`).toBe(true);
  return { status: run.status, report: JSON.parse(readFileSync(json, 'utf8')) as WeightReport };
}

/** Each test loads every page type in Chromium, on a busy two-core machine. */
const TIMEOUT = 240_000;

describe('page weight', () => {
  it(
    'keeps every page type of the fixture site within its budget',
    async () => {
      const { status, report } = weigh(await fixtureSite(), 'site de test');
      expect(report.missing).toEqual(PAGED.map((t) => t.name));
      expect(report.pages.map((p) => p.name)).toEqual([
        ...PAGE_TYPES.filter((t) => !PAGED.includes(t)).map((t) => t.name),
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
    'keeps the second page of every paginated list within its budget',
    async () => {
      const report = await weighSite(await pagedSite(), PAGED);
      console.log(`Poids des pages, site paginé :\n${formatTable(report)}`);
      expect(report.missing).toEqual([]);
      expect(report.pages.map((p) => p.name)).toEqual([
        ...PAGED.map((t) => t.name),
        'fiche la plus lourde',
      ]);
      expect(
        report.pages.flatMap((p) => p.problems.map((problem) => `${p.name} : ${problem}`)),
      ).toEqual([]);
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
