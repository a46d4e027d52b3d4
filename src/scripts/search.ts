/**
 * The /recherche/ page: runs the words and filters of the address through the Pagefind index,
 * shows the exact code first (« Accès direct »), the results with their excerpt, and filters with
 * counts. Keyboard: Enter on an exact code opens its page, arrows move through the results, Escape
 * clears the box. Everything is built with DOM nodes and text: nothing from the index is parsed
 * as HTML except Pagefind's excerpt, of which only the `<mark>` elements are kept.
 */
import { parseCodeQuery, resolveCodeQuery, type DirectMatch } from '../lib/code-lookup.ts';
import type { CodeDirectory } from '../lib/code-lookup.ts';
import {
  CODES_INDEX_PATH,
  codeDirectory,
  EMPTY_DIRECTORY,
  type CodesIndexFile,
} from '../lib/search/codes-index.ts';
import { facetOptions, type FacetOption } from '../lib/search/facets.ts';
import {
  LISTING_SORT,
  PAGEFIND_OPTIONS,
  PAGEFIND_URL,
  type FilterCounts,
  type Pagefind,
  type PagefindResult,
  type PagefindResultData,
} from '../lib/search/pagefind.ts';
import {
  DIRECT_PARAM,
  FACETS,
  STATUT,
  emptyFilters,
  hasFilters,
  isBlank,
  pagefindFilters,
  stateFromParams,
  stateToParams,
  toggleFilter,
  type FacetKey,
  type SearchState,
} from '../lib/search/state.ts';

