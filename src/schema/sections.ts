/**
 * The prose of a fiche lives in its Markdown body, under level-2 headings taken from this list and no
 * other. The page places each section where a learner needs it; the key is how code refers to it.
 */
export const SECTIONS = [
  {
    key: 'objectifs',
    titre: 'Objectifs et contexte',
    description: 'Objectifs et contexte de la certification (OBJECTIFS_CONTEXTE).',
  },
  {
    key: 'activites',
    titre: 'Activités visées',
    description:
      "Activités visées, ou résumé du référentiel d'emploi des anciennes fiches (ACTIVITES_VISEES).",
  },
  {
    key: 'competences',
    titre: 'Compétences attestées',
    description: 'Compétences ou capacités attestées (CAPACITES_ATTESTEES).',
  },
  {
    key: 'secteurs',
    titre: "Secteurs d'activité",
    description: "Secteurs d'activité où s'exerce le métier (SECTEURS_ACTIVITE).",
  },
  {
    key: 'emplois',
    titre: "Types d'emplois accessibles",
    description:
      "Types d'emplois accessibles par le détenteur de la certification (TYPE_EMPLOI_ACCESSIBLES).",
  },
  {
    key: 'reglementation',
    titre: "Réglementation d'activités",
    description:
      'Activités réglementées auxquelles la certification donne accès (REGLEMENTATIONS_ACTIVITES).',
  },
  {
    key: 'composantes',
    titre: 'Composantes de la certification',
    description: 'Descriptif des composantes et de la façon de les obtenir (ancien format).',
  },
  {
    key: 'prerequis_entree',
    titre: "Prérequis à l'entrée en formation",
    description: "Prérequis à l'entrée en formation (PREREQUIS_ENTREE_FORMATION).",
  },
  {
    key: 'prerequis_validation',
    titre: 'Prérequis à la validation de la certification',
    description:
      'Prérequis à la validation de la certification (PREREQUIS_VALIDATION_CERTIFICATION).',
  },
  {
    key: 'niveau_maitrise',
    titre: 'Niveau de maîtrise des compétences',
    description: 'Niveau de maîtrise des compétences (fiches RS, NIVEAU_MAITRISE_COMPETENCES).',
  },
  {
    key: 'renouvellement',
    titre: 'Modalités de renouvellement',
    description:
      'Modalités de renouvellement de la certification (fiches RS, MODALITES_RENOUVELLEMENT).',
  },
  {
    key: 'liens',
    titre: "Liens avec d'autres certifications",
    description: "Liens avec d'autres certifications, accords européens ou internationaux.",
  },
  {
    key: 'historique',
    titre: 'Historique',
    description: 'Historique de la certification, tel que la fiche le raconte.',
  },
] as const;

export type SectionKey = (typeof SECTIONS)[number]['key'];

const byTitle = new Map<string, SectionKey>(SECTIONS.map((s) => [s.titre, s.key]));

export function sectionKeyOf(title: string): SectionKey | undefined {
  return byTitle.get(title.normalize('NFC').trim());
}

export function sectionTitle(key: SectionKey): string {
  return SECTIONS.find((s) => s.key === key)!.titre;
}
