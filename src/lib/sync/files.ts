/**
 * The sync's writes to disk, in one place so that a test can make them fail as a full disk does
 * (ENOSPC): the zips it downloads, the XML it unzips, and the files it stages before putting them
 * in place.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';

export interface SyncWriter {
  /** A stream writing `path` (`a`: appended to what is there, for a resumed download). */
  stream: (path: string, flags: 'w' | 'a') => Writable;
  /** Writes a whole small file. */
  file: (path: string, text: string) => void;
}

export const diskWriter: SyncWriter = {
  stream: (path, flags) => createWriteStream(path, { flags }),
  file: (path, text) => writeFileSync(path, text, 'utf8'),
};
