/**
 * The browse pages as built: on the real site (dist/, fiche RNCP 6133 and the reference tables), and
 * on a small fixture catalogue built once here (named fiches plus enough filler fiches to cut lists
 * into pages). What an adviser sees: codes with their labels and counts, fiches active first, every
 * link leading somewhere, and no JavaScript.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { ORDRES } from '../../src/lib/browse.ts';
import { loadReferentiels } from '../../src/lib/referentiels.ts';
import { DIST, builtPages, readPage, requireDist } from '../../scripts/lib/site/dist.ts';
import { checkSite } from '../../scripts/lib/site/links.ts';
import { collapse, parsePage, type Page } from '../support/html.ts';
import { toText } from 'hast-util-to-text';

const BROWSE = ['/rome/', '/nsf/', '/niveaux/', '/certificateurs/', '/formacodes/', '/fiches/'];

/** A built page of a site folder, parsed. */
function pageOf(root: string, urlPath: string): Page {
  return parsePage(readFileSync(path.join(root, urlPath, 'index.html'), 'utf8'));
}

function hrefs(page: Page, selector = 'main a'): string[] {
  return page.all(selector).map((a) => String(a.properties['href']));
}

/** The text of the list item holding the link to `href`. */
function itemOf(page: Page, href: string, scope = 'main'): string {
  const item = page
    .all(`${scope} li`)
    .find((li) => li.children.some((c) => c.type === 'element' && c.properties['href'] === href));
  return item ? collapse(toText(item)) : '';
}

const isBrowsePage = (urlPath: string) => BROWSE.some((prefix) => urlPath.startsWith(prefix));

