/**
 * Issue 12, point 3: « Ce qui change » between a fiche and its successor or predecessor, computed
 * from the two fiches by the journal's diff. On the fixture pair RNCP 9105 → RNCP 9106 (one change
 * of each kind), on the seed RNCP 6133 (whose lignée is outside the catalogue), and on fiches imported
 * from the real samples of the export, with their bloc correspondences.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ceQuiChange,
  changementsEntre,
  periodeEnregistrement,
} from '../../src/lib/ce-qui-change.ts';
import { correspondanceRows } from '../../src/lib/correspondances.ts';
import { readFiche } from '../../src/lib/fiche-file.ts';
import { runImport } from '../../src/lib/import/run.ts';
import type { Fiche } from '../../src/schema/fiche.ts';

const FIXTURES = path.resolve('tests/fixtures/site/fiches');
const SAMPLES = path.resolve('../shared/data/france-competences/xml-v4.1-samples');

const fixture = async (id: string) => (await readFiche(id, FIXTURES)).fiche;
const catalogue = (...fiches: Fiche[]) => new Map(fiches.map((f) => [f.numero_fiche, f]));

describe('« Ce qui change » on the fixture pair RNCP 9105 → RNCP 9106', () => {
  let ancienne: Fiche;
  let nouvelle: Fiche;
  beforeAll(async () => {
    [ancienne, nouvelle] = await Promise.all([fixture('rncp/9105'), fixture('rncp/9106')]);
  });

  it('finds one change of each kind, from the older fiche to the newer', () => {
    const { changements, repris } = changementsEntre(ancienne, nouvelle);
    expect(changements).toEqual([
      {
        type: 'intitule',
        avant: "Assistant d'accueil en structure d'insertion",
        apres: "Conseiller d'accueil et de parcours en structure d'insertion",
      },
      { type: 'niveau', avant: '4', apres: '5' },
      { type: 'rome', ajoutes: ['K1201'], retires: ['M1607'] },
      { type: 'nsf', ajoutes: ['344t'], retires: [] },
      { type: 'formacodes', ajoutes: [], retires: ['44028'] },
      {
        type: 'blocs',
        ajoutes: [{ code: 'RNCP9106BC04', libelle: "Accompagner les parcours d'insertion" }],
        retires: [{ code: 'RNCP9105BC03', libelle: 'Classer et archiver les dossiers' }],
        // Paired by the export's correspondence RNCP9106BC02 → RNCP9105BC02, under a new title.
        renommes: [
          {
            code: 'RNCP9105BC02 → RNCP9106BC02',
            avant: 'Tenir le secrétariat',
            apres: "Tenir le secrétariat d'une structure d'insertion",
          },
        ],
      },
      {
        type: 'certificateurs',
        ajoutes: ["Fédération de l'insertion de démonstration"],
        retires: ["Réseau d'accueil de démonstration"],
      },
      { type: 'voies_acces', ouvertes: ['apprentissage'], fermees: ['vae'] },
    ]);
    // The bloc of the same title is carried over, not listed as a change.
    expect(repris).toEqual([
      {
        ancien: 'RNCP9105BC01',
        nouveau: 'RNCP9106BC01',
        libelle: 'Accueillir et orienter le public',
      },
    ]);
  });

  it('shows the same comparison, in words and dates, on both pages', () => {
    const [surNouvelle] = ceQuiChange(nouvelle, catalogue(ancienne));
    const [surAncienne] = ceQuiChange(ancienne, catalogue(nouvelle));
    expect(surNouvelle!.relation).toBe('precedente');
    expect(surAncienne!.relation).toBe('suivante');
    expect(surNouvelle!.autre).toEqual({
      numero: 'RNCP9105',
      display: 'RNCP 9105',
      intitule: "Assistant d'accueil en structure d'insertion",
      href: '/rncp/9105/',
      internal: true,
    });
    expect(surAncienne!.textes).toEqual(surNouvelle!.textes);
    expect(surAncienne!.enregistrements).toEqual([
      'RNCP 9105, inactive : du 1 juillet 2019 au 1 juillet 2024',
      'RNCP 9106, active : du 1 juillet 2024 au 1 juillet 2029',
    ]);
    expect(surNouvelle!.textes).toEqual([
      "Intitulé changé : « Assistant d'accueil en structure d'insertion » devient « Conseiller d'accueil et de parcours en structure d'insertion »",
      'Niveau changé : niveau 4 devient niveau 5',
      'Code ROME ajouté : K1201 ; Code ROME retiré : M1607',
      'Code NSF ajouté : 344t',
      'Formacode retiré : 44028',
      "Bloc de compétences ajouté : RNCP9106BC04 « Accompagner les parcours d'insertion » ; Bloc de compétences retiré : RNCP9105BC03 « Classer et archiver les dossiers » ; Bloc RNCP9105BC02 → RNCP9106BC02 renommé : « Tenir le secrétariat » devient « Tenir le secrétariat d'une structure d'insertion »",
      "Certificateur ajouté : Fédération de l'insertion de démonstration ; Certificateur retiré : Réseau d'accueil de démonstration",
      "Voie d’accès ouverte : en contrat d'apprentissage ; Voie d’accès fermée : par expérience (validation des acquis de l'expérience)",
    ]);
  });

  it('leaves out what only says the two fiches follow each other: status, lignée, end date', () => {
    const types = changementsEntre(ancienne, nouvelle).changements.map((c) => c.type);
    expect(types).not.toContain('statut');
    expect(types).not.toContain('lignee');
    expect(types).not.toContain('fin_enregistrement');
  });

  it('says nothing changed between two fiches that differ only by number and dates', () => {
    const copie: Fiche = {
      ...ancienne,
      numero_fiche: 'RNCP9107',
      dates: { effet: '2024-07-01' },
      statut: { actif: true },
    };
    expect(changementsEntre(ancienne, copie)).toEqual({
      changements: [],
      repris: [
        {
          ancien: 'RNCP9105BC01',
          nouveau: 'RNCP9105BC01',
          libelle: 'Accueillir et orienter le public',
        },
        { ancien: 'RNCP9105BC02', nouveau: 'RNCP9105BC02', libelle: 'Tenir le secrétariat' },
        {
          ancien: 'RNCP9105BC03',
          nouveau: 'RNCP9105BC03',
          libelle: 'Classer et archiver les dossiers',
        },
      ],
    });
  });

  it('says the other fiche is not in the catalogue, and links it to France Compétences', () => {
    expect(ceQuiChange(nouvelle, new Map())).toEqual([
      {
        relation: 'precedente',
        autre: {
          numero: 'RNCP9105',
          display: 'RNCP 9105',
          intitule: "Assistant d'accueil en structure d'insertion",
          href: 'https://www.francecompetences.fr/recherche/rncp/9105/',
          internal: false,
        },
      },
    ]);
  });
});

describe('« Ce qui change » on the seed RNCP 6133', () => {
  it('has its predecessor and successor, both outside the catalogue, and not its later generations', async () => {
    const { fiche } = await readFiche('rncp/6133', path.resolve('content/fiches'));
    const comparaisons = ceQuiChange(fiche, new Map());
    expect(comparaisons.map((c) => [c.relation, c.autre.display, c.autre.internal])).toEqual([
      ['precedente', 'RNCP 1718', false],
      ['suivante', 'RNCP 16575', false],
    ]);
    expect(comparaisons.every((c) => c.textes === undefined)).toBe(true);
  });
});

describe('registration periods', () => {
  it('read as a French sentence, whatever the dates known', () => {
    expect(periodeEnregistrement({ effet: '2007-03-03', fin_enregistrement: '2012-03-03' })).toBe(
      'du 3 mars 2007 au 3 mars 2012',
    );
    expect(periodeEnregistrement({ decision: '2024-06-27' })).toBe('depuis le 27 juin 2024');
    expect(periodeEnregistrement({ fin_enregistrement: '2012-03-03' })).toBe(
      'jusqu’au 3 mars 2012',
    );
    expect(periodeEnregistrement(undefined)).toBe('dates non connues');
  });
});

describe('on fiches imported from the real samples of the export', () => {
  let out: string;
  const samples = new Map<string, Fiche>();
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'ce-qui-change-'));
    for (const file of ['export_fiches_RNCP_fixture.xml', 'export_fiches_RS_fixture.xml']) {
      await runImport({ file: path.join(SAMPLES, file), out, jobs: 0 });
    }
    for (const id of [
      'rncp/34762',
      'rncp/39568',
      'rncp/36490',
      'rncp/35419',
      'rs/5000',
      'rs/6604',
    ]) {
      const { fiche } = await readFiche(id, out);
      samples.set(fiche.numero_fiche, fiche);
    }
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const sample = (numero: string) => samples.get(numero)!;

  it('RNCP 34762 → RNCP 39568: a new title, codes, and blocs rewritten as a whole', () => {
    const [precedente, suivante] = ceQuiChange(sample('RNCP34762'), samples);
    expect(precedente!.autre.internal).toBe(false);
    expect(suivante!.autre).toMatchObject({ display: 'RNCP 39568', internal: true });
    expect(suivante!.changements!.map((c) => c.type)).toEqual([
      'intitule',
      'nsf',
      'formacodes',
      'blocs',
    ]);
    const blocs = suivante!.changements!.find((c) => c.type === 'blocs')!;
    // No correspondence and no shared title: no bloc is taken for another under a new name.
    expect(blocs).toMatchObject({ renommes: [] });
    if (blocs.type !== 'blocs') throw new Error('blocs expected');
    expect(blocs.retires.map((b) => b.code)).toEqual(sample('RNCP34762').blocs!.map((b) => b.code));
    expect(blocs.ajoutes.map((b) => b.code)).toEqual(sample('RNCP39568').blocs!.map((b) => b.code));
    // The page of the successor shows the same changes.
    expect(ceQuiChange(sample('RNCP39568'), samples)[0]!.textes).toEqual(suivante!.textes);
  });

  it('RS 5000 → RS 6604: routes of access closed, an NSF code gone, a Formacode added', () => {
    const [suivante] = ceQuiChange(sample('RS5000'), samples);
    expect(suivante!.textes).toEqual([
      'Code NSF retiré : 114b',
      'Formacode ajouté : 31067',
      "Voies d’accès fermées : par candidature individuelle, par expérience (validation des acquis de l'expérience)",
    ]);
  });

  it('RNCP 36490: its correspondences link the fiche of the catalogue here and the others to France Compétences', () => {
    const rows = correspondanceRows(sample('RNCP36490'), (n) => samples.get(n));
    const declared = sample('RNCP36490').correspondances!;
    expect(rows).toHaveLength(declared.length);
    const here = rows.filter((r) => r.fiche.internal);
    expect(here.map((r) => r.fiche.href)).toEqual(['/rncp/35419/', '/rncp/35419/']);
    expect(here[0]!.fiche.intitule).toBe(sample('RNCP35419').intitule);
    expect(
      rows
        .filter((r) => !r.fiche.internal)
        .every((r) => r.fiche.href.startsWith('https://www.francecompetences.fr/recherche/')),
    ).toBe(true);
  });
});
