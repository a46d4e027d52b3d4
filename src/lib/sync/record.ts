/** The committed record of the last synchronisation (src/schema/synchronisation.ts): read, built, written. */
import { existsSync, readFileSync } from 'node:fs';
import { NUMERO_FICHE } from '../../schema/codes.ts';
import type { ImportReport } from '../import/report.ts';
import {
  synchronisationSchema,
  type RessourceSynchronisee,
  type Synchronisation,
} from '../../schema/synchronisation.ts';
import type { Repertoire } from './datagouv.ts';
import { SyncError } from './errors.ts';

/** The record in place, or undefined when there is none yet. */
export function readRecord(file: string): Synchronisation | undefined {
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SyncError('usage', `${file} : JSON illisible (${(error as Error).message}).`);
  }
  const parsed = synchronisationSchema.safeParse(data);
  if (!parsed.success) {
    throw new SyncError(
      'usage',
      `${file} : enregistrement de synchronisation invalide (${parsed.error.issues[0]?.path.join('.')} : ${parsed.error.issues[0]?.message}). Corrigez-le ou supprimez-le.`,
    );
  }
  return parsed.data;
}

/** True when `record` is of these very zips: the catalogue is already up to date with them. */
export function sameExport(
  record: Synchronisation | undefined,
  zips: readonly Pick<RessourceSynchronisee, 'repertoire' | 'fichier' | 'sha256'>[],
): boolean {
  if (!record || record.ressources.length !== zips.length) return false;
  return zips.every((zip) =>
    record.ressources.some(
      (r) =>
        r.repertoire === zip.repertoire && r.fichier === zip.fichier && r.sha256 === zip.sha256,
    ),
  );
}

export interface RecordInput {
  date: string;
  now: Date;
  ressources: RessourceSynchronisee[];
  imports: Record<Repertoire, ImportReport>;
  absentes: readonly string[];
  retours: number;
}

const byNumero = (a: string, b: string) => a.localeCompare(b, 'fr', { numeric: true });

export function buildRecord(input: RecordInput): Synchronisation {
  const reports = [input.imports.RNCP, input.imports.RS];
  const sum = (key: keyof ImportReport['totaux']) =>
    reports.reduce((total, r) => total + r.totaux[key], 0);
  return {
    date_export: input.date,
    synchronise_le: input.now.toISOString(),
    ressources: input.ressources,
    totaux: {
      lues: sum('lues'),
      ecrites: sum('ecrites'),
      nouvelles: sum('nouvelles'),
      mises_a_jour: sum('mises_a_jour'),
      inchangees: sum('inchangees'),
      modifiees_a_la_main: sum('modifiees_a_la_main'),
      refusees: sum('echecs'),
      absentes: input.absentes.length,
      retours: input.retours,
    },
    a_reconcilier: reports
      .flatMap((r) => r.modifiees_a_la_main.filter((m) => m.source_modifiee).map((m) => m.numero))
      .sort(byNumero),
    refusees: reports
      .flatMap((r) =>
        r.echecs.flatMap((e) => (e.numero && NUMERO_FICHE.test(e.numero) ? [e.numero] : [])),
      )
      .sort(byNumero),
    absentes: [...input.absentes].sort(byNumero),
  };
}

export function serializeRecord(record: Synchronisation): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
