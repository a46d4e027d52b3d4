import type { APIRoute, GetStaticPaths } from 'astro';
import { getRomeTree } from '../../../lib/catalogue.ts';
import { fluxResponse, getLignesDuCode } from '../../../lib/journal/collection.ts';
import { fluxUrl } from '../../../lib/journal/feeds.ts';

/** The feed of a ROME code: the changes of the fiches citing it (one per code page). */
export const getStaticPaths = (async () =>
  [...(await getRomeTree()).nodes.keys()].map((code) => ({
    params: { code },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const code = params['code']!;
  return fluxResponse({
    site,
    path: fluxUrl('rome', code),
    page: `/rome/${code}/`,
    titre: `Fiches RNCP : nouveautés du code ROME ${code}`,
    lignes: await getLignesDuCode('rome', code),
  });
};
