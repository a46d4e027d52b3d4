/**
 * Issue 11, point 4 and the fiche page's part of point 5: the journal's diff of two versions of a
 * fiche (src/lib/journal/diff.ts), the sentence each change reads as (describe.ts), a fiche's
 * « Historique des modifications » and the notice of a fiche absent from the export
 * (fiche-history.ts). Pure: no sync, no build.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFiche } from '../../src/lib/fiche-file.ts';
import { describeChangement } from '../../src/lib/journal/describe.ts';
import { diffFiche, journalEntry, type FicheVersion } from '../../src/lib/journal/diff.ts';
import {
  absenceExport,
  historiqueFiche,
  historiquesParFiche,
} from '../../src/lib/journal/fiche-history.ts';
import type { Fiche } from '../../src/schema/fiche.ts';
import { journalJourSchema, type Changement, type JournalJour } from '../../src/schema/journal.ts';

let fiche: Fiche;
beforeAll(async () => {
  fiche = (await readFiche('rncp/9101', path.resolve('tests/fixtures/site/fiches'))).fiche;
});

/** The fiche with some of its fields replaced: the next day's version. */
const edited = (changes: Partial<FicheVersion>): FicheVersion => ({ ...fiche, ...changes });

describe('diffFiche', () => {
  it('finds nothing between a fiche and itself', () => {
    expect(diffFiche(fiche, fiche)).toEqual([]);
  });

  it('finds each kind of change the journal follows, in the order a reader cares about', () => {
    const after = edited({
      statut: { actif: false },
      dates: { ...fiche.dates, fin_enregistrement: '2026-08-31' },
      intitule: 'Conseiller en insertion',
      niveau: undefined,
      rome: [{ code: 'K1801' }, { code: 'K1201' }],
      nsf: [{ code: '332t' }],
      formacodes: [{ code: '44028' }, { code: '15064' }],
      blocs: [
        { code: 'RNCP9101BC01', libelle: 'Accueillir, informer et orienter le public' },
        { code: 'RNCP9101BC03', libelle: 'Suivre les parcours' },
      ],
      certificateurs: [{ nom: 'Nouvel organisme', siret: '99988877700011' }],
      voies_acces: {
        ...fiche.voies_acces,
        formation_initiale: { ouverte: true },
        apprentissage: { ouverte: false },
        vae: { ouverte: null },
      },
      lignee: {
        ...fiche.lignee,
        suivantes: [{ numero: 'RNCP9106' }],
      },
    });
    expect(diffFiche(fiche, after)).toEqual([
      { type: 'statut', actif: false },
      { type: 'fin_enregistrement', avant: '2029-07-01', apres: '2026-08-31' },
      {
        type: 'intitule',
        avant: 'Conseiller en insertion et en secrétariat social',
        apres: 'Conseiller en insertion',
      },
      { type: 'niveau', avant: '4', apres: 'sans-niveau' },
      { type: 'rome', ajoutes: ['K1201'], retires: ['M1607'] },
      { type: 'nsf', ajoutes: [], retires: ['344t'] },
      { type: 'formacodes', ajoutes: ['15064'], retires: [] },
      {
        type: 'blocs',
        ajoutes: [{ code: 'RNCP9101BC03', libelle: 'Suivre les parcours' }],
        retires: [
          { code: 'RNCP9101BC02', libelle: "Tenir le secrétariat d'une structure d'insertion" },
        ],
        renommes: [
          {
            code: 'RNCP9101BC01',
            avant: 'Accueillir et orienter le public',
            apres: 'Accueillir, informer et orienter le public',
          },
        ],
      },
      {
        type: 'certificateurs',
        ajoutes: ['Nouvel organisme'],
        retires: ['Organisme certificateur de démonstration'],
      },
      // A route that becomes unknown (null) is not said to close: only `false` closes it.
      { type: 'voies_acces', ouvertes: ['formation_initiale'], fermees: ['apprentissage'] },
      { type: 'lignee', precedentes: [], suivantes: ['RNCP9106'] },
    ]);
  });

  it('writes a journal entry that validates, with the codes of before and after', () => {
    const after = edited({ rome: [{ code: 'K1201' }] });
    const entry = journalEntry(after, diffFiche(fiche, after), fiche);
    expect(entry.rome).toEqual(['K1801', 'M1607', 'K1201']);
    expect(journalJourSchema.safeParse({ date: '2026-08-17', fiches: [entry] }).success).toBe(true);
  });
});

