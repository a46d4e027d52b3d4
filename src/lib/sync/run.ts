/**
 * `npm run sync`: brings the catalogue up to the latest export of France Compétences.
 *
 * 1. Find the day's two zips (data.gouv.fr's API, or a folder), download them into the cache (or find
 *    them there), and stop if the committed record says they are the ones already synchronised.
 * 2. Unzip each one's XML (src/lib/sync/unzip.ts) and stage both imports with the importer: nothing is
 *    in place yet, and an export that does not parse stops everything.
 * 3. The guard (src/lib/sync/guard.ts), then what else changes (absent fiches, the journal of the day,
 *    the record), staged too; a full disk there still leaves the catalogue as it was.
 * 4. Everything is renamed into place: the imports' fiches, the marks, the journal, the record.
 *
 * Any fault is a SyncError (src/lib/sync/errors.ts), thrown with the catalogue unchanged.
 *
 * Long (about 450 lines): the four steps above share one staging folder and one rollback, which read
 * best in one place; each step's own logic (listing, download, unzip, guard, journal) is in its module.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { ISO_DATE } from '../../schema/codes.ts';
import { journalJourSchema, type EntreeJournal } from '../../schema/journal.ts';
import type { RessourceSynchronisee, Synchronisation } from '../../schema/synchronisation.ts';
import { sha256 } from '../import/render.ts';
import type { ImportReport } from '../import/report.ts';
import { ImportUsageError, stageImport, type StagedImport } from '../import/run.ts';
import { XmlSyntaxError } from '../import/xml.ts';
import { compareNumeros, journalFileName, mergeJour, serializeJour } from '../journal/day.ts';
import { computeChanges } from './changes.ts';
import {
  DEFAULT_API,
  REPERTOIRES,
  chooseExport,
  listResources,
  zipsInFolder,
  zipsOfResources,
  type ExportZip,
  type Repertoire,
} from './datagouv.ts';
import { download, hashFile, type DownloadResult, type Progress } from './download.ts';
import { diskFull, SyncError } from './errors.ts';
import { diskWriter, type SyncWriter } from './files.ts';
import { checkExportDay, checkGuard, type GuardOptions } from './guard.ts';
import { buildRecord, readRecord, sameExport, serializeRecord } from './record.ts';
import { scanCatalogue } from './scan.ts';
import { extractExport, type ZipLimits } from './unzip.ts';

export interface SyncOptions extends GuardOptions {
  /** Fiches folder (default content/fiches). */
  fiches?: string;
  /** Journal folder (default content/journal). */
  journal?: string;
  /** The record's file (default content/synchronisation.json). */
  record?: string;
  /** Where zips are kept between runs (default .cache/sync, ignored by git). */
  cache?: string;
  /** data.gouv.fr's API (default https://www.data.gouv.fr/api). */
  api?: string;
  /** A folder holding the zips, instead of data.gouv.fr. */
  source?: string;
  /** The day to synchronise (AAAA-MM-JJ); default: the newest. */
  date?: string;
  /** Importer threads (see src/lib/import/run.ts). */
  jobs?: number;
  referentielsDir?: string | null;
  /** Attempts after the first for each request (default 4), and the first delay (default 2 s, doubled each time). */
  retries?: number;
  backoffMs?: number;
  idleMs?: number;
  limits?: Partial<ZipLimits>;
  writer?: SyncWriter;
  now?: () => Date;
  onProgress?: (progress: Progress) => void;
  /** Each step, as a French sentence. */
  onStep?: (message: string) => void;
}

export interface ZipReport extends RessourceSynchronisee {
  /** False when the cache or --source already had it. */
  telecharge: boolean;
  telechargement?: DownloadResult;
  ignorees: string[];
}

