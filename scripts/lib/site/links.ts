/**
 * The link check of a built site: every `href`, `src`, `action` and `formaction` of every page, and
 * the target of a `<meta http-equiv="refresh">`, resolves to a built file, every `#ancre` to an id of
 * its target page, and every link that leaves the site carries rel="noopener noreferrer". An empty
 * address is an error. The home page's canonical link gives the site's own address, against which
 * absolute links are checked: a home page without one, or a canonical link to another site, is an
 * error too. Used on dist/ and on the fixture catalogues. A short address (`/RNCP6133/`) has no file:
 * the site links the fiche's page itself.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { shortAddressOf } from '../../../src/lib/short-address.ts';
import { sitePath } from './dist.ts';
import { resolveFile } from './server.ts';

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

/** hast's names of the attributes that hold an address. */
const ATTRIBUTES = ['href', 'src', 'action', 'formAction', 'poster', 'data'] as const;

/** `0; url=/rncp/6133/` → `/rncp/6133/` (the HTML standard's parsing, quotes allowed). */
export function refreshTarget(content: string): string | undefined {
  const match = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*)$/i.exec(content);
  if (!match || match[2] === undefined) return undefined;
  const target = match[1] ? match[2].split(match[1])[0]! : match[2];
  return target.trim() === '' ? undefined : target.trim();
}

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
    const equiv = properties['httpEquiv'];
    if (
      node.tagName === 'meta' &&
      (Array.isArray(equiv) ? equiv.join(' ') : String(equiv ?? '')).toLowerCase() === 'refresh'
    ) {
      const target = refreshTarget(String(properties['content'] ?? ''));
      if (target !== undefined)
        links.push({ element: 'meta', attribute: 'http-equiv="refresh"', value: target, rel });
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

/**
 * Every problem of every link of the site at `root`, as `page : message`; with `only`, of the links of
 * those pages alone (site paths such as `/rncp/6133/`), still checked against the whole site.
 */
export function checkSite(
  root: string,
  only?: ReadonlySet<string>,
): { pages: number; links: number; problems: string[] } {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !only || only.has(sitePath(root, file)));
  const pages = new Map<string, BuiltPage>();
  const pageOf = (file: string) => {
    let page = pages.get(file);
    if (!page) pages.set(file, (page = readPage(file)));
    return page;
  };
  const home = pageOf(path.join(root, 'index.html'));
  const problems: string[] = [];
  if (home.canonical === undefined) {
    problems.push(
      '/ : pas de lien canonique sur la page d’accueil, qui donne l’adresse du site (les liens absolus ne peuvent être vérifiés)',
    );
  }
  // Absolute addresses on the site's own origin (canonical links) are internal links.
  const origin = new URL(home.canonical ?? 'https://site.invalid/').origin;
  let count = 0;
  for (const file of files) {
    const from = sitePath(root, file);
    const page = pageOf(file);
    for (const link of page.links) {
      count++;
      const where = `${from} <${link.element} ${link.attribute}="${link.value}">`;
      if (link.value.trim() === '') {
        problems.push(`${where} : adresse vide`);
        continue;
      }
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
        if (link.rel.includes('canonical')) {
          problems.push(`${where} : lien canonique vers un autre site que ${origin}`);
        } else if (
          link.element === 'a' &&
          !(link.rel.includes('noopener') && link.rel.includes('noreferrer'))
        ) {
          problems.push(`${where} : lien externe sans rel="noopener noreferrer"`);
        } else if (link.element === 'meta') {
          problems.push(`${where} : redirection automatique vers un autre site`);
        } else if (link.element !== 'a' && link.element !== 'link') {
          problems.push(`${where} : ressource chargée depuis un autre site`);
        }
        continue;
      }
      if (link.value === '#' || (link.value.includes('#') && url.hash === '')) {
        problems.push(`${where} : ancre vide`);
        continue;
      }
      const target = resolveFile(root, url.pathname);
      if (!target) {
        // A short address works for a reader (the 404 page sends it on) but is no page: link the page.
        const short = shortAddressOf(url.pathname);
        problems.push(
          short
            ? `${where} : adresse courte sans page, lier directement ${short.path}`
            : `${where} : aucune page ni fichier construit à ${url.pathname}`,
        );
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
