/** The whole fiche RS N: its frontmatter and its sections in Markdown (/schema/api/fiche.json). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { blobUrl, ficheFile, FICHES_DIR } from '../../../config.ts';
import { getFichesOf, type FicheEntry } from '../../../lib/catalogue.ts';
import { lastUpdate } from '../../../lib/git-dates.ts';
import { ficheDocument, requireSite } from '../../../lib/opendata.ts';
import { splitNumeroFiche } from '../../../schema/codes.ts';

export const getStaticPaths = (async () =>
  (await getFichesOf('RS')).map((entry) => ({
    params: { numero: String(splitNumeroFiche(entry.data.numero_fiche).numero) },
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
