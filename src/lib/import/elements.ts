/**
 * Where each element of the export goes (the list of /work/shared/notes/rncp.md, V4.1 names first, then
 * the V2/V3 names the importer also reads), and what is deliberately left out. The import report repeats
 * `LAISSES_DE_COTE`; the tests check that every element of the sample exports is listed here.
 */
export interface ElementMapping {
  /** Path from FICHE (or FICHES for the export's own elements); `*` = any number. */
  element: string;
  destination: string;
}

const P = 'FICHE';

export const ELEMENTS: readonly ElementMapping[] = [
  {
    element: 'FICHES/VERSION_FLUX',
    destination: 'rapport d’import (version_flux), voir LAISSES_DE_COTE',
  },
  { element: `${P}/ID_FICHE`, destination: 'id_fiche' },
  {
    element: `${P}/NUMERO_FICHE`,
    destination: 'numero_fiche, nom du fichier <rncp|rs>/<N>.md, sources[0].url',
  },
  {
    element: `${P}/NOUVELLES_CERTIFICATIONS/NOUVELLE_CERTIFICATION/ID_FICHE_NOUVELLE_CERTIFICATION`,
    destination: 'lignee.suivantes[].numero',
  },
  {
    element: `${P}/ANCIENNES_CERTIFICATIONS/ANCIENNE_CERTIFICATION/ID_FICHE_ANCIENNE_CERTIFICATION`,
    destination: 'lignee.precedentes[].numero',
  },
  {
    element: `${P}/NOUVELLE_CERTIFICATION`,
    destination: 'lignee.suivantes[].numero (V2/V3 : directement sous FICHE)',
  },
  {
    element: `${P}/ANCIENNE_CERTIFICATION`,
    destination: 'lignee.precedentes[].numero (V2/V3 : directement sous FICHE)',
  },
  { element: `${P}/INTITULE`, destination: 'intitule' },
  { element: `${P}/ABREGE/CODE`, destination: 'abrege.code' },
  { element: `${P}/ABREGE/LIBELLE`, destination: 'abrege.libelle (INTITULE accepté)' },
  { element: `${P}/ETAT_FICHE`, destination: 'statut.etat' },
  { element: `${P}/ACTIF`, destination: 'statut.actif (Oui/Non → true/false)' },
  { element: `${P}/FORMACODES/FORMACODE/CODE`, destination: 'formacodes[].code' },
  { element: `${P}/FORMACODES/FORMACODE/LIBELLE`, destination: 'formacodes[].libelle' },
  {
    element: `${P}/NOMENCLATURE_EUROPE/NIVEAU`,
    destination: 'niveau.europe (NIV5 → 5) ou niveau.sans_niveau (REPRISE, AUCUN)',
  },
  { element: `${P}/NOMENCLATURE_EUROPE/LIBELLE`, destination: 'niveau.libelle' },
  { element: `${P}/NOMENCLATURE_EUROPE/INTITULE`, destination: 'niveau.libelle (V2/V3)' },
  { element: `${P}/CODES_NSF/NSF/CODE`, destination: 'nsf[].code' },
  { element: `${P}/CODES_NSF/NSF/LIBELLE`, destination: 'nsf[].libelle' },
  { element: `${P}/CODES_NSF/NSF/INTITULE`, destination: 'nsf[].libelle (V2/V3)' },
  {
    element: `${P}/CERTIFICATEURS/CERTIFICATEUR/SIRET_CERTIFICATEUR`,
    destination: 'certificateurs[].siret (espaces et tabulations ôtés)',
  },
  {
    element: `${P}/CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR`,
    destination: 'certificateurs[].nom',
  },
  {
    element: `${P}/CERTIFICATEURS/CERTIFICATEUR/ETAT_CERTIFICATEUR`,
    destination: 'certificateurs[].etat',
  },
  {
    element: `${P}/CERTIFICATEURS/CERTIFICATEUR/DATE_DERNIERE_MODIFICATION_ETAT`,
    destination: 'certificateurs[].date_derniere_modification_etat',
  },
  {
    element: `${P}/CERTIFICATEURS/CERTIFICATEUR/NOM_COMMERCIAL`,
    destination: 'certificateurs[].nom_commercial',
  },
  {
    element: `${P}/CERTIFICATEURS/CERTIFICATEUR/SITE_INTERNET`,
    destination:
      'certificateurs[].site_internet[] (une adresse par lien, le texte autour en libellé)',
  },
  { element: `${P}/EXISTENCE_PARTENAIRES`, destination: 'existence_partenaires' },
  {
    element: `${P}/PARTENAIRES/PARTENAIRE/NOM_PARTENAIRE`,
    destination: 'partenaires[].nom (tous les partenaires, sans limite)',
  },
  { element: `${P}/PARTENAIRES/PARTENAIRE/SIRET_PARTENAIRE`, destination: 'partenaires[].siret' },
  {
    element: `${P}/PARTENAIRES/PARTENAIRE/HABILITATION_PARTENAIRE`,
    destination: 'partenaires[].habilitation',
  },
  { element: `${P}/PARTENAIRES/PARTENAIRE/ETAT_HABILITATION`, destination: 'partenaires[].etat' },
  { element: `${P}/PARTENAIRES/PARTENAIRE/DATE_ACTIF`, destination: 'partenaires[].date_actif' },
  {
    element: `${P}/PARTENAIRES/PARTENAIRE/DATE_DERNIERE_MODIFICATION_ETAT`,
    destination: 'partenaires[].date_derniere_modification_etat',
  },
  { element: `${P}/OBJECTIFS_CONTEXTE`, destination: 'corps : ## Objectifs et contexte' },
  { element: `${P}/ACTIVITES_VISEES`, destination: 'corps : ## Activités visées' },
  { element: `${P}/CAPACITES_ATTESTEES`, destination: 'corps : ## Compétences attestées' },
  { element: `${P}/SECTEURS_ACTIVITE`, destination: "corps : ## Secteurs d'activité" },
  {
    element: `${P}/TYPE_EMPLOI_ACCESSIBLES`,
    destination: "corps : ## Types d'emplois accessibles",
  },
  {
    element: `${P}/REGLEMENTATIONS_ACTIVITES`,
    destination: "corps : ## Réglementation d'activités",
  },
  {
    element: `${P}/PREREQUIS_ENTREE_FORMATION`,
    destination: "corps : ## Prérequis à l'entrée en formation",
  },
  {
    element: `${P}/PREREQUIS_VALIDATION_CERTIFICATION`,
    destination: 'corps : ## Prérequis à la validation de la certification',
  },
  {
    element: `${P}/NIVEAU_MAITRISE_COMPETENCES`,
    destination: 'corps : ## Niveau de maîtrise des compétences',
  },
  {
    element: `${P}/MODALITES_RENOUVELLEMENT`,
    destination: 'corps : ## Modalités de renouvellement',
  },
  { element: `${P}/CODES_ROME/ROME/CODE`, destination: 'rome[].code' },
  { element: `${P}/CODES_ROME/ROME/LIBELLE`, destination: 'rome[].libelle' },
  ...(['FI', 'CA', 'FC', 'CQ', 'CL', 'VAE'] as const).flatMap((v) => [
    {
      element: `${P}/SI_JURY_${v}/ACTIF`,
      destination: `voies_acces.<voie>.ouverte (absent → null)`,
    },
    {
      element: `${P}/SI_JURY_${v}/COMPOSITION`,
      destination: `voies_acces.<voie>.composition_jury (Markdown)`,
    },
    {
      element: `${P}/SI_JURY_${v}/DATE_DERNIERE_MODIFICATION`,
      destination: `voies_acces.<voie>.date_derniere_modification`,
    },
  ]),
  {
    element: `${P}/ACCESSIBLE_NOUVELLE_CALEDONIE`,
    destination: 'accessible_nouvelle_caledonie (absent → null)',
  },
  {
    element: `${P}/ACCESSIBLE_POLYNESIE_FRANCAISE`,
    destination: 'accessible_polynesie_francaise (absent → null)',
  },
  { element: `${P}/DATE_DECISION`, destination: 'dates.decision' },
  { element: `${P}/DUREE_ENREGISTREMENT`, destination: 'dates.duree_enregistrement' },
  { element: `${P}/DATE_EFFET`, destination: 'dates.effet' },
  { element: `${P}/DATE_FIN_ENREGISTREMENT`, destination: 'dates.fin_enregistrement' },
  { element: `${P}/DATE_LIMITE_DELIVRANCE`, destination: 'dates.limite_delivrance' },
  { element: `${P}/DATE_DE_PUBLICATION`, destination: 'dates.publication' },
  { element: `${P}/DATE_DERNIER_JO`, destination: 'dates.dernier_jo' },
  { element: `${P}/TYPE_ENREGISTREMENT`, destination: 'dates.type_enregistrement' },
  ...(['GENERAL', 'CREATION', 'AUTRE'] as const).flatMap((k) => [
    {
      element: `${P}/PUBLICATION_DECRET_${k}/PUBLICATION_JO/TITRE`,
      destination: `base_legale.${k === 'GENERAL' ? 'decret_general' : k === 'CREATION' ? 'creation' : 'autres'}[].titre`,
    },
    {
      element: `${P}/PUBLICATION_DECRET_${k}/PUBLICATION_JO/DATE_PUBLICATION_JO`,
      destination: `base_legale.${k === 'GENERAL' ? 'decret_general' : k === 'CREATION' ? 'creation' : 'autres'}[].date_publication_jo`,
    },
  ]),
  ...(
    [
      'ANNEE',
      'NOMBRE_CERTIFIES',
      'NOMBRE_CERTIFIES_VAE',
      'TAUX_INSERTION_GLOBAL_6MOIS',
      'TAUX_INSERTION_METIER_2ANS',
    ] as const
  ).map((k) => ({
    element: `${P}/STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION/${k}`,
    destination: `statistiques.promotions[].${{ ANNEE: 'annee', NOMBRE_CERTIFIES: 'nombre_certifies', NOMBRE_CERTIFIES_VAE: 'nombre_certifies_vae', TAUX_INSERTION_GLOBAL_6MOIS: 'taux_insertion_global_6_mois', TAUX_INSERTION_METIER_2ANS: 'taux_insertion_metier_2_ans' }[k]}`,
  })),
  {
    element: `${P}/LIEN_URL_DESCRIPTION`,
    destination: 'url_description[] (une adresse par lien, le texte autour en libellé)',
  },
  {
    element: `${P}/ANNEES_PROMOTIONS_NIVEAU/ANNEE`,
    destination: 'statistiques.annees_promotions_niveau[]',
  },
  { element: `${P}/BLOCS_COMPETENCES/BLOC_COMPETENCES/CODE`, destination: 'blocs[].code' },
  { element: `${P}/BLOCS_COMPETENCES/BLOC_COMPETENCES/LIBELLE`, destination: 'blocs[].libelle' },
  {
    element: `${P}/BLOCS_COMPETENCES/BLOC_COMPETENCES/LISTE_COMPETENCES`,
    destination: 'blocs[].competences (Markdown)',
  },
  {
    element: `${P}/BLOCS_COMPETENCES/BLOC_COMPETENCES/MODALITES_EVALUATION`,
    destination: 'blocs[].modalites_evaluation (Markdown)',
  },
  {
    element: `${P}/BLOCS_COMPETENCES/BLOC_COMPETENCES/PREREQUIS_ENTREE_FORMATION_BLOC`,
    destination: 'blocs[].prerequis_entree_formation (Markdown)',
  },
  {
    element: `${P}/BLOCS_COMPETENCES/BLOC_COMPETENCES/PREREQUIS_VALIDATION_BLOC`,
    destination: 'blocs[].prerequis_validation (Markdown)',
  },
  { element: `${P}/VALIDATION_PARTIELLE`, destination: 'validation_partielle' },
  { element: `${P}/DUREE_VALIDITE`, destination: 'duree_validite' },
  {
    element: `${P}/CORRESPONDANCES/CORRESPONDANCE/SOURCE/BLOC_COMPETENCES/CODE`,
    destination: 'correspondances[].blocs_source[]',
  },
  {
    element: `${P}/CORRESPONDANCES/CORRESPONDANCE/DESTINATION/NUMERO_FICHE`,
    destination: 'correspondances[].fiche_destination',
  },
  {
    element: `${P}/CORRESPONDANCES/CORRESPONDANCE/DESTINATION/BLOC_COMPETENCES/CODE`,
    destination: 'correspondances[].blocs_destination[]',
  },
  { element: `${P}/CODES_IDCC/IDCC/CODE`, destination: 'idcc[].code' },
  { element: `${P}/CODES_IDCC/IDCC/LIBELLE`, destination: 'idcc[].libelle' },
  ...[1, 2, 3].flatMap((n) => [
    { element: `${P}/CCN_${n}/NUMERO`, destination: 'ccn[].numero' },
    { element: `${P}/CCN_${n}/LIBELLE`, destination: 'ccn[].libelle' },
  ]),
];

