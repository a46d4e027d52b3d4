/**
 * A FICHE of the export, held as a small element tree while it is converted (one fiche at a time: the
 * whole export is never in memory). Plain data only, so that it can be posted to a worker thread.
 *
 * The converter reads the tree through `child()` / `children()`, which mark what they read as used.
 * After conversion, `unusedPaths()` lists every element that nobody read: an element the importer does
 * not know (or a repeated single-valued element). Nothing is dropped without being named in the report.
 */
export interface XNode {
  name: string;
  /** Concatenated text and CDATA directly inside this element (entities already decoded by the XML parser). */
  text: string;
  children: XNode[];
  /** Line of the opening tag in the export. */
  line: number;
  attributes?: Record<string, string>;
  used?: boolean;
}

export function node(name: string, line = 0): XNode {
  return { name, text: '', children: [], line };
}

/** Every child named one of `names`, marked as used. */
export function children(parent: XNode | undefined, ...names: string[]): XNode[] {
  if (!parent) return [];
  const found: XNode[] = [];
  for (const c of parent.children) {
    if (names.includes(c.name)) {
      c.used = true;
      found.push(c);
    }
  }
  return found;
}

/**
 * The first child named one of `names` (in the order of `names`: the V4.1 name first, then older ones),
 * marked as used. A second occurrence is left unused and will be reported.
 */
export function child(parent: XNode | undefined, ...names: string[]): XNode | undefined {
  if (!parent) return undefined;
  for (const name of names) {
    const found = parent.children.find((c) => c.name === name);
    if (found) {
      found.used = true;
      return found;
    }
  }
  return undefined;
}

/** Marks an element as read (for containers whose content is read through other calls). */
export function use(n: XNode | undefined): XNode | undefined {
  if (n) n.used = true;
  return n;
}

/** Paths (from `base`) of the elements no accessor read, and of every attribute (none is expected). */
export function unusedPaths(root: XNode, base: string): string[] {
  const out: string[] = [];
  const walk = (n: XNode, path: string) => {
    for (const attribute of Object.keys(n.attributes ?? {})) out.push(`${path}/@${attribute}`);
    for (const c of n.children) {
      const p = `${path}/${c.name}`;
      if (!c.used) out.push(p);
      else walk(c, p);
    }
  };
  walk(root, base);
  return out;
}
