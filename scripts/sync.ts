/**
 * npm run sync [-- --date AAAA-MM-JJ] [--source DOSSIER] [--api URL] [--allow-drop] …
 *
 * Brings the catalogue up to the latest export of France Compétences on data.gouv.fr. The logic lives
 * in src/lib/sync/ (see run.ts); this file reads the command line and prints the report.
 * Exit status: 0 synchronised, or already up to date; 2 nothing written (a fault or the guard; the
 * message says which and what to do).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runWithBoundedHeap } from './lib/cli/streaming-command.ts';

const USAGE = `Usage : npm run sync [-- options]

Met le catalogue à jour de l’export quotidien de France Compétences (jeu de données
5eebbc067a14b6fecc9c9976 de data.gouv.fr) : télécharge les deux archives du jour (RNCP et RS),
les importe, marque les fiches sorties de l’export, écrit le journal du jour
(content/journal/AAAA-MM-JJ.json) et l’enregistrement content/synchronisation.json.

Options :
  --date AAAA-MM-JJ      synchroniser l’export de ce jour (défaut : le plus récent)
  --source DOSSIER       prendre les archives dans ce dossier au lieu de data.gouv.fr
  --api URL              adresse de l’API de data.gouv.fr (défaut : https://www.data.gouv.fr/api)
  --cache DOSSIER        où garder les archives téléchargées (défaut : .cache/sync)
  --allow-drop           accepter qu’il manque plus de 5 % des fiches importées jusqu’ici
  --allow-version V      accepter un export dont VERSION_FLUX vaut V (attendu : 4.1)
  --allow-mixed-days     accepter des exports RNCP et RS de jours différents
  --allow-older          accepter un export plus ancien que le dernier synchronisé
  --jobs N               fils de conversion de l’import (défaut : nombre de cœurs, 4 au plus)
  --summary FICHIER      écrire le résumé en Markdown (corps de la pull request quotidienne)
  --report FICHIER       écrire le rapport complet en JSON
  --quiet                n’afficher que les erreurs
  -h, --help             cette aide`;

async function main(): Promise<number> {
  const { runSync } = await import('../src/lib/sync/run.ts');
  const { SyncError } = await import('../src/lib/sync/errors.ts');
  const { formatProgress, formatSyncReport, pullRequestBody } =
    await import('../src/lib/sync/report.ts');
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        date: { type: 'string' },
        source: { type: 'string' },
        api: { type: 'string' },
        cache: { type: 'string' },
        'allow-drop': { type: 'boolean', default: false },
        'allow-version': { type: 'string' },
        'allow-mixed-days': { type: 'boolean', default: false },
        'allow-older': { type: 'boolean', default: false },
        jobs: { type: 'string' },
        summary: { type: 'string' },
        report: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 0 || jobs > 64)) {
    console.error('--jobs : un nombre entier de 0 à 64 est attendu');
    return 2;
  }
  const tty = process.stderr.isTTY && !values.quiet;
  const say = (line: string) => {
    if (!values.quiet) console.error(line);
  };
  try {
    const report = await runSync({
      ...(values.date !== undefined ? { date: values.date } : {}),
      ...(values.source !== undefined ? { source: values.source } : {}),
      ...(values.api !== undefined ? { api: values.api } : {}),
      ...(values.cache !== undefined ? { cache: values.cache } : {}),
      ...(values['allow-version'] !== undefined ? { allowVersion: values['allow-version'] } : {}),
      allowDrop: values['allow-drop'],
      allowMixedDays: values['allow-mixed-days'],
      allowOlder: values['allow-older'],
      ...(jobs !== undefined ? { jobs } : {}),
      onStep: (message) => say(message),
      onProgress: (progress) => {
        // A line rewritten in place on a terminal; the finished transfer alone in a log.
        if (tty) process.stderr.write(`\r\x1b[K${formatProgress(progress)}`);
        if (progress.termine) {
          if (tty) process.stderr.write('\n');
          else say(formatProgress(progress));
        }
      },
    });
    if (values.summary !== undefined) writeFileSync(values.summary, pullRequestBody(report));
    if (values.report !== undefined)
      writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
    if (!values.quiet) console.log(formatSyncReport(report));
    return 0;
  } catch (error) {
    if (tty) process.stderr.write('\r\x1b[K');
    if (error instanceof SyncError) {
      console.error(`Synchronisation arrêtée : ${error.message}`);
      return 2;
    }
    throw error;
  }
}

// A bounded heap and a clean exit on Ctrl-C (scripts/lib/cli/streaming-command.ts).
runWithBoundedHeap(import.meta.url, ['--max-old-space-size=256', '--max-semi-space-size=4']);

process.exitCode = await main();
