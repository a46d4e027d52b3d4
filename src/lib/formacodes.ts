/**
 * The Formacodes' browse pages (/formacodes/): every Formacode the fiches cite, with its fiches and
 * the label they write for it (the project has no Formacode table). Pure, unit-tested without Astro
 * (tests/browse.test.ts).
 */
import type { FicheFacts } from '../schema/summary.ts';
import { byFrequency, compareCodes, indexFiches } from './browse.ts';

export const formacodesOf = (fiche: FicheFacts): string[] =>
  (fiche.formacodes ?? []).map((f) => f.code);

export interface FormacodeGroup {
  code: string;
  /** The label most fiches write for the code (there is no Formacode table in the project). */
  libelle?: string;
  autresLibelles: string[];
  fiches: FicheFacts[];
}

/** Every Formacode cited by the fiches, by code. */
export function groupFormacodes(fiches: readonly FicheFacts[]): FormacodeGroup[] {
  const index = indexFiches(fiches, formacodesOf);
  return [...index]
    .map(([code, list]): FormacodeGroup => {
      const labels = list.flatMap(
        (f) => f.formacodes?.filter((x) => x.code === code).flatMap((x) => x.libelle ?? []) ?? [],
      );
      const [libelle, ...autresLibelles] = byFrequency(labels);
      return { code, ...(libelle ? { libelle } : {}), autresLibelles, fiches: list };
    })
    .sort((a, b) => compareCodes(a.code, b.code));
}