const PAGE_SIZE = 20;
/** Values shown per filter before « Afficher les N autres ». */
const FACET_VISIBLE = 8;
const TYPING_DELAY_MS = 200;
const numberFormat = new Intl.NumberFormat('fr-FR');

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
const baseTitle = document.title;

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; text children become text nodes, never HTML. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) element.append(child);
  }
  return element;
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${numberFormat.format(count)} ${count > 1 ? pluralForm : singular}`;
}

// ---------------------------------------------------------------- loading, once and only when used

let pagefindPromise: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  pagefindPromise ??= (async () => {
    const pagefind = (await import(/* @vite-ignore */ PAGEFIND_URL)) as Pagefind;
    await pagefind.options(PAGEFIND_OPTIONS);
    await pagefind.init();
    // Loads the filter index: until then, searches come back without their filter counts.
    await pagefind.filters();
    return pagefind;
  })();
  return pagefindPromise;
}

let directoryPromise: Promise<CodeDirectory> | undefined;
/** The codes that have a page; without it the search still works, with no « Accès direct ». */
function loadDirectory(): Promise<CodeDirectory> {
  directoryPromise ??= fetch(CODES_INDEX_PATH)
    .then(async (response) => {
      if (!response.ok) throw new Error(`${CODES_INDEX_PATH} : ${response.status}`);
      return codeDirectory((await response.json()) as CodesIndexFile);
    })
    .catch(() => EMPTY_DIRECTORY);
  return directoryPromise;
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

let generation = 0;
let listing: { results: PagefindResult[]; shown: number; generation: number } | undefined;

async function run(): Promise<void> {
  const current = ++generation;
  const searched = state;
  list.setAttribute('aria-busy', 'true');
  document.title = searched.q ? `« ${searched.q} » : ${baseTitle}` : baseTitle;
  try {
    const [pagefind, directory] = await Promise.all([loadPagefind(), loadDirectory()]);
    const matches = searched.q ? resolveCodeQuery(searched.q, directory) : [];
    if (isBlank(searched)) {
      const totals = await pagefind.filters();
      if (current !== generation) return;
      listing = undefined;
      showResults([], [], new Map());
      renderFacets(totals, searched, directory);
      status.textContent =
        'Saisissez des mots, un numéro de fiche ou un code, ou choisissez un filtre.';
      return;
    }
    const text = searched.q ? searchText(searched.q) : null;
    const search = await pagefind.search(text, {
      filters: pagefindFilters(searched),
      ...(text ? {} : { sort: LISTING_SORT }),
    });
    const counts = await facetCounts(pagefind, text, searched, search.filters);
    const first = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (current !== generation) return;
    listing = { results: search.results, shown: first.length, generation: current };
    const titles = new Map(first.map((data) => [data.url, data.meta['title'] ?? '']));
    showResults(first, matches, titles);
    renderFacets(counts, searched, directory);
    status.textContent = summary(search.results.length, searched, matches);
  } catch (error) {
    if (current !== generation) return;
    console.error(error);
    showUnavailable();
  } finally {
    if (current === generation) list.removeAttribute('aria-busy');
  }
}

/**
 * Within a filter, values add up (any of them); between filters, they narrow. So the counts of a
 * filter with a chosen value come from the same search without that filter.
 */
async function facetCounts(
  pagefind: Pagefind,
  text: string | null,
  searched: SearchState,
  narrowed: FilterCounts,
): Promise<FilterCounts> {
  const counts: FilterCounts = {};
  await Promise.all(
    FACETS.map(async ({ key }) => {
      if (searched.filters[key].length === 0) {
        counts[key] = narrowed[key] ?? {};
        return;
      }
      const without = await pagefind.search(text, { filters: pagefindFilters(searched, key) });
      counts[key] = without.filters[key] ?? {};
    }),
  );
  return counts;
}

function summary(count: number, searched: SearchState, matches: DirectMatch[]): string {
  const found =
    count === 0 ? 'Aucune fiche trouvée' : plural(count, 'fiche trouvée', 'fiches trouvées');
  const words = searched.q ? ` pour « ${searched.q} »` : '';
  const filterCount = FACETS.reduce((n, { key }) => n + searched.filters[key].length, 0);
  const filters = filterCount ? `, ${plural(filterCount, 'filtre', 'filtres')}` : '';
  const direct = matches[0] ? ` Accès direct : ${describe(matches[0])}.` : '';
  const hint = count === 0 && filterCount ? ' Retirez un filtre pour élargir la recherche.' : '';
  return `${found}${words}${filters}.${direct}${hint}`;
}

function describe(match: DirectMatch, title?: string): string {
  const libelle = title || match.libelle;
  return libelle ? `${match.label}, ${libelle}` : match.label;
}

function showUnavailable(): void {
  listing = undefined;
  showResults([], [], new Map());
  facetsBox.replaceChildren();
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
  list.replaceChildren(...first.map(resultItem));
  more.hidden = !listing || listing.shown >= listing.results.length || first.length === 0;
}

/** Only site paths: an index entry can never become a `javascript:` or external link. */
function safeHref(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? url : '#';
}

function resultItem(data: PagefindResultData): HTMLLIElement {
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
    data.excerpt ? el('p', { class: 'search-excerpt' }, excerptNodes(data.excerpt)) : null,
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
  const data = await Promise.all(next.map((r) => r.data()));
  if (current !== listing) return;
  const items = data.map(resultItem);
  list.append(...items);
  current.shown += items.length;
  more.hidden = current.shown >= current.results.length;
  items[0]?.querySelector('a')?.focus();
  status.textContent = `${plural(current.shown, 'fiche affichée', 'fiches affichées')} sur ${numberFormat.format(current.results.length)}.`;
}

// ---------------------------------------------------------------- filters

const expanded = new Set<FacetKey>();

function renderFacets(counts: FilterCounts, searched: SearchState, directory: CodeDirectory): void {
  const active = document.activeElement;
  const focus =
    active instanceof HTMLElement && facetsBox.contains(active)
      ? { facet: active.dataset['facet'], value: active.dataset['value'] }
      : undefined;

  const groups = FACETS.map(({ key, legend }) => {
    const options = facetOptions(key, counts[key], searched.filters[key], directory);
    return options.length > 0 ? facetGroup(key, legend, options) : null;
  });
  const clear = hasFilters(searched)
    ? el('button', { type: 'button', class: 'facet-clear', 'data-facet': 'clear' }, [
        'Retirer tous les filtres',
      ])
    : null;
  facetsBox.replaceChildren(...[clear, ...groups].filter((node) => node !== null));
  if (!groups.some(Boolean)) {
    facetsBox.append(el('p', { class: 'meta' }, ['Aucun filtre pour ces résultats.']));
  }

  if (focus?.facet) {
    const selector =
      focus.value === undefined
        ? `[data-facet="${CSS.escape(focus.facet)}"]:not([data-value])`
        : `[data-facet="${CSS.escape(focus.facet)}"][data-value="${CSS.escape(focus.value)}"]`;
    const target = facetsBox.querySelector<HTMLElement>(selector);
    (target ?? facetsTitle).focus();
  }
}

function facetGroup(key: FacetKey, legend: string, options: FacetOption[]): HTMLFieldSetElement {
  const open = expanded.has(key);
  const listId = `facet-${key}`;
  const items = options.map((option, index) => {
    const id = `facet-${key}-${index}`;
    const checkbox = el('input', {
      type: 'checkbox',
      id,
      value: option.value,
      'data-facet': key,
      'data-value': option.value,
    });
    checkbox.checked = option.selected;
    const item = el('li', {}, [
      checkbox,
      el('label', { for: id }, [
        option.label,
        ' ',
        el('span', { class: 'facet-count' }, [`(${plural(option.count, 'fiche', 'fiches')})`]),
      ]),
    ]);
    item.hidden = !open && index >= FACET_VISIBLE && !option.selected;
    return item;
  });
  const hiddenCount = items.filter((item) => item.hidden).length;
  const toggle =
    options.length > FACET_VISIBLE
      ? el(
          'button',
          {
            type: 'button',
            class: 'facet-toggle',
            'aria-expanded': String(open),
            'aria-controls': listId,
            'data-facet': key,
          },
          [open ? 'Afficher moins' : `Afficher ${plural(hiddenCount, 'autre', 'autres')}`],
        )
      : null;
  return el('fieldset', { class: 'facet' }, [
    el('legend', {}, [legend]),
    el('ul', { id: listId, class: 'facet-options' }, items),
    toggle,
  ]);
}

// ---------------------------------------------------------------- events

let typingTimer: ReturnType<typeof setTimeout> | undefined;

function searchTyped(mode: 'push' | 'replace'): void {
  clearTimeout(typingTimer);
  commit({ q: input.value.trim(), filters: state.filters }, mode);
  void run();
}

input.addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => searchTyped('replace'), TYPING_DELAY_MS);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  const q = input.value.trim();
  void loadDirectory().then((directory) => {
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
    commit({ q: state.q, filters: emptyFilters() }, 'push');
    facetsTitle.focus();
    void run();
    return;
  }
  const key = FACETS.find((f) => f.key === facet)?.key;
  if (!key) return;
  if (expanded.has(key)) expanded.delete(key);
  else expanded.add(key);
  const options = document.getElementById(`facet-${key}`);
  const open = expanded.has(key);
  options?.querySelectorAll<HTMLLIElement>('li').forEach((item, index) => {
    const checkbox = item.querySelector('input');
    item.hidden = !open && index >= FACET_VISIBLE && !checkbox?.checked;
  });
  const hiddenCount = options ? options.querySelectorAll('li[hidden]').length : 0;
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open
    ? 'Afficher moins'
    : `Afficher ${plural(hiddenCount, 'autre', 'autres')}`;
});

window.addEventListener('popstate', () => {
  state = stateFromParams(new URLSearchParams(location.search));
  input.value = state.q;
  void run();
});

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  input.value = state.q;
  app.hidden = false;
  if (params.has(DIRECT_PARAM)) {
    // From the header form: an exact code goes straight to its page, as Enter does here.
    const [match] = resolveCodeQuery(state.q, await loadDirectory());
    if (match) {
      location.replace(match.url);
      return;
    }
  }
  // The address in its canonical form (the header's `direct` parameter dropped).
  history.replaceState(null, '', addressOf(state));
  await run();
}

void start();
