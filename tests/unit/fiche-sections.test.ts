/**
 * Which sections a fiche page shows, in which order and under which titles (src/lib/fiche-sections.ts),
 * the one list that the page and its table of contents both follow. Pure: no build, no browser.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSections } from '../../src/lib/fiche.ts';
import { readFiche } from '../../src/lib/fiche-file.ts';
import { ficheSections } from '../../src/lib/fiche-sections.ts';
import type { Fiche } from '../../src/schema/fiche.ts';
import { SECTIONS } from '../../src/schema/sections.ts';

/** The least a valid fiche has: number, title, status, one certificateur, the voies d'accès. */
const minimal = {
  numero_fiche: 'RNCP9999',
  intitule: 'Agent de test',
  statut: { actif: true },
  certificateurs: [{ nom: 'Organisme de test' }],
  voies_acces: {},
  accessible_nouvelle_caledonie: null,
  accessible_polynesie_francaise: null,
} as unknown as Fiche;

const withBody = (body: string, extra: Partial<Fiche> = {}) => ({
  fiche: { ...minimal, ...extra },
  sections: splitSections(body),
});
const ids = (content: Parameters<typeof ficheSections>[0]) =>
  ficheSections(content).map((s) => s.id);

/** Every section of the body, each with a line of text. */
const FULL_BODY = SECTIONS.map((s) => `## ${s.titre}\n\nTexte.\n`).join('\n');

