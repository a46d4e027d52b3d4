/**
 * The part of Pagefind's browser API (`/pagefind/pagefind.js`, written by the build) that the search
 * page uses, typed, and the options it is given.
 */
import type { PagefindFilters } from './state.ts';

/** Filter → value → number of fiches. */
export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindResultData {
  url: string;
  /** Escaped text with the matches inside `<mark>` elements. */
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  /** For each filter value, how many of these results have it. */
  filters: FilterCounts;
}

export interface PagefindSearchOptions {
  filters?: PagefindFilters;
  sort?: Record<string, 'asc' | 'desc'>;
}

export interface PagefindOptions {
  excerptLength?: number;
  ranking?: { metaWeights?: Record<string, number> };
}

export interface Pagefind {
  options(options: PagefindOptions): Promise<void>;
  init(): Promise<void>;
  /** Adds another bundle (its path, e.g. `/pagefind-inactives/`) to every later search. */
  mergeIndex(path: string, options?: PagefindOptions): Promise<void>;
  search(query: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch>;
  filters(): Promise<FilterCounts>;
}

/** The script of a bundle, from the bundle's path (./scopes.ts). */
export function pagefindScript(bundle: string): string {
  return `${bundle}pagefind.js`;
}

/** Results shown at once, and added by « Afficher plus de résultats »: each loads a fragment file. */
export const PAGE_SIZE = 10;

export const PAGEFIND_OPTIONS: PagefindOptions = {
  excerptLength: 28,
  ranking: {
    // A fiche whose own number, ROME or NSF code matches (metadata set by SearchMetadata.astro)
    // comes before a fiche whose text merely mentions it. The title keeps Pagefind's default, 5.
    metaWeights: { codes: 10, numero: 10 },
  },
};

/** The sort key of a listing without words (see ./record.ts). */
export const LISTING_SORT: Record<string, 'asc'> = { ordre: 'asc' };
