/**
 * What the site keeps in memory of every fiche: the facts that listings, browse pages, facets,
 * lignée and the open-data lists show (number, title, status, level, codes, certificateurs, dates,
 * lignée, whether each route of access is open). The long texts, blocs, partners and juries stay
 * in the fiche's file, which its own pages read when they are rendered (src/lib/fiche-file.ts). At
 * 30,475 fiches the whole catalogue would not fit in one build's memory; the summaries take a few
 * tens of MB (docs/bench.md).
 */
import { z } from 'astro/zod';
import { ficheFields, ficheSchema, VOIES_ACCES, type Fiche, type VoieAcces } from './fiche.ts';

/**
 * Access: each route open or not (only its `ouverte`, the long jury texts stay in the file),
 * validation by blocs, Nouvelle-Calédonie and Polynésie française. What the search's filters and the
 * CSV's columns read. Optional in the type, so that a summary written by hand may leave it out.
 */
const ficheAcces = ficheFields
  .pick({
    voies_acces: true,
    validation_partielle: true,
    accessible_nouvelle_caledonie: true,
    accessible_polynesie_francaise: true,
  })
  .partial();

/** The fields of a fiche that the summary keeps (as they are, but for the routes' texts). */
export const ficheFacts = ficheFields
  .pick({
    numero_fiche: true,
    intitule: true,
    abrege: true,
    statut: true,
    dates: true,
    certificateurs: true,
    niveau: true,
    nsf: true,
    formacodes: true,
    rome: true,
    lignee: true,
  })
  .extend(ficheAcces.shape);

/** The facts of a fiche: what a listing, a browse page or an open-data list needs. */
export type FicheFacts = z.infer<typeof ficheFacts>;

/**
 * What the build keeps of a fiche: its facts, how many partners it has (for their pages), and the
 * fiches its blocs correspond to (whose titles its page shows: the page's key follows them).
 */
export type FicheSummary = FicheFacts & {
  nombre_partenaires: number;
  fiches_correspondantes?: string[];
};

export function ficheSummary(fiche: Fiche): FicheSummary {
  const summary: Record<string, unknown> = { nombre_partenaires: fiche.partenaires?.length ?? 0 };
  const correspondantes = new Set((fiche.correspondances ?? []).map((c) => c.fiche_destination));
  if (correspondantes.size > 0) summary['fiches_correspondantes'] = [...correspondantes];
  for (const key of Object.keys(ficheFacts.shape) as (keyof FicheFacts)[]) {
    if (fiche[key] !== undefined) summary[key] = fiche[key];
  }
  summary['voies_acces'] = Object.fromEntries(
    (Object.keys(VOIES_ACCES) as VoieAcces[]).map((voie) => [
      voie,
      { ouverte: fiche.voies_acces[voie].ouverte },
    ]),
  );
  return summary as FicheSummary;
}

/**
 * The schema of the `fiches` collection: a fiche file is validated whole by the fiche schema, then
 * stored as its summary. Its input side is the whole fiche, which is what the JSON Schema that
 * Astro writes for editors' completion (content intellisense) describes.
 */
export const ficheEntrySchema = ficheSchema.transform(ficheSummary);
