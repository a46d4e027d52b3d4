/**
 * Which pages `npm run lighthouse` audits (scripts/lib/lighthouse/pages.ts), on a small built site
 * written here: each page type's own address when the site has it, otherwise the type's largest
 * page, and a type's largest page too when it holds more than 20 kB of HTML.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAVY_HTML, pagesToAudit } from '../../scripts/lib/lighthouse/pages.ts';
import type { PageType } from '../../scripts/lib/site/page-types.ts';

const TYPES: PageType[] = [
  { name: 'accueil', path: '/', routes: /^\/$/, status: 200, weight: 'page' },
  {
    name: 'fiche active',
    path: '/rncp/1/',
    routes: /^\/rncp\/\d+\/$/,
    status: 200,
    weight: 'fiche',
  },
  { name: 'fiche RS', path: '/rs/9/', routes: /^\/rs\/\d+\/$/, status: 200, weight: 'fiche' },
  {
    name: 'fiche inactive',
    path: '/rncp/8/',
    routes: /^\/rncp\/\d+\/$/,
    status: 200,
    weight: 'fiche',
  },
  { name: 'métiers (ROME)', path: '/rome/', routes: /^\/rome\/$/, status: 200, weight: 'liste' },
  {
    name: 'recherche',
    path: '/recherche/?q=x',
    routes: /^\/recherche\/$/,
    status: 200,
    weight: 'recherche',
  },
  {
    name: 'introuvable',
    path: '/nulle-part/',
    routes: /^\/404\.html$/,
    status: 404,
    weight: 'introuvable',
  },
];

let root: string;

function page(file: string, bytes: number): void {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `<!DOCTYPE html>${'x'.repeat(bytes - 15)}`);
}

beforeAll(() => {
  mkdirSync('tmp', { recursive: true });
  root = mkdtempSync(path.resolve('tmp', 'lighthouse-pages-'));
  page('index.html', 4_000);
  page('rncp/1/index.html', 5_000);
  page('rncp/2/index.html', HEAVY_HTML + 5_000);
  page('rncp/3/index.html', 7_000);
  page('rome/index.html', 140_000);
  page('recherche/index.html', 5_000);
  page('404.html', 3_000);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pages Lighthouse audits', () => {
  it('takes each type’s own address, or else its largest page not audited yet', () => {
    const { pages, missing } = pagesToAudit(root, TYPES);
    expect(pages.map((p) => [p.name, p.path, p.htmlBytes])).toEqual([
      ['accueil', '/', 4_000],
      ['fiche active', '/rncp/1/', 5_000],
      // /rncp/8/ is not built: the largest fiche not audited yet stands for its type.
      ['fiche inactive', '/rncp/2/', HEAVY_HTML + 5_000],
      ['métiers (ROME)', '/rome/', 140_000],
      ['recherche', '/recherche/?q=x', 5_000],
      ['introuvable', '/nulle-part/', 3_000],
    ]);
    expect(missing).toEqual(['fiche RS']);
  });

  it('adds the largest page of a type’s routes when it is over 20 kB and not audited yet', () => {
    page('rncp/4/index.html', HEAVY_HTML + 9_000);
    try {
      const { pages } = pagesToAudit(root, TYPES);
      expect(pages.find((p) => p.name === 'fiche inactive')?.path).toBe('/rncp/4/');
      expect(pages.filter((p) => p.name.endsWith('(la plus lourde)'))).toEqual([
        {
          name: 'fiche active (la plus lourde)',
          path: '/rncp/2/',
          htmlBytes: HEAVY_HTML + 5_000,
          status: 200,
        },
      ]);
    } finally {
      rmSync(path.join(root, 'rncp/4'), { recursive: true });
    }
  });
});
