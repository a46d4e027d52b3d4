/**
 * Every content query of the site, in one place: pages ask this module for ready data and hold no
 * logic of their own.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { splitNumeroFiche } from '../schema/codes.ts';
import type { Fiche, Lien } from '../schema/fiche.ts';
import {
  certificateurSlug,
  compareFiches,
  displayNumero,
  ficheUrl,
  franceCompetencesUrl,
  lineage,
  splitSections,
  type Sections,
} from './fiche.ts';
import {
  normalizeLibelle,
  type NiveauEntry,
  type NsfEntry,
  type RomeEntry,
} from './referentiels.ts';

export type FicheEntry = CollectionEntry<'fiches'>;

let fichesPromise: Promise<FicheEntry[]> | undefined;

/** All fiches, active first, then by répertoire and number. */
export function getFiches(): Promise<FicheEntry[]> {
  fichesPromise ??= getCollection('fiches').then((entries) =>
    entries.sort((a, b) => compareFiches(a.data, b.data)),
  );
  return fichesPromise;
}

export async function getFichesOf(repertoire: 'RNCP' | 'RS'): Promise<FicheEntry[]> {
  return (await getFiches()).filter(
    (entry) => splitNumeroFiche(entry.data.numero_fiche).repertoire === repertoire,
  );
}

interface RefMaps {
  rome: Map<string, RomeEntry>;
  nsf: Map<string, NsfEntry>;
  niveaux: Map<string, NiveauEntry>;
}

/** A data collection's entries by code; their shape is the generated table's (src/lib/referentiels.ts). */
async function indexed<T>(name: 'rome' | 'nsf' | 'niveaux'): Promise<Map<string, T>> {
  const entries = await getCollection(name);
  return new Map(entries.map((entry) => [entry.id, entry.data as unknown as T]));
}

let refs: Promise<RefMaps> | undefined;

/** The reference tables (ROME, NSF, niveaux), keyed by code. */
export function getReferentiels(): Promise<RefMaps> {
  refs ??= Promise.all([
    indexed<RomeEntry>('rome'),
    indexed<NsfEntry>('nsf'),
    indexed<NiveauEntry>('niveaux'),
  ]).then(([rome, nsf, niveaux]) => ({ rome, nsf, niveaux }));
  return refs;
}

export interface CodeView {
  code: string;
  /** The label written in the fiche (historical). */
  libelle?: string;
  /** The current referential's label, when it differs from the fiche's. */
  libelleActuel?: string;
  href: string;
}

export interface LienView {
  numero: string;
  display: string;
  intitule?: string;
  /** This site's page when the fiche is in the catalogue, otherwise France Compétences'. */
  href: string;
  internal: boolean;
  precedente?: string;
  niveau_europe?: number;
  certificateur?: string;
}

export interface FicheView {
  fiche: Fiche;
  display: string;
  url: string;
  franceCompetences: string;
  sections: Sections;
  rome: CodeView[];
  nsf: CodeView[];
  niveau?: Fiche['niveau'] & { description?: string | undefined; href?: string | undefined };
  certificateurs: (Fiche['certificateurs'][number] & { href: string })[];
  lignee: {
    precedentes: LienView[];
    suivantes: LienView[];
    ulterieures: LienView[];
    plusRecente?: LienView;
  };
}

/** Everything the fiche page shows, resolved: labels, links, lineage. */
export async function ficheView(entry: FicheEntry): Promise<FicheView> {
  const fiche = entry.data;
  const { rome, nsf, niveaux } = await getReferentiels();
  const known = new Set((await getFiches()).map((e) => e.data.numero_fiche));
  const lien = (l: Lien): LienView => {
    const internal = known.has(l.numero);
    return {
      numero: l.numero,
      display: displayNumero(l.numero),
      href: internal ? ficheUrl(l.numero) : franceCompetencesUrl(l.numero),
      internal,
      ...(l.intitule ? { intitule: l.intitule } : {}),
      ...(l.precedente ? { precedente: displayNumero(l.precedente) } : {}),
      ...(l.niveau_europe ? { niveau_europe: l.niveau_europe } : {}),
      ...(l.certificateur ? { certificateur: l.certificateur } : {}),
    };
  };
  const codeView = (
    code: string,
    libelle: string | undefined,
    current: string | undefined,
    href: string,
  ): CodeView => ({
    code,
    href,
    ...(libelle ? { libelle } : {}),
    ...(current && !(libelle && normalizeLibelle(libelle) === normalizeLibelle(current))
      ? { libelleActuel: current }
      : {}),
  });
  const l = lineage(fiche);
  const levelEntry =
    fiche.niveau?.europe === undefined ? undefined : niveaux.get(String(fiche.niveau.europe));
  return {
    fiche,
    display: displayNumero(fiche.numero_fiche),
    url: ficheUrl(fiche.numero_fiche),
    franceCompetences: franceCompetencesUrl(fiche.numero_fiche),
    sections: splitSections(entry.body),
    rome: (fiche.rome ?? []).map((r) => {
      const ref = rome.get(r.code);
      return codeView(r.code, r.libelle, ref?.libelle_v4 ?? ref?.libelle_v3, `/rome/${r.code}/`);
    }),
    nsf: (fiche.nsf ?? []).map((n) =>
      codeView(n.code, n.libelle, nsf.get(n.code)?.libelle, `/nsf/${n.code}/`),
    ),
    ...(fiche.niveau
      ? {
          niveau: {
            ...fiche.niveau,
            ...(levelEntry
              ? { description: levelEntry.description, href: `/niveaux/${levelEntry.code}/` }
              : {}),
          },
        }
      : {}),
    certificateurs: fiche.certificateurs.map((c) => ({
      ...c,
      href: `/certificateurs/${certificateurSlug(c)}/`,
    })),
    lignee: {
      precedentes: l.precedentes.map(lien),
      suivantes: l.suivantes.map(lien),
      ulterieures: l.ulterieures.map(lien),
      ...(l.plusRecente ? { plusRecente: lien(l.plusRecente) } : {}),
    },
  };
}
