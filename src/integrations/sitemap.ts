/**
 * sitemap.xml, written after the build from the pages actually built, so every kind of page is listed
 * without this file knowing the routes. Pages that ask not to be indexed (the redirect pages of
 * /RNCP6133/) and the 404 page are left out. Past 50,000 addresses, the protocol's limit per file,
 * sitemap.xml becomes an index of sitemap-1.xml, sitemap-2.xml…
 */
import { closeSync, openSync, readSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const SITEMAP_MAX_URLS = 50_000;

const NOINDEX = /<meta\b[^>]*\bname=["']?robots["']?[^>]*\bnoindex/i;

/** The start of a file: a page's head says whether it may be indexed. */
function head(file: string, bytes = 8192): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return '';
  } finally {
    closeSync(fd);
  }
}

/** Site paths (`/rncp/6133/`) of the built pages that may be indexed, sorted. */
export function indexablePages(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'index.html')
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !NOINDEX.test(head(file)))
    .map((file) => {
      const folder = path.relative(outDir, path.dirname(file)).split(path.sep).join('/');
      return folder ? `/${folder}/` : '/';
    })
    .sort();
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The sitemap files to write: name → XML. */
export function sitemapFiles(paths: readonly string[], site: URL): Map<string, string> {
  const urlset = (chunk: readonly string[]) =>
    `${XML}<urlset xmlns="${NS}">\n${chunk
      .map((p) => `  <url><loc>${escapeXml(new URL(p, site).href)}</loc></url>\n`)
      .join('')}</urlset>\n`;
  const files = new Map<string, string>();
  if (paths.length <= SITEMAP_MAX_URLS) {
    files.set('sitemap.xml', urlset(paths));
    return files;
  }
  const names: string[] = [];
  for (let i = 0; i < paths.length; i += SITEMAP_MAX_URLS) {
    const name = `sitemap-${names.length + 1}.xml`;
    names.push(name);
    files.set(name, urlset(paths.slice(i, i + SITEMAP_MAX_URLS)));
  }
  files.set(
    'sitemap.xml',
    `${XML}<sitemapindex xmlns="${NS}">\n${names
      .map((n) => `  <sitemap><loc>${escapeXml(new URL(`/${n}`, site).href)}</loc></sitemap>\n`)
      .join('')}</sitemapindex>\n`,
  );
  return files;
}

export default function sitemap(): AstroIntegration {
  let site: URL | undefined;
  return {
    name: 'fiches-rncp:sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!site) throw new Error('sitemap.xml needs `site` in astro.config.mjs');
        const outDir = fileURLToPath(dir);
        const pages = indexablePages(outDir);
        for (const [name, xml] of sitemapFiles(pages, site)) {
          writeFileSync(path.join(outDir, name), xml);
        }
        logger.info(`sitemap.xml : ${pages.length} pages`);
      },
    },
  };
}
