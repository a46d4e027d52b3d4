/**
 * The /recherche/ page: runs the words and filters of the address through the Pagefind index,
 * shows the exact code first (« Accès direct »), the results with their excerpt, and filters with
 * counts. Keyboard: Enter on an exact code opens its page, arrows move through the results, Escape
 * clears the box. Everything is built with DOM nodes and text: nothing from the index is parsed
 * as HTML except Pagefind's excerpt, of which only the `<mark>` elements are kept.
 *
 * It loads as little as it can: the bundle of the active fiches only (the inactive ones are merged
 * in when the reader asks, `inactives=1`), the filter files only once the filters are opened or
 * used (`pagefind.filters()` fetches all of them), ten results at a time.
 *
 * Words that make up a job title (« accompagnatrice reconversion professionnelle ») also find the
 * fiches of its ROME code (src/lib/search/metiers.ts): after the fiches that contain the words, each
 * saying which job title brought it (« Par le métier K1801 : … »).
 *
 * Long (about 750 lines) on purpose: it is the one script the page loads, whose handlers share one
 * state (the address, the bundles loaded, the listing shown); splitting it into modules would add
 * requests or a bundling step for the reader. What can be tested without a browser is already apart
 * and unit-tested: the address and filters (src/lib/search/state.ts, facets.ts), the bundles
 * (scopes.ts, pagefind.ts), the codes (codes-index.ts, src/lib/code-lookup.ts), the job titles
 * (metiers.ts). What is left is the DOM wiring, which the browser tests (tests/site/search-*.test.ts)
 * drive.
 */
import { parseCodeQuery, resolveCodeQuery, type DirectMatch } from '../lib/code-lookup.ts';
import type { CodeDirectory } from '../lib/code-lookup.ts';
import {
  CODE_LABELS_PATH,
  CODES_INDEX_PATH,
  codeDirectory,
  EMPTY_DIRECTORY,
  type CodesIndexFile,
} from '../lib/search/codes-index.ts';
import { el, type Child } from './search-dom.ts';
import {
  matchTitles,
  metierCodes,
  metierQuery,
  titleFile,
  titleFilesOf,
  wordFile,
  wordShardsOf,
  type MetierMatch,
  type TitleFile,
  type WordFile,
} from '../lib/search/metiers.ts';
import {
  LISTING_SORT,
  PAGE_SIZE,
  PAGEFIND_OPTIONS,
  pagefindScript,
  type FilterCounts,
  type Pagefind,
  type PagefindResult,
  type PagefindResultData,
} from '../lib/search/pagefind.ts';
import {
  bundlesFor,
  parseScopesManifest,
  SCOPES_MANIFEST_PATH,
  type ScopesManifest,
} from '../lib/search/scopes.ts';
import {
  DIRECT_PARAM,
  FACETS,
  ROME_FILTER_PREFIX,
  STATUT,
  emptyFilters,
  hasFilters,
  isBlank,
  pagefindFilters,
  stateFromParams,
  stateToParams,
  toggleFilter,
  withInactives,
  type PagefindFilters,
  type SearchState,
} from '../lib/search/state.ts';
import { countOf, formatNumber } from '../lib/wording.ts';

const TYPING_DELAY_MS = 200;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`Page de recherche incomplète : #${id} manque`);
  return element as T;
}

const form = byId<HTMLFormElement>('search-form');
const input = byId<HTMLInputElement>('search-input');
const app = byId('search-app');
const status = byId('search-status');
const directBox = byId('search-direct');
const list = byId<HTMLOListElement>('search-results');
const more = byId<HTMLButtonElement>('search-more');
const facetsBox = byId('search-facets');
const facetsTitle = byId('search-facets-title');
const facetsToggle = byId<HTMLButtonElement>('search-facets-toggle');
/** « Actives seulement » / « Actives et inactives »: the scope, `inactives=1`. */
const activesChoice = byId<HTMLInputElement>('search-actives');
const inactivesChoice = byId<HTMLInputElement>('search-inactives');
const baseTitle = document.title;

