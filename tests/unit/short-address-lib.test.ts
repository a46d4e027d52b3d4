/**
 * Short addresses (src/lib/short-address.ts): which typed addresses name a fiche and where they
 * lead, and the `_redirects` rules written from the built pages. In a browser: short-address.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseCodeQuery } from '../../src/lib/code-lookup.ts';
import { franceCompetencesUrl, ficheUrl } from '../../src/lib/fiche.ts';
import { builtFiches, redirectRules, shortAddressOf } from '../../src/lib/short-address.ts';

describe('shortAddressOf', () => {
  it.each([
    '/RNCP6133/',
    '/RNCP6133',
    '/rncp6133/',
    '/rncp6133',
    '/Rncp6133/',
    '/RNCP-6133/',
    '/rncp_6133',
    '/rncp%206133',
    '/RNCP06133/',
    '/RNCP6133/index.html',
    '/RNCP6133BC02/',
  ])('reads %s as RNCP 6133', (pathname) => {
    expect(shortAddressOf(pathname)).toEqual({
      repertoire: 'RNCP',
      numero: 6133,
      path: '/rncp/6133/',
      label: 'RNCP 6133',
      franceCompetences: 'https://www.francecompetences.fr/recherche/rncp/6133/',
    });
  });

  it.each(['/RS5000/', '/rs5000', '/RS-5000/', '/rS5000/'])('reads %s as RS 5000', (pathname) => {
    expect(shortAddressOf(pathname)).toMatchObject({
      repertoire: 'RS',
      numero: 5000,
      path: '/rs/5000/',
      label: 'RS 5000',
    });
  });

  it.each([
    '/',
    '/404.html',
    '/cette-page-n-existe-pas/',
    '/rncp/6133/',
    '/rncp/6133',
    '/RNCP6133/blocs/',
    '/6133/',
    '/K1801/',
    '/332t/',
    '/RNCP/',
    '/RNCP0/',
    '/RNCP1234567/',
    '/RNCP6133x/',
    '/%E0%A4%A/',
    '/rncp6133.json',
  ])('finds no fiche in %s', (pathname) => {
    expect(shortAddressOf(pathname)).toBeUndefined();
  });

  it('leads where the site’s pages and France Compétences’ are', () => {
    for (const numero of ['RNCP1', 'RNCP6133', 'RNCP999999', 'RS5000', 'RS12']) {
      const short = shortAddressOf(`/${numero}/`)!;
      expect(short.path).toBe(ficheUrl(numero));
      expect(short.franceCompetences).toBe(franceCompetencesUrl(numero));
    }
  });

  it('reads a fiche number in a path segment as the search reads it in its box', () => {
    const segments = [
      'RNCP6133',
      'rncp6133',
      'RNCP-6133',
      'RNCP_6133',
      'RNCP:6133',
      'RNCP#6133',
      'rncp 6133',
      'RNCP06133',
      'RS5000',
      'rs-5000',
      'RNCP34762BC01',
      'rncp34762bc123',
      'RNCP999999',
      'RNCP1000000',
      'RNCP0',
      'RNCP',
      'RNCP--6133',
      'RNCP6133BC1',
      'RNCP6133x',
      '6133',
      'K1801',
      '332t',
    ];
    for (const segment of segments) {
      const targets = parseCodeQuery(segment);
      const expected =
        targets.length === 1 && targets[0]!.kind === 'fiche'
          ? ficheUrl(targets[0]!.numero)
          : undefined;
      expect(shortAddressOf(`/${segment}/`)?.path, segment).toBe(expected);
    }
  });
});

describe('builtFiches', () => {
  it('reads the fiche pages from Astro’s list of built pages, and nothing else', () => {
    const pages = [
      '',
      'rs/5000/',
      'rncp/6133/',
      '/rncp/101/',
      'rncp/6133/partenaires/',
      'rncp/6133/partenaires/2/',
      'rome/K1801/',
      'fiches/2/',
      'api/rncp/6133.json',
      '404.html',
      'rncp/0123/',
    ];
    expect(builtFiches(pages).map((f) => f.path)).toEqual([
      '/rncp/101/',
      '/rncp/6133/',
      '/rs/5000/',
    ]);
  });
});

describe('redirectRules', () => {
  it('writes both case forms of every built fiche, sorted, after a comment', () => {
    expect(redirectRules(['rs/5000/', 'rncp/6133/', 'rncp/6133/partenaires/', 'rncp/101/'])).toBe(
      [
        '# Adresses courtes des fiches : /RNCP6133 et /rncp6133 mènent à /rncp/6133/.',
        '# Écrit à la construction par src/integrations/redirects.ts (voir docs/hosting.md).',
        '/RNCP101 /rncp/101/ 301',
        '/rncp101 /rncp/101/ 301',
        '/RNCP6133 /rncp/6133/ 301',
        '/rncp6133 /rncp/6133/ 301',
        '/RS5000 /rs/5000/ 301',
        '/rs5000 /rs/5000/ 301',
        '',
      ].join('\n'),
    );
  });

  it('writes only the comment for a site without fiches', () => {
    expect(
      redirectRules(['', 'a-propos/'])
        .split('\n')
        .filter((l) => l.startsWith('/')),
    ).toEqual([]);
  });

  it('leads each rule to a page its short address resolves to, as the 404 page would', () => {
    const rules = redirectRules(['rncp/34762/', 'rs/6117/'])
      .split('\n')
      .filter((line) => line.startsWith('/'))
      .map((line) => line.split(' '));
    expect(rules).toHaveLength(4);
    for (const [from, to, status] of rules) {
      expect(shortAddressOf(from!)?.path).toBe(to);
      expect(status).toBe('301');
    }
  });
});
