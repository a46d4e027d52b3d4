/**
 * The DOM helper of the search page's scripts (./search.ts, ./search-facets.ts): elements built
 * from text, never from HTML.
 */

export type Child = Node | string | null | undefined | false;

/** An element with attributes and children; text children become text nodes, never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
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
