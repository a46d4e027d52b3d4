/**
 * « Mis à jour le … » on a fiche page: the date of the last commit that changed its file, read once
 * per build for the whole fiches folder with a single `git log`. When the history cannot say (no git,
 * a shallow clone that stops before the file's last change, a file not committed yet), the date is
 * unknown, and the page says so rather than showing a wrong one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Why a file's last update is unknown. */
export type UnknownReason = 'sans-historique' | 'historique-partiel' | 'non-enregistre';

export type LastUpdate = { date: string } | { date?: undefined; reason: UnknownReason };

export interface GitDates {
  /** Absolute path of each file → date of its last commit (`2026-11-27`). */
  dates: Map<string, string>;
  /** False when the folder is not in a git repository, or git is missing. */
  available: boolean;
  /** A shallow clone: a file whose last change is older than the clone knows has no date. */
  shallow: boolean;
}

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return result.status === 0 ? result.stdout : undefined;
}

const COMMIT = '\u0001';

/**
 * Reads `git log --format=<COMMIT>%H %cI --name-only` output: the newest commit that names a file
 * gives its date. Commits listed in `boundary` (the oldest commits of a shallow clone, which git shows
 * as adding every file) say nothing about when a file changed and are skipped.
 */
export function parseGitLog(
  output: string,
  root: string,
  boundary: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const dates = new Map<string, string>();
  for (const chunk of output.split(COMMIT)) {
    const [header, ...files] = chunk.split('\n');
    const [hash, iso] = (header ?? '').trim().split(' ');
    if (!hash || !iso || boundary.has(hash)) continue;
    for (const file of files) {
      if (!file) continue;
      const absolute = path.join(root, file);
      if (!dates.has(absolute)) dates.set(absolute, iso.slice(0, 10));
    }
  }
  return dates;
}

/** One `git log` over `dir` (a folder inside the repository). */
export function readGitDates(dir: string): GitDates {
  const absolute = real(dir);
  const root = git(absolute, ['rev-parse', '--show-toplevel'])?.trim();
  if (!root) return { dates: new Map(), available: false, shallow: false };
  const shallow = git(root, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
  const boundary = new Set<string>();
  if (shallow) {
    const file = git(root, ['rev-parse', '--git-path', 'shallow'])?.trim();
    if (file) {
      for (const hash of readFileSync(path.resolve(root, file), 'utf8').split('\n')) {
        if (hash) boundary.add(hash.trim());
      }
    }
  }
  const log = git(root, [
    '-c',
    'core.quotepath=false',
    'log',
    `--format=${COMMIT}%H %cI`,
    '--name-only',
    '--no-renames',
    '--',
    path.relative(root, absolute) || '.',
  ]);
  if (log === undefined) return { dates: new Map(), available: false, shallow };
  return { dates: parseGitLog(log, root, boundary), available: true, shallow };
}

const cache = new Map<string, GitDates>();

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The last update of a file of `folder` (the fiches folder), from one reading of the folder's history
 * per process.
 */
export function lastUpdate(file: string, folder: string): LastUpdate {
  const dir = real(folder);
  let dates = cache.get(dir);
  if (!dates) {
    dates = readGitDates(dir);
    cache.set(dir, dates);
  }
  const date = dates.dates.get(real(file));
  if (date) return { date };
  if (!dates.available) return { reason: 'sans-historique' };
  return { reason: dates.shallow ? 'historique-partiel' : 'non-enregistre' };
}
