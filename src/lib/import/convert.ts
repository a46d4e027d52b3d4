/**
 * One FICHE element of the export → the frontmatter object and the Markdown body of a fiche.
 *
 * Field names are those of `src/schema/fiche.ts`; the prose goes under the headings of
 * `src/schema/sections.ts`. Values are normalised the way the schema wants them: dates `JJ/MM/AAAA` →
 * `AAAA-MM-JJ`, `Oui`/`Non` → booleans (null for an absent voie d'accès or outre-mer flag), SIRET without
 * spaces or tabs, codes as strings, HTML → Markdown (`./html.ts`), every string in Unicode NFC.
 *
 * A value the schema would reject (an 11-digit SIRET, a date that does not exist, an address without a
 * protocol that cannot be repaired) is left out of the fiche and named in a warning: the rest of the fiche
 * still imports. A fiche that cannot be made valid (no number, no ACTIF, no certificateur…) throws a
 * `FicheError`, and the import goes on with the next one.
 *
 * V2/V3 names: `INTITULE` where V4.1 has `LIBELLE` (level, NSF, and by tolerance every code/label pair),
 * and ANCIENNE_/NOUVELLE_CERTIFICATION directly under FICHE (holding the number, or an ID_FICHE_… child).
 */
import { HABILITATIONS } from '../../schema/fiche.ts';
import { SECTIONS, type SectionKey } from '../../schema/sections.ts';
import { BLOC_CODE, FORMACODE, IDCC, NSF, NUMERO_FICHE, ROME, SIRET } from '../../schema/codes.ts';
import { htmlToMarkdown, toPlainText, type OnChange } from './html.ts';
import { child, children, unusedPaths, type XNode } from './tree.ts';

export class FicheError extends Error {
  readonly raisons: string[];
  constructor(raisons: string[]) {
    super(raisons.join(' ; '));
    this.name = 'FicheError';
    this.raisons = raisons;
  }
}

/** A value left out of a fiche, with why; counted when it repeats (1,000 partners with the same defect). */
export interface Avertissement {
  element: string;
  message: string;
  valeurs: string[];
  nombre: number;
}

export interface ConvertedFiche {
  numero: string;
  repertoire: 'rncp' | 'rs';
  /** The number without its prefix: the file name. */
  numeroSeul: string;
  /** Frontmatter without `import` (added when the file is rendered). */
  data: Record<string, unknown>;
  body: string;
  avertissements: Avertissement[];
  /** Paths of the elements the converter did not read (unknown, or repeated). */
  inconnus: string[];
}

/** Body sections, in the order of `src/schema/sections.ts`, and the export element each one comes from. */
export const SECTION_ELEMENTS: Partial<Record<SectionKey, string>> = {
  objectifs: 'OBJECTIFS_CONTEXTE',
  activites: 'ACTIVITES_VISEES',
  competences: 'CAPACITES_ATTESTEES',
  secteurs: 'SECTEURS_ACTIVITE',
  emplois: 'TYPE_EMPLOI_ACCESSIBLES',
  reglementation: 'REGLEMENTATIONS_ACTIVITES',
  prerequis_entree: 'PREREQUIS_ENTREE_FORMATION',
  prerequis_validation: 'PREREQUIS_VALIDATION_CERTIFICATION',
  niveau_maitrise: 'NIVEAU_MAITRISE_COMPETENCES',
  renouvellement: 'MODALITES_RENOUVELLEMENT',
};

/** SI_JURY_* → key of `voies_acces`. */
export const VOIES_ELEMENTS = {
  formation_initiale: 'SI_JURY_FI',
  apprentissage: 'SI_JURY_CA',
  formation_continue: 'SI_JURY_FC',
  contrat_professionnalisation: 'SI_JURY_CQ',
  candidature_individuelle: 'SI_JURY_CL',
  vae: 'SI_JURY_VAE',
} as const;

export const DATE_ELEMENTS = {
  decision: 'DATE_DECISION',
  effet: 'DATE_EFFET',
  fin_enregistrement: 'DATE_FIN_ENREGISTREMENT',
  limite_delivrance: 'DATE_LIMITE_DELIVRANCE',
  publication: 'DATE_DE_PUBLICATION',
  dernier_jo: 'DATE_DERNIER_JO',
} as const;

