/**
 * npm run bench -- --fiches N [--profile real|heavy] [--json FICHIER] [--keep] [--seed S]
 *                  [--max-fragments N] [--astro '{"build":{"concurrency":2}}'] [--work DIR]
 *                  [--stages build,index]
 *
 * The whole pipeline at national scale on a synthetic export (src/lib/bench/synthetic.ts: profile
 * `real`, shaped like the national export of 2026-08-16, by default; `heavy` for stress), in a
 * temporary folder under tmp/ (ignored by git, removed at the end unless --keep). Each stage runs in
 * a child process so that its time and the peak memory of its process tree are its own:
 *
 *   generate (not counted; its figures printed beside the real export's) → import → validate
 *   → build (Astro, without the index) → index (node scripts/search-index.ts --site dist)
 *   → search (Chromium: first searches, active fiches then all, and later ones; not counted)
 *   → rebuild (one fiche's title edited, the site built again with the same cache; not counted)
 *
 * Prints a table; --json writes { fiches, stages: [{ name, seconds, peakRssMb, … }], totalSeconds,
 * export, filesPerFiche, firstSearchKb, laterSearchKb, firstSearchAllKb, rebuildSeconds, … }.
 * docs/bench.md gives the method and the figures. tests/bench-small.test.ts runs it on 1,000 fiches.
 *
 * Still one long file: issue 13 moves the stages, the process-tree measure and the search measure
 * into src/lib/bench/ behind a thin entry point, and splitting it here first would do that twice.
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
import { formatComparison } from '../src/lib/bench/national-figures.ts';
import { sampleTree } from '../src/lib/bench/process-tree.ts';
import {
  COUNTED_STAGES,
  formatTable,
  type BenchResult,
  type StageResult,
} from '../src/lib/bench/report.ts';
import {
  DEFAULT_PROFILE,
  PROFILES,
  type GeneratedExport,
  type Profile,
} from '../src/lib/bench/synthetic.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = fileURLToPath(import.meta.url);
const RESULT_MARK = 'BENCH_RESULT ';
/** The export date written into imported fiches, as in the official file name. */
const DATE_FLUX = '2026-08-16';
/** The search index step, run on the built site (exit ≠ 0 on failure). */
const SEARCH_INDEX_SCRIPT = path.join(ROOT, 'scripts', 'search-index.ts');

/** The benchmark's result: the stages, and the figures the lead compares from run to run. */
export interface BenchRun extends BenchResult {
  /** What the generate stage wrote, counted as the national export is. */
  export?: GeneratedExport;
  /** Files of the built and indexed site per fiche (after the index stage). */
  filesPerFiche?: number;
  /** Largest first search over the active fiches (default scope), gzip kB, page load included. */
  firstSearchKb?: number;
  /** Largest later search in the same page, gzip kB. */
  laterSearchKb?: number;
  /** Largest first search over all fiches (`&inactives=1`), in a fresh browser context. */
  firstSearchAllKb?: number;
  /** Seconds of the rebuild stage (pages only, no index). */
  rebuildSeconds?: number;
}

export interface BenchOptions {
  fiches: number;
  seed?: number;
  /** Profile of the synthetic export (default `real`). */
  profile?: Profile;
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
  actif: boolean;
}

function ficheFacts(file: string): FicheFacts {
  const text = readFileSync(file, 'utf8');
  const front = yaml.load(text.slice(4, text.indexOf('\n---', 4))) as {
    numero_fiche: string;
    intitule: string;
    statut?: { actif?: boolean };
    rome?: { code: string }[];
  };
  const [, repertoire, numero] = /^(RNCP|RS)(\d+)$/.exec(front.numero_fiche) ?? [];
  return {
    numero: front.numero_fiche,
    url: `/${repertoire!.toLowerCase()}/${numero}/`,
    intitule: front.intitule,
    rome: (front.rome ?? []).map((r) => r.code),
    actif: front.statut?.actif === true,
  };
}

