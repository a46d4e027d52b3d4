import type { APIRoute, GetStaticPaths } from 'astro';
import { getCertificateurs } from '../../../lib/catalogue.ts';
import { fluxResponse, getLignesDuCode } from '../../../lib/journal/collection.ts';
import { fluxUrl } from '../../../lib/journal/feeds.ts';

/** The feed of a certificateur: the changes of its fiches. */
export const getStaticPaths = (async () =>
  (await getCertificateurs()).map((c) => ({
    params: { slug: c.slug },
    props: { nom: c.nom },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, props, site }) => {
  const slug = params['slug']!;
  return fluxResponse({
    site,
    path: fluxUrl('certificateurs', slug),
    page: `/certificateurs/${slug}/`,
    titre: `Fiches RNCP : nouveautés des certifications de ${(props as { nom: string }).nom}`,
    lignes: await getLignesDuCode('certificateurs', slug),
  });
};
