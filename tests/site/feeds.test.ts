/**
 * Issue 11, point 5: each kind of Atom feed the fixture site builds (the catalogue's, and one per
 * ROME code, NSF code, level and certificateur), read by a maintained feed parser as a subscriber's
 * reader would: its entries (ids, dates, titles), its links, and that every link leads to a page
 * the site built. The entries follow the fixture journal (tests/fixtures/site/journal).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite } from '../support/fixture-site.ts';
import { parsePage } from '../support/html.ts';

/** The site's address in astro.config.mjs, which the feeds write in full. */
const SITE = 'https://fiches-rncp.example.org';

let dist: string;
beforeAll(async () => {
  dist = await fixtureSite();
});

/** The built file a site address (absolute or not) stands for, or undefined when none was built. */
function builtFile(address: string): string | undefined {
  const url = new URL(address, SITE);
  if (url.origin !== SITE) return undefined;
  const file = url.pathname.endsWith('/')
    ? path.join(dist, url.pathname, 'index.html')
    : path.join(dist, url.pathname);
  return existsSync(file) ? file : undefined;
}

const feed = (address: string) => {
  const file = builtFile(address);
  if (!file) throw new Error(`${address} was not built`);
  return parseFeed(readFileSync(file, 'utf8'));
};

/** `[day, numero]` of the entries the fixture journal gives each feed, newest first. */
const FEEDS: { name: string; address: string; page: string; entries: [string, string][] }[] = [
  {
    name: 'the whole catalogue',
    address: '/nouveautes.xml',
    page: '/nouveautes/',
    entries: [
      ['2026-08-17', 'RNCP9101'],
      ['2026-08-17', 'RNCP9103'],
      ['2026-08-17', 'RNCP9105'],
      ['2026-08-17', 'RS9102'],
      ['2026-08-16', 'RS9102'],
    ],
  },
  {
    name: 'a ROME code',
    address: '/flux/rome/K1801.xml',
    page: '/rome/K1801/',
    entries: [
      ['2026-08-17', 'RNCP9101'],
      ['2026-08-17', 'RNCP9103'],
      ['2026-08-17', 'RNCP9105'],
    ],
  },
  {
    name: 'an NSF code',
    address: '/flux/nsf/344t.xml',
    page: '/nsf/344t/',
    entries: [
      ['2026-08-17', 'RNCP9101'],
      ['2026-08-17', 'RS9102'],
      ['2026-08-16', 'RS9102'],
    ],
  },
  {
    name: 'a level',
    address: '/flux/niveaux/4.xml',
    page: '/niveaux/4/',
    entries: [
      ['2026-08-17', 'RNCP9101'],
      ['2026-08-17', 'RNCP9105'],
    ],
  },
  {
    name: 'a certificateur',
    address: '/flux/certificateurs/12345678900017.xml',
    page: '/certificateurs/12345678900017/',
    entries: [
      ['2026-08-17', 'RNCP9101'],
      ['2026-08-17', 'RNCP9105'],
    ],
  },
];

const ficheAddress = (numero: string) =>
  `${SITE}/${numero.startsWith('RS') ? 'rs' : 'rncp'}/${numero.replace(/^\D+/, '')}/`;

describe.each(FEEDS)('the Atom feed of $name ($address)', ({ address, page, entries }) => {
  it('is Atom 1.0, names itself and the page it follows, both built', () => {
    const f = feed(address);
    expect(f.meta).toEqual({ type: 'atom', version: '1.0' });
    expect(f.self).toBe(`${SITE}${address}`);
    expect(f.url).toBe(`${SITE}${page}`);
    expect(builtFile(f.url!)).toBeDefined();
    expect(f.title).toMatch(/^Fiches RNCP : nouveautés/);
    expect(f.updated?.toISOString()).toBe(`${entries[0]![0]}T00:00:00.000Z`);
  });

  it('has one entry per fiche and day, newest first, each id unique and dated that day', () => {
    const { items } = feed(address);
    expect(items.map((i) => i.id)).toEqual(
      entries.map(([day, numero]) => `tag:fiches-rncp.example.org,${day}:${numero}`),
    );
    expect(items.map((i) => i.updated?.toISOString())).toEqual(
      entries.map(([day]) => `${day}T00:00:00.000Z`),
    );
    for (const item of items) {
      expect(item.title).toMatch(/^(RNCP|RS) \d+ : ./);
      expect(item.description).toBeTruthy();
    }
  });

  it('links each entry to its fiche’s page, which the site built', () => {
    const { items } = feed(address);
    expect(items.map((i) => i.url)).toEqual(entries.map(([, numero]) => ficheAddress(numero)));
    for (const item of items) expect(builtFile(item.url!), item.url!).toBeDefined();
  });

  it('is announced by its page with <link rel="alternate">', () => {
    const html = parsePage(readFileSync(builtFile(page)!, 'utf8'));
    const links = html
      .all('link[rel="alternate"][type="application/atom+xml"]')
      .map((l) => String(l.properties['href']));
    expect(links).toEqual([address]);
  });
});

describe('a feed with nothing yet', () => {
  it('is valid, empty, and dated by the newest day of the journal', () => {
    const f = feed('/flux/rome/A1101.xml');
    expect(f.meta.type).toBe('atom');
    expect(f.items).toEqual([]);
    expect(f.updated?.toISOString()).toBe('2026-08-17T00:00:00.000Z');
    expect(builtFile(f.url!)).toBeDefined();
  });
});

describe('what a reader shows', () => {
  it('keeps a title’s <, & and quotes as text, never as markup', () => {
    const entry = feed('/flux/rome/K1801.xml').items.find((i) => i.url?.endsWith('/rncp/9103/'));
    expect(entry?.title).toBe(
      'RNCP 9103 : Conducteur de véhicules < 3,5 t & "poids lourds" > 12 t',
    );
    expect(entry?.description).toContain('« Conducteur de véhicules <b>légers</b> »');
  });
});
