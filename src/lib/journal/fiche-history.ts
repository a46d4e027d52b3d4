/**
 * What a fiche's page shows of the synchronisation: whether the fiche has left France Compétences'
 * export, and its « Historique des modifications » from the journal. Pure; the fiche page calls them.
 */
import type { Fiche } from '../../schema/fiche.ts';
import type { Changement, JournalJour } from '../../schema/journal.ts';
import { formatDate } from '../wording.ts';
import { describeChangement } from './describe.ts';

export interface AbsenceExport {
  /** `AAAA-MM-JJ`. */
  depuis: string;
  message: string;
}

/** The notice of a fiche that is no longer in the export, or undefined when it is (or never came from it). */
export function absenceExport(
  fiche: Pick<Fiche, 'absent_export_depuis'>,
): AbsenceExport | undefined {
  const depuis = fiche.absent_export_depuis;
  if (depuis === undefined) return undefined;
  return {
    depuis,
    message: `Cette fiche ne figure plus dans l’export de France Compétences depuis le ${formatDate(depuis)}. Elle est conservée ici telle qu’elle était ; vérifiez son état sur le site de France Compétences.`,
  };
}

export interface EntreeHistorique {
  date: string;
  /** `17 août 2026`. */
  dateLisible: string;
  changements: Changement[];
  /** One sentence per change. */
  textes: string[];
}

/** Every fiche's changes from the journal, by number, the newest day first: one pass over the journal. */
export function historiquesParFiche(
  jours: readonly JournalJour[],
): Map<string, EntreeHistorique[]> {
  const index = new Map<string, EntreeHistorique[]>();
  const newestFirst = [...jours].sort((a, b) => b.date.localeCompare(a.date));
  for (const jour of newestFirst) {
    for (const f of jour.fiches) {
      const entree: EntreeHistorique = {
        date: jour.date,
        dateLisible: formatDate(jour.date),
        changements: f.changements,
        textes: f.changements.map(describeChangement),
      };
      const list = index.get(f.numero);
      if (list) list.push(entree);
      else index.set(f.numero, [entree]);
    }
  }
  return index;
}

/** The fiche's changes from the journal, the newest day first. */
export function historiqueFiche(jours: readonly JournalJour[], numero: string): EntreeHistorique[] {
  return historiquesParFiche(jours).get(numero) ?? [];
}
