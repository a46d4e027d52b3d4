/**
 * The state of a search, which lives in the address so that it can be shared, reloaded and walked
 * back: `/recherche/?q=K1801&inactives=1&niveau=5`. `inactives=1` widens the search from the active
 * fiches to all of them (./scopes.ts); then one parameter per filter, repeated for each value
 * chosen. Runs in the browser and at build time: no imports.
 */

/** The filters of the index, in the order the search page shows them. */
export const FACETS = [
  { key: 'statut', legend: 'Statut' },
  { key: 'niveau', legend: 'Niveau' },
  { key: 'repertoire', legend: 'Répertoire' },
  { key: 'rome', legend: 'Métier (code ROME)' },
  { key: 'nsf', legend: 'Spécialité de formation (code NSF)' },
  { key: 'certificateur', legend: 'Certificateur' },
] as const;

export type FacetKey = (typeof FACETS)[number]['key'];

export const FACET_KEYS: readonly FacetKey[] = FACETS.map((facet) => facet.key);

/** The values of the `statut` filter (those of `niveau` are ../niveau.ts's keys). */
export const STATUT = { actif: 'Active', inactif: 'Inactive' } as const;

/** Set by the header search form: go straight to the page of an exact code when there is one. */
export const DIRECT_PARAM = 'direct';

/** `inactives=1`: search the inactive fiches too. */
export const INACTIVES_PARAM = 'inactives';

export interface SearchState {
  q: string;
  /** Whether the inactive fiches are searched as well as the active ones. */
  inactives: boolean;
  filters: Record<FacetKey, string[]>;
}

/** Values older addresses used, read as today's (`niveau=sans` before `sans-niveau`, ../niveau.ts). */
const FORMER_VALUES: Partial<Record<FacetKey, Readonly<Record<string, string>>>> = {
  niveau: { sans: 'sans-niveau' },
};

const MAX_QUERY = 300;
const MAX_VALUES = 50;

export function emptyFilters(): Record<FacetKey, string[]> {
  return { statut: [], niveau: [], repertoire: [], rome: [], nsf: [], certificateur: [] };
}

export function stateFromParams(params: URLSearchParams): SearchState {
  const filters = emptyFilters();
  for (const key of FACET_KEYS) {
    const values = params
      .getAll(key)
      .map((value) => value.trim())
      .map((value) => FORMER_VALUES[key]?.[value] ?? value)
      .filter(Boolean);
    filters[key] = [...new Set(values)].slice(0, MAX_VALUES);
  }
  // Asking for inactive fiches by their status (an older address) asks for them: `statut=Inactive`.
  const inactives = params.get(INACTIVES_PARAM) === '1' || filters.statut.includes(STATUT.inactif);
  // The status filter only means something once both scopes are searched.
  if (!inactives) filters.statut = [];
  return { q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY), inactives, filters };
}

/**
 * The address's query string for a state: the words first, then `inactives=1`, then each filter's
 * values, sorted.
 */
export function stateToParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const q = state.q.trim();
  if (q) params.set('q', q);
  if (state.inactives) params.set(INACTIVES_PARAM, '1');
  for (const key of FACET_KEYS) {
    if (key === 'statut' && !state.inactives) continue;
    for (const value of [...state.filters[key]].sort()) params.append(key, value);
  }
  return params;
}

export function hasFilters(state: SearchState): boolean {
  return FACET_KEYS.some(
    (key) => state.filters[key].length > 0 && (key !== 'statut' || state.inactives),
  );
}

export function isBlank(state: SearchState): boolean {
  return state.q.trim() === '' && !hasFilters(state);
}

export function sameState(a: SearchState, b: SearchState): boolean {
  return stateToParams(a).toString() === stateToParams(b).toString();
}

export function toggleFilter(
  state: SearchState,
  key: FacetKey,
  value: string,
  selected: boolean,
): SearchState {
  const values = state.filters[key].filter((v) => v !== value);
  if (selected) values.push(value);
  return { ...state, filters: { ...state.filters, [key]: values } };
}

/** Widens or narrows the search; narrowing drops the status filter, which then means nothing. */
export function withInactives(state: SearchState, inactives: boolean): SearchState {
  return {
    ...state,
    inactives,
    filters: inactives ? state.filters : { ...state.filters, statut: [] },
  };
}

export type PagefindFilters = Partial<Record<FacetKey, { any: string[] }>>;

/**
 * The filters as Pagefind takes them: any of the values chosen within a filter, all filters at
 * once. `except` leaves one filter out, to count what each of its values would give.
 */
export function pagefindFilters(state: SearchState, except?: FacetKey): PagefindFilters {
  const filters: PagefindFilters = {};
  for (const key of FACET_KEYS) {
    if (key === 'statut' && !state.inactives) continue;
    if (key !== except && state.filters[key].length > 0) {
      filters[key] = { any: [...state.filters[key]] };
    }
  }
  return filters;
}
