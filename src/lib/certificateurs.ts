/**
 * The certificateurs' browse pages (/certificateurs/): every certificateur of the catalogue with its
 * fiches, grouped by SIRET (else by name) whatever the spelling each fiche gives it, and the
 * alphabetical index they are listed in. Pure functions, unit-tested without Astro
 * (tests/browse.test.ts).
 */
import type { Certificateur, LienWeb } from '../schema/fiche.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { byFrequency, compareCodes } from './browse.ts';
import { certificateurSlug, compareFiches } from './fiche.ts';

/** French alphabetical order: case and accents ignored, numbers by value. */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export interface CertificateurGroup {
  /** Address segment, from certificateurSlug(): the SIRET when known, else the name. */
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
}

/**
 * Every certificateur of the catalogue, by SIRET when the fiches give it, else by name, sorted by
 * name in French order. The active fiches come first, so on a tie their spelling wins.
 */
export function groupCertificateurs(fiches: readonly FicheFacts[]): CertificateurGroup[] {
  const bySlug = new Map<string, { fiches: FicheFacts[]; certificateurs: Certificateur[] }>();
  for (const fiche of [...fiches].sort(compareFiches)) {
    const seen = new Set<string>();
    for (const c of fiche.certificateurs) {
      const slug = certificateurSlug(c);
      let group = bySlug.get(slug);
      if (!group) bySlug.set(slug, (group = { fiches: [], certificateurs: [] }));
      group.certificateurs.push(c);
      if (!seen.has(slug)) group.fiches.push(fiche);
      seen.add(slug);
    }
  }
  const groups = [...bySlug]
    .map(([slug, { fiches: list, certificateurs }]): CertificateurGroup => {
      const [nom = slug, ...autresNoms] = byFrequency(certificateurs.map((c) => c.nom));
      const siret = certificateurs.find((c) => c.siret)?.siret;
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
      };
    })
    .sort((a, b) => collator.compare(a.nom, b.nom) || compareCodes(a.slug, b.slug));
  const count = new Map<string, number>();
  const nameKey = (g: CertificateurGroup) => certificateurSlug({ nom: g.nom });
  for (const g of groups) count.set(nameKey(g), (count.get(nameKey(g)) ?? 0) + 1);
  for (const g of groups) g.homonyme = count.get(nameKey(g))! > 1;
  return groups;
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
