import type { APIRoute, GetStaticPaths } from 'astro';
import { getNsfTree } from '../../../lib/catalogue.ts';
import { fluxDuCode } from '../../../lib/journal/collection.ts';

/** The feed of an NSF code: the changes of the fiches citing it (one per code page). */
export const getStaticPaths = (async () =>
  [...(await getNsfTree()).nodes.keys()].map((code) => ({
    params: { code },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const code = params['code']!;
  return fluxDuCode('nsf', code, site, `Fiches RNCP : nouveautés de la spécialité NSF ${code}`);
};
