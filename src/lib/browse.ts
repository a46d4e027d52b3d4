/**
 * What every list of fiches on the browse pages shares: fiches indexed by a key (a code, a level),
 * the orderings of the full list (/fiches/, /fiches/par-intitule/…), the addresses of its pages and
 * the sentences that sum a list up. The code trees are in ./code-tree.ts, the certificateurs in
 * ./certificateurs.ts, the Formacodes in ./formacodes.ts, the level a fiche is listed under in
 * ./niveau.ts. Pure functions, unit-tested without Astro (tests/browse.test.ts);
 * src/lib/catalogue.ts feeds them with the collections, once per build.
 */
import { splitNumeroFiche } from '../schema/codes.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { compareFiches } from './fiche.ts';
import { niveauKey, niveauRank } from './niveau.ts';
import { emptyFilters, SEARCH_PATH, stateToParams, type FacetKey } from './search/state.ts';
import { countOf, formatNumber as fr, plural } from './wording.ts';

/** French alphabetical order: case and accents ignored, numbers by value. */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** « aucune fiche », « 1 fiche », « 1 234 fiches ». */
export function nombreFiches(n: number): string {
  if (n === 0) return 'aucune fiche';
  return countOf(n, 'fiche');
}

/**
 * Fiches under each key `keysOf` gives them (a fiche counts once per key), each list active first,
 * then by répertoire and number.
 */
export function indexFiches(
  fiches: readonly FicheFacts[],
  keysOf: (fiche: FicheFacts) => Iterable<string>,
): Map<string, FicheFacts[]> {
  const index = new Map<string, FicheFacts[]>();
  for (const fiche of fiches) {
    for (const key of new Set(keysOf(fiche))) {
      const list = index.get(key);
      if (list) list.push(fiche);
      else index.set(key, [fiche]);
    }
  }
  for (const list of index.values()) list.sort(compareFiches);
  return index;
}

