/**
 * The benchmark's stages as its parent process runs them (./run.ts): each starts the project's own
 * command, or the benchmark's for the stages that need one (./child.ts), in a child process
 * (./stage.ts), then records what it measured.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { searchCasesFile } from './child.ts';
import { editOneTitle, listFiches, searchCases } from './fiches.ts';
import type { StageResult } from './report.ts';
import type { BenchOptions, BenchRun } from './run.ts';
import type { PageWeightSummary, SearchMeasure } from './search.ts';
import {
  countFichePages,
  countRenderedPages,
  folderSize,
  pagefindPages,
  pagefindSize,
} from './site.ts';
import { BENCH_SCRIPT, ROOT, runStage, type WorkLayout } from './stage.ts';
import { DEFAULT_PROFILE, type GeneratedExport } from './synthetic.ts';

/** The export date written into imported fiches, as in the official file name. */
const DATE_FLUX = '2026-08-16';
/** The search index step, run on the built site (exit ≠ 0 on failure). */
const SEARCH_INDEX_SCRIPT = path.join(ROOT, 'scripts', 'search-index.ts');

/** A run in progress: its options and folders, and what its stages found so far. */
export interface BenchContext {
  options: BenchOptions;
  seed: number;
  work: WorkLayout;
  /** The environment of the two Astro builds (build, rebuild). */
  astroEnv: Record<string, string>;
  record: (stage: StageResult) => void;
  figures: Pick<
    BenchRun,
    'filesPerFiche' | 'firstSearchKb' | 'laterSearchKb' | 'firstSearchAllKb' | 'rebuildSeconds'
  >;
  generatedExport?: GeneratedExport;
  site?: { files: number; megabytes: number };
}

/** The synthetic export written (not counted), then imported with `scripts/import.ts`. */
export async function generateAndImport(context: BenchContext): Promise<void> {
  const { options, work, record } = context;
  const generated = await runStage(work, 'generate', [
    BENCH_SCRIPT,
    '--stage',
    'generate',
    '--fiches',
    String(options.fiches),
    '--seed',
    String(context.seed),
    '--profile',
    options.profile ?? DEFAULT_PROFILE,
    '--work',
    work.root,
  ]);
  const reported = { ...generated.reported };
  delete reported['maxRssKb'];
  const generatedExport = reported as unknown as GeneratedExport;
  context.generatedExport = generatedExport;
  record({
    name: 'generate',
    counted: false,
    seconds: generated.seconds,
    peakRssMb: generated.peakRssMb,
    ...generatedExport,
    summary: `${(generatedExport.bytes / 1e6).toFixed(0)} Mo d'export (profil ${generatedExport.profile}), ${generatedExport.fichesOver1000Partners} fiches à plus de 1 000 partenaires`,
  });

  const reportFile = path.join(work.root, 'import-report.json');
  const imported = await runStage(work, 'import', [
    'scripts/import.ts',
    generatedExport.path,
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

/** `scripts/validate.ts` on every fiche; then on one file without the cache, as an editor waits. */
export async function validateStage({ work, record }: BenchContext): Promise<void> {
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

/** Astro's build of the imported fiches, without the search index. */
export async function buildStage({ work, astroEnv, record }: BenchContext): Promise<void> {
  const built = await runStage(work, 'build', [BENCH_SCRIPT, '--stage', 'build'], astroEnv);
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

/** The search index step of `npm run build`, in a process of its own. */
export async function indexStage(context: BenchContext): Promise<void> {
  const { options, work, record } = context;
  const indexArgs = [SEARCH_INDEX_SCRIPT, '--site', work.dist];
  if (options.maxFragments !== undefined)
    indexArgs.push('--max-fragments', String(options.maxFragments));
  const indexed = await runStage(work, 'index', indexArgs);
  context.site = folderSize(work.dist);
  context.figures.filesPerFiche = context.site.files / options.fiches;
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

/** The searches of the imported fiches and the page weights, in Chromium (./search.ts). */
export async function searchStage({ work, record, figures }: BenchContext): Promise<void> {
  writeFileSync(searchCasesFile(work), JSON.stringify(searchCases(work.fiches)));
  const searched = await runStage(work, 'search', [
    BENCH_SCRIPT,
    '--stage',
    'search',
    '--work',
    work.root,
  ]);
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

/** One fiche's title edited, the site built again with the same cache and dist/ kept. */
export async function rebuildStage({
  work,
  astroEnv,
  record,
  figures,
}: BenchContext): Promise<void> {
  const edited = editOneTitle(work.fiches);
  // Same cacheDir and outDir, dist/ kept: Astro's incrementalBuild copies unchanged pages.
  const rebuilt = await runStage(work, 'rebuild', [BENCH_SCRIPT, '--stage', 'build'], astroEnv);
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
