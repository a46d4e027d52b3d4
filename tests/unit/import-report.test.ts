/**
 * The import report an editor reads at the end of `npm run import` (and, with --report, as JSON): the
 * counts of fiches written, unchanged, left alone because edited by hand, failed; the failures with
 * their line and reasons; the warnings counted by kind; the unknown elements with the fiches that hold
 * them; the French summary line by line. Built here from results written in the test, in this process,
 * so that a count, a sort or a line of the summary that changes fails.
 */
import { describe, expect, it } from 'vitest';
import { LAISSES_DE_COTE } from '../../src/lib/import/elements.ts';
import type { FicheResult } from '../../src/lib/import/process.ts';
import { ReportBuilder, formatReport, type ImportReport } from '../../src/lib/import/report.ts';

function builder() {
  return new ReportBuilder({
    fichier: '/tmp/export_fiches_RNCP_2026-08-16.xml',
    flux: 'export_fiches_RNCP_2026-08-16.xml',
    sortie: 'content/fiches',
    options: { force: false, jobs: 0 },
  });
}

function ok(
  numero: string,
  decision: Extract<FicheResult, { kind: 'ok' }>['decision'],
  extra: Partial<Extract<FicheResult, { kind: 'ok' }>> = {},
): FicheResult {
  const [, rep, n] = /^(RNCP|RS)(\d+)$/.exec(numero)!;
  return {
    kind: 'ok',
    numero,
    fichier: `${rep!.toLowerCase()}/${n}.md`,
    decision,
    avertissements: [],
    inconnus: [],
    ...extra,
  };
}

const MEASURES = {
  octets_lus: 2_345_678,
  secondes: 1.25,
  mo_par_seconde: 1.876,
  memoire_max_mo: 98.6,
};

/** An import of eight fiches: one of each outcome, two failures, warnings and unknown elements. */
function sampleReport(): ImportReport {
  const b = builder();
  const siret = {
    element: 'FICHE/PARTENAIRES/PARTENAIRE/SIRET_PARTENAIRE',
    message: 'SIRET mal formé (14 chiffres attendus), laissé de côté',
  };
  const date = {
    element: 'FICHE/DATE_EFFET',
    message: 'date illisible ou impossible, laissée de côté',
  };
  b.add(
    ok('RNCP100', 'nouvelle', {
      avertissements: [{ ...siret, valeurs: ['123'], nombre: 2 }],
      inconnus: ['FICHE/NOUVEAU'],
    }),
  );
  b.add(
    ok('RNCP20', 'mise_a_jour', {
      avertissements: [
        { ...siret, valeurs: ['456'], nombre: 1 },
        { ...date, valeurs: ['31/02/2020'], nombre: 1 },
      ],
      inconnus: ['FICHE/NOUVEAU', 'FICHE/AUTRE'],
    }),
  );
  b.add(ok('RS3', 'forcee'));
  b.add(ok('RNCP4', 'inchangee'));
  b.add(ok('RNCP9', 'modifiee_a_la_main', { sourceModifiee: true }));
  b.add(ok('RNCP5', 'modifiee_a_la_main'));
  b.add({
    kind: 'echec',
    numero: 'RNCP7',
    ligne: 90,
    raisons: ['INTITULE absent', 'ACTIF absent'],
    inconnus: [],
  });
  b.add({
    kind: 'echec',
    numero: undefined,
    ligne: 12,
    raisons: ['NUMERO_FICHE absent'],
    inconnus: ['FICHE/X'],
  });
  b.unknownElement('FICHES/EN_TROP', '(export)', 3);
  b.report.version_flux = '4.1';
  b.report.non_trouvees = ['RNCP1', 'RS2'];
  return b.finish(MEASURES);
}

