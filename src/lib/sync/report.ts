/**
 * What `npm run sync` prints, and the body of the pull request the daily workflow opens
 * (.github/workflows/sync.yml): the export, what the import did, the journal of the day, and what an
 * editor has to look at (fiches edited by hand whose source changed, fiches the import refused).
 */
import path from 'node:path';
import { describeChangement } from '../journal/describe.ts';
import { displayNumero } from '../fiche.ts';
import { formatNumber } from '../wording.ts';
import type { Repertoire } from './datagouv.ts';
import type { Progress } from './download.ts';
import type { SyncReport, ZipReport } from './run.ts';

const number = (n: number, digits = 0) => formatNumber(n, digits);

export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} o`;
  if (bytes < 1e6) return `${number(bytes / 1e3, 1)} Ko`;
  if (bytes < 1e9) return `${number(bytes / 1e6, 1)} Mo`;
  return `${number(bytes / 1e9, 2)} Go`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${number(seconds, seconds < 10 ? 1 : 0)} s`;
  return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

/** The progress line of a download: bytes, speed, time left. */
export function formatProgress(p: Progress): string {
  const total = p.total !== undefined ? ` / ${formatBytes(p.total)}` : '';
  const percent = p.total ? ` (${Math.floor((p.recus / p.total) * 100)} %)` : '';
  const left = p.resteSecondes !== undefined ? ` · reste ${duration(p.resteSecondes)}` : '';
  return `${p.fichier} : ${formatBytes(p.recus)}${total}${percent} · ${formatBytes(p.octetsParSeconde)}/s${left}`;
}

/** `1 nouvelle`, `2 nouvelles` (a word with its count, accorded). */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;

const relative = (file: string) => path.relative(process.cwd(), file) || file;
const numeros = (list: readonly string[], max = 30) =>
  list.length === 0
    ? ''
    : ` : ${list.slice(0, max).join(', ')}${list.length > max ? ` … et ${list.length - max} autres` : ''}`;

function zipLine(z: ZipReport): string {
  const how = z.telechargement?.telecharge
    ? `téléchargé en ${duration(z.telechargement.secondes)}${z.telechargement.reprises > 0 ? `, repris ${z.telechargement.reprises} fois` : ''}`
    : z.ressource
      ? 'déjà dans le cache'
      : 'pris dans le dossier';
  return `  ${z.repertoire} : ${z.fichier}${z.ressource ? ` (ressource ${z.ressource})` : ''}, ${formatBytes(z.octets)}, ${how} · ${z.entree}, flux V${z.version_flux}${z.ignorees.length > 0 ? ` · laissés de côté dans l’archive : ${z.ignorees.join(', ')}` : ''}`;
}

/** The summary printed at the end of a synchronisation. */
export function formatSyncReport(r: SyncReport): string {
  if (r.statut === 'a_jour') {
    return `Le catalogue est déjà à jour de l’export du ${r.date_export} (${relative(r.fichiers.record)}) : rien n’a été téléchargé ni écrit.`;
  }
  const t = r.record!.totaux;
  const out = [`Synchronisation avec l’export de France Compétences du ${r.date_export}`];
  out.push(...r.zips.map(zipLine));
  out.push(
    `  Fiches : ${count(t.lues, 'lue')}, ${count(t.ecrites, 'écrite')} (${count(t.nouvelles, 'nouvelle')}, ${count(t.mises_a_jour, 'mise à jour', 'mises à jour')}), ${count(t.inchangees, 'inchangée')}, ${count(t.modifiees_a_la_main, 'modifiée à la main et laissée', 'modifiées à la main et laissées')}, ${count(t.refusees, 'refusée')}`,
  );
  out.push(
    `  Absentes de l’export, gardées et marquées (${r.absentes.length})${numeros(r.absentes)}`,
  );
  out.push(`  De retour dans l’export (${r.retours.length})${numeros(r.retours)}`);
  if (r.initial) {
    out.push(
      '  Premier import depuis l’export : le journal commence à la prochaine synchronisation.',
    );
  } else if (r.journal) {
    out.push(`  Journal : ${relative(r.journal)}, ${count(r.entrees.length, 'fiche')} :`);
    for (const e of r.entrees.slice(0, 50))
      out.push(
        `    - ${displayNumero(e.numero)} : ${e.changements.map(describeChangement).join(' ; ')}`,
      );
    if (r.entrees.length > 50) out.push(`    … et ${r.entrees.length - 50} autres`);
  } else {
    out.push('  Journal : aucun changement à noter.');
  }
  out.push(
    `  Modifiées à la main dont la source a changé, à reconcilier (${r.record!.a_reconcilier.length})${numeros(r.record!.a_reconcilier)}`,
  );
  const refusals = (['RNCP', 'RS'] as Repertoire[]).flatMap((rep) => r.imports?.[rep].echecs ?? []);
  out.push(`  Refusées par l’import, laissées telles quelles (${refusals.length})`);
  for (const e of refusals.slice(0, 20))
    out.push(`    - ${e.numero ?? '(sans numéro)'} : ${e.raisons.join(' ; ')}`);
  out.push(
    `Enregistré dans ${relative(r.fichiers.record)} (${duration(r.mesures.secondes)}, mémoire maximale ${number(r.mesures.memoire_max_mo)} Mo).`,
  );
  return out.join('\n');
}

