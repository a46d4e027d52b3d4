/**
 * The certificateurs' browse pages (/certificateurs/): every certificateur of the catalogue with its
 * fiches, one entity per SIRET whatever the spelling each fiche gives it, and the alphabetical index
 * they are listed in. Pure functions, unit-tested without Astro (tests/unit/browse.test.ts).
 *
 * The rule (written out for readers on /certificateurs/, CertificateurIndexPage.astro):
 * - a certificateur given with a SIRET is the entity of that SIRET, under every spelling;
 * - one given without SIRET joins the entity of a SIRET when its name, case, accents, punctuation and
 *   plurals aside (nomNormalise), is the name of exactly one SIRET in the catalogue;
 * - otherwise (no SIRET has that name, or several do: homonymous establishments) it is kept apart,
 *   gathered with the other spellings of its name that have no SIRET either.
 */
import type { Certificateur, LienWeb } from '../schema/fiche.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { byFrequency, compareCodes } from './browse.ts';
import { certificateurSlug, compareFiches } from './fiche.ts';

/** French alphabetical order: case and accents ignored, numbers by value. */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export interface CertificateurGroup {
  /** Address segment: the SIRET when known, else certificateurSlug() of its name. */
  slug: string;
  /** The name most fiches give it. */
  nom: string;
  /** Other spellings found in the fiches, most frequent first. */
  autresNoms: string[];
  siret?: string;
  nomsCommerciaux: string[];
  /** Its sites, the most often given first (an address once, whatever fiche gives it). */
  sitesInternet: LienWeb[];
  /** Its fiches, active first, then by number. */
  fiches: FicheFacts[];
  actives: number;
  /** Another certificateur has the same name (another establishment): its SIRET tells them apart. */
  homonyme: boolean;
  /**
   * The other address segments its spellings have on their own (a name without SIRET joined to a
   * SIRET): the journal of changes recorded those (src/lib/journal/diff.ts).
   */
  alias: string[];
}

/** Words of 4 letters or more lose a final s or x: « ressources » reads as « ressource ». */
const singulier = (mot: string) => (mot.length > 3 ? mot.replace(/[sx]$/, '') : mot);

/**
 * A certificateur's name with case, accents, punctuation and plurals aside: « CENTRE RESSOURCES
 * AROBASE » and « Centre ressource Arobase » have the same. Built on certificateurSlug(), so that
 * the names of one address segment always have the same.
 */
export function nomNormalise(nom: string): string {
  return certificateurSlug({ nom }).split('-').map(singulier).join(' ');
}

type Nomme = Pick<Certificateur, 'nom' | 'siret'>;

/**
 * Which entity each certificateur of the fiches belongs to (see the module comment): the SIRET, or
 * `nom:` and its normalised name.
 */
export function entiteCertificateur(fiches: readonly FicheFacts[]): (c: Nomme) => string {
  const siretsParNom = new Map<string, Set<string>>();
  for (const fiche of fiches) {
    for (const c of fiche.certificateurs) {
      if (!c.siret) continue;
      const nom = nomNormalise(c.nom);
      let sirets = siretsParNom.get(nom);
      if (!sirets) siretsParNom.set(nom, (sirets = new Set()));
      sirets.add(c.siret);
    }
  }
  return (c) => {
    if (c.siret) return c.siret;
    const nom = nomNormalise(c.nom);
    const sirets = siretsParNom.get(nom);
    return sirets?.size === 1 ? [...sirets][0]! : `nom:${nom}`;
  };
}

/**
 * Every certificateur of the catalogue, one per entity (see the module comment), sorted by name in
 * French order. The active fiches come first, so on a tie their spelling wins.
 */
export function groupCertificateurs(fiches: readonly FicheFacts[]): CertificateurGroup[] {
  const entite = entiteCertificateur(fiches);
  const byKey = new Map<string, { fiches: FicheFacts[]; certificateurs: Certificateur[] }>();
  for (const fiche of [...fiches].sort(compareFiches)) {
    const seen = new Set<string>();
    for (const c of fiche.certificateurs) {
      const key = entite(c);
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { fiches: [], certificateurs: [] }));
      group.certificateurs.push(c);
      if (!seen.has(key)) group.fiches.push(fiche);
      seen.add(key);
    }
  }
  const groups = [...byKey.values()]
    .map(({ fiches: list, certificateurs }): CertificateurGroup => {
      const [nom = '', ...autresNoms] = byFrequency(certificateurs.map((c) => c.nom));
      const siret = certificateurs.find((c) => c.siret)?.siret;
      const slug = siret ?? certificateurSlug({ nom });
      return {
        slug,
        nom,
        autresNoms,
        ...(siret ? { siret } : {}),
        nomsCommerciaux: byFrequency(certificateurs.flatMap((c) => c.nom_commercial ?? [])),
        sitesInternet: sitesInternet(certificateurs),
        fiches: list,
        actives: list.filter((f) => f.statut.actif).length,
        homonyme: false,
        alias: [...new Set(certificateurs.map(certificateurSlug))].filter((a) => a !== slug),
      };
    })
    .sort((a, b) => collator.compare(a.nom, b.nom) || compareCodes(a.slug, b.slug));
  const count = new Map<string, number>();
  const nameKey = (g: CertificateurGroup) => nomNormalise(g.nom);
  for (const g of groups) count.set(nameKey(g), (count.get(nameKey(g)) ?? 0) + 1);
  for (const g of groups) g.homonyme = count.get(nameKey(g))! > 1;
  return groups;
}

/**
 * Each certificateur by every address segment its spellings have on their own (certificateurSlug()
 * of a fiche's certificateur): where a fiche's certificateur leads, and under which name.
 */
export function certificateurParSlug(
  groups: readonly CertificateurGroup[],
): Map<string, CertificateurGroup> {
  const bySlug = new Map<string, CertificateurGroup>();
  for (const g of groups) for (const slug of [g.slug, ...g.alias]) bySlug.set(slug, g);
  return bySlug;
}

/** The sites the fiches give a certificateur: one per address (or text), the most frequent first. */
function sitesInternet(certificateurs: readonly Certificateur[]): LienWeb[] {
  const liens = certificateurs.flatMap((c) => c.site_internet ?? []);
  const key = (l: LienWeb) => l.url ?? `texte:${l.libelle ?? ''}`;
  const first = new Map<string, LienWeb>();
  for (const l of liens) if (!first.has(key(l))) first.set(key(l), l);
  return byFrequency(liens.map(key)).map((k) => first.get(k)!);
}

/** The letter a name is filed under: A to Z, accents ignored, or `#` for a digit or a sign. */
export function initiale(nom: string): string {
  const first = nom.normalize('NFD').replace(/\p{M}/gu, '').trim().charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first) ? first : '#';
}

/** For an alphabetical list cut into pages: the page where each initial starts, in order. */
export function pagesParInitiale(noms: readonly string[], pageSize: number): Map<string, number> {
  const pages = new Map<string, number>();
  noms.forEach((nom, i) => {
    const lettre = initiale(nom);
    if (!pages.has(lettre)) pages.set(lettre, Math.floor(i / pageSize) + 1);
  });
  return pages;
}

/** Consecutive items of an alphabetical list grouped under their initial. */
export function parInitiale<T>(
  items: readonly T[],
  nom: (item: T) => string,
): { lettre: string; items: T[] }[] {
  const groups: { lettre: string; items: T[] }[] = [];
  for (const item of items) {
    const lettre = initiale(nom(item));
    const last = groups.at(-1);
    if (last?.lettre === lettre) last.items.push(item);
    else groups.push({ lettre, items: [item] });
  }
  return groups;
}
