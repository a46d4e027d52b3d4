/**
 * The texts of a fiche (objectifs, activités, compétences…), converted from the export's HTML to
 * Markdown and written in the body under the fixed headings of src/schema/sections.ts.
 */
import { SECTIONS, type SectionKey } from '../../../schema/sections.ts';
import type { FicheReader } from '../reader.ts';
import { child, type XNode } from '../tree.ts';

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

/** The Markdown body: one `##` section per text the fiche has. */
export function textes(fiche: XNode, r: FicheReader): string {
  const sections: string[] = [];
  for (const section of SECTIONS) {
    const element = SECTION_ELEMENTS[section.key];
    if (element === undefined) continue;
    const md = r.markdown(child(fiche, element));
    if (md !== undefined) sections.push(`## ${section.titre}\n\n${md}`);
  }
  return sections.join('\n\n');
}
