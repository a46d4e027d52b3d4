/**
 * What the search index knows of a fiche besides its text: the filters it belongs to, the codes it
 * is about (weighted above a mere mention, see ./pagefind.ts) and a sort key. Rendered as hidden
 * Pagefind attributes by src/components/search/SearchMetadata.astro.
 */
import { splitNumeroFiche } from '../../schema/codes.ts';
import type { FicheFacts } from '../../schema/summary.ts';
import { displayNumero } from '../fiche.ts';
import { niveauKey } from '../niveau.ts';
import type { ScopeName } from './scopes.ts';
import { BLOCS_POSSIBLE, romeFilterKey, STATUT, VOIES, type FacetKey } from './state.ts';

export interface SearchRecord {
  /** Shown in a result: `RNCP 6133`. */
  numero: string;
  /** The codes the fiche is about: its own number, its ROME and NSF codes. */
  codes: string[];
  /** Filter values, one list per filter. */
  filters: Record<FacetKey, string[]>;
  /**
   * The same values under the index's filter names: the ROME codes in one filter per letter
   * (`rome-k`, see ./state.ts romeFilterKey), the others as they are.
   */
  indexFilters: [name: string, value: string][];
  /** Listing order without words: active first, then répertoire and number. */
  ordre: string;
  /** The bundle family the fiche is indexed in (./scopes.ts). */
  scope: ScopeName;
}

/**
 * `certificateurs`: the names of its certificateurs' pages (one per SIRET whatever the spelling,
 * src/lib/certificateurs.ts), so that a filter value gathers every spelling; the fiche's own
 * spellings when not given.
 */
export function searchRecord(
  fiche: FicheFacts,
  certificateurs: readonly string[] = fiche.certificateurs.map((c) => c.nom),
): SearchRecord {
  const { repertoire, numero } = splitNumeroFiche(fiche.numero_fiche);
  const rome = unique((fiche.rome ?? []).map((r) => r.code));
  const nsf = unique((fiche.nsf ?? []).map((n) => n.code));
  // Only what the fiche says is open: a route it says nothing about (null) is not offered.
  const voie = VOIES.filter((v) => fiche.voies_acces?.[v].ouverte === true);
  const territoire = [
    ...(fiche.accessible_nouvelle_caledonie === true ? ['nouvelle-caledonie'] : []),
    ...(fiche.accessible_polynesie_francaise === true ? ['polynesie-francaise'] : []),
  ];
  const filters: Record<FacetKey, string[]> = {
    statut: [fiche.statut.actif ? STATUT.actif : STATUT.inactif],
    niveau: [niveauKey(fiche)],
    voie,
    blocs: fiche.validation_partielle === true ? [BLOCS_POSSIBLE] : [],
    territoire,
    repertoire: [repertoire],
    rome,
    nsf,
    certificateur: unique([...certificateurs]),
  };
  return {
    numero: displayNumero(fiche.numero_fiche),
    codes: unique([fiche.numero_fiche, ...rome, ...nsf]),
    filters,
    indexFilters: Object.entries(filters).flatMap(([key, values]) =>
      values.map((value): [string, string] => [key === 'rome' ? romeFilterKey(value) : key, value]),
    ),
    ordre: `${fiche.statut.actif ? 0 : 1}-${repertoire}-${String(numero).padStart(6, '0')}`,
    scope: fiche.statut.actif ? 'actives' : 'inactives',
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
