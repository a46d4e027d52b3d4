/**
 * The table of bloc correspondences a reader finds on a fiche: which blocs of this fiche match which
 * blocs of another, row by row as the export gives them, each other fiche linked to its page here or,
 * when the catalogue lacks it, to France Compétences.
 */
import { describe, expect, it } from 'vitest';
import type { FicheLookup } from '../../src/lib/charts/lignee.ts';
import { correspondanceRows } from '../../src/lib/correspondances.ts';
import type { Fiche } from '../../src/schema/fiche.ts';
import type { FicheFacts } from '../../src/schema/summary.ts';

const inCatalogue = new Map<string, FicheFacts>([
  [
    'RNCP14506',
    {
      numero_fiche: 'RNCP14506',
      intitule: 'Concepteur développeur informatique',
      statut: { actif: false },
      certificateurs: [{ nom: 'Organisme' }],
    },
  ],
]);
const lookup: FicheLookup = (numero) => inCatalogue.get(numero);

// The shapes of the export's correspondences (the sample RNCP37674 and RNCP36490): one of a whole
// fiche, one bloc to one bloc, and several destinations.
const fiche: Pick<Fiche, 'blocs' | 'correspondances' | 'lignee'> = {
  blocs: [
    { code: 'RNCP36490BC02', libelle: 'Concevoir une application' },
    { code: 'RNCP36490BC03', libelle: 'Déployer une application' },
  ],
  correspondances: [
    {
      blocs_source: ['RNCP36490BC03'],
      fiche_destination: 'RNCP29965',
      blocs_destination: ['RNCP29965BC02'],
    },
    {
      blocs_source: ['RNCP36490BC02'],
      fiche_destination: 'RNCP14506',
      blocs_destination: ['RNCP14506BC04'],
    },
    { blocs_source: [], fiche_destination: 'RNCP31114', blocs_destination: [] },
    {
      blocs_source: ['RNCP36490BC03', 'RNCP36490BC09'],
      fiche_destination: 'RNCP14506',
      blocs_destination: ['RNCP14506BC05'],
    },
  ],
  lignee: { precedentes: [{ numero: 'RNCP31114', intitule: 'Développeur logiciel' }] },
};

describe('bloc correspondences', () => {
  const rows = correspondanceRows(fiche, lookup);

  it('groups the rows by the other fiche, keeping the export’s order within one', () => {
    expect(rows.map((r) => r.fiche.display)).toEqual([
      'RNCP 14506',
      'RNCP 14506',
      'RNCP 29965',
      'RNCP 31114',
    ]);
    expect(rows[0]!.blocsDestination).toEqual([{ code: 'RNCP14506BC04' }]);
    expect(rows[1]!.blocsDestination).toEqual([{ code: 'RNCP14506BC05' }]);
  });

  it('names this fiche’s blocs by their titles, and an unknown code as it is', () => {
    expect(rows[1]!.blocsSource).toEqual([
      { code: 'RNCP36490BC03', libelle: 'Déployer une application' },
      { code: 'RNCP36490BC09' },
    ]);
  });

  it('links a fiche of the catalogue here, and the others to France Compétences', () => {
    expect(rows[0]!.fiche).toEqual({
      numero: 'RNCP14506',
      display: 'RNCP 14506',
      intitule: 'Concepteur développeur informatique',
      href: '/rncp/14506/',
      internal: true,
    });
    expect(rows[2]!.fiche).toEqual({
      numero: 'RNCP29965',
      display: 'RNCP 29965',
      href: 'https://www.francecompetences.fr/recherche/rncp/29965/',
      internal: false,
    });
  });

  it('takes the title of a fiche outside the catalogue from the lineage, and keeps a whole-fiche correspondence', () => {
    expect(rows[3]).toEqual({
      blocsSource: [],
      blocsDestination: [],
      fiche: {
        numero: 'RNCP31114',
        display: 'RNCP 31114',
        intitule: 'Développeur logiciel',
        href: 'https://www.francecompetences.fr/recherche/rncp/31114/',
        internal: false,
      },
    });
  });

  it('has no row for a fiche without correspondences', () => {
    expect(correspondanceRows({}, lookup)).toEqual([]);
  });
});