describe('describeChangement', () => {
  const cases: [Changement, string][] = [
    [{ type: 'nouvelle' }, 'Nouvelle fiche'],
    [{ type: 'statut', actif: false }, 'Fiche devenue inactive'],
    [{ type: 'statut', actif: true }, 'Fiche redevenue active'],
    [
      { type: 'fin_enregistrement', avant: '2028-08-31', apres: '2026-08-31' },
      'Fin d’enregistrement déplacée du 31 août 2028 au 31 août 2026',
    ],
    [
      { type: 'fin_enregistrement', apres: '2026-08-31' },
      'Fin d’enregistrement fixée au 31 août 2026',
    ],
    [
      { type: 'fin_enregistrement', avant: '2028-08-31' },
      'Fin d’enregistrement retirée (elle était au 31 août 2028)',
    ],
    [
      { type: 'niveau', avant: '4', apres: 'sans-niveau' },
      'Niveau changé : niveau 4 devient sans niveau',
    ],
    [
      { type: 'rome', ajoutes: ['K1201', 'K2111'], retires: ['M1607'] },
      'Codes ROME ajoutés : K1201, K2111 ; Code ROME retiré : M1607',
    ],
    [{ type: 'formacodes', ajoutes: [], retires: ['44028'] }, 'Formacode retiré : 44028'],
    [
      {
        type: 'voies_acces',
        ouvertes: ['apprentissage', 'vae'],
        fermees: ['formation_initiale'],
      },
      "Voies d’accès ouvertes : en contrat d'apprentissage, par expérience (validation des acquis de l'expérience) ; Voie d’accès fermée : après un parcours de formation sous statut d'élève ou d'étudiant",
    ],
    [
      { type: 'lignee', precedentes: ['RNCP6133'], suivantes: ['RNCP9106', 'RS5000'] },
      'Nouvelles certifications suivantes : RNCP 9106, RS 5000 ; Nouvelle certification précédente : RNCP 6133',
    ],
    [
      { type: 'absente_export' },
      'Absente de l’export de France Compétences (la fiche reste ici telle quelle)',
    ],
    [{ type: 'retour_export' }, 'De retour dans l’export de France Compétences'],
  ];
  it.each(cases)('%j reads « %s »', (changement, text) => {
    expect(describeChangement(changement)).toBe(text);
  });
});

describe('a fiche’s history and absence from the export', () => {
  const jours: JournalJour[] = [
    {
      date: '2026-08-16',
      fiches: [
        { numero: 'RNCP9101', intitule: 'x', changements: [{ type: 'nouvelle' }] },
        { numero: 'RS9102', intitule: 'y', changements: [{ type: 'nouvelle' }] },
      ],
    },
    {
      date: '2026-08-18',
      fiches: [{ numero: 'RNCP9101', intitule: 'x', changements: [{ type: 'absente_export' }] }],
    },
    {
      date: '2026-08-17',
      fiches: [
        {
          numero: 'RNCP9101',
          intitule: 'x',
          changements: [
            { type: 'statut', actif: false },
            { type: 'rome', ajoutes: ['K1201'], retires: [] },
          ],
        },
      ],
    },
  ];

  it('lists the fiche’s days, the newest first, each change in words', () => {
    expect(historiqueFiche(jours, 'RNCP9101')).toEqual([
      {
        date: '2026-08-18',
        dateLisible: '18 août 2026',
        changements: [{ type: 'absente_export' }],
        textes: ['Absente de l’export de France Compétences (la fiche reste ici telle quelle)'],
      },
      {
        date: '2026-08-17',
        dateLisible: '17 août 2026',
        changements: [
          { type: 'statut', actif: false },
          { type: 'rome', ajoutes: ['K1201'], retires: [] },
        ],
        textes: ['Fiche devenue inactive', 'Code ROME ajouté : K1201'],
      },
      {
        date: '2026-08-16',
        dateLisible: '16 août 2026',
        changements: [{ type: 'nouvelle' }],
        textes: ['Nouvelle fiche'],
      },
    ]);
    expect(historiqueFiche(jours, 'RNCP6133')).toEqual([]);
  });

  it('indexes every fiche in one pass, the same as one by one', () => {
    const index = historiquesParFiche(jours);
    expect([...index.keys()].sort()).toEqual(['RNCP9101', 'RS9102']);
    expect(index.get('RS9102')).toEqual(historiqueFiche(jours, 'RS9102'));
  });

  it('says since when a fiche is absent from the export, and nothing for the others', () => {
    expect(absenceExport({ absent_export_depuis: '2026-08-17' })).toEqual({
      depuis: '2026-08-17',
      message:
        'Cette fiche ne figure plus dans l’export de France Compétences depuis le 17 août 2026. Elle est conservée ici telle qu’elle était ; vérifiez son état sur le site de France Compétences.',
    });
    expect(absenceExport({})).toBeUndefined();
  });
});
