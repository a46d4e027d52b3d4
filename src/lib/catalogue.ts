/**
 * Every content query of the site, in one place: pages ask this module for ready data and hold no
 * logic of their own.
 *
 * Just over 300 lines: the one module pages ask for data, so that no page holds logic; each view's
 * computation lives in its own module (browse.ts, code-tree.ts, certificateurs.ts, ce-qui-change.ts…).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { splitNumeroFiche } from '../schema/codes.ts';
import type { Fiche, Lien } from '../schema/fiche.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { FICHES_DIR, ficheFile } from '../config.ts';
import { cacheKey, ficheNeighboursKey, referentielsKey, settingsKey } from './cache-keys.ts';
import { ceQuiChange, type Comparaison } from './ce-qui-change.ts';
import { ligneeTimeline, type FicheLookup, type LigneeTimeline } from './charts/lignee.ts';
import { correspondanceRows, type CorrespondanceRow } from './correspondances.ts';
import { historiquesParFiche, type EntreeHistorique } from './journal/fiche-history.ts';
import { readFiche } from './fiche-file.ts';
import { lastUpdate } from './git-dates.ts';
import {
  certificateurSlug,
  compareFiches,
  displayNumero,
  ficheUrl,
  franceCompetencesUrl,
  lienFiche,
  lignee,
  splitSections,
  type LienFiche,
  type Sections,
} from './fiche.ts';
import {
  appellationsByCode,
  loadAppellations,
  loadReferentiels,
  normalizeLibelle,
  type NiveauEntry,
  type NiveauxReferentiel,
  type NsfEntry,
  type NsfLettre,
  type RomeEntry,
} from './referentiels.ts';
import { indexFiches, sortFiches, type Ordre } from './browse.ts';
import {
  certificateurParSlug,
  groupCertificateurs,
  type CertificateurGroup,
} from './certificateurs.ts';
import {
  buildCodeTree,
  fichesEmploi,
  nsfCodesOf,
  nsfPlaceholder,
  romeCodesOf,
  romePlaceholder,
  type CodeTree,
} from './code-tree.ts';
import { groupFormacodes, type FormacodeGroup } from './formacodes.ts';
import { SANS_NIVEAU, niveauKey } from './niveau.ts';

/** Computes a value at most once per build. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= compute());
}

export type FicheEntry = CollectionEntry<'fiches'>;

/** All fiches (their summaries: src/schema/summary.ts), active first, then by répertoire and number. */
export const getFiches = once(async (): Promise<FicheEntry[]> =>
  (await getCollection('fiches')).sort((a, b) => compareFiches(a.data, b.data)),
);

/** Every fiche of the catalogue (its summary and digest) by number: its own page and the pages that link it. */
export const getFicheIndex = once(
  async () => new Map((await getFiches()).map((e) => [e.data.numero_fiche, e])),
);

/**
 * Each fiche's « Historique des modifications » from the journal, by number. Read here rather than
 * through ./journal/collection.ts, which asks this module for the certificateurs.
 */
const getHistoriques = once(async () =>
  historiquesParFiche((await getCollection('journal')).map((e) => e.data)),
);

/** The route parameters of a fiche's pages: `/rncp/6133/` is `{ repertoire: 'rncp', numero: '6133' }`. */
export function ficheParams(numeroFiche: string): { repertoire: string; numero: string } {
  const { repertoire, numero } = splitNumeroFiche(numeroFiche);
  return { repertoire: repertoire.toLowerCase(), numero: String(numero) };
}

/**
 * The incremental build's key of what is made of one fiche's file alone (its JSON document): the
 * file's digest, the date of its last commit and the settings (src/lib/cache-keys.ts).
 */
export function ficheFileKey(entry: FicheEntry): string {
  return cacheKey(
    entry.digest,
    lastUpdate(ficheFile(entry.data.numero_fiche).localPath, FICHES_DIR),
    settingsKey(),
  );
}

/**
 * The incremental build's key of a fiche's page: its file, what it shows of the other fiches of
 * its lignée and correspondences, the page and name of each of its certificateurs (which other
 * fiches decide: ./certificateurs.ts), its « Historique des modifications » from the journal, and
 * the reference tables whose labels it shows.
 */
