import type { APIRoute, GetStaticPaths } from 'astro';
import { getNsfTree } from '../../../lib/catalogue.ts';
import { fluxResponse, getLignesDuCode } from '../../../lib/journal/collection.ts';
import { fluxUrl } from '../../../lib/journal/feeds.ts';

/** The feed of an NSF code: the changes of the fiches citing it (one per code page). */
export const getStaticPaths = (async () =>
  [...(await getNsfTree()).nodes.keys()].map((code) => ({
    params: { code },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const code = params['code']!;
  return fluxResponse({
    site,
    path: fluxUrl('nsf', code),
    page: `/nsf/${code}/`,
    titre: `Fiches RNCP : nouveautés de la spécialité NSF ${code}`,
    lignes: await getLignesDuCode('nsf', code),
  });
};
