/**
 * The guard: an export that would empty or scramble the catalogue is refused before anything is
 * written, unless the operator says, with an explicit option, that it is expected.
 */
import type { Repertoire } from './datagouv.ts';
import { SyncError } from './errors.ts';
import { formatFigure } from '../wording.ts';

export const VERSION_FLUX_ATTENDUE = '4.1';
/** Share of the fiches imported so far that may leave the export in one day. */
export const PART_MANQUANTE_MAX = 0.05;

export interface GuardOptions {
  /** --allow-drop: more than 5 % of the fiches may be missing. */
  allowDrop?: boolean;
  /** --allow-version X: VERSION_FLUX X is accepted. */
  allowVersion?: string;
  /** --allow-mixed-days: RNCP and RS of different days are accepted. */
  allowMixedDays?: boolean;
  /** --allow-older: an export older than the last one synchronised is accepted. */
  allowOlder?: boolean;
}

export interface GuardInput {
  versions: Record<Repertoire, string | undefined>;
  /** Day of each export, from its zip's name and the XML's name inside (they must agree). */
  dates: Record<Repertoire, string[]>;
  /** Fiches imported from the export before and not yet marked absent. */
  suivies: number;
  /** Those of them the export no longer holds. */
  manquantes: readonly string[];
}

const percent = (x: number) => `${formatFigure(x * 100)} %`;
const NOTHING = 'Rien n’a été écrit.';

export function checkGuard(input: GuardInput, options: GuardOptions): void {
  for (const repertoire of ['RNCP', 'RS'] as const) {
    const version = input.versions[repertoire];
    const accepted = options.allowVersion ?? VERSION_FLUX_ATTENDUE;
    if (version !== accepted) {
      throw new SyncError(
        'garde',
        `Export ${repertoire} refusé : VERSION_FLUX ${version === undefined ? 'absente' : `« ${version} »`} au lieu de « ${accepted} ». Le format a pu changer : vérifiez l’import sur cet export (npm run import) avant de synchroniser. ${NOTHING}` +
          (version !== undefined ? ` Pour l’accepter : --allow-version ${version}.` : ''),
      );
    }
  }
  const days = new Set([...input.dates.RNCP, ...input.dates.RS]);
  if (days.size > 1 && !options.allowMixedDays) {
    throw new SyncError(
      'garde',
      `Exports refusés : RNCP du ${[...new Set(input.dates.RNCP)].join(' et du ')} et RS du ${[...new Set(input.dates.RS)].join(' et du ')}, jours différents. ${NOTHING} Pour les accepter : --allow-mixed-days.`,
    );
  }
  const missing = input.manquantes.length;
  if (input.suivies > 0 && missing / input.suivies > PART_MANQUANTE_MAX && !options.allowDrop) {
    const examples = input.manquantes.slice(0, 10).join(', ');
    throw new SyncError(
      'garde',
      `Export refusé : ${missing} des ${input.suivies} fiches importées jusqu’ici (${percent(missing / input.suivies)}) n’y figurent plus, plus de ${percent(PART_MANQUANTE_MAX)}. Un export tronqué le ferait. Exemples : ${examples}${missing > 10 ? '…' : ''}. ${NOTHING} Si ces fiches ont vraiment quitté l’export, relancez avec --allow-drop : elles seront gardées et marquées absentes.`,
    );
  }
}

/**
 * An export older than the one the catalogue was last synchronised with would take the catalogue
 * back in time (fiches, their absence marks) and write a journal dated before the last one: refused
 * before anything is downloaded. The same day again is not older (a republished export).
 */
export function checkExportDay(day: string, last: string | undefined, options: GuardOptions): void {
  if (last === undefined || day >= last || options.allowOlder) return;
  throw new SyncError(
    'garde',
    `Export du ${day} refusé : le catalogue a déjà été synchronisé avec l’export du ${last}, plus récent ; il reviendrait en arrière. Rien n’a été téléchargé ni écrit. Pour le synchroniser quand même : --allow-older.`,
  );
}
