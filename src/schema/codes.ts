/**
 * Patterns of the codes a fiche cites. Each code is a quoted string in YAML, never a number:
 * js-yaml turns an unquoted `0326` into 326 and the leading zero is lost.
 */
import { z } from 'astro/zod';

export const NUMERO_FICHE = /^(RNCP|RS)([1-9]\d{0,5})$/;
export const ROME = /^[A-N]\d{2}(\d{2})?$/;
export const NSF = /^\d{3}[a-z]?$/;
export const FORMACODE = /^\d{5}$/;
export const SIRET = /^\d{14}$/;
export const IDCC = /^\d{1,4}$/;
export const BLOC_CODE = /^(RNCP|RS)[1-9]\d{0,5}BC\d{2,3}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A quoted code checked by its pattern, with a French message that shows a valid value. */
export function code(pattern: RegExp, name: string, example: string) {
  return z
    .string({
      error: `${name} : une chaîne entre guillemets est attendue, par exemple "${example}"`,
    })
    .regex(pattern, { error: `${name} mal formé : attendu par exemple "${example}"` });
}

export const numeroFiche = code(NUMERO_FICHE, 'Numéro de fiche', 'RNCP6133').describe(
  'Numéro de la fiche : « RNCP » ou « RS » suivi du numéro, sans espace (RNCP6133, RS5000).',
);

/** An ISO date written as a quoted string. */
export const isoDate = z
  .string({ error: 'Date : une chaîne entre guillemets au format "AAAA-MM-JJ" est attendue' })
  .regex(ISO_DATE, { error: 'Date mal formée : attendu "AAAA-MM-JJ", par exemple "2007-03-03"' })
  .refine((value) => !ISO_DATE.test(value) || isRealDate(value), {
    error: "Date impossible : ce jour n'existe pas dans le calendrier",
  });

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The two répertoires: the RNCP and the Répertoire spécifique. */
export const REPERTOIRES = ['RNCP', 'RS'] as const;
export type Repertoire = (typeof REPERTOIRES)[number];

/** Splits "RNCP6133" into its répertoire and number. */
export function splitNumeroFiche(numero: string): { repertoire: Repertoire; numero: number } {
  const match = NUMERO_FICHE.exec(numero);
  if (!match) throw new Error(`Numéro de fiche mal formé : ${numero}`);
  return { repertoire: match[1] as Repertoire, numero: Number(match[2]) };
}
