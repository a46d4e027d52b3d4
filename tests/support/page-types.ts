/**
 * Every kind of page the site has, once, with an address on the fixture site (tests/fixtures/site)
 * that shows it. The accessibility crawl, the CSP check and the page-weight budgets go through this
 * list; a test fails when the site builds a page that no type here stands for, so a new kind of page
 * is added here, with its address, in the same change.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The budget a page is held to by scripts/page-weight.ts. */
export type WeightClass = 'fiche' | 'page' | 'liste' | 'recherche' | 'introuvable';

export interface PageType {
  /** Short French name, shown in test names and in the page-weight table. */
  name: string;
  /** Address on the fixture site, with its query string if any. */
  path: string;
  /** The built pages (site paths such as `/rncp/6133/`) this type stands for. */
  routes: RegExp;
  /** Status the static host answers with. */
  status: number;
  weight: WeightClass;
  /** Once this selector matches, the page's script has done its work (the search has run). */
  settled?: string;
}

const fiche = (name: string, path: string, routes: RegExp): PageType => ({
  name,
  path,
  routes,
  status: 200,
  weight: 'fiche',
});
const page = (name: string, path: string, routes: RegExp): PageType => ({
  name,
  path,
  routes,
  status: 200,
  weight: 'page',
});
const liste = (name: string, path: string, routes: RegExp): PageType => ({
  name,
  path,
  routes,
  status: 200,
  weight: 'liste',
});
const recherche = (name: string, path: string, settled: string): PageType => ({
  name,
  path,
  routes: /^\/recherche\/$/,
  status: 200,
  weight: 'recherche',
  settled,
});

/** The 404 page, which the host serves for any address it has no file for. */
const introuvable = (name: string, path: string, settled?: string): PageType => ({
  name,
  path,
  routes: /^\/404\.html$/,
  status: 404,
  weight: 'introuvable',
  ...(settled ? { settled } : {}),
});

/** A browse page, paginated: `/rome/K1801/`, `/rome/K1801/2/`. */
const paged = (prefix: string, code: string) => new RegExp(`^/${prefix}/${code}/(\\d+/)?$`);

export const PAGE_TYPES: readonly PageType[] = [
  page('accueil', '/', /^\/$/),
  fiche('fiche active', '/rncp/9101/', /^\/rncp\/\d+\/$/),
  fiche('fiche inactive', '/rncp/6133/', /^\/rncp\/\d+\/$/),
  fiche('fiche RS', '/rs/9102/', /^\/rs\/\d+\/$/),
  // Replaced by a fiche of the catalogue (« Ce qui change », correspondences, lineage timeline),
  // absent from the export, with its « Historique des modifications ».
  fiche('fiche remplacée, sortie de l’export', '/rncp/9105/', /^\/rncp\/\d+\/$/),
  // A fiche with more than 100 partners lists them all on their own pages, 500 a page.
  liste('organismes partenaires', '/rncp/9104/partenaires/', /^\/(rncp|rs)\/\d+\/partenaires\/$/),
  liste(
    'organismes partenaires, page 2',
    '/rncp/9104/partenaires/2/',
    /^\/(rncp|rs)\/\d+\/partenaires\/\d+\/$/,
  ),
  liste('toutes les fiches', '/fiches/', /^\/fiches\/(\d+\/)?$/),
  liste('fiches par niveau', '/fiches/par-niveau/', /^\/fiches\/par-[a-z-]+\/(\d+\/)?$/),
  liste('métiers (ROME)', '/rome/', /^\/rome\/$/),
  liste('grand domaine ROME', '/rome/K/', paged('rome', '[A-N]')),
  liste('domaine ROME', '/rome/K18/', paged('rome', '[A-N]\\d{2}')),
  liste('code ROME', '/rome/K1801/', paged('rome', '[A-N]\\d{4}')),
  liste('spécialités (NSF)', '/nsf/', /^\/nsf\/$/),
  liste('domaine NSF', '/nsf/33/', paged('nsf', '\\d{1,3}')),
  liste('spécialité NSF', '/nsf/332t/', paged('nsf', '\\d{3}[a-z]')),
  liste('niveaux', '/niveaux/', /^\/niveaux\/$/),
  liste('niveau', '/niveaux/5/', paged('niveaux', '(\\d|sans-niveau)')),
  liste('certificateurs', '/certificateurs/', /^\/certificateurs\/(\d+\/)?$/),
  liste('certificateur', '/certificateurs/12345678900017/', paged('certificateurs', '[a-z0-9-]+')),
  liste('formacodes', '/formacodes/', /^\/formacodes\/(\d+\/)?$/),
  liste('formacode', '/formacodes/44028/', paged('formacodes', '\\d{5}')),
  liste('nouveautés', '/nouveautes/', /^\/nouveautes\/(\d+\/)?$/),
  liste('nouveautés par type', '/nouveautes/codes/', /^\/nouveautes\/[a-z-]+\/(\d+\/)?$/),
  recherche('recherche', '/recherche/', '#search-status:not(:empty)'),
  // Both scopes, the heavier search, and the one that has results on the committed catalogue
  // (RNCP 6133, inactive).
  recherche('recherche avec résultats', '/recherche/?q=K1801&inactives=1', '#search-results li a'),
  recherche('recherche sans résultat', '/recherche/?q=xylophone', '#search-status:not(:empty)'),
  page('données ouvertes', '/donnees/', /^\/donnees\/$/),
  page('contribuer', '/contribuer/', /^\/contribuer\/$/),
  page('champs d’une fiche', '/contribuer/champs/', /^\/contribuer\/champs\/$/),
  page('à propos', '/a-propos/', /^\/a-propos\/$/),
  introuvable('page introuvable', '/cette-page-n-existe-pas/'),
  // A short address (/RNCP6133/) has no page: the 404 page sends it on, or says, as here, that the
  // fiche is not in the catalogue (tests/site/short-address.test.ts).
  introuvable('fiche absente du catalogue', '/RNCP99999/', '#short-address a'),
];

/** The fiche of the fixture site whose title holds `<`, `>`, `&` and quotes. */
export const ODD_TITLE_FICHE = {
  path: '/rncp/9103/',
  intitule: 'Conducteur de véhicules < 3,5 t & "poids lourds" > 12 t',
  certificateur: 'Transports & logistique "Démo"',
};

export function pageType(name: string): PageType {
  const type = PAGE_TYPES.find((t) => t.name === name);
  if (!type) throw new Error(`Unknown page type « ${name} »`);
  return type;
}

/** The built HTML pages of the site at `root` that no page type stands for, as site paths. */
export function uncoveredPages(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => {
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      return (
        '/' +
        file
          .split(path.sep)
          .join('/')
          .replace(/(^|\/)index\.html$/, '$1')
      );
    })
    .filter((page) => !PAGE_TYPES.some((type) => type.routes.test(page)))
    .sort();
}
