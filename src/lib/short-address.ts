/**
 * Short addresses, the ones people type: `/RNCP6133/`, `/rncp6133`, `/RS5000/`, `/rncp-6133/` lead
 * to the fiche's page, `/rncp/6133/`. No page is built for them (docs/hosting.md, « Adresses
 * courtes »): the host's rules in `_redirects` answer them where the host reads that file
 * (src/integrations/redirects.ts writes it with `redirectRules`), and the 404 page everywhere else
 * (src/client/not-found.ts reads its own address with `shortAddressOf`).
 *
 * Runs in the browser too, so it imports nothing but types: the 404 page's script stays under 1 kB.
 * The search's reader of codes (src/lib/code-lookup.ts) would do, but would more than double it; a
 * path segment needs only its fiche pattern, which tests/short-address-lib.test.ts checks the two
 * agree on.
 */
import type { Repertoire } from '../schema/codes.ts';

export interface ShortAddress {
  repertoire: Repertoire;
  /** Without leading zeros: `6133`. */
  numero: number;
  /** The fiche's page on this site: `/rncp/6133/` (as ficheUrl of src/lib/fiche.ts). */
  path: string;
  /** In words, as the site writes it: `RNCP 6133`. */
  label: string;
  /** The fiche at France Compétences (as franceCompetencesUrl of src/lib/fiche.ts). */
  franceCompetences: string;
}

/** One path segment, with its trailing slash, or the `index.html` of the old redirect pages. */
const SEGMENT = /^\/([^/]+)(?:\/(?:index\.html)?)?$/i;
/**
 * A fiche number as code-lookup.ts reads it: up to six digits, leading zeros dropped, maybe a
 * separator, maybe a bloc de compétences (`RNCP34762BC01`, which belongs to its fiche).
 */
const FICHE = /^(rncp|rs)\s*[-_:#]?\s*0*([1-9]\d{0,5})(?:bc\d{2,3})?$/i;

/**
 * The fiche a short address names, or undefined when the address is not one: `/RNCP6133/`,
 * `/rncp6133`, `/Rncp6133/`, `/RNCP-6133/`, `/rncp%206133`, `/RNCP06133/`, `/RNCP34762BC01/` (a bloc
 * leads to its fiche) and `/RNCP6133/index.html` all name RNCP 6133. A bare number (`/6133/`, RNCP or
 * RS?), a ROME code, two segments (`/rncp/6133/`, the page itself) name none.
 */
export function shortAddressOf(pathname: string): ShortAddress | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const match = FICHE.exec(SEGMENT.exec(decoded)?.[1]?.trim() ?? '');
  return match ? fiche(match[1]!.toUpperCase() as Repertoire, Number(match[2])) : undefined;
}

function fiche(repertoire: Repertoire, numero: number): ShortAddress {
  const section = repertoire.toLowerCase();
  return {
    repertoire,
    numero,
    path: `/${section}/${numero}/`,
    label: `${repertoire} ${numero}`,
    franceCompetences: `https://www.francecompetences.fr/recherche/${section}/${numero}/`,
  };
}

/**
 * A built fiche page, `/rncp/6133/` or `rs/5000/` as Astro lists it; anything else (a fiche's
 * partners' pages, the API's JSON) is not.
 */
const FICHE_PAGE = /^\/?(rncp|rs)\/([1-9]\d{0,5})\/?$/;

/** The fiches of a built site, from its page paths, in order: RNCP then RS, by number. */
export function builtFiches(pathnames: Iterable<string>): ShortAddress[] {
  const found = new Map<string, ShortAddress>();
  for (const pathname of pathnames) {
    const match = FICHE_PAGE.exec(pathname);
    if (!match) continue;
    const entry = fiche(match[1] === 'rs' ? 'RS' : 'RNCP', Number(match[2]));
    found.set(entry.path, entry);
  }
  return [...found.values()].sort((a, b) =>
    a.repertoire === b.repertoire ? a.numero - b.numero : a.repertoire === 'RNCP' ? -1 : 1,
  );
}

export const REDIRECTS_FILE = '_redirects';

/**
 * The `_redirects` file (Netlify's format, which Cloudflare Pages also reads) for the fiche pages of
 * a built site: `/RNCP6133 /rncp/6133/ 301` and `/rncp6133 /rncp/6133/ 301` for each. Netlify matches
 * a rule with or without the trailing slash, so one line per case form is enough; other spellings
 * (`/Rncp6133/`, `/RNCP-6133/`) and hosts that ignore the file are left to the 404 page.
 */
export function redirectRules(pathnames: Iterable<string>): string {
  const lines = [
    '# Adresses courtes des fiches : /RNCP6133 et /rncp6133 mènent à /rncp/6133/.',
    '# Écrit à la construction par src/integrations/redirects.ts (voir docs/hosting.md).',
  ];
  for (const { repertoire, numero, path } of builtFiches(pathnames)) {
    lines.push(`/${repertoire}${numero} ${path} 301`);
    lines.push(`/${repertoire.toLowerCase()}${numero} ${path} 301`);
  }
  return lines.join('\n') + '\n';
}