// ---------------------------------------------------------------- loading, once and only when used

let manifestPromise: Promise<ScopesManifest> | undefined;
/** Which bundles each scope has (written by the index step). */
function loadManifest(): Promise<ScopesManifest> {
  manifestPromise ??= fetch(SCOPES_MANIFEST_PATH).then(async (response) => {
    if (!response.ok) throw new Error(`${SCOPES_MANIFEST_PATH} : ${response.status}`);
    return parseScopesManifest(await response.json());
  });
  manifestPromise.catch(() => (manifestPromise = undefined));
  return manifestPromise;
}

interface Engine {
  pagefind: Pagefind;
  /** The bundles searched so far: the first one's script runs, the others are merged into it. */
  bundles: string[];
  /** Whether the filter files of every bundle in `bundles` are loaded. */
  filtersLoaded: boolean;
}

let enginePromise: Promise<Engine> | undefined;
/** The bundles of the scope being searched. */
let scopeBundles: string[] = [];
let merging: Promise<void> = Promise.resolve();

/** Pagefind with at least the given bundles, loading and merging each the first time it is needed. */
async function loadEngine(bundles: string[]): Promise<Engine> {
  const [first] = bundles as [string];
  enginePromise ??= (async () => {
    const pagefind = (await import(/* @vite-ignore */ pagefindScript(first))) as Pagefind;
    await pagefind.options(PAGEFIND_OPTIONS);
    await pagefind.init();
    return { pagefind, bundles: [first], filtersLoaded: false };
  })();
  enginePromise.catch(() => (enginePromise = undefined));
  const engine = await enginePromise;
  // One merge at a time, in order: a bundle is never merged twice.
  merging = merging.then(async () => {
    for (const bundle of bundles) {
      if (engine.bundles.includes(bundle)) continue;
      await engine.pagefind.mergeIndex(bundle, PAGEFIND_OPTIONS);
      engine.bundles.push(bundle);
      engine.filtersLoaded = false;
    }
  });
  await merging;
  return engine;
}

/** Every filter file of the bundles loaded, once: only when the filters are shown. */
async function loadFilters(engine: Engine): Promise<void> {
  if (engine.filtersLoaded) return;
  await engine.pagefind.filters();
  engine.filtersLoaded = true;
}

/**
 * What restricts a search to its scope: nothing, unless the inactive fiches were merged for an
 * earlier search and this one is among the active fiches only (Pagefind cannot unmerge a bundle).
 */
function scopeFilters(engine: Engine, filters: PagefindFilters): PagefindFilters {
  const wider = engine.bundles.some((bundle) => !scopeBundles.includes(bundle));
  return wider ? { ...filters, statut: { any: [STATUT.actif] } } : filters;
}

let codesPromise: Promise<Pick<CodesIndexFile, 'fiches'>> | undefined;
let labelsPromise: Promise<Pick<CodesIndexFile, 'rome' | 'nsf'>> | undefined;
const NO_LABELS = { rome: {}, nsf: {} };

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} : ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The codes that have a page; without them the search still works, with no « Accès direct ». The
 * labels of the ROME and NSF codes (most of the weight) are fetched only for a ROME or NSF code, or
 * for the filters.
 */
async function loadDirectory(withLabels: boolean): Promise<CodeDirectory> {
  codesPromise ??= fetchJson(CODES_INDEX_PATH);
  if (withLabels) labelsPromise ??= fetchJson(CODE_LABELS_PATH);
  try {
    const [codes, labels] = await Promise.all([
      codesPromise,
      withLabels ? labelsPromise! : NO_LABELS,
    ]);
    return codeDirectory({ ...codes, ...labels });
  } catch {
    return EMPTY_DIRECTORY;
  }
}

