/**
 * The search on a small catalogue of several fiches (tests/fixtures/search/fiches, RNCP 6133 and 21
 * generated ones), built once with its index step: the fiche about a code comes before a fiche that
 * merely mentions it, RS numbers and numbers shared by RNCP and RS, the two scopes (active fiches by
 * default, all of them with `inactives=1`), filter counts loaded only when the filters are opened,
 * listing by filter, more results.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { launchChromium } from '../support/browser.ts';
import { serveStatic, type StaticServer } from '../support/server.ts';

const FILLERS = 21;

function filler(n: number): string {
  return `---
numero_fiche: "RNCP${9500 + n}"
intitule: "Fiche de remplissage ${n}"
statut:
  actif: true
certificateurs:
  - nom: "Organisme Delta"
niveau:
  europe: 3
voies_acces:
${['formation_initiale', 'apprentissage', 'formation_continue', 'contrat_professionnalisation', 'candidature_individuelle', 'vae'].map((v) => `  ${v}:\n    ouverte: null`).join('\n')}
accessible_nouvelle_caledonie: null
accessible_polynesie_francaise: null
---

## Activités visées

Veiller comme une sentinelle.
`;
}

let work: string;
let server: StaticServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync('tmp', { recursive: true });
  work = mkdtempSync(path.resolve('tmp', 'search-catalogue-'));
  const fiches = path.join(work, 'fiches');
  cpSync('tests/fixtures/search/fiches', fiches, { recursive: true });
  cpSync('content/fiches/rncp/6133.md', path.join(fiches, 'rncp', '6133.md'));
  mkdirSync(path.join(fiches, 'rncp'), { recursive: true });
  for (let n = 1; n <= FILLERS; n++) {
    writeFileSync(path.join(fiches, 'rncp', `${9500 + n}.md`), filler(n));
  }
  const dist = path.join(work, 'dist');
  await buildSite({ fiches, outDir: dist, cacheDir: path.join(work, 'cache'), logLevel: 'error' });
  [server, browser] = await Promise.all([serveStatic(dist), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every address the page requested, in order. */
let requests: string[];

beforeEach(async () => {
  page = await browser.newPage();
  requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  return () => page.close();
});

