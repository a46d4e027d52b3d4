/** The whole fiche RNCP N or RS N (/api/rncp/N.json, /api/rs/N.json): its frontmatter and its sections in Markdown (/schema/api/fiche.json). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { blobUrl, ficheFile, FICHES_DIR } from '../../../config.ts';
import { ficheParams, getFiches, type FicheEntry } from '../../../lib/catalogue.ts';
import { lastUpdate } from '../../../lib/git-dates.ts';
import { ficheDocument, requireSite } from '../../../lib/opendata.ts';

export const getStaticPaths = (async () =>
  (await getFiches()).map((entry) => ({
    params: ficheParams(entry.data.numero_fiche),
    props: { entry },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ entry: FicheEntry }> = ({ props, site }) => {
  const fiche = props.entry.data;
  const file = ficheFile(fiche.numero_fiche);
  const document = ficheDocument(fiche, props.entry.body, {
    site: requireSite(site),
    source: blobUrl(file.repositoryPath),
    updated: lastUpdate(file.localPath, FICHES_DIR).date,
  });
  return new Response(JSON.stringify(document), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
