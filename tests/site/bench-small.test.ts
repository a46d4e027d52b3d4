/**
 * The national-scale pipeline (scripts/bench.ts) on 1,000 synthetic fiches of the `real` profile
 * (shaped like the national export, one fiche with over 1,000 partners): every fiche imported is
 * valid, gets its page and its place in the search index, and the search finds the active fiches by
 * a rare title word, a ROME code and a number. It checks the pipeline at size, not its speed
 * (docs/bench.md has the figures).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runBench, type BenchRun } from '../../scripts/lib/bench/run.ts';
import type { StageResult } from '../../scripts/lib/bench/report.ts';
import type { PageWeightSummary, SearchMeasure } from '../../scripts/lib/bench/search.ts';
import { sharedData } from '../support/shared-data.ts';

const FICHES = 1000;
// The synthetic export is cut out of the real samples.
sharedData('france-competences/xml-v4.1-samples');

let result: BenchRun;
const stage = (name: string): StageResult => {
  const found = result.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};

beforeAll(async () => {
  result = await runBench({
    fiches: FICHES,
    seed: 7,
    stages: ['import', 'validate', 'build', 'index', 'search'],
  });
}, 600_000);

describe(`the pipeline on ${FICHES} generated fiches`, () => {
  it('generates a realistic export, with a fiche of over 1,000 partners', () => {
    expect(stage('generate')['fiches']).toBe(FICHES);
    expect(stage('generate')['fichesOver1000Partners']).toBeGreaterThan(0);
    expect(result.export?.profile).toBe('real');
    // 84 % of RNCP fiches, to the nearest fiche.
    expect(Math.abs(result.export!.rncp - 841)).toBeLessThanOrEqual(1);
    expect(result.export?.blocsRs).toBe(0);
  });

  it('imports every fiche and the validator accepts them all', () => {
    expect(stage('import')['failures']).toBe(0);
    expect(stage('import')['fichesWritten']).toBe(FICHES);
    expect(stage('validate')['fichesValid']).toBe(FICHES);
  });

  it('builds one page per fiche and indexes each of them', () => {
    expect(stage('build')['fichePages']).toBe(FICHES);
    expect(stage('index')['indexedPages']).toBe(FICHES);
    expect(result.filesPerFiche).toBeGreaterThan(1);
  });

  it('finds the active fiches by a rare title word, a ROME code and a number', () => {
    const queries = stage('search')['queries'] as SearchMeasure[];
    const byKind = (kind: string) => queries.filter((q) => q.kind === kind);
    for (const kind of ['mots courants', 'mot rare', 'ROME', 'numéro'])
      expect(byKind(kind).length, kind).toBeGreaterThan(0);
    for (const query of queries) expect(query.missing, query.q).toEqual([]);
    // The number's fiche is found (missing is empty above); hits count every bundle of both scopes.
    const [numero] = byKind('numéro');
    expect(numero?.hits).toBeGreaterThan(0);
    // First searches over the active fiches and over all, and later ones, are all measured.
    expect(result.firstSearchKb).toBeGreaterThan(0);
    expect(result.firstSearchAllKb).toBeGreaterThan(0);
    expect(result.laterSearchKb).toBeGreaterThan(0);
  });

  it('keeps the heaviest fiche page, over 1,000 partners, within its weight budget', () => {
    const weights = stage('search')['weights'] as PageWeightSummary[];
    const heaviest = weights.find((w) => w.name === 'fiche la plus lourde');
    expect(heaviest?.gzipKb).toBeGreaterThan(0);
    expect(heaviest?.problems).toEqual([]);
  });
});
