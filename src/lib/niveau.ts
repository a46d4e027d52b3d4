/**
 * The level a fiche is listed under, one meaning for the whole site: the level pages (/niveaux/5/,
 * /niveaux/sans-niveau/), the ordering by level of /fiches/par-niveau/ and the search's « Niveau »
 * filter (`?niveau=5`, `?niveau=sans-niveau`). Runs in the browser too (the search page orders its
 * filter with it): it imports nothing that would bring zod along.
 */
import { CORRESPONDANCE_1969 } from '../schema/niveaux.ts';
import type { FicheFacts } from '../schema/summary.ts';

/** The key of the fiches without a level: their page's address segment and their filter value. */
export const SANS_NIVEAU = 'sans-niveau';

/**
 * `"1"` to `"8"`: the fiche's level of the cadre national, else the one its 1969 level corresponds
 * to (III → 5; I → 7, the usual case, 8 being the doctorate); else `sans-niveau`.
 */
export function niveauKey(fiche: Pick<FicheFacts, 'niveau'>): string {
  const niveau = fiche.niveau;
  if (niveau?.europe !== undefined) return String(niveau.europe);
  if (niveau?.nomenclature_1969 !== undefined) {
    return String(CORRESPONDANCE_1969[niveau.nomenclature_1969][0]);
  }
  return SANS_NIVEAU;
}

/** Levels in ascending order, the fiches without one last. */
export function niveauRank(key: string): number {
  return key === SANS_NIVEAU ? Infinity : Number(key);
}
