/**
 * The search index, written after Astro's build by its own process (scripts/search-index.ts):
 * Pagefind's command-line binary, run once per bundle on a staging copy of the fiche pages.
 *
 * - Two scopes (./scopes.ts): the active fiches in /pagefind/, the inactive ones in
 *   /pagefind-inactives/ (split into /pagefind-inactives-2/… above `maxPagesPerBundle`), and the
 *   list of bundles in /recherche/index.json for the search page.
 * - Staging: of each page, only the part marked `data-pagefind-body` (the fiche's article) with its
 *   `<html lang>`, its blocks spaced apart (see separateBlocks). The binary then reads small files,
 *   in parallel, and its memory grows with the words indexed, not with the pages' size.
 * - Why the binary: measured on 7,000 and 30,475 generated fiche pages, it used less memory and
 *   time than the Node API (`addDirectory`, `addHTMLFile`, `addCustomRecord`), which all run the
 *   same Rust service plus a Node process that holds or forwards the pages (see docs/search.md).
 *
 * Any Pagefind error, an index with no page, or a page that is not French fails the step with a
 * message in French (SearchIndexError).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { bundlePath, SCOPES_MANIFEST_PATH, type ScopeName, type ScopesManifest } from './scopes.ts';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

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

/** The attribute SearchMetadata.astro sets on the fiche pages of the inactive scope. */
const INACTIVE_MARK = 'data-search-scope="inactives"';

export interface StagedPage {
  scope: ScopeName;
  /** What Pagefind reads: the indexed element of the page, in a page of its own. */
  html: string;
}

/**
 * The part of a built page that Pagefind indexes, in the smallest page that keeps its meaning
 * (its language), or undefined for a page that is not indexed (no `data-pagefind-body`).
 */
export function stagePage(html: string): StagedPage | undefined {
  const open = /<([a-z][a-z0-9]*)\b[^>]*\sdata-pagefind-body(?=[\s=>])[^>]*>/i.exec(html);
  if (!open) return undefined;
  const tag = open[1]!.toLowerCase();
  const close = html.toLowerCase().lastIndexOf(`</${tag}>`);
  const body =
    close > open.index ? html.slice(open.index, close + tag.length + 3) : html.slice(open.index);
  const lang = /<html\b[^>]*\slang="([^"]*)"/i.exec(html)?.[1];
  return {
    scope: html.includes(INACTIVE_MARK) ? 'inactives' : 'actives',
    html:
      `<!doctype html><html${lang === undefined ? '' : ` lang="${lang}"`}>` +
      `<head><meta charset="utf-8"></head><body>${separateBlocks(body)}</body></html>`,
  };
}

