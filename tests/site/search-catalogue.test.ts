/**
 * The search on a small catalogue of several fiches (tests/fixtures/search/fiches, RNCP 6133 and 21
 * generated ones), built once with its index step: the fiche about a code comes before a fiche that
 * merely mentions it, RS numbers and numbers shared by RNCP and RS, the two scopes (active fiches by
 * default, all of them with `inactives=1`), filter counts loaded only when the filters are opened
 * and equal to the catalogue's, listing by filter, more results; a job title that no fiche contains
 * finds the fiches of its ROME code, after those that contain the words, and an adviser goes from a
 * job title to the active fiches of its code open to VAE in three actions.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { splitFiche } from '../../src/lib/validate/frontmatter.ts';
import { launchChromium } from '../../scripts/lib/site/browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/site/server.ts';

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
    const about = await results();
    expect(about.slice(0, 2).sort()).toEqual(['/rncp/9201/', '/rncp/9204/']);
    expect(about.slice(2)).toEqual(['/rncp/9202/']);
    // Among all the fiches, both inactive fiches about K1801 too (scores of two bundles are not
    // comparable: Pagefind weighs each word within its own bundle).
    await open('?q=K1801&inactives=1');
    const found = await results();
    expect(found).toHaveLength(5);
    expect(found.indexOf('/rncp/9201/')).toBeLessThan(found.indexOf('/rncp/9202/'));
    expect([...found].sort()).toEqual([
      '/rncp/6133/',
      '/rncp/9201/',
      '/rncp/9202/',
      '/rncp/9203/',
      '/rncp/9204/',
    ]);
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
      /parmi les 27 fiches actives\./,
    );
    expect(requests.some((p) => p.startsWith('/pagefind-inactives/'))).toBe(false);
  });

  it('finds an inactive fiche once asked, and says so', async () => {
    await open('?q=directeur');
    expect(await results()).toEqual([]);
    // The choice of scope is in sight.
    expect(await page.getByRole('radio', { name: 'Actives seulement' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Actives et inactives' }).check();
    await page.waitForURL(/inactives=1/);
    await settled();
    expect(await results()).toEqual(['/rncp/9203/']);
    expect(await page.locator('#search-status').innerText()).toMatch(
      /^1 fiche trouvée pour « directeur » parmi toutes les fiches, actives ou non \(29\)\./,
    );
    expect(await page.locator('.search-result .badge').innerText()).toBe('Inactive');
    // Back among the active fiches, the merged bundle is filtered out.
    await page.getByRole('radio', { name: 'Actives seulement' }).check();
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
    expect(await results()).toHaveLength(5);
    expect(filterFiles()).toEqual([]);
    await page.click('#search-facets-toggle');
    await page.waitForSelector('#search-facets input[data-facet]');
    expect(filterFiles().length).toBeGreaterThan(0);

    await open('?inactives=1');
    await page.click('#search-facets-toggle');
    await page.waitForSelector('#search-facets input[data-facet]');
    for (const name of [
      'Active (27 fiches)',
      'Inactive (2 fiches)',
      'RNCP (27 fiches)',
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

/** The fiches of the built catalogue, read from their files as an adviser would count them. */
function catalogue(): { url: string; data: Record<string, unknown> }[] {
  const dir = path.join(work, 'fiches');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => {
      const data = jsYaml.load(splitFiche(readFileSync(path.join(dir, file), 'utf8'))!.yaml) as {
        numero_fiche: string;
      } & Record<string, unknown>;
      const [, rep, n] = /^(RNCP|RS)(\d+)$/.exec(data.numero_fiche)!;
      return { url: `/${rep!.toLowerCase()}/${n}/`, data };
    });
}

type Fiche = ReturnType<typeof catalogue>[number];
const VOIES = [
  'formation_initiale',
  'apprentissage',
  'formation_continue',
  'contrat_professionnalisation',
  'candidature_individuelle',
  'vae',
];

