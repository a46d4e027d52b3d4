/**
 * One FICHE element of the export → the frontmatter object and the Markdown body of a fiche.
 *
 * Field names are those of `src/schema/fiche.ts`; the prose goes under the headings of
 * `src/schema/sections.ts`. Values are normalised the way the schema wants them: dates `JJ/MM/AAAA` →
 * `AAAA-MM-JJ`, `Oui`/`Non` → booleans (null for an absent voie d'accès or outre-mer flag), SIRET without
 * spaces or tabs, codes as strings, HTML → Markdown (`./html.ts`), every string in Unicode NFC.
 *
 * A value the schema would reject (an 11-digit SIRET, a date that does not exist) is left out of the
 * fiche and named in a warning: the rest of the fiche still imports. An address field keeps each
 * address as a link and its other words as text (./liens.ts), noted in a warning. A fiche that cannot
 * be made valid (no number, no ACTIF, no certificateur…) throws a `FicheError`, and the import goes on
 * with the next one.
 *
 * Each part of the fiche is read by its own function (./parts/), through one FicheReader (./reader.ts)
 * that holds this fiche's warnings; the parts are read in a fixed order, so the warnings come in the
 * same order at every import.
 *
 * V2/V3 names: `INTITULE` where V4.1 has `LIBELLE` (level, NSF, and by tolerance every code/label pair),
 * and ANCIENNE_/NOUVELLE_CERTIFICATION directly under FICHE (holding the number, or an ID_FICHE_… child).
 */
import { baseLegale, blocs, modalites, statistiques, voiesAcces } from './parts/certification.ts';
import { dates, identite, niveau, statut } from './parts/identite.ts';
import { lignee } from './parts/lignee.ts';
import { ccn, codes, correspondances, type KnownCodes } from './parts/nomenclatures.ts';
import { certificateurs, existencePartenaires, partenaires } from './parts/organismes.ts';
import { textes } from './parts/textes.ts';
import { F, FicheReader, type Avertissement } from './reader.ts';
import { unusedPaths, type XNode } from './tree.ts';

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

export type ConvertOptions = KnownCodes;

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

export function convertFiche(fiche: XNode, options: ConvertOptions = {}): ConvertedFiche {
  const r = new FicheReader();
  // The parts in the order they are read (which orders the warnings); the frontmatter below keeps the
  // fields in the schema's order.
  const id = identite(fiche, r);
  const statutFiche = statut(fiche, r);
  const datesFiche = dates(fiche, r);
  const niveauFiche = niveau(fiche, r);
  const certificateursFiche = certificateurs(fiche, r);
  const partenairesFiche = partenaires(fiche, r);
  const codesFiche = codes(fiche, r, options);
  const ccnFiche = ccn(fiche, r);
  const blocsFiche = blocs(fiche, r);
  const voies = voiesAcces(fiche, r);
  const base = baseLegale(fiche, r);
  const stats = statistiques(fiche, r);
  const correspondancesFiche = correspondances(fiche, r);
  const body = textes(fiche, r);
  const conditions = modalites(fiche, r);
  const ligneeFiche = lignee(fiche, r);
  const urlDescription = r.liens(
    r.value(fiche, 'LIEN_URL_DESCRIPTION'),
    `${F}/LIEN_URL_DESCRIPTION`,
  );
  const existence = existencePartenaires(fiche, r);

  const data = compact({
    numero_fiche: id.numero,
    id_fiche: id.id_fiche,
    intitule: id.intitule,
    abrege: id.abrege,
    statut: statutFiche,
    dates: datesFiche,
    niveau: niveauFiche,
    certificateurs: certificateursFiche,
    ...codesFiche,
    ccn: ccnFiche,
    blocs: blocsFiche,
    validation_partielle: conditions.validation_partielle,
    duree_validite: conditions.duree_validite,
    voies_acces: voies,
    accessible_nouvelle_caledonie: conditions.accessible_nouvelle_caledonie,
    accessible_polynesie_francaise: conditions.accessible_polynesie_francaise,
    base_legale: base,
    statistiques: stats,
    correspondances: correspondancesFiche,
    lignee: ligneeFiche,
    url_description: urlDescription,
    existence_partenaires: existence,
    partenaires: partenairesFiche,
    sources: [
      {
        url: `https://www.francecompetences.fr/recherche/${id.repertoire}/${id.numeroSeul}/`,
        titre: `Fiche ${id.numero} sur le site de France Compétences`,
      },
    ],
  });

  r.throwIfFailed();

  return {
    numero: id.numero,
    repertoire: id.repertoire,
    numeroSeul: id.numeroSeul,
    data,
    body,
    avertissements: r.avertissements,
    inconnus: unusedPaths(fiche, F),
  };
}
