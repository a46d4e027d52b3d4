/**
 * After the build: the Pagefind index of the fiche pages (French, from `<html lang="fr">`) in
 * dist/pagefind/, and /recherche/codes.json, the codes that have a page (see
 * src/lib/search/codes-index.ts). Any indexing error fails the build, unlike the astro-pagefind
 * integration, which only logs it.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefindApi from 'pagefind';
import { buildCodesIndex, CODES_INDEX_PATH } from '../lib/search/codes-index.ts';
import { loadReferentiels, nsfEntry, romeEntry, romeLibelle } from '../lib/referentiels.ts';

/**
 * Parts of a fiche page that name other fiches or repeat the same words on every fiche, kept out of
 * the index so that they neither make a fiche a result nor fill its excerpt: the lineage list
 * (Lignee.astro) and the status box (FicheStatus.astro), which both quote other fiches' titles.
 * (Pagefind leaves out nav, form, footer and noscript elements by itself, the table of contents too.)
 */
export const EXCLUDE_SELECTORS = ['.lineage', '.status'];

/**
 * Pagefind 1.6 keeps words apart at some element boundaries but not at others (dt, dd, th,
 * summary…), and Astro's whitespace compression leaves nothing between elements: the certifier
 * « AROBASE » followed by the term « SIRET » would be indexed as the one word « AROBASESIRET ».
 * Pagefind splits words where the case or a digit changes, so the harm is where it does not:
 * two words in capitals, or two in small letters. A space around each block tag keeps them apart.
 */
const BLOCK_TAG =
  /<\/?(?:address|article|aside|blockquote|caption|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|li|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)(?=[\s/>])[^>]*>/gi;

export function separateBlocks(html: string): string {
  return html.replace(BLOCK_TAG, ' $& ');
}

/** Files sent to Pagefind at once. */
const BATCH = 32;

/** The part of Pagefind's Node API used here; tests pass a fake one. */
export type PagefindApi = Pick<typeof pagefindApi, 'createIndex' | 'close'>;

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new SearchIndexError(`Index de recherche : échec de ${step}\n${errors.join('\n')}`);
  }
}

/**
 * Indexes the built site in `siteDir` and writes the bundle to `siteDir/pagefind/`. Returns the
 * number of pages indexed; throws when Pagefind reports an error, indexes no page, or indexes a
 * page that is not French (it would land in another index that French searches never read).
 */
export async function indexSite(
  siteDir: string,
  api: PagefindApi = pagefindApi,
  options: IndexOptions = {},
): Promise<number> {
  const outputPath = path.join(siteDir, 'pagefind');
  try {
    const created = await api.createIndex({
      excludeSelectors: EXCLUDE_SELECTORS,
      ...(options.maxFragments !== undefined ? { maxFragments: options.maxFragments } : {}),
    });
    check("la création de l'index", created.errors);
    if (!created.index)
      throw new SearchIndexError("Index de recherche : Pagefind n'a pas créé d'index");
    await addPages(created.index, siteDir);
    const written = await created.index.writeFiles({ outputPath });
    check(`l'écriture dans ${outputPath}`, written.errors);
  } finally {
    await api.close();
  }
  return checkLanguages(outputPath);
}

export interface IndexOptions {
  /** Pagefind's limit on fragment files (one per page by default); the benchmark measures it. */
  maxFragments?: number;
}

type PagefindIndex = NonNullable<Awaited<ReturnType<PagefindApi['createIndex']>>['index']>;

/** Every built page that marks its indexed part with data-pagefind-body: the fiche pages. */
async function addPages(index: PagefindIndex, siteDir: string): Promise<void> {
  const files = (await readdir(siteDir, { recursive: true }))
    .filter((file) => file.endsWith('.html'))
    .sort();
  for (let start = 0; start < files.length; start += BATCH) {
    await Promise.all(
      files.slice(start, start + BATCH).map(async (file) => {
        const html = await readFile(path.join(siteDir, file), 'utf8');
        if (!html.includes('data-pagefind-body')) return;
        const added = await index.addHTMLFile({
          url: pageUrl(file),
          content: separateBlocks(html),
        });
        check(`l'indexation de ${file}`, added.errors);
      }),
    );
  }
}

/** `rncp/6133/index.html` → `/rncp/6133/`. */
export function pageUrl(file: string): string {
  const url = `/${file.split(path.sep).join('/')}`;
  return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

interface PagefindEntry {
  languages?: Record<string, { page_count?: number }>;
}

async function checkLanguages(outputPath: string): Promise<number> {
  const entry = JSON.parse(
    await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8'),
  ) as PagefindEntry;
  const languages = Object.entries(entry.languages ?? {});
  const other = languages.filter(([language]) => language !== 'fr');
  if (other.length > 0) {
    throw new SearchIndexError(
      `Index de recherche : des pages ne sont pas en français (${other.map(([l]) => l).join(', ')}) ; ` +
        'chaque page indexée doit avoir <html lang="fr">',
    );
  }
  const pages = languages.find(([language]) => language === 'fr')?.[1].page_count ?? 0;
  if (pages === 0) {
    throw new SearchIndexError(
      "Index de recherche : aucune page indexée (l'attribut data-pagefind-body des fiches manque-t-il ?)",
    );
  }
  return pages;
}

/** Writes /recherche/codes.json from the built pages and the reference tables. */
export async function writeCodesIndex(siteDir: string, pathnames: string[]): Promise<void> {
  const ref = loadReferentiels();
  const index = buildCodesIndex(pathnames, {
    rome: (code) => {
      const entry = romeEntry(ref, code);
      return entry && romeLibelle(entry);
    },
    nsf: (code) => nsfEntry(ref, code)?.libelle,
  });
  const file = path.join(siteDir, CODES_INDEX_PATH);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(index));
}

export default function pagefind(): AstroIntegration {
  return {
    name: 'fiches-rncp:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, pages, logger }) => {
        const siteDir = fileURLToPath(dir);
        // `npm run bench` indexes in a stage of its own, timed apart from the build.
        if (process.env['SKIP_SEARCH_INDEX'] === '1') {
          logger.warn('SKIP_SEARCH_INDEX=1 : index de recherche non écrit');
        } else {
          const count = await indexSite(siteDir);
          logger.info(`${count} fiche(s) indexée(s) dans ${path.join(siteDir, 'pagefind')}`);
        }
        await writeCodesIndex(
          siteDir,
          pages.map((page) => page.pathname),
        );
      },
    },
  };
}
