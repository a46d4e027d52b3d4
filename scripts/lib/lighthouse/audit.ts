/**
 * Lighthouse's four scores for pages of a built site, with its default settings: a mobile device
 * and simulated throttling (slow 4G, a CPU four times slower). The site is served on 127.0.0.1 by
 * the tests' static server, gzip-compressed as a host would send it (unless `gzip: false`); the browser is Debian's
 * Chromium (CHROMIUM_PATH), started by chrome-launcher, never downloaded.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../site/browser.ts';
import { serveStatic } from '../site/server.ts';
import type { PageToAudit } from './pages.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PageAudit extends PageToAudit {
  /** Scores out of 100 (null when Lighthouse could not score the category). */
  scores: Record<Category, number | null>;
  /** Total blocking time, in milliseconds. */
  tbtMs: number;
  /** Largest contentful paint, in milliseconds. */
  lcpMs: number;
  /** Cumulative layout shift (no unit). */
  cls: number;
  /** Lighthouse's warnings about the run (an unstable result, a page that did not load…). */
  warnings: string[];
  /** Why Lighthouse could not audit the page, if it could not. */
  error?: string;
}

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function auditOnce(url: string, port: number, page: PageToAudit): Promise<PageAudit> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    // The 404 page is meant to answer 404: audit it all the same.
    ignoreStatusCode: page.status === 404,
  });
  const lhr = result?.lhr;
  const error = lhr ? lhr.runtimeError?.message : 'Lighthouse returned nothing';
  const score = (category: Category) => {
    const value = error ? null : lhr?.categories[category]?.score;
    return value === null || value === undefined ? null : Math.round(value * 100);
  };
  return {
    ...page,
    scores: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
      seo: score('seo'),
    },
    tbtMs: lhr?.audits['total-blocking-time']?.numericValue ?? NaN,
    lcpMs: lhr?.audits['largest-contentful-paint']?.numericValue ?? NaN,
    cls: lhr?.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    // For the 404 page, Lighthouse's warning that the page answered 404 is what is meant.
    warnings: (lhr?.runWarnings ?? []).filter(
      (warning) => !(page.status === 404 && warning.includes('(Status code: 404)')),
    ),
    ...(error ? { error } : {}),
  };
}

/** The run of median performance score: one run is noisy on a busy machine. */
function median(runs: PageAudit[]): PageAudit {
  const sorted = [...runs].sort(
    (a, b) => (a.scores.performance ?? -1) - (b.scores.performance ?? -1),
  );
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Audits each page `runs` times, one page after the other, and keeps each page's median run. */
export async function auditPages(
  dist: string,
  pages: readonly PageToAudit[],
  options: { runs?: number; gzip?: boolean; onPage?: (audit: PageAudit) => void } = {},
): Promise<PageAudit[]> {
  const runs = Math.max(1, options.runs ?? 1);
  const server = await serveStatic(dist, { gzip: options.gzip ?? true });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROME_FLAGS,
    logLevel: 'error',
  });
  try {
    const audits: PageAudit[] = [];
    for (const page of pages) {
      const results: PageAudit[] = [];
      for (let i = 0; i < runs; i++) {
        results.push(await auditOnce(server.url + page.path, chrome.port, page));
      }
      const audit = median(results);
      options.onPage?.(audit);
      audits.push(audit);
    }
    return audits;
  } finally {
    chrome.kill();
    await server.close();
  }
}
