/**
 * What `npm run validate` remembers between runs: the digest of each fiche file that passed, under a
 * fingerprint of everything that decides validity (the validator's and the schema's code, the
 * reference tables, the locked dependencies). A file whose text and fingerprint are unchanged passed
 * last time and would pass again, so it is not parsed again: after an edit, only the edited fiche is
 * validated, which keeps `npm run build` (validation first) quick on the national catalogue.
 * The checks across files (a number used twice) still run over every fiche.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CachedFile {
  digest: string;
  numero: string;
  numeroLine: number;
}

interface CacheFile {
  fingerprint: string;
  files: Record<string, CachedFile>;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Folders and files whose content decides whether a fiche is valid. */
const SOURCES = ['src/lib/validate', 'src/schema', 'src/lib/referentiels.ts', 'package-lock.json'];

function filesOf(target: string): string[] {
  if (!existsSync(target)) return [];
  if (!target.endsWith('.ts') && !target.endsWith('.json')) {
    return readdirSync(target, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') || file.endsWith('.json'))
      .sort()
      .map((file) => path.join(target, file));
  }
  return [target];
}

export function fileDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The fingerprint of the validator, its schema, its dependencies and the reference tables. */
export function validatorFingerprint(referentielsDir: string): string {
  const hash = createHash('sha256');
  const files = [...SOURCES.map((s) => path.join(ROOT, s)), referentielsDir].flatMap(filesOf);
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The fiches that passed under this fingerprint, by absolute path. */
export function readValidationCache(
  cacheFile: string,
  fingerprint: string,
): Map<string, CachedFile> {
  try {
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheFile;
    if (cache.fingerprint === fingerprint) return new Map(Object.entries(cache.files));
  } catch {
    // No cache yet, or an unreadable one: every fiche is validated.
  }
  return new Map();
}

/** Writes the cache atomically (a run stopped halfway leaves the previous one). */
export function writeValidationCache(
  cacheFile: string,
  fingerprint: string,
  files: ReadonlyMap<string, CachedFile>,
): void {
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ fingerprint, files: Object.fromEntries(files) }));
  renameSync(temporary, cacheFile);
}
