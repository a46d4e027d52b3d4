import type { APIRoute, GetStaticPaths } from 'astro';
import { SANS_NIVEAU } from '../../../lib/niveau.ts';
import { getNiveaux } from '../../../lib/catalogue.ts';
import { fluxDuCode } from '../../../lib/journal/collection.ts';

/** The feed of a level page (1 to 8, or the fiches without a level). */
export const getStaticPaths = (async () =>
  [...(await getNiveaux()).niveaux.map((n) => n.entry.code), SANS_NIVEAU].map((niveau) => ({
    params: { niveau },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const niveau = params['niveau']!;
  return fluxDuCode(
    'niveau',
    niveau,
    site,
    niveau === SANS_NIVEAU
      ? 'Fiches RNCP : nouveautés des certifications sans niveau'
      : `Fiches RNCP : nouveautés des certifications de niveau ${niveau}`,
  );
};
