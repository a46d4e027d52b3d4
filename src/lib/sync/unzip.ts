/**
 * Takes the XML file out of a zip of the export, as a stream (yauzl), to a file of our choosing: the
 * entry's name is only compared with the expected one, never used as a path. Limits against a zip
 * bomb: the number of entries, the size of the XML, and how much larger than its compressed size it
 * may be (checked on the sizes the zip declares, then on the bytes actually inflated).
 */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Repertoire } from './datagouv.ts';
import { diskFull, SyncError } from './errors.ts';
import { diskWriter, type SyncWriter } from './files.ts';

export interface ZipLimits {
  /** Entries the zip may hold (the export has one). */
  maxEntries: number;
  /** Size of the XML, inflated (the national RNCP file is about 0.5 GB). */
  maxBytes: number;
  /** Inflated size over compressed size (the export's XML compresses about 10 to 1). */
  maxRatio: number;
}

export const DEFAULT_LIMITS: ZipLimits = { maxEntries: 20, maxBytes: 8 * 1024 ** 3, maxRatio: 200 };

/** `export_fiches_RNCP_V4_1_2026-08-16.xml`, the only entry read. */
export function expectedEntry(repertoire: Repertoire): RegExp {
  return new RegExp(`^export_fiches_${repertoire}_V4_1_(\\d{4}-\\d{2}-\\d{2})\\.xml$`);
}

export interface Extracted {
  entree: string;
  /** The day in the entry's name. */
  date: string;
  octets: number;
  /** Entries of the zip left aside (not the expected XML). */
  ignorees: string[];
}

const open = (file: string) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );

const readStream = (zip: ZipFile, entry: Entry) =>
  new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );

export interface ExtractOptions {
  zip: string;
  /** Name shown in messages. */
  fichier: string;
  repertoire: Repertoire;
  /** Where the XML is written. */
  dest: string;
  limits?: Partial<ZipLimits>;
  writer?: SyncWriter;
}

export async function extractExport(options: ExtractOptions): Promise<Extracted> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { fichier } = options;
  const corrupt = (error: unknown) =>
    new SyncError(
      'archive',
      `Archive ${fichier} illisible (tronquée ou abîmée) : ${(error as Error).message}. Supprimez-la du cache pour la télécharger à nouveau.`,
    );
  const bomb = (why: string) =>
    new SyncError(
      'archive',
      `Archive ${fichier} refusée : ${why}. Ce n’est pas la forme de l’export de France Compétences (protection contre les archives piégées).`,
    );
  let zip: ZipFile;
  try {
    zip = await open(options.zip);
  } catch (error) {
    throw corrupt(error);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw bomb(`${zip.entryCount} fichiers dedans, ${limits.maxEntries} au plus`);
  }
  const pattern = expectedEntry(options.repertoire);
  const ignorees: string[] = [];
  let found: Extracted | undefined;

  return new Promise<Extracted>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      zip.close();
      reject(error);
    };
    zip.on('error', (error) => fail(corrupt(error)));
    zip.on('end', () => {
      if (settled) return;
      settled = true;
      if (found) resolve({ ...found, ignorees });
      else
        reject(
          new SyncError(
            'archive',
            `L’archive ${fichier} ne contient pas le fichier attendu export_fiches_${options.repertoire}_V4_1_AAAA-MM-JJ.xml (trouvé : ${ignorees.join(', ') || 'rien'}).`,
          ),
        );
    });
    zip.on('entry', (entry: Entry) => {
      const date = pattern.exec(entry.fileName)?.[1];
      if (date === undefined) {
        ignorees.push(entry.fileName);
        zip.readEntry();
        return;
      }
      if (found)
        return fail(
          bomb(`deux fichiers ${options.repertoire} (${found.entree}, ${entry.fileName})`),
        );
      if (entry.uncompressedSize > limits.maxBytes)
        return fail(
          bomb(
            `${entry.fileName} ferait ${entry.uncompressedSize} octets, ${limits.maxBytes} au plus`,
          ),
        );
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (ratio > limits.maxRatio)
        return fail(
          bomb(
            `${entry.fileName} est ${Math.round(ratio)} fois plus grand que compressé, ${limits.maxRatio} au plus`,
          ),
        );
      let inflated = 0;
      const guard = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          inflated += chunk.length;
          if (
            inflated > limits.maxBytes ||
            inflated > limits.maxRatio * Math.max(1, entry.compressedSize)
          )
            callback(bomb(`${entry.fileName} se décompresse au-delà des limites`));
          else callback(null, chunk);
        },
      });
      readStream(zip, entry)
        .then((stream) =>
          pipeline(stream, guard, (options.writer ?? diskWriter).stream(options.dest, 'w')),
        )
        .then(() => {
          found = { entree: entry.fileName, date, octets: inflated, ignorees };
          zip.readEntry();
        })
        .catch((error: unknown) => {
          if (error instanceof SyncError) return fail(error);
          const full = diskFull(error, `la décompression de ${fichier}`);
          fail(full instanceof SyncError ? full : corrupt(error));
        });
    });
    zip.readEntry();
  });
}
