/**
 * `node scripts/search-index.ts [--site dist] [--max-pages-per-bundle N] [--max-fragments N]`
 *
 * The search index of a built site, after `astro build` (`npm run build` runs both): Pagefind's
 * bundles of the active and of the inactive fiches, and /recherche/index.json, which lists them.
 * Exit code 1, with the reason in French, on any Pagefind error, an empty index or a page that is
 * not French. The work is done by src/lib/search/indexer.ts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { indexSite, SearchIndexError } from '../src/lib/search/indexer.ts';

const USAGE =
  'Usage : node scripts/search-index.ts [--site DOSSIER] [--max-pages-per-bundle N] [--max-fragments N]';

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new SearchIndexError(`${name} : entier positif attendu\n${USAGE}`);
  return n;
}

try {
  const { values } = parseArgs({
    options: {
      site: { type: 'string', default: 'dist' },
      'max-pages-per-bundle': { type: 'string' },
      'max-fragments': { type: 'string' },
    },
  });
  const started = performance.now();
  const maxPagesPerBundle = positive(values['max-pages-per-bundle'], '--max-pages-per-bundle');
  const maxFragments = positive(values['max-fragments'], '--max-fragments');
  const manifest = await indexSite(values.site, {
    ...(maxPagesPerBundle !== undefined ? { maxPagesPerBundle } : {}),
    ...(maxFragments !== undefined ? { maxFragments } : {}),
    log: (line) => console.log(line),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Index de recherche écrit dans ${path.resolve(values.site)} en ${seconds} s : ` +
      `${manifest.actives.pages} fiche(s) active(s), ${manifest.inactives.pages} inactive(s).`,
  );
} catch (error) {
  console.error(
    error instanceof SearchIndexError || (error instanceof Error && error.name === 'TypeError')
      ? error.message
      : error,
  );
  process.exitCode = 1;
}