/** Text from the fiches, shown as itself in GitHub's Markdown (no link, no mention, no emphasis). */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/@/g, '@\u200b');
}

const fileOf = (numero: string) => {
  const m = /^(RNCP|RS)(\d+)$/.exec(numero)!;
  return `content/fiches/${m[1]!.toLowerCase()}/${m[2]}.md`;
};

/** The pull request's body (Markdown). */
export function pullRequestBody(r: SyncReport, maxLines = 300): string {
  if (r.statut === 'a_jour')
    return `Le catalogue est déjà à jour de l’export du ${r.date_export}.\n`;
  const record = r.record!;
  const t = record.totaux;
  const out = [
    `Synchronisation avec l’export de France Compétences du **${r.date_export}** (\`npm run sync\`).`,
    '',
    '| export | fichier | SHA-256 |',
    '| --- | --- | --- |',
    ...record.ressources.map(
      (z) => `| ${z.repertoire} | \`${z.fichier}\` | \`${z.sha256.slice(0, 16)}…\` |`,
    ),
    '',
    `${t.lues} fiches lues : ${t.ecrites} écrites (${t.nouvelles} nouvelles, ${t.mises_a_jour} mises à jour), ${t.inchangees} inchangées, ${t.modifiees_a_la_main} modifiées à la main et laissées, ${t.refusees} refusées ; ${t.absentes} sorties de l’export, ${t.retours} revenues.`,
    '',
  ];
  if (record.a_reconcilier.length > 0) {
    out.push(
      '### Fiches modifiées à la main dont la source a changé',
      '',
      'Ces fiches ont été modifiées à la main depuis leur dernier import, et l’export de France Compétences les a changées depuis : la synchronisation les a laissées telles quelles. Comparez-les à leur page sur le site de France Compétences et reportez ce qui doit l’être.',
      '',
      ...record.a_reconcilier.map((n) => `- [ ] ${displayNumero(n)} : \`${fileOf(n)}\``),
      '',
    );
  }
  if (r.initial) {
    out.push(
      'Premier import depuis l’export : le journal commence à la prochaine synchronisation.',
    );
  } else if (r.entrees.length > 0) {
    out.push(`### Journal des changements (${r.entrees.length} fiches)`, '');
    for (const e of r.entrees.slice(0, maxLines))
      out.push(
        `- **${displayNumero(e.numero)}** ${md(e.intitule)} : ${md(e.changements.map(describeChangement).join(' ; '))}`,
      );
    if (r.entrees.length > maxLines)
      out.push(
        `- … et ${r.entrees.length - maxLines} autres (voir \`${path.basename(r.journal ?? '')}\`)`,
      );
  } else {
    out.push('Aucun changement à noter dans le journal.');
  }
  const refusals = (['RNCP', 'RS'] as Repertoire[]).flatMap((rep) => r.imports?.[rep].echecs ?? []);
  if (refusals.length > 0) {
    out.push('', '### Fiches refusées par l’import (gardées telles quelles)', '');
    for (const e of refusals.slice(0, maxLines))
      out.push(`- ${e.numero ?? '(sans numéro)'} : ${md(e.raisons.join(' ; '))}`);
  }
  return `${out.join('\n')}\n`;
}
