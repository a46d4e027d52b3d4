/**
 * `node scripts/rome-filter-weight.ts [--pages N]` — the filter file a search for the fiches of a
 * ROME code loads (a job title's code), at the size of the national active fiches by default: one
 * file per letter of the ROME codes, against one file of every code. The measure is in
 * scripts/lib/weight/rome-filters.ts.
 */
import { parseArgs } from 'node:util';
import {
  formatRomeFilters,
  NATIONAL_ACTIVE_FICHES,
  weighRomeFilters,
} from './lib/weight/rome-filters.ts';

const { values } = parseArgs({
  options: { pages: { type: 'string', default: String(NATIONAL_ACTIVE_FICHES) } },
});
const pages = Number(values.pages);
console.log(formatRomeFilters(await weighRomeFilters(pages), pages));
