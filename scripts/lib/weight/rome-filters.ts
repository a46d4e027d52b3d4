/**
 * What finding the fiches of a ROME code costs the search page at national size: the Pagefind
 * filter file it loads. A job title (src/lib/search/metiers.ts) leads to its ROME code, whose
 * fiches are a Pagefind search filtered on it; the index keeps the ROME codes in one filter per
 * letter (`rome-k`, src/lib/search/state.ts romeFilterKey), so that search loads the file of one
 * letter, not the file of every code.
 *
 * Measured on pages that carry, each, the ROME codes of a real fiche of the France Compétences
 * export (export_fiches_CSV_Rome_2026_02_01.csv, fiches taken evenly through the file), indexed by
 * the site's own index step (src/lib/search/indexer.ts) once with the letters' filters, once with a
 * single `rome` filter for comparison; then, in Chromium, the filter file each search loads (Pagefind
 * writes them compressed: their size is what a host sends).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../site/browser.ts';
import { serveStatic } from '../site/server.ts';
import { parseCsvRecords } from '../../../src/lib/csv.ts';
import { searchRecord } from '../../../src/lib/search/record.ts';
import { indexSite } from '../../../src/lib/search/indexer.ts';
import { ROME_FILTER_PREFIX } from '../../../src/lib/search/state.ts';
import { sharedDataDir } from '../../../src/lib/test-data/manifest.ts';
import { FICHIERS } from '../referentiels/inputs.ts';

/** The active fiches of the national catalogue (export of 2026-08-16): the default scope. */
export const NATIONAL_ACTIVE_FICHES = 6_989;

export interface RomeFilterWeight {
  /** `rome-k`, or `rome` for the single filter of every code. */
  filter: string;
  /** Pages that carry a code of this filter. */
  pages: number;
  /** The code searched, and the bytes of the filter file its search loaded. */
  code: string;
  bytes: number;
}

/** The ROME codes of `count` fiches of the export, taken evenly through it. */
function exportFiches(count: number): string[][] {
  const file = path.join(sharedDataDir(), FICHIERS.exportRome);
  const byFiche = new Map<string, string[]>();
  for (const row of parseCsvRecords(readFileSync(file, 'utf8'))) {
    const numero = row['Numero_Fiche'] ?? '';
    const code = (row['Codes_Rome_Code'] ?? '').trim();
    if (numero && /^[A-N]\d{4}$/.test(code))
      byFiche.set(numero, [...(byFiche.get(numero) ?? []), code]);
  }
  const all = [...byFiche.values()];
  const step = all.length / Math.min(count, all.length);
  return Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)]!);
}

/** A fiche page reduced to what the index reads of its ROME codes. */
function page(n: number, codes: string[], single: boolean): string {
  const record = searchRecord({
    numero_fiche: `RNCP${100000 + n}`,
    intitule: `Fiche ${n}`,
    statut: { actif: true },
    certificateurs: [],
    rome: codes.map((code) => ({ code })),
  });
  const spans = record.indexFilters
    .filter(([name]) => name.startsWith(ROME_FILTER_PREFIX))
    .map(
      ([name, value]) => `<span data-pagefind-filter="${single ? 'rome' : name}">${value}</span>`,
    );
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${n}</title></head><body><article data-pagefind-body><h1>Fiche ${n}</h1><div hidden data-search-scope="actives">${spans.join('')}</div></article></body></html>`;
}

/** Weighs the filter files on `pages` pages (the national active fiches by default). */
export async function weighRomeFilters(
  pages = NATIONAL_ACTIVE_FICHES,
  workDir = 'tmp',
): Promise<RomeFilterWeight[]> {
  mkdirSync(workDir, { recursive: true });
  const work = mkdtempSync(path.join(path.resolve(workDir), 'rome-filters-'));
  const fiches = exportFiches(pages);
  const weights: RomeFilterWeight[] = [];
  // The static server answers any other address with the site's 404 page.
  writeFileSync(path.join(work, '404.html'), '<!doctype html><title>404</title>');
  const server = await serveStatic(work);
  const browser = await launchChromium();
  try {
    for (const single of [false, true]) {
      const site = path.join(work, single ? 'unique' : 'lettres');
      fiches.forEach((codes, n) => {
        mkdirSync(path.join(site, String(n)), { recursive: true });
        writeFileSync(path.join(site, String(n), 'index.html'), page(n, codes, single));
      });
      await indexSite(site);
      // The code most cited under each filter, searched as the page does.
      const byFilter = new Map<string, Map<string, number>>();
      for (const codes of fiches) {
        for (const code of new Set(codes)) {
          const filter = single ? 'rome' : `${ROME_FILTER_PREFIX}${code[0]!.toLowerCase()}`;
          const counts = byFilter.get(filter) ?? new Map<string, number>();
          counts.set(code, (counts.get(code) ?? 0) + 1);
          byFilter.set(filter, counts);
        }
      }
      for (const [filter, counts] of [...byFilter].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const [code] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
        const context = await browser.newContext();
        const tab = await context.newPage();
        const sizes: Promise<number>[] = [];
        tab.on('response', (response) => {
          if (response.url().endsWith('.pf_filter'))
            sizes.push(response.body().then((b) => b.length));
        });
        await tab.goto(`${server.url}/${path.basename(site)}/0/`);
        await tab.evaluate(
          async ({ filter, code }) => {
            const pagefind = await import(
              `/${location.pathname.split('/')[1]}/pagefind/pagefind.js`
            );
            await pagefind.search(null, { filters: { [filter]: { any: [code] } } });
          },
          { filter, code },
        );
        await tab.waitForLoadState('networkidle');
        const pagesOf = fiches.filter((codes) =>
          codes.some((c) => single || `${ROME_FILTER_PREFIX}${c[0]!.toLowerCase()}` === filter),
        ).length;
        weights.push({
          filter,
          pages: pagesOf,
          code,
          bytes: (await Promise.all(sizes)).reduce((a, b) => a + b, 0),
        });
        await context.close();
      }
    }
    return weights;
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The weights as a Markdown table, in kB (1,000 bytes). */
export function formatRomeFilters(weights: readonly RomeFilterWeight[], pages: number): string {
  return [
    `Fichier de filtre chargé pour trouver les fiches d'un code ROME, sur ${pages} pages portant chacune les codes ROME d'une fiche de l'export :`,
    '',
    '| filtre | pages | code cherché | ko |',
    '| --- | ---: | --- | ---: |',
    ...weights.map(
      (w) => `| ${w.filter} | ${w.pages} | ${w.code} | ${(w.bytes / 1000).toFixed(1)} |`,
    ),
  ].join('\n');
}
