/**
 * The fixture fiche RNCP 9104 (520 partners, tests/fixtures/site/README.md) on the built fixture site:
 * its page shows 100 partners and leads to the full list, 500 a page on /rncp/9104/partenaires/ and
 * its page 2; the plain addresses of its imported text are links on the page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toText } from 'hast-util-to-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite } from '../support/fixture-site.ts';
import { parsePage, type Page } from '../support/html.ts';
import { PLAIN_ADDRESSES } from '../support/plain-addresses.ts';

let site: string;
const page = (urlPath: string): Page =>
  parsePage(readFileSync(path.join(site, urlPath, 'index.html'), 'utf8'));
/** The partners a page lists. */
const partners = (p: Page) =>
  p.all('main li').filter((li) => /^Organisme partenaire de démonstration n° \d+/.test(toText(li)));
const hrefs = (p: Page, selector: string) =>
  p.all(selector).map((a) => String(a.properties['href']));

beforeAll(async () => {
  site = await fixtureSite();
});

describe('a fiche with more than 100 partners', () => {
  it('shows 100 of them and links to the full list', () => {
    const fiche = page('/rncp/9104/');
    expect(partners(fiche)).toHaveLength(100);
    expect(fiche.text).toContain('Les 520 organismes partenaires');
    expect(hrefs(fiche, 'a')).toContain('/rncp/9104/partenaires/');
  });

  it('lists them all, 500 on the first page and 20 on the second, each page leading to the other', () => {
    const first = page('/rncp/9104/partenaires/');
    const second = page('/rncp/9104/partenaires/2/');
    expect(first.textOf('h1')).toBe('Organismes partenaires, RNCP 9104');
    expect(partners(first)).toHaveLength(500);
    expect(partners(second)).toHaveLength(20);
    expect(first.text).toContain('Organismes 1 à 500.');
    expect(second.text).toContain('Organismes 501 à 520.');
    expect(second.text).toContain('Organisme partenaire de démonstration n° 520');
    expect(hrefs(first, 'main a')).toContain('/rncp/9104/partenaires/2/');
    expect(hrefs(second, 'main a')).toContain('/rncp/9104/partenaires/');
  });
});

describe('plain addresses of an imported text', () => {
  it('are links on the built page, shown as written', () => {
    const fiche = page('/rncp/9104/');
    const links = fiche
      .all('#composantes a, section a')
      .filter((a) => PLAIN_ADDRESSES.includes(String(a.properties['href'])));
    expect([...new Set(links.map((a) => String(a.properties['href'])))]).toEqual(PLAIN_ADDRESSES);
    for (const link of links) {
      expect(link.properties['rel']).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
    expect(fiche.text).not.toMatch(/https?\\:/);
  });
});
