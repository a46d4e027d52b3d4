/** Built HTML, parsed as a browser would, to read what a person sees. */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';

export interface Page {
  tree: Root;
  /** The page's visible text, whitespace collapsed. */
  text: string;
  one: (selector: string) => Element | undefined;
  all: (selector: string) => Element[];
  textOf: (selector: string) => string;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function parsePage(html: string): Page {
  const tree = fromHtml(html);
  return {
    tree,
    text: collapse(toText(select('body', tree) ?? tree)),
    one: (selector) => select(selector, tree),
    all: (selector) => selectAll(selector, tree),
    textOf: (selector) => {
      const node = select(selector, tree);
      return node ? collapse(toText(node)) : '';
    },
  };
}
