/**
 * Getting one file of the reference data: from its pinned public address (then taken out of its zip
 * archive or converted to UTF-8 as the manifest says), from a mirror that serves it ready as it is, or
 * from the repository for a hand transcription. Every failure is a TestDataError with a French message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { REPO_ROOT, MIRROR_VARIABLE, type DataEntry } from './manifest.ts';

/** A failure the person running the command can act on; its message says what and how, in French. */
export class TestDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestDataError';
  }
}

/** How long one download may take (the largest file is 4 MB). */
const TIMEOUT_MS = 120_000;

/** The address a file is fetched from: on the mirror when there is one, else its pinned address. */
export function sourceUrl(entry: DataEntry, mirror?: string): string {
  if (!mirror) return entry.url;
  const base = mirror.endsWith('/') ? mirror : `${mirror}/`;
  return new URL(entry.path.split('/').map(encodeURIComponent).join('/'), base).href;
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `pas de réponse en ${TIMEOUT_MS / 1000} s`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

async function download(url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new TestDataError(
      `Téléchargement impossible de ${url} (${reason(error)}).\n` +
        `Vérifiez la connexion au réseau, ou donnez l'adresse d'un miroir avec ${MIRROR_VARIABLE}.`,
    );
  }
  if (!response.ok) {
    throw new TestDataError(
      `Téléchargement impossible de ${url} : le serveur a répondu ${response.status} ${response.statusText}.`,
    );
  }
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new TestDataError(`Téléchargement de ${url} interrompu (${reason(error)}).`);
  }
}

/** The member of a zip archive whose name (folders aside) is `name`. */
function unzipEntry(archive: Buffer, name: string, url: string): Buffer {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(archive, { filter: (file) => path.posix.basename(file.name) === name });
  } catch (error) {
    throw new TestDataError(`L'archive ${url} est illisible (${reason(error)}).`);
  }
  const found = Object.values(files);
  if (found.length !== 1) {
    throw new TestDataError(
      `L'archive ${url} ne contient pas un et un seul fichier ${name} (${found.length} trouvés).`,
    );
  }
  return Buffer.from(found[0]!);
}

/** An XML file in `encoding`, in UTF-8 with its declaration saying so; nothing else changes. */
export function toUtf8Xml(bytes: Buffer, encoding: string): Buffer {
  const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  return Buffer.from(
    text.replace(/^(<\?xml[^>]*?\bencoding=)(["'])[^"']*\2/, '$1$2UTF-8$2'),
    'utf8',
  );
}

/** The bytes the manifest's entry stands for, before any check of their hash. */
export async function fetchEntry(entry: DataEntry, mirror?: string): Promise<Buffer> {
  if (entry.copyOf) return readFileSync(path.join(REPO_ROOT, entry.copyOf));
  const url = sourceUrl(entry, mirror);
  const bytes = await download(url);
  // A mirror serves the files as they are written; the pinned addresses serve them as published.
  if (mirror) return bytes;
  if (entry.zipEntry) return unzipEntry(bytes, entry.zipEntry, url);
  if (entry.transcode) return toUtf8Xml(bytes, entry.transcode);
  return bytes;
}
