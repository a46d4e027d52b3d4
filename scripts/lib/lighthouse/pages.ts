/**
 * Which pages of a built site Lighthouse audits: one page of every page type
 * (scripts/lib/site/page-types.ts) — its address on the fixture site when the site has it, otherwise
 * the largest built page of that type — and, for each type, its largest page when that one holds
 * more than HEAVY_HTML bytes of HTML: a heavy page is where a score drops.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtPages } from '../site/dist.ts';
import { PAGE_TYPES, type PageType } from '../site/page-types.ts';
import { resolveFile } from '../site/server.ts';

/** Above this much HTML (bytes, uncompressed), a type's largest page is audited too. */
export const HEAVY_HTML = 20_000;

export interface PageToAudit {
  /** The page type's name, « … (la plus lourde) » for the largest page its routes stand for. */
  name: string;
  /** Address on the site, with its query string if any. */
  path: string;
  /** Size of the page's HTML file, in bytes. */
  htmlBytes: number;
  /** Status the static host answers with (404 for the page of unknown addresses). */
  status: number;
}

export interface PagesToAudit {
  pages: PageToAudit[];
  /** Page types this site has no page of. */
  missing: string[];
}

interface Built {
  path: string;
  bytes: number;
}

function fileOf(root: string, type: Pick<PageType, 'path' | 'status'>): string | undefined {
  if (type.status === 404) {
    const file = path.join(root, '404.html');
    return existsSync(file) ? file : undefined;
  }
  return resolveFile(root, new URL(type.path, 'http://site').pathname);
}

export function pagesToAudit(dist: string, types: readonly PageType[] = PAGE_TYPES): PagesToAudit {
  const root = path.resolve(dist);
  const built: Built[] = builtPages(root).map((page) => ({
    path: page,
    bytes: statSync(resolveFile(root, page)!).size,
  }));
  const largest = (type: PageType, except: Set<string>): Built | undefined =>
    built
      .filter((page) => type.routes.test(page.path) && !except.has(page.path))
      .sort((a, b) => b.bytes - a.bytes)[0];

  const chosen = new Map<PageType, Built>();
  const audited = new Set<string>();
  // The types' own addresses first, so that a fallback never repeats a page audited for its type.
  for (const type of types) {
    const file = fileOf(root, type);
    if (!file) continue;
    chosen.set(type, { path: type.path, bytes: statSync(file).size });
    audited.add(type.status === 404 ? '/404.html' : new URL(type.path, 'http://site').pathname);
  }
  for (const type of types) {
    if (chosen.has(type)) continue;
    const page = largest(type, audited);
    if (!page) continue;
    chosen.set(type, page);
    audited.add(page.path);
  }
  const pages: PageToAudit[] = [];
  const missing: string[] = [];
  for (const type of types) {
    const page = chosen.get(type);
    if (page) {
      pages.push({ name: type.name, path: page.path, htmlBytes: page.bytes, status: type.status });
    } else missing.push(type.name);
  }
  for (const type of types) {
    const heaviest = largest(type, audited);
    if (!heaviest || heaviest.bytes <= HEAVY_HTML) continue;
    const audit = pages.find((p) => p.name === type.name);
    if (audit && audit.htmlBytes >= heaviest.bytes) continue;
    pages.push({
      name: `${type.name} (la plus lourde)`,
      path: heaviest.path,
      htmlBytes: heaviest.bytes,
      status: type.status,
    });
    audited.add(heaviest.path);
  }
  return { pages, missing };
}
