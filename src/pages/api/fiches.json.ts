/** Every fiche's key facts, in one file. */
import type { APIRoute } from 'astro';
import { getFiches } from '../../lib/catalogue.ts';
import { fichesList } from '../../lib/opendata.ts';
import { requireSite } from '../../config.ts';

export const GET: APIRoute = async ({ site }) => {
  const fiches = (await getFiches()).map((entry) => entry.data);
  return new Response(JSON.stringify(fichesList(fiches, requireSite(site))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