describe('the import report', () => {
  it('counts each outcome, and lists written, hand-edited and failed fiches in order', () => {
    const r = sampleReport();
    expect(r.totaux).toEqual({
      lues: 8,
      ecrites: 3,
      nouvelles: 1,
      mises_a_jour: 1,
      forcees: 1,
      inchangees: 1,
      modifiees_a_la_main: 2,
      echecs: 2,
      passees: 0,
    });
    // Numbers in their numeric order (RNCP20 before RNCP100), failures by line.
    expect(r.ecrites).toEqual([
      { numero: 'RNCP20', fichier: 'rncp/20.md', statut: 'mise_a_jour' },
      { numero: 'RNCP100', fichier: 'rncp/100.md', statut: 'nouvelle' },
      { numero: 'RS3', fichier: 'rs/3.md', statut: 'forcee' },
    ]);
    expect(r.modifiees_a_la_main).toEqual([
      { numero: 'RNCP5', fichier: 'rncp/5.md' },
      { numero: 'RNCP9', fichier: 'rncp/9.md', source_modifiee: true },
    ]);
    expect(r.echecs).toEqual([
      { numero: null, ligne: 12, raisons: ['NUMERO_FICHE absent'] },
      { numero: 'RNCP7', ligne: 90, raisons: ['INTITULE absent', 'ACTIF absent'] },
    ]);
    expect(r.laisses_de_cote).toBe(LAISSES_DE_COTE);
    expect(r.mesures).toEqual(MEASURES);
  });

  it('counts warnings by kind over the whole export, most frequent first, and keeps each with its fiche', () => {
    const r = sampleReport();
    expect(r.avertissements_par_type).toEqual([
      {
        element: 'FICHE/PARTENAIRES/PARTENAIRE/SIRET_PARTENAIRE',
        message: 'SIRET mal formé (14 chiffres attendus), laissé de côté',
        nombre: 3,
      },
      {
        element: 'FICHE/DATE_EFFET',
        message: 'date illisible ou impossible, laissée de côté',
        nombre: 1,
      },
    ]);
    expect(r.avertissements.map((a) => [a.numero, a.valeurs])).toEqual([
      ['RNCP20', ['456']],
      ['RNCP20', ['31/02/2020']],
      ['RNCP100', ['123']],
    ]);
  });

  it('names each unknown element with its count and the fiches that hold it, most frequent first', () => {
    expect(sampleReport().elements_inconnus).toEqual([
      { element: 'FICHES/EN_TROP', nombre: 3, fiches: ['(export)'] },
      { element: 'FICHE/NOUVEAU', nombre: 2, fiches: ['RNCP100', 'RNCP20'] },
      { element: 'FICHE/AUTRE', nombre: 1, fiches: ['RNCP20'] },
      { element: 'FICHE/X', nombre: 1, fiches: ['ligne 12'] },
    ]);
  });

  it('names at most twenty fiches per unknown element, each once', () => {
    const b = builder();
    b.unknownElement('FICHE/NOUVEAU', 'RNCP1');
    for (let i = 1; i <= 25; i++) b.unknownElement('FICHE/NOUVEAU', `RNCP${i}`);
    const [entry] = b.finish(MEASURES).elements_inconnus;
    expect(entry!.nombre).toBe(26);
    expect(entry!.fiches).toEqual(Array.from({ length: 20 }, (_, i) => `RNCP${i + 1}`));
  });

  it('keeps the detail of 2,000 warnings, and counts them all', () => {
    const b = builder();
    const warning = {
      element: 'FICHE/DATE_EFFET',
      message: 'date illisible',
      valeurs: ['x'],
      nombre: 1,
    };
    for (let i = 1; i <= 2001; i++)
      b.add(ok(`RNCP${i}`, 'nouvelle', { avertissements: [warning] }));
    const r = b.finish(MEASURES);
    expect(r.avertissements).toHaveLength(2000);
    expect(r.avertissements_par_type).toEqual([
      { element: 'FICHE/DATE_EFFET', message: 'date illisible', nombre: 2001 },
    ]);
  });

  it('takes back a fiche whose rename was refused at the last moment', () => {
    for (const decision of ['nouvelle', 'mise_a_jour', 'forcee'] as const) {
      const b = builder();
      b.add(ok('RNCP1', decision));
      b.add(ok('RNCP2', decision));
      b.unwrite('RNCP1', decision);
      b.decide('RNCP1', 'rncp/1.md', 'modifiee_a_la_main');
      const t = b.report.totaux;
      expect([t.ecrites, t.nouvelles, t.mises_a_jour, t.forcees, t.modifiees_a_la_main]).toEqual([
        1,
        decision === 'nouvelle' ? 1 : 0,
        decision === 'mise_a_jour' ? 1 : 0,
        decision === 'forcee' ? 1 : 0,
        1,
      ]);
      expect(b.report.ecrites.map((e) => e.numero)).toEqual(['RNCP2']);
    }
  });
});

