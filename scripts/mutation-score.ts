/**
 * npm run mutation:score -- DOSSIER RAPPORT.json [RAPPORT.json…]
 *
 * Prints the mutation score of each file under DOSSIER and of the folder, from Stryker's JSON reports
 * (reports/mutation/<nom>.json); a later report's results replace an earlier one's for the files it
 * holds (a file rerun with `-- --force`). See docs/tests.md.
 */
import { mergeReports, readReport, scores } from './lib/mutation/score.ts';

const [folder, ...files] = process.argv.slice(2);
if (folder === undefined || files.length === 0) {
  console.error('Usage : npm run mutation:score -- DOSSIER RAPPORT.json [RAPPORT.json…]');
  process.exit(2);
}
const rows = scores(mergeReports(files.map(readReport)), folder.replace(/\/$/, ''));
const twoDecimals = new Intl.NumberFormat('fr-FR', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const percent = (x: number | undefined) => (x === undefined ? '—' : `${twoDecimals.format(x)} %`);
console.log('| fichier | tuées | en boucle | survivantes | sans test | non jugées | score |');
console.log('|---|--:|--:|--:|--:|--:|--:|');
for (const r of rows) {
  const name = r === rows[rows.length - 1] ? `**${r.file}**` : r.file;
  console.log(
    `| ${name} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.invalid} | ${percent(r.score)} |`,
  );
}
