/**
 * The state of a search, which lives in the address so that it can be shared, reloaded and walked
 * back: `/recherche/?q=K1801&inactives=1&niveau=5`. `inactives=1` widens the search from the active
 * fiches to all of them (./scopes.ts); then one parameter per filter, repeated for each value
 * chosen. Runs in the browser and at build time: no imports.
 */

/**
 * The filters of the index, in the order the search page shows them. Within a filter whose values
 * are alternatives (a level, a code), the values chosen add up (`any`); within one whose values can
 * all hold at once (the routes of access), they narrow (`all`: open to VAE and to apprenticeship).
 */
export const FACETS = [
  { key: 'statut', legend: 'Statut', combine: 'any' },
  { key: 'niveau', legend: 'Niveau', combine: 'any' },
  { key: 'voie', legend: 'Voies d’accès ouvertes', combine: 'all' },
  { key: 'blocs', legend: 'Validation par blocs', combine: 'all' },
  { key: 'territoire', legend: 'Accessible aussi en', combine: 'all' },
  { key: 'repertoire', legend: 'Répertoire', combine: 'any' },
  { key: 'rome', legend: 'Métier (code ROME)', combine: 'any' },
  { key: 'nsf', legend: 'Spécialité de formation (code NSF)', combine: 'any' },
  { key: 'certificateur', legend: 'Certificateur', combine: 'any' },
] as const;

export type FacetKey = (typeof FACETS)[number]['key'];

export const FACET_KEYS: readonly FacetKey[] = FACETS.map((facet) => facet.key);

/**
 * The values of the routes of access (`voie`), the keys of the fiche's `voies_acces`
 * (src/schema/fiche.ts, VOIES_ACCES; a unit test checks they agree), in the order of the fiche.
 */
export const VOIES = [
  'formation_initiale',
  'apprentissage',
  'formation_continue',
  'contrat_professionnalisation',
  'candidature_individuelle',
  'vae',
] as const;

/** The one value of `blocs`: the fiche can be validated bloc by bloc. */
export const BLOCS_POSSIBLE = 'possible';

/** The values of `territoire`: accessible in Nouvelle-Calédonie, in Polynésie française. */
export const TERRITOIRES = ['nouvelle-caledonie', 'polynesie-francaise'] as const;

/** The values of the `statut` filter (those of `niveau` are ../niveau.ts's keys). */
export const STATUT = { actif: 'Active', inactif: 'Inactive' } as const;

/** The search page. */
export const SEARCH_PATH = '/recherche/';

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

/** Filters whose values are a fixed list: any other value in an address is dropped. */
const KNOWN_VALUES: Partial<Record<FacetKey, readonly string[]>> = {
  statut: Object.values(STATUT),
  voie: VOIES,
  blocs: [BLOCS_POSSIBLE],
  territoire: TERRITOIRES,
};

const MAX_QUERY = 300;
const MAX_VALUES = 50;

export function emptyFilters(): Record<FacetKey, string[]> {
  return Object.fromEntries(FACET_KEYS.map((key) => [key, []])) as unknown as Record<
    FacetKey,
    string[]
  >;
}

export function stateFromParams(params: URLSearchParams): SearchState {
  const filters = emptyFilters();
  for (const key of FACET_KEYS) {
    const values = params
      .getAll(key)
      .map((value) => value.trim())
      .map((value) => FORMER_VALUES[key]?.[value] ?? value)
      .filter((value) => value !== '' && (KNOWN_VALUES[key]?.includes(value) ?? true));
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

/**
 * The filters as Pagefind takes them (`search(q, { filters })`): a filter's values, `{ any: […] }`
 * or `{ all: […] }`, and compound conditions (`all: [condition, …]`, `any: [condition, …]`).
 */
export interface PagefindFilters {
  [key: string]: { any: string[] } | { all: string[] } | PagefindFilters[] | undefined;
  any?: PagefindFilters[];
  all?: PagefindFilters[];
}

/**
 * The index keeps ROME codes in one filter per grand domaine letter (`rome-k` holds K1801), so that
 * a search filtered on K1801 loads the small file of the K codes only, not every code's (the
 * search by job title does so for every query that names one).
 */
export function romeFilterKey(code: string): string {
  return `rome-${code.slice(0, 1).toLowerCase()}`;
}

export const ROME_FILTER_PREFIX = 'rome-';

/** Fiches citing any of `codes`, as a Pagefind condition; undefined for no code. */
export function romeCondition(codes: readonly string[]): PagefindFilters | undefined {
  const byKey = new Map<string, string[]>();
  for (const code of codes) {
    const key = romeFilterKey(code);
    byKey.set(key, [...(byKey.get(key) ?? []), code]);
  }
  const conditions = [...byKey].map(([key, values]) => ({ [key]: { any: values } }));
  if (conditions.length <= 1) return conditions[0];
  return { any: conditions };
}

/**
 * The filters of a search as Pagefind takes them: the values chosen within a filter added up or
 * all required (FACETS' `combine`), all filters at once. `except` leaves one filter out, to count
 * what each of its values would give; `romeCodes` further requires one of these ROME codes (the
 * codes of a job title, ./metiers.ts).
 */
export function pagefindFilters(
  state: SearchState,
  except?: FacetKey,
  romeCodes?: readonly string[],
): PagefindFilters {
  const filters: PagefindFilters = {};
  const conditions: PagefindFilters[] = [];
  for (const { key, combine } of FACETS) {
    if (key === 'statut' && !state.inactives) continue;
    const values = state.filters[key];
    if (key === except || values.length === 0) continue;
    if (key === 'rome') {
      conditions.push(romeCondition(values)!);
    } else {
      filters[key] = combine === 'all' ? { all: [...values] } : { any: [...values] };
    }
  }
  const wanted = romeCodes && romeCondition(romeCodes);
  if (wanted) conditions.push(wanted);
  if (conditions.length > 0) filters.all = conditions;
  return filters;
}