/** What a query needs of the directory: nothing for words, the labels for a ROME or NSF code. */
function directoryFor(q: string): Promise<CodeDirectory> {
  const targets = q === '' ? [] : parseCodeQuery(q);
  if (targets.length === 0 && !facetsOpen) return Promise.resolve(EMPTY_DIRECTORY);
  return loadDirectory(facetsOpen || targets.some((target) => target.kind !== 'fiche'));
}

/** The files of the job-title index, each fetched once; a missing one counts as empty. */
const metierFiles = new Map<string, Promise<unknown>>();
function metierFile<T>(url: string, empty: T): Promise<T> {
  let file = metierFiles.get(url);
  if (!file) {
    file = fetchJson<T>(url).catch(() => {
      metierFiles.delete(url);
      return empty;
    });
    metierFiles.set(url, file);
  }
  return file as Promise<T>;
}

/**
 * The ROME codes of the job titles the words make up, best first, each with its best title: the
 * word files of the words, then the title files of the titles found. None for a code, or when the
 * index cannot be read (the search by words goes on).
 */
async function findMetiers(q: string): Promise<MetierMatch[]> {
  const words = metierQuery(q);
  if (words.length === 0 || parseCodeQuery(q).length > 0) return [];
  const shards = wordShardsOf(words);
  const wordFiles = new Map(
    await Promise.all(
      shards.map(async (n) => [n, await metierFile<WordFile>(wordFile(n), {})] as const),
    ),
  );
  const matches = matchTitles(words, wordFiles);
  if (matches.length === 0) return [];
  // The titles of the few best matches are enough to name three codes.
  const best = matches.slice(0, 12);
  const titleFiles = new Map(
    await Promise.all(
      titleFilesOf(best).map(
        async (n) => [n, await metierFile<TitleFile>(titleFile(n), [])] as const,
      ),
    ),
  );
  return metierCodes(best, titleFiles);
}

/** The filters' code, loaded once they are shown (./search-facets.ts). */
let facetsModule: Promise<typeof import('./search-facets.ts')> | undefined;
function facetsView(): Promise<typeof import('./search-facets.ts')> {
  facetsModule ??= import('./search-facets.ts');
  facetsModule.catch(() => (facetsModule = undefined));
  return facetsModule;
}

// ---------------------------------------------------------------- state and address

let state: SearchState = stateFromParams(new URLSearchParams(location.search));

function addressOf(next: SearchState): string {
  const query = stateToParams(next).toString();
  return query ? `${location.pathname}?${query}` : location.pathname;
}

/** Typing replaces the current history entry; a submitted search or a filter adds one. */
function commit(next: SearchState, mode: 'push' | 'replace'): void {
  state = next;
  const address = addressOf(next);
  if (address === `${location.pathname}${location.search}`) return;
  if (mode === 'push') history.pushState(null, '', address);
  else history.replaceState(null, '', address);
}

/** An address or a prefixed code is searched as its canonical code (RNCP6133, K1801, 332t). */
function searchText(q: string): string {
  const targets = parseCodeQuery(q);
  if (targets.length !== 1) return q;
  const [target] = targets as [(typeof targets)[number]];
  return target.kind === 'fiche' ? target.numero : target.code;
}

// ---------------------------------------------------------------- searching

/** A result, and whether it was found through a job title rather than by the words. */
interface Found {
  result: PagefindResult;
  byMetier: boolean;
}

let generation = 0;
let listing:
  { results: Found[]; shown: number; generation: number; metiers: MetierMatch[] } | undefined;

/** The filters are shown (and their files loaded) once opened, or when the address uses one. */
let facetsOpen = false;