export interface SyncReport {
  /** `a_jour`: the record already names these zips, nothing was read nor written. */
  statut: 'a_jour' | 'synchronise';
  date_export: string;
  zips: ZipReport[];
  imports?: Record<Repertoire, ImportReport>;
  /** No fiche came from the export before: the first import is not written to the journal. */
  initial: boolean;
  /** The journal's file of the day, when this synchronisation wrote changes to it. */
  journal?: string;
  /** The changes of this synchronisation (the day's file may hold earlier ones too). */
  entrees: EntreeJournal[];
  absentes: string[];
  retours: string[];
  record?: Synchronisation;
  fichiers: { fiches: string; record: string };
  mesures: { secondes: number; memoire_max_mo: number };
}

function resolvePaths(options: SyncOptions) {
  return {
    fiches: path.resolve(options.fiches ?? 'content/fiches'),
    journal: path.resolve(options.journal ?? 'content/journal'),
    record: path.resolve(options.record ?? 'content/synchronisation.json'),
    cache: path.resolve(options.cache ?? '.cache/sync'),
  };
}

function checkDate(date: string | undefined): void {
  if (date === undefined) return;
  const real = ISO_DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!real)
    throw new SyncError('usage', `--date : date attendue au format AAAA-MM-JJ, reçu « ${date} ».`);
}

/** Folders `.sync-<pid>-…` left by a synchronisation whose process was killed. */
function removeAbandoned(folder: string): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const pid = /^\.sync-(\d+)-/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM')
        rmSync(path.join(folder, name), { recursive: true, force: true });
    }
  }
}

async function stage(
  repertoire: Repertoire,
  file: string,
  date: string,
  options: SyncOptions,
  fiches: string,
) {
  try {
    return await stageImport({
      file,
      out: fiches,
      dateFlux: date,
      ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
      ...(options.referentielsDir !== undefined
        ? { referentielsDir: options.referentielsDir }
        : {}),
    });
  } catch (error) {
    if (error instanceof XmlSyntaxError || error instanceof ImportUsageError) {
      throw new SyncError(
        'export_illisible',
        `Export ${repertoire} illisible (${path.basename(file)}) : ${error.message}. Rien n’a été écrit.`,
      );
    }
    throw diskFull(error, `l’import de l’export ${repertoire}`);
  }
}

