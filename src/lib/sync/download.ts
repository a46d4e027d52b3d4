/**
 * Downloads one zip of the export into the cache folder: a progress report about once a second,
 * retries with a growing delay, a resumed transfer (`Range`) where the server allows it, and the size
 * and checksum data.gouv.fr gives checked before the file takes its final name. A zip already in the
 * cache that passes the same checks is not downloaded again.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { backoff, retryableStatus, sleep } from './datagouv.ts';
import { diskFull, SyncError } from './errors.ts';
import { diskWriter, type SyncWriter } from './files.ts';

export interface Progress {
  fichier: string;
  recus: number;
  /** Size of the file, when the server or data.gouv.fr gives it. */
  total?: number;
  octetsParSeconde: number;
  /** Seconds left at the current speed, when the size is known. */
  resteSecondes?: number;
  /** The last report of a transfer, checked and complete. */
  termine?: true;
}

export interface Checksum {
  type: string;
  value: string;
}

export interface DownloadOptions {
  url: string;
  /** Final path in the cache; the transfer goes to `<dest>.part` until it is complete and checked. */
  dest: string;
  /** Name shown in messages. */
  fichier: string;
  taille?: number | null | undefined;
  checksum?: Checksum | null | undefined;
  retries: number;
  backoffMs: number;
  onProgress?: (progress: Progress) => void;
  writer?: SyncWriter;
  /** Without bytes for this long, a transfer is cut and retried. */
  idleMs?: number;
}

export interface DownloadResult {
  /** False when the cache already held the file. */
  telecharge: boolean;
  octets: number;
  /** Bytes that came over the network (less than the size when a transfer was resumed). */
  octetsTransferes: number;
  secondes: number;
  reprises: number;
}

const HASHES: Record<string, string> = {
  sha1: 'sha1',
  sha2: 'sha256',
  sha256: 'sha256',
  md5: 'md5',
};

export async function hashFile(file: string, algorithm = 'sha256'): Promise<string> {
  const hash = createHash(algorithm);
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Why the file does not match what data.gouv.fr announced, or undefined when it does. */
async function mismatch(file: string, options: DownloadOptions): Promise<string | undefined> {
  const size = statSync(file).size;
  if (options.taille != null && size !== options.taille)
    return `taille ${size} octets au lieu des ${options.taille} annoncés`;
  const algorithm = options.checksum ? HASHES[options.checksum.type.toLowerCase()] : undefined;
  if (options.checksum && algorithm) {
    const actual = await hashFile(file, algorithm);
    if (actual !== options.checksum.value.toLowerCase())
      return `somme de contrôle ${options.checksum.type} ${actual} au lieu de ${options.checksum.value}`;
  }
  return undefined;
}

/** `bytes 1000-1999/5000` → 1000. */
function rangeStart(header: string | null): number | undefined {
  const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header ?? '');
  return m ? Number(m[1]) : undefined;
}

function partSize(part: string): number {
  return existsSync(part) ? statSync(part).size : 0;
}

export async function download(options: DownloadOptions): Promise<DownloadResult> {
  const started = performance.now();
  const { dest, fichier } = options;
  if (existsSync(dest) && (await mismatch(dest, options)) === undefined) {
    return {
      telecharge: false,
      octets: statSync(dest).size,
      octetsTransferes: 0,
      secondes: 0,
      reprises: 0,
    };
  }
  rmSync(dest, { force: true });
  const part = `${dest}.part`;
  const writer = options.writer ?? diskWriter;
  let transferred = 0;
  let resumes = 0;
  let lastFailure = '';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(backoff(options.backoffMs, attempt - 1));
    const have = partSize(part);
    if (have > 0) resumes++;
    const controller = new AbortController();
    let response: Response;
    try {
      response = await fetch(options.url, {
        headers: have > 0 ? { range: `bytes=${have}-` } : {},
        signal: controller.signal,
      });
    } catch (error) {
      lastFailure = `connexion impossible (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`;
      continue;
    }
    if (response.status === 416) {
      // The part is already whole (or longer than the file): check it below, or start again.
      await response.body?.cancel();
      rmSync(part, { force: true });
      lastFailure = 'reprise refusée par le serveur (416)';
      continue;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      const failure = `le serveur a répondu ${response.status} ${response.statusText}`;
      if (!retryableStatus(response.status)) {
        throw new SyncError(
          'http',
          `Téléchargement de ${fichier} impossible : ${failure} (${options.url}).`,
        );
      }
      lastFailure = failure;
      continue;
    }
    const resumed =
      response.status === 206 && rangeStart(response.headers.get('content-range')) === have;
    if (response.status === 206 && !resumed) {
      await response.body.cancel();
      rmSync(part, { force: true });
      lastFailure = 'reprise à une autre position que demandée';
      continue;
    }
    const offset = resumed ? have : 0;
    const length = Number(response.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(length) ? offset + length : (options.taille ?? undefined);
    let received = offset;
    let lastReport = 0;
    const attemptStart = performance.now();
    let idle: NodeJS.Timeout | undefined;
    const idleMs = options.idleMs ?? 60_000;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), idleMs);
    };
    armIdle();
    // Written chunk by chunk, not through pipeline(): a cut connection must not destroy the file
    // stream before what was received is on disk, since the next attempt resumes from its size.
    const out = writer.stream(part, resumed ? 'a' : 'w');
    let cutOff: unknown;
    try {
      for await (const chunk of Readable.fromWeb(
        response.body as import('node:stream/web').ReadableStream,
      ) as AsyncIterable<Buffer>) {
        armIdle();
        received += chunk.length;
        transferred += chunk.length;
        const now = performance.now();
        if (options.onProgress && now - lastReport > 1000) {
          lastReport = now;
          const speed = (received - offset) / Math.max(0.001, (now - attemptStart) / 1000);
          options.onProgress({
            fichier,
            recus: received,
            ...(total !== undefined
              ? { total, resteSecondes: (total - received) / Math.max(1, speed) }
              : {}),
            octetsParSeconde: speed,
          });
        }
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } catch (error) {
      cutOff = error;
    } finally {
      clearTimeout(idle);
    }
    try {
      out.end();
      await finished(out);
    } catch (error) {
      cutOff = error;
    }
    if (cutOff !== undefined) {
      const full = diskFull(cutOff, `le téléchargement de ${fichier}`);
      if (full instanceof SyncError) throw full;
      lastFailure = `transfert interrompu après ${received} octets`;
      continue;
    }
    if (total !== undefined && received < total) {
      lastFailure = `transfert incomplet (${received} octets sur ${total})`;
      continue;
    }
    const wrong = await mismatch(part, options);
    if (wrong !== undefined) {
      rmSync(part, { force: true });
      lastFailure = `fichier reçu différent de celui annoncé par data.gouv.fr : ${wrong}`;
      continue;
    }
    renameSync(part, dest);
    options.onProgress?.({
      fichier,
      recus: received,
      total: received,
      octetsParSeconde:
        (received - offset) / Math.max(0.001, (performance.now() - attemptStart) / 1000),
      termine: true,
    });
    return {
      telecharge: true,
      octets: received,
      octetsTransferes: transferred,
      secondes: (performance.now() - started) / 1000,
      reprises: resumes,
    };
  }
  throw new SyncError(
    'telechargement',
    `Téléchargement de ${fichier} impossible après ${options.retries + 1} essais : ${lastFailure}. Relancez plus tard : la partie déjà reçue est gardée et le prochain essai reprendra où celui-ci s’est arrêté.`,
  );
}
