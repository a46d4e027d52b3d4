/** Every page may be crawled; the sitemap lists them. */
import type { APIRoute } from 'astro';
import { requireSite } from '../config.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(
    `User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap.xml', requireSite(site)).href}\n`,
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
