/**
 * `npm run test-data` — puts in ../shared/data/ (or the folder of SHARED_DATA_DIR) every open-data
 * file the tests read, as listed in test-data/manifest.json, and checks each SHA-256. Nothing to do, and
 * no network, when the files are there. SHARED_DATA_MIRROR=<adresse> fetches from a mirror serving the
 * files at their paths instead of their public addresses. Exit code 1, with a French message, on a
 * download that fails or a file that differs.
 */
import { MIRROR_VARIABLE, sharedDataDir } from '../src/lib/test-data/manifest.ts';
import { TestDataError, restoreTestData } from '../src/lib/test-data/restore.ts';
import { plural } from '../src/lib/wording.ts';

const dir = sharedDataDir();
const mirror = process.env[MIRROR_VARIABLE] || undefined;
try {
  const { present, written } = await restoreTestData({
    dir,
    ...(mirror ? { mirror } : {}),
    log: (line) => console.log(line),
  });
  const total = present + written.length;
  console.log(
    written.length === 0
      ? `Données de référence à jour dans ${dir} : ${total} fichiers, empreintes vérifiées, rien à télécharger.`
      : `Données de référence prêtes dans ${dir} : ${written.length} ${plural(written.length, 'fichier')} ${plural(written.length, 'écrit')}, ${present} déjà là, ${total} empreintes vérifiées.`,
  );
} catch (error) {
  if (!(error instanceof TestDataError)) throw error;
  console.error(`npm run test-data : ${error.message}`);
  process.exitCode = 1;
}
