/**
 * The bloc correspondences of the export (CORRESPONDANCES), as the fiche page shows them: « le bloc
 * … de cette fiche correspond au bloc … de RNCP … », each other fiche linked here when it is in the
 * catalogue and to France Compétences when it is not.
 */
import { splitNumeroFiche } from '../schema/codes.ts';
import type { Fiche } from '../schema/fiche.ts';
import type { FicheLookup } from './charts/lignee.ts';
import { lienFiche, type LienFiche } from './fiche.ts';

export interface BlocRef {
  code: string;
  /** The bloc's title, when this fiche has the bloc. */
  libelle?: string;
}

export interface CorrespondanceRow {
  /** Blocs of this fiche; empty when the correspondence is of the whole fiche. */
  blocsSource: BlocRef[];
  /** Blocs of the other fiche; empty when it is of the whole other fiche. */
  blocsDestination: BlocRef[];
  fiche: LienFiche;
}

/**
 * The correspondences of a fiche, grouped by the other fiche (by number) in the export's order.
 * The other fiche's title comes from the catalogue, else from this fiche's lignée.
 */
export function correspondanceRows(
  fiche: Pick<Fiche, 'blocs' | 'correspondances' | 'lignee'>,
  lookup: FicheLookup,
): CorrespondanceRow[] {
  const libelles = new Map((fiche.blocs ?? []).map((b) => [b.code, b.libelle]));
  const liens = [
    ...(fiche.lignee?.precedentes ?? []),
    ...(fiche.lignee?.suivantes ?? []),
    ...(fiche.lignee?.ulterieures ?? []),
  ];
  const ref = (code: string): BlocRef => {
    const libelle = libelles.get(code);
    return libelle ? { code, libelle } : { code };
  };
  const rows = (fiche.correspondances ?? []).map((c): CorrespondanceRow => {
    const numero = c.fiche_destination;
    const facts = lookup(numero);
    const intitule = facts?.intitule ?? liens.find((l) => l.numero === numero)?.intitule;
    return {
      blocsSource: c.blocs_source.map(ref),
      blocsDestination: (c.blocs_destination ?? []).map((code) => ({ code })),
      fiche: lienFiche(numero, facts !== undefined, intitule),
    };
  });
  const order = (numero: string) => {
    const { repertoire, numero: n } = splitNumeroFiche(numero);
    return `${repertoire}${String(n).padStart(7, '0')}`;
  };
  // Array.prototype.sort is stable: within one other fiche, the export's order is kept.
  return rows.sort((a, b) => order(a.fiche.numero).localeCompare(order(b.fiche.numero)));
}
