// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

// The public address of the site: canonical links, sitemap and Open Graph use it.
const site = process.env.SITE_URL ?? 'https://fiches-rncp.example.org';

export default defineConfig({
  site,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx()],
  // A route built twice (two fiches with one number) must fail the build, not silently keep one.
  prerenderConflictBehavior: 'error',
});
