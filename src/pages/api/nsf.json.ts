/** NSF code → the fiches that cite it. */
import type { APIRoute } from 'astro';
import { getFiches, getReferentiels } from '../../lib/catalogue.ts';
import { codeMapping } from '../../lib/opendata.ts';
import { requireSite } from '../../config.ts';

export const GET: APIRoute = async ({ site }) => {
  const fiches = (await getFiches()).map((entry) => entry.data);
  const { nsf } = await getReferentiels();
  const libelle = (code: string) => nsf.get(code)?.libelle;
  return new Response(JSON.stringify(codeMapping('NSF', fiches, libelle, requireSite(site))), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