const filterFiles = () => requests.filter((p) => /^\/pagefind[^/]*\/filter\//.test(p));

async function settled(): Promise<void> {
  await page.waitForFunction(() => {
    const status = document.querySelector('#search-status')?.textContent ?? '';
    return status !== '' && !document.querySelector('#search-results')?.hasAttribute('aria-busy');
  });
}

async function open(query: string): Promise<void> {
  await page.goto(`${server.url}/recherche/${query}`);
  await settled();
}

const direct = () => page.$$eval('#search-direct a', (as) => as.map((a) => a.getAttribute('href')));
const results = () =>
  page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
const checkbox = (name: string) => page.getByRole('checkbox', { name, exact: true });

describe('ranking', () => {
  it('puts the fiches about K1801 before the fiche that only mentions it', async () => {
    await open('?q=K1801');
    expect(await results()).toEqual(['/rncp/9201/', '/rncp/9202/']);
    // Among all the fiches, both inactive fiches about K1801 too (scores of two bundles are not
    // comparable: Pagefind weighs each word within its own bundle).
    await open('?q=K1801&inactives=1');
    const found = await results();
    expect(found).toHaveLength(4);
    expect(found.indexOf('/rncp/9201/')).toBeLessThan(found.indexOf('/rncp/9202/'));
    expect([...found].sort()).toEqual(['/rncp/6133/', '/rncp/9201/', '/rncp/9202/', '/rncp/9203/']);
  });
});

describe('exact codes', () => {
  it('« RS5000 » and « rs 5000 » lead to the RS fiche', async () => {
    for (const q of ['RS5000', 'rs 5000']) {
      await open(`?q=${encodeURIComponent(q)}`);
      expect(await direct()).toEqual(['/rs/5000/']);
      expect((await results())[0]).toBe('/rs/5000/');
    }
    await page.focus('#search-input');
    await Promise.all([page.waitForURL(`${server.url}/rs/5000/`), page.keyboard.press('Enter')]);
  });

  it('« 9201 » offers the RNCP fiche first, then the RS fiche of the same number', async () => {
    await open('?q=9201');
    expect(await direct()).toEqual(['/rncp/9201/', '/rs/9201/']);
  });

  it('fetch the list of codes only for a code, and the codes’ labels only for a ROME or NSF code', async () => {
    const lists = () => requests.filter((p) => /^\/recherche\/(codes|libelles)\.json$/.test(p));
    await open('?q=insertion');
    expect(await results()).not.toEqual([]);
    expect(lists()).toEqual([]);
    requests.length = 0;
    await open('?q=RS5000');
    expect(await direct()).toEqual(['/rs/5000/']);
    expect(lists()).toEqual(['/recherche/codes.json']);
    requests.length = 0;
    await open('?q=K1801');
    expect(await direct()).toEqual(['/rome/K1801/']);
    expect(lists()).toEqual(['/recherche/codes.json', '/recherche/libelles.json']);
  });
});

describe('scopes', () => {
  it('searches the active fiches only, and loads no inactive bundle', async () => {
    await open('?q=insertion');
    expect(await results()).not.toContain('/rncp/9203/');
    expect(await results()).not.toContain('/rncp/6133/');
    expect(await page.locator('#search-status').innerText()).toMatch(
      /parmi les 25 fiches actives\./,
    );
    expect(requests.some((p) => p.startsWith('/pagefind-inactives/'))).toBe(false);
  });

  it('finds an inactive fiche once asked, and says so', async () => {
    await open('?q=directeur');
    expect(await results()).toEqual([]);
    await page.check('#search-inactives');
    await page.waitForURL(/inactives=1/);
    await settled();
    expect(await results()).toEqual(['/rncp/9203/']);
    expect(await page.locator('#search-status').innerText()).toMatch(
      /^1 fiche trouvée pour « directeur » parmi toutes les fiches, actives ou non \(27\)\./,
    );
    expect(await page.locator('.search-result .badge').innerText()).toBe('Inactive');
    // Back among the active fiches, the merged bundle is filtered out.
    await page.uncheck('#search-inactives');
    await page.waitForURL((url) => !url.search.includes('inactives'));
    await settled();
    expect(await results()).toEqual([]);
  });
});

describe('filters', () => {
  it('are not loaded until opened, then count the whole scope', async () => {
    await open('?inactives=1');
    expect(await page.locator('#search-status').innerText()).toMatch(/^Saisissez/);
    expect(await page.getAttribute('#search-facets-toggle', 'aria-expanded')).toBe('false');
    await open('?q=K1801&inactives=1');
    expect(await results()).toHaveLength(4);
    expect(filterFiles()).toEqual([]);
    await page.click('#search-facets-toggle');
    await page.waitForSelector('#search-facets input[data-facet]');
    expect(filterFiles().length).toBeGreaterThan(0);

    await open('?inactives=1');
    await page.click('#search-facets-toggle');
    await page.waitForSelector('#search-facets input[data-facet]');
    for (const name of [
      'Active (25 fiches)',
      'Inactive (2 fiches)',
      'RNCP (25 fiches)',
      'Répertoire spécifique (RS) (2 fiches)',
      'Sans niveau précisé (2 fiches)',
    ]) {
      expect(await checkbox(name).count(), name).toBe(1);
    }
  });

  it('list fiches without words, active first, by number', async () => {
    await open('?repertoire=RS');
    expect(await results()).toEqual(['/rs/5000/', '/rs/9201/']);
  });

  it('add up within a filter, narrow across filters, and count each value as if it were added', async () => {
    await open('?q=K1801&inactives=1&niveau=6');
    expect(await results()).toEqual(['/rncp/9201/']);
    // The other levels are still offered, each with the fiches it would add.
    for (const name of [
      'Niveau 4 (1 fiche)',
      'Niveau 5 (1 fiche)',
      'Niveau 6 (1 fiche)',
      'Niveau 7 (1 fiche)',
    ]) {
      expect(await checkbox(name).count(), name).toBe(1);
    }
    expect(await checkbox('Active (1 fiche)').count()).toBe(1);

    await checkbox('Niveau 7 (1 fiche)').check();
    await page.waitForURL(/niveau=6&niveau=7/);
    await settled();
    expect((await results()).sort()).toEqual(['/rncp/9201/', '/rncp/9203/']);
    expect(await checkbox('Inactive (1 fiche)').count()).toBe(1);

    await checkbox('Inactive (1 fiche)').check();
    await page.waitForURL(/statut=Inactive/);
    await settled();
    expect(await results()).toEqual(['/rncp/9203/']);
  });
});

describe('more results', () => {
  it('shows 10 results, then 10 more on request, moving focus to the first new one', async () => {
    await open('?q=sentinelle');
    expect(await page.locator('#search-status').innerText()).toMatch(/^21 fiches trouvées/);
    expect(await results()).toHaveLength(10);
    for (const shown of [20, 21]) {
      await page.focus('#search-more');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (n) => document.querySelectorAll('#search-results li').length === n,
        shown,
      );
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      expect(focused).toBe((await results())[shown === 20 ? 10 : 20]);
    }
    expect(await page.isHidden('#search-more')).toBe(true);
  });
});
