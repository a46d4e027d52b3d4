/**
 * The journal as the site lists it: one line per fiche and day, the newest day first; the filters of
 * /nouveautes/ by kind of change; the lines of one code (ROME, NSF, level, certificateur) for its feed.
 */
import type { EntreeJournal, JournalJour, TypeChangement } from '../../schema/journal.ts';

export interface LigneJournal {
  date: string;
  entree: EntreeJournal;
}

/** Lines shown per page of /nouveautes/. */
export const LIGNES_JOURNAL_PAR_PAGE = 100;

/** Every line of the journal, the newest day first, then by fiche number as in the day's file. */
export function lignesJournal(jours: readonly JournalJour[]): LigneJournal[] {
  return [...jours]
    .sort((a, b) => b.date.localeCompare(a.date))
    .flatMap((jour) => jour.fiches.map((entree) => ({ date: jour.date, entree })));
}

export interface FiltreJournal {
  /** Address segment: /nouveautes/<slug>/. */
  slug: string;
  /** Link text, and the page's title after « Nouveautés : ». */
  libelle: string;
  types: readonly TypeChangement[];
}

/** The kinds of change a reader can list on their own, in the order of the filter list. */
export const FILTRES_JOURNAL: readonly FiltreJournal[] = [
  { slug: 'nouvelles', libelle: 'nouvelles fiches', types: ['nouvelle'] },
  { slug: 'statut', libelle: 'fiches devenues actives ou inactives', types: ['statut'] },
  { slug: 'fin-enregistrement', libelle: 'fins d’enregistrement', types: ['fin_enregistrement'] },
  { slug: 'intitule', libelle: 'intitulés', types: ['intitule'] },
  { slug: 'niveau', libelle: 'niveaux', types: ['niveau'] },
  { slug: 'codes', libelle: 'codes ROME, NSF et Formacode', types: ['rome', 'nsf', 'formacodes'] },
  { slug: 'blocs', libelle: 'blocs de compétences', types: ['blocs'] },
  { slug: 'certificateurs', libelle: 'certificateurs', types: ['certificateurs'] },
  { slug: 'voies-acces', libelle: 'voies d’accès', types: ['voies_acces'] },
  { slug: 'lignee', libelle: 'certifications précédentes et suivantes', types: ['lignee'] },
  {
    slug: 'export',
    libelle: 'fiches sorties de l’export ou revenues',
    types: ['absente_export', 'retour_export'],
  },
];

/** The lines holding a change of the filter's kinds (the line keeps its other changes). */
export function filtrerLignes(
  lignes: readonly LigneJournal[],
  filtre: FiltreJournal,
): LigneJournal[] {
  return lignes.filter((l) => l.entree.changements.some((c) => filtre.types.includes(c.type)));
}

export type Facette = 'rome' | 'nsf' | 'niveau' | 'certificateurs';

/** The codes of a line for a facet: the ROME or NSF codes, the level page, the certificateurs. */
function codesOf(entree: EntreeJournal, facette: Facette): readonly string[] {
  if (facette === 'niveau') return entree.niveau ? [entree.niveau] : [];
  return entree[facette] ?? [];
}

/**
 * Lines by code of a facet (a ROME code cited by a fiche → the lines of that fiche). `page` maps a
 * recorded code to the page it belongs to today (a certificateur's spelling → its entity), one line
 * once per page.
 */
export function lignesParCode(
  lignes: readonly LigneJournal[],
  facette: Facette,
  page: (code: string) => string = (code) => code,
): Map<string, LigneJournal[]> {
  const index = new Map<string, LigneJournal[]>();
  for (const ligne of lignes) {
    for (const code of new Set(codesOf(ligne.entree, facette).map(page))) {
      const list = index.get(code);
      if (list) list.push(ligne);
      else index.set(code, [ligne]);
    }
  }
  return index;
}

/** Lines grouped by day, in order, for a page of /nouveautes/. */
export function parJour(
  lignes: readonly LigneJournal[],
): { date: string; lignes: LigneJournal[] }[] {
  const days: { date: string; lignes: LigneJournal[] }[] = [];
  for (const ligne of lignes) {
    const last = days.at(-1);
    if (last?.date === ligne.date) last.lignes.push(ligne);
    else days.push({ date: ligne.date, lignes: [ligne] });
  }
  return days;
}