export const BASE_LEGALE_ELEMENTS = {
  decret_general: 'PUBLICATION_DECRET_GENERAL',
  creation: 'PUBLICATION_DECRET_CREATION',
  autres: 'PUBLICATION_DECRET_AUTRE',
} as const;

class Notes {
  private readonly byKey = new Map<string, Avertissement>();
  add(element: string, message: string, valeur?: string): void {
    const key = `${element}\u0000${message}`;
    let note = this.byKey.get(key);
    if (!note) {
      note = { element, message, valeurs: [], nombre: 0 };
      this.byKey.set(key, note);
    }
    note.nombre++;
    if (valeur !== undefined && note.valeurs.length < 3 && !note.valeurs.includes(valeur))
      note.valeurs.push(valeur);
  }
  list(): Avertissement[] {
    return [...this.byKey.values()];
  }
}

/** One-line text: entities and tags repaired, spaces collapsed, NFC; undefined when empty. */
export function oneLine(value: string | undefined, onChange?: OnChange): string | undefined {
  if (value === undefined) return undefined;
  const text = toPlainText(value, onChange).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** The notes of the fiche being converted (conversion is synchronous: one fiche at a time per thread). */
let current: Notes | undefined;

function changeNote(n: XNode): OnChange {
  return (message) => current?.add(`…/${n.name}`, message);
}

function leaf(n: XNode | undefined): string | undefined {
  return n ? oneLine(n.text, changeNote(n)) : undefined;
}

function value(parent: XNode | undefined, ...names: string[]): string | undefined {
  return leaf(child(parent, ...names));
}

/**
 * Texts converted for the current fiche: a fiche often repeats one text (the same jury for five voies
 * d'accès), converted once. Emptied for each fiche, so memory does not grow.
 */
const converted = new Map<string, { md: string; changes: string[] }>();

function markdown(n: XNode | undefined): string | undefined {
  if (!n) return undefined;
  let entry = converted.get(n.text);
  if (!entry) {
    const changes: string[] = [];
    entry = { md: htmlToMarkdown(n.text, (message) => changes.push(message)), changes };
    converted.set(n.text, entry);
  }
  const note = changeNote(n);
  for (const message of entry.changes) note(message);
  return entry.md === '' ? undefined : entry.md;
}

const OUI = new Set(['oui', 'o', 'true', 'vrai', '1', 'active', 'actif']);
const NON = new Set(['non', 'n', 'false', 'faux', '0', 'inactive', 'inactif']);

export function parseOuiNon(
  raw: string | undefined,
  element: string,
  notes: Notes,
): boolean | undefined {
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase();
  if (OUI.has(v)) return true;
  if (NON.has(v)) return false;
  notes.add(element, 'valeur ni Oui ni Non, laissée de côté', raw);
  return undefined;
}

/** `JJ/MM/AAAA` (an hour may follow) or `AAAA-MM-JJ` → `AAAA-MM-JJ`, undefined when impossible. */
export function isoDateFrom(raw: string): string | undefined {
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(raw);
  if (fr) [, d, m, y] = fr;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?$/.exec(raw);
  if (iso) [, y, m, d] = iso;
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const text = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(text)) return undefined;
  return text;
}

function date(raw: string | undefined, element: string, notes: Notes): string | undefined {
  if (raw === undefined) return undefined;
  const iso = isoDateFrom(raw);
  if (iso === undefined) notes.add(element, 'date illisible ou impossible, laissée de côté', raw);
  return iso;
}

function number(
  raw: string | undefined,
  element: string,
  notes: Notes,
  { integer, min, max }: { integer: boolean; min: number; max: number },
): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.replace(/\s|%/g, '').replace(',', '.');
  const n = /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    notes.add(
      element,
      `nombre attendu${integer ? ' entier' : ''} de ${min} à ${max}, valeur laissée de côté`,
      raw,
    );
    return undefined;
  }
  return n;
}

