/**
 * `/recherche/codes.json`: which codes have a page on the built site, so that the search only ever
 * sends someone to a page that exists. Written after the build from the list of built pages
 * (src/integrations/write-codes-index.ts), fetched by the search page the first time it needs it.
 *
 * Compact for 30,000 fiches: fiche numbers as ranges (« 1718,6133-6135 »), ROME and NSF codes with
 * their label (the search shows it beside the code, in the « Accès direct » link and the filters).
 */
import type { Repertoire } from '../../schema/codes.ts';
import type { CodeDirectory } from '../code-lookup.ts';

export const CODES_INDEX_PATH = '/recherche/codes.json';
/**
 * The labels of the ROME and NSF codes, apart: they weigh most of the index (tens of KB gzip), and
 * a search for a fiche number does not need them.
 */
export const CODE_LABELS_PATH = '/recherche/libelles.json';

/** How the index is written: the fiche numbers in one file, the codes' labels in another. */
export function splitCodesIndex(index: CodesIndexFile): {
  codes: Pick<CodesIndexFile, 'fiches'>;
  labels: Pick<CodesIndexFile, 'rome' | 'nsf'>;
} {
  return { codes: { fiches: index.fiches }, labels: { rome: index.rome, nsf: index.nsf } };
}

export interface CodesIndexFile {
  /** Fiche numbers with a page, per répertoire, as sorted ranges: `1718,6133-6135`. */
  fiches: Record<Repertoire, string>;
  /** ROME codes with a browse page → their current label. */
  rome: Record<string, string>;
  /** NSF codes with a browse page → their label. */
  nsf: Record<string, string>;
}

/** `[1, 2, 3, 7]` → `1-3,7`. */
export function encodeRanges(numbers: Iterable<number>): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Fiche numbers have at most six digits. */
const MAX_RANGE = 1_000_000;

/** `1-3,7` → the set {1, 2, 3, 7}; malformed parts are skipped. */
export function decodeRanges(text: string): Set<number> {
  const numbers = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last - first > MAX_RANGE) continue;
    for (let n = first; n <= last; n++) numbers.add(n);
  }
  return numbers;
}

export interface CodeLabels {
  rome(code: string): string | undefined;
  nsf(code: string): string | undefined;
}

/**
 * The index of a built site, from its page paths (`rncp/6133/`, `/rome/K1801/`…) and the labels of
 * the reference tables. A code without a built page is left out.
 */
export function buildCodesIndex(pathnames: Iterable<string>, labels: CodeLabels): CodesIndexFile {
  const fiches: Record<Repertoire, number[]> = { RNCP: [], RS: [] };
  const rome: Record<string, string> = {};
  const nsf: Record<string, string> = {};
  for (const pathname of pathnames) {
    const match = /^\/?(rncp|rs|rome|nsf)\/([^/]+)\/?$/.exec(pathname);
    if (!match) continue;
    const [, section, code] = match as unknown as [string, string, string];
    if (section === 'rncp' || section === 'rs') {
      if (/^[1-9]\d{0,5}$/.test(code))
        fiches[section === 'rncp' ? 'RNCP' : 'RS'].push(Number(code));
    } else if (section === 'rome') {
      rome[code] = labels.rome(code) ?? '';
    } else {
      nsf[code] = labels.nsf(code) ?? '';
    }
  }
  return {
    fiches: { RNCP: encodeRanges(fiches.RNCP), RS: encodeRanges(fiches.RS) },
    rome: sortedRecord(rome),
    nsf: sortedRecord(nsf),
  };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The lookups the search page needs, from the fetched file. */
export function codeDirectory(file: CodesIndexFile): CodeDirectory {
  const fiches = { RNCP: decodeRanges(file.fiches.RNCP), RS: decodeRanges(file.fiches.RS) };
  const rome = new Map(Object.entries(file.rome));
  const nsf = new Map(Object.entries(file.nsf));
  return {
    hasFiche: (repertoire, numero) => fiches[repertoire].has(numero),
    rome: (code) => rome.get(code),
    nsf: (code) => nsf.get(code),
  };
}

/** A directory that knows no page: the search still works, without « Accès direct ». */
export const EMPTY_DIRECTORY: CodeDirectory = {
  hasFiche: () => false,
  rome: () => undefined,
  nsf: () => undefined,
};
