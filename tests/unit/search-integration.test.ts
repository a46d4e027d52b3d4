/**
 * The index step (src/lib/search/indexer.ts, `node scripts/search-index.ts`), with the real Pagefind
 * binary on tiny sites: one bundle per scope and the list of them, only the fiche's marked part
 * staged, and any error of Pagefind, an index that would be empty or not French, failing the step
 * with a message in French.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  indexSite,
  pageUrl,
  SearchIndexError,
  separateBlocks,
  stagePage,
} from '../../src/lib/search/indexer.ts';

let site: string;

function page(file: string, html: string): void {
  const target = path.join(site, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, html);
}

const fichePage = (lang: string, words: string, scope: 'actives' | 'inactives' = 'actives') =>
  `<!doctype html><html lang="${lang}"><head><title>t</title></head><body><nav>Menu</nav>` +
  `<article data-pagefind-body><h1>${words}</h1><div hidden data-pagefind-ignore data-search-scope="${scope}"></div>` +
  `<dl><dt>SIRET</dt><dd>42370591200057</dd></dl><article class="bloc"><h3>Bloc</h3></article></article>` +
  `<footer>Pied de page</footer></body></html>`;

/** A stand-in for the Pagefind binary that fails as Pagefind does, with its message. */
function failingBinary(): string {
  const file = path.join(site, '..', `${path.basename(site)}-pagefind-en-panne.sh`);
  writeFileSync(file, '#!/bin/sh\necho "Error: panne simulée de Pagefind" >&2\nexit 1\n');
  chmodSync(file, 0o755);
  return file;
}

beforeEach(() => {
  site = mkdtempSync(path.join(tmpdir(), 'search-index-'));
  page('rncp/6133/index.html', fichePage('fr', 'Coordinateur', 'inactives'));
  page('rncp/9101/index.html', fichePage('fr', 'Conseiller'));
  page(
    'rome/K1801/index.html',
    '<!doctype html><html lang="fr"><body><h1>K1801</h1></body></html>',
  );
});

afterEach(() => {
  rmSync(site, { recursive: true, force: true });
  rmSync(`${site}-pagefind-en-panne.sh`, { force: true });
});

const entry = (bundle: string) =>
  JSON.parse(readFileSync(path.join(site, bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };

describe('the index step', () => {
  it('writes the active and the inactive fiches in bundles of their own, and lists them', async () => {
    const manifest = await indexSite(site);
    expect(manifest).toEqual({
      actives: { pages: 1, bundles: ['/pagefind/'] },
      inactives: { pages: 1, bundles: ['/pagefind-inactives/'] },
    });
    expect(entry('pagefind').languages['fr']?.page_count).toBe(1);
    expect(entry('pagefind-inactives').languages['fr']?.page_count).toBe(1);
    expect(JSON.parse(readFileSync(path.join(site, 'recherche', 'index.json'), 'utf8'))).toEqual(
      manifest,
    );
  });

  it('splits a scope larger than the limit into several bundles, and removes stale ones', async () => {
    page('rncp/6134/index.html', fichePage('fr', 'Ancien', 'inactives'));
    page('rncp/6135/index.html', fichePage('fr', 'Plus ancien', 'inactives'));
    const manifest = await indexSite(site, { maxPagesPerBundle: 2 });
    expect(manifest.inactives).toEqual({
      pages: 3,
      bundles: ['/pagefind-inactives/', '/pagefind-inactives-2/'],
    });
    expect(entry('pagefind-inactives-2').languages['fr']?.page_count).toBe(1);
    await indexSite(site);
    expect(existsSync(path.join(site, 'pagefind-inactives-2'))).toBe(false);
  });

  it('fails when no page marks its content (the fiche page lost data-pagefind-body)', async () => {
    rmSync(path.join(site, 'rncp'), { recursive: true });
    await expect(indexSite(site)).rejects.toThrow(/aucune page indexée/);
  });

  it('fails when a page is not in French', async () => {
    page('rncp/9001/index.html', fichePage('en', 'Coordinator'));
    await expect(indexSite(site)).rejects.toThrow(/pas en français \(en\)/);
  });

  it('fails on an error of Pagefind, with its message', async () => {
    const error = await indexSite(site, { binary: failingBinary() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchIndexError);
    expect(String(error)).toMatch(/échec de Pagefind pour pagefind \(code 1\)/);
    expect(String(error)).toContain('panne simulée de Pagefind');
  });

  it('`node scripts/search-index.ts` exits with 1 and says why in French when Pagefind fails', () => {
    const run = spawnSync(process.execPath, ['scripts/search-index.ts', '--site', site], {
      encoding: 'utf8',
      env: { ...process.env, PAGEFIND_BINARY_PATH: failingBinary() },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Index de recherche : échec de Pagefind');
    expect(run.stderr).toContain('panne simulée de Pagefind');
  });

  it('`node scripts/search-index.ts` says what it indexed', () => {
    const run = spawnSync(process.execPath, ['scripts/search-index.ts', '--site', site], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/1 fiche\(s\) active\(s\), 1 inactive\(s\)\./);
  });
});

describe('helpers', () => {
  it('stages only the marked part of a fiche, with its language and scope, its words kept apart', () => {
    const staged = stagePage(fichePage('fr', 'Coordinateur', 'inactives'));
    expect(staged?.scope).toBe('inactives');
    expect(staged?.html).toMatch(/^<!doctype html><html lang="fr"><head>/);
    expect(staged?.html).toContain(' <dt> SIRET </dt>  <dd> 42370591200057 </dd> ');
    // The nested article of a bloc stays inside; the menu and the footer are left out.
    expect(staged?.html).toContain('Bloc');
    expect(staged?.html).not.toMatch(/Menu|Pied de page/);
    expect(stagePage('<html lang="fr"><body><h1>Accueil</h1></body></html>')).toBeUndefined();
  });

  it('keeps the words of adjacent blocks apart, and nothing else changes', () => {
    expect(
      separateBlocks('<li><a href="/x/">AROBASE</a><dl class="facts"><dt>SIRET</dt></dl></li>'),
    ).toBe(' <li> <a href="/x/">AROBASE</a> <dl class="facts">  <dt> SIRET </dt>  </dl>  </li> ');
    expect(separateBlocks('<thead><tr><th scope="col">a</th></tr></thead>')).toBe(
      ' <thead>  <tr>  <th scope="col"> a </th>  </tr>  </thead> ',
    );
    const inline =
      '<span>RNCP</span><code>6133</code><pre>x</pre><path d="M0"/><picture></picture>';
    expect(separateBlocks(inline)).toBe(inline);
  });

  it('gives a page its address', () => {
    expect(pageUrl(path.join('rncp', '6133', 'index.html'))).toBe('/rncp/6133/');
    expect(pageUrl('404.html')).toBe('/404.html');
  });
});
