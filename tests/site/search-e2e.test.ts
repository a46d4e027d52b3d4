/**
 * The search of the built site in Debian's Chromium: what an adviser types reaches RNCP 6133 or the
 * page of its code, the filters and the address hold the search, the keyboard alone is enough, and
 * without JavaScript the page points to the browse pages.
 *
 * RNCP 6133 is inactive, and the committed catalogue has no active fiche: the search finds it only
 * among all the fiches (`inactives=1`), which most tests here ask for; the default scope is tested
 * on its own, and on a larger catalogue by tests/site/search-catalogue.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site/browser.ts';
import { DIST } from '../../scripts/lib/site/dist.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/site/server.ts';

/** The built site; SEARCH_TEST_DIST tests another build (`astro build --outDir …`). */
const SITE = path.resolve(process.env['SEARCH_TEST_DIST'] ?? DIST);

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(path.join(SITE, 'recherche', 'index.json'))) {
    throw new Error(`${SITE} has no search index: run \`npm run build\` first (npm test does it).`);
  }
  [server, browser] = await Promise.all([serveStatic(SITE), launchChromium()]);
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Script errors and refused resources (the site's Content-Security-Policy) fail the test. */
let problems: string[];

beforeEach(async () => {
  problems = [];
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return async () => {
    await page.close();
    expect(problems).toEqual([]);
  };
});

const FICHE = '/rncp/6133/';

/** Waits until the search shown is the one of the box, the address and the status line. */
async function settled(q: string): Promise<void> {
  await page.waitForFunction((query) => {
    const status = document.querySelector('#search-status')?.textContent ?? '';
    const busy = document.querySelector('#search-results')?.hasAttribute('aria-busy');
    const input = document.querySelector<HTMLInputElement>('#search-input');
    const address = new URLSearchParams(location.search).get('q') ?? '';
    if (busy || status === '' || input?.value !== query || address !== query) return false;
    return query === '' || status.includes(`« ${query} »`);
  }, q);
}

/** Among all the fiches, unless `filters` says otherwise. */
async function search(q: string, filters = '&inactives=1'): Promise<void> {
  await page.goto(`${server.url}/recherche/?q=${encodeURIComponent(q)}${filters}`);
  await settled(q);
}
const ALL = '&inactives=1';

/** Every link the arrows move through: « Accès direct » first, then the results. */
const links = () =>
  page.$$eval('#search-app a[data-result-link]', (as) => as.map((a) => a.getAttribute('href')));
const resultLinks = () =>
  page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
const status = () => page.locator('#search-status').innerText();
/** Opens the filters, whose files are loaded only then. */
async function openFilters(): Promise<void> {
  await page.click('#search-facets-toggle');
  await page.waitForSelector('#search-facets input[data-facet]');
}
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-value') || el?.id || el?.getAttribute('href') || el?.tagName;
  });

describe('words find the fiche', () => {
  it('« K1801 » offers the ROME page first, then RNCP 6133 as the first fiche', async () => {
    await search('K1801');
    expect(await links()).toEqual(['/rome/K1801/', FICHE]);
    expect(await page.locator('#search-direct').innerText()).toContain(
      'Métier ROME K1801, Conseiller / Conseillère en insertion professionnelle',
    );
    expect(await status()).toMatch(
      /^1 fiche trouvée pour « K1801 » parmi toutes les fiches, actives ou non \(1\)\./,
    );
  });

  it('« conseiller en insertion » finds RNCP 6133, with its number, status, level and the words marked', async () => {
    await search('conseiller en insertion');
    expect(await resultLinks()).toEqual([FICHE]);
    const result = page.locator('.search-result').first();
    expect(await result.locator('h3').innerText()).toBe(
      "Coordinateur(trice) de l'intervention sociale et professionnelle",
    );
    expect(await result.locator('.meta').innerText()).toBe('RNCP 6133 · Inactive · Niveau 5');
    const marks = await result.locator('.search-excerpt mark').allInnerTexts();
    expect(marks.join(' ')).toMatch(/insertion/i);
  });

  it('a job title, « accompagnatrice reconversion professionnelle », finds RNCP 6133 and names its ROME code K1801', async () => {
    await search('accompagnatrice reconversion professionnelle');
    expect(await resultLinks()).toEqual([FICHE]);
    const box = page.locator('.search-metiers');
    expect(await box.innerText()).toContain(
      '« Accompagnateur / Accompagnatrice reconversion professionnelle » : métier K1801',
    );
    await Promise.all([
      page.waitForURL(/\/recherche\/\?inactives=1&rome=K1801$/),
      box.getByRole('link', { name: 'Toutes les fiches du métier K1801' }).click(),
    ]);
    await settled('');
    expect(await resultLinks()).toEqual([FICHE]);
  });

  it('« vulnerabilite », without its accents, finds « vulnérabilité »', async () => {
    await search('vulnerabilite');
    expect(await resultLinks()).toEqual([FICHE]);
    expect(await page.locator('.search-excerpt mark').first().innerText()).toBe('vulnérabilité');
  });

  it('leaves out of the index what no search needs: the certifier’s SIRET', async () => {
    // (Words kept apart at element boundaries: see tests/unit/search-integration.test.ts.)
    await search('siret');
    expect(await resultLinks()).toEqual([]);
  });

  it('does not return a fiche for the titles of other fiches of its lineage', async () => {
    await search('médico-sociale');
    expect(await resultLinks()).toEqual([]);
    expect(await status()).toMatch(/^Aucune fiche trouvée/);
  });
});

