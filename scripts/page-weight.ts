/**
 * `npm run weight -- [--dist dist] [--json FICHIER]` — what one page of each type costs a reader
 * (HTML, CSS, JavaScript and other bytes, gzip), as a Markdown table; exit code 1 when a page is over
 * its budget. The budgets and the measure are in scripts/lib/weight/page-weight.ts.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatTable, weighSite } from './lib/weight/page-weight.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, json: { type: 'string' } },
});
const report = await weighSite(values.dist);
console.log(formatTable(report));
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
if (report.pages.some((p) => p.problems.length > 0)) process.exitCode = 1;
