/**
 * The paged site: enough generated fiches that every paginated list has a second page (a list of
 * fiches or rows is cut every FICHES_PAR_PAGE cards or LIGNES_PAR_PAGE rows, src/lib/browse.ts), so
 * that the crawls of scripts/lib/site/page-types.ts load page 2 of each paged list type. Built once per
 * run of the site lane, beside the fixture site, and only when a test asks for it.
 *
 * Every fiche shares its ROME codes (a code and its domain), its NSF codes (a speciality and its
 * group), its level, a certificateur and a Formacode (so each of their pages has more fiches than one
 * page holds) and has a certificateur and a Formacode of its own (so the indexes of certificateurs
 * and Formacodes have more rows than one page holds). A grand domaine ROME (`/rome/K/`) lists no
 * fiche of its own, since no fiche can cite a one-letter code: it never has a second page.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { FICHES_PAR_PAGE, LIGNES_PAR_PAGE } from '../../src/lib/browse.ts';
import { buildOnce } from './fixture-site.ts';

/** One more than the longest page holds. */
export const PAGED_FICHES = Math.max(FICHES_PAR_PAGE, LIGNES_PAR_PAGE) + 1;
const FIRST = 9300;

/** The certificateur every fiche of the paged site shares (its page is /certificateurs/SIRET/). */
export const SHARED_CERTIFICATEUR = {
  nom: 'Organisme certificateur commun',
  siret: '11122233300014',
};

function fiche(numero: number, index: number): string {
  return `---
numero_fiche: "RNCP${numero}"
intitule: "Certification générée n° ${index + 1}"
statut:
  actif: true
certificateurs:
  - nom: "${SHARED_CERTIFICATEUR.nom}"
    siret: "${SHARED_CERTIFICATEUR.siret}"
  - nom: "Organisme n° ${String(index + 1).padStart(4, '0')}"
niveau:
  europe: 5
rome:
  - code: "K1801"
    libelle: "Conseil en emploi et insertion socioprofessionnelle"
  - code: "K18"
    libelle: "Développement territorial et emploi"
nsf:
  - code: "332t"
    libelle: "Aide, conseil, orientation, soutien socio-éducatif"
  - code: "332"
    libelle: "Travail social"
formacodes:
  - code: "44028"
    libelle: "Insertion professionnelle"
  - code: "${String(60000 + index)}"
    libelle: "Formacode n° ${index + 1}"
voies_acces:
  formation_initiale:
    ouverte: true
  apprentissage:
    ouverte: false
  formation_continue:
    ouverte: true
  contrat_professionnalisation:
    ouverte: null
  candidature_individuelle:
    ouverte: false
  vae:
    ouverte: true
accessible_nouvelle_caledonie: false
accessible_polynesie_francaise: null
---

## Activités visées

Accueillir le public.
`;
}

/** Writes the paged site's fiches into `folder/rncp/`. */
export function writePagedFiches(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.join(folder, 'rncp'), { recursive: true });
  for (let index = 0; index < PAGED_FICHES; index++) {
    const numero = FIRST + index;
    writeFileSync(path.join(folder, 'rncp', `${numero}.md`), fiche(numero, index));
  }
}

/** The built paged site of this test run (its dist folder), built on first demand. */
export async function pagedSite(): Promise<string> {
  const root = path.join(inject('fixtureSiteRoot'), 'paged');
  mkdirSync(root, { recursive: true });
  const fiches = path.join(root, 'fiches');
  const dist = path.join(root, 'dist');
  await buildOnce(root, async () => {
    writePagedFiches(fiches);
    await buildSite({ fiches, outDir: dist, cacheDir: path.join(root, 'cache') });
  });
  return dist;
}
