/**
 * The benchmark's synthetic export (scripts/lib/bench/synthetic.ts): at 3,000 fiches the `real` profile
 * has the figures of the national export of 2026-08-16 (scripts/lib/bench/national-figures.ts) within a
 * few percent, the same options give the same bytes, its fiches import without failure, and the
 * `heavy` profile is markedly heavier.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareFigures,
  deviation,
  formatComparison,
  NATIONAL_EXPORT,
  realFigures,
} from '../../scripts/lib/bench/national-figures.ts';
import { generateExport, type GeneratedExport } from '../../scripts/lib/bench/synthetic.ts';
import { runImport } from '../../src/lib/import/run.ts';
import { sharedData } from '../support/shared-data.ts';

const FICHES = 3000;
// The synthetic export is cut out of the real samples.
sharedData('france-competences/xml-v4.1-samples');
let dir: string;
let real: GeneratedExport;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bench-synthetic-'));
  real = await generateExport({ fiches: FICHES, out: path.join(dir, 'real'), seed: 3 });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const within = (value: number, expected: number, tolerance: number) =>
  expect(Math.abs(value - expected) / expected, `${value} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );

describe(`the real profile at ${FICHES} fiches`, () => {
  const e = NATIONAL_EXPORT;

  it('has the real shares of RNCP, RS and active fiches', () => {
    expect(real.fiches).toBe(FICHES);
    expect(real.rncp + real.rs).toBe(FICHES);
    within(real.rncp / FICHES, e.rncp / e.fiches, 0.01);
    within(real.rs / FICHES, e.rs / e.fiches, 0.03);
    within(real.active / FICHES, e.active / e.fiches, 0.03);
    within(real.activeRncp / real.rncp, e.activeRncp / e.rncp, 0.03);
    within(real.activeRs / real.rs, e.activeRs / e.rs, 0.03);
  });

  it('has the real levels among active fiches', () => {
    for (const level of [3, 4, 5, 6, 7] as const)
      within(real.activeByLevel[level]! / real.active, e.activeByLevel[level] / e.active, 0.05);
    within(real.activeByLevel['aucun']! / real.active, e.activeByLevel.aucun / e.active, 0.05);
  });

  it('weighs what a real fiche weighs, with as many partners, blocs and certificateurs', () => {
    within(real.bytesPerFiche, e.bytes / e.fiches, 0.1);
    within(real.partnersPerFiche, e.partners / e.fiches, 0.1);
    expect(real.maxPartners).toBeGreaterThan(1000);
    within(real.blocs / FICHES, e.blocs / e.fiches, 0.05);
    expect(real.blocsRs).toBe(0);
    within(real.certificateursPerFiche, e.certificateurs / e.fiches, 0.05);
    within(
      real.certificateursWithoutSiret / real.certificateurs,
      e.certificateursWithoutSiret,
      0.03,
    );
    within(real.juryBytes / FICHES, e.juryBytes / e.fiches, 0.1);
    expect(real.maxNsf).toBeLessThanOrEqual(3);
    expect(real.maxRome).toBeLessThanOrEqual(5);
    expect(real.maxFormacodes).toBeLessThanOrEqual(5);
    expect(real.lineageLinks).toBeGreaterThan(FICHES / 4);
  });

  it('writes unique numbers, no bloc on RS fiches, and lineage between its own fiches', () => {
    const text = readFileSync(real.path, 'utf8');
    const numeros = [...text.matchAll(/<NUMERO_FICHE>([^<]+)<\/NUMERO_FICHE>/g)].map((m) => m[1]!);
    const own = new Set(numeros.filter((n) => /^(RNCP|RS)1\d{5}$/.test(n)));
    expect(own.size).toBe(FICHES);
    for (const fiche of text.split('<FICHE>').slice(1)) {
      if (fiche.includes('<NUMERO_FICHE>RS')) expect(fiche).not.toContain('<BLOCS_COMPETENCES>');
    }
    const successors = [...text.matchAll(/<ID_FICHE_NOUVELLE_CERTIFICATION>([^<]+)</g)];
    expect(successors.length).toBe(real.lineageLinks);
    for (const [, numero] of successors) expect(own.has(numero!)).toBe(true);
  });

  it('prints its figures beside the real ones, in French', () => {
    const figures = compareFigures(real);
    expect(figures.length).toBe(realFigures().figures.length);
    for (const figure of figures) {
      const gap = deviation(figure);
      if (gap !== undefined && figure.label !== 'partenaires par fiche')
        expect(Math.abs(gap), figure.label).toBeLessThan(10);
    }
    const table = formatComparison(real);
    expect(table).toContain('| figure');
    expect(table).toContain('réel (16/08/2026)');
    expect(table).toContain('écart %');
    expect(table).toContain('../shared/notes/rncp.md');
  });
});

describe('the synthetic export', () => {
  it('gives the same bytes for the same options, and its fiches import without failure', async () => {
    const options = { fiches: 150, seed: 9 } as const;
    const a = await generateExport({ ...options, out: path.join(dir, 'a') });
    const b = await generateExport({ ...options, out: path.join(dir, 'b') });
    expect(readFileSync(a.path, 'utf8')).toBe(readFileSync(b.path, 'utf8'));
    const report = await runImport({ file: a.path, out: path.join(dir, 'fiches'), jobs: 2 });
    expect(report.totaux.echecs).toBe(0);
    expect(report.totaux.nouvelles).toBe(150);
    expect(report.elements_inconnus).toEqual([]);
  }, 60_000);

  it('keeps a heavy profile, markedly heavier, for stress runs', async () => {
    const heavy = await generateExport({
      fiches: 600,
      out: path.join(dir, 'heavy'),
      seed: 3,
      profile: 'heavy',
    });
    expect(heavy.profile).toBe('heavy');
    expect(heavy.bytesPerFiche).toBeGreaterThan(2 * real.bytesPerFiche);
    expect(heavy.rs / heavy.fiches).toBeGreaterThan(0.3);
  }, 60_000);
});
