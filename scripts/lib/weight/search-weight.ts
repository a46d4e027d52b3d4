/**
 * What a search costs a reader, on a built site served on 127.0.0.1, in Chromium: for each query,
 * the gzip bytes and the time of a first search (the page loaded from an empty cache with the query
 * in its address), and of the later searches typed into the same page, among the active fiches and
 * then among all of them (`inactives=1`). Bytes are gzipped here as a host would send them
 * (Pagefind's own files are already compressed); times run from the navigation, or from the end of
 * the 200 ms typing pause, to the results shown.
 *
 * `node scripts/search-weight.ts --dist DIR [--json FILE] [query…]` prints it.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../site/browser.ts';
import { serveStatic } from '../site/server.ts';
import { resultsShown, SEARCH_PAGE, TYPING_DELAY_MS } from './search-page.ts';

export interface SearchCost {
  query: string;
  /** `premiere` : the page and the query from an empty cache; `suivante` : typed afterwards. */
  kind: 'premiere' | 'suivante';
  inactives: boolean;
  gzipBytes: number;
  requests: number;
  ms: number;
  results: string;
}

/** A rare word, a code, the most common word, then two words. */
export const DEFAULT_QUERIES = ['zorglubine', 'M1805', 'compétences', 'gestion projet'];

/** Weighs the queries on the site in `dist`: first search of each scope, then the others typed. */
export async function weighSearch(
  dist: string,
  queries: readonly string[] = DEFAULT_QUERIES,
): Promise<SearchCost[]> {
  const server = await serveStatic(path.resolve(dist));
  const browser = await launchChromium();
  const costs: SearchCost[] = [];
  try {
    for (const inactives of [false, true]) {
      for (const [firstIndex, first] of queries.entries()) {
        // Each query in turn is the first one of a fresh page, the others follow it.
        const context = await browser.newContext();
        const page = await context.newPage();
        let bodies: Promise<number>[] = [];
        page.on('response', (response) => {
          bodies.push(
            response.body().then(
              (body) => (body.length === 0 ? 0 : gzipSync(body).length),
              () => 0,
            ),
          );
        });
        const measure = async (
          query: string,
          kind: SearchCost['kind'],
          act: () => Promise<void>,
        ): Promise<void> => {
          bodies = [];
          const started = performance.now();
          await act();
          await resultsShown(page, query, 120_000);
          const results = await page.locator(SEARCH_PAGE.status).innerText();
          const ms = performance.now() - started - (kind === 'suivante' ? TYPING_DELAY_MS : 0);
          await page.waitForLoadState('networkidle');
          const sizes = await Promise.all(bodies);
          costs.push({
            query,
            kind,
            inactives,
            gzipBytes: sizes.reduce((a, b) => a + b, 0),
            requests: sizes.length,
            ms: Math.round(ms),
            results: results.split('.')[0] ?? results,
          });
        };
        const scope = inactives ? `&${SEARCH_PAGE.allParam}` : '';
        await measure(first, 'premiere', async () => {
          await page.goto(
            `${server.url}${SEARCH_PAGE.path}?q=${encodeURIComponent(first)}${scope}`,
          );
        });
        if (firstIndex === 0) {
          for (const next of queries.slice(1)) {
            await measure(next, 'suivante', () => page.fill(SEARCH_PAGE.input, next));
          }
        }
        await context.close();
      }
    }
    return costs;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The costs as a Markdown table, in kB (1,000 bytes) of gzip. */
export function formatCosts(costs: readonly SearchCost[]): string {
  const rows = costs.map(
    (c) =>
      `| ${c.inactives ? 'toutes' : 'actives'} | ${c.kind === 'premiere' ? '1re' : 'suivante'} | ${c.query} | ${(c.gzipBytes / 1000).toFixed(1)} | ${c.requests} | ${c.ms} | ${c.results} |`,
  );
  return [
    '| portée | recherche | requête | ko gzip | requêtes | ms | résultat |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
}
