/**
 * A throw-away project folder for a synchronisation test (content/fiches, content/journal, the record,
 * the cache) and what a test compares: every file of content/ with its SHA-256.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SyncOptions } from '../../src/lib/sync/run.ts';

export interface SyncFolder {
  root: string;
  content: string;
  fiches: string;
  options: SyncOptions;
  remove: () => void;
}

export function syncFolder(api?: string): SyncFolder {
  const root = mkdtempSync(path.join(tmpdir(), 'sync-'));
  const content = path.join(root, 'content');
  const fiches = path.join(content, 'fiches');
  mkdirSync(fiches, { recursive: true });
  return {
    root,
    content,
    fiches,
    options: {
      fiches,
      journal: path.join(content, 'journal'),
      record: path.join(content, 'synchronisation.json'),
      cache: path.join(root, '.cache/sync'),
      ...(api ? { api } : {}),
      jobs: 0,
      retries: 2,
      backoffMs: 1,
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Every file under `dir`, relative path → SHA-256: two equal snapshots mean not a byte changed. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return files;
}