async function run(): Promise<void> {
  const current = ++generation;
  const searched = state;
  list.setAttribute('aria-busy', 'true');
  document.title = searched.q ? `« ${searched.q} » : ${baseTitle}` : baseTitle;
  inactivesChoice.checked = searched.inactives;
  activesChoice.checked = !searched.inactives;
  if (hasFilters(searched)) setFacetsOpen(true);
  try {
    const [manifest, directory] = await Promise.all([loadManifest(), directoryFor(searched.q)]);
    const matches = searched.q ? resolveCodeQuery(searched.q, directory) : [];
    const bundles = bundlesFor(manifest, searched.inactives);
    if (bundles.length === 0) {
      // No fiche at all in this scope (a catalogue without active fiches): nothing to load.
      if (current !== generation) return;
      listing = undefined;
      showResults([], matches, new Map(), [], searched);
      facetsBox.replaceChildren();
      status.textContent = `Aucune fiche trouvée${searched.q ? ` pour « ${searched.q} »` : ''} : ce catalogue n'a aucune fiche active.${hint(searched, manifest)}`;
      return;
    }
    const engine = await loadEngine(bundles);
    scopeBundles = bundles;
    const { pagefind } = engine;
    const view = facetsOpen ? await facetsView() : undefined;
    if (view) await loadFilters(engine);
    if (isBlank(searched)) {
      const totals = view ? view.countsByFacet(await scopeTotals(engine)) : {};
      if (current !== generation) return;
      listing = undefined;
      showResults([], matches, new Map(), [], searched);
      renderFacets(view, totals, searched, directory);
      status.textContent = `Saisissez des mots, un numéro de fiche ou un code, ou choisissez un filtre : la recherche porte sur ${scopeName(searched, manifest)}.`;
      return;
    }
    const text = searched.q ? searchText(searched.q) : null;
    // The job titles are looked up while Pagefind searches the words.
    const metiersFound = text ? findMetiers(searched.q) : Promise.resolve([]);
    const search = await pagefind.search(text, {
      filters: scopeFilters(engine, pagefindFilters(searched)),
      ...(text ? {} : { sort: LISTING_SORT }),
    });
    const metiers = await metiersFound;
    const codes = metiers.map((m) => m.code);
    // The fiches of the job titles' codes, after those the words found (each once).
    const byMetier =
      codes.length > 0
        ? await pagefind.search(null, {
            filters: scopeFilters(engine, pagefindFilters(searched, undefined, codes)),
            sort: LISTING_SORT,
          })
        : undefined;
    const byWords = new Set(search.results.map((r) => r.id));
    const results: Found[] = [
      ...search.results.map((result) => ({ result, byMetier: false })),
      ...(byMetier?.results ?? [])
        .filter((r) => !byWords.has(r.id))
        .map((result) => ({ result, byMetier: true })),
    ];
    const counts = view
      ? await view.countFacets(
          async (q, except, withCodes) =>
            (
              await pagefind.search(q, {
                filters: scopeFilters(engine, pagefindFilters(searched, except, withCodes)),
              })
            ).filters,
          text,
          searched,
          codes,
          { words: search.filters, metier: byMetier?.filters },
        )
      : {};
    const first = await Promise.all(results.slice(0, PAGE_SIZE).map((f) => f.result.data()));
    if (current !== generation) return;
    listing = { results, shown: first.length, generation: current, metiers };
    const titles = new Map(first.map((data) => [data.url, data.meta['title'] ?? '']));
    showResults(first, matches, titles, metiers, searched);
    renderFacets(view, counts, searched, directory);
    const viaMetier = results.filter((f) => f.byMetier).length;
    status.textContent = summary(results.length, searched, matches, manifest, metiers, viaMetier);
  } catch (error) {
    if (current !== generation) return;
    console.error(error);
    showUnavailable();
  } finally {
    if (current === generation) list.removeAttribute('aria-busy');
  }
}

/** The counts of every filter value over the whole scope, before any word or filter. */
async function scopeTotals(engine: Engine): Promise<FilterCounts> {
  const restricted = scopeFilters(engine, {});
  if (Object.keys(restricted).length === 0) return engine.pagefind.filters();
  return (await engine.pagefind.search(null, { filters: restricted })).filters;
}

/** « les 6 989 fiches actives » or « toutes les fiches, actives ou non (30 475) ». */
function scopeName(searched: SearchState, manifest: ScopesManifest): string {
  const { actives, inactives } = manifest;
  return searched.inactives
    ? `toutes les fiches, actives ou non (${formatNumber(actives.pages + inactives.pages)})`
    : actives.pages === 1
      ? 'la seule fiche active'
      : `les ${formatNumber(actives.pages)} fiches actives`;
}

