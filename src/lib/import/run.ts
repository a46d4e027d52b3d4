/**
 * An import, from the export file to the fiches in the content folder.
 *
 * 1. The export is read as a stream (`./xml.ts`); each FICHE goes to the pool (`./pool.ts`), which
 *    converts it and stages the files that change in `<out>/.import-<random>/`.
 * 2. Only when the whole file has been read without an XML error are the staged files renamed into place,
 *    one by one (a rename is atomic: a reader sees the old file or the new one, never half of one).
 *    A malformed export therefore writes nothing: the staging folder is removed and the error, with its
 *    line and column, is thrown. Staging costs one rename per changed fiche; reading the export twice
 *    (once to check, once to write) would cost a second parse of the whole file.
 * 3. Just before each rename, the file in place is checked again: if someone edited it while the import
 *    ran, it is left alone and listed.
 *
 * With `only`, fiches not asked for are passed over without being built, and reading stops as soon as
 * every number asked for has been found (the report says so: the rest of the file is not checked).
 *
 * Just over 300 lines: staging, commit and discard share the hand-edit checks and must stay together.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';
import { REFERENTIELS_DIR } from '../referentiels.ts';
import { FichePool } from './pool.ts';
import type { Decision, FicheResult } from './process.ts';
import { sha256 } from './render.ts';
import { ReportBuilder, type ImportReport } from './report.ts';
import { newExportInfo, readFiches } from './xml.ts';

export interface ImportOptions {
  /** The export file (XML V4.1, or V2/V3). */
  file: string;
  /** Content folder; default `content/fiches`. */
  out?: string;
  /** Fiche numbers to import (RNCP34762, RS5000); all when absent. */
  only?: string[];
  /** Overwrite fiches edited by hand since their last import. */
  force?: boolean;
  /** Worker threads; 0 = all in the main thread. Default: the machine's cores, at most 4. */
  jobs?: number;
  /** Date of the export (AAAA-MM-JJ), recorded in each fiche; default: a date found in the file name. */
  dateFlux?: string;
  /**
   * Reference tables (ROME, NSF) the validator checks codes against; default: the project's
   * content/referentiels. null: no check.
   */
  referentielsDir?: string | null;
  /** Size of the pieces the export is read in (default 64 KiB: smaller pieces, flatter memory). */
  chunkSize?: number;
  /** Called about once a second with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

export class ImportUsageError extends Error {}

/**
 * `NUMERO_FICHE` of src/schema/codes.ts, repeated here so that the main thread does not load zod: with
 * worker threads, it only reads the XML, and every module it loads adds to the import's memory.
 */
const NUMERO_FICHE = /^(RNCP|RS)([1-9]\d{0,5})$/;

/** `export_fiches_RNCP_2026-08-16.xml` → `2026-08-16`. */
export function dateFromFileName(name: string): string | undefined {
  const m = /(?<!\d)(20\d{2})[-_](\d{2})[-_](\d{2})(?!\d)/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Staging folders (`.import-<pid>-…`) left by an import whose process no longer runs (killed). */
function removeAbandonedStaging(out: string): void {
  if (!existsSync(out)) return;
  for (const name of readdirSync(out)) {
    const pid = /^\.import-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    let alive = true;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) rmSync(join(out, name), { recursive: true, force: true });
  }
}

export function parseOnly(values: string[]): string[] {
  const numeros = values
    .flatMap((v) => v.split(/[,;\s]+/))
    .filter((v) => v !== '')
    .map((v) => v.toUpperCase());
  for (const n of numeros) {
    if (!NUMERO_FICHE.test(n))
      throw new ImportUsageError(
        `--only : numéro de fiche mal formé « ${n} » (attendu RNCP34762 ou RS5000)`,
      );
  }
  return [...new Set(numeros)];
}

/** A fiche staged by an import, to be renamed into place by `commit()`. */
export interface StagedFiche {
  numero: string;
  /** Path relative to the content folder (`rncp/34762.md`). */
  fichier: string;
  /** The staged file (absolute). */
  staged: string;
  /** SHA-256 of the file in place when it was staged (null: none). */
  previous: string | null;
  decision: Decision;
}

/**
 * An export read without error, its changed fiches staged and nothing in place yet: `commit()` renames
 * them into place (and returns the final report), `discard()` drops them. `npm run sync` stages both
 * exports (RNCP and RS) and checks them before either is committed.
 */
export interface StagedImport {
  /** The report so far; `commit()` completes it. */
  report: ImportReport;
  /** Every fiche number read in the export (imported, unchanged, edited by hand or failed). */
  seen: ReadonlySet<string>;
  staged: readonly StagedFiche[];
  commit: () => ImportReport;
  discard: () => void;
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  return (await stageImport(options)).commit();
}

