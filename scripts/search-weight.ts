/**
 * `node scripts/search-weight.ts [--dist dist] [--json FICHIER] [requête…]` — what a search costs a
 * reader of the built site, first searches and later ones, among the active fiches and among all:
 * gzip kB, requests and milliseconds, as a Markdown table. The measure is in
 * scripts/lib/weight/search-weight.ts.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_QUERIES, formatCosts, weighSearch } from './lib/weight/search-weight.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dist: { type: 'string', default: 'dist' }, json: { type: 'string' } },
});
const costs = await weighSearch(values.dist, positionals.length ? positionals : DEFAULT_QUERIES);
console.log(formatCosts(costs));
if (values.json) writeFileSync(values.json, JSON.stringify(costs, null, 2));
