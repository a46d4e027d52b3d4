/**
 * What a fiche page needs that is derived from the fiche's data: addresses, labels, the lignée, the
 * body split into its sections. Pure functions, unit-tested without Astro.
 */
import type { RootContent } from 'mdast';
import { splitNumeroFiche } from '../schema/codes.ts';
import type { Habilitation, Lien } from '../schema/fiche.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { type SectionKey, sectionKeyOf } from '../schema/sections.ts';
import { parseMarkdown } from './validate/markdown.ts';

/** `/rncp/6133/`, `/rs/5000/`: the fiche's permanent address on this site. */
export function ficheUrl(numero: string): string {
  const { repertoire, numero: n } = splitNumeroFiche(numero);
  return `/${repertoire.toLowerCase()}/${n}/`;
}

/**
 * Partners shown on the fiche page itself; a longer list (some fiches have over 2,000) goes to its
 * own paginated pages, `/rncp/N/partenaires/`, so that the fiche stays under 50 kB (docs/bench.md).
 */
export const PARTENAIRES_SUR_FICHE = 100;
export const PARTENAIRES_PAR_PAGE = 500;

/** `/rncp/6133/partenaires/`: every partner of a fiche with a long list. */
export function partenairesUrl(numero: string): string {
  return `${ficheUrl(numero)}partenaires/`;
}

/** What a partner organisation is allowed to do, for each value of the export (src/schema/fiche.ts). */
export const HABILITATIONS: Readonly<Record<Habilitation, string>> = {
  HABILITATION_FORMER: 'préparer à la certification',
  HABILITATION_ORGANISER: "organiser l'évaluation",
  HABILITATION_ORGA_FORM: "préparer et organiser l'évaluation",
};

/** `RNCP 6133`, as people write it. */
export function displayNumero(numero: string): string {
  const { repertoire, numero: n } = splitNumeroFiche(numero);
  return `${repertoire} ${n}`;
}

/** The fiche on France Compétences' site, the current official address. */
export function franceCompetencesUrl(numero: string): string {
  const { repertoire, numero: n } = splitNumeroFiche(numero);
  return `https://www.francecompetences.fr/recherche/${repertoire.toLowerCase()}/${n}/`;
}

/** A link to another fiche, as the fiche page shows it (src/components/fiche/LienFiche.astro). */
export interface LienFiche {
  numero: string;
  /** `RNCP 6133`. */
  display: string;
  intitule?: string;
  /** This site's page when the fiche is in the catalogue, otherwise France Compétences'. */
  href: string;
  /** In the catalogue: `href` is this site's page. */
  internal: boolean;
}

export function lienFiche(numero: string, internal: boolean, intitule?: string): LienFiche {
  return {
    numero,
    display: displayNumero(numero),
    ...(intitule ? { intitule } : {}),
    href: internal ? ficheUrl(numero) : franceCompetencesUrl(numero),
    internal,
  };
}

/** The CNCP address of an old résumé descriptif (dead since 2019, shown as an archive). */
export function cncpUrl(numero: string): string {
  return `http://www.rncp.cncp.gouv.fr/grand-public/visualisationFiche?format=fr&fiche=${splitNumeroFiche(numero).numero}`;
}

/** France Travail's current page for a ROME code. */
export function franceTravailRomeUrl(code: string): string {
  return `https://candidat.francetravail.fr/metierscope/fiche-metier/${code}`;
}

/** The Pôle emploi address that old fiches cite for a ROME code (archived). */
export function poleEmploiRomeUrl(code: string): string {
  return `http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome=${code}`;
}

/** A stable address segment for a certificateur: the SIRET when known, else the name. */
export function certificateurSlug(certificateur: {
  nom: string;
  siret?: string | undefined;
}): string {
  if (certificateur.siret) return certificateur.siret;
  return certificateur.nom
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The fiches before and after this one in the line of its certification (its lignée). */
export interface Lignee {
  precedentes: Lien[];
  suivantes: Lien[];
  /** Later generations, oldest first, each naming the fiche it replaced. */
  ulterieures: Lien[];
  /** The most recent fiche of the line (the one to look at today), when the fiche was replaced. */
  plusRecente?: Lien;
}

export function lignee(fiche: FicheFacts): Lignee {
  const precedentes = fiche.lignee?.precedentes ?? [];
  const suivantes = fiche.lignee?.suivantes ?? [];
  const ulterieures = fiche.lignee?.ulterieures ?? [];
  const plusRecente = ulterieures.at(-1) ?? (suivantes.length === 1 ? suivantes[0] : undefined);
  return { precedentes, suivantes, ulterieures, ...(plusRecente ? { plusRecente } : {}) };
}

export type Sections = Partial<Record<SectionKey, RootContent[]>>;

/** The body's level-2 sections, by key; the validator guarantees the headings are known. */
export function splitSections(body: string | undefined): Sections {
  const sections: Sections = {};
  if (!body) return sections;
  let current: RootContent[] | undefined;
  for (const node of parseMarkdown(body).children) {
    if (node.type === 'heading' && node.depth <= 2) {
      const title = node.children.map((child) => ('value' in child ? child.value : '')).join('');
      const key = sectionKeyOf(title);
      current = key ? (sections[key] = []) : undefined;
    } else if (current) {
      current.push(node);
    }
  }
  return sections;
}

/** Sorts fiches active first, then by répertoire and number. */
export function compareFiches(a: FicheFacts, b: FicheFacts): number {
  if (a.statut.actif !== b.statut.actif) return a.statut.actif ? -1 : 1;
  const x = splitNumeroFiche(a.numero_fiche);
  const y = splitNumeroFiche(b.numero_fiche);
  return x.repertoire.localeCompare(y.repertoire) || x.numero - y.numero;
}
