/**
 * The importer's worker threads, for an editor running `npm run import` on a large export: the fiches
 * written with worker threads are byte for byte those written in one thread, in the same order of
 * report; and when a thread stops (a file that cannot be written, a fiche too large for its memory) the
 * import stops with a French message naming the fiches it was converting, and nothing is put in place.
 * (This is the test of the worker path: the content checks of the other tests run in this process,
 * where mutation testing sees them.)
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FichePool } from '../../src/lib/import/pool.ts';
import type { FicheResult, ProcessOptions } from '../../src/lib/import/process.ts';
import type { ImportReport } from '../../src/lib/import/report.ts';
import { runImport } from '../../src/lib/import/run.ts';
import { snapshot } from '../support/sync-catalogue.ts';
// Loaded here, not lazily by the first in-process import: its module constants are then judged by
// mutation testing as module constants (docs/tests.md), not as if one test alone covered them.
import '../../src/lib/import/process.ts';

const FIXTURES = path.resolve('tests/fixtures/import');
const dir = mkdtempSync(path.join(tmpdir(), 'import-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fiche = (numero: string) =>
  `<FICHE><NUMERO_FICHE>${numero}</NUMERO_FICHE><INTITULE>Titre</INTITULE><ACTIF>Oui</ACTIF>` +
  `<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>Organisme</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS></FICHE>`;

/** Options of a pool whose fiches are staged in `staging` (the content folder stays empty). */
const processOptions = (staging: string): ProcessOptions => ({
  out: path.join(dir, 'vide'),
  staging,
  force: false,
  record: { flux: 'export.xml' },
  referentielsDir: null,
});

describe('worker threads', () => {
  it('write the same files and the same report as one thread', async () => {
    for (const name of ['cdata-and-double-escaped.xml', 'unknown-and-broken.xml', 'v3-names.xml']) {
      const file = path.join(FIXTURES, name);
      const one = await runImport({ file, out: path.join(dir, name, 'un'), jobs: 0 });
      const two = await runImport({ file, out: path.join(dir, name, 'deux'), jobs: 2 });
      expect(snapshot(path.join(dir, name, 'deux')), name).toEqual(
        snapshot(path.join(dir, name, 'un')),
      );
      // Everything but the measures, the output folder and the options (jobs) is the same.
      const same = (r: ImportReport) => ({ ...r, mesures: 0, sortie: '', options: {} });
      expect(same(two)).toEqual(same(one));
      expect(two.ecrites.length).toBeGreaterThan(0);
    }
  });

  it('stop the import with a French message naming the fiches in hand when a thread fails', async () => {
    // A staging folder that does not exist: the thread cannot write the fiche, and stops.
    const options = processOptions(path.join(dir, 'absent', 'staging'));
    const results: FicheResult[] = [];
    const pool = new FichePool(1, options, (r) => results.push(r));
    try {
      await pool.submit({ xml: fiche('RS42'), line: 7, numero: 'RS42' });
      await pool.submit({ xml: fiche('RS43'), line: 9 });
      await expect(pool.drain()).rejects.toThrow(
        /^Un fil de conversion s’est arrêté \(.*ENOENT.*\) pendant les fiches RS42, ligne 9$/,
      );
      expect(results).toEqual([]);
    } finally {
      await pool.close();
    }
    // In one thread, the same error stops the import the same way.
    const inline = new FichePool(0, options, (r) => results.push(r));
    await expect(inline.submit({ xml: fiche('RS42'), line: 7, numero: 'RS42' })).rejects.toThrow(
      /ENOENT/,
    );
    expect(results).toEqual([]);
  });

  it('keep at most eight fiches in hand per thread, and hand each result on', async () => {
    const staging = mkdtempSync(path.join(dir, 'staging-'));
    const options = processOptions(staging);
    const results: FicheResult[] = [];
    const pool = new FichePool(1, options, (r) => results.push(r));
    try {
      const inHand: number[] = [];
      for (let i = 1; i <= 20; i++) {
        await pool.submit({ xml: fiche(`RS${i}`), line: i, numero: `RS${i}` });
        inHand.push(i - results.length);
      }
      expect(Math.max(...inHand)).toBe(8);
      await pool.drain();
      expect(results.map((r) => r.numero)).toEqual(
        Array.from({ length: 20 }, (_, i) => `RS${i + 1}`),
      );
      expect(readdirSync(staging)).toHaveLength(20);
    } finally {
      await pool.close();
    }
  });
});
