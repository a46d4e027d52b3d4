/** The JSON Schema of a fiche's frontmatter, for editors' completion and for reusers. */
import type { APIRoute } from 'astro';
import { ficheJsonSchema } from '../../lib/json-schema.ts';
import { requireSite } from '../../config.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(JSON.stringify(ficheJsonSchema(requireSite(site)), null, 2) + '\n', {
    headers: { 'Content-Type': 'application/schema+json; charset=utf-8' },
  });