export async function ficheCacheKey(entry: FicheEntry): Promise<string> {
  const [index, entites, historiques] = await Promise.all([
    getFicheIndex(),
    getCertificateurParSlug(),
    getHistoriques(),
  ]);
  const historique = historiques.get(entry.data.numero_fiche) ?? [];
  return cacheKey(
    ficheFileKey(entry),
    ficheNeighboursKey(entry.data, (numero) => index.get(numero)),
    entry.data.certificateurs.map((c) => {
      const entite = entites.get(certificateurSlug(c));
      return [entite?.slug, entite?.nom];
    }),
    historique.map((h) => [h.date, h.changements]),
    referentielsKey(),
  );
}

interface RefMaps {
  rome: Map<string, RomeEntry>;
  nsf: Map<string, NsfEntry>;
  niveaux: Map<string, NiveauEntry>;
}

/** The reference tables (ROME, NSF, niveaux) as loadReferentiels reads them, keyed by code. */
export const getReferentiels = once(async (): Promise<RefMaps> => {
  const { rome, nsf, niveaux } = loadReferentiels();
  const byCode = <T>(entrees: Readonly<Record<string, T>>) => new Map(Object.entries(entrees));
  return { rome: byCode(rome.entrees), nsf: byCode(nsf.entrees), niveaux: byCode(niveaux.entrees) };
});

export interface CodeView {
  code: string;
  /** The label written in the fiche (historical). */
  libelle?: string;
  /** The current referential's label, when it differs from the fiche's. */
  libelleActuel?: string;
  href: string;
}

/** A fiche of the lignée, linked (src/lib/fiche.ts, lienFiche), with what this fiche says of it. */
export interface LienView extends LienFiche {
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
  /** Each certificateur as the fiche writes it, with the page of its entity and that page's name. */
  certificateurs: (Fiche['certificateurs'][number] & { href: string; entite: string })[];
  lignee: {
    precedentes: LienView[];
    suivantes: LienView[];
    ulterieures: LienView[];
    plusRecente?: LienView;
  };
  /** The lignée as a timeline; none when the fiche has neither predecessor nor successor. */
  timeline: LigneeTimeline | undefined;
  /** « Ce qui change » with each direct predecessor and successor. */
  ceQuiChange: Comparaison[];
  /** The bloc correspondences of the export, each other fiche resolved. */
  correspondances: CorrespondanceRow[];
  /** « Historique des modifications »: the fiche's changes in the journal, the newest first. */
  modifications: EntreeHistorique[];
}

/**
 * The fiches of a fiche's lignée that are in the catalogue, read whole from their files (its direct
 * predecessors and successors, which « Ce qui change » compares). One page at a time: the build
 * never holds more than a page's few fiches.
 */
async function readVoisines(fiche: Fiche, index: Map<string, FicheEntry>) {
  const l = lignee(fiche);
  const entries = [...l.precedentes, ...l.suivantes].flatMap((lien) => {
    const entry = index.get(lien.numero);
    return entry ? [entry] : [];
  });
  const fiches = await Promise.all(entries.map(async (e) => (await readFiche(e.id)).fiche));
  return new Map(fiches.map((f) => [f.numero_fiche, f]));
}

/** Everything the fiche page shows, resolved: labels, links, lignée; the fiche is read from its file. */
export async function ficheView(id: string): Promise<FicheView> {
  const { fiche, body } = await readFiche(id);
  const { rome, nsf, niveaux } = await getReferentiels();
  const index = await getFicheIndex();
  const lookup: FicheLookup = (numero) => index.get(numero)?.data;
  const entites = await getCertificateurParSlug();
  const lien = (l: Lien): LienView => ({
    ...lienFiche(l.numero, index.has(l.numero), l.intitule),
    ...(l.precedente ? { precedente: displayNumero(l.precedente) } : {}),
    ...(l.niveau_europe ? { niveau_europe: l.niveau_europe } : {}),
    ...(l.certificateur ? { certificateur: l.certificateur } : {}),
  });
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
  const l = lignee(fiche);
  const levelEntry =
    fiche.niveau?.europe === undefined ? undefined : niveaux.get(String(fiche.niveau.europe));
  return {
    fiche,
    display: displayNumero(fiche.numero_fiche),
    url: ficheUrl(fiche.numero_fiche),
    franceCompetences: franceCompetencesUrl(fiche.numero_fiche),
    sections: splitSections(body),
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
    certificateurs: fiche.certificateurs.map((c) => {
      const entite = entites.get(certificateurSlug(c));
      return {
        ...c,
        href: `/certificateurs/${entite?.slug ?? certificateurSlug(c)}/`,
        entite: entite?.nom ?? c.nom,
      };
    }),
    lignee: {
      precedentes: l.precedentes.map(lien),
      suivantes: l.suivantes.map(lien),
      ulterieures: l.ulterieures.map(lien),
      ...(l.plusRecente ? { plusRecente: lien(l.plusRecente) } : {}),
    },
    timeline: ligneeTimeline(fiche, lookup),
    ceQuiChange: ceQuiChange(fiche, await readVoisines(fiche, index)),
    correspondances: correspondanceRows(fiche, lookup),
    modifications: (await getHistoriques()).get(fiche.numero_fiche) ?? [],
  };
}

