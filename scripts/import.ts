/**
 * npm run import -- <export.xml> [--out content/fiches] [--only RNCP34762,RS5000] [--force]
 *                   [--report rapport.json] [--jobs N] [--date-flux AAAA-MM-JJ]
 *
 * Imports fiches from the France Compétences XML export into Markdown fiches. The logic lives in
 * src/lib/import/ (see run.ts); this file only reads the command line and prints the report.
 * Exit status: 0 done; 1 some fiches failed or were not found; 2 nothing written (bad command line,
 * unreadable or malformed export).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runWithBoundedHeap } from './lib/cli/streaming-command.ts';

const USAGE = `Usage : npm run import -- <export.xml> [options]

Importe les fiches de l'export XML de France Compétences (V4.1, ou V2/V3) en fiches Markdown :
<sortie>/rncp/<N>.md et <sortie>/rs/<N>.md.

Options :
  --out DOSSIER        dossier des fiches (défaut : content/fiches)
  --only NUMÉROS       seulement ces fiches, séparées par des virgules : RNCP34762,RS5000
  --force              écraser aussi les fiches modifiées à la main depuis leur dernier import
  --report FICHIER     écrire le rapport complet en JSON
  --jobs N             fils de conversion (défaut : nombre de cœurs, 4 au plus ; 0 = aucun)
  --date-flux DATE     date de l'export (AAAA-MM-JJ), sinon lue dans le nom du fichier
  --quiet              n'afficher que les erreurs
  -h, --help           cette aide`;

async function main(): Promise<number> {
  // Imported here, not above: the process that only restarts itself (below) loads nothing.
  const { formatReport } = await import('../src/lib/import/report.ts');
  const { exitCode, ImportUsageError, runImport } = await import('../src/lib/import/run.ts');
  const { XmlSyntaxError } = await import('../src/lib/import/xml.ts');
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        only: { type: 'string', multiple: true },
        force: { type: 'boolean', default: false },
        report: { type: 'string' },
        jobs: { type: 'string' },
        'date-flux': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`Un seul fichier d'export est attendu.\n\n${USAGE}`);
    return 2;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 0 || jobs > 64)) {
    console.error('--jobs : un nombre entier de 0 à 64 est attendu');
    return 2;
  }
  const progress = process.stderr.isTTY && !values.quiet;
  try {
    const report = await runImport({
      file: positionals[0]!,
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.only !== undefined ? { only: values.only } : {}),
      force: values.force,
      ...(jobs !== undefined ? { jobs } : {}),
      ...(values['date-flux'] !== undefined ? { dateFlux: values['date-flux'] } : {}),
      ...(progress
        ? {
            onProgress: (bytes: number) =>
              process.stderr.write(`\r${(bytes / 1e6).toFixed(0)} Mo lus…`),
          }
        : {}),
    });
    if (progress) process.stderr.write('\r\x1b[K');
    if (values.report !== undefined)
      writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
    if (!values.quiet) console.log(formatReport(report));
    return exitCode(report);
  } catch (error) {
    if (progress) process.stderr.write('\r\x1b[K');
    if (error instanceof XmlSyntaxError || error instanceof ImportUsageError) {
      console.error(`${error.message}\nAucune fiche n'a été écrite.`);
      return 2;
    }
    throw error;
  }
}

// A bounded heap and a clean exit on Ctrl-C (scripts/lib/cli/streaming-command.ts).
runWithBoundedHeap(import.meta.url, ['--max-old-space-size=96', '--max-semi-space-size=4']);

process.exitCode = await main();
