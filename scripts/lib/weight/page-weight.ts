/**
 * The page weights of `npm run weight` (scripts/page-weight.ts): loads one page of each type
 * (scripts/lib/site/page-types.ts) in Chromium from a local server, records every response, and
 * tells what each page costs a reader: HTML, CSS, JavaScript and other bytes, gzip-compressed as a
 * host would send them (the local server does not compress, so each body is gzipped here with zlib).
 * A page over its budget gets its problems, in French. Page types absent from the site are listed,
 * not failed: the fixture site of the tests has them all (tests/page-weight.test.ts).
 *
 * Budgets, in kB of gzip (1 kB = 1,000 bytes), on load, before anyone types in a search box:
 * - fiche: no JavaScript at all, HTML + CSS under 50 kB (a long fiche on a slow mobile line);
 * - page (home, about…) and liste (browse pages, which are paginated): no JavaScript, HTML + CSS
 *   under 50 kB and 80 kB;
 * - introuvable (the 404 page, which resolves short addresses such as /RNCP6133/): HTML + CSS under
 *   50 kB, its script under 2 kB;
 * - recherche (the search's code): HTML + CSS under 50 kB, its own code and Pagefind's under
 *   60 kB, and everything, index and WebAssembly included once a query has run, under 400 kB.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../site/browser.ts';
import { PAGE_TYPES, type PageType, type WeightClass } from '../site/page-types.ts';
import { openPageType } from '../site/page-visit.ts';
import { resolveFile, serveStatic } from '../site/server.ts';

export interface Budget {
  /** Most JavaScript a page may load, gzip bytes (0: none at all). */
  js: number;
  htmlCss: number;
  total: number;
}

const KB = 1000;
export const BUDGETS: Record<WeightClass, Budget> = {
  fiche: { js: 0, htmlCss: 50 * KB, total: 50 * KB },
  page: { js: 0, htmlCss: 50 * KB, total: 50 * KB },
  liste: { js: 0, htmlCss: 80 * KB, total: 80 * KB },
  recherche: { js: 60 * KB, htmlCss: 50 * KB, total: 400 * KB },
  introuvable: { js: 2 * KB, htmlCss: 50 * KB, total: 52 * KB },
};

type Kind = 'html' | 'css' | 'js' | 'autres';

interface Sizes {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  name: string;
  path: string;
  weight: WeightClass;
  requests: number;
  html: Sizes;
  css: Sizes;
  js: Sizes;
  autres: Sizes;
  total: Sizes;
  /** Over-budget messages, in French. */
  problems: string[];
}

export interface WeightReport {
  dist: string;
  pages: PageWeight[];
  /** Page types this site does not have. */
  missing: string[];
}

function kindOf(resourceType: string): Kind {
  if (resourceType === 'document') return 'html';
  if (resourceType === 'stylesheet') return 'css';
  if (resourceType === 'script') return 'js';
  return 'autres';
}

function exists(dist: string, type: PageType): boolean {
  const pathname = new URL(type.path, 'http://localhost').pathname;
  if (type.landsOn && resolveFile(dist, type.landsOn) === undefined) return false;
  return type.status === 404
    ? resolveFile(dist, '/404.html') !== undefined
    : resolveFile(dist, pathname) !== undefined;
}

function overBudget(page: Omit<PageWeight, 'problems'>): string[] {
  const budget = BUDGETS[page.weight];
  const problems: string[] = [];
  const kb = (n: number) => `${(n / KB).toFixed(1)} kB`;
  if (budget.js === 0 && page.js.raw > 0) {
    problems.push(`charge du JavaScript (${kb(page.js.gzip)} gzip) : aucun n'est admis ici`);
  } else if (page.js.gzip > budget.js) {
    problems.push(`JavaScript ${kb(page.js.gzip)} gzip, budget ${kb(budget.js)}`);
  }
  const htmlCss = page.html.gzip + page.css.gzip;
  if (htmlCss > budget.htmlCss) {
    problems.push(`HTML + CSS ${kb(htmlCss)} gzip, budget ${kb(budget.htmlCss)}`);
  }
  if (page.total.gzip > budget.total) {
    problems.push(`total ${kb(page.total.gzip)} gzip, budget ${kb(budget.total)}`);
  }
  return problems;
}

