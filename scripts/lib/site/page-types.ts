/**
 * Every kind of page the site has, once, with an address on the fixture site (tests/fixtures/site)
 * that shows it, or on the paged site (tests/support/paged-site.ts) for the second page of each
 * paginated list, and the short address that the 404 page sends on to a fiche. The accessibility
 * crawl, the CSP check and the page-weight budgets go through this list; a test fails when the site
 * builds a page that no type here stands for, so a new kind of page is added here, with its address,
 * in the same change.
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
  /**
   * Once this selector (Playwright's CSS, `:text-matches()` included) matches, the page's script has
   * done its work and reached the state this type stands for: a search that failed never matches.
   */
  settled?: string;
  /** The site that has the address: the fixture site (default), or the paged site. */
  site?: 'paged';
  /** Where the page sends the reader (a short address): the crawl follows and checks that page. */
  landsOn?: string;
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
/** The search, settled in the state of the address's query (see `settled`). */
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

/** The second page of a paginated list type, on the paged site. */
const page2 = (type: PageType, path: string): PageType => ({
  ...type,
  name: `${type.name}, page 2`,
  path,
  site: 'paged',
});

/** What the search status says once the search has run: the state, not just any text. */
const status = (pattern: string) => `#search-status:text-matches("${pattern}")`;

const LISTES = {
  fiches: liste('toutes les fiches', '/fiches/', /^\/fiches\/(\d+\/)?$/),
  parNiveau: liste('fiches par niveau', '/fiches/par-niveau/', /^\/fiches\/par-[a-z-]+\/(\d+\/)?$/),
  grandDomaineRome: liste('grand domaine ROME', '/rome/K/', paged('rome', '[A-N]')),
  domaineRome: liste('domaine ROME', '/rome/K18/', paged('rome', '[A-N]\\d{2}')),
  codeRome: liste('code ROME', '/rome/K1801/', paged('rome', '[A-N]\\d{4}')),
  domaineNsf: liste('domaine NSF', '/nsf/33/', paged('nsf', '\\d{1,3}')),
  specialiteNsf: liste('spécialité NSF', '/nsf/332t/', paged('nsf', '\\d{3}[a-z]')),
  niveau: liste('niveau', '/niveaux/5/', paged('niveaux', '(\\d|sans-niveau)')),
  certificateurs: liste('certificateurs', '/certificateurs/', /^\/certificateurs\/(\d+\/)?$/),
  certificateur: liste(
    'certificateur',
    '/certificateurs/12345678900017/',
    paged('certificateurs', '[a-z0-9-]+'),
  ),
  formacodes: liste('formacodes', '/formacodes/', /^\/formacodes\/(\d+\/)?$/),
  formacode: liste('formacode', '/formacodes/44028/', paged('formacodes', '\\d{5}')),
};

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
  LISTES.fiches,
  LISTES.parNiveau,
  liste('métiers (ROME)', '/rome/', /^\/rome\/$/),
  LISTES.grandDomaineRome,
  LISTES.domaineRome,
  LISTES.codeRome,
  liste('spécialités (NSF)', '/nsf/', /^\/nsf\/$/),
  LISTES.domaineNsf,
  LISTES.specialiteNsf,
  liste('niveaux', '/niveaux/', /^\/niveaux\/$/),
  LISTES.niveau,
  LISTES.certificateurs,
  LISTES.certificateur,
  LISTES.formacodes,
  LISTES.formacode,
  liste('nouveautés', '/nouveautes/', /^\/nouveautes\/(\d+\/)?$/),
  liste('nouveautés par type', '/nouveautes/codes/', /^\/nouveautes\/[a-z-]+\/(\d+\/)?$/),
  // A blank search invites the reader to type, or says that the catalogue has no active fiche (dist/,
  // whose only fiche is inactive): either is the search at work, its error notice is neither.
  recherche(
    'recherche',
    '/recherche/',
    status("^(Saisissez des mots|Aucune fiche trouvée : ce catalogue n'a aucune fiche active)"),
  ),
  // Both scopes, the heavier search, and the one that has results on the committed catalogue
  // (RNCP 6133, inactive).
  recherche(
    'recherche avec résultats',
    '/recherche/?q=K1801&inactives=1',
    status('^\\\\d+ fiches? trouvées? pour « K1801 »'),
  ),
  recherche(
    'recherche sans résultat',
    '/recherche/?q=xylophone',
    status('^Aucune fiche trouvée pour « xylophone »'),
  ),
  // A job title (its ROME code K1801 named, its fiches listed) with a filter of the address, which
  // opens the filters and loads their script: the routes of access and validation by blocs.
  recherche(
    'recherche par intitulé de métier',
    '/recherche/?q=accompagnatrice+reconversion+professionnelle&inactives=1&blocs=possible',
    // On the fixture site its fiches are listed; on a site without them (dist/, the benchmark's) the
    // search says it found none: either way, not its error notice.
    status(
      '^(\\\\d+ fiches? trouvées?|Aucune fiche trouvée) pour « accompagnatrice reconversion professionnelle »',
    ),
  ),
  page('données ouvertes', '/donnees/', /^\/donnees\/$/),
  page('contribuer', '/contribuer/', /^\/contribuer\/$/),
  page('champs d’une fiche', '/contribuer/champs/', /^\/contribuer\/champs\/$/),
  page('à propos', '/a-propos/', /^\/a-propos\/$/),
  introuvable('page introuvable', '/cette-page-n-existe-pas/'),
  // A short address (/RNCP6133/) has no page: the 404 page sends it on, as here, or says that the
  // fiche is not in the catalogue (tests/site/short-address.test.ts).
  {
    ...introuvable('adresse courte', '/RNCP9101/', '[aria-label="Statut de la certification"]'),
    landsOn: '/rncp/9101/',
  },
  introuvable('fiche absente du catalogue', '/RNCP99999/', '#short-address a'),
  // The second page of each paginated list (200 cards or 500 rows a page), on the paged site. A
  // grand domaine ROME has none: no fiche cites a one-letter code (tests/support/paged-site.ts).
  page2(LISTES.fiches, '/fiches/2/'),
  page2(LISTES.parNiveau, '/fiches/par-niveau/2/'),
  page2(LISTES.domaineRome, '/rome/K18/2/'),
  page2(LISTES.codeRome, '/rome/K1801/2/'),
  page2(LISTES.domaineNsf, '/nsf/332/2/'),
  page2(LISTES.specialiteNsf, '/nsf/332t/2/'),
  page2(LISTES.niveau, '/niveaux/5/2/'),
  page2(LISTES.certificateurs, '/certificateurs/2/'),
  page2(LISTES.certificateur, '/certificateurs/11122233300014/2/'),
  page2(LISTES.formacodes, '/formacodes/2/'),
  page2(LISTES.formacode, '/formacodes/44028/2/'),
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
