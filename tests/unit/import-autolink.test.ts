/**
 * Plain addresses in the export's texts become links when imported (src/lib/import/autolink.ts), as
 * GitHub's Markdown would link them, never escaped text (`https\://…`): on a real text (RNCP 16575's
 * components, tests/support/plain-addresses.ts), and on the forms texts use (www., e-mail, trailing
 * punctuation, parentheses). The fixture fiche RNCP 9104 holds exactly what the importer writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Link, Root, RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../src/lib/import/html.ts';
import { checkMarkdownContent, parseMarkdown } from '../../src/lib/validate/markdown.ts';
import { PLAIN_ADDRESSES, PLAIN_ADDRESSES_TEXT } from '../support/plain-addresses.ts';

/** The links a Markdown reader finds, and the text it shows outside them. */
function read(markdown: string): { links: { url: string; text: string }[]; text: string } {
  const links: { url: string; text: string }[] = [];
  const text: string[] = [];
  const walk = (node: Root | RootContent, inLink: boolean) => {
    if (node.type === 'link') {
      const label = (node as Link).children.map((c) => ('value' in c ? c.value : '')).join('');
      links.push({ url: node.url, text: label });
    }
    if (node.type === 'text' && !inLink) text.push(node.value);
    if ('children' in node) for (const c of node.children) walk(c, inLink || node.type === 'link');
  };
  walk(parseMarkdown(markdown), false);
  return { links, text: text.join(' ') };
}

function imported(source: string): string {
  const md = htmlToMarkdown(source);
  expect(checkMarkdownContent(parseMarkdown(md)), md).toEqual([]);
  return md;
}

describe('plain addresses of the export, imported', () => {
  it('are links on a real text, one per address, and never escaped', () => {
    const md = imported(PLAIN_ADDRESSES_TEXT);
    const { links, text } = read(md);
    expect(links).toEqual(PLAIN_ADDRESSES.map((url) => ({ url, text: url })));
    expect(text).not.toMatch(/https?:|www\./);
    expect(md).not.toContain('\\:');
    expect(text).toContain('Territoire et cohésion sociale');
  });

  it('leave out trailing punctuation and an unopened parenthesis, link www. and e-mail forms', () => {
    const md = imported(
      '<p>Voir https://www.francecompetences.fr/recherche/rncp/6133/. Le site www.cci.fr, ' +
        'la page (https://exemple.fr/formation) et https://fr.wikipedia.org/wiki/Insertion_(sociologie) ; ' +
        'contact : accueil@organisme.fr ! Fin: https://exemple.fr/a?b=1&c=2;</p>',
    );
    expect(read(md).links).toEqual([
      {
        url: 'https://www.francecompetences.fr/recherche/rncp/6133/',
        text: 'https://www.francecompetences.fr/recherche/rncp/6133/',
      },
      { url: 'http://www.cci.fr', text: 'www.cci.fr' },
      { url: 'https://exemple.fr/formation', text: 'https://exemple.fr/formation' },
      {
        url: 'https://fr.wikipedia.org/wiki/Insertion_(sociologie)',
        text: 'https://fr.wikipedia.org/wiki/Insertion_(sociologie)',
      },
      { url: 'mailto:accueil@organisme.fr', text: 'accueil@organisme.fr' },
      { url: 'https://exemple.fr/a?b=1&c=2', text: 'https://exemple.fr/a?b=1&c=2' },
    ]);
    // Only the punctuation around the addresses stays outside the links.
    expect(read(md).text.replace(/\s+/g, ' ')).toBe(
      'Voir . Le site , la page ( ) et ; contact : ! Fin: ;',
    );
  });

  it('leave existing links alone and link nothing that is not an address', () => {
    const md = imported(
      '<p><a href="https://exemple.fr/">le site https://exemple.fr/</a>, le fichier rapport.pdf, ' +
        'la version 2.0, javascript:alert(1) et ftp://exemple.fr/</p>',
    );
    expect(read(md).links).toEqual([
      { url: 'https://exemple.fr/', text: 'le site https://exemple.fr/' },
    ]);
  });
});

describe('the fixture fiche RNCP 9104', () => {
  it('holds what the importer writes for the real text', () => {
    const fiche = readFileSync(path.resolve('tests/fixtures/site/fiches/rncp/9104.md'), 'utf8');
    expect(fiche).toContain(
      `## Composantes de la certification\n\n${htmlToMarkdown(PLAIN_ADDRESSES_TEXT)}\n`,
    );
  });
});