describe('the French summary', () => {
  it('says what was written, left, failed and left out, line by line', () => {
    const lines = formatReport(sampleReport()).split('\n');
    expect(lines.slice(0, 24)).toEqual([
      'Import de export_fiches_RNCP_2026-08-16.xml (flux V4.1) vers content/fiches',
      '  8 fiche(s) lue(s) : 3 écrite(s) (1 nouvelle(s), 1 mise(s) à jour, 1 forcée(s)), 1 inchangée(s), 2 modifiée(s) à la main et laissée(s), 2 en échec',
      'Fichiers écrits :',
      '  - rncp/20.md (mise a jour)',
      '  - rncp/100.md (nouvelle)',
      '  - rs/3.md (forcee)',
      'Modifiées à la main depuis leur dernier import, non écrasées (relancez avec --force pour les écraser) :',
      '  - RNCP5 : rncp/5.md',
      '  - RNCP9 : rncp/9.md',
      'Fiches non importées :',
      '  - (sans numéro) (ligne 12) : NUMERO_FICHE absent',
      '  - RNCP7 (ligne 90) : INTITULE absent ; ACTIF absent',
      'Absentes de l’export : RNCP1, RS2',
      'Éléments inconnus ou inattendus (non importés) :',
      '  - FICHES/EN_TROP : 3 fois ((export))',
      '  - FICHE/NOUVEAU : 2 fois (RNCP100, RNCP20)',
      '  - FICHE/AUTRE : 1 fois (RNCP20)',
      '  - FICHE/X : 1 fois (ligne 12)',
      'Valeurs laissées de côté ou corrigées :',
      '  - FICHE/PARTENAIRES/PARTENAIRE/SIRET_PARTENAIRE : SIRET mal formé (14 chiffres attendus), laissé de côté (3 fois)',
      '  - FICHE/DATE_EFFET : date illisible ou impossible, laissée de côté (1 fois)',
      'Laissé de côté à dessein :',
      `  - ${LAISSES_DE_COTE[0]!.element} — ${LAISSES_DE_COTE[0]!.raison}`,
      `  - ${LAISSES_DE_COTE[1]!.element} — ${LAISSES_DE_COTE[1]!.raison}`,
    ]);
    expect(lines.at(-1)).toBe('Lu 2.3 Mo en 1.3 s (1.9 Mo/s), mémoire maximale 99 Mo.');
    expect(lines).toHaveLength(22 + LAISSES_DE_COTE.length + 1);
  });

  it('says when reading stopped early, how many fiches were passed over, and shortens long lists', () => {
    const b = builder();
    for (let i = 1; i <= 51; i++) b.add(ok(`RNCP${i}`, 'nouvelle'));
    for (let i = 101; i <= 121; i++) b.add(ok(`RNCP${i}`, 'modifiee_a_la_main'));
    b.report.totaux.passees = 4;
    b.report.lecture_partielle = true;
    const text = formatReport(b.finish(MEASURES));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Import de export_fiches_RNCP_2026-08-16.xml vers content/fiches');
    expect(lines[1]).toMatch(/, 0 en échec, 4 passée\(s\) \(hors --only\)$/);
    expect(lines[2]).toBe(
      '  Lecture arrêtée dès que toutes les fiches demandées ont été trouvées.',
    );
    // More than fifty files written: no list (the JSON report has it).
    expect(text).not.toContain('Fichiers écrits');
    const edited = lines.indexOf(
      'Modifiées à la main depuis leur dernier import, non écrasées (relancez avec --force pour les écraser) :',
    );
    expect(edited).toBe(3);
    expect(lines.slice(4, 25)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `  - RNCP${101 + i} : rncp/${101 + i}.md`),
      '  … et 1 autres (voir --report)',
    ]);
    expect(lines[25]).toBe('Laissé de côté à dessein :');
  });

  it('lists fifty files written, and says nothing of what did not happen', () => {
    const b = builder();
    for (let i = 1; i <= 50; i++) b.add(ok(`RS${i}`, 'nouvelle'));
    const lines = formatReport(b.finish(MEASURES)).split('\n');
    expect(lines[1]).toBe(
      '  50 fiche(s) lue(s) : 50 écrite(s) (50 nouvelle(s), 0 mise(s) à jour, 0 forcée(s)), 0 inchangée(s), 0 modifiée(s) à la main et laissée(s), 0 en échec',
    );
    expect(lines[2]).toBe('Fichiers écrits :');
    expect(lines.slice(3, 53)).toEqual(
      Array.from({ length: 50 }, (_, i) => `  - rs/${i + 1}.md (nouvelle)`),
    );
    expect(lines[53]).toBe('Laissé de côté à dessein :');
  });
});
