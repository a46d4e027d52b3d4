/**
 * The code trees of the browse pages (/rome/, /nsf/): every code of a reference table with the
 * fiches citing it, its parent and children and the count of fiches below it; the codes fiches cite
 * most; the ROME 4.0 « fiches emploi » and job titles of a ROME code. Pure functions over fiches and the tables, unit-tested
 * without Astro (tests/browse.test.ts); src/lib/catalogue.ts builds each tree once per build.
 */
import type { FicheFacts } from '../schema/summary.ts';
import { compareCodes, indexFiches } from './browse.ts';
import type { AppellationEntry, NsfEntry, RomeEntry } from './referentiels.ts';

export const romeCodesOf = (fiche: FicheFacts): string[] => (fiche.rome ?? []).map((r) => r.code);
export const nsfCodesOf = (fiche: FicheFacts): string[] => (fiche.nsf ?? []).map((n) => n.code);

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

/** A job title as a ROME code's page lists it. */
export interface AppellationView {
  libelle: string;
  /** The ROME 4.0 fiche emploi the title belongs to, when it is not the page's code (K1224 on K1203). */
  emploi?: { code: string; href?: string };
}

/**
 * The job titles of the ROME code `code` (src/lib/referentiels.ts, appellationsByCode), each with
 * its own ROME 4.0 fiche emploi when that is another code, linked when it has a page.
 */
export function appellationViews(
  entries: readonly AppellationEntry[],
  code: string,
  hasPage: (code: string) => boolean,
): AppellationView[] {
  return entries.map((entry) =>
    entry.code === code
      ? { libelle: entry.libelle }
      : {
          libelle: entry.libelle,
          emploi: {
            code: entry.code,
            ...(hasPage(entry.code) ? { href: `/rome/${entry.code}/` } : {}),
          },
        },
  );
}

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