describe('browse pages of the real site', () => {
  const ref = loadReferentiels();

  it('/rome/K1801/ shows both labels, its domaine, France Travail’s page and RNCP 6133', () => {
    const page = parsePage(readPage('/rome/K1801/'));
    expect(page.textOf('h1')).toBe('K1801 : Conseiller / Conseillère en insertion professionnelle');
    const facts = page.textOf('main dl');
    expect(facts).toContain(
      'Intitulé ROME 4.0 (actuel) Conseiller / Conseillère en insertion professionnelle',
    );
    expect(facts).toContain('Intitulé ROME v3 Conseil en emploi et insertion socioprofessionnelle');
    expect(facts).toContain('Domaine professionnel K18 : Développement territorial et emploi');
    expect(facts).toContain('Grand domaine K : Services à la personne et à la collectivité');
    const links = hrefs(page);
    expect(links).toContain('/rome/K18/');
    expect(links).toContain('https://candidat.francetravail.fr/metierscope/fiche-metier/K1801');
    expect(itemOf(page, '/rncp/6133/', 'section[aria-labelledby="fiches"]')).toContain(
      "RNCP 6133 : Coordinateur(trice) de l'intervention sociale et professionnelle Inactive",
    );
  });

  it('/rome/K1801/ lists its job titles, and each list of fiches links to the search filtered on it', () => {
    const page = parsePage(readPage('/rome/K1801/'));
    const titles = page
      .all('section[aria-labelledby="appellations"] li')
      .map((li) => collapse(toText(li)));
    expect(titles).toHaveLength(23);
    expect(titles).toContain('Accompagnateur / Accompagnatrice reconversion professionnelle');
    // RNCP 6133, the one fiche of the real site, is inactive: the search among all the fiches.
    for (const [url, search] of [
      ['/rome/K1801/', '/recherche/?inactives=1&rome=K1801'],
      ['/nsf/332t/', '/recherche/?inactives=1&nsf=332t'],
      ['/niveaux/5/', '/recherche/?inactives=1&niveau=5'],
    ] as const) {
      expect(
        hrefs(parsePage(readPage(url)), 'section[aria-labelledby="fiches"] .search-link a'),
        url,
      ).toEqual([search]);
    }
    // A title of a ROME 4.0 fiche emploi, on its v3 fiche's page, names its code.
    expect(
      parsePage(readPage('/rome/A1101/'))
        .all('section[aria-labelledby="appellations"] li')
        .some((li) => /\(fiche emploi A11\d\d\)$/.test(collapse(toText(li)))),
    ).toBe(true);
  });

  it('/rome/K18/ lists its codes with their counts and links the ROME 4.0 fiches emploi both ways', () => {
    const domaine = parsePage(readPage('/rome/K18/'));
    expect(itemOf(domaine, '/rome/K1801/')).toBe(
      'K1801 : Conseiller / Conseillère en insertion professionnelle (1 fiche)',
    );
    expect(itemOf(domaine, '/rome/K1802/')).toMatch(/^K1802 : .+ \(aucune fiche\)$/);
    expect(hrefs(parsePage(readPage('/rome/A1101/')))).toContain('/rome/A1102/');
    expect(hrefs(parsePage(readPage('/rome/A1102/')))).toContain('/rome/A1101/');
  });

  it('a code no fiche cites says so and points to its domaine, the tree and France Travail', () => {
    const page = parsePage(readPage('/rome/M1607/'));
    const fiches = page.textOf('section[aria-labelledby="fiches"]');
    expect(fiches).toContain('Aucune fiche du catalogue ne cite ce code.');
    const links = hrefs(page, 'section[aria-labelledby="fiches"] a');
    expect(links).toEqual([
      '/rome/M16/',
      '/rome/',
      'https://candidat.francetravail.fr/metierscope/fiche-metier/M1607',
    ]);
  });

  it('/rome/ lists the cited codes first, then the grand domaines and their domaines with counts', () => {
    const page = parsePage(readPage('/rome/'));
    expect(itemOf(page, '/rome/K1801/', 'section[aria-labelledby="cites"]')).toBe(
      'K1801 : Conseiller / Conseillère en insertion professionnelle (1 fiche)',
    );
    expect(itemOf(page, '/rome/K18/', '.code-tree')).toBe(
      'K18 : Développement territorial et emploi (1 fiche)',
    );
    expect(page.all('.code-tree > li > details')).toHaveLength(14);
    // The codes themselves are on their domaine's page: 1,091 of them made /rome/ too heavy (issue 14).
    const entries = Object.values(ref.rome.entrees);
    expect(page.all('.code-tree a')).toHaveLength(entries.filter((e) => e.type !== 'fiche').length);
    expect(hrefs(page, '.code-tree a')).not.toContain('/rome/K1802/');
  });

  it('every ROME code is reached from /rome/ through the grand domaine and domaine pages', () => {
    const reached = new Set<string>();
    const queue = ['/rome/'];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const page = parsePage(readPage(next));
      for (const href of hrefs(page, '.code-tree a, section[aria-labelledby="codes"] a')) {
        if (!reached.has(href)) {
          reached.add(href);
          queue.push(href);
        }
      }
    }
    const unreached = Object.keys(ref.rome.entrees).filter(
      (code) => !reached.has(`/rome/${code}/`),
    );
    expect(unreached).toEqual([]);
  });

  it('has a page for every ROME code and every NSF code of the referentials', () => {
    const missing = [
      ...Object.keys(ref.rome.entrees).map((code) => `/rome/${code}/`),
      ...Object.keys(ref.nsf.entrees).map((code) => `/nsf/${code}/`),
      ...Object.keys(ref.niveaux.entrees).map((code) => `/niveaux/${code}/`),
    ].filter((urlPath) => !existsSync(path.join(DIST, urlPath, 'index.html')));
    expect(missing).toEqual([]);
  });

  it('/nsf/332t/ says what the letter t means and lists RNCP 6133', () => {
    const page = parsePage(readPage('/nsf/332t/'));
    expect(page.textOf('h1')).toBe('332t : Aide, conseil, orientation, soutien socio-éducatif');
    expect(page.textOf('main dl')).toContain(
      'Lettre « t » Réalisation du service : la lettre désigne une fonction.',
    );
    expect(page.textOf('main dl')).toContain('Groupe 332 : Travail social');
    expect(hrefs(page, 'section[aria-labelledby="fiches"] a')).toContain('/rncp/6133/');
    const index = parsePage(readPage('/nsf/'));
    expect(index.textOf('section[aria-labelledby="lettres"]')).toContain(
      't Réalisation du service',
    );
    expect(itemOf(index, '/nsf/332t/', '.code-tree')).toContain('(1 fiche)');
  });

  it('/niveaux/5/ explains level 5 as the former III and the European 5, and lists RNCP 6133', () => {
    const page = parsePage(readPage('/niveaux/5/'));
    expect(page.textOf('h1')).toBe('Niveau 5');
    const facts = page.textOf('main dl');
    expect(facts).toContain('Cadre national (2019) Niveau 5 du cadre national');
    expect(facts).toContain('Nomenclature de 1969 Niveau III de la nomenclature de 1969');
    expect(facts).toContain('Cadre européen Niveau 5 du cadre européen des certifications');
    expect(hrefs(page, 'section[aria-labelledby="fiches"] a')).toContain('/rncp/6133/');
    const index = parsePage(readPage('/niveaux/'));
    expect(index.all('tbody tr')).toHaveLength(9);
    expect(index.textOf('tbody tr:nth-child(5)')).toMatch(/^Niveau 5 III 5 .+ 1 fiche$/);
  });

  it('/certificateurs/ lists Centre ressource AROBASE, whose page lists RNCP 6133', () => {
    const index = parsePage(readPage('/certificateurs/'));
    expect(itemOf(index, '/certificateurs/centre-ressource-arobase/')).toBe(
      'Centre ressource AROBASE (1 fiche, inactive)',
    );
    const page = parsePage(readPage('/certificateurs/centre-ressource-arobase/'));
    expect(page.textOf('h1')).toBe('Centre ressource AROBASE');
    expect(page.textOf('main dl')).toBe('SIRET Non précisé dans les fiches');
    expect(hrefs(page, 'section[aria-labelledby="fiches"] a')).toContain('/rncp/6133/');
  });

  it.each(ORDRES.map((o) => [o.path, o.label]))(
    '%s (%s) shows RNCP 6133 as inactive in a table, and marks its ordering as current',
    (urlPath, label) => {
      const page = parsePage(readPage(urlPath));
      const row = page
        .all('table tbody tr')
        .find((tr) => collapse(toText(tr)).startsWith('RNCP 6133 '));
      expect(row && collapse(toText(row))).toBe(
        "RNCP 6133 Coordinateur(trice) de l'intervention sociale et professionnelle 5 Inactive Centre ressource AROBASE",
      );
      expect(page.all('table caption')).toHaveLength(1);
      expect(page.all('thead th[scope="col"]')).toHaveLength(5);
      expect(page.textOf('nav[aria-label="Ordre de la liste"] a[aria-current="page"]')).toBe(label);
      expect(page.all('[aria-sort]')).toHaveLength(1);
    },
  );

  it('browse pages are French, have one h1 and ship no script', () => {
    requireDist();
    const pages = builtPages(DIST).filter(isBrowsePage);
    expect(pages.length).toBeGreaterThan(1700);
    const offenders = pages.filter((urlPath) => {
      const html = readPage(urlPath);
      return (
        /<script\b/i.test(html) ||
        !html.includes('<html lang="fr"') ||
        html.split('<h1').length !== 2
      );
    });
    expect(offenders).toEqual([]);
  });
});

