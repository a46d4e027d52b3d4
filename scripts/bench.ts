/**
 * npm run bench -- --fiches N [--json FICHIER] [--keep] [--seed S] [--max-fragments N]
 *                  [--astro '{"build":{"concurrency":2}}'] [--work DIR] [--stages build,index]
 *
 * The whole pipeline at national scale on a synthetic export (scripts/generate-export.ts: the real
 * sample fiches under new numbers, some with over 1,000 partners), in a temporary folder under tmp/
 * (ignored by git, removed at the end unless --keep). Each stage runs in a child process so that
 * its time and the peak memory of its process tree are its own:
 *
 *   generate (not counted) → import → validate → build (Astro, without the index) → index (Pagefind)
 *   → search (Chromium: the first query's bytes and time, then later ones; not counted)
 *   → rebuild (one fiche edited, the site built again; not counted)
 *
 * Prints a table; --json writes { fiches, stages: [{ name, seconds, peakRssMb, … }], totalSeconds }.
 * docs/bench.md gives the method and the figures. tests/bench-small.test.ts runs it on 1,000 fiches.
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import yaml from 'js-yaml';
import { sampleTree } from '../src/lib/bench/process-tree.ts';
import {
  COUNTED_STAGES,
  formatTable,
  type BenchResult,
  type StageResult,
} from '../src/lib/bench/report.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = fileURLToPath(import.meta.url);
const RESULT_MARK = 'BENCH_RESULT ';
/** The export date written into imported fiches, as in the official file name. */
const DATE_FLUX = '2026-08-16';

export interface BenchOptions {
  fiches: number;
  seed?: number;
  /** Working folder; by default a new one under tmp/ (Astro must build inside the project). */
  work?: string;
  keep?: boolean;
  /** Astro inline configuration merged over astro.config.mjs for the build stages. */
  astro?: Record<string, unknown>;
  /** Pagefind's maxFragments for the index stage. */
  maxFragments?: number;
  /** Stages to run (default all); without import, `work` must hold the fiches of an earlier run. */
  stages?: string[];
  /** Called with each stage as it ends. */
  onStage?: (stage: StageResult) => void;
}

/** Where a run keeps its files. */
export interface WorkLayout {
  root: string;
  exportDir: string;
  fiches: string;
  dist: string;
  cache: string;
  logs: string;
}

export function workLayout(root: string): WorkLayout {
  return {
    root,
    exportDir: path.join(root, 'export'),
    fiches: path.join(root, 'fiches'),
    dist: path.join(root, 'dist'),
    cache: path.join(root, 'cache'),
    logs: path.join(root, 'logs'),
  };
}

export class StageError extends Error {
  override name = 'StageError';
}

/**
 * Runs `node args…` from the project root, sampling the memory of its process tree, with its output
 * in logs/<name>.log. Returns the time, the peak memory and what the child reported on its
 * `BENCH_RESULT {json}` line, if any.
 */
async function runStage(
  work: WorkLayout,
  name: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ seconds: number; peakRssMb: number; reported: Record<string, unknown> }> {
  mkdirSync(work.logs, { recursive: true });
  const log = path.join(work.logs, `${name}.log`);
  writeFileSync(log, `$ node ${args.join(' ')}\n`);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = sampleTree(child.pid!);
  let reported: Record<string, unknown> = {};
  let pending = '';
  const keep = (chunk: Buffer) => {
    appendFileSync(log, chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(RESULT_MARK)) reported = JSON.parse(line.slice(RESULT_MARK.length));
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', (chunk: Buffer) => appendFileSync(log, chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  const sampled = sampler.stop();
  if (pending.startsWith(RESULT_MARK)) reported = JSON.parse(pending.slice(RESULT_MARK.length));
  if (code !== 0) {
    const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
    throw new StageError(`Étape ${name} : code de sortie ${code} (journal : ${log})\n${tail}`);
  }
  // A child's own maximum catches a peak between two samples.
  const ownKb = typeof reported['maxRssKb'] === 'number' ? reported['maxRssKb'] : 0;
  const peakRssMb = Math.max(sampled, ownKb * 1024) / 1e6;
  return { seconds, peakRssMb, reported };
}

/** Files and megabytes under a folder. */
export function folderSize(folder: string): { files: number; megabytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, megabytes: bytes / 1e6 };
}

