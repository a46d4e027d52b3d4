/**
 * `npm run validate [--sans-cache] [fichiers ou dossiers…]` — checks every fiche (by default all of
 * content/fiches/, with the journal content/journal/ and content/synchronisation.json) and prints each error as `fichier:ligne:colonne champ : message (valeur : …)`.
 * Exit code 1 on any error. With GITHUB_ACTIONS=true it also prints annotations that GitHub shows on
 * the pull request. A fiche that passed and has not changed since, under the same validator, is not
 * validated again (node_modules/.cache/fiches-rncp/validate.json; --sans-cache ignores it).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENTIELS_DIR } from '../src/lib/referentiels.ts';
import {
  formatAnnotation,
  formatDiagnostic,
  validatePathsParallel,
} from '../src/lib/validate/index.ts';
import { validateSyncData } from '../src/lib/journal/validate.ts';
import { plural } from '../src/lib/wording.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const noCache = process.argv.includes('--sans-cache');
const args = process.argv.slice(2).filter((arg) => arg !== '--sans-cache');
const targets =
  args.length > 0 ? args : [path.relative(process.cwd(), path.join(root, 'content/fiches')) || '.'];

const { diagnostics, fiches, cached } = await validatePathsParallel(targets, {
  referentielsDir: path.join(root, REFERENTIELS_DIR),
  ...(noCache
    ? {}
    : { cacheFile: path.join(root, 'node_modules/.cache/fiches-rncp/validate.json') }),
});

// Without targets, the journal and the sync record too (content/journal/, content/synchronisation.json).
if (args.length === 0) diagnostics.push(...validateSyncData(path.join(root, 'content')));

for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic));
if (process.env['GITHUB_ACTIONS'] === 'true') {
  for (const diagnostic of diagnostics) console.log(formatAnnotation(diagnostic));
}
const files = new Set(diagnostics.map((d) => d.file)).size;
if (diagnostics.length > 0) {
  console.error(
    `\n${diagnostics.length} ${plural(diagnostics.length, 'erreur')} dans ${files} ${plural(files, 'fichier')} (${fiches} ${plural(fiches, 'fiche')} ${plural(fiches, 'vérifiée')}).`,
  );
  process.exitCode = 1;
} else {
  const unchanged =
    cached > 0 ? ` (${cached} ${plural(cached, 'inchangée')} depuis la dernière vérification)` : '';
  console.log(`${fiches} ${plural(fiches, 'fiche')} ${plural(fiches, 'valide')}${unchanged}.`);
}
