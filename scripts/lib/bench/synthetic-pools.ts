/**
 * What the `real` profile draws from (./synthetic.ts): texts, codes, organisations, blocs and titles of
 * the real samples, and the ways to draw from them.
 */
import type { XNode } from '../../../src/lib/import/tree.ts';
import {
  HTML_ELEMENTS,
  childOf,
  leafText,
  numeroOf,
  textLines,
  textToHtml,
} from './synthetic-writing.ts';

/** Pools drawn from the samples: texts by element, codes, organisations, blocs, titles. */
interface Pools {
  rncp: XNode[];
  rs: XNode[];
  /** Text lines by element, per répertoire (falling back to both). */
  lines: Map<string, { rncp: string[]; rs: string[]; all: string[] }>;
  /** Average text bytes by element per répertoire, to share a fiche's text budget. */
  weights: { rncp: Map<string, number>; rs: Map<string, number> };
  nsf: { rncp: [string, string][]; rs: [string, string][] };
  rome: [string, string][];
  formacodes: { rncp: [string, string][]; rs: [string, string][] };
  organisations: [string, string][];
  partners: XNode[];
  blocs: XNode[];
  titles: { rncp: string[]; rs: string[] };
}

function codes(templates: XNode[], list: string, item: string): [string, string][] {
  const seen = new Map<string, string>();
  for (const t of templates) {
    for (const c of childOf(t, list)?.children.filter((x) => x.name === item) ?? []) {
      const code = leafText(c, 'CODE');
      if (code && !seen.has(code)) seen.set(code, leafText(c, 'LIBELLE') ?? '');
    }
  }
  return [...seen];
}

export function pools(templates: XNode[]): Pools {
  const rncp = templates.filter((t) => !numeroOf(t).startsWith('RS'));
  const rs = templates.filter((t) => numeroOf(t).startsWith('RS'));
  const lines: Pools['lines'] = new Map();
  const sums = { rncp: new Map<string, number>(), rs: new Map<string, number>() };
  const addText = (element: string, text: string, key: 'rncp' | 'rs') => {
    const entry = lines.get(element) ?? { rncp: [], rs: [], all: [] };
    const found = textLines(text);
    entry[key].push(...found);
    entry.all.push(...found);
    lines.set(element, entry);
  };
  for (const [key, list] of [
    ['rncp', rncp],
    ['rs', rs],
  ] as const) {
    for (const t of list) {
      for (const c of t.children) {
        if (HTML_ELEMENTS.has(c.name) && c.text.trim() !== '') {
          addText(c.name, c.text, key);
          sums[key].set(c.name, (sums[key].get(c.name) ?? 0) + Buffer.byteLength(c.text));
        }
        if (c.name.startsWith('SI_JURY_')) {
          const composition = leafText(c, 'COMPOSITION');
          if (composition) addText('COMPOSITION', composition, key);
        }
      }
    }
  }
  const blocs = rncp.flatMap((t) => childOf(t, 'BLOCS_COMPETENCES')?.children ?? []);
  const partners = templates.flatMap(
    (t) => childOf(t, 'PARTENAIRES')?.children.filter((c) => c.name === 'PARTENAIRE') ?? [],
  );
  const organisations = new Map<string, string>();
  for (const t of templates) {
    for (const c of childOf(t, 'CERTIFICATEURS')?.children ?? [])
      organisations.set(
        leafText(c, 'NOM_CERTIFICATEUR') ?? '',
        leafText(c, 'SIRET_CERTIFICATEUR') ?? '',
      );
  }
  for (const p of partners) {
    const name = leafText(p, 'NOM_PARTENAIRE');
    const siret = leafText(p, 'SIRET_PARTENAIRE');
    if (name && siret && /^\d{14}$/.test(siret) && !organisations.has(name))
      organisations.set(name, siret);
  }
  organisations.delete('');
  const blocTitles = blocs.map((b) => leafText(b, 'LIBELLE') ?? '').filter((t) => t.length > 10);
  return {
    rncp,
    rs,
    lines,
    weights: sums,
    nsf: { rncp: codes(rncp, 'CODES_NSF', 'NSF'), rs: codes(rs, 'CODES_NSF', 'NSF') },
    // And K1801, the code of the catalogue's own fiche (RNCP 6133), that the site's checks search for.
    rome: [...codes(rncp, 'CODES_ROME', 'ROME'), ...EXTRA_ROME],
    formacodes: {
      rncp: codes(rncp, 'FORMACODES', 'FORMACODE'),
      rs: codes(rs, 'FORMACODES', 'FORMACODE'),
    },
    organisations: [...organisations],
    partners,
    blocs,
    titles: {
      rncp: [...rncp.map((t) => leafText(t, 'INTITULE') ?? ''), ...blocTitles],
      rs: rs.map((t) => leafText(t, 'INTITULE') ?? ''),
    },
  };
}

/** ROME codes added to the samples' (France Compétences' v3 label, as in ../shared/notes/rncp.md). */
const EXTRA_ROME: [string, string][] = [
  ['K1801', 'Conseil en emploi et insertion socioprofessionnelle'],
];

/** Index drawn with weights (probabilities summing to 1). */
export function pickWeighted(weights: readonly number[], u: number): number {
  let cumulated = 0;
  for (const [i, w] of weights.entries()) {
    cumulated += w;
    if (u < cumulated) return i;
  }
  return weights.length - 1;
}

/** k distinct entries of a list. */
export function pickDistinct<T>(list: readonly T[], k: number, next: () => number): T[] {
  const start = Math.floor(next() * list.length);
  const step = 1 + Math.floor(next() * Math.max(1, list.length - 1));
  const chosen = new Set<number>();
  for (let i = 0; chosen.size < Math.min(k, list.length) && i < list.length * 2; i++)
    chosen.add((start + i * step) % list.length);
  for (let i = 0; chosen.size < Math.min(k, list.length); i++) chosen.add(i);
  return [...chosen].map((i) => list[i]!);
}

/** A text of about `target` bytes of HTML made of consecutive sample lines of one element. */
export function textOfSize(lines: string[], target: number, next: () => number): string {
  if (lines.length === 0) return '';
  const chosen: string[] = [];
  let size = 0;
  let i = Math.floor(next() * lines.length);
  while (size < target && chosen.length < 5000) {
    let line = lines[i % lines.length]!;
    const room = target - size - 9;
    if (Buffer.byteLength(line) > room) {
      // The last line is cut at a word, as a summary would be.
      const cut = line.lastIndexOf(' ', Math.max(40, room));
      if (cut >= 40) line = `${line.slice(0, cut).replace(/[\s,;:.]+$/, '')}.`;
      else if (chosen.length > 0) break;
    }
    chosen.push(line);
    size += Buffer.byteLength(line) + 9;
    i++;
  }
  return textToHtml(chosen.join('\n'));
}

export const LEVEL_LABEL = (level: number) => `Niveau ${level}`;
export const pad2 = (n: number) => String(n).padStart(2, '0');
/** dd/mm/yyyy for a day drawn in a year range. */
export const dateIn = (from: number, to: number, next: () => number) =>
  `${pad2(1 + Math.floor(next() * 28))}/${pad2(1 + Math.floor(next() * 12))}/${from + Math.floor(next() * (to - from + 1))}`;

/** k consecutive blocs of the pool, from a drawn start. */
export function pickBlocs(blocs: XNode[], k: number, next: () => number): XNode[] {
  const start = Math.floor(next() * blocs.length);
  return Array.from({ length: k }, (_, j) => blocs[(start + j) % blocs.length]!);
}