/** SIRET values are trimmed (the CSV export prefixes them with a tab; some carry spaces). */
export function cleanSiret(raw: string): string {
  return raw.replace(/[\s\u00a0]+/g, '');
}

function siret(raw: string | undefined, element: string, notes: Notes): string | undefined {
  if (raw === undefined) return undefined;
  const v = cleanSiret(raw);
  if (v === '') return undefined;
  if (!SIRET.test(v)) {
    notes.add(element, 'SIRET mal formé (14 chiffres attendus), laissé de côté', raw);
    return undefined;
  }
  return v;
}

/** An http(s) address; `www.…` gets `https://`. */
function url(raw: string | undefined, element: string, notes: Notes): string | undefined {
  if (raw === undefined) return undefined;
  let v = raw.trim();
  if (/^www\./i.test(v)) v = `https://${v}`;
  try {
    const parsed = new URL(v);
    if (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
      parsed.hostname.includes('.')
    ) {
      if (v !== raw.trim()) notes.add(element, 'adresse sans protocole : https:// ajouté', raw);
      return v;
    }
  } catch {
    // not an address
  }
  notes.add(element, 'adresse web invalide, laissée de côté', raw);
  return undefined;
}

function code(
  raw: string | undefined,
  pattern: RegExp,
  element: string,
  notes: Notes,
): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw.replace(/\s+/g, '');
  if (!pattern.test(v)) {
    notes.add(element, 'code mal formé, laissé de côté', raw);
    return undefined;
  }
  return v;
}

function numeroFiche(raw: string | undefined, element: string, notes: Notes): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw.replace(/\s+/g, '').toUpperCase();
  if (!NUMERO_FICHE.test(v)) {
    notes.add(element, 'numéro de fiche mal formé, laissé de côté', raw);
    return undefined;
  }
  return v;
}

/** Arrays the schema requires even when empty (a correspondance of a whole fiche has no source bloc). */
const REQUIRED_ARRAYS = new Set(['blocs_source']);

/** Removes undefined values, empty arrays and empty objects (null is kept: it means « non précisé »). */
export function compact<T>(input: T): T {
  if (Array.isArray(input)) {
    return input.map((v) => compact(v)).filter((v) => v !== undefined) as T;
  }
  if (input !== null && typeof input === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      const c = compact(v);
      if (c === undefined) continue;
      if (Array.isArray(c) && c.length === 0 && !REQUIRED_ARRAYS.has(k)) continue;
      if (c !== null && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0)
        continue;
      out[k] = c;
    }
    return out as T;
  }
  return input;
}

const F = 'FICHE';

export interface ConvertOptions {
  /** ROME and NSF codes the validator knows (content/referentiels); others are left out with a warning. */
  knownRome?: (code: string) => boolean;
  knownNsf?: (code: string) => boolean;
}

