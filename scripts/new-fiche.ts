/**
 * `npm run new -- RNCP12345` (or `RS1234`) — creates content/fiches/rncp/12345.md with every field and
 * every section, each holding a « À COMPLÉTER » placeholder that the validator refuses until it is
 * replaced. Never overwrites a fiche. FICHES_DIR chooses another fiches folder (as for the build).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FicheExistsError, normalizeNumero, writeScaffold } from '../src/lib/scaffold.ts';

const USAGE = `Usage : npm run new -- RNCP12345   (ou RS1234)

Crée le fichier de la fiche, avec tous ses champs et toutes ses sections à compléter.
Si la fiche figure dans l'export de France Compétences, préférez l'importer :
npm run import -- <export.xml> --only RNCP12345`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
  console.error(USAGE);
  process.exit(args[0] === '--help' || args[0] === '-h' ? 0 : 2);
}

const numero = normalizeNumero(args[0]!);
if (!numero) {
  console.error(
    `Numéro de fiche mal formé : « ${args[0]} ». Attendu « RNCP » ou « RS » suivi du numéro, par exemple RNCP12345.\n\n${USAGE}`,
  );
  process.exit(2);
}

const fichesDir = path.resolve(root, process.env['FICHES_DIR'] ?? 'content/fiches');
try {
  const file = path.relative(process.cwd(), writeScaffold(numero, fichesDir));
  console.log(`Fiche créée : ${file}

Ensuite :
  1. remplacez chaque « À COMPLÉTER : … » par la valeur (le texte dit quoi écrire) et supprimez
     les champs et sections facultatifs que la fiche ne renseigne pas ;
  2. vérifiez : npm run validate -- ${file}
     (chaque ligne encore « À COMPLÉTER » y est signalée) ;
  3. prévisualisez : npm run dev, puis ouvrez la page de la fiche.`);
} catch (error) {
  if (error instanceof FicheExistsError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
