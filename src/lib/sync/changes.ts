/**
 * What a synchronisation changes in the catalogue besides the importer's own writes, and the journal
 * of the day, computed from the fiche files before and after (never from the XML):
 * - each fiche the import rewrites: its changes (src/lib/journal/diff.ts), or « nouvelle »;
 * - each fiche imported before that the export no longer holds: marked absent, never deleted;
 * - each fiche marked absent that is back: the mark removed (by the import when it rewrites the fiche,
 *   here when the fiche was edited by hand and the import leaves it alone).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Fiche } from '../../schema/fiche.ts';
import type { Changement, EntreeJournal } from '../../schema/journal.ts';
import type { StagedFiche } from '../import/run.ts';
import { sha256 } from '../import/render.ts';
import { parseFicheText } from '../fiche-file.ts';
import { diffFiche, journalEntry, type FicheVersion } from '../journal/diff.ts';
import { markAbsent, unmarkAbsent } from './absence.ts';
import type { FicheDuCatalogue } from './scan.ts';

type Version = FicheVersion & Pick<Fiche, 'absent_export_depuis'>;

function readVersion(file: string): Version {
  return parseFicheText(readFileSync(file, 'utf8'), file).data as Version;
}

/** A fiche file the sync itself rewrites (mark or unmark), checked again just before its rename. */
export interface Rewrite {
  fichier: string;
  text: string;
  /** SHA-256 of the file when it was read. */
  previous: string;
}

export interface Changes {
  entrees: EntreeJournal[];
  rewrites: Rewrite[];
  absentes: string[];
  retours: string[];
}

export interface ChangesInput {
  fichesDir: string;
  date: string;
  catalogue: ReadonlyMap<string, FicheDuCatalogue>;
  /** What the imports staged (new or changed fiches). */
  staged: readonly StagedFiche[];
  /** Every number the exports hold. */
  seen: ReadonlySet<string>;
  /** No fiche of the catalogue came from the export before: the first import is not news. */
  initial: boolean;
}

export function computeChanges(input: ChangesInput): Changes {
  const { fichesDir, date, catalogue, seen } = input;
  const entrees: EntreeJournal[] = [];
  const rewrites: Rewrite[] = [];
  const absentes: string[] = [];
  const retours: string[] = [];
  const stagedNumeros = new Set(input.staged.map((s) => s.numero));

  for (const s of input.staged) {
    if (input.initial) break;
    const after = readVersion(s.staged);
    const before =
      s.decision === 'nouvelle' ? undefined : readVersion(path.join(fichesDir, s.fichier));
    const changements: Changement[] = before ? diffFiche(before, after) : [{ type: 'nouvelle' }];
    if (before?.absent_export_depuis !== undefined) {
      changements.unshift({ type: 'retour_export' });
      retours.push(s.numero);
    }
    if (changements.length > 0) entrees.push(journalEntry(after, changements, before));
  }

  for (const fiche of catalogue.values()) {
    if (!fiche.importee) continue;
    const gone = !seen.has(fiche.numero);
    const back = !gone && fiche.absenteDepuis !== undefined && !stagedNumeros.has(fiche.numero);
    if (!(gone && fiche.absenteDepuis === undefined) && !back) continue;
    const file = path.join(fichesDir, fiche.fichier);
    const text = readFileSync(file, 'utf8');
    const version = parseFicheText(text, file).data as Version;
    rewrites.push({
      fichier: fiche.fichier,
      text: gone ? markAbsent(text, date) : unmarkAbsent(text),
      previous: sha256(text),
    });
    (gone ? absentes : retours).push(fiche.numero);
    entrees.push(journalEntry(version, [{ type: gone ? 'absente_export' : 'retour_export' }]));
  }
  return { entrees, rewrites, absentes, retours };
}
