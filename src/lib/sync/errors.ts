/**
 * Every way a synchronisation can stop, each with a French message for the operator. Whatever the
 * fault, nothing of the catalogue has been written when one is thrown (src/lib/sync/run.ts).
 */
export type SyncFault =
  | 'usage'
  | 'reseau'
  | 'http'
  | 'ressource_manquante'
  | 'telechargement'
  | 'archive'
  | 'disque_plein'
  | 'export_illisible'
  | 'garde';

export class SyncError extends Error {
  override name = 'SyncError';
  readonly fault: SyncFault;
  constructor(fault: SyncFault, message: string) {
    super(message);
    this.fault = fault;
  }
}

/** A write that failed because the disk is full becomes the sync's own message; others pass through. */
export function diskFull(error: unknown, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new SyncError(
      'disque_plein',
      `Disque plein pendant ${what} : libérez de la place puis relancez la synchronisation.`,
    );
  }
  return error;
}
