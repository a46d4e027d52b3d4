/**
 * The choices a filter offers for the current search: each value with its label and the number of
 * fiches it would give, in an order that reads well. Pure; the search page renders them.
 */
import type { CodeDirectory } from '../code-lookup.ts';
import { SANS_NIVEAU, niveauRank } from '../niveau.ts';
import type { FilterCounts } from './pagefind.ts';
import {
  BLOCS_POSSIBLE,
  FACETS,
  ROME_FILTER_PREFIX,
  STATUT,
  TERRITOIRES,
  VOIES,
  type FacetKey,
  type SearchState,
} from './state.ts';

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

const FIXED_ORDER: Partial<Record<FacetKey, readonly string[]>> = {
  statut: [STATUT.actif, STATUT.inactif],
  voie: VOIES,
  territoire: TERRITOIRES,
  repertoire: ['RNCP', 'RS'],
};

/** The words of the values that are keys: short, for a list of checkboxes. */
const LABELS: Partial<Record<FacetKey, Readonly<Record<string, string>>>> = {
  voie: {
    formation_initiale: 'Formation initiale (élève, étudiant)',
    apprentissage: 'Apprentissage',
    formation_continue: 'Formation continue',
    contrat_professionnalisation: 'Contrat de professionnalisation',
    candidature_individuelle: 'Candidature individuelle',
    vae: 'VAE (validation des acquis de l’expérience)',
  } satisfies Record<(typeof VOIES)[number], string>,
  blocs: { [BLOCS_POSSIBLE]: 'Validation par blocs possible' },
  territoire: {
    'nouvelle-caledonie': 'Nouvelle-Calédonie',
    'polynesie-francaise': 'Polynésie française',
  } satisfies Record<(typeof TERRITOIRES)[number], string>,
};

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** The words a value stands for: « Niveau 5 », « K1801 · Conseil en emploi… ». */
export function facetLabel(key: FacetKey, value: string, directory: CodeDirectory): string {
  switch (key) {
    case 'niveau':
      return value === SANS_NIVEAU ? 'Sans niveau précisé' : `Niveau ${value}`;
    case 'repertoire':
      return value === 'RS' ? 'Répertoire spécifique (RS)' : value;
    case 'rome':
    case 'nsf': {
      const libelle = key === 'rome' ? directory.rome(value) : directory.nsf(value);
      return libelle ? `${value} · ${libelle}` : value;
    }
    default:
      return LABELS[key]?.[value] ?? value;
  }
}

/**
 * Values with at least one fiche, and every chosen value even when it gives none (so that it can
 * be unchecked). Levels in ascending order, status and répertoire in a fixed order, the others by
 * number of fiches, then by label.
 */
export function facetOptions(
  key: FacetKey,
  counts: Readonly<Record<string, number>> | undefined,
  selected: readonly string[],
  directory: CodeDirectory,
): FacetOption[] {
  const values = new Set([
    ...Object.entries(counts ?? {})
      .filter(([, count]) => count > 0)
      .map(([value]) => value),
    ...selected,
  ]);
  const options = [...values].map((value) => ({
    value,
    label: facetLabel(key, value, directory),
    count: counts?.[value] ?? 0,
    selected: selected.includes(value),
  }));
  const fixed = FIXED_ORDER[key];
  if (fixed) {
    const rank = (value: string) => (fixed.includes(value) ? fixed.indexOf(value) : fixed.length);
    return options.sort(
      (a, b) => rank(a.value) - rank(b.value) || collator.compare(a.value, b.value),
    );
  }
  if (key === 'niveau') {
    return options.sort((a, b) => niveauRank(a.value) - niveauRank(b.value));
  }
  return options.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
}

/** Pagefind's counts with the ROME codes of every letter's filter (`rome-k`…) as one `rome`. */
export function countsByFacet(pagefind: FilterCounts): FilterCounts {
  const counts: FilterCounts = {};
  for (const [key, values] of Object.entries(pagefind)) {
    const target = key.startsWith(ROME_FILTER_PREFIX) ? 'rome' : key;
    counts[target] = { ...counts[target], ...values };
  }
  return counts;
}

/**
 * Counts over the union of two result sets, from the counts of each and of their intersection:
 * the fiches found by the words and those found by a job title (`a + b - both`).
 */
export function unionCounts(a: FilterCounts, b: FilterCounts, both: FilterCounts): FilterCounts {
  const counts: FilterCounts = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const values = new Set([...Object.keys(a[key] ?? {}), ...Object.keys(b[key] ?? {})]);
    counts[key] = Object.fromEntries(
      [...values].map((value) => [
        value,
        (a[key]?.[value] ?? 0) + (b[key]?.[value] ?? 0) - (both[key]?.[value] ?? 0),
      ]),
    );
  }
  return counts;
}

/**
 * Pagefind's counts for a search: its words (`null` for none) and the reader's filters, leaving
 * one filter out (`except`) or requiring one of a job title's ROME codes (`codes`).
 */
export type CountSearch = (
  q: string | null,
  except?: FacetKey,
  codes?: readonly string[],
) => Promise<FilterCounts>;

/**
 * The count of each filter's values for the current search. Within a filter, values add up (any of
 * them) or narrow (all of them: the routes of access); between filters, they narrow. So the counts
 * of an adding filter with a chosen value come from the same search without that filter. With a
 * job title's codes, each count is over the fiches found by the words or by the codes: words +
 * codes − both. `known` are the counts of the searches already made, the words' and the codes'.
 */
export async function countFacets(
  count: CountSearch,
  text: string | null,
  state: SearchState,
  codes: readonly string[],
  known: { words: FilterCounts; metier?: FilterCounts | undefined },
): Promise<FilterCounts> {
  const countsWithout = async (except?: FacetKey, done?: typeof known) => {
    const words = done?.words ?? (await count(text, except));
    if (codes.length === 0 || text === null) return countsByFacet(words);
    const [metier, both] = await Promise.all([
      done?.metier ?? count(null, except, codes),
      count(text, except, codes),
    ]);
    return unionCounts(countsByFacet(words), countsByFacet(metier), countsByFacet(both));
  };
  const all = await countsWithout(undefined, known);
  const counts: FilterCounts = {};
  await Promise.all(
    FACETS.map(async ({ key, combine }) => {
      counts[key] =
        combine === 'all' || state.filters[key].length === 0
          ? (all[key] ?? {})
          : ((await countsWithout(key))[key] ?? {});
    }),
  );
  return counts;
}