/** Fiche pages built: `rncp/N/index.html` and `rs/N/index.html`. */
export function countFichePages(dist: string): number {
  let pages = 0;
  for (const repertoire of ['rncp', 'rs']) {
    const folder = path.join(dist, repertoire);
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(path.join(folder, entry.name, 'index.html'))) pages++;
    }
  }
  return pages;
}

/** Markdown fiches written by the import. */
export function listFiches(fiches: string): string[] {
  return readdirSync(fiches, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md'))
    .sort();
}

interface FicheFacts {
  numero: string;
  url: string;
  intitule: string;
  rome: string[];
}

function ficheFacts(file: string): FicheFacts {
  const text = readFileSync(file, 'utf8');
  const front = yaml.load(text.slice(4, text.indexOf('\n---', 4))) as {
    numero_fiche: string;
    intitule: string;
    rome?: { code: string }[];
  };
  const [, repertoire, numero] = /^(RNCP|RS)(\d+)$/.exec(front.numero_fiche) ?? [];
  return {
    numero: front.numero_fiche,
    url: `/${repertoire!.toLowerCase()}/${numero}/`,
    intitule: front.intitule,
    rome: (front.rome ?? []).map((r) => r.code),
  };
}

/** A search of the benchmark and what the catalogue says it must find. */
export interface SearchCase {
  q: string;
  kind: 'mots' | 'numéro' | 'ROME';
  /** Pages that must be among the hits. */
  expected: string[];
}

/**
 * The searches, from the imported fiches: words of a title, a fiche number, a ROME code. Each
 * expects the fiches that hold it (all generated fiches share their templates' titles and codes).
 */
export function searchCases(fichesDir: string): SearchCase[] {
  const files = listFiches(fichesDir);
  const facts = files.map((file) => ficheFacts(path.join(fichesDir, file)));
  const middle = facts[Math.floor(facts.length / 2)]!;
  const withRome = facts.find((f) => f.rome.length > 0 && f.intitule !== middle.intitule) ?? middle;
  const code = withRome.rome[0];
  const cases: SearchCase[] = [
    {
      q: middle.intitule,
      kind: 'mots',
      expected: facts.filter((f) => f.intitule === middle.intitule).map((f) => f.url),
    },
    { q: middle.numero, kind: 'numéro', expected: [middle.url] },
  ];
  if (code) {
    cases.push({
      q: code,
      kind: 'ROME',
      expected: facts.filter((f) => f.rome.includes(code)).map((f) => f.url),
    });
  }
  const other = facts.find(
    (f) => f.intitule !== middle.intitule && f.intitule !== withRome.intitule,
  );
  if (other) {
    cases.push({
      q: other.intitule.split(/\s+/).slice(0, 3).join(' '),
      kind: 'mots',
      expected: [],
    });
  }
  return cases;
}

/** Edits one fiche's text the way an editor would: a sentence added to its first paragraph. */
export function editOneFiche(fichesDir: string): string {
  const file = path.join(fichesDir, listFiches(fichesDir)[0]!);
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n---', 4) + 4;
  const body = text.slice(end).replace(/\n\n([^#\n][^\n]*)/, '\n\n$1 Texte revu par un éditeur.');
  writeFileSync(file, text.slice(0, end) + body);
  return file;
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** Runs every stage in order and returns the figures; throws StageError when a stage fails. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const seed = options.seed ?? 1;
  mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const root = options.work
    ? path.resolve(options.work)
    : mkdtempSync(path.join(ROOT, 'tmp', `bench-${options.fiches}-`));
  const work = workLayout(root);
  mkdirSync(root, { recursive: true });
  const stages: StageResult[] = [];
  const start = loadAverage();
  const record = (stage: StageResult) => {
    stages.push(stage);
    options.onStage?.(stage);
  };
  const astroEnv = {
    FICHES_DIR: work.fiches,
    BENCH_OUT_DIR: work.dist,
    BENCH_CACHE_DIR: work.cache,
    BENCH_ASTRO_CONFIG: JSON.stringify(options.astro ?? {}),
    SKIP_SEARCH_INDEX: '1',
  };
  const want = (name: string) => options.stages?.includes(name) ?? true;
  let site: { files: number; megabytes: number } | undefined;
  try {
    if (want('import')) await generateAndImport();
    if (want('validate')) {
      const validated = await runStage(work, 'validate', ['scripts/validate.ts', work.fiches]);
      const validLine = readFileSync(path.join(work.logs, 'validate.log'), 'utf8').match(
        /(\d+) fiches? valides?\./,
      );
      const fichesValid = validLine ? Number(validLine[1]) : 0;
      record({
        name: 'validate',
        counted: true,
        seconds: validated.seconds,
        peakRssMb: validated.peakRssMb,
        fichesValid,
        summary: `${fichesValid} fiches valides`,
      });
    }
    if (want('build')) {
      const built = await runStage(work, 'build', [SCRIPT, '--stage', 'build'], astroEnv);
      const fichePages = countFichePages(work.dist);
      const builtSize = folderSize(work.dist);
      record({
        name: 'build',
        counted: true,
        seconds: built.seconds,
        peakRssMb: built.peakRssMb,
        fichePages,
        files: builtSize.files,
        summary: `${fichePages} pages de fiche, ${builtSize.files} fichiers`,
      });
    }
    if (want('index')) {
      const indexArgs = [SCRIPT, '--stage', 'index', '--work', root];
      if (options.maxFragments !== undefined)
        indexArgs.push('--max-fragments', String(options.maxFragments));
      const indexed = await runStage(work, 'index', indexArgs);
      site = folderSize(work.dist);
      const pagefindFiles = folderSize(path.join(work.dist, 'pagefind'));
      record({
        name: 'index',
        counted: true,
        seconds: indexed.seconds,
        peakRssMb: indexed.peakRssMb,
        indexedPages: indexed.reported['pages'],
        pagefindFiles: pagefindFiles.files,
        pagefindMb: pagefindFiles.megabytes,
        summary: `${String(indexed.reported['pages'])} pages indexées, ${pagefindFiles.files} fichiers Pagefind`,
      });
    }
    if (want('search')) await search();
    if (want('rebuild')) await rebuild();
    const counted = stages.filter((s) => COUNTED_STAGES.includes(s.name));
    return {
      fiches: options.fiches,
      stages,
      totalSeconds: counted.reduce((sum, s) => sum + s.seconds, 0),
      peakRssMb: Math.max(0, ...counted.map((s) => s.peakRssMb)),
      ...(site ? { site } : {}),
      options: {
        astro: options.astro ?? {},
        ...(options.maxFragments !== undefined ? { maxFragments: options.maxFragments } : {}),
      },
      load: { start, end: loadAverage() },
      cpus: os.availableParallelism(),
      date: new Date().toISOString(),
    };
  } finally {
    if (!options.keep && !options.work) rmSync(root, { recursive: true, force: true });
  }

  async function generateAndImport(): Promise<void> {
    const generated = await runStage(work, 'generate', [
      SCRIPT,
      '--stage',
      'generate',
      '--fiches',
      String(options.fiches),
      '--seed',
      String(seed),
      '--work',
      root,
    ]);
    const exportFile = String(generated.reported['path']);
    record({
      name: 'generate',
      counted: false,
      seconds: generated.seconds,
      peakRssMb: generated.peakRssMb,
      ...generated.reported,
      summary: `${((generated.reported['bytes'] as number) / 1e6).toFixed(0)} Mo d'export, ${String(generated.reported['fichesOver1000Partners'])} fiches à plus de 1 000 partenaires`,
    });

    const reportFile = path.join(root, 'import-report.json');
    const imported = await runStage(work, 'import', [
      'scripts/import.ts',
      exportFile,
      '--out',
      work.fiches,
      '--date-flux',
      DATE_FLUX,
      '--report',
      reportFile,
      '--quiet',
    ]);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      totaux: { ecrites: number; echecs: number };
    };
    const fichesWritten = listFiches(work.fiches).length;
    record({
      name: 'import',
      counted: true,
      seconds: imported.seconds,
      peakRssMb: imported.peakRssMb,
      fichesWritten,
      failures: report.totaux.echecs,
      summary: `${fichesWritten} fiches écrites, ${report.totaux.echecs} échec(s)`,
    });
  }

  async function search(): Promise<void> {
    const cases = searchCases(work.fiches);
    writeFileSync(path.join(root, 'search-cases.json'), JSON.stringify(cases));
    const searched = await runStage(work, 'search', [SCRIPT, '--stage', 'search', '--work', root]);
    const queries = searched.reported['queries'] as SearchMeasure[];
    const weights = searched.reported['weights'] as PageWeightSummary[];
    const heaviest = weights.find((w) => w.name === 'fiche la plus lourde');
    const first = queries[0]!;
    const later = queries.slice(1);
    record({
      name: 'search',
      counted: false,
      seconds: searched.seconds,
      peakRssMb: searched.peakRssMb,
      queries,
      loadBytes: searched.reported['loadBytes'],
      loadTransfers: searched.reported['loadTransfers'],
      weights,
      summary:
        `1re : ${(first.bytes / 1000).toFixed(0)} ko en ${first.ms.toFixed(0)} ms ; ` +
        `suivantes : ≤ ${(Math.max(...later.map((q) => q.bytes)) / 1000).toFixed(0)} ko, ` +
        `≤ ${Math.max(...later.map((q) => q.ms)).toFixed(0)} ms ; ` +
        `fiche la plus lourde : ${heaviest ? `${heaviest.gzipKb.toFixed(0)} ko gzip` : '?'}`,
    });
  }

  async function rebuild(): Promise<void> {
    const edited = editOneFiche(work.fiches);
    const rebuilt = await runStage(work, 'rebuild', [SCRIPT, '--stage', 'build'], astroEnv);
    record({
      name: 'rebuild',
      counted: false,
      seconds: rebuilt.seconds,
      peakRssMb: rebuilt.peakRssMb,
      edited: path.relative(work.fiches, edited),
      summary: `une fiche modifiée (${path.relative(work.fiches, edited)}), site reconstruit sans l'index`,
    });
  }
}

// ------------------------------------------------------------------ stages run in child processes

function report(result: Record<string, unknown>): void {
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ ...result, maxRssKb })}\n`);
}

async function stageGenerate(work: WorkLayout, fiches: number, seed: number): Promise<void> {
  const { generateExport } = await import('./generate-export.ts');
  const generated = await generateExport({ fiches, seed, out: work.exportDir });
  report({ ...generated });
}

async function stageBuild(): Promise<void> {
  const { build } = await import('astro');
  const inline = JSON.parse(process.env['BENCH_ASTRO_CONFIG'] ?? '{}') as Record<string, unknown>;
  await build({
    ...inline,
    outDir: process.env['BENCH_OUT_DIR']!,
    cacheDir: process.env['BENCH_CACHE_DIR']!,
    logLevel: 'warn',
  });
  report({});
}

async function stageIndex(work: WorkLayout, maxFragments: number | undefined): Promise<void> {
  const { indexSite } = await import('../src/integrations/pagefind.ts');
  const pagefind = await import('pagefind');
  const pages = await indexSite(
    work.dist,
    pagefind,
    maxFragments !== undefined ? { maxFragments } : {},
  );
  report({ pages });
}

/** What one kind of page costs a reader (scripts/page-weight.ts). */
export interface PageWeightSummary {
  name: string;
  path: string;
  gzipKb: number;
  problems: string[];
}

export interface SearchMeasure {
  q: string;
  kind: string;
  /**
   * Bytes over the network for this query, gzip-compressed as a host would send them; for the
   * first, the search page's own load too (reported apart as loadBytes).
   */
  bytes: number;
  requests: number;
  /** From the end of the typing pause to the results shown. */
  ms: number;
  /** The same bytes by kind of file (pf_index, pf_fragment, wasm, js…). */
  transfers: Record<string, number>;
  /** Results Pagefind finds, and the first pages. */
  hits: number;
  firstUrls: string[];
  /** Expected pages missing from the hits. */
  missing: string[];
}

/** The search page waits this long after the last keystroke (src/scripts/search.ts). */
const TYPING_DELAY_MS = 200;

interface Transfer {
  path: string;
  bytes: number;
}

const total = (transfers: Transfer[]) => transfers.reduce((sum, t) => sum + t.bytes, 0);

/** Bytes by kind of file: the page, Pagefind's code and WebAssembly, its index, fragments… */
function byKind(transfers: Transfer[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const { path: p, bytes } of transfers) {
    const kind = p.startsWith('/pagefind/')
      ? (/\.pf_(\w+)$/.exec(p)?.[1] ?? (p.endsWith('.pagefind') ? 'wasm' : 'pagefind-js'))
      : path.extname(p).slice(1) || 'html';
    kinds[kind] = (kinds[kind] ?? 0) + bytes;
  }
  return kinds;
}

const sent = (body: Buffer) =>
  body.length === 0 ? 0 : Math.min(body.length, gzipSync(body).length);

/**
 * In Chromium, on the search page of the built site: the first query with everything the page
 * loads (the page, its code, Pagefind's code, WebAssembly and index), then each later query alone.
 * Hits are counted afterwards with Pagefind's API in another page, outside the measures.
 */
async function stageSearch(work: WorkLayout): Promise<void> {
  const cases = JSON.parse(
    readFileSync(path.join(work.root, 'search-cases.json'), 'utf8'),
  ) as SearchCase[];
  const { launchChromium } = await import('../tests/support/browser.ts');
  const { serveStatic } = await import('../tests/support/server.ts');
  const [server, browser] = await Promise.all([serveStatic(work.dist), launchChromium()]);
  const queries: SearchMeasure[] = [];
  let loadBytes = 0;
  let loadTransfers: Record<string, number> = {};
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bodies: Promise<Transfer>[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      bodies.push(
        response.body().then(
          (body) => ({ path: pathname, bytes: sent(body) }),
          () => ({ path: pathname, bytes: 0 }),
        ),
      );
    });
    const settled = (q: string) =>
      page.waitForFunction((query) => {
        const status = document.querySelector('#search-status')?.textContent ?? '';
        const busy = document.querySelector('#search-results')?.hasAttribute('aria-busy');
        return !busy && status.includes(`« ${query} »`);
      }, q);
    await page.goto(`${server.url}/recherche/`, { waitUntil: 'networkidle' });
    const loaded = await Promise.all(bodies);
    loadBytes = total(loaded);
    loadTransfers = byKind(loaded);
    for (const [i, searchCase] of cases.entries()) {
      if (i > 0) bodies = [];
      // Typed, not submitted: Enter on an exact code opens its page instead of listing results.
      const started = performance.now();
      await page.fill('#search-input', searchCase.q);
      await settled(searchCase.q);
      const ms = performance.now() - started - TYPING_DELAY_MS;
      await page.waitForLoadState('networkidle');
      const sizes = await Promise.all(bodies);
      queries.push({
        q: searchCase.q,
        kind: searchCase.kind,
        bytes: total(sizes),
        requests: sizes.length,
        transfers: byKind(sizes),
        ms,
        hits: 0,
        firstUrls: [],
        missing: [],
      });
    }
    const counter = await context.newPage();
    await counter.goto(`${server.url}/recherche/`);
    for (const [i, searchCase] of cases.entries()) {
      const found = await counter.evaluate(async (q) => {
        const pf = (await import('/pagefind/pagefind.js' as string)) as {
          search: (q: string) => Promise<{
            results: { data: () => Promise<{ url: string }> }[];
          }>;
        };
        const search = await pf.search(q);
        const urls = await Promise.all(search.results.map((r) => r.data().then((d) => d.url)));
        return { hits: search.results.length, urls };
      }, searchCase.q);
      const measure = queries[i]!;
      measure.hits = found.hits;
      measure.firstUrls = found.urls.slice(0, 5);
      measure.missing = searchCase.expected.filter((url) => !found.urls.includes(url));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  // What each kind of page present costs a reader, the heaviest fiche included (its partners).
  const { weighSite } = await import('./page-weight.ts');
  const weights: PageWeightSummary[] = (await weighSite(work.dist)).pages.map((p) => ({
    name: p.name,
    path: p.path,
    gzipKb: p.total.gzip / 1000,
    problems: p.problems,
  }));
  report({ queries, loadBytes, loadTransfers, weights });
}

// ------------------------------------------------------------------ command line

const USAGE = `Usage : npm run bench -- --fiches N [--json FICHIER] [--keep] [--seed S]
        [--max-fragments N] [--astro JSON] [--work DOSSIER] [--stages import,validate,build,index,search,rebuild]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      fiches: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      work: { type: 'string' },
      'max-fragments': { type: 'string' },
      astro: { type: 'string' },
      stages: { type: 'string' },
      stage: { type: 'string' },
    },
  });
  const fiches = Number(values.fiches);
  const seed = Number(values.seed);
  const maxFragments =
    values['max-fragments'] === undefined ? undefined : Number(values['max-fragments']);
  if (values.stage !== undefined) {
    const work = workLayout(path.resolve(values.work ?? '.'));
    if (values.stage === 'generate') await stageGenerate(work, fiches, seed);
    else if (values.stage === 'build') await stageBuild();
    else if (values.stage === 'index') await stageIndex(work, maxFragments);
    else if (values.stage === 'search') await stageSearch(work);
    else throw new Error(`Étape inconnue : ${values.stage}`);
    return 0;
  }
  if (!Number.isInteger(fiches) || fiches < 13 || fiches > 899_999 || !Number.isInteger(seed)) {
    console.error(USAGE);
    return 2;
  }
  const result = await runBench({
    fiches,
    seed,
    keep: values.keep,
    ...(values.work !== undefined ? { work: values.work } : {}),
    ...(values.astro !== undefined
      ? { astro: JSON.parse(values.astro) as Record<string, unknown> }
      : {}),
    ...(maxFragments !== undefined ? { maxFragments } : {}),
    ...(values.stages !== undefined ? { stages: values.stages.split(',') } : {}),
    onStage: (stage) =>
      console.error(
        `${stage.name} : ${stage.seconds.toFixed(1)} s, ${stage.peakRssMb.toFixed(0)} Mo`,
      ),
  });
  console.log(`\n${fiches} fiches, ${result.cpus} cœurs, charge ${result.load.start.join(' ')}`);
  console.log(formatTable(result));
  if (result.site) {
    console.log(`Site : ${result.site.files} fichiers, ${result.site.megabytes.toFixed(0)} Mo`);
  }
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(result, null, 2) + '\n');
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(error instanceof StageError ? error.message : error);
    process.exitCode = 1;
  }
}