/** The values each filter gives a fiche, straight from its frontmatter: only `true` is open. */
function facetValues(fiche: Fiche): Record<string, string[]> {
  const d = fiche.data as {
    statut: { actif: boolean };
    niveau?: { europe?: number };
    voies_acces: Record<string, { ouverte: boolean | null }>;
    validation_partielle?: boolean;
    accessible_nouvelle_caledonie: boolean | null;
    accessible_polynesie_francaise: boolean | null;
  };
  return {
    statut: [d.statut.actif ? 'Active' : 'Inactive'],
    niveau: [d.niveau?.europe ? String(d.niveau.europe) : 'sans-niveau'],
    voie: VOIES.filter((v) => d.voies_acces[v]?.ouverte === true),
    blocs: d.validation_partielle === true ? ['possible'] : [],
    territoire: [
      ...(d.accessible_nouvelle_caledonie === true ? ['nouvelle-caledonie'] : []),
      ...(d.accessible_polynesie_francaise === true ? ['polynesie-francaise'] : []),
    ],
    repertoire: [fiche.url.startsWith('/rs/') ? 'RS' : 'RNCP'],
  };
}

/** Filter → value → number of fiches among `fiches` (values with none left out). */
function countsOf(fiches: Fiche[], facets: string[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const facet of facets) {
    counts[facet] = {};
    for (const fiche of fiches) {
      for (const value of facetValues(fiche)[facet]!) {
        counts[facet]![value] = (counts[facet]![value] ?? 0) + 1;
      }
    }
  }
  return counts;
}

/** The counts the page shows, read from each checkbox and its label. */
function shownCounts(facets: string[]): Promise<Record<string, Record<string, number>>> {
  return page.$$eval(
    '#search-facets input[data-facet]',
    (inputs, wanted) => {
      const counts: Record<string, Record<string, number>> = {};
      for (const facet of wanted) counts[facet] = {};
      for (const input of inputs as HTMLInputElement[]) {
        const facet = input.dataset['facet']!;
        if (!wanted.includes(facet)) continue;
        const label = document.querySelector(`label[for="${input.id}"] .facet-count`);
        const n = Number(/\((\d+) fiches?\)/.exec(label?.textContent ?? '')?.[1]);
        counts[facet]![input.value] = n;
      }
      return counts;
    },
    facets,
  );
}

async function openFacets(): Promise<void> {
  if ((await page.getAttribute('#search-facets-toggle', 'aria-expanded')) === 'false') {
    await page.click('#search-facets-toggle');
  }
  await page.waitForSelector('#search-facets input[data-facet]');
  await settled();
}

describe('filters advisers use: routes of access, validation by blocs, territories', () => {
  const FACETS = ['statut', 'niveau', 'voie', 'blocs', 'territoire', 'repertoire'];

  it('count what the catalogue counts, among the active fiches and among all', async () => {
    const fiches = catalogue();
    const actives = fiches.filter((f) => (f.data['statut'] as { actif: boolean }).actif);
    // Every new filter has something to count in this catalogue.
    const all = countsOf(fiches, FACETS);
    expect(Object.keys(all['voie']!).sort()).toEqual([...VOIES].sort());
    expect(all['blocs']!['possible']).toBeGreaterThan(0);
    expect(Object.keys(all['territoire']!).sort()).toEqual([
      'nouvelle-caledonie',
      'polynesie-francaise',
    ]);

    await open('');
    await openFacets();
    // Among the active fiches the status filter is not offered: it would have one value.
    const withoutStatut = FACETS.filter((f) => f !== 'statut');
    expect(await shownCounts(withoutStatut)).toEqual(countsOf(actives, withoutStatut));

    await open('?inactives=1');
    await openFacets();
    expect(await shownCounts(FACETS)).toEqual(all);
  });

  it('require every route chosen, and count the routes among what is left', async () => {
    await open('?inactives=1&voie=vae&voie=formation_continue');
    const expected = catalogue().filter((f) => {
      const voies = facetValues(f)['voie']!;
      return voies.includes('vae') && voies.includes('formation_continue');
    });
    expect((await results()).sort()).toEqual(expected.map((f) => f.url).sort());
    expect(await shownCounts(['voie', 'blocs'])).toEqual(countsOf(expected, ['voie', 'blocs']));
    for (const voie of ['vae', 'formation_continue']) {
      expect(await page.isChecked(`input[data-facet="voie"][value="${voie}"]`)).toBe(true);
    }
  });
});

