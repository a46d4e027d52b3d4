/**
 * `npm run lighthouse -- [--dist dist] [--runs N] [--min 95] [--no-gzip] [--page /rome/ …]
 * [--json FICHIER]` — Lighthouse (mobile, simulated throttling) on one page of every page type of a
 * built site, and on each type's largest page when it holds more than 20 kB of HTML (or only the
 * pages named by `--page`); prints the four scores, total blocking time, largest contentful paint,
 * cumulative layout shift and HTML size. With `--runs N` each page is audited N times and the
 * median run kept. The site is served gzip-compressed as hosts do; `--no-gzip` shows a host that
 * does not compress. Exit code 1 when a page scores under `--min` in performance. A benchmark to
 * rerun after a change (`npm run build` first), never a test: scores depend on the machine's load.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditPages } from './lib/lighthouse/audit.ts';
import { pagesToAudit } from './lib/lighthouse/pages.ts';
import { formatTable } from './lib/lighthouse/table.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '1' },
    min: { type: 'string', default: '95' },
    json: { type: 'string' },
    gzip: { type: 'boolean', default: true },
    page: { type: 'string', multiple: true },
  },
  allowNegative: true,
});
const min = Number(values.min);
const { pages: all, missing } = pagesToAudit(values.dist);
const pages = values.page ? all.filter((p) => values.page!.includes(p.path)) : all;
if (!values.page) for (const name of missing) console.log(`Absent de ce site : ${name}`);
const audits = await auditPages(values.dist, pages, {
  runs: Number(values.runs),
  gzip: values.gzip,
  onPage: (a) => console.error(`${a.path} : performance ${a.scores.performance}`),
});
console.log(formatTable(audits, { minPerformance: min, gzip: values.gzip }));
if (values.json) writeFileSync(values.json, JSON.stringify(audits, null, 2));
if (audits.some((a) => (a.scores.performance ?? 0) < min)) process.exitCode = 1;
