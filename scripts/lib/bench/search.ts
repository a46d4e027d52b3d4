/**
 * The benchmark's search stage, in Chromium, on the search page of the built site: for each search
 * (most common words, a rare word, a ROME code, a fiche number), a first search in a fresh browser
 * context (the page opened with `?q=`, everything it loads counted), over the active fiches and then
 * over all (`&inactives=1`); then, in one page, each search typed after the first. Hits are counted
 * afterwards with Pagefind's API in another page, outside the measures. Then what each kind of page
 * costs a reader (../weight/page-weight.ts), the heaviest fiche included.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../site/browser.ts';
import { serveStatic } from '../site/server.ts';
import { weighSite } from '../weight/page-weight.ts';
import { resultsShown, SEARCH_PAGE, TYPING_DELAY_MS } from '../weight/search-page.ts';
import type { SearchCase } from './fiches.ts';
import { searchManifest } from './site.ts';

export interface SearchMeasure {
  q: string;
  kind: string;
  /** `actives`: the default scope; `toutes`: with `&inactives=1`. */
  scope: 'actives' | 'toutes';
  /** `première`: in a fresh browser context, the page loaded with `?q=`; `suivante`: typed after. */
  moment: 'première' | 'suivante';
  /**
   * Bytes over the network for this search, gzip-compressed as a host would send them; for a first
   * search, everything the page loads.
   */
  bytes: number;
  requests: number;
  /** From the navigation (first) or the end of the typing pause (later) to the results shown. */
  ms: number;
  /** The same bytes by kind of file (pf_index, pf_fragment, wasm, js…). */
  transfers: Record<string, number>;
  /** Results Pagefind's API finds (every scope), and the first pages. */
  hits: number;
  firstUrls: string[];
  /** Expected pages missing from the hits. */
  missing: string[];
}

/** What one kind of page costs a reader (scripts/lib/weight/page-weight.ts). */
export interface PageWeightSummary {
  name: string;
  path: string;
  gzipKb: number;
  problems: string[];
}

interface Transfer {
  path: string;
  bytes: number;
}

const total = (transfers: Transfer[]) => transfers.reduce((sum, t) => sum + t.bytes, 0);

/** Bytes by kind of file: the page, Pagefind's code and WebAssembly, its index, fragments… */
function byKind(transfers: Transfer[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const { path: p, bytes } of transfers) {
    const kind = p.startsWith('/pagefind/')
      ? (/\.pf_(\w+)$/.exec(p)?.[1] ?? (p.endsWith('.pagefind') ? 'wasm' : 'pagefind-js'))
      : path.extname(p).slice(1) || 'html';
    kinds[kind] = (kinds[kind] ?? 0) + bytes;
  }
  return kinds;
}

const sent = (body: Buffer) =>
  body.length === 0 ? 0 : Math.min(body.length, gzipSync(body).length);

/** Every response of the page from now on, with the bytes a host would send. */
function listen(page: Page): Promise<Transfer>[] {
  const bodies: Promise<Transfer>[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    bodies.push(
      response.body().then(
        (body) => ({ path: pathname, bytes: sent(body) }),
        () => ({ path: pathname, bytes: 0 }),
      ),
    );
  });
  return bodies;
}

function measure(
  searchCase: SearchCase,
  scope: SearchMeasure['scope'],
  moment: SearchMeasure['moment'],
  ms: number,
  sizes: Transfer[],
): SearchMeasure {
  return {
    q: searchCase.q,
    kind: searchCase.kind,
    scope,
    moment,
    bytes: total(sizes),
    requests: sizes.length,
    transfers: byKind(sizes),
    ms,
    hits: 0,
    firstUrls: [],
    missing: [],
  };
}

/** The searches of `cases` measured on the site in `dist`, and the pages it finds for each. */
export async function measureSearches(dist: string, cases: SearchCase[]): Promise<SearchMeasure[]> {
  const [server, browser] = await Promise.all([serveStatic(dist), launchChromium()]);
  const queries: SearchMeasure[] = [];
  try {
    // First searches, each in a fresh context (empty cache), active fiches then all.
    for (const scope of ['actives', 'toutes'] as const) {
      for (const searchCase of cases) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const bodies = listen(page);
        const params = `q=${encodeURIComponent(searchCase.q)}${scope === 'toutes' ? `&${SEARCH_PAGE.allParam}` : ''}`;
        const started = performance.now();
        await page.goto(`${server.url}${SEARCH_PAGE.path}?${params}`);
        await resultsShown(page, searchCase.q);
        const ms = performance.now() - started;
        await page.waitForLoadState('networkidle');
        queries.push(measure(searchCase, scope, 'première', ms, await Promise.all(bodies)));
        await context.close();
      }
    }
    // Later searches: typed one after the other in the page opened with the first.
    const context = await browser.newContext();
    const page = await context.newPage();
    const [first, ...rest] = cases;
    await page.goto(`${server.url}${SEARCH_PAGE.path}?q=${encodeURIComponent(first!.q)}`);
    await resultsShown(page, first!.q);
    await page.waitForLoadState('networkidle');
    for (const searchCase of rest) {
      page.removeAllListeners('response');
      const bodies = listen(page);
      // Typed, not submitted: Enter on an exact code opens its page instead of listing results.
      const started = performance.now();
      await page.fill(SEARCH_PAGE.input, searchCase.q);
      await resultsShown(page, searchCase.q);
      const ms = performance.now() - started - TYPING_DELAY_MS;
      await page.waitForLoadState('networkidle');
      queries.push(measure(searchCase, 'actives', 'suivante', ms, await Promise.all(bodies)));
    }
    await countHits(await context.newPage(), server.url, dist, cases, queries);
  } finally {
    await browser.close();
    await server.close();
  }
  return queries;
}

/** Fills in each measure's hits, first pages and missing pages, with Pagefind's API. */
async function countHits(
  counter: Page,
  url: string,
  dist: string,
  cases: SearchCase[],
  queries: SearchMeasure[],
): Promise<void> {
  await counter.goto(`${url}${SEARCH_PAGE.path}`);
  // Every bundle of both scopes (or the single /pagefind/ of an index without scopes).
  const manifest = searchManifest(dist);
  const bundles = manifest
    ? [...manifest.actives.bundles, ...manifest.inactives.bundles]
    : ['/pagefind/'];
  for (const searchCase of cases) {
    const found = await counter.evaluate(
      async ({ q, bundles }) => {
        let hits = 0;
        const urls: string[] = [];
        for (const bundle of bundles) {
          const pf = (await import(`${bundle}pagefind.js`)) as {
            search: (q: string) => Promise<{
              results: { data: () => Promise<{ url: string }> }[];
            }>;
          };
          const search = await pf.search(q);
          hits += search.results.length;
          urls.push(...(await Promise.all(search.results.map((r) => r.data().then((d) => d.url)))));
        }
        return { hits, urls };
      },
      { q: searchCase.q, bundles },
    );
    for (const query of queries.filter((q) => q.q === searchCase.q)) {
      query.hits = found.hits;
      query.firstUrls = found.urls.slice(0, 5);
      query.missing = searchCase.expected.filter((url) => !found.urls.includes(url));
    }
  }
}

/** What each kind of page present costs a reader, the heaviest fiche included (its partners). */
export async function pageWeights(dist: string): Promise<PageWeightSummary[]> {
  return (await weighSite(dist)).pages.map((p) => ({
    name: p.name,
    path: p.path,
    gzipKb: p.total.gzip / 1000,
    problems: p.problems,
  }));
}
