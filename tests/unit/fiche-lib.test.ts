/**
 * What the pages write from a fiche's data (src/lib/fiche.ts, src/lib/wording.ts): its permanent
 * address, dates the French way, an unknown never shown as yes or no, a certificateur's address, the
 * latest fiche of a lignée, the sections of the body, and the order of every list of fiches (active ones first).
 */
import { describe, expect, it } from 'vitest';
import {
  HABILITATIONS,
  certificateurSlug,
  cncpUrl,
  compareFiches,
  displayNumero,
  ficheUrl,
  franceCompetencesUrl,
  franceTravailRomeUrl,
  lignee,
  partenairesUrl,
  poleEmploiRomeUrl,
  splitSections,
} from '../../src/lib/fiche.ts';
import { formatDate, ouiNon } from '../../src/lib/wording.ts';
import type { Fiche } from '../../src/schema/fiche.ts';

const base = {
  intitule: 'Test',
  certificateurs: [{ nom: 'Organisme' }],
  voies_acces: {},
  accessible_nouvelle_caledonie: null,
  accessible_polynesie_francaise: null,
} as unknown as Fiche;
const fiche = (numero: string, actif: boolean, extra: Partial<Fiche> = {}): Fiche => ({
  ...base,
  numero_fiche: numero,
  statut: { actif },
  ...extra,
});

describe('fiche addresses and labels', () => {
  it('gives each répertoire its own permanent address', () => {
    expect(ficheUrl('RNCP6133')).toBe('/rncp/6133/');
    expect(ficheUrl('RS5000')).toBe('/rs/5000/');
    expect(displayNumero('RNCP6133')).toBe('RNCP 6133');
    expect(franceCompetencesUrl('RS5000')).toBe(
      'https://www.francecompetences.fr/recherche/rs/5000/',
    );
  });

  it('writes dates the French way, whatever the time zone', () => {
    expect(formatDate('2007-03-03')).toBe('3 mars 2007');
    expect(formatDate('2008-08-27')).toBe('27 août 2008');
  });

  it('never turns an unknown into yes or no', () => {
    expect(ouiNon(true)).toBe('Oui');
    expect(ouiNon(false)).toBe('Non');
    expect(ouiNon(null)).toBe('Non précisé dans la source');
  });

  it('addresses a certificateur by SIRET, or by its name without accents', () => {
    expect(certificateurSlug({ nom: 'X', siret: '42370591200057' })).toBe('42370591200057');
    expect(certificateurSlug({ nom: 'Centre ressource AROBASE' })).toBe('centre-ressource-arobase');
    expect(certificateurSlug({ nom: "École d'Été — Île" })).toBe('ecole-d-ete-ile');
  });
});

describe('lignee', () => {
  it('names the most recent fiche of the line', () => {
    const l = lignee(
      fiche('RNCP6133', false, {
        lignee: {
          suivantes: [{ numero: 'RNCP16575' }],
          ulterieures: [
            { numero: 'RNCP36128', precedente: 'RNCP16575' },
            { numero: 'RNCP37504', precedente: 'RNCP36128' },
          ],
        },
      }),
    );
    expect(l.plusRecente?.numero).toBe('RNCP37504');
  });

  it('uses the only successor when no later fiche is known, and nothing when there are several', () => {
    expect(
      lignee(fiche('RNCP1', false, { lignee: { suivantes: [{ numero: 'RNCP2' }] } })).plusRecente
        ?.numero,
    ).toBe('RNCP2');
    expect(
      lignee(
        fiche('RNCP1', false, {
          lignee: { suivantes: [{ numero: 'RNCP2' }, { numero: 'RNCP3' }] },
        }),
      ).plusRecente,
    ).toBeUndefined();
    expect(lignee(fiche('RNCP1', true)).plusRecente).toBeUndefined();
  });
});

describe('body sections', () => {
  it('splits the body by its known level-2 headings', () => {
    const sections = splitSections(
      '## Activités visées\n\n- a\n- b\n\n### Détail\n\ntexte\n\n## Historique\n\nAvant.\n',
    );
    expect(Object.keys(sections)).toEqual(['activites', 'historique']);
    expect(sections.activites?.map((n) => n.type)).toEqual(['list', 'heading', 'paragraph']);
  });

  it('tolerates an empty body', () => {
    expect(splitSections(undefined)).toEqual({});
    expect(splitSections('')).toEqual({});
  });
});

it('sorts active fiches first, then RNCP before RS, then by number', () => {
  const list = [
    fiche('RS5', true),
    fiche('RNCP10', false),
    fiche('RNCP9', true),
    fiche('RNCP2', true),
  ];
  expect(list.sort(compareFiches).map((f) => f.numero_fiche)).toEqual([
    'RNCP2',
    'RNCP9',
    'RS5',
    'RNCP10',
  ]);
});

describe('addresses and words the pages give, to the letter', () => {
  it('links the partners page, the archived addresses and France Travail’s page', () => {
    expect(partenairesUrl('RNCP6133')).toBe('/rncp/6133/partenaires/');
    expect(partenairesUrl('RS5000')).toBe('/rs/5000/partenaires/');
    expect(cncpUrl('RNCP6133')).toBe(
      'http://www.rncp.cncp.gouv.fr/grand-public/visualisationFiche?format=fr&fiche=6133',
    );
    expect(franceTravailRomeUrl('K1801')).toBe(
      'https://candidat.francetravail.fr/metierscope/fiche-metier/K1801',
    );
    expect(poleEmploiRomeUrl('K1801')).toBe(
      'http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome=K1801',
    );
  });

  it('says what each partner may do, in words', () => {
    expect(HABILITATIONS).toEqual({
      HABILITATION_FORMER: 'préparer à la certification',
      HABILITATION_ORGANISER: "organiser l'évaluation",
      HABILITATION_ORGA_FORM: "préparer et organiser l'évaluation",
    });
  });

  it('gives a certificateur without SIRET an address without stray dashes', () => {
    expect(certificateurSlug({ nom: '« Lycée Émile-Zola » ' })).toBe('lycee-emile-zola');
  });

  it('names the last of several later fiches as the one to look at today', () => {
    const later = ['RNCP2', 'RNCP3', 'RNCP4'].map((numero) => ({ numero }));
    expect(
      lignee(fiche('RNCP1', false, { lignee: { ulterieures: later } } as Partial<Fiche>))
        .plusRecente,
    ).toEqual({ numero: 'RNCP4' });
  });

  it('reads a section title whatever else its heading holds', () => {
    expect(
      Object.keys(splitSections('## Activités visées[](https://exemple.fr/)\n\nTexte.')),
    ).toEqual(['activites']);
  });
});
