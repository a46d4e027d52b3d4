/**
 * The sections of a fiche page, in the order a learner needs them (what it leads to, how to obtain
 * it, where, who certifies it, its classification, its legal basis and history, what changed from
 * the certification before or after it and which blocs carry over, the changes France Compétences
 * made to it, where to learn more),
 * each with its title and whether this fiche has anything to show in it. The page
 * (src/components/FichePage.astro) and its table of contents both take their list from here, so they
 * cannot disagree.
 */
import type { Fiche } from '../schema/fiche.ts';
import { type SectionKey, sectionTitle } from '../schema/sections.ts';
import type { FicheView } from './catalogue.ts';
import { lignee, type Sections } from './fiche.ts';

/** A section's anchor on the page (`/rncp/6133/#acces`), the id of its heading. */
export type FicheSectionId =
  | 'objectifs'
  | 'activites'
  | 'competences'
  | 'metiers'
  | 'reglementation'
  | 'acces'
  | 'blocs'
  | 'prerequis'
  | 'maitrise'
  | 'lieux'
  | 'certificateurs'
  | 'classement'
  | 'statistiques'
  | 'base-legale'
  | 'renouvellement'
  | 'historique'
  | 'ce-qui-change'
  | 'correspondances'
  | 'modifications'
  | 'liens'
  | 'sources';

export interface FicheSection {
  id: FicheSectionId;
  title: string;
  /**
   * Read by the search index. The rest of the page is kept out of it: texts every fiche shares (the
   * voies d'accès, the outre-mer, the dates) would make each query of the national catalogue heavier
   * and find nothing (docs/search.md).
   */
  indexed: boolean;
  /** The part of the fiche's body the section shows, when it shows that and nothing else. */
  body?: SectionKey;
}

/** What each part of the page (src/components/fiche/) is given: the fiche, resolved for the page. */
export interface FichePartProps {
  view: FicheView;
}

/**
 * What decides whether a section shows: the fiche's frontmatter, its body split by section, and its
 * entries in the journal of changes (none when not given).
 */
export interface FicheContent {
  fiche: Fiche;
  sections: Sections;
  modifications?: readonly unknown[];
}

interface Definition extends FicheSection {
  shows: (content: FicheContent, has: (key: SectionKey) => boolean) => boolean;
}

/** A section that shows one part of the body, under that part's own title. */
const prose = (id: FicheSectionId, body: SectionKey, indexed = false): Definition => ({
  id,
  title: sectionTitle(body),
  indexed,
  body,
  shows: (_, has) => has(body),
});

const always = () => true;

const DEFINITIONS: readonly Definition[] = [
  prose('objectifs', 'objectifs'),
  prose('activites', 'activites', true),
  prose('competences', 'competences', true),
  {
    id: 'metiers',
    title: 'Métiers et secteurs',
    indexed: true,
    shows: ({ fiche }, has) => has('emplois') || has('secteurs') || Boolean(fiche.rome?.length),
  },
  prose('reglementation', 'reglementation'),
  { id: 'acces', title: "Comment l'obtenir", indexed: false, shows: always },
  {
    id: 'blocs',
    title: 'Blocs de compétences et unités',
    indexed: true,
    shows: ({ fiche }, has) => Boolean(fiche.blocs?.length) || has('composantes'),
  },
  {
    id: 'prerequis',
    title: 'Prérequis',
    indexed: false,
    shows: (_, has) => has('prerequis_entree') || has('prerequis_validation'),
  },
  prose('maitrise', 'niveau_maitrise'),
  { id: 'lieux', title: 'Où se préparer et se certifier', indexed: false, shows: always },
  { id: 'certificateurs', title: 'Certificateurs et partenaires', indexed: false, shows: always },
  {
    id: 'classement',
    title: 'Niveau et spécialités',
    indexed: false,
    shows: ({ fiche }) =>
      Boolean(
        fiche.niveau ||
        fiche.nsf?.length ||
        fiche.formacodes?.length ||
        fiche.idcc?.length ||
        fiche.conventions?.length,
      ),
  },
  {
    id: 'statistiques',
    title: 'Statistiques',
    indexed: false,
    shows: ({ fiche }) => Boolean(fiche.statistiques),
  },
  {
    id: 'base-legale',
    title: 'Enregistrement et base légale',
    indexed: false,
    shows: ({ fiche }) => Boolean(fiche.base_legale || fiche.dates),
  },
  prose('renouvellement', 'renouvellement'),
  {
    id: 'historique',
    title: sectionTitle('historique'),
    indexed: false,
    shows: ({ fiche }, has) =>
      Boolean(
        fiche.lignee?.precedentes?.length ||
        fiche.lignee?.suivantes?.length ||
        has('historique') ||
        fiche.anciens_intitules?.length,
      ),
  },
  {
    id: 'ce-qui-change',
    title: 'Ce qui change',
    indexed: false,
    shows: ({ fiche }) => {
      const l = lignee(fiche);
      return [...l.precedentes, ...l.suivantes].some((x) => x.numero !== fiche.numero_fiche);
    },
  },
  {
    id: 'correspondances',
    title: 'Correspondances de blocs',
    indexed: false,
    shows: ({ fiche }) => Boolean(fiche.correspondances?.length),
  },
  {
    id: 'modifications',
    title: 'Historique des modifications',
    indexed: false,
    shows: ({ modifications }) => Boolean(modifications?.length),
  },
  prose('liens', 'liens'),
  { id: 'sources', title: 'Pour en savoir plus', indexed: false, shows: always },
];

/** The sections this fiche's page shows, in page order. */
export function ficheSections(content: FicheContent): FicheSection[] {
  const has = (key: SectionKey) => (content.sections[key]?.length ?? 0) > 0;
  return DEFINITIONS.filter((d) => d.shows(content, has)).map(
    ({ id, title, indexed, body }): FicheSection => ({
      id,
      title,
      indexed,
      ...(body ? { body } : {}),
    }),
  );
}
