/**
 * `npm run check:fiches -- [fichiers…] [--depuis REF] [--site DOSSIER]` — the check of a change that
 * touches only fiches, in a few minutes whatever the size of the catalogue: validation of the changed
 * fiches (with GitHub annotations on their lines when GITHUB_ACTIONS=true), Astro's incremental build
 * of dist/ (only pages whose inputs changed are rendered again; no search index), then, on the pages
 * of these fiches only (the fiche and its partner pages), the suite's checks: axe-core and headings in
 * Chromium, html-validate, and every link and anchor. Exit code 1 on any problem.
 *
 * The fiches are the files given, or with `--depuis REF` those that differ from REF (committed or
 * not, new ones included). `--site DOSSIER` checks an already built site without building.
 * `--portee --depuis REF` prints `fiches` when every file changed since REF is a fiche, `tout`
 * otherwise: the GitHub workflow runs this check for `fiches` and the whole suite for `tout`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  changeScope,
  fichePages,
  isFicheFile,
  parseNameStatus,
} from '../src/lib/changed-fiches.ts';
import { builtPages } from './lib/site/dist.ts';
import { checkPages } from './lib/check-fiches.ts';
import { formatFigure, plural } from '../src/lib/wording.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    depuis: { type: 'string' },
    portee: { type: 'boolean', default: false },
    site: { type: 'string' },
  },
});
const annotate = process.env['GITHUB_ACTIONS'] === 'true';
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const seconds = (start: number) => `${formatFigure((performance.now() - start) / 1000)} s`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (values.portee) {
  if (!values.depuis) fail('--portee demande --depuis REF (par exemple --depuis origin/main).');
  const { changed, deleted } = parseNameStatus(git('diff', '--name-status', values.depuis, 'HEAD'));
  console.log(changeScope([...changed, ...deleted]));
  process.exit(0);
}

// The fiches to check: those named, or those changed since --depuis.
let files = positionals.map((arg) =>
  path.relative(root, path.resolve(arg)).split(path.sep).join('/'),
);
if (values.depuis) {
  const { changed, deleted } = parseNameStatus(git('diff', '--name-status', values.depuis, '--'));
  const added = git('ls-files', '--others', '--exclude-standard', '--', 'content/fiches')
    .split('\n')
    .filter(Boolean);
  files.push(...changed, ...deleted, ...added);
  files = files.filter(isFicheFile);
}
files = [...new Set(files)].sort();
const notFiches = files.filter((file) => !isFicheFile(file));
if (notFiches.length > 0) {
  fail(
    `Ces fichiers ne sont pas des fiches (content/fiches/rncp/N.md ou content/fiches/rs/N.md) :\n  ${notFiches.join('\n  ')}`,
  );
}
const present = files.filter((file) => existsSync(path.join(root, file)));
const removed = files.filter((file) => !present.includes(file));
if (present.length === 0) {
  console.log(
    removed.length > 0
      ? `Fiches supprimées seulement (${removed.join(', ')}) : aucune page à vérifier.`
      : 'Aucune fiche modifiée : rien à vérifier.',
  );
  process.exit(0);
}
console.log(`Fiches à vérifier : ${present.join(', ')}`);

const node = (args: string[], what: string) => {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0)
    fail(`\n${what} : échec. Les vérifications des pages n'ont pas été lancées.`);
  return seconds(start);
};

/** `astro build` with warnings and errors only: its list of every page is long at national size. */
const ASTRO_BUILD = `const { build } = await import('astro');
await build({ root: process.cwd(), logLevel: 'warn' });`;

const timings: string[] = [];
timings.push(`validation ${node(['scripts/validate.ts', ...present], 'Validation des fiches')}`);
let dist = path.join(root, 'dist');
if (values.site) dist = path.resolve(values.site);
else
  timings.push(
    `construction ${node(['--input-type=module', '-e', ASTRO_BUILD], 'Construction du site')}`,
  );

const start = performance.now();
const built = builtPages(dist);
const pages: string[] = [];
const byPage = new Map<string, string>();
const problems: { file: string; check: string; message: string }[] = [];
for (const file of present) {
  const own = fichePages(file, built);
  if (own.length === 0) problems.push({ file, check: 'pages', message: 'aucune page construite' });
  for (const page of own) byPage.set(page, file);
  pages.push(...own);
}
for (const problem of await checkPages(dist, pages)) {
  problems.push({ file: byPage.get(problem.page) ?? problem.page, ...problem });
}
timings.push(`vérifications ${seconds(start)} (${pages.length} ${plural(pages.length, 'page')})`);

for (const { file, check, message } of problems) {
  console.error(`${file} [${check}] ${message}`);
  if (annotate) {
    const escape = (text: string) =>
      text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    console.log(
      `::error file=${file},title=${escape(`Page de la fiche : ${check}`)}::${escape(message)}`,
    );
  }
}
console.log(timings.join(', '));
if (problems.length > 0) {
  fail(
    `\n${problems.length} ${plural(problems.length, 'problème')} sur les pages de ${present.length} ${plural(present.length, 'fiche')}.`,
  );
}
console.log(
  `Pages de ${present.length} ${plural(present.length, 'fiche')} vérifiées : accessibilité, HTML et liens sans problème.`,
);
