import type { APIRoute } from 'astro';
import { fluxResponse, getLignesJournal } from '../lib/journal/collection.ts';
import { FLUX_CATALOGUE } from '../lib/journal/feeds.ts';

/** The Atom feed of every change in the catalogue. */
export const GET: APIRoute = async ({ site }) =>
  fluxResponse({
    site,
    path: FLUX_CATALOGUE,
    page: '/nouveautes/',
    titre: 'Fiches RNCP : nouveautés du catalogue',
    lignes: await getLignesJournal(),
  });