/** The fixture catalogue: named fiches, and filler fiches that make lists longer than one page. */
const SIRET = '42370591200057';
// One more than a page of fiches (FICHES_PAR_PAGE); an even number, half of them active.
const FILLERS = 202;

function ficheMd(data: {
  numero: string;
  intitule: string;
  actif: boolean;
  certificateurs: { nom: string; siret?: string }[];
  niveau?: number;
  rome?: string[];
  nsf?: string[];
  formacodes?: [string, string][];
}): string {
  const q = JSON.stringify;
  const lines = [
    '---',
    `numero_fiche: ${q(data.numero)}`,
    `intitule: ${q(data.intitule)}`,
    'statut:',
    `  actif: ${data.actif}`,
    'certificateurs:',
    ...data.certificateurs.flatMap((c) => [
      `  - nom: ${q(c.nom)}`,
      ...(c.siret ? [`    siret: ${q(c.siret)}`] : []),
    ]),
    ...(data.niveau ? ['niveau:', `  europe: ${data.niveau}`] : []),
    ...(data.rome ? ['rome:', ...data.rome.map((c) => `  - code: ${q(c)}`)] : []),
    ...(data.nsf ? ['nsf:', ...data.nsf.map((c) => `  - code: ${q(c)}`)] : []),
    ...(data.formacodes
      ? [
          'formacodes:',
          ...data.formacodes.flatMap(([c, l]) => [`  - code: ${q(c)}`, `    libelle: ${q(l)}`]),
        ]
      : []),
    'voies_acces:',
    ...[
      'formation_initiale',
      'apprentissage',
      'formation_continue',
      'contrat_professionnalisation',
      'candidature_individuelle',
      'vae',
    ].flatMap((voie) => [`  ${voie}:`, '    ouverte: null']),
    'accessible_nouvelle_caledonie: null',
    'accessible_polynesie_francaise: null',
    '---',
    '',
  ];
  return lines.join('\n');
}

