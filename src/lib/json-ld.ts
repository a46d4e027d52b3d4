/**
 * The fiche described with schema.org, for search engines and other readers of structured data: a
 * JSON-LD data block on each fiche page (src/components/FicheJsonLd.astro).
 */
import type {
  DefinedTerm,
  EducationalOccupationalCredential,
  Occupation,
  Organization,
  WithContext,
} from 'schema-dts';
import { BLOC_CODE, splitNumeroFiche, type Repertoire } from '../schema/codes.ts';
import type { FicheView } from './catalogue.ts';
import { franceCompetencesUrl } from './fiche.ts';

const CADRE_NATIONAL = 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000037964754';
const CATEGORIES: Record<Repertoire, string> = {
  RNCP: 'Certification professionnelle enregistrée au Répertoire national des certifications professionnelles (RNCP)',
  RS: 'Certification enregistrée au Répertoire spécifique (RS)',
};

/**
 * The fiche as an EducationalOccupationalCredential. schema.org gives a credential no
 * occupationalCategory: the ROME codes are the occupationalCategory of the occupations it is `about`.
 */
export function ficheJsonLd(
  view: FicheView,
  site: URL,
): WithContext<EducationalOccupationalCredential> {
  const { fiche } = view;
  const { repertoire } = splitNumeroFiche(fiche.numero_fiche);
  const url = new URL(view.url, site).href;
  const europe = fiche.niveau?.europe;
  const recognizedBy: Organization[] = [
    ...fiche.certificateurs.map((c): Organization => {
      const urls = (c.site_internet ?? []).flatMap((l) => l.url ?? []);
      return {
        '@type': 'Organization',
        name: c.nom,
        ...(c.siret
          ? { identifier: { '@type': 'PropertyValue', propertyID: 'SIRET', value: c.siret } }
          : {}),
        ...(urls.length > 0 ? { url: urls.length === 1 ? urls[0] : urls } : {}),
      };
    }),
    {
      '@type': 'GovernmentOrganization',
      name: 'France Compétences',
      url: 'https://www.francecompetences.fr/',
    },
  ];
  const competencies: DefinedTerm[] = (fiche.blocs ?? []).map((b) => ({
    '@type': 'DefinedTerm',
    name: b.libelle,
    ...(BLOC_CODE.test(b.code) ? { termCode: b.code } : {}),
  }));
  const occupations: Occupation[] = view.rome.map((r) => ({
    '@type': 'Occupation',
    name: r.libelleActuel ?? r.libelle ?? r.code,
    occupationalCategory: {
      '@type': 'CategoryCode',
      codeValue: r.code,
      ...(r.libelle ? { name: r.libelle } : {}),
      inCodeSet: {
        '@type': 'CategoryCodeSet',
        name: 'ROME, Répertoire opérationnel des métiers et des emplois (France Travail)',
      },
    },
  }));
  return {
    '@context': 'https://schema.org',
    '@type': 'EducationalOccupationalCredential',
    '@id': `${url}#certification`,
    name: fiche.intitule,
    url,
    sameAs: franceCompetencesUrl(fiche.numero_fiche),
    inLanguage: 'fr',
    identifier: { '@type': 'PropertyValue', propertyID: repertoire, value: fiche.numero_fiche },
    credentialCategory: {
      '@type': 'DefinedTerm',
      name: CATEGORIES[repertoire],
      termCode: repertoire,
    },
    ...(europe !== undefined
      ? {
          educationalLevel: {
            '@type': 'DefinedTerm',
            name: `Niveau ${europe} du cadre national des certifications professionnelles`,
            termCode: String(europe),
            inDefinedTermSet: CADRE_NATIONAL,
          },
        }
      : {}),
    recognizedBy,
    ...(competencies.length ? { competencyRequired: competencies } : {}),
    ...(occupations.length ? { about: occupations } : {}),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` data block: `<` is written `\u003c`, so no text of
 * a fiche can close the script element or open a comment in it.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
