/**
 * The journal's queries for the pages and feeds, each computed once per build: every line (newest
 * day first), the lines of each code, and a feed as a response.
 */
import { getCollection } from 'astro:content';
import type { JournalJour } from '../../schema/journal.ts';
import { getCertificateurParSlug } from '../catalogue.ts';
import { fluxAtom, fluxPageUrl, fluxUrl } from './feeds.ts';
import { lignesJournal, lignesParCode, type Facette, type LigneJournal } from './lines.ts';

function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= compute());
}

/** Every day of the journal, the newest first. */
export const getJournal = once(async (): Promise<JournalJour[]> =>
  (await getCollection('journal')).map((e) => e.data).sort((a, b) => b.date.localeCompare(a.date)),
);

export const getLignesJournal = once(async () => lignesJournal(await getJournal()));

const byFacette = new Map<Facette, Promise<Map<string, LigneJournal[]>>>();

async function indexOf(facette: Facette): Promise<Map<string, LigneJournal[]>> {
  const lignes = await getLignesJournal();
  if (facette !== 'certificateurs') return lignesParCode(lignes, facette);
  // The journal recorded each fiche's spelling; its page is that of the certificateur it belongs to.
  const parSlug = await getCertificateurParSlug();
  return lignesParCode(lignes, facette, (slug) => parSlug.get(slug)?.slug ?? slug);
}

/** The lines of the fiches that cited `code` of `facette` when they changed. */
export async function getLignesDuCode(facette: Facette, code: string): Promise<LigneJournal[]> {
  let index = byFacette.get(facette);
  if (!index) byFacette.set(facette, (index = indexOf(facette)));
  return (await index).get(code) ?? [];
}

/** An Atom feed as the endpoint's response. */
export async function fluxResponse(options: {
  site: URL | undefined;
  path: string;
  page: string;
  titre: string;
  lignes: readonly LigneJournal[];
}): Promise<Response> {
  if (!options.site)
    throw new Error('Les flux Atom demandent l’adresse du site (site dans astro.config.mjs)');
  const dernierJour = (await getJournal())[0]?.date;
  const body = fluxAtom({ ...options, site: options.site, dernierJour });
  return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}

/** The feed of one code, level or certificateur, following the fiches of its page. */
export async function fluxDuCode(
  facette: Facette,
  code: string,
  site: URL | undefined,
  titre: string,
): Promise<Response> {
  return fluxResponse({
    site,
    path: fluxUrl(facette, code),
    page: fluxPageUrl(facette, code),
    titre,
    lignes: await getLignesDuCode(facette, code),
  });
}