const NAMED: Record<string, string> = {
  'rncp/9201.md': ficheMd({
    numero: 'RNCP9201',
    intitule: 'Fiche active, certificateur au SIRET écrit en majuscules',
    actif: true,
    certificateurs: [{ nom: 'CENTRE RESSOURCES AROBASE', siret: SIRET }],
    niveau: 6,
    rome: ['K1801'],
    nsf: ['332t'],
    formacodes: [['44028', 'Insertion professionnelle']],
  }),
  'rncp/9202.md': ficheMd({
    numero: 'RNCP9202',
    intitule: 'Fiche active, même SIRET écrit autrement',
    actif: true,
    certificateurs: [{ nom: 'Centre ressources Arobase', siret: SIRET }],
    niveau: 6,
    rome: ['K1801'],
    formacodes: [['44028', 'insertion professionnelle']],
  }),
  'rs/9203.md': ficheMd({
    numero: 'RS9203',
    intitule: 'Fiche du Répertoire spécifique sans niveau',
    actif: true,
    certificateurs: [{ nom: 'École de test' }],
  }),
};

async function buildFixture(root: string): Promise<string> {
  const fiches = path.join(root, 'fiches');
  for (const [file, text] of Object.entries(NAMED)) {
    mkdirSync(path.dirname(path.join(fiches, file)), { recursive: true });
    writeFileSync(path.join(fiches, file), text);
  }
  writeFileSync(
    path.join(fiches, 'rncp/6133.md'),
    readFileSync(path.resolve('content/fiches/rncp/6133.md')),
  );
  for (let i = 0; i < FILLERS; i++) {
    const numero = `RNCP${9300 + i}`;
    writeFileSync(
      path.join(fiches, `rncp/${9300 + i}.md`),
      ficheMd({
        numero,
        intitule: `Fiche de volume ${i}`,
        actif: i % 2 === 0,
        certificateurs: [{ nom: 'CENTRE RESSOURCES AROBASE', siret: SIRET }],
        niveau: 4,
        rome: ['M1607'],
      }),
    );
  }
  const dist = path.join(root, 'dist');
  await buildSite({ fiches, outDir: dist, cacheDir: path.join(root, 'cache'), logLevel: 'error' });
  return dist;
}