describe('exact codes come first and Enter opens them', () => {
  it.each([
    ['RNCP6133', FICHE],
    ['rncp 6133', FICHE],
    ['6133', FICHE],
    ['https://www.francecompetences.fr/recherche/rncp/6133/', FICHE],
    ['k1801', '/rome/K1801/'],
    ['332t', '/nsf/332t/'],
  ])('« %s » → %s', async (q, target) => {
    await search(q);
    expect((await links())[0]).toBe(target);
    await page.focus('#search-input');
    await Promise.all([page.waitForURL(`${server.url}${target}`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').count()).toBe(1);
  });

  it('names the fiche in « Accès direct »', async () => {
    await search('RNCP6133');
    expect(await page.locator('#search-direct').innerText()).toContain(
      "Fiche RNCP 6133, Coordinateur(trice) de l'intervention sociale et professionnelle",
    );
  });

  it('« Accès direct » reaches an inactive fiche even among the active ones only', async () => {
    await search('RNCP6133', '');
    expect(await links()).toEqual([FICHE]);
    expect(await resultLinks()).toEqual([]);
  });

  it('sends no one to a fiche the site does not have', async () => {
    await search('RNCP16575');
    expect(await page.locator('#search-direct a').count()).toBe(0);
  });
});

describe('filters', () => {
  it('niveau 5 keeps RNCP 6133; niveau 7 removes it, and unchecking brings it back', async () => {
    await search('conseiller en insertion');
    await openFilters();
    await page.check('input[data-facet="niveau"][value="5"]');
    await page.waitForURL(/niveau=5/);
    await settled('conseiller en insertion');
    expect(await resultLinks()).toEqual([FICHE]);
    expect(await status()).toContain('1 filtre');

    await search('conseiller en insertion', `${ALL}&niveau=7`);
    expect(await resultLinks()).toEqual([]);
    expect(await status()).toMatch(
      /^Aucune fiche trouvée pour « conseiller en insertion », 1 filtre parmi toutes les fiches/,
    );
    // A click, not `page.uncheck`: once unchecked, niveau 7 (no fiche) leaves the list, and
    // `uncheck` would wait forever for the box it re-reads after the click when the re-render wins.
    const niveau7 = page.locator('input[data-facet="niveau"][value="7"]');
    expect(await niveau7.isChecked()).toBe(true);
    await niveau7.click();
    await page.waitForURL((url) => !url.search.includes('niveau'));
    await settled('conseiller en insertion');
    expect(await resultLinks()).toEqual([FICHE]);
    // The choice is gone with its last fiche: the focus goes to the filters' title, not to the page.
    expect(await niveau7.count()).toBe(0);
    expect(await focused()).toBe('search-facets-title');
  });

  it('shows each filter with its count and the code labels, once opened', async () => {
    await search('K1801');
    expect(await page.locator('#search-facets input').count()).toBe(0);
    await openFilters();
    // Each checkbox is named by its label: the value, its label for a code, and its count.
    for (const name of [
      'Inactive (1 fiche)',
      'Niveau 5 (1 fiche)',
      'RNCP (1 fiche)',
      'K1801 · Conseiller / Conseillère en insertion professionnelle (1 fiche)',
      'K1201 · Assistant social / Assistante sociale (1 fiche)',
      '332t · Aide, conseil, orientation, soutien socio-éducatif (1 fiche)',
      'Centre ressource AROBASE (1 fiche)',
    ]) {
      expect(await page.getByRole('checkbox', { name, exact: true }).count(), name).toBe(1);
    }
    const legends = await page.locator('#search-facets legend').allInnerTexts();
    expect(legends).toEqual([
      'Statut',
      'Niveau',
      'Répertoire',
      'Métier (code ROME)',
      'Spécialité de formation (code NSF)',
      'Certificateur',
    ]);
  });

  it('removes every filter at once and leaves the focus on the filters', async () => {
    await search('K1801', `${ALL}&niveau=5&statut=Inactive`);
    await page.focus('.facet-clear');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search === '?q=K1801&inactives=1');
    await settled('K1801');
    expect(await focused()).toBe('search-facets-title');
    expect(await page.locator('.facet-clear').count()).toBe(0);
    expect(await page.isChecked('input[data-facet="niveau"][value="5"]')).toBe(false);
  });

  it('lists fiches by filter alone, without words', async () => {
    await page.goto(`${server.url}/recherche/?statut=Inactive`);
    await settled('');
    expect(new URL(page.url()).search).toBe('?inactives=1&statut=Inactive');
    expect(await resultLinks()).toEqual([FICHE]);
  });
});

describe('the address holds the search', () => {
  it('restores words and filters on reload', async () => {
    await search('K1801', `${ALL}&niveau=5`);
    await page.reload();
    await settled('K1801');
    expect(await page.inputValue('#search-input')).toBe('K1801');
    expect(await page.isChecked('input[data-facet="niveau"][value="5"]')).toBe(true);
    expect(await resultLinks()).toEqual([FICHE]);
  });

  it('walks back and forward through the filters chosen', async () => {
    await search('K1801');
    await openFilters();
    await page.check('input[data-facet="statut"][value="Inactive"]');
    await page.waitForURL(/statut=Inactive/);
    await settled('K1801');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('statut'));
    await settled('K1801');
    expect(await page.isChecked('input[data-facet="statut"][value="Inactive"]')).toBe(false);
    await page.goForward();
    await page.waitForURL(/statut=Inactive/);
    await settled('K1801');
    expect(await page.isChecked('input[data-facet="statut"][value="Inactive"]')).toBe(true);
  });

  it('writes what is typed into the address', async () => {
    await search('');
    await page.fill('#search-input', 'vulnerabilite');
    await settled('vulnerabilite');
    expect(new URL(page.url()).search).toBe('?q=vulnerabilite&inactives=1');
  });

  it('holds the choice of the inactive fiches: reload, back and forward restore it', async () => {
    await search('vulnerabilite', '');
    expect(await page.isChecked('#search-inactives')).toBe(false);
    expect(await resultLinks()).toEqual([]);
    expect(await status()).toContain('Choisissez « Actives et inactives »');

    await page.check('#search-inactives');
    await page.waitForURL((url) => url.search === '?q=vulnerabilite&inactives=1');
    await settled('vulnerabilite');
    expect(await resultLinks()).toEqual([FICHE]);
    expect(await status()).toContain('parmi toutes les fiches, actives ou non');

    await page.reload();
    await settled('vulnerabilite');
    expect(await page.isChecked('#search-inactives')).toBe(true);
    expect(await resultLinks()).toEqual([FICHE]);

    await page.goBack();
    await page.waitForURL((url) => url.search === '?q=vulnerabilite');
    await settled('vulnerabilite');
    expect(await page.isChecked('#search-inactives')).toBe(false);
    expect(await resultLinks()).toEqual([]);

    await page.goForward();
    await page.waitForURL(/inactives=1/);
    await settled('vulnerabilite');
    expect(await page.isChecked('#search-inactives')).toBe(true);
    expect(await resultLinks()).toEqual([FICHE]);
  });
});

describe('keyboard alone', () => {
  it('Tab, typing, arrows, Escape, an arrow on the scope, Space on a filter, and Enter on a code', async () => {
    await search('', '');
    let tabs = 0;
    while ((await focused()) !== 'search-input' && tabs++ < 20) await page.keyboard.press('Tab');
    expect(await focused()).toBe('search-input');

    // The choice of the inactive fiches comes right after the box and its button: a radio group,
    // where an arrow key moves to « Actives et inactives » and chooses it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('search-actives');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('search-inactives');
    await page.waitForURL(/inactives=1/);
    await settled('');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('search-input');

    await page.keyboard.type('conseiller en insertion');
    await settled('conseiller en insertion');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(FICHE);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('search-input');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('search-input');

    // Tab goes from the box to the button, the scope, the job title's links, the results, then the
    // filters' button.
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 8 && !order.includes('search-facets-toggle'); i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order.indexOf(FICHE)).toBeGreaterThan(-1);
    expect(order.indexOf(FICHE)).toBeLessThan(order.indexOf('search-facets-toggle'));
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#search-facets-toggle', 'aria-expanded')).toBe('true');
    await page.waitForSelector('input[data-facet="statut"][value="Inactive"]');
    for (let i = 0; i < 4 && (await focused()) !== 'Inactive'; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toBe('Inactive');
    await page.keyboard.press('Space');
    await page.waitForURL(/statut=Inactive/);
    await settled('conseiller en insertion');
    expect(await focused()).toBe('Inactive');

    for (let i = 0; i < 14 && (await focused()) !== 'search-input'; i++) {
      await page.keyboard.press('Shift+Tab');
    }
    expect(await focused()).toBe('search-input');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('#search-input')).toBe('');
    await settled('');

    await page.keyboard.type('RNCP6133');
    await Promise.all([page.waitForURL(`${server.url}${FICHE}`), page.keyboard.press('Enter')]);
  });
});

