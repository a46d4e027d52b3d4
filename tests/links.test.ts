/**
 * No broken link, ever: every `href`, `src` and `action` of every built page (dist/ and the fixture
 * site) resolves to a built file, every `#ancre` to an id of its target page, and every link that
 * leaves the site carries rel="noopener noreferrer".
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, requireDist } from './support/dist.ts';
import { fixtureSite } from './support/fixture-site.ts';

interface Link {
  element: string;
  attribute: string;
  value: string;
  rel: string[];
}

interface BuiltPage {
  ids: Set<string>;
  links: Link[];
  canonical?: string;
}

const ATTRIBUTES = ['href', 'src', 'action', 'poster', 'data'] as const;

function readPage(file: string): BuiltPage {
  const tree = fromHtml(readFileSync(file, 'utf8'));
  const ids = new Set<string>();
  const links: Link[] = [];
  let canonical: string | undefined;
  visit(tree, 'element', (node: Element) => {
    const { properties } = node;
    if (typeof properties['id'] === 'string') ids.add(properties['id']);
    // An <a name> is an anchor too.
    if (node.tagName === 'a' && typeof properties['name'] === 'string') ids.add(properties['name']);
    const rel = Array.isArray(properties['rel']) ? properties['rel'].map(String) : [];
    if (node.tagName === 'link' && rel.includes('canonical'))
      canonical = String(properties['href']);
    for (const attribute of ATTRIBUTES) {
      const value = properties[attribute];
      if (typeof value === 'string') links.push({ element: node.tagName, attribute, value, rel });
    }
    const srcset = properties['srcSet'];
    if (Array.isArray(srcset)) {
      for (const candidate of srcset) {
        const value = String(candidate).trim().split(/\s+/)[0] ?? '';
        links.push({ element: node.tagName, attribute: 'srcset', value, rel });
      }
    }
  });
  return { ids, links, ...(canonical ? { canonical } : {}) };
}

/** The site path of a built HTML file: `rncp/6133/index.html` → `/rncp/6133/`. */
function sitePath(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep).join('/');
  return '/' + relative.replace(/(^|\/)index\.html$/, '$1');
}

/** The built file a site path leads to, as a static host serves it. */
function builtFile(root: string, pathname: string): string | undefined {
  const file = path.join(root, decodeURIComponent(pathname));
  if (!file.startsWith(root)) return undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = path.join(file, 'index.html');
  return existsSync(index) ? index : undefined;
}

/** Every problem of every link of the site at `root`, as `page : message`. */
function checkSite(root: string): { pages: number; links: number; problems: string[] } {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name));
  const pages = new Map<string, BuiltPage>();
  const pageOf = (file: string) => {
    let page = pages.get(file);
    if (!page) pages.set(file, (page = readPage(file)));
    return page;
  };
  const home = pageOf(path.join(root, 'index.html'));
  // Absolute addresses on the site's own origin (canonical links) are internal links.
  const origin = new URL(home.canonical ?? 'https://site.invalid/').origin;
  const problems: string[] = [];
  let count = 0;
  for (const file of files) {
    const from = sitePath(root, file);
    const page = pageOf(file);
    for (const link of page.links) {
      count++;
      const where = `${from} <${link.element} ${link.attribute}="${link.value}">`;
      if (/^(mailto|tel):/i.test(link.value)) continue;
      let url: URL;
      try {
        url = new URL(link.value, origin + from);
      } catch {
        problems.push(`${where} : adresse illisible`);
        continue;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        problems.push(`${where} : protocole ${url.protocol} interdit`);
        continue;
      }
      if (url.origin !== origin) {
        if (
          link.element === 'a' &&
          !(link.rel.includes('noopener') && link.rel.includes('noreferrer'))
        ) {
          problems.push(`${where} : lien externe sans rel="noopener noreferrer"`);
        } else if (link.element !== 'a' && link.element !== 'link') {
          problems.push(`${where} : ressource chargée depuis un autre site`);
        }
        continue;
      }
      if (link.value === '#' || (link.value.includes('#') && url.hash === '')) {
        problems.push(`${where} : ancre vide`);
        continue;
      }
      const target = builtFile(root, url.pathname);
      if (!target) {
        problems.push(`${where} : aucune page ni fichier construit à ${url.pathname}`);
        continue;
      }
      if (url.hash && target.endsWith('.html')) {
        const id = decodeURIComponent(url.hash.slice(1));
        if (!pageOf(target).ids.has(id)) {
          problems.push(`${where} : pas d'élément id="${id}" dans ${sitePath(root, target)}`);
        }
      }
    }
  }
  return { pages: files.length, links: count, problems };
}

/** Every page of thousands is read. */
const TIMEOUT = 240_000;

describe('links', () => {
  let fixture: string;
  beforeAll(async () => {
    requireDist();
    fixture = await fixtureSite();
  });

  it(
    'of the built site all lead somewhere',
    () => {
      const { pages, links, problems } = checkSite(DIST);
      expect(pages).toBeGreaterThan(3);
      expect(links).toBeGreaterThan(pages * 10);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it('finds a broken link, a missing anchor and an external link without rel (the check is real)', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-links-'));
    try {
      writeFileSync(
        path.join(root, 'index.html'),
        `<!DOCTYPE html><html lang="fr"><head><title>x</title>
        <link rel="canonical" href="https://site.example/"></head><body id="haut">
        <a href="/absente/">a</a> <a href="#nulle-part">b</a> <a href="https://ailleurs.example/">c</a>
        <a href="https://site.example/#haut">d</a> <a href="#haut">e</a></body></html>`,
      );
      expect(checkSite(root).problems).toEqual([
        '/ <a href="/absente/"> : aucune page ni fichier construit à /absente/',
        '/ <a href="#nulle-part"> : pas d\'élément id="nulle-part" dans /',
        '/ <a href="https://ailleurs.example/"> : lien externe sans rel="noopener noreferrer"',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it(
    'of the fixture site all lead somewhere',
    () => {
      const { pages, problems } = checkSite(fixture);
      expect(pages).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
