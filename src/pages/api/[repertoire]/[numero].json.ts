/** The whole fiche RNCP N or RS N (/api/rncp/N.json, /api/rs/N.json): its frontmatter and its sections in Markdown (/schema/api/fiche.json). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { blobUrl, ficheFile, FICHES_DIR } from '../../../config.ts';
import { ficheFileKey, ficheParams, getFiches } from '../../../lib/catalogue.ts';
import { readFiche } from '../../../lib/fiche-file.ts';
import { lastUpdate } from '../../../lib/git-dates.ts';
import { ficheDocument } from '../../../lib/opendata.ts';
import { requireSite } from '../../../config.ts';

export const getStaticPaths = (async () =>
  (await getFiches()).map((entry) => ({
    params: ficheParams(entry.data.numero_fiche),
    props: { id: entry.id },
    cacheKey: ficheFileKey(entry),
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ id: string }> = async ({ props, site }) => {
  const { fiche, body } = await readFiche(props.id);
  const file = ficheFile(fiche.numero_fiche);
  const document = ficheDocument(fiche, body, {
    site: requireSite(site),
    source: blobUrl(file.repositoryPath),
    updated: lastUpdate(file.localPath, FICHES_DIR).date,
  });
  return new Response(JSON.stringify(document), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