describe('browse pages of a fixture catalogue', () => {
  let root: string;
  let site: string;
  const page = (urlPath: string) => pageOf(site, urlPath);

  beforeAll(async () => {
    // Inside the project (tmp/ is ignored): Astro puts the prerender chunks of an outDir outside the
    // project in the shared .astro/.prerender/, where another build at the same time would clobber them.
    mkdirSync('tmp', { recursive: true });
    root = mkdtempSync(path.resolve('tmp/browse-fixture-'));
    site = await buildFixture(root);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('lists the fiches of a code active first, then by number', () => {
    const links = hrefs(page('/rome/K1801/'), 'section[aria-labelledby="fiches"] li > a');
    expect(links).toEqual(['/rncp/9201/', '/rncp/9202/', '/rncp/6133/']);
    expect(page('/rome/K1801/').textOf('section[aria-labelledby="fiches"] p.meta')).toBe(
      '3 fiches, dont 2 actives, listées en tête.',
    );
  });

  it('gathers one SIRET’s spellings, and the same name without SIRET, on one page under the most frequent name', () => {
    // The fillers and RNCP 9201, 9202 give the SIRET; RNCP 6133 (inactive) gives none, and its
    // name « Centre ressource AROBASE » is that of this SIRET alone.
    const fiches = FILLERS + 3;
    const actives = FILLERS / 2 + 2;
    const certificateur = page(`/certificateurs/${SIRET}/`);
    expect(certificateur.textOf('h1')).toBe('CENTRE RESSOURCES AROBASE');
    expect(certificateur.textOf('main dl')).toContain(
      'Autres noms dans les fiches Centre ressources Arobase Centre ressource AROBASE',
    );
    expect(hrefs(certificateur, 'main dl a')).toContain(
      `https://annuaire-entreprises.data.gouv.fr/etablissement/${SIRET}`,
    );
    expect(certificateur.textOf('section[aria-labelledby="fiches"] p.meta')).toBe(
      `${fiches} fiches, dont ${actives} actives, listées en tête. Fiches 1 à 200, page 1 sur 2.`,
    );
    const listed = [`/certificateurs/${SIRET}/`, `/certificateurs/${SIRET}/2/`].flatMap((p) =>
      hrefs(page(p), 'section[aria-labelledby="fiches"] a'),
    );
    expect(listed).toContain('/rncp/6133/');
    const index = page('/certificateurs/');
    expect(itemOf(index, `/certificateurs/${SIRET}/`)).toBe(
      `CENTRE RESSOURCES AROBASE (${fiches} fiches, dont ${actives} actives)`,
    );
    expect(hrefs(index).filter((href) => /arobase/.test(href))).toEqual([]);
    expect(existsSync(path.join(site, 'certificateurs/centre-ressource-arobase'))).toBe(false);
    expect(hrefs(index, 'nav[aria-label="Initiales"] a')).toEqual([
      '/certificateurs/#lettre-c',
      '/certificateurs/#lettre-e',
    ]);
    expect(index.textOf('#regroupement')).toContain(
      'quand un seul SIRET du catalogue porte ce nom',
    );
  });

  it('links every spelling’s fiche to that one page, and gives the search one certificateur value', () => {
    const filter = (urlPath: string) =>
      page(urlPath)
        .all('[data-pagefind-filter="certificateur"]')
        .map((span) => toText(span));
    for (const fiche of ['/rncp/6133/', '/rncp/9201/', '/rncp/9202/']) {
      const certificateurs = hrefs(page(fiche)).filter((href) =>
        href.startsWith('/certificateurs/'),
      );
      expect(new Set(certificateurs), fiche).toEqual(new Set([`/certificateurs/${SIRET}/`]));
      expect(filter(fiche), fiche).toEqual(['CENTRE RESSOURCES AROBASE']);
    }
    expect(filter('/rs/9203/')).toEqual(['École de test']);
  });

  it('cuts a long list into pages linked to each other, the current one marked', () => {
    const first = page('/rome/M1607/');
    const last = page('/rome/M1607/2/');
    const cards = 'section[aria-labelledby="fiches"] .card-list > li';
    expect(first.all(cards)).toHaveLength(200);
    expect(last.all(cards)).toHaveLength(FILLERS - 200);
    const pagination = 'nav[aria-label="Pages de la liste, en bas"]';
    expect(hrefs(first, `${pagination} a`)).toEqual([
      '/rome/M1607/',
      '/rome/M1607/2/',
      '/rome/M1607/2/',
    ]);
    expect(hrefs(last, `${pagination} a`)).toEqual([
      '/rome/M1607/',
      '/rome/M1607/',
      '/rome/M1607/2/',
    ]);
    expect(first.textOf(`${pagination} a[aria-current="page"]`)).toBe('1');
    expect(last.textOf(`${pagination} a[aria-current="page"]`)).toBe('2');
    expect(last.textOf('h1')).toBe(first.textOf('h1'));
    // The active fiches come first, then the inactive ones.
    const statuses = [...first.all(cards), ...last.all(cards)].map((li) =>
      collapse(toText(li)).includes(' Active ') ? 'active' : 'inactive',
    );
    expect(statuses.indexOf('inactive')).toBe(FILLERS / 2);
    expect(statuses.lastIndexOf('active')).toBe(FILLERS / 2 - 1);
  });

  it('lists every fiche in each ordering of /fiches/', () => {
    const total = FILLERS + 4;
    const column = (urlPath: string, n: number) =>
      page(urlPath)
        .all(`tbody tr > :nth-child(${n})`)
        .map((cell) => collapse(toText(cell)));
    for (const { path: first } of ORDRES) expect(page(first).all('tbody tr')).toHaveLength(total);
    expect(column('/fiches/', 1).slice(0, 4)).toEqual([
      'RNCP 6133',
      'RNCP 9201',
      'RNCP 9202',
      'RNCP 9300',
    ]);
    expect(column('/fiches/', 1).at(-1)).toBe('RS 9203');
    expect(column('/fiches/par-intitule/', 2)[0]).toBe(
      "Coordinateur(trice) de l'intervention sociale et professionnelle",
    );
    expect(column('/fiches/par-niveau/', 3).at(0)).toBe('4');
    expect(column('/fiches/par-niveau/', 3).slice(-4)).toEqual(['5', '6', '6', 'Sans niveau']);
    expect(column('/fiches/par-statut/', 4).slice(FILLERS / 2 + 2, FILLERS / 2 + 4)).toEqual([
      'Active',
      'Inactive',
    ]);
    expect(existsSync(path.join(site, 'fiches/2/index.html'))).toBe(false);
  });

  it('gives each Formacode a page with the label most fiches write, linked from the fiche', () => {
    const formacode = page('/formacodes/44028/');
    expect(formacode.textOf('h1')).toBe('Formacode 44028 : Insertion professionnelle');
    expect(formacode.textOf('main p.meta')).toContain('« insertion professionnelle »');
    expect(hrefs(page('/rncp/9201/'))).toContain('/formacodes/44028/');
    expect(itemOf(page('/formacodes/'), '/formacodes/44028/')).toBe(
      '44028 : Insertion professionnelle (2 fiches)',
    );
  });

  it('files an RS fiche without a level under « sans niveau »', () => {
    expect(
      hrefs(page('/niveaux/sans-niveau/'), 'section[aria-labelledby="fiches"] .card-list a'),
    ).toEqual(['/rs/9203/']);
  });

  it('every internal href of every page leads to a built page, file or anchor', () => {
    const { pages, problems } = checkSite(site);
    // Every ROME and NSF code has a page (1,696), besides the fiches and the other browse pages.
    expect(pages).toBeGreaterThan(1_800);
    expect(problems).toEqual([]);
  });
});
