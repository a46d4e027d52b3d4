/**
 * The two scopes of the search. By default it looks only among the active fiches, those a learner
 * can still obtain (a small index, quick to load); on request (`inactives=1` in the address), among
 * the inactive fiches as well, whose bundles are merged into the first (Pagefind's `mergeIndex`).
 *
 * Each scope is one or more Pagefind bundles written by the index step (./indexer.ts), which also
 * writes the manifest below: the search page reads it before loading any bundle. Runs in the
 * browser and in Node: no imports.
 */

export type ScopeName = 'actives' | 'inactives';

/** Where the index step writes the list of bundles, next to the codes (./codes-index.ts). */
export const SCOPES_MANIFEST_PATH = '/recherche/index.json';

/** The bundle of the active fiches, and the first (or only) one of the inactive fiches. */
export const BUNDLE_PATHS: Record<ScopeName, string> = {
  actives: '/pagefind/',
  inactives: '/pagefind-inactives/',
};

/** The address of the `n`th bundle (from 1) of a scope: `/pagefind-inactives/`, `/pagefind-inactives-2/`. */
export function bundlePath(scope: ScopeName, n: number): string {
  const first = BUNDLE_PATHS[scope];
  return n <= 1 ? first : `${first.slice(0, -1)}-${n}/`;
}

export interface ScopeEntry {
  /** Fiches indexed in this scope. */
  pages: number;
  /** Its bundles, site paths ending with `/`; none when the scope has no fiche. */
  bundles: string[];
}

export type ScopesManifest = Record<ScopeName, ScopeEntry>;

/** The bundles to load for a search, the first being the one whose script runs the search. */
export function bundlesFor(manifest: ScopesManifest, inactives: boolean): string[] {
  return [...manifest.actives.bundles, ...(inactives ? manifest.inactives.bundles : [])];
}

/** Reads a fetched manifest, refusing anything that is not one (a bundle path is a site path). */
export function parseScopesManifest(value: unknown): ScopesManifest {
  const scope = (name: ScopeName): ScopeEntry => {
    const entry = (value as Record<string, unknown> | null)?.[name] as
      Record<string, unknown> | undefined;
    const pages = entry?.['pages'];
    const bundles = entry?.['bundles'];
    if (
      typeof pages !== 'number' ||
      !Array.isArray(bundles) ||
      !bundles.every((b) => typeof b === 'string' && /^\/[a-z0-9-]+\/$/.test(b))
    ) {
      throw new Error(`${SCOPES_MANIFEST_PATH} : portée ${name} illisible`);
    }
    return { pages, bundles: bundles as string[] };
  };
  return { actives: scope('actives'), inactives: scope('inactives') };
}