describe('the sections of a fiche page', () => {
  it('shows only what every fiche has when the fiche has nothing more', () => {
    expect(ids(withBody(''))).toEqual(['acces', 'lieux', 'certificateurs', 'sources']);
  });

  it('shows for RNCP 6133 the sections its data fill, in page order', async () => {
    const { fiche, body } = await readFiche('rncp/6133', path.resolve('content/fiches'));
    expect(ficheSections({ fiche, sections: splitSections(body) })).toEqual([
      { id: 'activites', title: 'Activités visées', indexed: true, body: 'activites' },
      { id: 'competences', title: 'Compétences attestées', indexed: true, body: 'competences' },
      { id: 'metiers', title: 'Métiers et secteurs', indexed: true },
      { id: 'acces', title: "Comment l'obtenir", indexed: false },
      { id: 'blocs', title: 'Blocs de compétences et unités', indexed: true },
      { id: 'lieux', title: 'Où se préparer et se certifier', indexed: false },
      { id: 'certificateurs', title: 'Certificateurs et partenaires', indexed: false },
      { id: 'classement', title: 'Niveau et spécialités', indexed: false },
      { id: 'statistiques', title: 'Statistiques', indexed: false },
      { id: 'base-legale', title: 'Enregistrement et base légale', indexed: false },
      { id: 'historique', title: 'Historique', indexed: false },
      { id: 'ce-qui-change', title: 'Ce qui change', indexed: false },
      { id: 'sources', title: 'Pour en savoir plus', indexed: false },
    ]);
  });

  it('keeps one order whatever the order of the body, and lets the search read only four sections', () => {
    const reversed = SECTIONS.map((s) => `## ${s.titre}\n\nTexte.\n`)
      .reverse()
      .join('\n');
    const full = withBody(reversed, {
      rome: [{ code: 'K1801' }],
      niveau: { europe: 5 },
      statistiques: { mention: '45 certifiés par an' },
      dates: { effet: '2007-03-03' },
      lignee: { suivantes: [{ numero: 'RNCP16575' }] },
      correspondances: [{ blocs_source: [], fiche_destination: 'RNCP16575' }],
    } as Partial<Fiche>);
    const sections = ficheSections({ ...full, modifications: [{ date: '2026-08-17' }] });
    expect(sections.map((s) => s.id)).toEqual([
      'objectifs',
      'activites',
      'competences',
      'metiers',
      'reglementation',
      'acces',
      'blocs',
      'prerequis',
      'maitrise',
      'lieux',
      'certificateurs',
      'classement',
      'statistiques',
      'base-legale',
      'renouvellement',
      'historique',
      'ce-qui-change',
      'correspondances',
      'modifications',
      'liens',
      'sources',
    ]);
    expect(sections.filter((s) => s.indexed).map((s) => s.id)).toEqual([
      'activites',
      'competences',
      'metiers',
      'blocs',
    ]);
    expect(ids(withBody(FULL_BODY))).toEqual(
      sections
        .map((s) => s.id)
        .filter(
          (id) =>
            ![
              'classement',
              'statistiques',
              'base-legale',
              'ce-qui-change',
              'correspondances',
              'modifications',
            ].includes(id),
        ),
    );
  });

  it('titles a section of the body with its heading, and names the part of the body it shows', () => {
    const maitrise = ficheSections(withBody(FULL_BODY)).find((s) => s.id === 'maitrise');
    expect(maitrise).toEqual({
      id: 'maitrise',
      title: 'Niveau de maîtrise des compétences',
      indexed: false,
      body: 'niveau_maitrise',
    });
  });

  it('shows a section that gathers several parts as soon as one of them is there', () => {
    expect(ids(withBody('', { rome: [{ code: 'K1801' }] } as Partial<Fiche>))).toContain('metiers');
    expect(ids(withBody("## Secteurs d'activité\n\nSanté.\n"))).toContain('metiers');
    expect(ids(withBody('## Composantes de la certification\n\nDeux unités.\n'))).toContain(
      'blocs',
    );
    expect(
      ids(withBody('## Prérequis à la validation de la certification\n\nUn stage.\n')),
    ).toContain('prerequis');
    expect(ids(withBody('', { idcc: [{ code: '2941' }] } as Partial<Fiche>))).toContain(
      'classement',
    );
    expect(ids(withBody('', { anciens_intitules: ['Ancien titre'] }))).toContain('historique');
    expect(
      ids(withBody('', { lignee: { precedentes: [{ numero: 'RNCP1718' }] } } as Partial<Fiche>)),
    ).toContain('historique');
    expect(ids(withBody('', { base_legale: {} } as Partial<Fiche>))).toContain('base-legale');
  });

  it('compares the fiche with its direct predecessors and successors only', () => {
    const lignee = (l: object) => ids(withBody('', { lignee: l } as Partial<Fiche>));
    expect(lignee({ precedentes: [{ numero: 'RNCP1718' }] })).toContain('ce-qui-change');
    expect(lignee({ suivantes: [{ numero: 'RNCP16575' }] })).toContain('ce-qui-change');
    // A lignée given as later generations only, or naming the fiche itself, has nothing to compare.
    expect(lignee({ ulterieures: [{ numero: 'RNCP36128' }] })).not.toContain('ce-qui-change');
    expect(lignee({ precedentes: [{ numero: 'RNCP9999' }] })).not.toContain('ce-qui-change');
  });

  it('shows the correspondences and the history of changes only when there are some', () => {
    expect(ids(withBody(''))).not.toContain('correspondances');
    expect(
      ids(
        withBody('', {
          correspondances: [{ blocs_source: [], fiche_destination: 'RNCP31114' }],
        } as Partial<Fiche>),
      ),
    ).toContain('correspondances');
    expect(ids({ ...withBody(''), modifications: [] })).not.toContain('modifications');
    expect(ids({ ...withBody(''), modifications: [{ date: '2026-08-17' }] })).toEqual([
      'acces',
      'lieux',
      'certificateurs',
      'modifications',
      'sources',
    ]);
  });

  it('leaves out a part of the body that has a heading and no text', () => {
    expect(
      ids(withBody('## Objectifs et contexte\n\n## Activités visées\n\nAccueillir.\n')),
    ).toEqual(['activites', 'acces', 'lieux', 'certificateurs', 'sources']);
  });
});
