/**
 * What the browse pages show: fiches indexed by ROME and NSF code, level (the key of ./niveau.ts),
 * certificateur and Formacode; the code trees with their counts; the orderings of the full list. Pure functions over fiches and
 * the reference tables, unit-tested without Astro (tests/browse.test.ts); src/lib/catalogue.ts feeds
 * them with the collections, once per build.
 */
import { splitNumeroFiche } from '../schema/codes.ts';
import type { Certificateur } from '../schema/fiche.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { certificateurSlug, compareFiches } from './fiche.ts';
import { niveauKey, niveauRank } from './niveau.ts';
import type { NsfEntry, RomeEntry } from './referentiels.ts';

/** French alphabetical order: case and accents ignored, numbers by value. */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** A number as French readers write it: « 1 234 ». */
const fr = (n: number) => n.toLocaleString('fr-FR');

/** « aucune fiche », « 1 fiche », « 1 234 fiches ». */
export function nombreFiches(n: number): string {
  if (n === 0) return 'aucune fiche';
  return `${fr(n)} fiche${n > 1 ? 's' : ''}`;
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

export const romeCodesOf = (fiche: FicheFacts): string[] => (fiche.rome ?? []).map((r) => r.code);
export const nsfCodesOf = (fiche: FicheFacts): string[] => (fiche.nsf ?? []).map((n) => n.code);
export const formacodesOf = (fiche: FicheFacts): string[] =>
  (fiche.formacodes ?? []).map((f) => f.code);

/** A code of a hierarchical referential: `K1801` under `K18`, `332t` under `332`. */
export interface CodeEntry {
  code: string;
  parent?: string;
}

export interface CodeNode<E extends CodeEntry> {
  entry: E;
  parent?: CodeNode<E>;
  /** The codes right below, by code. */
  children: CodeNode<E>[];
  /** Fiches citing this very code, active first, then by number. */
  fiches: FicheFacts[];
  /** Distinct fiches citing this code or any code below it. */
  total: number;
  /** False for a code a fiche cites that the reference table lacks. */
  known: boolean;
}

export interface CodeTree<E extends CodeEntry> {
  /** The top level (grands domaines, catégories), by code. */
  roots: CodeNode<E>[];
  /** Every code of the table, and every code a fiche cites. */
  nodes: ReadonlyMap<string, CodeNode<E>>;
}

/**
 * The referential as a tree, each code with the fiches citing it. A code cited by a fiche but absent
 * from the table still gets a node (from `placeholder`), so that every code a fiche page links to
 * has a page.
 */
export function buildCodeTree<E extends CodeEntry>(
  entries: Iterable<E>,
  fiches: readonly FicheFacts[],
  codesOf: (fiche: FicheFacts) => Iterable<string>,
  placeholder: (code: string) => E,
): CodeTree<E> {
  const index = indexFiches(fiches, codesOf);
  const nodes = new Map<string, CodeNode<E>>();
  const add = (entry: E, known: boolean) =>
    nodes.set(entry.code, {
      entry,
      children: [],
      fiches: index.get(entry.code) ?? [],
      total: 0,
      known,
    });
  for (const entry of entries) add(entry, true);
  for (const code of index.keys()) {
    // An unknown code's unknown ancestors get placeholders too (K9901 → K99), so the tree stays whole.
    for (let c: string | undefined = code; c !== undefined && !nodes.has(c);) {
      const entry = placeholder(c);
      add(entry, false);
      c = entry.parent;
    }
  }
  const roots: CodeNode<E>[] = [];
  for (const node of nodes.values()) {
    const parent = node.entry.parent === undefined ? undefined : nodes.get(node.entry.parent);
    if (parent && parent !== node) {
      // Not enumerable: the tree stays a tree for JSON (the incremental build hashes a page's props).
      Object.defineProperty(node, 'parent', { value: parent, enumerable: false });
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const byCode = (a: CodeNode<E>, b: CodeNode<E>) => compareCodes(a.entry.code, b.entry.code);
  const visit = (node: CodeNode<E>, depth: number): Set<string> => {
    node.children.sort(byCode);
    const numeros = new Set(node.fiches.map((f) => f.numero_fiche));
    // The deepest referential has four levels; the bound only guards against a cycle in a hand-edited table.
    if (depth < 8) {
      for (const child of node.children) for (const n of visit(child, depth + 1)) numeros.add(n);
    }
    node.total = numeros.size;
    return numeros;
  };
  roots.sort(byCode);
  for (const root of roots) visit(root, 0);
  return { roots, nodes };
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** From the top of the tree down to the node's parent. */
export function ancestors<E extends CodeEntry>(node: CodeNode<E>): CodeNode<E>[] {
  const chain: CodeNode<E>[] = [];
  for (let p = node.parent; p && chain.length < 8; p = p.parent) chain.unshift(p);
  return chain;
}

/** The codes fiches cite, the most cited first (then by code). */
export function mostCited<E extends CodeEntry>(tree: CodeTree<E>): CodeNode<E>[] {
  return [...tree.nodes.values()]
    .filter((node) => node.fiches.length > 0)
    .sort((a, b) => b.fiches.length - a.fiches.length || compareCodes(a.entry.code, b.entry.code));
}

/** What the shape of a ROME code says when the table lacks it: K1801 under K18, K18 under K. */
export function romePlaceholder(code: string): RomeEntry {
  if (code.length === 1) return { code, type: 'grand_domaine' };
  const type = code.length === 3 ? 'domaine' : 'fiche';
  return { code, type, parent: type === 'domaine' ? code.slice(0, 1) : code.slice(0, 3) };
}

/** What the shape of an NSF code says when the table lacks it: 332t under 332, 332 under 33. */
export function nsfPlaceholder(code: string): NsfEntry {
  const type = (['categorie', 'domaine', 'groupe'] as const)[code.length - 1] ?? 'specialite';
  const parent = code.slice(0, Math.min(code.length - 1, 3));
  return { code, type, libelle: '', ...(parent ? { parent } : {}) };
}

/** The label of an NSF code: the legal text's, else the export's (empty for an unknown code). */
export function nsfLibelle(entry: NsfEntry): string {
  return entry.libelle || entry.libelle_export || '';
}

/** The ROME 4.0 « fiches emploi » attached to a fiche (A1102, A1103 → A1101), by code. */
export function fichesEmploi(rome: Iterable<RomeEntry>): Map<string, RomeEntry[]> {
  const children = new Map<string, RomeEntry[]>();
  for (const entry of rome) {
    if (entry.fiche_parente === undefined) continue;
    const list = children.get(entry.fiche_parente);
    if (list) list.push(entry);
    else children.set(entry.fiche_parente, [entry]);
  }
  for (const list of children.values()) list.sort((a, b) => compareCodes(a.code, b.code));
  return children;
}

/** The most frequent value first (ties: the first met), then the others in the order met. */
export function byFrequency(values: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  // The sort is stable: equal counts keep the order met.
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

export interface CertificateurGroup {
  /** Address segment, from certificateurSlug(): the SIRET when known, else the name. */
  slug: string;
  /** The name most fiches give it. */
  nom: string;
  /** Other spellings found in the fiches, most frequent first. */
  autresNoms: string[];
  siret?: string;
  nomsCommerciaux: string[];
  sitesInternet: string[];
  /** Its fiches, active first, then by number. */
  fiches: FicheFacts[];
  actives: number;
  /** Another certificateur has the same name (another establishment): its SIRET tells them apart. */
  homonyme: boolean;
}

/**
 * Every certificateur of the catalogue, by SIRET when the fiches give it, else by name, sorted by
 * name in French order. The active fiches come first, so on a tie their spelling wins.
 */
export function groupCertificateurs(fiches: readonly FicheFacts[]): CertificateurGroup[] {
  const bySlug = new Map<string, { fiches: FicheFacts[]; certificateurs: Certificateur[] }>();
  for (const fiche of [...fiches].sort(compareFiches)) {
    const seen = new Set<string>();
    for (const c of fiche.certificateurs) {
      const slug = certificateurSlug(c);
      let group = bySlug.get(slug);
      if (!group) bySlug.set(slug, (group = { fiches: [], certificateurs: [] }));
      group.certificateurs.push(c);
      if (!seen.has(slug)) group.fiches.push(fiche);
      seen.add(slug);
    }
  }
  const groups = [...bySlug]
    .map(([slug, { fiches: list, certificateurs }]): CertificateurGroup => {
      const [nom = slug, ...autresNoms] = byFrequency(certificateurs.map((c) => c.nom));
      const siret = certificateurs.find((c) => c.siret)?.siret;
      return {
        slug,
        nom,
        autresNoms,
        ...(siret ? { siret } : {}),
        nomsCommerciaux: byFrequency(certificateurs.flatMap((c) => c.nom_commercial ?? [])),
        sitesInternet: byFrequency(certificateurs.flatMap((c) => c.site_internet ?? [])),
        fiches: list,
        actives: list.filter((f) => f.statut.actif).length,
        homonyme: false,
      };
    })
    .sort((a, b) => collator.compare(a.nom, b.nom) || compareCodes(a.slug, b.slug));
  const count = new Map<string, number>();
  const nameKey = (g: CertificateurGroup) => certificateurSlug({ nom: g.nom });
  for (const g of groups) count.set(nameKey(g), (count.get(nameKey(g)) ?? 0) + 1);
  for (const g of groups) g.homonyme = count.get(nameKey(g))! > 1;
  return groups;
}

/** The letter a name is filed under: A to Z, accents ignored, or `#` for a digit or a sign. */
export function initiale(nom: string): string {
  const first = nom.normalize('NFD').replace(/\p{M}/gu, '').trim().charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first) ? first : '#';
}

export interface FormacodeGroup {
  code: string;
  /** The label most fiches write for the code (there is no Formacode table in the project). */
  libelle?: string;
  autresLibelles: string[];
  fiches: FicheFacts[];
}

/** Every Formacode cited by the fiches, by code. */
export function groupFormacodes(fiches: readonly FicheFacts[]): FormacodeGroup[] {
  const index = indexFiches(fiches, formacodesOf);
  return [...index]
    .map(([code, list]): FormacodeGroup => {
      const labels = list.flatMap(
        (f) => f.formacodes?.filter((x) => x.code === code).flatMap((x) => x.libelle ?? []) ?? [],
      );
      const [libelle, ...autresLibelles] = byFrequency(labels);
      return { code, ...(libelle ? { libelle } : {}), autresLibelles, fiches: list };
    })
    .sort((a, b) => compareCodes(a.code, b.code));
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
  return `${fiches}, dont ${fr(actives)} active${actives > 1 ? 's' : ''}`;
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

/** How many codes of each type the tree holds (`{ fiche: 1091, domaine: 111, … }`). */
export function countByType<E extends CodeEntry & { type: string }>(
  tree: CodeTree<E>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of tree.nodes.values()) {
    if (node.known) counts[node.entry.type] = (counts[node.entry.type] ?? 0) + 1;
  }
  return counts;
}

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

/** For an alphabetical list cut into pages: the page where each initial starts, in order. */
export function pagesParInitiale(noms: readonly string[], pageSize: number): Map<string, number> {
  const pages = new Map<string, number>();
  noms.forEach((nom, i) => {
    const lettre = initiale(nom);
    if (!pages.has(lettre)) pages.set(lettre, Math.floor(i / pageSize) + 1);
  });
  return pages;
}

/** Consecutive items of an alphabetical list grouped under their initial. */
export function parInitiale<T>(
  items: readonly T[],
  nom: (item: T) => string,
): { lettre: string; items: T[] }[] {
  const groups: { lettre: string; items: T[] }[] = [];
  for (const item of items) {
    const lettre = initiale(nom(item));
    const last = groups.at(-1);
    if (last?.lettre === lettre) last.items.push(item);
    else groups.push({ lettre, items: [item] });
  }
  return groups;
}

/** « 1 234 fiches : 1 000 du RNCP et 234 du Répertoire spécifique ; 800 actives, … » */
export function resumeCatalogue(compte: ReturnType<typeof compteFiches>): string {
  const actives =
    compte.actives === 0
      ? 'aucune n’est active'
      : `${fr(compte.actives)} active${compte.actives > 1 ? 's' : ''}, qu’on peut obtenir aujourd’hui`;
  return `${nombreFiches(compte.total)} : ${fr(compte.rncp)} du RNCP et ${fr(compte.rs)} du Répertoire spécifique ; ${actives}.`;
}

/** « A, B, C et 12 autres » : national diplomas can name dozens of certificateurs. */
export function nomsCertificateurs(fiche: FicheFacts, max = 3): string {
  const noms = fiche.certificateurs.map((c) => c.nom);
  if (noms.length <= max) return noms.join(', ');
  const autres = noms.length - max;
  return `${noms.slice(0, max).join(', ')} et ${autres} autre${autres > 1 ? 's' : ''}`;
}
