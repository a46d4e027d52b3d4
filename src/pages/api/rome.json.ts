/** ROME code → the fiches that cite it. */
import type { APIRoute } from 'astro';
import { getFiches, getReferentiels } from '../../lib/catalogue.ts';
import { codeMapping } from '../../lib/opendata.ts';
import { requireSite } from '../../config.ts';

export const GET: APIRoute = async ({ site }) => {
  const fiches = (await getFiches()).map((entry) => entry.data);
  const { rome } = await getReferentiels();
  const libelle = (code: string) => {
    const entry = rome.get(code);
    return entry?.libelle_v4 ?? entry?.libelle_v3 ?? entry?.libelle_export;
  };
  return new Response(JSON.stringify(codeMapping('ROME', fiches, libelle, requireSite(site))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
