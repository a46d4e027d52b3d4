/**
 * The reference tables that give codes their labels on every page (content/referentiels/, written by
 * `npm run referentiels` from ../shared/data): ROME v3 and 4.0 labels and hierarchy, NSF groups and
 * letters, levels with their 1969 equivalents, every code of the 2026-02-01 export known, and the
 * committed tables up to date with their sources.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReferentiels } from '../../scripts/lib/referentiels/build.ts';
import { parseCsvRecords } from '../../src/lib/csv.ts';
import {
  appellationsByCode,
  isKnownNsf,
  loadAppellations,
  isKnownRome,
  loadReferentiels,
  niveauEntry,
  normalizeLibelle,
  nsfChain,
  nsfEntry,
  romeChain,
  romeEntry,
  romeLabelDiffers,
  romeLibelle,
} from '../../src/lib/referentiels.ts';
import { sharedData } from '../support/shared-data.ts';

const root = path.resolve(import.meta.dirname, '../..');
const committedDir = path.join(root, 'content/referentiels');
const dataDir = sharedData();
const exportDir = path.join(dataDir, 'france-competences/export-fiches-csv-2026-02-01-partial');
const ref = loadReferentiels(committedDir);
const appellations = loadAppellations(committedDir);

function exportCodes(file: string, column: string): Set<string> {
  const records = parseCsvRecords(fs.readFileSync(path.join(exportDir, file), 'utf8'));
  return new Set(records.map((record) => record[column] ?? ''));
}

describe('rome.json', () => {
  it('gives K1801 its ROME v3 and ROME 4.0 labels, under K18 and K', () => {
    expect(romeEntry(ref, 'K1801')).toEqual({
      code: 'K1801',
      type: 'fiche',
      parent: 'K18',
      libelle_v3: 'Conseil en emploi et insertion socioprofessionnelle',
      libelle_v4: 'Conseiller / Conseillère en insertion professionnelle',
    });
    expect(romeEntry(ref, 'K18')).toMatchObject({
      type: 'domaine',
      parent: 'K',
      libelle_v3: 'Développement territorial et emploi',
      libelle_v4: 'Développement territorial et emploi',
    });
    expect(romeEntry(ref, 'K')).toMatchObject({
      type: 'grand_domaine',
      libelle_v3: 'Services à la personne et à la collectivité',
    });
    expect(romeEntry(ref, 'K')).not.toHaveProperty('parent');
  });

  it('keeps the export-only pseudo codes, labelled as in the export', () => {
    expect(romeEntry(ref, 'K00')).toEqual({
      code: 'K00',
      type: 'domaine',
      parent: 'K',
      libelle_export: 'Services à la personne et à la collectivité',
      hors_referentiel: true,
    });
    expect(romeEntry(ref, 'K1800')).toMatchObject({ parent: 'K18', hors_referentiel: true });
    // A12 is a real domaine that the export also uses as a code.
    expect(romeEntry(ref, 'A12')).toMatchObject({
      type: 'domaine',
      libelle_v3: 'Espaces naturels et espaces verts',
    });
    expect(romeEntry(ref, 'A12')).not.toHaveProperty('hors_referentiel');
  });

  it('attaches a ROME 4.0 fiche emploi to its domaine and to its parent fiche', () => {
    expect(romeEntry(ref, 'A1102')).toMatchObject({
      type: 'fiche',
      parent: 'A11',
      fiche_parente: 'A1101',
    });
    expect(romeEntry(ref, 'A1102')).not.toHaveProperty('libelle_v3');
    expect(romeEntry(ref, 'A1101')).not.toHaveProperty('fiche_parente');
  });

  it('stores the export label only where it differs from ROME v3, apostrophes undoubled', () => {
    expect(romeEntry(ref, 'A1301')?.libelle_export).toBe(
      'Conseil et assistance technique en agriculture',
    );
    expect(romeEntry(ref, 'K1801')).not.toHaveProperty('libelle_export');
    const labels = Object.values(ref.rome.entrees).flatMap((entry) => entry.libelle_export ?? []);
    expect(labels.some((label) => label.includes("''"))).toBe(false);
  });

  it('counts every ROME 4.0 fiche and every code of the 2026-02-01 export', () => {
    const entries = Object.values(ref.rome.entrees);
    expect(
      entries.filter((entry) => entry.libelle_v4 !== undefined && entry.type === 'fiche'),
    ).toHaveLength(1056);
    expect(
      entries.filter((entry) => entry.libelle_v3 !== undefined && entry.type === 'fiche'),
    ).toHaveLength(532);
    const codes = exportCodes('export_fiches_CSV_Rome_2026_02_01.csv', 'Codes_Rome_Code');
    expect(codes.size).toBe(572);
    expect([...codes].filter((code) => !isKnownRome(ref, code))).toEqual([]);
  });

  it('is keyed by code, sorted, with every parent present', () => {
    const text = fs.readFileSync(path.join(committedDir, 'rome.json'), 'utf8');
    const keys = [...text.matchAll(/^ {4}"([^"]+)":/gm)].map((match) => match[1]);
    expect(keys).toEqual([...keys].sort());
    for (const entry of Object.values(ref.rome.entrees)) {
      if (entry.parent !== undefined) expect(isKnownRome(ref, entry.parent)).toBe(true);
      if (entry.fiche_parente !== undefined)
        expect(isKnownRome(ref, entry.fiche_parente)).toBe(true);
    }
    expect(Buffer.byteLength(text)).toBeLessThan(300_000);
  });
});

describe('nsf.json', () => {
  it('gives 332t its export label, its group and the meaning of its letter', () => {
    expect(nsfEntry(ref, '332t')).toEqual({
      code: '332t',
      type: 'specialite',
      parent: '332',
      libelle: 'Aide, conseil, orientation, soutien socio-éducatif',
      lettre: 't',
      fonction_ou_champ: 'Réalisation du service',
    });
    expect(nsfEntry(ref, '332')).toEqual({
      code: '332',
      type: 'groupe',
      parent: '33',
      libelle: 'Travail social',
    });
    expect(nsfEntry(ref, '33')).toMatchObject({
      type: 'domaine',
      parent: '3',
      libelle: 'Services aux personnes',
    });
    expect(nsfEntry(ref, '3')).toMatchObject({ type: 'categorie' });
  });

  it('has the 93 groups of the legal text and none of the BCN pseudo-groups', () => {
    const groupes = Object.values(ref.nsf.entrees).filter((entry) => entry.type === 'groupe');
    expect(groupes).toHaveLength(93);
    expect(isKnownNsf(ref, '339')).toBe(false);
    expect(isKnownNsf(ref, '999')).toBe(false);
  });

  it('transcribes the letter codes of article D311-4', () => {
    const { lettres } = ref.nsf;
    expect(Object.keys(lettres).sort().join('')).toBe('abcdefgmnprstuvwz');
    expect(lettres['t']).toEqual({ type: 'fonction', libelle: 'Réalisation du service' });
    expect(lettres['a']).toEqual({ type: 'champ', libelle: 'Champ non indiqué' });
    expect(lettres['w']).toEqual({ type: 'fonction', libelle: 'Commercialisation' });
    expect(lettres['z']?.type).toBe('developpement_personnel');
  });

  it('knows every NSF code of the 2026-02-01 export', () => {
    const codes = exportCodes('export_fiches_CSV_Nsf_2026_02_01.csv', 'Nsf_Code');
    expect(codes.size).toBe(458);
    expect([...codes].filter((code) => !isKnownNsf(ref, code))).toEqual([]);
  });
});

describe('niveaux.json', () => {
  it('maps level 5 to III and NIV5', () => {
    expect(niveauEntry(ref, 5)).toMatchObject({
      code: '5',
      europe: 5,
      nomenclature_1969: 'III',
      code_export: 'NIV5',
      libelle: 'Niveau 5',
    });
    expect(niveauEntry(ref, 'NIV5')?.europe).toBe(5);
    expect(niveauEntry(ref, '5')?.europe).toBe(5);
    expect(niveauEntry(ref, 9)).toBeUndefined();
  });

  it('gives levels 1 and 2 no 1969 equivalent', () => {
    expect(niveauEntry(ref, 1)?.nomenclature_1969).toBeNull();
    expect(niveauEntry(ref, 2)?.nomenclature_1969).toBeNull();
    expect(niveauEntry(ref, 1)?.description).toBe(
      'Le niveau 1 correspond à la maîtrise des savoirs de base.',
    );
  });

  it('states the 1969 correspondence and the export values without a level', () => {
    expect(ref.niveaux.correspondance_1969).toEqual({
      V: [3],
      IV: [4],
      III: [5],
      II: [6],
      I: [7, 8],
    });
    expect(ref.niveaux.sans_niveau.REPRISE).toMatch(/^Sans niveau/);
    expect(Object.keys(ref.niveaux.sans_niveau).sort()).toEqual(['AUCUN', 'REPRISE']);
  });
});

describe('helpers', () => {
  it('chains a code up to its grand domaine or catégorie', () => {
    expect(romeChain(ref, 'K1801').map((entry) => entry.code)).toEqual(['K', 'K18', 'K1801']);
    expect(romeChain(ref, 'A1102').map((entry) => entry.code)).toEqual(['A', 'A11', 'A1102']);
    expect(romeChain(ref, 'K00').map((entry) => entry.code)).toEqual(['K', 'K00']);
    expect(romeChain(ref, 'Z9999')).toEqual([]);
    expect(nsfChain(ref, '332t').map((entry) => entry.code)).toEqual(['3', '33', '332', '332t']);
  });

  it('tells when a fiche shows an outdated ROME label', () => {
    expect(
      romeLabelDiffers(ref, 'K1801', 'Conseil en emploi et insertion socioprofessionnelle'),
    ).toBe(true);
    expect(
      romeLabelDiffers(ref, 'K1801', ' Conseiller / Conseillère en insertion professionnelle '),
    ).toBe(false);
    expect(romeLabelDiffers(ref, 'M18', 'Systèmes d’information et de télécommunication')).toBe(
      false,
    );
    // Decomposed "è" (e + combining grave) is the same label after NFC.
    expect(
      romeLabelDiffers(ref, 'K1801', 'Conseiller / Conseille\u0300re en insertion professionnelle'),
    ).toBe(false);
    expect(romeLabelDiffers(ref, 'K00', 'Autre chose')).toBe(false);
    expect(romeLabelDiffers(ref, 'Z9999', 'Autre chose')).toBe(false);
  });

  it('picks the current ROME label, falling back to v3 and to the export', () => {
    expect(romeLibelle(romeEntry(ref, 'K1801') ?? { code: '', type: 'fiche' })).toBe(
      'Conseiller / Conseillère en insertion professionnelle',
    );
    expect(romeLibelle({ code: 'K00', type: 'domaine', libelle_export: 'X' })).toBe('X');
    expect(normalizeLibelle('  d’affaires\u00a0 ')).toBe("d'affaires");
  });

  it('does not mistake object prototype names for codes', () => {
    expect(isKnownRome(ref, 'constructor')).toBe(false);
    expect(isKnownNsf(ref, 'toString')).toBe(false);
    expect(niveauEntry(ref, '__proto__')).toBeUndefined();
  });
});

describe('appellations.json', () => {
  it('gives each ROME 4.0 job title its fiche and its ROME v3 fiche', () => {
    expect(appellations.entrees['10224']).toEqual({
      libelle: 'Accompagnateur / Accompagnatrice reconversion professionnelle',
      code: 'K1801',
      parent: 'K1801',
    });
    const entries = Object.values(appellations.entrees);
    expect(entries).toHaveLength(13_120);
    // Every parent is a ROME v3 fiche of rome.json, the codes the France Compétences fiches cite.
    const notV3 = entries.filter((e) => romeEntry(ref, e.parent)?.libelle_v3 === undefined);
    expect(notV3).toEqual([]);
    // Keyed by OGR number, in numeric order.
    const keys = Object.keys(appellations.entrees);
    expect(keys.every((k) => /^\d+$/.test(k))).toBe(true);
    expect(keys.map(Number)).toEqual([...keys.map(Number)].sort((a, b) => a - b));
  });

  it('lists the job titles of a ROME v3 fiche, and those of a ROME 4.0 fiche emploi', () => {
    const byCode = appellationsByCode(appellations);
    const k1801 = byCode.get('K1801')!.map((e) => e.libelle);
    expect(k1801).toHaveLength(23);
    expect(k1801).toContain('Accompagnateur / Accompagnatrice reconversion professionnelle');
    expect(k1801).toEqual([...k1801].sort((a, b) => a.localeCompare(b, 'fr')));
    // A title of a fiche emploi is listed on its own code's page and on its v3 fiche's page.
    const child = Object.values(appellations.entrees).find(
      (e) => e.code !== e.parent && romeEntry(ref, e.code)?.fiche_parente !== undefined,
    )!;
    expect(byCode.get(child.code)).toContainEqual(child);
    expect(byCode.get(child.parent)).toContainEqual(child);
    expect(byCode.get('K18')).toBeUndefined();
  });
});

describe('buildReferentiels', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'referentiels-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is deterministic, and content/referentiels is up to date', { timeout: 60_000 }, () => {
    const first = path.join(tmp, 'a');
    const second = path.join(tmp, 'b');
    const result = buildReferentiels({ dataDir, outDir: first });
    buildReferentiels({ dataDir, outDir: second });
    const names = result.fichiers.map((file) => path.basename(file.chemin)).sort();
    expect(names).toEqual([
      'SOURCES.md',
      'appellations.json',
      'niveaux.json',
      'nsf.json',
      'rome.json',
    ]);
    for (const name of names) {
      const bytes = fs.readFileSync(path.join(first, name));
      expect(bytes.equals(fs.readFileSync(path.join(second, name))), name).toBe(true);
      expect(
        bytes.equals(fs.readFileSync(path.join(committedDir, name))),
        `${name} est périmé : lancez npm run referentiels`,
      ).toBe(true);
    }
  });
});
