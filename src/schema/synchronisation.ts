/**
 * The record of the last synchronisation with France Compétences' export, `content/synchronisation.json`,
 * written by `npm run sync` (src/lib/sync/) and committed with the fiches it wrote: which export (day,
 * data.gouv.fr resources, SHA-256 of the zips) and what the import did with it. Its history is the
 * repository's history of that file.
 */
import { z } from 'astro/zod';
import { REPERTOIRES, isoDate, numeroFiche } from './codes.ts';

const count = z.int().min(0);

export const ressourceSynchroniseeSchema = z.strictObject({
  repertoire: z.enum(REPERTOIRES),
  /** Day of the export, from the resource's name. */
  date: isoDate,
  /** Name of the zip (`export-fiches-rncp-v4-1-2026-08-16.zip`). */
  fichier: z.string().min(1),
  /** data.gouv.fr's id of the resource; absent for zips taken from a folder (--source). */
  ressource: z.string().min(1).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'SHA-256 : 64 chiffres hexadécimaux' }),
  octets: count,
  /** The XML file read inside the zip. */
  entree: z.string().min(1),
  version_flux: z.string().min(1),
});
export type RessourceSynchronisee = z.infer<typeof ressourceSynchroniseeSchema>;

export const synchronisationSchema = z.strictObject({
  date_export: isoDate,
  synchronise_le: z.iso.datetime({ error: 'Date et heure ISO attendues (2026-08-17T05:00:00Z)' }),
  ressources: z.array(ressourceSynchroniseeSchema).min(1),
  totaux: z.strictObject({
    lues: count,
    ecrites: count,
    nouvelles: count,
    mises_a_jour: count,
    inchangees: count,
    modifiees_a_la_main: count,
    refusees: count,
    /** Fiches of the catalogue marked absent from the export by this synchronisation. */
    absentes: count,
    /** Fiches back in the export after an absence. */
    retours: count,
  }),
  /** Fiches edited by hand whose text in the export changed: an editor has to reconcile them. */
  a_reconcilier: z.array(numeroFiche),
  /** Fiches the export holds but the importer refused (the catalogue keeps its previous version). */
  refusees: z.array(numeroFiche),
  /** Fiches marked absent from the export by this synchronisation. */
  absentes: z.array(numeroFiche),
});
export type Synchronisation = z.infer<typeof synchronisationSchema>;