describe('job titles', () => {
  const TITLE = 'accompagnatrice reconversion professionnelle';
  const why = (url: string) =>
    page.locator(`#search-results li:has(a[href="${url}"]) .search-why`).allInnerTexts();

  it('find the fiches of the title’s ROME code after those that contain the words, and say why', async () => {
    await open(`?q=${encodeURIComponent(TITLE)}`);
    const found = await results();
    // RNCP 9205 contains the words; RNCP 9201 and 9204, active fiches of K1801, do not.
    expect(found[0]).toBe('/rncp/9205/');
    expect(found.slice(1).sort()).toEqual(['/rncp/9201/', '/rncp/9204/']);
    expect(await why('/rncp/9205/')).toEqual([]);
    for (const url of ['/rncp/9201/', '/rncp/9204/']) {
      expect(await why(url)).toEqual([
        'Par le métier K1801 : Accompagnateur / Accompagnatrice reconversion professionnelle',
      ]);
    }
    expect(await page.locator('#search-status').innerText()).toBe(
      `3 fiches trouvées pour « ${TITLE} », dont 2 par le métier K1801, parmi les 27 fiches actives.`,
    );
    // The job title, its code's page and the search among its code's fiches.
    const box = page.locator('.search-metiers');
    expect(await box.innerText()).toContain(
      '« Accompagnateur / Accompagnatrice reconversion professionnelle » : métier K1801',
    );
    expect(await box.getByRole('link', { name: /^K1801/ }).getAttribute('href')).toBe(
      '/rome/K1801/',
    );

    // Among all the fiches: RNCP 6133 and the inactive RNCP 9203 of K1801 too, still after the
    // fiches that contain the words.
    await open(`?q=${encodeURIComponent(TITLE)}&inactives=1`);
    const all = await results();
    expect([...all].sort()).toEqual([
      '/rncp/6133/',
      '/rncp/9201/',
      '/rncp/9203/',
      '/rncp/9204/',
      '/rncp/9205/',
    ]);
    const byTitle: (string | null)[] = ['/rncp/9201/', '/rncp/9203/', '/rncp/9204/'];
    const lastByWords = Math.max(
      ...all.filter((u) => !byTitle.includes(u)).map((u) => all.indexOf(u)),
    );
    expect(Math.min(...byTitle.map((u) => all.indexOf(u)))).toBeGreaterThan(lastByWords);
    expect(await why('/rncp/9203/')).toHaveLength(1);
  });

  it('load a few small files: one per word, the titles, and the ROME filter of one letter', async () => {
    const metiers = () => requests.filter((p) => p.startsWith('/recherche/metiers/'));
    await open('?q=sentinelle');
    expect(metiers()).toHaveLength(1);
    expect(metiers()[0]).toMatch(/^\/recherche\/metiers\/m-\d+\.json$/);
    expect(filterFiles()).toEqual([]);
    requests.length = 0;
    await open(`?q=${encodeURIComponent(TITLE)}`);
    expect(metiers().filter((p) => /\/m-\d+\.json$/.test(p)).length).toBeLessThanOrEqual(3);
    expect(metiers().filter((p) => /\/t-\d+\.json$/.test(p))).toHaveLength(1);
    // The filters stay closed: only the file of the K codes is loaded, to find K1801's fiches.
    expect(filterFiles()).toHaveLength(1);
  });

  it('count the filters over the fiches found by the words or by the title', async () => {
    await open(`?q=${encodeURIComponent(TITLE)}`);
    await openFacets();
    const found = catalogue().filter((f) =>
      ['/rncp/9201/', '/rncp/9204/', '/rncp/9205/'].includes(f.url),
    );
    expect(await shownCounts(['niveau', 'voie', 'blocs', 'territoire'])).toEqual(
      countsOf(found, ['niveau', 'voie', 'blocs', 'territoire']),
    );
  });

  it('lead an adviser to the active certifications of K1801 open to VAE in three actions', async () => {
    await open('');
    // 1. Search the job title a person says.
    await page.getByRole('searchbox').fill(TITLE);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=accompagnatrice/);
    await settled();
    // 2. Keep the fiches of its ROME code.
    await page.getByRole('link', { name: 'Toutes les fiches du métier K1801' }).click();
    await page.waitForURL(/\?rome=K1801$/);
    await settled();
    expect((await results()).sort()).toEqual(['/rncp/9201/', '/rncp/9204/']);
    // 3. Only those open to VAE (the filters are open: the address has one).
    await checkbox('VAE (validation des acquis de l’expérience) (1 fiche)').check();
    await page.waitForURL(/\?voie=vae&rome=K1801$/);
    await settled();
    expect(await results()).toEqual(['/rncp/9201/']);
    expect(await page.locator('.search-result .badge').allInnerTexts()).toEqual(['Active']);
    // Neither the inactive fiches of K1801 open to VAE (RNCP 9203), nor the active one closed to it.
    expect(await page.locator('#search-status').innerText()).toBe(
      '1 fiche trouvée, 2 filtres parmi les 27 fiches actives.',
    );
  });
});