describe('the search box of every page', () => {
  it('goes straight to the page of an exact code', async () => {
    await page.goto(`${server.url}/`);
    await page.fill('#header-search-q', 'K1801');
    await Promise.all([
      page.waitForURL(`${server.url}/rome/K1801/`),
      page.press('#header-search-q', 'Enter'),
    ]);
  });

  it('sends words to the search page, whose address keeps only the search', async () => {
    await page.goto(`${server.url}${FICHE}`);
    await page.fill('#header-search-q', 'vulnerabilite');
    await page.press('#header-search-q', 'Enter');
    await page.waitForURL(/\/recherche\//);
    await settled('vulnerabilite');
    expect(new URL(page.url()).search).toBe('?q=vulnerabilite');
    // Among the active fiches, of which this catalogue has none: the status says where else to look.
    expect(await resultLinks()).toEqual([]);
    expect(await status()).toContain('Choisissez « Actives et inactives »');
  });

  it('and the 404 page (short addresses) are the only pages that ship JavaScript', () => {
    const withScript = readdirSync(SITE, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html'))
      .filter((file) =>
        /<script(?![^>]*type="application\/ld\+json")/.test(
          readFileSync(path.join(SITE, file), 'utf8'),
        ),
      );
    expect(withScript.sort()).toEqual(['404.html', path.join('recherche', 'index.html')].sort());
    // Inside the document: a script after </html> is a fatal error for the W3C checker.
    for (const file of withScript) {
      const html = readFileSync(path.join(SITE, file), 'utf8');
      expect(html.lastIndexOf('<script'), file).toBeLessThan(html.indexOf('</body>'));
    }
  });
});

describe('without JavaScript', () => {
  it('says that search needs it and points to the browse pages', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${server.url}/recherche/?q=K1801`);
      // Playwright's text locators skip <noscript>: read what the page shows.
      expect(await plain.locator('main').innerText()).toContain(
        'La recherche a besoin de JavaScript, qui est désactivé ou bloqué.',
      );
      expect(await plain.isHidden('#search-app')).toBe(true);
      const hrefs = await plain.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(
        expect.arrayContaining(['/fiches/', '/rome/', '/nsf/', '/niveaux/', '/certificateurs/']),
      );
    } finally {
      await noScript.close();
    }
  });
});
