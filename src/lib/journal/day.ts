/**
 * A day of the journal as a file: `content/journal/AAAA-MM-JJ.json`, one fiche per line so that a pull
 * request shows each fiche's changes on its own line, the fiches in number order. A second
 * synchronisation of the same day adds its changes to the day's file.
 */
import { splitNumeroFiche } from '../../schema/codes.ts';
import type { EntreeJournal, JournalJour } from '../../schema/journal.ts';

/** `2026-08-17.json`: the file name of a day. */
export function journalFileName(date: string): string {
  return `${date}.json`;
}

export function compareNumeros(a: string, b: string): number {
  const x = splitNumeroFiche(a);
  const y = splitNumeroFiche(b);
  return x.repertoire.localeCompare(y.repertoire) || x.numero - y.numero;
}

/** The text of a day's file. */
export function serializeJour(jour: JournalJour): string {
  const fiches = [...jour.fiches].sort((a, b) => compareNumeros(a.numero, b.numero));
  const lines = fiches.map((f) => `    ${JSON.stringify(f)}`).join(',\n');
  return `{\n  "date": ${JSON.stringify(jour.date)},\n  "fiches": [${fiches.length > 0 ? `\n${lines}\n  ` : ''}]\n}\n`;
}

const union = (a: readonly string[] | undefined, b: readonly string[] | undefined) => {
  const all = [...new Set([...(a ?? []), ...(b ?? [])])];
  return all.length > 0 ? all : undefined;
};

/** Adds `entries` to the day `existing` (or starts the day): a fiche already there gets the new changes. */
export function mergeJour(
  date: string,
  existing: JournalJour | undefined,
  entries: readonly EntreeJournal[],
): JournalJour {
  const byNumero = new Map((existing?.fiches ?? []).map((f) => [f.numero, f]));
  for (const entry of entries) {
    const old = byNumero.get(entry.numero);
    if (!old) {
      byNumero.set(entry.numero, entry);
      continue;
    }
    const seen = new Set(old.changements.map((c) => JSON.stringify(c)));
    const merged: EntreeJournal = {
      ...entry,
      changements: [
        ...old.changements,
        ...entry.changements.filter((c) => !seen.has(JSON.stringify(c))),
      ],
    };
    for (const key of ['rome', 'nsf', 'certificateurs'] as const) {
      const codes = union(old[key], entry[key]);
      if (codes) merged[key] = codes;
    }
    byNumero.set(entry.numero, merged);
  }
  return { date, fiches: [...byNumero.values()] };
}
