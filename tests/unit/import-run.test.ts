/**
 * What an editor relies on when an import runs over the content folder: an import never overwrites a
 * fiche edited by hand (not even one edited while the import was running), never leaves a half-written
 * file or its staging folder behind, rewrites a fiche only when the export's content of it changed (not
 * because the export's name or date did), says when an edited fiche's source changed too, and refuses
 * bad options with a French message. The exports are a few lines of XML written by the test, imported
 * in this process (`jobs: 0`).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { untouchedSinceImport } from '../../src/lib/import/render.ts';
import {
  ImportUsageError,
  dateFromFileName,
  exitCode,
  parseOnly,
  runImport,
  stageImport,
} from '../../src/lib/import/run.ts';
// Loaded here, not lazily by the first in-process import: its module constants are then judged by
// mutation testing as module constants (docs/tests.md), not as if one test alone covered them.
import '../../src/lib/import/process.ts';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-run-'));
  temps.push(dir);
  return dir;
}

function fiche(numero: string, intitule: string, activites = 'Mesurer.'): string {
  return (
    `<FICHE><NUMERO_FICHE>${numero}</NUMERO_FICHE><INTITULE>${intitule}</INTITULE><ACTIF>Oui</ACTIF>` +
    `<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>Organisme</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS>` +
    `<NOMENCLATURE_EUROPE><NIVEAU>NIV5</NIVEAU></NOMENCLATURE_EUROPE><ACTIVITES_VISEES>${activites}</ACTIVITES_VISEES></FICHE>`
  );
}

/** Writes an export file named `name` holding `fiches`. */
function exportFile(dir: string, name: string, ...fiches: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>\n<FICHES><VERSION_FLUX>4.1</VERSION_FLUX>${fiches.join('')}</FICHES>\n`,
  );
  return file;
}

/** Files and folders of the content folder, staging folders included. */
function listing(out: string): string[] {
  return readdirSync(out, { recursive: true }).map(String).sort();
}

describe('options', () => {
  it('reads --only numbers in any case, separated by commas, semicolons or spaces, each once', () => {
    expect(parseOnly(['rncp34762, RS5000;RNCP1', ' rs5000  RNCP999999'])).toEqual([
      'RNCP34762',
      'RS5000',
      'RNCP1',
      'RNCP999999',
    ]);
    for (const bad of ['RNCP', 'RNCP0123', 'RNCP1234567', 'XY12', 'RNCP12a']) {
      expect(() => parseOnly([bad]), bad).toThrow(ImportUsageError);
      expect(() => parseOnly([bad])).toThrow(
        `--only : numéro de fiche mal formé « ${bad.toUpperCase()} » (attendu RNCP34762 ou RS5000)`,
      );
    }
  });

  it('finds the export’s date in its file name, and only a real-looking one', () => {
    expect(dateFromFileName('export_fiches_RNCP_2026-08-16.xml')).toBe('2026-08-16');
    expect(dateFromFileName('export_fiches_RS_2026_08_16.xml')).toBe('2026-08-16');
    expect(dateFromFileName('export-2026-08-16-v2.xml')).toBe('2026-08-16');
    for (const name of [
      'export_12026-08-16.xml',
      'export_2026-08-167.xml',
      'export_1999-08-16.xml',
      'export.xml',
    ])
      expect(dateFromFileName(name), name).toBeUndefined();
  });

  it('refuses a missing file and a malformed export date in French, writing nothing', async () => {
    const dir = temp();
    const out = path.join(dir, 'fiches');
    await expect(runImport({ file: path.join(dir, 'absent.xml'), out, jobs: 0 })).rejects.toThrow(
      new ImportUsageError(`Fichier introuvable : ${path.join(dir, 'absent.xml')}`),
    );
    await expect(runImport({ file: dir, out, jobs: 0 })).rejects.toThrow(/^Fichier introuvable/);
    const file = exportFile(dir, 'export.xml', fiche('RNCP1', 'Titre'));
    await expect(runImport({ file, out, jobs: 0, dateFlux: '16/08/2026' })).rejects.toThrow(
      '--date-flux : date attendue au format AAAA-MM-JJ, reçu « 16/08/2026 »',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('records the export’s name and date in each fiche, the date given overriding the file name’s', async () => {
    const dir = temp();
    const out = path.join(dir, 'fiches');
    const file = exportFile(dir, 'export_fiches_RNCP_2026-08-16.xml', fiche('RNCP1', 'Titre'));
    const report = await runImport({ file, out, jobs: 0 });
    expect(report.date_flux).toBe('2026-08-16');
    expect(report.version_flux).toBe('4.1');
    expect(report.options).toEqual({ force: false, jobs: 0 });
    const text = readFileSync(path.join(out, 'rncp/1.md'), 'utf8');
    expect(text).toContain(
      '\nimport:\n  flux: "export_fiches_RNCP_2026-08-16.xml"\n  date_flux: "2026-08-16"\n',
    );
    const other = path.join(dir, 'autre');
    await runImport({ file, out: other, jobs: 0, dateFlux: '2026-09-01', only: ['rncp1'] });
    expect(readFileSync(path.join(other, 'rncp/1.md'), 'utf8')).toContain(
      '  date_flux: "2026-09-01"\n',
    );
    const undated = exportFile(dir, 'export.xml', fiche('RNCP1', 'Titre'));
    const third = path.join(dir, 'troisieme');
    const r3 = await runImport({ file: undated, out: third, jobs: 0 });
    expect(r3.date_flux).toBeUndefined();
    expect(readFileSync(path.join(third, 'rncp/1.md'), 'utf8')).toContain(
      '\nimport:\n  flux: "export.xml"\n  empreinte: "',
    );
  });
});

describe('rewriting', () => {
  it('leaves a fiche alone when only the export’s name and date changed', async () => {
    const dir = temp();
    const out = path.join(dir, 'fiches');
    await runImport({
      file: exportFile(dir, 'export_2026-08-16.xml', fiche('RNCP1', 'Titre')),
      out,
      jobs: 0,
    });
    const first = readFileSync(path.join(out, 'rncp/1.md'), 'utf8');
    const next = await runImport({
      file: exportFile(dir, 'export_2026-08-17.xml', fiche('RNCP1', 'Titre')),
      out,
      jobs: 0,
    });
    expect(next.totaux).toMatchObject({ lues: 1, ecrites: 0, inchangees: 1 });
    expect(readFileSync(path.join(out, 'rncp/1.md'), 'utf8')).toBe(first);
    // The content changed: rewritten, with the new export's name and date.
    const changed = await runImport({
      file: exportFile(dir, 'export_2026-08-18.xml', fiche('RNCP1', 'Titre modifié')),
      out,
      jobs: 0,
    });
    expect(changed.ecrites).toEqual([
      { numero: 'RNCP1', fichier: 'rncp/1.md', statut: 'mise_a_jour' },
    ]);
    const text = readFileSync(path.join(out, 'rncp/1.md'), 'utf8');
    expect(text).toContain('intitule: "Titre modifié"');
    expect(text).toContain('  flux: "export_2026-08-18.xml"\n  date_flux: "2026-08-18"\n');
    expect(untouchedSinceImport(text)).toBe(true);
  });

  it('says, for a fiche edited by hand, whether the export changed it since', async () => {
    const dir = temp();
    const out = path.join(dir, 'fiches');
    await runImport({
      file: exportFile(dir, 'export_2026-08-16.xml', fiche('RNCP1', 'Un'), fiche('RNCP2', 'Deux')),
      out,
      jobs: 0,
    });
    for (const n of ['1', '2']) {
      const file = path.join(out, `rncp/${n}.md`);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('Mesurer.', 'Mesurer, précisé par une rédactrice.'),
      );
    }
    const report = await runImport({
      file: exportFile(
        dir,
        'export_2026-08-17.xml',
        fiche('RNCP1', 'Un'),
        fiche('RNCP2', 'Deux', 'Mesurer et peser.'),
      ),
      out,
      jobs: 0,
    });
    expect(report.modifiees_a_la_main).toEqual([
      { numero: 'RNCP1', fichier: 'rncp/1.md' },
      { numero: 'RNCP2', fichier: 'rncp/2.md', source_modifiee: true },
    ]);
    expect(report.totaux.ecrites).toBe(0);
    for (const n of ['1', '2'])
      expect(readFileSync(path.join(out, `rncp/${n}.md`), 'utf8')).toContain(
        'précisé par une rédactrice',
      );
  });
});

describe('a change made while the import runs', () => {
  it('is never overwritten: the fiche is listed as edited by hand, and nothing else is left behind', async () => {
    const dir = temp();
    const out = path.join(dir, 'fiches');
    await runImport({
      file: exportFile(dir, 'export.xml', fiche('RNCP1', 'Un'), fiche('RNCP2', 'Deux')),
      out,
      jobs: 0,
    });
    const file = exportFile(
      dir,
      'export.xml',
      fiche('RNCP1', 'Un bis'),
      fiche('RNCP2', 'Deux bis'),
      fiche('RS3', 'Trois'),
    );
    const staged = await stageImport({ file, out, jobs: 0 });
    expect(staged.staged.map((s) => [s.numero, s.decision])).toEqual([
      ['RNCP1', 'mise_a_jour'],
      ['RNCP2', 'mise_a_jour'],
      ['RS3', 'nouvelle'],
    ]);
    expect([...staged.seen].sort()).toEqual(['RNCP1', 'RNCP2', 'RS3']);
    // Nothing in place yet.
    expect(readFileSync(path.join(out, 'rncp/1.md'), 'utf8')).toContain('intitule: "Un"');
    expect(existsSync(path.join(out, 'rs/3.md'))).toBe(false);
    // An editor saves RNCP2 meanwhile.
    const edited = readFileSync(path.join(out, 'rncp/2.md'), 'utf8').replace(
      'Deux',
      'Deux, à la main',
    );
    writeFileSync(path.join(out, 'rncp/2.md'), edited);
    const report = staged.commit();
    expect(report.ecrites).toEqual([
      { numero: 'RNCP1', fichier: 'rncp/1.md', statut: 'mise_a_jour' },
      { numero: 'RS3', fichier: 'rs/3.md', statut: 'nouvelle' },
    ]);
    expect(report.modifiees_a_la_main).toEqual([{ numero: 'RNCP2', fichier: 'rncp/2.md' }]);
    expect(report.totaux).toMatchObject({
      ecrites: 2,
      mises_a_jour: 1,
      nouvelles: 1,
      modifiees_a_la_main: 1,
    });
    expect(readFileSync(path.join(out, 'rncp/2.md'), 'utf8')).toBe(edited);
    expect(readFileSync(path.join(out, 'rncp/1.md'), 'utf8')).toContain('intitule: "Un bis"');
    expect(listing(out)).toEqual(['rncp', 'rncp/1.md', 'rncp/2.md', 'rs', 'rs/3.md']);
    expect(() => staged.commit()).toThrow('Import déjà mis en place ou abandonné');
  });

  it('leaves a fiche created meanwhile alone, unless --force', async () => {
    for (const force of [false, true]) {
      const dir = temp();
      const out = path.join(dir, 'fiches');
      const staged = await stageImport({
        file: exportFile(dir, 'export.xml', fiche('RS3', 'Trois')),
        out,
        jobs: 0,
        force,
      });
      const mine = '---\nnumero_fiche: "RS3"\n---\n';
      // An editor creates the fiche (and its folder) while the import runs.
      mkdirSync(path.join(out, 'rs'));
      writeFileSync(path.join(out, 'rs/3.md'), mine);
      const report = staged.commit();
      if (force) {
        expect(report.ecrites).toEqual([{ numero: 'RS3', fichier: 'rs/3.md', statut: 'nouvelle' }]);
        expect(readFileSync(path.join(out, 'rs/3.md'), 'utf8')).toContain('intitule: "Trois"');
      } else {
        expect(report.ecrites).toEqual([]);
        expect(report.totaux).toMatchObject({ ecrites: 0, nouvelles: 0, modifiees_a_la_main: 1 });
        expect(readFileSync(path.join(out, 'rs/3.md'), 'utf8')).toBe(mine);
      }
      expect(listing(out)).toEqual(['rs', 'rs/3.md']);
    }
  });

  it('is dropped whole when the import is abandoned: no file, no staging folder, no new folder', async () => {
    const dir = temp();
    const out = path.join(dir, 'fiches');
    const staged = await stageImport({
      file: exportFile(dir, 'export.xml', fiche('RNCP1', 'Un')),
      out,
      jobs: 0,
    });
    expect(readdirSync(out)).toHaveLength(1);
    expect(readdirSync(out)[0]).toMatch(new RegExp(`^\\.import-${process.pid}-`));
    staged.discard();
    staged.discard();
    expect(existsSync(out)).toBe(false);
    expect(() => staged.commit()).toThrow('Import déjà mis en place ou abandonné');
  });
});

describe('the export as a whole', () => {
  it('reads a file holding one FICHE as its root, and names an unknown root', async () => {
    const dir = temp();
    const single = path.join(dir, 'fiche.xml');
    writeFileSync(single, fiche('RNCP1', 'Seule'));
    const one = await runImport({ file: single, out: path.join(dir, 'a'), jobs: 0 });
    expect(one.ecrites).toEqual([{ numero: 'RNCP1', fichier: 'rncp/1.md', statut: 'nouvelle' }]);
    expect(one.elements_inconnus).toEqual([]);
    const other = path.join(dir, 'autre.xml');
    writeFileSync(other, `<EXPORT>${fiche('RNCP1', 'Seule')}</EXPORT>`);
    const two = await runImport({ file: other, out: path.join(dir, 'b'), jobs: 0 });
    expect(two.elements_inconnus).toEqual([{ element: 'EXPORT', nombre: 1, fiches: ['(racine)'] }]);
    expect(two.totaux.nouvelles).toBe(1);
  });

  it('stops reading once every fiche asked for is found, and fails when one is missing', async () => {
    const dir = temp();
    const file = exportFile(
      dir,
      'export.xml',
      fiche('RNCP1', 'Un'),
      fiche('RNCP2', 'Deux'),
      fiche('RNCP3', 'Trois'),
    );
    // Read in small pieces, so that stopping early leaves RNCP3 unread.
    const found = await runImport({
      file,
      out: path.join(dir, 'a'),
      jobs: 0,
      only: ['RNCP2'],
      chunkSize: 64,
    });
    expect(found.lecture_partielle).toBe(true);
    expect(found.options.only).toEqual(['RNCP2']);
    expect(found.totaux).toMatchObject({ lues: 1, passees: 1, nouvelles: 1 });
    expect(found.non_trouvees).toEqual([]);
    expect(exitCode(found)).toBe(0);
    const missing = await runImport({
      file,
      out: path.join(dir, 'b'),
      jobs: 0,
      only: ['RNCP3', 'RNCP4'],
    });
    expect(missing.lecture_partielle).toBe(false);
    expect(missing.totaux).toMatchObject({ lues: 1, passees: 2 });
    expect(missing.non_trouvees).toEqual(['RNCP4']);
    expect(exitCode(missing)).toBe(1);
    const all = await runImport({ file, out: path.join(dir, 'c'), jobs: 0, only: [] });
    expect(all.totaux.nouvelles).toBe(3);
    expect(all.options.only).toBeUndefined();
  });
});