export function convertFiche(fiche: XNode, options: ConvertOptions = {}): ConvertedFiche {
  const notes = new Notes();
  current = notes;
  converted.clear();
  const errors: string[] = [];

  const numeroRaw = value(fiche, 'NUMERO_FICHE');
  if (numeroRaw === undefined)
    throw new FicheError(['NUMERO_FICHE absent : la fiche ne peut pas être nommée']);
  const numero = numeroRaw.replace(/\s+/g, '').toUpperCase();
  const match = NUMERO_FICHE.exec(numero);
  if (!match)
    throw new FicheError([
      `NUMERO_FICHE mal formé : « ${numeroRaw} » (attendu RNCP1234 ou RS1234)`,
    ]);
  const repertoire = match[1] === 'RS' ? 'rs' : 'rncp';

  const idFiche = value(fiche, 'ID_FICHE');
  if (idFiche !== undefined && !/^\d+$/.test(idFiche))
    notes.add(`${F}/ID_FICHE`, 'identifiant non numérique, laissé de côté', idFiche);

  const intitule = value(fiche, 'INTITULE');
  if (intitule === undefined) errors.push('INTITULE absent');

  const abregeNode = child(fiche, 'ABREGE');
  let abrege: Record<string, unknown> | undefined;
  if (abregeNode) {
    const abregeCode = value(abregeNode, 'CODE');
    const abregeLibelle = value(abregeNode, 'LIBELLE', 'INTITULE');
    if (abregeCode !== undefined) abrege = { code: abregeCode, libelle: abregeLibelle };
    else if (abregeLibelle !== undefined)
      notes.add(`${F}/ABREGE/LIBELLE`, 'abrégé sans CODE, laissé de côté', abregeLibelle);
  }

  const actif = parseOuiNon(value(fiche, 'ACTIF'), `${F}/ACTIF`, notes);
  if (actif === undefined)
    errors.push('ACTIF absent ou illisible : la fiche doit dire si la certification est active');

  const dates: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(DATE_ELEMENTS)) {
    dates[key] = date(value(fiche, element), `${F}/${element}`, notes);
  }
  dates.duree_enregistrement = value(fiche, 'DUREE_ENREGISTREMENT');
  dates.type_enregistrement = value(fiche, 'TYPE_ENREGISTREMENT');

  const niveauNode = child(fiche, 'NOMENCLATURE_EUROPE');
  let niveau: Record<string, unknown> | undefined;
  if (niveauNode) {
    const raw = value(niveauNode, 'NIVEAU');
    niveau = { libelle: value(niveauNode, 'LIBELLE', 'INTITULE') };
    if (raw !== undefined) {
      const upper = raw.toUpperCase().replace(/\s+/g, '');
      const europe = /^(?:NIV(?:EAU)?)?([1-8])$/.exec(upper);
      if (europe) niveau.europe = Number(europe[1]);
      else if (upper === 'REPRISE' || upper === 'AUCUN') niveau.sans_niveau = upper;
      else if (/^(?:NIV(?:EAU)?)?(I|II|III|IV|V)$/.test(upper))
        niveau.nomenclature_1969 = upper.replace(/^NIV(?:EAU)?/, '');
      else
        notes.add(
          `${F}/NOMENCLATURE_EUROPE/NIVEAU`,
          'niveau inconnu (attendu NIV1 à NIV8, REPRISE ou AUCUN), laissé de côté',
          raw,
        );
    }
  }

  const certificateurs = children(child(fiche, 'CERTIFICATEURS'), 'CERTIFICATEUR').flatMap((c) => {
    const path = `${F}/CERTIFICATEURS/CERTIFICATEUR`;
    const nom = value(c, 'NOM_CERTIFICATEUR');
    const item = {
      nom,
      siret: siret(value(c, 'SIRET_CERTIFICATEUR'), `${path}/SIRET_CERTIFICATEUR`, notes),
      nom_commercial: value(c, 'NOM_COMMERCIAL'),
      site_internet: url(value(c, 'SITE_INTERNET'), `${path}/SITE_INTERNET`, notes),
      etat: value(c, 'ETAT_CERTIFICATEUR'),
      date_derniere_modification_etat: date(
        value(c, 'DATE_DERNIERE_MODIFICATION_ETAT'),
        `${path}/DATE_DERNIERE_MODIFICATION_ETAT`,
        notes,
      ),
    };
    if (nom === undefined) {
      notes.add(`${path}/NOM_CERTIFICATEUR`, 'certificateur sans nom, laissé de côté', item.siret);
      return [];
    }
    return [item];
  });
  if (certificateurs.length === 0)
    errors.push('aucun certificateur nommé (CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR)');

  const partenairesNode = child(fiche, 'PARTENAIRES');
  const partenaires = children(partenairesNode, 'PARTENAIRE').flatMap((p) => {
    const path = `${F}/PARTENAIRES/PARTENAIRE`;
    const nom = value(p, 'NOM_PARTENAIRE');
    const habilitationRaw = value(p, 'HABILITATION_PARTENAIRE');
    const habilitation = habilitationRaw?.toUpperCase().replace(/\s+/g, '_');
    const known = (HABILITATIONS as readonly string[]).includes(habilitation ?? '');
    if (habilitationRaw !== undefined && !known) {
      notes.add(
        `${path}/HABILITATION_PARTENAIRE`,
        `habilitation inconnue (attendu ${HABILITATIONS.join(', ')}), laissée de côté`,
        habilitationRaw,
      );
    }
    const item = {
      nom,
      siret: siret(value(p, 'SIRET_PARTENAIRE'), `${path}/SIRET_PARTENAIRE`, notes),
      habilitation: known ? habilitation : undefined,
      etat: value(p, 'ETAT_HABILITATION'),
      date_actif: date(value(p, 'DATE_ACTIF'), `${path}/DATE_ACTIF`, notes),
      date_derniere_modification_etat: date(
        value(p, 'DATE_DERNIERE_MODIFICATION_ETAT'),
        `${path}/DATE_DERNIERE_MODIFICATION_ETAT`,
        notes,
      ),
    };
    if (nom === undefined) {
      notes.add(`${path}/NOM_PARTENAIRE`, 'partenaire sans nom, laissé de côté', item.siret);
      return [];
    }
    return [item];
  });

  const codeLibelle = (
    container: string,
    item: string,
    pattern: RegExp,
    known?: (c: string) => boolean,
  ) =>
    children(child(fiche, container), item).flatMap((n) => {
      const path = `${F}/${container}/${item}`;
      const c = code(value(n, 'CODE'), pattern, `${path}/CODE`, notes);
      const libelle = value(n, 'LIBELLE', 'INTITULE');
      if (c === undefined) {
        if (libelle !== undefined)
          notes.add(`${path}/LIBELLE`, 'libellé sans code valable, laissé de côté', libelle);
        return [];
      }
      if (known && !known(c)) {
        notes.add(
          `${path}/CODE`,
          'code inconnu des référentiels du site (content/referentiels, que le validateur consulte) : laissé de côté ; mettez les référentiels à jour (npm run referentiels) puis réimportez',
          libelle === undefined ? c : `${c} ${libelle}`,
        );
        return [];
      }
      return [{ code: c, libelle }];
    });
  const nsf = codeLibelle('CODES_NSF', 'NSF', NSF, options.knownNsf);
  const formacodes = codeLibelle('FORMACODES', 'FORMACODE', FORMACODE);
  const rome = codeLibelle('CODES_ROME', 'ROME', ROME, options.knownRome);
  const idcc = codeLibelle('CODES_IDCC', 'IDCC', IDCC);

  const ccn = fiche.children
    .filter((c) => /^CCN_\d+$/.test(c.name))
    .sort((a, b) => Number(a.name.slice(4)) - Number(b.name.slice(4)))
    .flatMap((c) => {
      c.used = true;
      const numeroCcn = value(c, 'NUMERO');
      const libelle = value(c, 'LIBELLE', 'INTITULE');
      if (numeroCcn === undefined) {
        if (libelle !== undefined)
          notes.add(`${F}/${c.name}/LIBELLE`, 'convention sans NUMERO, laissée de côté', libelle);
        return [];
      }
      return [{ numero: numeroCcn, libelle }];
    });

  const blocs = children(child(fiche, 'BLOCS_COMPETENCES'), 'BLOC_COMPETENCES').flatMap((b) => {
    const path = `${F}/BLOCS_COMPETENCES/BLOC_COMPETENCES`;
    const blocCode = value(b, 'CODE')?.replace(/\s+/g, '');
    const libelle = value(b, 'LIBELLE', 'INTITULE');
    const item = {
      code: blocCode,
      libelle,
      competences: markdown(child(b, 'LISTE_COMPETENCES')),
      modalites_evaluation: markdown(child(b, 'MODALITES_EVALUATION')),
      prerequis_entree_formation: markdown(
        child(b, 'PREREQUIS_ENTREE_FORMATION_BLOC', 'PREREQUIS_ENTREE_FORMATION'),
      ),
      prerequis_validation: markdown(child(b, 'PREREQUIS_VALIDATION_BLOC', 'PREREQUIS_VALIDATION')),
    };
    if (blocCode === undefined || libelle === undefined) {
      notes.add(
        `${path}/${blocCode === undefined ? 'CODE' : 'LIBELLE'}`,
        'bloc sans code ou sans libellé, laissé de côté',
        blocCode ?? libelle,
      );
      return [];
    }
    return [item];
  });

  const voies: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(VOIES_ELEMENTS)) {
    const n = child(fiche, element);
    voies[key] = {
      ouverte: parseOuiNon(value(n, 'ACTIF'), `${F}/${element}/ACTIF`, notes) ?? null,
      composition_jury: markdown(child(n, 'COMPOSITION')),
      date_derniere_modification: date(
        value(n, 'DATE_DERNIERE_MODIFICATION'),
        `${F}/${element}/DATE_DERNIERE_MODIFICATION`,
        notes,
      ),
    };
  }

  const baseLegale: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(BASE_LEGALE_ELEMENTS)) {
    baseLegale[key] = children(child(fiche, element), 'PUBLICATION_JO').flatMap((p) => {
      const titre = value(p, 'TITRE', 'LIBELLE', 'INTITULE');
      const publication = date(
        value(p, 'DATE_PUBLICATION_JO'),
        `${F}/${element}/PUBLICATION_JO/DATE_PUBLICATION_JO`,
        notes,
      );
      if (titre === undefined) {
        notes.add(
          `${F}/${element}/PUBLICATION_JO/TITRE`,
          'texte officiel sans titre, laissé de côté',
          publication,
        );
        return [];
      }
      return [{ titre, date_publication_jo: publication }];
    });
  }

  const promotions = children(
    child(fiche, 'STATISTIQUES_PROMOTIONS'),
    'STATISTIQUES_PROMOTION',
  ).flatMap((s) => {
    const path = `${F}/STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION`;
    const int = { integer: true, min: 0, max: 10_000_000 };
    const rate = { integer: false, min: 0, max: 100 };
    const annee = number(value(s, 'ANNEE'), `${path}/ANNEE`, notes, {
      integer: true,
      min: 1900,
      max: 2100,
    });
    const item = {
      annee,
      nombre_certifies: number(
        value(s, 'NOMBRE_CERTIFIES'),
        `${path}/NOMBRE_CERTIFIES`,
        notes,
        int,
      ),
      nombre_certifies_vae: number(
        value(s, 'NOMBRE_CERTIFIES_VAE'),
        `${path}/NOMBRE_CERTIFIES_VAE`,
        notes,
        int,
      ),
      taux_insertion_global_6_mois: number(
        value(s, 'TAUX_INSERTION_GLOBAL_6MOIS'),
        `${path}/TAUX_INSERTION_GLOBAL_6MOIS`,
        notes,
        rate,
      ),
      taux_insertion_metier_2_ans: number(
        value(s, 'TAUX_INSERTION_METIER_2ANS'),
        `${path}/TAUX_INSERTION_METIER_2ANS`,
        notes,
        rate,
      ),
    };
    if (annee === undefined) {
      notes.add(`${path}/ANNEE`, 'promotion sans année, laissée de côté');
      return [];
    }
    return [item];
  });
  const anneesNiveau = children(child(fiche, 'ANNEES_PROMOTIONS_NIVEAU'), 'ANNEE').flatMap((a) => {
    const n = number(leaf(a), `${F}/ANNEES_PROMOTIONS_NIVEAU/ANNEE`, notes, {
      integer: true,
      min: 1900,
      max: 2100,
    });
    return n === undefined ? [] : [n];
  });

  const correspondances = children(child(fiche, 'CORRESPONDANCES'), 'CORRESPONDANCE').flatMap(
    (c) => {
      const path = `${F}/CORRESPONDANCES/CORRESPONDANCE`;
      const blocCodes = (parent: XNode | undefined, where: string) =>
        children(parent, 'BLOC_COMPETENCES').flatMap((b) => {
          const v = code(
            value(b, 'CODE'),
            BLOC_CODE,
            `${path}/${where}/BLOC_COMPETENCES/CODE`,
            notes,
          );
          return v === undefined ? [] : [v];
        });
      const source = child(c, 'SOURCE');
      const destination = child(c, 'DESTINATION');
      const fiche_destination = numeroFiche(
        value(destination, 'NUMERO_FICHE'),
        `${path}/DESTINATION/NUMERO_FICHE`,
        notes,
      );
      const item = {
        blocs_source: blocCodes(source, 'SOURCE'),
        fiche_destination,
        blocs_destination: blocCodes(destination, 'DESTINATION'),
      };
      if (fiche_destination === undefined) {
        notes.add(
          `${path}/DESTINATION/NUMERO_FICHE`,
          'correspondance sans fiche de destination, laissée de côté',
        );
        return [];
      }
      return [item];
    },
  );

  const lien = (kind: 'ANCIENNE' | 'NOUVELLE') => {
    const idName = `ID_FICHE_${kind}_CERTIFICATION`;
    const items = [
      ...children(child(fiche, `${kind}S_CERTIFICATIONS`), `${kind}_CERTIFICATION`),
      ...children(fiche, `${kind}_CERTIFICATION`),
    ];
    const numeros: string[] = [];
    for (const item of items) {
      const raw = item.children.length > 0 ? value(item, idName, 'NUMERO_FICHE') : leaf(item);
      const n = numeroFiche(
        raw,
        `${F}/${kind}S_CERTIFICATIONS/${kind}_CERTIFICATION/${idName}`,
        notes,
      );
      if (n !== undefined && !numeros.includes(n)) numeros.push(n);
    }
    return numeros.map((n) => ({ numero: n }));
  };

  const sections: string[] = [];
  for (const section of SECTIONS) {
    const element = SECTION_ELEMENTS[section.key];
    if (element === undefined) continue;
    const md = markdown(child(fiche, element));
    if (md !== undefined) sections.push(`## ${section.titre}\n\n${md}`);
  }

  const data = compact({
    numero_fiche: numero,
    id_fiche: idFiche !== undefined && /^\d+$/.test(idFiche) ? idFiche : undefined,
    intitule,
    abrege,
    statut: { actif, etat: value(fiche, 'ETAT_FICHE') },
    dates,
    niveau,
    certificateurs,
    nsf,
    formacodes,
    rome,
    idcc,
    ccn,
    blocs,
    validation_partielle: parseOuiNon(
      value(fiche, 'VALIDATION_PARTIELLE'),
      `${F}/VALIDATION_PARTIELLE`,
      notes,
    ),
    duree_validite: value(fiche, 'DUREE_VALIDITE'),
    voies_acces: voies,
    accessible_nouvelle_caledonie:
      parseOuiNon(
        value(fiche, 'ACCESSIBLE_NOUVELLE_CALEDONIE'),
        `${F}/ACCESSIBLE_NOUVELLE_CALEDONIE`,
        notes,
      ) ?? null,
    accessible_polynesie_francaise:
      parseOuiNon(
        value(fiche, 'ACCESSIBLE_POLYNESIE_FRANCAISE'),
        `${F}/ACCESSIBLE_POLYNESIE_FRANCAISE`,
        notes,
      ) ?? null,
    base_legale: baseLegale,
    statistiques: { promotions, annees_promotions_niveau: anneesNiveau },
    correspondances,
    lignee: { precedentes: lien('ANCIENNE'), suivantes: lien('NOUVELLE') },
    url_description: url(value(fiche, 'LIEN_URL_DESCRIPTION'), `${F}/LIEN_URL_DESCRIPTION`, notes),
    existence_partenaires: parseOuiNon(
      value(fiche, 'EXISTENCE_PARTENAIRES'),
      `${F}/EXISTENCE_PARTENAIRES`,
      notes,
    ),
    partenaires,
    sources: [
      {
        url: `https://www.francecompetences.fr/recherche/${repertoire}/${match[2]}/`,
        titre: `Fiche ${numero} sur le site de France Compétences`,
      },
    ],
  });

  if (errors.length > 0) throw new FicheError(errors);

  return {
    numero,
    repertoire,
    numeroSeul: match[2]!,
    data,
    body: sections.join('\n\n'),
    avertissements: notes.list(),
    inconnus: unusedPaths(fiche, F),
  };
}