/** Where else to look when a search among the active fiches finds nothing. */
function hint(searched: SearchState, manifest: ScopesManifest): string {
  if (searched.inactives || manifest.inactives.pages === 0) return '';
  return ` Choisissez « Actives et inactives » pour chercher aussi parmi ${countOf(manifest.inactives.pages, 'fiche inactive', 'fiches inactives')}.`;
}

function summary(
  count: number,
  searched: SearchState,
  matches: DirectMatch[],
  manifest: ScopesManifest,
  metiers: MetierMatch[] = [],
  viaMetier = 0,
): string {
  const found =
    count === 0 ? 'Aucune fiche trouvée' : countOf(count, 'fiche trouvée', 'fiches trouvées');
  const words = searched.q ? ` pour « ${searched.q} »` : '';
  const filterCount = FACETS.reduce(
    (n, { key }) =>
      n + (key === 'statut' && !searched.inactives ? 0 : searched.filters[key].length),
    0,
  );
  const filters = filterCount ? `, ${countOf(filterCount, 'filtre')}` : '';
  const codes = metiers.map((m) => m.code).join(', ');
  const byMetier = viaMetier
    ? `, dont ${formatNumber(viaMetier)} par ${metiers.length > 1 ? 'les métiers' : 'le métier'} ${codes},`
    : '';
  const scope = `${byMetier} parmi ${scopeName(searched, manifest)}`;
  const direct = matches[0] ? ` Accès direct : ${describe(matches[0])}.` : '';
  const more =
    count === 0 && filterCount
      ? ' Retirez un filtre pour élargir la recherche.'
      : count === 0
        ? hint(searched, manifest)
        : '';
  return `${found}${words}${filters}${scope}.${direct}${more}`;
}

function describe(match: DirectMatch, title?: string): string {
  const libelle = title || match.libelle;
  return libelle ? `${match.label}, ${libelle}` : match.label;
}

function showUnavailable(): void {
  listing = undefined;
  showResults([], [], new Map(), [], state);
  facetsBox.replaceChildren();
  facetsToggle.hidden = true;
  status.replaceChildren(
    "La recherche n'est pas disponible pour le moment. Vous pouvez parcourir ",
    el('a', { href: '/fiches/' }, ['toutes les fiches']),
    ', ou les fiches ',
    el('a', { href: '/rome/' }, ['par métier']),
    ', ',
    el('a', { href: '/nsf/' }, ['par spécialité']),
    ', ',
    el('a', { href: '/niveaux/' }, ['par niveau']),
    ' ou ',
    el('a', { href: '/certificateurs/' }, ['par certificateur']),
    '.',
  );
}

// ---------------------------------------------------------------- results

function showResults(
  first: PagefindResultData[],
  matches: DirectMatch[],
  titles: Map<string, string>,
  metiers: MetierMatch[],
  searched: SearchState,
): void {
  directBox.replaceChildren();
  if (matches.length > 0) {
    directBox.append(
      el('div', { class: 'search-direct' }, [
        el('h3', {}, ['Accès direct']),
        el(
          'ul',
          {},
          matches.map((match) =>
            el('li', {}, [
              el('a', { href: match.url, 'data-result-link': '' }, [
                describe(match, titles.get(match.url)),
              ]),
            ]),
          ),
        ),
      ]),
    );
  }
  if (metiers.length > 0) directBox.append(metierBox(metiers, searched));
  list.replaceChildren(...first.map((data, i) => resultItem(data, listing?.results[i])));
  more.hidden = !listing || listing.shown >= listing.results.length || first.length === 0;
}

/**
 * The job titles the words make up: each names its ROME code, links to the code's page and to the
 * search among that code's fiches alone (the words dropped, the filters and the scope kept).
 */
