/**
 * A link in a fiche's text is a link on the page exactly when the validator accepts it: web and
 * e-mail addresses, spaces around them included (`[texte](< https://… >)`), become `<a href>` with the
 * address trimmed; any other address (javascript:, data:, relative, `https:` without `//`) is refused
 * by the validator and shows as plain text on the page. Rendered by Astro from
 * src/components/fiche/Markdown.astro, the component every fiche text goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMarkdownContent, parseMarkdown } from '../../src/lib/validate/markdown.ts';
import { componentRenderer, type ComponentRenderer } from '../support/astro-components.ts';
import { parsePage } from '../support/html.ts';

const MARKDOWN = '/src/components/fiche/Markdown.astro';

let renderer: ComponentRenderer;
beforeAll(async () => {
  renderer = await componentRenderer();
}, 120_000);
afterAll(async () => {
  await renderer?.close();
});

/** The validator's verdict on a paragraph, and what the page shows of it. */
async function readAndRender(markdown: string) {
  const tree = parseMarkdown(markdown);
  const refused = checkMarkdownContent(tree).length > 0;
  const page = parsePage(await renderer.render(MARKDOWN, { nodes: tree.children }));
  const links = page.all('a').map((a) => a.properties['href']);
  return { refused, links, text: page.text };
}

describe('a link of a fiche, in the validator and on the page', () => {
  it.each([
    ['[le site](https://exemple.fr/titre/)', 'https://exemple.fr/titre/'],
    ['[le site](HTTP://exemple.fr/)', 'HTTP://exemple.fr/'],
    ['[écrire](mailto:contact@exemple.fr)', 'mailto:contact@exemple.fr'],
    ['[le site](< https://exemple.fr/avec espace/ >)', 'https://exemple.fr/avec espace/'],
    ['[le site](<\thttps://exemple.fr/>)', 'https://exemple.fr/'],
  ])('%s: accepted, and a link to its trimmed address', async (markdown, address) => {
    const { refused, links, text } = await readAndRender(markdown);
    expect(refused).toBe(false);
    expect(links).toEqual([address]);
    expect(text).toBe(/\[([^\]]+)\]/.exec(markdown)![1]);
  });

  it.each([
    '[cliquer](javascript:alert(1))',
    '[cliquer](< javascript:alert(1)>)',
    '[cliquer](data:text/html;base64,PHNjcmlwdD4=)',
    '[cliquer](/admin/)',
    '[cliquer](https:exemple.fr)',
    '[cliquer](//exemple.fr/)',
  ])('%s: refused, and its text only on the page', async (markdown) => {
    const { refused, links, text } = await readAndRender(markdown);
    expect(refused).toBe(true);
    expect(links).toEqual([]);
    expect(text).toBe('cliquer');
  });
});
