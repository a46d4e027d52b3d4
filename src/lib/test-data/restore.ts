/**
 * `npm run test-data`: makes the data folder hold every file of test-data/manifest.json, byte for byte.
 * A file already there with the right SHA-256 is left alone (no network at all when every file is);
 * a missing one is fetched (./fetch.ts), checked, then written in one rename, so that a failed or
 * refused download never leaves a partial file; a file there with another hash is never replaced (it
 * may be someone's work): the command stops and says what to do.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestDataError, fetchEntry, sourceUrl } from './fetch.ts';
import { formatNumber, plural } from '../wording.ts';
import {
  MANIFEST_FILE,
  REPO_ROOT,
  loadManifest,
  type DataEntry,
  type Manifest,
} from './manifest.ts';

export { TestDataError } from './fetch.ts';

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type FileState =
  | { entry: DataEntry; state: 'ok' | 'missing' }
  | { entry: DataEntry; state: 'different'; sha256: string };

/** What the folder holds of each entry, read without any network. */
export function inspectFiles(dir: string, entries: readonly DataEntry[]): FileState[] {
  return entries.map((entry) => {
    const file = path.join(dir, entry.path);
    if (!existsSync(file) || !statSync(file).isFile()) return { entry, state: 'missing' };
    const actual = sha256(readFileSync(file));
    return actual === entry.sha256
      ? { entry, state: 'ok' }
      : { entry, state: 'different', sha256: actual };
  });
}

export interface RestoreOptions {
  /** The data folder (sharedDataDir()). */
  dir: string;
  /** Base address of a mirror serving each file at its path (SHARED_DATA_MIRROR). */
  mirror?: string;
  manifest?: Manifest;
  /** Receives one line per file written. */
  log?: (line: string) => void;
}

export interface RestoreReport {
  /** Files that were already there, right. */
  present: number;
  /** Files written, by path. */
  written: string[];
}

const MANIFEST_NAME = path.relative(REPO_ROOT, MANIFEST_FILE);

function kilobytes(bytes: number): string {
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} ko`;
}

export async function restoreTestData(options: RestoreOptions): Promise<RestoreReport> {
  const manifest = options.manifest ?? loadManifest();
  const states = inspectFiles(options.dir, manifest.files);
  const different = states.filter((s) => s.state === 'different');
  if (different.length > 0) {
    throw new TestDataError(
      [
        `${different.length} ${plural(different.length, 'fichier')} de ${options.dir} ${plural(different.length, 'a', 'ont')} une empreinte SHA-256 autre que celle de ${MANIFEST_NAME} :`,
        ...different.map(
          (s) =>
            `  ${s.entry.path}\n    attendue ${s.entry.sha256}\n    trouvée  ${s.state === 'different' ? s.sha256 : ''}`,
        ),
        'Ils ne sont pas remplacés (ce peut être un travail en cours) : supprimez-les, puis relancez « npm run test-data » pour en télécharger la version attendue.',
      ].join('\n'),
    );
  }
  const written: string[] = [];
  for (const { entry } of states.filter((s) => s.state === 'missing')) {
    const bytes = await fetchEntry(entry, options.mirror);
    const actual = sha256(bytes);
    const from = entry.copyOf ?? sourceUrl(entry, options.mirror);
    if (actual !== entry.sha256) {
      throw new TestDataError(
        `${from} n'a pas l'empreinte attendue pour ${entry.path} :\n` +
          `  attendue ${entry.sha256} (${entry.bytes} octets)\n  reçue    ${actual} (${bytes.length} octets)\n` +
          `Le fichier n'est pas écrit. La source a changé ou le miroir sert un autre fichier : ` +
          `corrigez la source, ou mettez à jour ${MANIFEST_NAME} si la nouvelle version est voulue.`,
      );
    }
    const file = path.join(options.dir, entry.path);
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partiel-${process.pid}`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    written.push(entry.path);
    options.log?.(`écrit : ${entry.path} (${kilobytes(bytes.length)}, depuis ${from})`);
  }
  return { present: states.length - written.length, written };
}