// Browse pages (/rome/, /nsf/, /niveaux/, /certificateurs/, /formacodes/, /fiches/): the indexes of
// ./browse.ts, ./code-tree.ts, ./certificateurs.ts and ./formacodes.ts over the whole catalogue,
// each computed once per build.
const fichesData = once(async () => (await getFiches()).map((entry) => entry.data));

/** Grand domaine → domaine professionnel → code, every ROME code with the fiches citing it. */
export const getRomeTree = once(async (): Promise<CodeTree<RomeEntry>> => {
  const [fiches, { rome }] = await Promise.all([fichesData(), getReferentiels()]);
  return buildCodeTree(rome.values(), fiches, romeCodesOf, romePlaceholder);
});

/** The ROME 4.0 « fiches emploi » attached to each fiche, by the code of that fiche. */
export const getFichesEmploi = once(async () =>
  fichesEmploi((await getReferentiels()).rome.values()),
);

/** The ROME 4.0 job titles of each ROME code's page, by code. */
export const getAppellations = once(async () => appellationsByCode(loadAppellations()));

/** Catégorie → domaine → groupe → spécialité, every NSF code with the fiches citing it. */
export const getNsfTree = once(async (): Promise<CodeTree<NsfEntry>> => {
  const [fiches, { nsf }] = await Promise.all([fichesData(), getReferentiels()]);
  return buildCodeTree(nsf.values(), fiches, nsfCodesOf, nsfPlaceholder);
});

/** What the letter of an NSF spécialité means (`t`: a function, « Réalisation du service »). */
export function getNsfLettres(): Readonly<Record<string, NsfLettre>> {
  return loadReferentiels().nsf.lettres;
}

export interface NiveauxBrowse {
  /** Levels 1 to 8 of the cadre national, each with its fiches. */
  niveaux: { entry: NiveauEntry; fiches: FicheFacts[] }[];
  /** Fiches without a level (most RS fiches, REPRISE, AUCUN). */
  sansNiveau: FicheFacts[];
  /** The export's label of each « no level » value. */
  libellesSansNiveau: NiveauxReferentiel['sans_niveau'];
}

export const getNiveaux = once(async (): Promise<NiveauxBrowse> => {
  const [fiches, { niveaux }] = await Promise.all([fichesData(), getReferentiels()]);
  const index = indexFiches(fiches, (fiche) => [niveauKey(fiche)]);
  return {
    niveaux: [...niveaux.values()]
      .sort((a, b) => a.europe - b.europe)
      .map((entry) => ({ entry, fiches: index.get(entry.code) ?? [] })),
    sansNiveau: index.get(SANS_NIVEAU) ?? [],
    libellesSansNiveau: loadReferentiels().niveaux.sans_niveau,
  };
});

/** Every certificateur, one per SIRET (else name), in French alphabetical order, with its fiches. */
export const getCertificateurs = once(async (): Promise<CertificateurGroup[]> =>
  groupCertificateurs(await fichesData()),
);

/** Each certificateur by the address segment of every spelling a fiche gives it. */
export const getCertificateurParSlug = once(async () =>
  certificateurParSlug(await getCertificateurs()),
);

/** Every Formacode the fiches cite, by code, with the label they write for it. */
export const getFormacodes = once(async (): Promise<FormacodeGroup[]> =>
  groupFormacodes(await fichesData()),
);

const ordered = new Map<Ordre, Promise<FicheFacts[]>>();

/** Every fiche in one of the orderings of /fiches/. */
export function getFichesOrdered(ordre: Ordre): Promise<FicheFacts[]> {
  let list = ordered.get(ordre);
  if (!list) ordered.set(ordre, (list = fichesData().then((fiches) => sortFiches(fiches, ordre))));
  return list;
}