function metierBox(metiers: MetierMatch[], searched: SearchState): HTMLElement {
  return el('div', { class: 'search-direct search-metiers' }, [
    el('h3', {}, [metiers.length > 1 ? 'Intitulés de métier' : 'Intitulé de métier']),
    el(
      'ul',
      {},
      metiers.map((m) =>
        el('li', {}, [
          `« ${m.titre} » : métier `,
          el('a', { href: `/rome/${m.code}/` }, [
            el('span', { class: 'code' }, [m.code]),
            m.libelle ? ` · ${m.libelle}` : '',
          ]),
          '. ',
          el(
            'a',
            {
              href: addressOf({
                ...searched,
                q: '',
                filters: { ...searched.filters, rome: [m.code] },
              }),
            },
            [`Toutes les fiches du métier ${m.code}`],
          ),
        ]),
      ),
    ),
  ]);
}

/** The job title that brought a result: the first of the titles' codes the fiche has. */
function metierOf(data: PagefindResultData): MetierMatch | undefined {
  const codes = Object.entries(data.filters)
    .filter(([key]) => key.startsWith(ROME_FILTER_PREFIX))
    .flatMap(([, values]) => values ?? []);
  return listing?.metiers.find((m) => codes.includes(m.code));
}

/** Only site paths: an index entry can never become a `javascript:` or external link. */
function safeHref(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? url : '#';
}

function resultItem(data: PagefindResultData, found: Found | undefined): HTMLLIElement {
  const statut = data.filters['statut']?.[0];
  const niveau = data.filters['niveau']?.[0];
  const facts: Child[] = [];
  if (data.meta['numero']) facts.push(el('span', { class: 'code' }, [data.meta['numero']]));
  if (statut) {
    const actif = statut === STATUT.actif;
    facts.push(el('span', { class: `badge ${actif ? 'badge-actif' : 'badge-inactif'}` }, [statut]));
  }
  if (niveau && /^\d$/.test(niveau)) facts.push(`Niveau ${niveau}`);
  return el('li', { class: 'search-result' }, [
    el('h3', {}, [
      el('a', { href: safeHref(data.url), 'data-result-link': '' }, [
        data.meta['title'] ?? data.url,
      ]),
    ]),
    el(
      'p',
      { class: 'meta' },
      facts.flatMap((fact, i) => (i === 0 ? [fact] : [' · ', fact])),
    ),
    found?.byMetier ? metierLine(data) : null,
    data.excerpt && !found?.byMetier
      ? el('p', { class: 'search-excerpt' }, excerptNodes(data.excerpt))
      : null,
  ]);
}

/** Why a fiche without the words is listed: « Par le métier K1801 : Accompagnateur / … ». */
function metierLine(data: PagefindResultData): HTMLParagraphElement | null {
  const metier = metierOf(data);
  if (!metier) return null;
  return el('p', { class: 'search-why' }, [
    'Par le métier ',
    el('span', { class: 'code' }, [metier.code]),
    ` : ${metier.titre}`,
  ]);
}

/**
 * Pagefind's excerpt is escaped text with `<mark>` around the matches. It is parsed in an inert
 * document (no script runs, nothing loads) and copied as text, keeping only the marks.
 */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(excerpt, 'text/html');
  return [...parsed.body.childNodes].map((node) =>
    node.nodeName === 'MARK'
      ? el('mark', {}, [node.textContent ?? ''])
      : document.createTextNode(node.textContent ?? ''),
  );
}

async function showMore(): Promise<void> {
  const current = listing;
  if (!current || current.generation !== generation) return;
  const next = current.results.slice(current.shown, current.shown + PAGE_SIZE);
  const data = await Promise.all(next.map((f) => f.result.data()));
  if (current !== listing) return;
  const items = data.map((d, i) => resultItem(d, next[i]));
  list.append(...items);
  current.shown += items.length;
  more.hidden = current.shown >= current.results.length;
  items[0]?.querySelector('a')?.focus();
  status.textContent = `${countOf(current.shown, 'fiche affichée', 'fiches affichées')} sur ${formatNumber(current.results.length)}.`;
}

