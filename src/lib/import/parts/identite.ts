/**
 * The parts of a fiche that say what it is: its number and title (without which it cannot be named),
 * its status, the dates of its registration and its level.
 */
import { NUMERO_FICHE } from '../../../schema/codes.ts';
import type { Fiche } from '../../../schema/fiche.ts';
import { SANS_NIVEAU_EXPORT } from '../../../schema/niveaux.ts';
import { F, FicheError, type FicheReader } from '../reader.ts';
import { child, type XNode } from '../tree.ts';

/** The export's date elements, by field of `dates`. */
export const DATE_ELEMENTS = {
  decision: 'DATE_DECISION',
  effet: 'DATE_EFFET',
  fin_enregistrement: 'DATE_FIN_ENREGISTREMENT',
  limite_delivrance: 'DATE_LIMITE_DELIVRANCE',
  publication: 'DATE_DE_PUBLICATION',
  dernier_jo: 'DATE_DERNIER_JO',
} as const satisfies Partial<Record<keyof NonNullable<Fiche['dates']>, string>>;

/**
 * The number (a fiche without a readable one throws: it cannot even be named), the export's id, the
 * title and the abbreviation.
 */
export function identite(fiche: XNode, r: FicheReader) {
  const numeroRaw = r.value(fiche, 'NUMERO_FICHE');
  if (numeroRaw === undefined)
    throw new FicheError(['NUMERO_FICHE absent : la fiche ne peut pas être nommée']);
  const numero = numeroRaw.replace(/\s+/g, '').toUpperCase();
  const match = NUMERO_FICHE.exec(numero);
  if (!match)
    throw new FicheError([
      `NUMERO_FICHE mal formé : « ${numeroRaw} » (attendu RNCP1234 ou RS1234)`,
    ]);
  const repertoire: 'rncp' | 'rs' = match[1] === 'RS' ? 'rs' : 'rncp';

  const idFiche = r.value(fiche, 'ID_FICHE');
  const idValide = idFiche !== undefined && /^\d+$/.test(idFiche);
  if (idFiche !== undefined && !idValide)
    r.warn(`${F}/ID_FICHE`, 'identifiant non numérique, laissé de côté', idFiche);

  const intitule = r.value(fiche, 'INTITULE');
  if (intitule === undefined) r.fail('INTITULE absent');

  const abregeNode = child(fiche, 'ABREGE');
  let abrege: { code: string; libelle: string | undefined } | undefined;
  if (abregeNode) {
    const code = r.value(abregeNode, 'CODE');
    const libelle = r.value(abregeNode, 'LIBELLE', 'INTITULE');
    if (code !== undefined) abrege = { code, libelle };
    else if (libelle !== undefined)
      r.warn(`${F}/ABREGE/LIBELLE`, 'abrégé sans CODE, laissé de côté', libelle);
  }
  return {
    numero,
    repertoire,
    /** The number without its prefix: the file name. */
    numeroSeul: match[2]!,
    id_fiche: idValide ? idFiche : undefined,
    intitule,
    abrege,
  };
}

/** Whether the certification can still be obtained (a fiche that does not say fails), and its state. */
export function statut(fiche: XNode, r: FicheReader) {
  const actif = r.ouiNon(r.value(fiche, 'ACTIF'), `${F}/ACTIF`);
  if (actif === undefined)
    r.fail('ACTIF absent ou illisible : la fiche doit dire si la certification est active');
  return { actif, etat: r.value(fiche, 'ETAT_FICHE') };
}

export function dates(fiche: XNode, r: FicheReader) {
  const out: Record<string, string | undefined> = {};
  for (const [key, element] of Object.entries(DATE_ELEMENTS)) {
    out[key] = r.date(r.value(fiche, element), `${F}/${element}`);
  }
  out['duree_enregistrement'] = r.value(fiche, 'DUREE_ENREGISTREMENT');
  out['type_enregistrement'] = r.value(fiche, 'TYPE_ENREGISTREMENT');
  return out;
}

/** NIV1 to NIV8 → `europe`; REPRISE, AUCUN → `sans_niveau`; an old I to V → `nomenclature_1969`. */
export function niveau(fiche: XNode, r: FicheReader) {
  const niveauNode = child(fiche, 'NOMENCLATURE_EUROPE');
  if (!niveauNode) return undefined;
  const raw = r.value(niveauNode, 'NIVEAU');
  const out: Record<string, unknown> = { libelle: r.value(niveauNode, 'LIBELLE', 'INTITULE') };
  if (raw !== undefined) {
    const upper = raw.toUpperCase().replace(/\s+/g, '');
    const europe = /^(?:NIV(?:EAU)?)?([1-8])$/.exec(upper);
    if (europe) out['europe'] = Number(europe[1]);
    else if ((SANS_NIVEAU_EXPORT as readonly string[]).includes(upper)) out['sans_niveau'] = upper;
    else if (/^(?:NIV(?:EAU)?)?(I|II|III|IV|V)$/.test(upper))
      out['nomenclature_1969'] = upper.replace(/^NIV(?:EAU)?/, '');
    else
      r.warn(
        `${F}/NOMENCLATURE_EUROPE/NIVEAU`,
        'niveau inconnu (attendu NIV1 à NIV8, REPRISE ou AUCUN), laissé de côté',
        raw,
      );
  }
  return out;
}
