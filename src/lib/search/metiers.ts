/**
 * Job titles lead to certifications: the ROME 4.0 job titles (content/referentiels/appellations.json)
 * as a small index the search page reads beside Pagefind, so that a title no fiche contains
 * (« accompagnatrice reconversion professionnelle ») finds the fiches of its ROME code (K1801).
 *
 * Why not in Pagefind: the titles of every ROME code of a fiche, indexed with it, would add some
 * 60 titles to each fiche's words and excerpts, hence to every search; a separate Pagefind bundle
 * would load its own WebAssembly and metadata (some 100 kB). Here a query loads, per word, one
 * file of word postings (`/recherche/metiers/m-<n>.json`, under 2 kB), and, only when the words
 * make up a job title, the titles of its codes (`t-<n>.json`); the fiches of the codes are then a
 * Pagefind search filtered on them (./state.ts, romeCondition).
 *
 * A title matches when each word of the query is one of its words (the last one may be the start
 * of a word, as it is being typed) and the query makes up at least two thirds of the title's
 * words, « Accompagnateur / Accompagnatrice » counting once: « accompagnatrice en reconversion »
 * is « Accompagnateur / Accompagnatrice reconversion professionnelle », « compétences » alone is no
 * job title. Words are compared without accents, case, final s or x and small words (de, en…).
 *
 * Runs in the browser and at build time (src/integrations/write-codes-index.ts): no imports.
 */

/** Where the files are, next to the codes (./codes-index.ts). */
export const METIERS_DIR = '/recherche/metiers/';

/** Word files: each holds the words whose first four letters hash to it. */
export const WORD_SHARDS = 512;

/** The letters of a word that choose its file: a query word this long may be unfinished. */
const SHARD_LETTERS = 4;

/** Titles per title file; a title's number says which file holds it. */
export const TITLES_PER_FILE = 128;

/** At most this many ROME codes come from one query: the best titles' codes. */
export const MAX_CODES = 3;

/** The share of a title's words that a query must make up. */
const COVERAGE = 2 / 3;

/** A title's count of words, as the index keeps it (one digit). */
const MAX_WORDS = 7;

const STOP_WORDS = new Set([
  'a',
  'au',
  'aux',
  'avec',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'ou',
  'par',
  'pour',
  'sur',
  'un',
  'une',
]);

/** The words of a text as the index compares them: `Chargée d'études` → `charge`, `etude`. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .map((word) => (word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word));
}

/**
 * How many words a title has for a reader: the masculine and feminine forms
 * (« Accompagnateur / Accompagnatrice ») count once, as the words after the last « / ».
 */
export function titleWordCount(title: string): number {
  const parts = title.split(' / ');
  return Math.max(1, new Set(foldWords(parts.at(-1) ?? title)).size);
}

/** The word file of a word: the hash of its first four letters (FNV-1a). */
export function wordShard(word: string): number {
  let hash = 0x811c9dc5;
  for (const char of word.slice(0, SHARD_LETTERS)) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % WORD_SHARDS;
}

export function wordFile(shard: number): string {
  return `${METIERS_DIR}m-${shard}.json`;
}

export function titleFile(n: number): string {
  return `${METIERS_DIR}t-${n}.json`;
}

/**
 * A word file: word → the titles that have it, in number order, as `,`-separated tokens: the
 * difference with the previous title's number in base 36, then the title's count of words (one
 * digit). `0a3,12` is title 10 (3 words), then title 11 (2 words).
 */
export type WordFile = Record<string, string>;

/** A title as a word file lists it. */
export interface TitleRef {
  number: number;
  /** The title's count of words (at most 7). */
  words: number;
}

export function encodeTitleRefs(refs: readonly TitleRef[]): string {
  return refs
    .map((ref, i) => `${(ref.number - (i > 0 ? refs[i - 1]!.number : 0)).toString(36)}${ref.words}`)
    .join(',');
}

export function decodeTitleRefs(text: string): TitleRef[] {
  const refs: TitleRef[] = [];
  let number = 0;
  for (const token of text.split(',')) {
    if (!/^[0-9a-z]+[1-7]$/.test(token)) continue;
    number += parseInt(token.slice(0, -1), 36);
    refs.push({ number, words: Number(token.slice(-1)) });
  }
  return refs;
}

/** A title file: its titles in number order, grouped by ROME code: `[code, label, titles]`. */
export type TitleFile = [code: string, libelle: string, titles: string[]][];

export interface MetierTitle {
  libelle: string;
  /** The ROME v3 code of the title (`code_rome_parent`): the one fiches cite. */
  code: string;
}

export interface MetierIndexFiles {
  words: Map<number, WordFile>;
  titles: Map<number, TitleFile>;
}

/**
 * The files of the index, from the job titles and the label of each code. Titles are numbered in
 * the order of their code, then of their words, so that the titles of a code share a file.
 */