/** The biggest fiche page of the site, by its HTML's size: the one a budget is really about. */
function heaviestFiche(root: string): PageType | undefined {
  let heaviest: { path: string; size: number } | undefined;
  for (const repertoire of ['rncp', 'rs']) {
    const folder = path.join(root, repertoire);
    if (!existsSync(folder)) continue;
    for (const numero of readdirSync(folder)) {
      const file = path.join(folder, numero, 'index.html');
      if (!existsSync(file)) continue;
      const size = statSync(file).size;
      if (!heaviest || size > heaviest.size) heaviest = { path: `/${repertoire}/${numero}/`, size };
    }
  }
  return (
    heaviest && {
      name: 'fiche la plus lourde',
      path: heaviest.path,
      routes: /^\/(rncp|rs)\/\d+\/$/,
      status: 200,
      weight: 'fiche',
    }
  );
}

/**
 * Loads each page type (of `types`, every type by default) present in `dist`, and the site's
 * heaviest fiche, and weighs them. A page that throws or logs an error is a problem too.
 */
export async function weighSite(
  dist: string,
  types: readonly PageType[] = PAGE_TYPES,
): Promise<WeightReport> {
  const root = path.resolve(dist);
  const present = types.filter((type) => exists(root, type));
  const missing = types.filter((type) => !present.includes(type)).map((t) => t.name);
  const heaviest = heaviestFiche(root);
  if (heaviest) present.push(heaviest);
  const server = await serveStatic(root);
  const browser = await launchChromium();
  try {
    const pages: PageWeight[] = [];
    for (const type of present) {
      // A fresh context per page: an empty cache, as for a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies: Promise<{ kind: Kind; sizes: Sizes }>[] = [];
      page.on('response', (response) => {
        bodies.push(
          response.body().then(
            (body) => ({
              kind: kindOf(response.request().resourceType()),
              sizes: { raw: body.length, gzip: body.length === 0 ? 0 : gzipSync(body).length },
            }),
            // A redirect has no body.
            () => ({ kind: kindOf(response.request().resourceType()), sizes: { raw: 0, gzip: 0 } }),
          ),
        );
      });
      // The search page fetches its index once the query in its address has run; the 404 page of
      // a short address asks whether the fiche exists, then says what it found or goes there.
      const { errors } = await openPageType(
        page,
        type,
        { fixture: server.url, paged: server.url },
        { waitUntil: type.weight === 'recherche' ? 'networkidle' : 'load' },
      );
      const responses = await Promise.all(bodies);
      await context.close();
      const sum = (kinds: Kind[]): Sizes =>
        responses
          .filter((r) => kinds.includes(r.kind))
          .reduce((a, r) => ({ raw: a.raw + r.sizes.raw, gzip: a.gzip + r.sizes.gzip }), {
            raw: 0,
            gzip: 0,
          });
      const weighed = {
        name: type.name,
        path: type.path,
        weight: type.weight,
        requests: responses.length,
        html: sum(['html']),
        css: sum(['css']),
        js: sum(['js']),
        autres: sum(['autres']),
        total: sum(['html', 'css', 'js', 'autres']),
      };
      pages.push({ ...weighed, problems: [...overBudget(weighed), ...errors()] });
    }
    return { dist: root, pages, missing };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The report as a Markdown table, sizes in kB of gzip, and the raw total. */
export function formatTable(report: WeightReport): string {
  const kb = (n: number) => (n / KB).toFixed(1);
  const rows = report.pages.map((p) => [
    p.name,
    p.path,
    kb(p.html.gzip),
    kb(p.css.gzip),
    kb(p.js.gzip),
    kb(p.autres.gzip),
    kb(p.total.gzip),
    kb(p.total.raw),
    String(p.requests),
    p.problems.length === 0 ? 'ok' : 'DÉPASSÉ',
  ]);
  const header = [
    'Type de page',
    'Adresse',
    'HTML',
    'CSS',
    'JS',
    'Autres',
    'Total gzip',
    'Total brut',
    'Requêtes',
    'Budget',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 2 && i <= 8 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const out = [
    line(header),
    `|${widths.map((w, i) => (i >= 2 && i <= 8 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
    '',
    'Tailles en kB (1 000 octets), compressées en gzip sauf « Total brut ».',
  ];
  for (const page of report.pages) {
    for (const problem of page.problems)
      out.push(`Budget dépassé, ${page.name} (${page.path}) : ${problem}`);
  }
  for (const name of report.missing) out.push(`Absent de ce site : ${name}`);
  return out.join('\n');
}
