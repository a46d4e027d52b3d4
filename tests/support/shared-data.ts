/**
 * The one way a test reaches the open data of ../shared/data/ (or of SHARED_DATA_DIR): `sharedData(p)`
 * returns the absolute path of `p`, a file or a folder of test-data/manifest.json, after checking that
 * every listed file at or under `p` is there with its SHA-256. Otherwise the test file fails with a
 * French message that names the command to run, without a stack trace.
 */
import path from 'node:path';
import {
  DATA_DIR_VARIABLE,
  entriesUnder,
  loadManifest,
  sharedDataDir,
} from '../../src/lib/test-data/manifest.ts';
import { inspectFiles } from '../../src/lib/test-data/restore.ts';

const checked = new Set<string>();

function fail(message: string): never {
  const error = new Error(message);
  // Vitest prints the stack when there is one: the message alone says all there is to do.
  error.stack = `${error.name}: ${message}`;
  throw error;
}

export function sharedData(relative = ''): string {
  const dir = sharedDataDir();
  const entries = entriesUnder(loadManifest(), relative);
  if (entries.length === 0) {
    fail(
      `« ${relative} » n'est pas dans test-data/manifest.json : ajoutez-y chaque fichier de données que lit le test (adresse figée, SHA-256, licence).`,
    );
  }
  const key = `${dir}\0${relative}`;
  if (!checked.has(key)) {
    const wrong = inspectFiles(dir, entries).filter((s) => s.state !== 'ok');
    if (wrong.length > 0) {
      const list = wrong
        .map((s) => `  ${s.entry.path} (${s.state === 'missing' ? 'absent' : 'différent'})`)
        .join('\n');
      fail(
        `Données de référence manquantes ou différentes dans ${dir} :\n${list}\n` +
          `Lancez « npm run test-data » pour les télécharger et vérifier leurs empreintes ` +
          `(autre dossier : variable ${DATA_DIR_VARIABLE}).`,
      );
    }
    checked.add(key);
  }
  return path.join(dir, relative);
}
