/**
 * The choices a filter offers for the current search: each value with its label and the number of
 * fiches it would give, in an order that reads well. Pure; the search page renders them.
 */
import type { CodeDirectory } from '../code-lookup.ts';
import { SANS_NIVEAU, niveauRank } from '../niveau.ts';
import { STATUT, type FacetKey } from './state.ts';

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

const FIXED_ORDER: Partial<Record<FacetKey, readonly string[]>> = {
  statut: [STATUT.actif, STATUT.inactif],
  repertoire: ['RNCP', 'RS'],
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
      return value;
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
