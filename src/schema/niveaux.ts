/**
 * The values a fiche's level can take, apart from the zod schema (./fiche.ts) that checks them, so
 * that code running in the browser (the search page) can use them without loading zod.
 */

/** Levels of the 1969 nomenclature, which fiches registered before 2019 show. */
export const NIVEAUX_1969 = ['I', 'II', 'III', 'IV', 'V'] as const;
export type Niveau1969 = (typeof NIVEAUX_1969)[number];

/** 1969 nomenclature → 2019 cadre national (Décret 2019-14): V→3, IV→4, III→5, II→6, I→7 (some I → 8). */
export const CORRESPONDANCE_1969: Record<Niveau1969, readonly number[]> = {
  V: [3],
  IV: [4],
  III: [5],
  II: [6],
  I: [7, 8],
};

/** The export's values for a fiche without a level: REPRISE (no specific level) or AUCUN. */
export const SANS_NIVEAU_EXPORT = ['REPRISE', 'AUCUN'] as const;
export type SansNiveau = (typeof SANS_NIVEAU_EXPORT)[number];
