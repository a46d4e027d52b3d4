/** The JSON Schemas of the open-data files (/schema/api/fiche.json…). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { API_SCHEMAS, apiJsonSchema } from '../../../lib/opendata.ts';
import { requireSite } from '../../../config.ts';

export const getStaticPaths = (() =>
  API_SCHEMAS.map((entry) => ({
    params: { name: entry.path.replace(/^\/schema\/api\//, '').replace(/\.json$/, '') },
    props: { path: entry.path },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ path: string }> = ({ props, site }) =>
  new Response(JSON.stringify(apiJsonSchema(props.path, requireSite(site)), null, 2) + '\n', {
    headers: { 'Content-Type': 'application/schema+json; charset=utf-8' },
  });
