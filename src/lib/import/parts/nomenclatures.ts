/**
 * The codes a fiche cites: NSF, Formacodes, ROME and IDCC codes with their label, the conventions
 * collectives (CCN_1…), and the correspondances of its blocs with other fiches. A code the site's
 * reference tables do not know is left out with a warning, as the validator would reject it.
 */
import { BLOC_CODE, FORMACODE, IDCC, NSF, ROME } from '../../../schema/codes.ts';
import { F, type FicheReader } from '../reader.ts';
import { child, children, type XNode } from '../tree.ts';

export interface KnownCodes {
  /** ROME and NSF codes the validator knows (content/referentiels); others are left out with a warning. */
  knownRome?: (code: string) => boolean;
  knownNsf?: (code: string) => boolean;
}

/** `CONTAINER/ITEM/CODE` + `LIBELLE` pairs, each code checked by its pattern (and the table, if any). */
function codeLibelle(
  fiche: XNode,
  r: FicheReader,
  container: string,
  item: string,
  pattern: RegExp,
  known?: (c: string) => boolean,
) {
  const path = `${F}/${container}/${item}`;
  return children(child(fiche, container), item).flatMap((n) => {
    const c = r.code(r.value(n, 'CODE'), pattern, `${path}/CODE`);
    const libelle = r.value(n, 'LIBELLE', 'INTITULE');
    if (c === undefined) {
      if (libelle !== undefined)
        r.warn(`${path}/LIBELLE`, 'libellé sans code valable, laissé de côté', libelle);
      return [];
    }
    if (known && !known(c)) {
      r.warn(
        `${path}/CODE`,
        'code inconnu des référentiels du site (content/referentiels, que le validateur consulte) : laissé de côté ; mettez les référentiels à jour (npm run referentiels) puis réimportez',
        libelle === undefined ? c : `${c} ${libelle}`,
      );
      return [];
    }
    return [{ code: c, libelle }];
  });
}

/** The NSF, Formacode, ROME and IDCC codes, read in that order. */
export function codes(fiche: XNode, r: FicheReader, options: KnownCodes) {
  return {
    nsf: codeLibelle(fiche, r, 'CODES_NSF', 'NSF', NSF, options.knownNsf),
    formacodes: codeLibelle(fiche, r, 'FORMACODES', 'FORMACODE', FORMACODE),
    rome: codeLibelle(fiche, r, 'CODES_ROME', 'ROME', ROME, options.knownRome),
    idcc: codeLibelle(fiche, r, 'CODES_IDCC', 'IDCC', IDCC),
  };
}

/** CCN_1, CCN_2… directly under FICHE, in their number's order. */
export function ccn(fiche: XNode, r: FicheReader) {
  return fiche.children
    .filter((c) => /^CCN_\d+$/.test(c.name))
    .sort((a, b) => Number(a.name.slice(4)) - Number(b.name.slice(4)))
    .flatMap((c) => {
      c.used = true;
      const numero = r.value(c, 'NUMERO');
      const libelle = r.value(c, 'LIBELLE', 'INTITULE');
      if (numero === undefined) {
        if (libelle !== undefined)
          r.warn(`${F}/${c.name}/LIBELLE`, 'convention sans NUMERO, laissée de côté', libelle);
        return [];
      }
      return [{ numero, libelle }];
    });
}

export function correspondances(fiche: XNode, r: FicheReader) {
  const path = `${F}/CORRESPONDANCES/CORRESPONDANCE`;
  const blocCodes = (parent: XNode | undefined, where: string) =>
    children(parent, 'BLOC_COMPETENCES').flatMap((b) => {
      const v = r.code(r.value(b, 'CODE'), BLOC_CODE, `${path}/${where}/BLOC_COMPETENCES/CODE`);
      return v === undefined ? [] : [v];
    });
  return children(child(fiche, 'CORRESPONDANCES'), 'CORRESPONDANCE').flatMap((c) => {
    const source = child(c, 'SOURCE');
    const destination = child(c, 'DESTINATION');
    const fiche_destination = r.numeroFiche(
      r.value(destination, 'NUMERO_FICHE'),
      `${path}/DESTINATION/NUMERO_FICHE`,
    );
    const item = {
      blocs_source: blocCodes(source, 'SOURCE'),
      fiche_destination,
      blocs_destination: blocCodes(destination, 'DESTINATION'),
    };
    if (fiche_destination === undefined) {
      r.warn(
        `${path}/DESTINATION/NUMERO_FICHE`,
        'correspondance sans fiche de destination, laissée de côté',
      );
      return [];
    }
    return [item];
  });
}