export function buildMetierIndex(
  titles: readonly MetierTitle[],
  libelle: (code: string) => string,
): MetierIndexFiles {
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const sorted = [...titles].sort(
    (a, b) =>
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || collator.compare(a.libelle, b.libelle),
  );
  const postings = new Map<number, Map<string, TitleRef[]>>();
  const files = new Map<number, TitleFile>();
  sorted.forEach((title, number) => {
    const ref = { number, words: Math.min(MAX_WORDS, titleWordCount(title.libelle)) };
    for (const word of new Set(foldWords(title.libelle))) {
      const shard = wordShard(word);
      const file = postings.get(shard) ?? new Map<string, TitleRef[]>();
      file.set(word, [...(file.get(word) ?? []), ref]);
      postings.set(shard, file);
    }
    const n = Math.floor(number / TITLES_PER_FILE);
    const file = files.get(n) ?? [];
    const last = file.at(-1);
    if (last?.[0] === title.code) last[2].push(title.libelle);
    else file.push([title.code, libelle(title.code), [title.libelle]]);
    files.set(n, file);
  });
  // Every word file exists, so that the page never asks for one in vain.
  const words = new Map<number, WordFile>();
  for (let shard = 0; shard < WORD_SHARDS; shard++) {
    const file = postings.get(shard) ?? new Map<string, TitleRef[]>();
    words.set(
      shard,
      Object.fromEntries(
        [...file]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([w, refs]) => [w, encodeTitleRefs(refs)]),
      ),
    );
  }
  // The title files come in number order: the titles are numbered in the order they are filed.
  return { words, titles: files };
}

/** A query's words that count (none for a query too short to be a job title). */
export function metierQuery(q: string): string[] {
  const words = [...new Set(foldWords(q))].filter((word) => word.length >= 2);
  return words.some((word) => word.length >= 3) ? words : [];
}

/** The word files a query's words need. */
export function wordShardsOf(words: readonly string[]): number[] {
  return [...new Set(words.map(wordShard))];
}

/** A title a query makes up, before its words are read: its number and its share of the query. */
export interface TitleMatch {
  number: number;
  coverage: number;
  /** The title's count of words. */
  words: number;
}

/**
 * The titles that hold every word of the query (the last one, of four letters at least, may be the
 * start of a word, as it is being typed) and that the query makes up two thirds of at least, best first: the larger share of
 * the title, then the shorter title, then the first in number.
 */
export function matchTitles(
  words: readonly string[],
  files: ReadonlyMap<number, WordFile>,
): TitleMatch[] {
  let candidates: Map<number, number> | undefined;
  words.forEach((word, index) => {
    const open = index === words.length - 1 && word.length >= SHARD_LETTERS;
    const found = new Map<number, number>();
    for (const [key, list] of Object.entries(files.get(wordShard(word)) ?? {})) {
      if (key !== word && !(open && key.startsWith(word))) continue;
      for (const ref of decodeTitleRefs(list)) found.set(ref.number, ref.words);
    }
    candidates = candidates
      ? new Map([...candidates].filter(([number]) => found.has(number)))
      : found;
  });
  const matches: TitleMatch[] = [];
  for (const [number, count] of candidates ?? []) {
    const coverage = Math.min(1, words.length / count);
    if (coverage >= COVERAGE - 1e-9) matches.push({ number, coverage, words: count });
  }
  return matches.sort(
    (a, b) => b.coverage - a.coverage || a.words - b.words || a.number - b.number,
  );
}

/** The title files that hold these titles. */
export function titleFilesOf(matches: readonly TitleMatch[]): number[] {
  return [...new Set(matches.map((m) => Math.floor(m.number / TITLES_PER_FILE)))];
}

/** A ROME code found through a job title, with the best of its titles and the code's label. */
export interface MetierMatch {
  code: string;
  libelle: string;
  titre: string;
}

/**
 * The ROME codes of the best titles (at most MAX_CODES), each with its best title, from the title
 * files. A title whose file is missing is skipped.
 */
export function metierCodes(
  matches: readonly TitleMatch[],
  files: ReadonlyMap<number, TitleFile>,
): MetierMatch[] {
  const codes: MetierMatch[] = [];
  for (const match of matches) {
    const found = readTitle(match.number, files);
    if (!found || codes.some((c) => c.code === found.code)) continue;
    codes.push(found);
    if (codes.length === MAX_CODES) break;
  }
  return codes;
}

function readTitle(number: number, files: ReadonlyMap<number, TitleFile>): MetierMatch | undefined {
  const file = files.get(Math.floor(number / TITLES_PER_FILE));
  let offset = number % TITLES_PER_FILE;
  for (const [code, libelle, titles] of file ?? []) {
    if (offset < titles.length) return { code, libelle, titre: titles[offset]! };
    offset -= titles.length;
  }
  return undefined;
}