/** A search of the benchmark and what the catalogue says it must find. */
export interface SearchCase {
  q: string;
  kind: 'mots courants' | 'mot rare' | 'numéro' | 'ROME';
  /** Active fiches that must be among the hits (the default scope searches active fiches). */
  expected: string[];
}

/** The most common words of the catalogue, searched first: the heaviest searches. */
export const COMMON_QUERIES = ['compétences', 'gestion projet'];

const titleWords = (title: string) =>
  new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length >= 7),
  );

/**
 * The searches, from the imported fiches: the most common words, a word found in few titles, a
 * ROME code and a fiche number. Each expects the active fiches that hold it in their title or codes.
 */
export function searchCases(fichesDir: string): SearchCase[] {
  const files = listFiches(fichesDir);
  const facts = files.map((file) => ficheFacts(path.join(fichesDir, file)));
  const actives = facts.filter((f) => f.actif);
  const pool = actives.length > 0 ? actives : facts;
  const middle = pool[Math.floor(pool.length / 2)]!;
  const cases: SearchCase[] = COMMON_QUERIES.map((q) => ({
    q,
    kind: 'mots courants',
    expected: [],
  }));
  // The title word of an active fiche found in the fewest titles.
  const counts = new Map<string, number>();
  for (const f of facts)
    for (const w of titleWords(f.intitule)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let rare: string | undefined;
  for (const f of pool)
    for (const w of titleWords(f.intitule))
      if (rare === undefined || counts.get(w)! < counts.get(rare)!) rare = w;
  if (rare !== undefined) {
    cases.push({
      q: rare,
      kind: 'mot rare',
      expected: pool.filter((f) => titleWords(f.intitule).has(rare)).map((f) => f.url),
    });
  }
  const code = pool.find((f) => f.rome.length > 0)?.rome[0];
  if (code) {
    cases.push({
      q: code,
      kind: 'ROME',
      expected: pool.filter((f) => f.rome.includes(code)).map((f) => f.url),
    });
  }
  cases.push({ q: middle.numero, kind: 'numéro', expected: [middle.url] });
  return cases;
}

/** Edits one fiche's title the way an editor would: visible on its page and in every list. */
export function editOneTitle(fichesDir: string): string {
  const file = path.join(fichesDir, listFiches(fichesDir)[0]!);
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/^intitule: (.*)$/m, (line, value: string) => {
    const added = ' (intitulé revu)';
    if (/^".*"$/.test(value)) return `intitule: ${value.slice(0, -1)}${added}"`;
    if (/^'.*'$/.test(value)) return `intitule: ${value.slice(0, -1)}${added}'`;
    if (/^[>|]/.test(value)) return line; // a block scalar: its next line is edited below
    return `intitule: ${value}${added}`;
  });
  const final =
    edited === text
      ? text.replace(/^(intitule: [>|][^\n]*\n\s+[^\n]*)$/m, '$1 (intitulé revu)')
      : edited;
  if (final === text) throw new Error(`Intitulé introuvable dans ${file}`);
  writeFileSync(file, final);
  return file;
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** Runs every stage in order and returns the figures; throws StageError when a stage fails. */
export async function runBench(options: BenchOptions): Promise<BenchRun> {
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
  };
  const want = (name: string) => options.stages?.includes(name) ?? true;
  let site: { files: number; megabytes: number } | undefined;
  let generatedExport: GeneratedExport | undefined;
  const figures: Pick<
    BenchRun,
    'filesPerFiche' | 'firstSearchKb' | 'laterSearchKb' | 'firstSearchAllKb' | 'rebuildSeconds'
  > = {};
  try {
    if (want('import')) await generateAndImport();
    if (want('validate')) {
      const validated = await runStage(work, 'validate', ['scripts/validate.ts', work.fiches]);
      const validLine = readFileSync(path.join(work.logs, 'validate.log'), 'utf8').match(
        /(\d+) fiches? valides?\b/,
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
      // What an editor waits for after changing one fiche: `npm run validate <file>`.
      const one = readdirSync(path.join(work.fiches, 'rncp')).sort()[0];
      if (one) {
        const single = await runStage(work, 'validate-one', [
          'scripts/validate.ts',
          '--sans-cache',
          path.join(work.fiches, 'rncp', one),
        ]);
        record({
          name: 'validate-one',
          counted: false,
          seconds: single.seconds,
          peakRssMb: single.peakRssMb,
          summary: `rncp/${one}`,
        });
      }
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
      // The search index step of `npm run build`, in a process of its own.
      const indexArgs = [SEARCH_INDEX_SCRIPT, '--site', work.dist];
      if (options.maxFragments !== undefined)
        indexArgs.push('--max-fragments', String(options.maxFragments));
      const indexed = await runStage(work, 'index', indexArgs);
      site = folderSize(work.dist);
      figures.filesPerFiche = site.files / options.fiches;
      const pagefindFiles = pagefindSize(work.dist);
      const indexedPages =
        typeof indexed.reported['pages'] === 'number'
          ? indexed.reported['pages']
          : pagefindPages(work.dist);
      record({
        name: 'index',
        counted: true,
        seconds: indexed.seconds,
        peakRssMb: indexed.peakRssMb,
        command: 'scripts/search-index.ts',
        indexedPages,
        pagefindFiles: pagefindFiles.files,
        pagefindMb: pagefindFiles.megabytes,
        summary: `${String(indexedPages)} pages indexées, ${pagefindFiles.files} fichiers Pagefind`,
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
      ...(generatedExport ? { export: generatedExport } : {}),
      ...figures,
      options: {
        profile: options.profile ?? DEFAULT_PROFILE,
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
      '--profile',
      options.profile ?? DEFAULT_PROFILE,
      '--work',
      root,
    ]);
    const reported = { ...generated.reported };
    delete reported['maxRssKb'];
    generatedExport = reported as unknown as GeneratedExport;
    const exportFile = generatedExport.path;
    record({
      name: 'generate',
      counted: false,
      seconds: generated.seconds,
      peakRssMb: generated.peakRssMb,
      ...generatedExport,
      summary: `${(generatedExport.bytes / 1e6).toFixed(0)} Mo d'export (profil ${generatedExport.profile}), ${generatedExport.fichesOver1000Partners} fiches à plus de 1 000 partenaires`,
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
    const largest = (list: SearchMeasure[], key: 'bytes' | 'ms') =>
      Math.max(0, ...list.map((q) => q[key]));
    const firsts = queries.filter((q) => q.moment === 'première' && q.scope === 'actives');
    const firstsAll = queries.filter((q) => q.moment === 'première' && q.scope === 'toutes');
    const later = queries.filter((q) => q.moment === 'suivante');
    figures.firstSearchKb = largest(firsts, 'bytes') / 1000;
    figures.laterSearchKb = largest(later, 'bytes') / 1000;
    figures.firstSearchAllKb = largest(firstsAll, 'bytes') / 1000;
    record({
      name: 'search',
      counted: false,
      seconds: searched.seconds,
      peakRssMb: searched.peakRssMb,
      queries,
      weights,
      summary:
        `1re : ≤ ${figures.firstSearchKb.toFixed(0)} ko, ≤ ${largest(firsts, 'ms').toFixed(0)} ms ; ` +
        `1re sur toutes les fiches : ≤ ${figures.firstSearchAllKb.toFixed(0)} ko, ≤ ${largest(firstsAll, 'ms').toFixed(0)} ms ; ` +
        `suivantes : ≤ ${figures.laterSearchKb.toFixed(0)} ko, ≤ ${largest(later, 'ms').toFixed(0)} ms ; ` +
        `fiche la plus lourde : ${heaviest ? `${heaviest.gzipKb.toFixed(0)} ko gzip` : '?'}`,
    });
  }

  async function rebuild(): Promise<void> {
    const edited = editOneTitle(work.fiches);
    // Same cacheDir and outDir, dist/ kept: Astro's incrementalBuild copies unchanged pages.
    const rebuilt = await runStage(work, 'rebuild', [SCRIPT, '--stage', 'build'], astroEnv);
    const pages = countRenderedPages(readFileSync(path.join(work.logs, 'rebuild.log'), 'utf8'));
    figures.rebuildSeconds = rebuilt.seconds;
    record({
      name: 'rebuild',
      counted: false,
      seconds: rebuilt.seconds,
      peakRssMb: rebuilt.peakRssMb,
      edited: path.relative(work.fiches, edited),
      ...pages,
      summary:
        `intitulé d'une fiche modifié (${path.relative(work.fiches, edited)}), pages sans l'index : ` +
        `${pages.rendered} rendues, ${pages.reused} reprises du cache`,
    });
  }
}

/** Pages Astro rendered and pages it took from its cache, read in its build log (level info). */
export function countRenderedPages(log: string): { rendered: number; reused: number } {
  let rendered = 0;
  let reused = 0;
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\u001b\[[0-9;]*m/g, '').trimEnd();
    if (/\((cached|restored)\)$/.test(line)) reused++;
    else if (/\(\+[\d.]+\s*m?s\)$/.test(line)) rendered++;
  }
  return { rendered, reused };
}

/** The search index's scopes and bundles (/recherche/index.json), when the index step wrote them. */
export function searchManifest(
  dist: string,
): Record<'actives' | 'inactives', { pages: number; bundles: string[] }> | undefined {
  const file = path.join(dist, 'recherche', 'index.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof searchManifest>;
}

/** Files of every Pagefind bundle of the site (`pagefind/`, `pagefind-inactives/`…). */
function pagefindSize(dist: string): { files: number; megabytes: number } {
  const sizes = readdirSync(dist, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^pagefind(-|$)/.test(e.name))
    .map((e) => folderSize(path.join(dist, e.name)));
  return {
    files: sizes.reduce((s, x) => s + x.files, 0),
    megabytes: sizes.reduce((s, x) => s + x.megabytes, 0),
  };
}

/** Fiches in the search index: both scopes of the manifest, or the single bundle's entry file. */
export function pagefindPages(dist: string): number | undefined {
  const manifest = searchManifest(dist);
  if (manifest) return manifest.actives.pages + manifest.inactives.pages;
  const entry = path.join(dist, 'pagefind', 'pagefind-entry.json');
  if (!existsSync(entry)) return undefined;
  const { languages } = JSON.parse(readFileSync(entry, 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(languages).reduce((sum, l) => sum + l.page_count, 0);
}

// ------------------------------------------------------------------ stages run in child processes

function report(result: Record<string, unknown>): void {
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ ...result, maxRssKb })}\n`);
}

async function stageGenerate(
  work: WorkLayout,
  fiches: number,
  seed: number,
  profile: Profile,
): Promise<void> {
  const { generateExport } = await import('./generate-export.ts');
  const generated = await generateExport({ fiches, seed, profile, out: work.exportDir });
  report({ ...generated });
}

async function stageBuild(): Promise<void> {
  const { build } = await import('astro');
  const inline = JSON.parse(process.env['BENCH_ASTRO_CONFIG'] ?? '{}') as Record<string, unknown>;
  await build({
    ...inline,
    outDir: process.env['BENCH_OUT_DIR']!,
    cacheDir: process.env['BENCH_CACHE_DIR']!,
    // Info: one line per page, "(cached)" or "(restored)" when taken from the cache.
    logLevel: 'info',
  });
  report({});
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
  /** `actives`: the default scope; `toutes`: with `&inactives=1`. */
  scope: 'actives' | 'toutes';
  /** `première`: in a fresh browser context, the page loaded with `?q=`; `suivante`: typed after. */
  moment: 'première' | 'suivante';
  /**
   * Bytes over the network for this search, gzip-compressed as a host would send them; for a first
   * search, everything the page loads.
   */
  bytes: number;
  requests: number;
  /** From the navigation (first) or the end of the typing pause (later) to the results shown. */
  ms: number;
  /** The same bytes by kind of file (pf_index, pf_fragment, wasm, js…). */
  transfers: Record<string, number>;
  /** Results Pagefind's API finds (every scope), and the first pages. */
  hits: number;
  firstUrls: string[];
  /** Expected pages missing from the hits. */
  missing: string[];
}

/** The search page's elements (src/pages/recherche/index.astro): change them here only. */
export const SEARCH_PAGE = {
  path: '/recherche/',
  input: '#search-input',
  status: '#search-status',
  results: '#search-results',
  /** Parameter that adds the inactive fiches to the default scope (active fiches). */
  allParam: 'inactives=1',
};

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
 * In Chromium, on the search page of the built site: for each search (most common words, a rare
 * word, a ROME code, a fiche number), a first search in a fresh browser context (the page opened
 * with `?q=`, everything it loads counted), over the active fiches and then over all
 * (`&inactives=1`); then, in one page, each search typed after the first. Hits are counted
 * afterwards with Pagefind's API in another page, outside the measures.
 */
async function stageSearch(work: WorkLayout): Promise<void> {
  const cases = JSON.parse(
    readFileSync(path.join(work.root, 'search-cases.json'), 'utf8'),
  ) as SearchCase[];
  const { launchChromium } = await import('../tests/support/browser.ts');
  const { serveStatic } = await import('../tests/support/server.ts');
  const [server, browser] = await Promise.all([serveStatic(work.dist), launchChromium()]);
  const queries: SearchMeasure[] = [];
  type Page = Awaited<ReturnType<Awaited<ReturnType<typeof browser.newContext>>['newPage']>>;
  const settled = (page: Page, q: string) =>
    page.waitForFunction(
      ({ query, selectors }) => {
        const status = document.querySelector(selectors.status)?.textContent ?? '';
        const busy = document.querySelector(selectors.results)?.hasAttribute('aria-busy');
        return !busy && status.includes(`« ${query} »`);
      },
      { query: q, selectors: SEARCH_PAGE },
    );
  const listen = (page: Page) => {
    const bodies: Promise<Transfer>[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      bodies.push(
        response.body().then(
          (body) => ({ path: pathname, bytes: sent(body) }),
          () => ({ path: pathname, bytes: 0 }),
        ),
      );
    });
    return bodies;
  };
  const measure = (
    searchCase: SearchCase,
    scope: SearchMeasure['scope'],
    moment: SearchMeasure['moment'],
    ms: number,
    sizes: Transfer[],
  ): SearchMeasure => ({
    q: searchCase.q,
    kind: searchCase.kind,
    scope,
    moment,
    bytes: total(sizes),
    requests: sizes.length,
    transfers: byKind(sizes),
    ms,
    hits: 0,
    firstUrls: [],
    missing: [],
  });
  try {
    // First searches, each in a fresh context (empty cache), active fiches then all.
    for (const scope of ['actives', 'toutes'] as const) {
      for (const searchCase of cases) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const bodies = listen(page);
        const params = `q=${encodeURIComponent(searchCase.q)}${scope === 'toutes' ? `&${SEARCH_PAGE.allParam}` : ''}`;
        const started = performance.now();
        await page.goto(`${server.url}${SEARCH_PAGE.path}?${params}`);
        await settled(page, searchCase.q);
        const ms = performance.now() - started;
        await page.waitForLoadState('networkidle');
        queries.push(measure(searchCase, scope, 'première', ms, await Promise.all(bodies)));
        await context.close();
      }
    }
    // Later searches: typed one after the other in the page opened with the first.
    const context = await browser.newContext();
    const page = await context.newPage();
    const [first, ...rest] = cases;
    await page.goto(`${server.url}${SEARCH_PAGE.path}?q=${encodeURIComponent(first!.q)}`);
    await settled(page, first!.q);
    await page.waitForLoadState('networkidle');
    for (const searchCase of rest) {
      page.removeAllListeners('response');
      const bodies = listen(page);
      // Typed, not submitted: Enter on an exact code opens its page instead of listing results.
      const started = performance.now();
      await page.fill(SEARCH_PAGE.input, searchCase.q);
      await settled(page, searchCase.q);
      const ms = performance.now() - started - TYPING_DELAY_MS;
      await page.waitForLoadState('networkidle');
      queries.push(measure(searchCase, 'actives', 'suivante', ms, await Promise.all(bodies)));
    }
    const counter = await context.newPage();
    await counter.goto(`${server.url}${SEARCH_PAGE.path}`);
    // Every bundle of both scopes (or the single /pagefind/ of an index without scopes).
    const manifest = searchManifest(work.dist);
    const bundles = manifest
      ? [...manifest.actives.bundles, ...manifest.inactives.bundles]
      : ['/pagefind/'];
    for (const searchCase of cases) {
      const found = await counter.evaluate(
        async ({ q, bundles }) => {
          let hits = 0;
          const urls: string[] = [];
          for (const bundle of bundles) {
            const pf = (await import(`${bundle}pagefind.js`)) as {
              search: (q: string) => Promise<{
                results: { data: () => Promise<{ url: string }> }[];
              }>;
            };
            const search = await pf.search(q);
            hits += search.results.length;
            urls.push(
              ...(await Promise.all(search.results.map((r) => r.data().then((d) => d.url)))),
            );
          }
          return { hits, urls };
        },
        { q: searchCase.q, bundles },
      );
      for (const query of queries.filter((q) => q.q === searchCase.q)) {
        query.hits = found.hits;
        query.firstUrls = found.urls.slice(0, 5);
        query.missing = searchCase.expected.filter((url) => !found.urls.includes(url));
      }
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
  report({ queries, weights });
}

// ------------------------------------------------------------------ command line

const USAGE = `Usage : npm run bench -- --fiches N [--profile real|heavy] [--json FICHIER] [--keep] [--seed S]
        [--max-fragments N] [--astro JSON] [--work DOSSIER] [--stages import,validate,build,index,search,rebuild]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      fiches: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      profile: { type: 'string', default: DEFAULT_PROFILE },
      work: { type: 'string' },
      'max-fragments': { type: 'string' },
      astro: { type: 'string' },
      stages: { type: 'string' },
      stage: { type: 'string' },
    },
  });
  const fiches = Number(values.fiches);
  const seed = Number(values.seed);
  const profile = values.profile as Profile;
  const maxFragments =
    values['max-fragments'] === undefined ? undefined : Number(values['max-fragments']);
  if (values.stage !== undefined) {
    const work = workLayout(path.resolve(values.work ?? '.'));
    if (values.stage === 'generate') await stageGenerate(work, fiches, seed, profile);
    else if (values.stage === 'build') await stageBuild();
    else if (values.stage === 'search') await stageSearch(work);
    else throw new Error(`Étape inconnue : ${values.stage}`);
    return 0;
  }
  if (
    !Number.isInteger(fiches) ||
    fiches < 13 ||
    fiches > 899_999 ||
    !Number.isInteger(seed) ||
    !PROFILES.includes(profile)
  ) {
    console.error(USAGE);
    return 2;
  }
  const result = await runBench({
    fiches,
    seed,
    profile,
    keep: values.keep,
    ...(values.work !== undefined ? { work: values.work } : {}),
    ...(values.astro !== undefined
      ? { astro: JSON.parse(values.astro) as Record<string, unknown> }
      : {}),
    ...(maxFragments !== undefined ? { maxFragments } : {}),
    ...(values.stages !== undefined ? { stages: values.stages.split(',') } : {}),
    onStage: (stage) => {
      console.error(
        `${stage.name} : ${stage.seconds.toFixed(1)} s, ${stage.peakRssMb.toFixed(0)} Mo`,
      );
      if (stage.name === 'generate')
        console.error(`\n${formatComparison(stage as unknown as GeneratedExport)}\n`);
    },
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
