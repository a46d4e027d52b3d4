/**
 * The search page as the measures see it (src/pages/recherche/index.astro): its elements, the pause
 * it waits after the last keystroke, and how to tell that it shows the results of a query. Used by
 * the search weight (./search-weight.ts) and the benchmark's search stage (../bench/search.ts).
 */
import type { Page } from 'playwright-core';

/** The search page's elements: change them here only. */
export const SEARCH_PAGE = {
  path: '/recherche/',
  input: '#search-input',
  status: '#search-status',
  results: '#search-results',
  /** Parameter that adds the inactive fiches to the default scope (active fiches). */
  allParam: 'inactives=1',
};

/** The search page waits this long after the last keystroke (src/client/search.ts). */
export const TYPING_DELAY_MS = 200;

/** Resolves once the page shows the results of `q`: its status names the query, the list is not busy. */
export async function resultsShown(page: Page, q: string, timeout?: number): Promise<void> {
  await page.waitForFunction(
    ({ query, selectors }) => {
      const status = document.querySelector(selectors.status)?.textContent ?? '';
      const busy = document.querySelector(selectors.results)?.hasAttribute('aria-busy');
      return !busy && status.includes(`« ${query} »`);
    },
    { query: q, selectors: SEARCH_PAGE },
    timeout === undefined ? {} : { timeout },
  );
}
