/**
 * Keys for Astro's incremental build (experimental.incrementalBuild, astro.config.mjs): a page whose
 * key and code are unchanged since the last build is copied from the cache instead of being
 * rendered. A key must therefore change whenever anything the page shows changes. Astro hashes the
 * code (components, src/lib) itself; the key covers the data: the fiche's file, what the page reads
 * beside it (the reference tables, the other fiches of its lignée and of its correspondences, its
 * entries in the journal, the date of the file's last commit) and the settings read from the
 * environment. Browse pages are keyed by
 * everything they are given (their props), so a changed title reaches every list that shows it.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_BRANCH, REPOSITORY_URL } from '../config.ts';
import type { FicheSummary } from '../schema/summary.ts';
import { REFERENTIELS_DIR, referentielTexts } from './referentiels.ts';

/** A fiche or its summary: what browse pages list. */
function isFiche(value: unknown): value is { numero_fiche: string; statut?: { actif?: boolean } } {
  return typeof value === 'object' && value !== null && 'numero_fiche' in value;
}

/**
 * Maps and sets as arrays, so that their content counts (JSON.stringify writes `{}`). With
 * `compact`, a list of fiches counts only by its numbers and statuses: a browse page shows the
 * fiches of its own page (`page.data`) whole, and of the rest of its list (a code's every fiche, a
 * certificateur's) only counts, so a title edited on page 1 of a list does not make its 40 other
 * pages new.
 */
function replacer(compact: boolean) {
  return (_key: string, value: unknown): unknown => {
    if (value instanceof Map) return { map: [...value] };
    if (value instanceof Set) return { set: [...value] };
    if (compact && Array.isArray(value) && isFiche(value[0])) {
      return value.map((fiche: unknown) =>
        isFiche(fiche) ? `${fiche.numero_fiche}:${fiche.statut?.actif ? 1 : 0}` : fiche,
      );
    }
    return value;
  };
}

function digest(parts: readonly unknown[], compact: boolean): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(JSON.stringify(part, replacer(compact)) ?? 'undefined').update('\u0000');
  }
  return hash.digest('hex').slice(0, 32);
}

/** A short, stable digest of any values made of JSON, maps and sets. */
export function cacheKey(...parts: unknown[]): string {
  return digest(parts, false);
}

/** Paginated pages share their props (a code and all its fiches): each object is hashed once. */
const memo = new WeakMap<object, string>();

function sharedKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return digest([value], true);
  let key = memo.get(value);
  if (key === undefined) memo.set(value, (key = digest([value], true)));
  return key;
}

/** A page of a paginated list: its own items whole (a fiche's title shows), the rest as counts. */
function pageKey(page: { data?: unknown }): string {
  const items = Array.isArray(page.data) ? page.data : [];
  return digest(
    [
      { ...page, data: undefined },
      items.map((item) => (isFiche(item) ? cacheKey(item) : sharedKey(item))),
    ],
    false,
  );
}

/** A fiche of the catalogue as the build holds it: its summary, and the digest of its file. */
export interface CatalogueEntry {
  digest?: string | number | undefined;
  data: FicheSummary;
}

/**
 * What a fiche's page shows of other fiches, for its key. Its direct predecessors and successors by
 * their digest: their files are read whole to say what changes between them (src/lib/ce-qui-change.ts).
 * The later generations by what the lignée's timeline shows of them (title, status, level, dates),
 * the fiches its blocs correspond to by their title. A fiche not in the catalogue counts as null:
 * the page links it to France Compétences instead, and the key changes when it joins.
 */
export function ficheNeighboursKey(
  fiche: FicheSummary,
  catalogue: (numero: string) => CatalogueEntry | undefined,
): string {
  const numeros = (liens: readonly { numero: string }[] | undefined) =>
    (liens ?? []).map((l) => l.numero);
  const l = fiche.lignee;
  const direct = [...numeros(l?.precedentes), ...numeros(l?.suivantes)].map(
    (numero) => [numero, catalogue(numero)?.digest ?? null] as const,
  );
  const timeline = numeros(l?.ulterieures).map((numero) => {
    const data = catalogue(numero)?.data;
    return [
      numero,
      data
        ? [data.intitule, data.statut.actif, data.niveau?.europe ?? null, data.dates ?? null]
        : null,
    ] as const;
  });
  const correspondantes = (fiche.fiches_correspondantes ?? []).map(
    (numero) => [numero, catalogue(numero)?.data.intitule ?? null] as const,
  );
  return cacheKey(direct, timeline, correspondantes);
}

/** The settings that change pages without being in Astro's configuration. */
export function settingsKey(): string {
  return cacheKey(REPOSITORY_URL, DEFAULT_BRANCH);
}

let referentiels: string | undefined;

/** The generated reference tables (ROME, NSF, niveaux), whose labels the pages show. */
export function referentielsKey(dir: string = REFERENTIELS_DIR): string {
  if (referentiels !== undefined && dir === REFERENTIELS_DIR) return referentiels;
  const key = cacheKey(...referentielTexts(dir));
  if (dir === REFERENTIELS_DIR) referentiels = key;
  return key;
}

/**
 * Adds a key to each path of a route, from everything the page receives (its props) and what
 * `context` adds for it (a fiche's digest, for a page that reads the fiche's file).
 */
export function keyedByProps<T extends { props?: object }>(
  paths: readonly T[],
  context: (item: T) => unknown = () => null,
): (T & { cacheKey: string })[] {
  const shared = cacheKey(settingsKey(), referentielsKey());
  return paths.map((item) => {
    const props = Object.entries(item.props ?? {}).map(([name, value]) => [
      name,
      name === 'page' && typeof value === 'object' && value !== null
        ? pageKey(value)
        : sharedKey(value),
    ]);
    return { ...item, cacheKey: cacheKey(shared, props, context(item)) };
  });
}
