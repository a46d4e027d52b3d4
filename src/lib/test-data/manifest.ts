/**
 * The reference data the tests read (test-data/manifest.json): the open-data files of ../shared/data/
 * that the tests, and the scripts they run, read; for each, its public address pinned to a commit, its
 * SHA-256, its size and its licence. `npm run test-data` (./restore.ts) restores the folder from it;
 * tests/support/shared-data.ts refuses to run a test on a missing or different file.
 *
 * The folder is `../shared/data` beside the repository, or the folder named by SHARED_DATA_DIR; a
 * mirror (SHARED_DATA_MIRROR, a base address) serves each file at its path, already in its final form.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const MANIFEST_FILE = path.join(REPO_ROOT, 'test-data/manifest.json');

/** The variable that names the data folder, read by the tests, the scripts and `npm run test-data`. */
export const DATA_DIR_VARIABLE = 'SHARED_DATA_DIR';
/** The variable that names a mirror: `${mirror}/${path}` serves each file as it must be written. */
export const MIRROR_VARIABLE = 'SHARED_DATA_MIRROR';

/** The data folder: SHARED_DATA_DIR, or ../shared/data beside the repository. */
export function sharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[DATA_DIR_VARIABLE];
  return fromEnv ? path.resolve(fromEnv) : path.resolve(REPO_ROOT, '../shared/data');
}

const entrySchema = z.strictObject({
  /** Where the file lies in the data folder. */
  path: z
    .string()
    .regex(/^[\w.-]+(\/[\w.-]+)*$/, 'chemin relatif, sans « .. » ni espace')
    .refine((p) => !p.split('/').includes('..'), 'chemin relatif, sans « .. »'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  /** Public address, pinned to an immutable version (a commit). */
  url: z.url({ protocol: /^https$/ }),
  /** The file is this member of the zip archive at `url`. */
  zipEntry: z.string().optional(),
  /** The file at `url` is in this encoding: decoded to UTF-8, its XML declaration said so. */
  transcode: z.literal('iso-8859-15').optional(),
  /** No file is published (a hand transcription): the file is this one of the repository. */
  copyOf: z.string().optional(),
  source: z.string().min(1),
  licence: z.string().min(1),
});

const manifestSchema = z.strictObject({
  description: z.string(),
  files: z.array(entrySchema).min(1),
});

export type DataEntry = z.infer<typeof entrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

let loaded: Manifest | undefined;

/** test-data/manifest.json, checked against its schema. */
export function loadManifest(file = MANIFEST_FILE): Manifest {
  if (file === MANIFEST_FILE && loaded) return loaded;
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (file === MANIFEST_FILE) loaded = manifest;
  return manifest;
}

/** The entries at `relative` or under it ('' for all). */
export function entriesUnder(manifest: Manifest, relative: string): DataEntry[] {
  const prefix = relative.replace(/\/+$/, '');
  return manifest.files.filter(
    (entry) => prefix === '' || entry.path === prefix || entry.path.startsWith(`${prefix}/`),
  );
}