/** What the importer deliberately does not carry into the fiches, and why (repeated in every report). */
export const LAISSES_DE_COTE: readonly { element: string; raison: string }[] = [
  {
    element: 'FICHES/VERSION_FLUX',
    raison:
      'Propriété de l’export entier, pas d’une fiche : elle figure dans le rapport d’import (version_flux) ; chaque fiche nomme le fichier importé (import.flux).',
  },
  {
    element:
      'HTML des textes : mise en forme sans équivalent Markdown (attributs style/class, couleurs, <u>, <font>, <span>)',
    raison: 'Le Markdown ne l’exprime pas ; le texte est gardé en entier.',
  },
  {
    element:
      'HTML des textes : liens autres que http(s) et mailto (javascript:, adresses relatives, ancres)',
    raison:
      'Sûreté du site et liens sans destination hors de France Compétences ; le texte du lien est gardé.',
  },
  {
    element: 'HTML des textes : images',
    raison:
      'Remplacées par un lien vers l’image (texte : sa description alt) : le site ne charge pas d’image tierce.',
  },
  {
    element: 'HTML des textes : commentaires, <script>, <style>',
    raison: 'Pas du contenu lisible.',
  },
  {
    element:
      'Valeurs que le schéma refuse (SIRET mal formé, date impossible, adresse invalide, code mal formé…)',
    raison:
      'Écartées une à une, la fiche reste importée : chacune est nommée dans « avertissements » avec la fiche, l’élément et la valeur.',
  },
];
