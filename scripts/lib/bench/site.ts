/**
 * What the benchmark counts in a built site: files and megabytes, fiche pages, the search index's
 * pages and bundles, and the pages Astro rendered or took from its cache (read in its log).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files and megabytes under a folder. */
export function folderSize(folder: string): { files: number; megabytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, megabytes: bytes / 1e6 };
}

/** Fiche pages built: `rncp/N/index.html` and `rs/N/index.html`. */
export function countFichePages(dist: string): number {
  let pages = 0;
  for (const repertoire of ['rncp', 'rs']) {
    const folder = path.join(dist, repertoire);
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(path.join(folder, entry.name, 'index.html'))) pages++;
    }
  }
  return pages;
}

/** Pages Astro rendered and pages it took from its cache, read in its build log (level info). */
export function countRenderedPages(log: string): { rendered: number; reused: number } {
  let rendered = 0;
  let reused = 0;
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\u001b\[[0-9;]*m/g, '').trimEnd();
    if (/\((cached|restored)\)$/.test(line)) reused++;
    else if (/\(\+[\d.]+\s*m?s\)$/.test(line)) rendered++;
  }
  return { rendered, reused };
}

/** The search index's scopes and bundles (/recherche/index.json), when the index step wrote them. */
export function searchManifest(
  dist: string,
): Record<'actives' | 'inactives', { pages: number; bundles: string[] }> | undefined {
  const file = path.join(dist, 'recherche', 'index.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof searchManifest>;
}

/** Files of every Pagefind bundle of the site (`pagefind/`, `pagefind-inactives/`…). */
export function pagefindSize(dist: string): { files: number; megabytes: number } {
  const sizes = readdirSync(dist, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^pagefind(-|$)/.test(e.name))
    .map((e) => folderSize(path.join(dist, e.name)));
  return {
    files: sizes.reduce((s, x) => s + x.files, 0),
    megabytes: sizes.reduce((s, x) => s + x.megabytes, 0),
  };
}

/** Fiches in the search index: both scopes of the manifest, or the single bundle's entry file. */
export function pagefindPages(dist: string): number | undefined {
  const manifest = searchManifest(dist);
  if (manifest) return manifest.actives.pages + manifest.inactives.pages;
  const entry = path.join(dist, 'pagefind', 'pagefind-entry.json');
  if (!existsSync(entry)) return undefined;
  const { languages } = JSON.parse(readFileSync(entry, 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(languages).reduce((sum, l) => sum + l.page_count, 0);
}