export async function runSync(options: SyncOptions = {}): Promise<SyncReport> {
  const started = performance.now();
  const paths = resolvePaths(options);
  const step = options.onStep ?? (() => {});
  const writer = options.writer ?? diskWriter;
  checkDate(options.date);
  const fetchOptions = { retries: options.retries ?? 4, backoffMs: options.backoffMs ?? 2000 };

  // 1. The day's zips.
  let zips: ExportZip[];
  let where: string;
  if (options.source !== undefined) {
    where = `le dossier ${options.source}`;
    zips = zipsInFolder(options.source);
  } else {
    const api = options.api ?? DEFAULT_API;
    where = 'data.gouv.fr';
    step(`Liste des ressources du jeu de données sur ${api}…`);
    zips = zipsOfResources(await listResources(api, fetchOptions));
  }
  const chosen = chooseExport(zips, {
    ...(options.date !== undefined ? { date: options.date } : {}),
    ...(options.allowMixedDays ? { allowMixedDays: true } : {}),
    where,
  });
  const date = chosen.RNCP.date;
  const previous = readRecord(paths.record);
  checkExportDay(date, previous?.date_export, options);
  mkdirSync(paths.cache, { recursive: true });
  const local = {} as Record<
    Repertoire,
    { zip: ExportZip; file: string; telechargement?: DownloadResult }
  >;
  for (const repertoire of REPERTOIRES) {
    const zip = chosen[repertoire];
    if (zip.chemin !== undefined) {
      local[repertoire] = { zip, file: zip.chemin };
      continue;
    }
    const ressource = zip.ressource!;
    const file = path.join(paths.cache, zip.fichier);
    step(`Export ${repertoire} : ${zip.fichier}…`);
    const telechargement = await download({
      url: ressource.url,
      dest: file,
      fichier: zip.fichier,
      taille: ressource.filesize,
      checksum: ressource.checksum,
      ...fetchOptions,
      ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
      writer,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    local[repertoire] = { zip, file, telechargement };
  }
  const hashes = {} as Record<Repertoire, string>;
  for (const repertoire of REPERTOIRES) hashes[repertoire] = await hashFile(local[repertoire].file);

  const zipReport = (
    repertoire: Repertoire,
    extra: { entree: string; version_flux: string; ignorees: string[] },
  ): ZipReport => {
    const { zip, file, telechargement } = local[repertoire];
    return {
      repertoire,
      date: zip.date,
      fichier: zip.fichier,
      ...(zip.ressource ? { ressource: zip.ressource.id } : {}),
      sha256: hashes[repertoire],
      octets: statSync(file).size,
      entree: extra.entree,
      version_flux: extra.version_flux,
      telecharge: telechargement?.telecharge ?? false,
      ...(telechargement ? { telechargement } : {}),
      ignorees: extra.ignorees,
    };
  };
  const measures = () => ({
    secondes: (performance.now() - started) / 1000,
    memoire_max_mo: process.resourceUsage().maxRSS / 1024,
  });
  if (
    sameExport(
      previous,
      REPERTOIRES.map((r) => ({ repertoire: r, fichier: local[r].zip.fichier, sha256: hashes[r] })),
    )
  ) {
    return {
      statut: 'a_jour',
      date_export: date,
      zips: REPERTOIRES.map((r) => {
        const recorded = previous!.ressources.find((x) => x.repertoire === r)!;
        return zipReport(r, {
          entree: recorded.entree,
          version_flux: recorded.version_flux,
          ignorees: [],
        });
      }),
      initial: false,
      entrees: [],
      absentes: [],
      retours: [],
      fichiers: { fiches: paths.fiches, record: paths.record },
      mesures: measures(),
    };
  }

  // 2. Unzip, and stage both imports.
  const work = mkdtempSync(path.join(paths.cache, `.sync-${process.pid}-`));
  const contentRoot = path.dirname(paths.record);
  let extras: string | undefined;
  const imports: Partial<Record<Repertoire, StagedImport>> = {};
  try {
    const xml = {} as Record<
      Repertoire,
      { file: string; entree: string; date: string; ignorees: string[] }
    >;
    for (const repertoire of REPERTOIRES) {
      step(`Décompression de ${local[repertoire].zip.fichier}…`);
      const part = path.join(work, `${repertoire}.xml.part`);
      const extracted = await extractExport({
        zip: local[repertoire].file,
        fichier: local[repertoire].zip.fichier,
        repertoire,
        dest: part,
        ...(options.limits ? { limits: options.limits } : {}),
        writer,
      });
      const file = path.join(work, extracted.entree);
      renameSync(part, file);
      xml[repertoire] = {
        file,
        entree: extracted.entree,
        date: extracted.date,
        ignorees: extracted.ignorees,
      };
    }
    const catalogue = scanCatalogue(paths.fiches);
    for (const repertoire of REPERTOIRES) {
      step(`Import de ${xml[repertoire].entree}…`);
      imports[repertoire] = await stage(
        repertoire,
        xml[repertoire].file,
        date,
        options,
        paths.fiches,
      );
    }
    const rncp = imports.RNCP!;
    const rs = imports.RS!;

    // 3. The guard, then what else changes.
    const seen = new Set([...rncp.seen, ...rs.seen]);
    const suivies = [...catalogue.values()].filter(
      (f) => f.importee && f.absenteDepuis === undefined,
    );
    checkGuard(
      {
        versions: { RNCP: rncp.report.version_flux, RS: rs.report.version_flux },
        dates: {
          RNCP: [local.RNCP.zip.date, xml.RNCP.date],
          RS: [local.RS.zip.date, xml.RS.date],
        },
        suivies: suivies.length,
        manquantes: suivies.filter((f) => !seen.has(f.numero)).map((f) => f.numero),
      },
      options,
    );
    const initial = ![...catalogue.values()].some((f) => f.importee);
    step('Journal des changements…');
    const changes = computeChanges({
      fichesDir: paths.fiches,
      date,
      catalogue,
      staged: [...rncp.staged, ...rs.staged],
      seen,
      initial,
    });

    changes.entrees.sort((a, b) => compareNumeros(a.numero, b.numero));
    extras = mkdtempSync(path.join(contentRoot, `.sync-${process.pid}-`));
    removeAbandoned(contentRoot);
    const write = (name: string, text: string) => {
      const file = path.join(extras!, name);
      try {
        writer.file(file, text);
      } catch (error) {
        throw diskFull(error, 'la préparation des fichiers du catalogue');
      }
      return file;
    };
    const rewrites = changes.rewrites.map((r, i) => ({
      ...r,
      staged: write(`fiche-${i}.md.tmp`, r.text),
    }));
    const journalFile = path.join(paths.journal, journalFileName(date));
    let journalStaged: string | undefined;
    if (changes.entrees.length > 0) {
      const existing = existsSync(journalFile)
        ? journalJourSchema.parse(JSON.parse(readFileSync(journalFile, 'utf8')))
        : undefined;
      journalStaged = write(
        'journal.json.tmp',
        serializeJour(mergeJour(date, existing, changes.entrees)),
      );
    }

    // 4. Into place.
    const reports = { RNCP: rncp.commit(), RS: rs.commit() };
    for (const r of rewrites) {
      const target = path.join(paths.fiches, r.fichier);
      if (existsSync(target) && sha256(readFileSync(target, 'utf8')) === r.previous)
        renameSync(r.staged, target);
    }
    if (journalStaged) {
      mkdirSync(paths.journal, { recursive: true });
      renameSync(journalStaged, journalFile);
    }
    const record = buildRecord({
      date,
      now: (options.now ?? (() => new Date()))(),
      ressources: REPERTOIRES.map((r) => {
        const z = zipReport(r, {
          entree: xml[r].entree,
          version_flux: reports[r].version_flux ?? '',
          ignorees: [],
        });
        return {
          repertoire: z.repertoire,
          date: z.date,
          fichier: z.fichier,
          ...(z.ressource !== undefined ? { ressource: z.ressource } : {}),
          sha256: z.sha256,
          octets: z.octets,
          entree: z.entree,
          version_flux: z.version_flux,
        };
      }),
      imports: reports,
      absentes: changes.absentes,
      retours: changes.retours.length,
    });
    renameSync(write('synchronisation.json.tmp', serializeRecord(record)), paths.record);

    // The cache keeps this day's zips only.
    for (const name of readdirSync(paths.cache)) {
      if (
        /^export-fiches-.*\.zip(\.part)?$/.test(name) &&
        !REPERTOIRES.some((r) => local[r].zip.fichier === name)
      )
        rmSync(path.join(paths.cache, name), { force: true });
    }
    return {
      statut: 'synchronise',
      date_export: date,
      zips: REPERTOIRES.map((r) =>
        zipReport(r, {
          entree: xml[r].entree,
          version_flux: reports[r].version_flux ?? '',
          ignorees: xml[r].ignorees,
        }),
      ),
      imports: reports,
      initial,
      ...(journalStaged ? { journal: journalFile } : {}),
      entrees: changes.entrees,
      absentes: changes.absentes,
      retours: changes.retours,
      record,
      fichiers: { fiches: paths.fiches, record: paths.record },
      mesures: measures(),
    };
  } catch (error) {
    imports.RNCP?.discard();
    imports.RS?.discard();
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (extras) rmSync(extras, { recursive: true, force: true });
  }
}