/** Reads the export and stages its fiches (see the module comment); nothing is put in place. */
export async function stageImport(options: ImportOptions): Promise<StagedImport> {
  const started = performance.now();
  const file = resolve(options.file);
  if (!existsSync(file) || !statSync(file).isFile())
    throw new ImportUsageError(`Fichier introuvable : ${options.file}`);
  const out = resolve(options.out ?? 'content/fiches');
  const only = options.only && options.only.length > 0 ? parseOnly(options.only) : undefined;
  const jobs = options.jobs ?? Math.min(4, availableParallelism());
  const force = options.force ?? false;
  const flux = basename(file);
  const dateFlux = options.dateFlux ?? dateFromFileName(flux);
  if (dateFlux !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dateFlux)) {
    throw new ImportUsageError(
      `--date-flux : date attendue au format AAAA-MM-JJ, reçu « ${dateFlux} »`,
    );
  }

  const report = new ReportBuilder({
    fichier: file,
    flux,
    sortie: out,
    options: { ...(only ? { only } : {}), force, jobs },
    ...(dateFlux ? { date_flux: dateFlux } : {}),
  });

  const outExisted = existsSync(out);
  mkdirSync(out, { recursive: true });
  removeAbandonedStaging(out);
  const staging = mkdtempSync(join(out, `.import-${process.pid}-`));
  // Interrupted (Ctrl-C: the command turns SIGINT into an exit), the import leaves nothing behind.
  const cleanUp = () => rmSync(staging, { recursive: true, force: true });
  process.on('exit', cleanUp);
  const staged: StagedFiche[] = [];

  const onResult = (result: FicheResult) => {
    report.add(result);
    if (result.kind === 'ok' && result.staged) {
      staged.push({
        numero: result.numero,
        fichier: result.fichier,
        staged: result.staged,
        previous: result.previous ?? null,
        decision: result.decision,
      });
    }
  };
  const defaultReferentiels = fileURLToPath(
    new URL(`../../../${REFERENTIELS_DIR}/`, import.meta.url),
  );
  const referentielsDir =
    options.referentielsDir === undefined
      ? existsSync(defaultReferentiels)
        ? defaultReferentiels
        : null
      : options.referentielsDir;
  const pool = new FichePool(
    jobs,
    {
      out,
      staging,
      force,
      referentielsDir,
      record: { flux, ...(dateFlux ? { date_flux: dateFlux } : {}) },
    },
    onResult,
  );

  const info = newExportInfo();
  const seen = new Set<string>();
  const wanted = only ? new Set(only) : undefined;
  let lastProgress = performance.now();
  try {
    try {
      for await (const fiche of readFiches(file, {
        ...(wanted ? { only: wanted } : {}),
        info,
        chunkSize: options.chunkSize ?? 1 << 16,
      })) {
        const numero = fiche.numero;
        if (numero !== undefined && seen.has(numero)) {
          report.add({
            kind: 'echec',
            numero,
            ligne: fiche.line,
            raisons: [
              'doublon : ce numéro apparaît déjà plus haut dans l’export (la première fiche est gardée)',
            ],
            inconnus: [],
          });
          continue;
        }
        if (numero !== undefined) seen.add(numero);
        await pool.submit(fiche);
        if (options.onProgress && performance.now() - lastProgress > 1000) {
          lastProgress = performance.now();
          options.onProgress(info.bytesRead);
        }
        if (wanted && [...wanted].every((n) => seen.has(n))) {
          report.report.lecture_partielle = true;
          break;
        }
      }
      await pool.drain();
    } finally {
      await pool.close();
    }
  } catch (error) {
    cleanUp();
    process.off('exit', cleanUp);
    if (!outExisted) rmSync(out, { recursive: true, force: true });
    throw error;
  }

  const r = report.report;
  if (info.versionFlux !== undefined) r.version_flux = info.versionFlux;
  r.totaux.passees = info.fichesPassed;
  if (info.root !== undefined && info.root !== 'FICHES' && info.root !== 'FICHE')
    report.unknownElement(info.root, '(racine)');
  for (const [name, count] of info.unknownTopLevel)
    report.unknownElement(`FICHES/${name}`, '(export)', count);
  if (wanted) r.non_trouvees = [...wanted].filter((n) => !seen.has(n));

  let settled = false;
  const settle = () => {
    settled = true;
    cleanUp();
    process.off('exit', cleanUp);
    if (!outExisted) {
      try {
        rmdirSync(out);
      } catch {
        // not empty: fiches were written
      }
    }
  };
  staged.sort((a, b) => a.fichier.localeCompare(b.fichier));
  return {
    report: r,
    seen,
    staged,
    discard: () => {
      if (!settled) settle();
    },
    commit: () => {
      if (settled) throw new Error('Import déjà mis en place ou abandonné');
      // The export was read without error: put the staged files in place.
      for (const s of staged) {
        const target = join(out, s.fichier);
        const now = existsSync(target) ? sha256(readFileSync(target, 'utf8')) : null;
        if (now !== s.previous && !force) {
          report.unwrite(s.numero, s.decision);
          report.decide(s.numero, s.fichier, 'modifiee_a_la_main');
          continue;
        }
        mkdirSync(dirname(target), { recursive: true });
        renameSync(s.staged, target);
      }
      settle();
      const seconds = (performance.now() - started) / 1000;
      return report.finish({
        octets_lus: info.bytesRead,
        secondes: seconds,
        mo_par_seconde: info.bytesRead / 1e6 / seconds,
        memoire_max_mo: process.resourceUsage().maxRSS / 1024,
      });
    },
  };
}

/** Exit status of the CLI: 0 all imported (hand-edited files skipped count as success), 1 otherwise. */
export function exitCode(report: ImportReport): number {
  return report.totaux.echecs > 0 || report.non_trouvees.length > 0 ? 1 : 0;
}
