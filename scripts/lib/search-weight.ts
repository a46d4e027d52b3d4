/**
 * What a search costs a reader, on a built site served on 127.0.0.1, in Chromium: for each query,
 * the gzip bytes and the time of a first search (the page loaded from an empty cache with the query
 * in its address), and of the later searches typed into the same page, among the active fiches and
 * then among all of them (`inactives=1`). Bytes are gzipped here as a host would send them
 * (Pagefind's own files are already compressed); times run from the navigation, or from the end of
 * the 200 ms typing pause, to the results shown.
 *
 * `node scripts/lib/search-weight.ts --dist DIR [--json FILE] [query…]`; `weighSearch()` for the
 * benchmark.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/browser.ts';
import { serveStatic } from '../../tests/support/server.ts';

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

const TYPING_DELAY_MS = 200;

async function settled(page: Page, q: string): Promise<string> {
  await page.waitForFunction(
    (query) => {
      const status = document.querySelector('#search-status')?.textContent ?? '';
      const busy = document.querySelector('#search-results')?.hasAttribute('aria-busy');
      return !busy && status.includes(`« ${query} »`);
    },
    q,
    { timeout: 120_000 },
  );
  return page.locator('#search-status').innerText();
}

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
          const results = await settled(page, query);
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
        const scope = inactives ? '&inactives=1' : '';
        await measure(first, 'premiere', async () => {
          await page.goto(`${server.url}/recherche/?q=${encodeURIComponent(first)}${scope}`);
        });
        if (firstIndex === 0) {
          for (const next of queries.slice(1)) {
            await measure(next, 'suivante', () => page.fill('#search-input', next));
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

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { dist: { type: 'string', default: 'dist' }, json: { type: 'string' } },
  });
  const costs = await weighSearch(values.dist, positionals.length ? positionals : DEFAULT_QUERIES);
  console.log(formatCosts(costs));
  if (values.json) writeFileSync(values.json, JSON.stringify(costs, null, 2));
}