/** `rncp/6133/index.html` → `/rncp/6133/`. */
export function pageUrl(file: string): string {
  const url = `/${file.split(path.sep).join('/')}`;
  return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

export interface IndexOptions {
  /** Most fiches in one bundle; a larger scope is split into several (merged by the page). */
  maxPagesPerBundle?: number;
  /** Pagefind's limit on fragment files per bundle (default: one per active fiche, one per four inactive). */
  maxFragments?: number;
  /** The Pagefind binary; by default the one npm installed with the `pagefind` package. */
  binary?: string;
  /** Where the staging copy goes (removed at the end); a temporary folder by default. */
  workDir?: string;
  /** Progress, one line at a time. */
  log?: (line: string) => void;
}

/**
 * Pagefind's memory grows by about 0.35 MB per fiche page indexed (2.4 GB at 7,000): bundles of at
 * most 8,000 fiches keep the step under 3 GB, one bundle after the other. The 23,486 inactive
 * fiches of the national catalogue make three bundles, merged by the search page on request.
 */
export const DEFAULT_MAX_PAGES_PER_BUNDLE = 8_000;

/**
 * The excerpts of inactive fiches are grouped four to a file (Pagefind's maxFragments): 23,486
 * inactive fiches would otherwise add one file each to the site, and a host counts files
 * (docs/hosting.md). A search among inactive fiches, the less common one, loads a few more bytes per
 * result; the active fiches keep one file each, the lightest for the default search.
 */
export const INACTIVE_FRAGMENTS_PER_FILE = 4;

/** Files read at once while staging. */
const BATCH = 64;

/** The binary that `npm ci` installed (`@pagefind/<platform>-<arch>`), never a download. */
export function pagefindBinary(): string {
  const fromEnv = process.env['PAGEFIND_BINARY_PATH'];
  if (fromEnv) return fromEnv;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const require = createRequire(import.meta.url);
  for (const name of ['pagefind_extended', 'pagefind']) {
    const file = platform === 'windows' ? `${name}.exe` : name;
    try {
      return require.resolve(`@pagefind/${platform}-${os.arch()}/bin/${file}`);
    } catch {
      // Try the next name.
    }
  }
  throw new SearchIndexError(
    `Index de recherche : le programme Pagefind pour ${platform}-${os.arch()} est introuvable ` +
      '(node_modules/@pagefind/… manque : relancez npm ci)',
  );
}

/** Folders of bundles written by an earlier run, removed so that no stale bundle stays. */
const BUNDLE_DIR = /^pagefind(?:-inactives(?:-\d+)?)?$/;

/**
 * Indexes the fiche pages of the built site in `siteDir`: writes each bundle and the manifest, and
 * returns the manifest. Throws SearchIndexError on any failure.
 */
export async function indexSite(
  siteDir: string,
  options: IndexOptions = {},
): Promise<ScopesManifest> {
  const site = path.resolve(siteDir);
  const log = options.log ?? (() => undefined);
  const max = options.maxPagesPerBundle ?? DEFAULT_MAX_PAGES_PER_BUNDLE;
  const binary = options.binary ?? pagefindBinary();
  for (const entry of await readdir(site, { withFileTypes: true }).catch(() => {
    throw new SearchIndexError(`Index de recherche : le site ${site} est introuvable`);
  })) {
    if (entry.isDirectory() && BUNDLE_DIR.test(entry.name)) {
      await rm(path.join(site, entry.name), { recursive: true, force: true });
    }
  }
  const work = options.workDir
    ? path.resolve(options.workDir)
    : await mkdtemp(path.join(os.tmpdir(), 'fiches-rncp-index-'));
  try {
    const staged = await stageSite(site, work, max);
    const total = staged.actives.pages + staged.inactives.pages;
    log(
      `${total} fiche(s) à indexer : ${staged.actives.pages} active(s), ${staged.inactives.pages} inactive(s)`,
    );
    if (total === 0) {
      throw new SearchIndexError(
        "Index de recherche : aucune page indexée (l'attribut data-pagefind-body des fiches manque-t-il ?)",
      );
    }
    for (const scope of ['actives', 'inactives'] as const) {
      for (const [rank, bundle] of staged[scope].bundles.entries()) {
        const started = performance.now();
        const pagesInBundle = Math.min(max, staged[scope].pages - rank * max);
        const maxFragments =
          options.maxFragments ??
          (scope === 'inactives'
            ? Math.ceil(pagesInBundle / INACTIVE_FRAGMENTS_PER_FILE)
            : undefined);
        await runPagefind(binary, path.join(work, bundle), path.join(site, bundle), maxFragments);
        const pages = await checkLanguages(path.join(site, bundle));
        log(
          `${bundle} : ${pages} fiche(s) en ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    }
    const manifestFile = path.join(site, SCOPES_MANIFEST_PATH);
    await mkdir(path.dirname(manifestFile), { recursive: true });
    await writeFile(manifestFile, JSON.stringify(staged));
    return staged;
  } finally {
    if (!options.workDir) await rm(work, { recursive: true, force: true });
  }
}

/** Writes the staging copy, `work/<bundle>/<page path>`, and says which bundle has how many pages. */
async function stageSite(site: string, work: string, max: number): Promise<ScopesManifest> {
  const files = (await readdir(site, { recursive: true }))
    .filter((file) => file.endsWith('.html') && !BUNDLE_DIR.test(file.split(path.sep)[0]!))
    .sort();
  const manifest: ScopesManifest = {
    actives: { pages: 0, bundles: [] },
    inactives: { pages: 0, bundles: [] },
  };
  for (let start = 0; start < files.length; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    const pages = await Promise.all(
      batch.map(async (file) => stagePage(await readFile(path.join(site, file), 'utf8'))),
    );
    // Bundles are assigned in file order, whatever order the reads ended in.
    const writes = pages.map((page, i) => {
      if (!page) return undefined;
      const entry = manifest[page.scope];
      const bundle = bundlePath(page.scope, Math.floor(entry.pages / max) + 1);
      entry.pages += 1;
      if (!entry.bundles.includes(bundle)) entry.bundles.push(bundle);
      const target = path.join(work, bundle, batch[i]!);
      return mkdir(path.dirname(target), { recursive: true }).then(() =>
        writeFile(target, page.html),
      );
    });
    await Promise.all(writes);
  }
  return manifest;
}

/** Runs the binary on one staged bundle; its output is kept to explain a failure. */
async function runPagefind(
  binary: string,
  source: string,
  output: string,
  maxFragments: number | undefined,
): Promise<void> {
  const args = ['--site', source, '--output-path', output, '--quiet'];
  if (maxFragments !== undefined) args.push('--max-fragments', String(maxFragments));
  const lines: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.on('error', (error) => {
      lines.push(error.message);
      resolve(null);
    });
    child.on('close', resolve);
  });
  const text = lines.join('').trim();
  if (code !== 0) {
    throw new SearchIndexError(
      `Index de recherche : échec de Pagefind pour ${path.basename(output)} (code ${code})` +
        (text ? `\n${text.split('\n').slice(-20).join('\n')}` : ''),
    );
  }
  if (/^\s*error\b/im.test(text)) {
    throw new SearchIndexError(
      `Index de recherche : Pagefind signale une erreur pour ${path.basename(output)}\n${text}`,
    );
  }
}

interface PagefindEntry {
  languages?: Record<string, { page_count?: number }>;
}

/** The number of pages of a written bundle; throws when some are not French or none is. */
async function checkLanguages(outputPath: string): Promise<number> {
  let entry: PagefindEntry;
  try {
    entry = JSON.parse(
      await readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8'),
    ) as PagefindEntry;
  } catch {
    throw new SearchIndexError(
      `Index de recherche : Pagefind n'a pas écrit ${path.join(outputPath, 'pagefind-entry.json')}`,
    );
  }
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
    throw new SearchIndexError(`Index de recherche : aucune page indexée dans ${outputPath}`);
  }
  return pages;
}