/** Codes in the order of their characters' code points (`332`, `332t`, `K18`, `K1801`). */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The most frequent value first (ties: the first met), then the others in the order met. */
export function byFrequency(values: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  // The sort is stable: equal counts keep the order met.
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

export type Ordre = 'numero' | 'intitule' | 'niveau' | 'statut';

export interface Ordering {
  ordre: Ordre;
  /** The address segment after /fiches/ (none for the default ordering, by number). */
  segment: string;
  path: string;
  label: string;
}

const ordering = (ordre: Ordre, segment: string, label: string): Ordering => ({
  ordre,
  segment,
  path: segment ? `/fiches/${segment}/` : '/fiches/',
  label,
});

/** The static orderings of the full list, each at its own address. */
export const ORDRES: readonly Ordering[] = [
  ordering('numero', '', 'Par numéro'),
  ordering('intitule', 'par-intitule', 'Par intitulé'),
  ordering('niveau', 'par-niveau', 'Par niveau'),
  ordering('statut', 'par-statut', 'Par statut (actives d’abord)'),
];

/** How many fiches, active ones, RNCP and RS fiches a list holds. */
export function compteFiches(fiches: readonly FicheFacts[]): {
  total: number;
  actives: number;
  rncp: number;
  rs: number;
} {
  let actives = 0;
  let rs = 0;
  for (const fiche of fiches) {
    if (fiche.statut.actif) actives++;
    if (fiche.numero_fiche.startsWith('RS')) rs++;
  }
  return { total: fiches.length, actives, rncp: fiches.length - rs, rs };
}

function compareNumero(a: FicheFacts, b: FicheFacts): number {
  const x = splitNumeroFiche(a.numero_fiche);
  const y = splitNumeroFiche(b.numero_fiche);
  return x.repertoire.localeCompare(y.repertoire) || x.numero - y.numero;
}

const COMPARE: Record<Ordre, (a: FicheFacts, b: FicheFacts) => number> = {
  numero: compareNumero,
  intitule: (a, b) => collator.compare(a.intitule, b.intitule) || compareNumero(a, b),
  niveau: (a, b) => niveauRank(niveauKey(a)) - niveauRank(niveauKey(b)) || compareNumero(a, b),
  statut: compareFiches,
};

/** A sorted copy: RNCP then RS by number; by title in French order; by level; active first. */
export function sortFiches(fiches: readonly FicheFacts[], ordre: Ordre): FicheFacts[] {
  return [...fiches].sort(COMPARE[ordre]);
}

/** The address of page `n` of a list whose first page is `first` (as Astro's paginate() makes them). */
export function pageHref(first: string, n: number): string {
  return n <= 1 ? first : `${first}${n}/`;
}

/** « 1 fiche, inactive », « 3 fiches, toutes actives », « 2 662 fiches, dont 1 200 actives ». */
export function fichesEtActives(total: number, actives: number): string {
  const fiches = nombreFiches(total);
  if (total === 0) return fiches;
  if (actives === total) return `${fiches}, ${total > 1 ? 'toutes actives' : 'active'}`;
  if (actives === 0) return `${fiches}, ${total > 1 ? 'toutes inactives' : 'inactive'}`;
  return `${fiches}, dont ${countOf(actives, 'active')}`;
}

/**
 * The sentence above a list of fiches: « 2 662 fiches, dont 1 200 actives, listées en tête. Fiches 1 à
 * 200, page 1 sur 14. »
 */
export function resumeListe(list: {
  total: number;
  actives: number;
  start: number;
  end: number;
  currentPage: number;
  lastPage: number;
}): string {
  const { total, actives } = list;
  let text = fichesEtActives(total, actives);
  text += actives > 0 && actives < total ? ', listées en tête.' : '.';
  if (list.lastPage > 1) {
    text += ` Fiches ${fr(list.start + 1)} à ${fr(list.end + 1)}, page ${list.currentPage} sur ${list.lastPage}.`;
  }
  return text;
}

/** The caption of a page of the full table: « Fiches par numéro, 501 à 1 000 sur 17 439 ». */
export function legendeTableau(
  label: string,
  page: { start: number; end: number; total: number; lastPage: number },
): string {
  const base = `Fiches ${label.toLowerCase()}`;
  if (page.lastPage <= 1) return base;
  return `${base}, ${fr(page.start + 1)} à ${fr(page.end + 1)} sur ${fr(page.total)}`;
}

/** Fiches per page on a code's page (cards), and rows per page of the long tables and indexes. */
export const FICHES_PAR_PAGE = 200;
export const LIGNES_PAR_PAGE = 500;

/**
 * A level explained in a sentence for each framework: the cadre national of 2019, the 1969
 * nomenclature that fiches registered before 2019 show, and the European framework.
 */
export function niveauExplique(
  europe: number,
  description: string,
  nomenclature1969: string | null,
): { cadreNational: string; nomenclature1969: string; europeen: string } {
  const avant2019 = 'la nomenclature de 1969, qu’affichent les fiches enregistrées avant 2019';
  let ancien: string;
  if (nomenclature1969 === null) {
    ancien = `Pas d’équivalent : ${avant2019}, commençait au niveau V, l’actuel niveau 3.`;
  } else if (nomenclature1969 === 'I') {
    ancien = `Niveau I de ${avant2019} ; ce niveau I couvrait à la fois les niveaux 7 et 8 d’aujourd’hui.`;
  } else {
    ancien = `Niveau ${nomenclature1969} de ${avant2019}.`;
  }
  return {
    cadreNational: `Niveau ${europe} du cadre national des certifications professionnelles (décret n° 2019-14 du 8 janvier 2019). ${description}`,
    nomenclature1969: ancien,
    europeen: `Niveau ${europe} du cadre européen des certifications : le cadre national en reprend les huit niveaux, avec les mêmes numéros.`,
  };
}

/** « 1 234 fiches : 1 000 du RNCP et 234 du Répertoire spécifique ; 800 actives, … » */
export function resumeCatalogue(compte: ReturnType<typeof compteFiches>): string {
  const actives =
    compte.actives === 0
      ? 'aucune n’est active'
      : `${countOf(compte.actives, 'active')}, qu’on peut obtenir aujourd’hui`;
  return `${nombreFiches(compte.total)} : ${fr(compte.rncp)} du RNCP et ${fr(compte.rs)} du Répertoire spécifique ; ${actives}.`;
}

/** « A, B, C et 12 autres » : national diplomas can name dozens of certificateurs. */
export function nomsCertificateurs(fiche: FicheFacts, max = 3): string {
  const noms = fiche.certificateurs.map((c) => c.nom);
  if (noms.length <= max) return noms.join(', ');
  const autres = noms.length - max;
  return `${noms.slice(0, max).join(', ')} et ${autres} ${plural(autres, 'autre')}`;
}

/** A browse page's link to the search, filtered on what the page lists. */
export interface RechercheFiltree {
  href: string;
  label: string;
}

/**
 * The search filtered on a code or a level (`/recherche/?rome=K1801`), where words, routes of access
 * and the other filters narrow the list: among the active fiches when the list has any, among all of
 * them otherwise. `quoi` ends the link's words: « du code ROME K1801 ».
 */
export function rechercheFiltree(
  facette: FacetKey,
  valeur: string,
  actives: number,
  quoi: string,
): RechercheFiltree {
  const params = stateToParams({
    q: '',
    inactives: actives === 0,
    filters: { ...emptyFilters(), [facette]: [valeur] },
  });
  return {
    href: `${SEARCH_PATH}?${params.toString()}`,
    label:
      actives === 0
        ? `Rechercher parmi les fiches ${quoi}`
        : actives === 1
          ? `Rechercher parmi la fiche active ${quoi}`
          : `Rechercher parmi les ${fr(actives)} fiches actives ${quoi}`,
  };
}
