import type { APIRoute, GetStaticPaths } from 'astro';
import { getCertificateurs } from '../../../lib/catalogue.ts';
import { fluxDuCode } from '../../../lib/journal/collection.ts';

/** The feed of a certificateur: the changes of its fiches. */
export const getStaticPaths = (async () =>
  (await getCertificateurs()).map((c) => ({
    params: { slug: c.slug },
    props: { nom: c.nom },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props, site }) => {
  const slug = params['slug']!;
  const { nom } = props as { nom: string };
  return fluxDuCode(
    'certificateurs',
    slug,
    site,
    `Fiches RNCP : nouveautés des certifications de ${nom}`,
  );
};
