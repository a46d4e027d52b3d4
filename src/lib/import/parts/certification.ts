/**
 * How the certification is obtained and what it gives: its blocs de compétences, the six voies
 * d'accès with their jury, its conditions (validation by blocs, validity, overseas), its legal
 * basis and the statistics of its promotions.
 */
import type { Fiche, VoieAcces } from '../../../schema/fiche.ts';
import { F, type FicheReader } from '../reader.ts';
import { child, children, type XNode } from '../tree.ts';

/** SI_JURY_* → key of `voies_acces`. */
export const VOIES_ELEMENTS = {
  formation_initiale: 'SI_JURY_FI',
  apprentissage: 'SI_JURY_CA',
  formation_continue: 'SI_JURY_FC',
  contrat_professionnalisation: 'SI_JURY_CQ',
  candidature_individuelle: 'SI_JURY_CL',
  vae: 'SI_JURY_VAE',
} as const satisfies Record<VoieAcces, string>;

export const BASE_LEGALE_ELEMENTS = {
  decret_general: 'PUBLICATION_DECRET_GENERAL',
  creation: 'PUBLICATION_DECRET_CREATION',
  autres: 'PUBLICATION_DECRET_AUTRE',
} as const satisfies Partial<Record<keyof NonNullable<Fiche['base_legale']>, string>>;

const ANNEE = { integer: true, min: 1900, max: 2100 };

export function blocs(fiche: XNode, r: FicheReader) {
  const path = `${F}/BLOCS_COMPETENCES/BLOC_COMPETENCES`;
  return children(child(fiche, 'BLOCS_COMPETENCES'), 'BLOC_COMPETENCES').flatMap((b) => {
    const code = r.value(b, 'CODE')?.replace(/\s+/g, '');
    const libelle = r.value(b, 'LIBELLE', 'INTITULE');
    const item = {
      code,
      libelle,
      competences: r.markdown(child(b, 'LISTE_COMPETENCES')),
      modalites_evaluation: r.markdown(child(b, 'MODALITES_EVALUATION')),
      prerequis_entree_formation: r.markdown(
        child(b, 'PREREQUIS_ENTREE_FORMATION_BLOC', 'PREREQUIS_ENTREE_FORMATION'),
      ),
      prerequis_validation: r.markdown(
        child(b, 'PREREQUIS_VALIDATION_BLOC', 'PREREQUIS_VALIDATION'),
      ),
    };
    if (code === undefined || libelle === undefined) {
      r.warn(
        `${path}/${code === undefined ? 'CODE' : 'LIBELLE'}`,
        'bloc sans code ou sans libellé, laissé de côté',
        code ?? libelle,
      );
      return [];
    }
    return [item];
  });
}

/** Each voie open, closed or not said (null), with its jury. */
export function voiesAcces(fiche: XNode, r: FicheReader) {
  const voies: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(VOIES_ELEMENTS)) {
    const n = child(fiche, element);
    voies[key] = {
      ouverte: r.ouiNon(r.value(n, 'ACTIF'), `${F}/${element}/ACTIF`) ?? null,
      composition_jury: r.markdown(child(n, 'COMPOSITION')),
      date_derniere_modification: r.date(
        r.value(n, 'DATE_DERNIERE_MODIFICATION'),
        `${F}/${element}/DATE_DERNIERE_MODIFICATION`,
      ),
    };
  }
  return voies;
}

/** Validation by blocs, validity, and access from New Caledonia and French Polynesia (null: not said). */
export function modalites(fiche: XNode, r: FicheReader) {
  return {
    validation_partielle: r.ouiNon(
      r.value(fiche, 'VALIDATION_PARTIELLE'),
      `${F}/VALIDATION_PARTIELLE`,
    ),
    duree_validite: r.value(fiche, 'DUREE_VALIDITE'),
    accessible_nouvelle_caledonie:
      r.ouiNon(
        r.value(fiche, 'ACCESSIBLE_NOUVELLE_CALEDONIE'),
        `${F}/ACCESSIBLE_NOUVELLE_CALEDONIE`,
      ) ?? null,
    accessible_polynesie_francaise:
      r.ouiNon(
        r.value(fiche, 'ACCESSIBLE_POLYNESIE_FRANCAISE'),
        `${F}/ACCESSIBLE_POLYNESIE_FRANCAISE`,
      ) ?? null,
  };
}

export function baseLegale(fiche: XNode, r: FicheReader) {
  const out: Record<string, unknown> = {};
  for (const [key, element] of Object.entries(BASE_LEGALE_ELEMENTS)) {
    const path = `${F}/${element}/PUBLICATION_JO`;
    out[key] = children(child(fiche, element), 'PUBLICATION_JO').flatMap((p) => {
      const titre = r.value(p, 'TITRE', 'LIBELLE', 'INTITULE');
      const publication = r.date(r.value(p, 'DATE_PUBLICATION_JO'), `${path}/DATE_PUBLICATION_JO`);
      if (titre === undefined) {
        r.warn(`${path}/TITRE`, 'texte officiel sans titre, laissé de côté', publication);
        return [];
      }
      return [{ titre, date_publication_jo: publication }];
    });
  }
  return out;
}

/** Each promotion's figures, and the years of the promotions that earned the level. */
export function statistiques(fiche: XNode, r: FicheReader) {
  const path = `${F}/STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION`;
  const int = { integer: true, min: 0, max: 10_000_000 };
  const rate = { integer: false, min: 0, max: 100 };
  const figure = (s: XNode, element: string, range: typeof int) =>
    r.number(r.value(s, element), `${path}/${element}`, range);
  const promotions = children(
    child(fiche, 'STATISTIQUES_PROMOTIONS'),
    'STATISTIQUES_PROMOTION',
  ).flatMap((s) => {
    const annee = figure(s, 'ANNEE', ANNEE);
    const item = {
      annee,
      nombre_certifies: figure(s, 'NOMBRE_CERTIFIES', int),
      nombre_certifies_vae: figure(s, 'NOMBRE_CERTIFIES_VAE', int),
      taux_insertion_global_6_mois: figure(s, 'TAUX_INSERTION_GLOBAL_6MOIS', rate),
      taux_insertion_metier_2_ans: figure(s, 'TAUX_INSERTION_METIER_2ANS', rate),
    };
    if (annee === undefined) {
      r.warn(`${path}/ANNEE`, 'promotion sans année, laissée de côté');
      return [];
    }
    return [item];
  });
  const anneesNiveau = children(child(fiche, 'ANNEES_PROMOTIONS_NIVEAU'), 'ANNEE').flatMap((a) => {
    const n = r.number(r.leaf(a), `${F}/ANNEES_PROMOTIONS_NIVEAU/ANNEE`, ANNEE);
    return n === undefined ? [] : [n];
  });
  return { promotions, annees_promotions_niveau: anneesNiveau };
}