/** The filters, when they are shown; nothing otherwise. */
function renderFacets(
  view: typeof import('./search-facets.ts') | undefined,
  counts: FilterCounts,
  searched: SearchState,
  directory: CodeDirectory,
): void {
  if (view) view.renderFacets(facetsBox, facetsTitle, counts, searched, directory);
  else facetsBox.replaceChildren();
}

// ---------------------------------------------------------------- events

let typingTimer: ReturnType<typeof setTimeout> | undefined;

function searchTyped(mode: 'push' | 'replace'): void {
  clearTimeout(typingTimer);
  commit({ ...state, q: input.value.trim() }, mode);
  void run();
}

function setFacetsOpen(open: boolean): void {
  facetsOpen = open;
  facetsToggle.setAttribute('aria-expanded', String(open));
  facetsToggle.textContent = open ? 'Masquer les filtres' : 'Afficher les filtres';
  facetsBox.hidden = !open;
}

facetsToggle.addEventListener('click', () => {
  setFacetsOpen(!facetsOpen);
  if (facetsOpen) void run();
  else facetsBox.replaceChildren();
});

for (const choice of [activesChoice, inactivesChoice]) {
  choice.addEventListener('change', () => {
    clearTimeout(typingTimer);
    commit(withInactives({ ...state, q: input.value.trim() }, inactivesChoice.checked), 'push');
    void run();
  });
}

input.addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => searchTyped('replace'), TYPING_DELAY_MS);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  const q = input.value.trim();
  void directoryFor(q).then((directory) => {
    const [match] = resolveCodeQuery(q, directory);
    if (match) location.assign(match.url);
    else searchTyped('push');
  });
});

function resultLinks(): HTMLElement[] {
  const links = [...app.querySelectorAll<HTMLElement>('a[data-result-link]')];
  return more.hidden ? links : [...links, more];
}

input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    const [first] = resultLinks();
    if (first) {
      event.preventDefault();
      first.focus();
    }
  } else if (event.key === 'Escape' && input.value !== '') {
    event.preventDefault();
    input.value = '';
    searchTyped('replace');
  }
});

app.addEventListener('keydown', (event) => {
  const links = resultLinks();
  const index = links.indexOf(event.target as HTMLElement);
  if (index === -1) return;
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    links[index + 1]?.focus();
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    (links[index - 1] ?? input).focus();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    input.focus();
  }
});

more.addEventListener('click', () => void showMore());

facetsBox.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') return;
  const key = FACETS.find((facet) => facet.key === target.dataset['facet'])?.key;
  if (!key) return;
  commit(toggleFilter(state, key, target.value, target.checked), 'push');
  void run();
});

facetsBox.addEventListener('click', (event) => {
  const button = (event.target as Element).closest('button');
  if (!button) return;
  const facet = button.dataset['facet'];
  if (facet === 'clear') {
    commit({ ...state, filters: emptyFilters() }, 'push');
    facetsTitle.focus();
    void run();
    return;
  }
  const key = FACETS.find((f) => f.key === facet)?.key;
  if (key) void facetsView().then((view) => view.toggleFacet(key, button));
});

window.addEventListener('popstate', () => {
  state = stateFromParams(new URLSearchParams(location.search));
  input.value = state.q;
  void run();
});

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  input.value = state.q;
  if (params.has(DIRECT_PARAM)) {
    // From the header form: an exact code goes straight to its page, as Enter does here.
    const [match] = resolveCodeQuery(state.q, await directoryFor(state.q));
    if (match) {
      location.replace(match.url);
      return;
    }
  }
  // The address in its canonical form (the header's `direct` parameter dropped).
  history.replaceState(null, '', addressOf(state));
  await run();
  // Shown once the first search is on screen: shown empty, then filled, the results area moved
  // down as the summary and the results came (a layout shift, Lighthouse's CLS 0.23).
  app.hidden = false;
}

void start();
