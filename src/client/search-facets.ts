/**
 * The filters of the search page (./search.ts), loaded only once they are shown: each filter's
 * choices with their counts (src/lib/search/facets.ts), « Afficher N autres », and the counting
 * itself. A search whose filters stay closed never loads this code.
 */
import type { CodeDirectory } from '../lib/code-lookup.ts';
import { facetOptions, type FacetOption } from '../lib/search/facets.ts';
import type { FilterCounts } from '../lib/search/pagefind.ts';
import { FACETS, hasFilters, type FacetKey, type SearchState } from '../lib/search/state.ts';
import { countOf } from '../lib/wording.ts';
import { el } from './search-dom.ts';

export { countFacets, countsByFacet } from '../lib/search/facets.ts';

/** Values shown per filter before « Afficher les N autres ». */
const FACET_VISIBLE = 8;

const expanded = new Set<FacetKey>();

/**
 * The filters of `searched` with their counts, in `box`; the focus stays on the choice it was on
 * (or goes to the filters' title when that choice is gone).
 */
export function renderFacets(
  box: HTMLElement,
  title: HTMLElement,
  counts: FilterCounts,
  searched: SearchState,
  directory: CodeDirectory,
): void {
  const active = document.activeElement;
  const focus =
    active instanceof HTMLElement && box.contains(active)
      ? { facet: active.dataset['facet'], value: active.dataset['value'] }
      : undefined;
  const groups = FACETS.map(({ key, legend }) => {
    // Among the active fiches only, the status filter would offer one value: « Active ».
    if (key === 'statut' && !searched.inactives) return null;
    const options = facetOptions(key, counts[key], searched.filters[key], directory);
    return options.length > 0 ? facetGroup(key, legend, options) : null;
  });
  const clear = hasFilters(searched)
    ? el('button', { type: 'button', class: 'facet-clear', 'data-facet': 'clear' }, [
        'Retirer tous les filtres',
      ])
    : null;
  box.replaceChildren(...[clear, ...groups].filter((node) => node !== null));
  if (!groups.some(Boolean)) {
    box.append(el('p', { class: 'meta' }, ['Aucun filtre pour ces résultats.']));
  }

  if (focus?.facet) {
    const selector =
      focus.value === undefined
        ? `[data-facet="${CSS.escape(focus.facet)}"]:not([data-value])`
        : `[data-facet="${CSS.escape(focus.facet)}"][data-value="${CSS.escape(focus.value)}"]`;
    const target = box.querySelector<HTMLElement>(selector);
    (target ?? title).focus();
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
        el('span', { class: 'facet-count' }, [`(${countOf(option.count, 'fiche')})`]),
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
          [open ? 'Afficher moins' : `Afficher ${countOf(hiddenCount, 'autre')}`],
        )
      : null;
  return el('fieldset', { class: 'facet' }, [
    el('legend', {}, [legend]),
    el('ul', { id: listId, class: 'facet-options' }, items),
    toggle,
  ]);
}

/** « Afficher N autres » / « Afficher moins » of a filter with many values. */
export function toggleFacet(key: FacetKey, button: HTMLElement): void {
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
  button.textContent = open ? 'Afficher moins' : `Afficher ${countOf(hiddenCount, 'autre')}`;
}
