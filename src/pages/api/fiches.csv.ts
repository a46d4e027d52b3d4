/** One row per fiche, `;`-separated UTF-8 like the official CSV export. */
import type { APIRoute } from 'astro';
import { getFiches } from '../../lib/catalogue.ts';
import { fichesCsv } from '../../lib/fiches-csv.ts';
import { requireSite } from '../../config.ts';

export const GET: APIRoute = async ({ site }) => {
  const fiches = (await getFiches()).map((entry) => entry.data);
  return new Response(fichesCsv(fiches, requireSite(site)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
