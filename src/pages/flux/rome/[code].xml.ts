import type { APIRoute, GetStaticPaths } from 'astro';
import { getRomeTree } from '../../../lib/catalogue.ts';
import { fluxDuCode } from '../../../lib/journal/collection.ts';

/** The feed of a ROME code: the changes of the fiches citing it (one per code page). */
export const getStaticPaths = (async () =>
  [...(await getRomeTree()).nodes.keys()].map((code) => ({
    params: { code },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const code = params['code']!;
  return fluxDuCode('rome', code, site, `Fiches RNCP : nouveautés du code ROME ${code}`);
};
