// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import codesIndex from './src/integrations/write-codes-index.ts';
import redirects from './src/integrations/redirects.ts';
import sitemap from './src/integrations/sitemap.ts';

// The public address of the site: canonical links, sitemap and Open Graph use it.
const site = process.env.SITE_URL ?? 'https://fiches-rncp.example.org';

export default defineConfig({
  site,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), codesIndex(), sitemap(), redirects()],
  // Shiki colours code with inline styles, which the Content-Security-Policy below forbids.
  markdown: { syntaxHighlight: false },
  // Writes .astro/collections/collections.json, with which the Astro extension of VS Code completes and
  // documents the fields of a fiche's frontmatter (setting astro.content-intellisense, .vscode/).
  // incrementalBuild: a page whose cacheKey (src/lib/cache-keys.ts) and code are unchanged is copied
  // from the cache of the previous build (node_modules/.astro/) instead of rendered again; it needs
  // build.concurrency 1, the default.
  experimental: { contentIntellisense: true, incrementalBuild: true },
  // A route built twice (two fiches with one number) must fail the build, not silently keep one.
  prerenderConflictBehavior: 'error',
  // A Content-Security-Policy <meta> on every page: scripts and styles only from this site or
  // hashed by Astro, never inline code, nothing from elsewhere. Pagefind compiles its WebAssembly
  // ('wasm-unsafe-eval') and starts its worker from this site. Checked in Chromium by tests/site/csp.test.ts.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
});
