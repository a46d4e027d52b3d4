/**
 * Opening a page type (scripts/lib/site/page-types.ts) in Chromium the way every crawl does — the
 * accessibility crawl, the CSP check and the page-weight script: the address on its site, the page a
 * short address lands on, the state the page's script must reach (`settled`); and every uncaught
 * exception and console error on the way, which fail the crawl. A search that cannot load its index
 * logs its error and shows a notice: it never reaches the state of its type, and its error is named.
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import type { PageType } from './page-types.ts';

/** The served roots of the sites the page types live on. */
export interface SiteUrls {
  fixture: string;
  paged?: string;
}

/** The origin that serves a page type. */
export function originOf(type: PageType, urls: SiteUrls): string {
  if (type.site !== 'paged') return urls.fixture;
  if (!urls.paged) throw new Error(`${type.name} : le site paginé n'est pas servi`);
  return urls.paged;
}

/**
 * A 404 the page asks for on purpose: the 404 page itself, and the fiche address whose existence its
 * script checks for a short address (src/scripts/short-address.ts).
 */
function expected404(message: ConsoleMessage, type: PageType, origin: string): boolean {
  if (type.status !== 404 || !/status of 404/.test(message.text())) return false;
  const url = message.location().url;
  if (url === origin + type.path) return true;
  return url.startsWith(origin) && /^\/(rncp|rs)\/\d+\/$/.test(url.slice(origin.length));
}

/** Starts recording the page's uncaught exceptions and console errors; returns what was seen. */
export function watchErrors(page: Page, type: PageType, origin: string): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`exception : ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || expected404(message, type, origin)) return;
    const where = message.location().url;
    errors.push(`console.error : ${message.text()}${where ? ` (${where})` : ''}`);
  });
  return () => [...errors];
}

export interface Visit {
  /** Status of the first response (the short address's own: 404). */
  status: number | undefined;
  /** Exceptions and console errors so far. */
  errors: () => string[];
}

/**
 * Opens a page type and waits until it is in its state: landed where a short address leads, its
 * script settled. Throws, naming the page's errors, when it never gets there.
 */
export async function openPageType(
  page: Page,
  type: PageType,
  urls: SiteUrls,
  options: { waitUntil?: 'load' | 'networkidle' } = {},
): Promise<Visit> {
  const origin = originOf(type, urls);
  const errors = watchErrors(page, type, origin);
  const response = await page.goto(origin + type.path, { waitUntil: options.waitUntil ?? 'load' });
  try {
    if (type.landsOn) await page.waitForURL(origin + type.landsOn, { timeout: 30_000 });
    if (type.settled) {
      await page.waitForSelector(type.settled, { state: 'attached', timeout: 30_000 });
    }
  } catch (error) {
    throw new Error(
      `${type.name} (${type.path}) n'atteint pas son état (${type.landsOn ?? ''} ${type.settled ?? ''}) : ${
        errors().join(' ; ') || String(error)
      }`,
    );
  }
  return { status: response?.status(), errors };
}
