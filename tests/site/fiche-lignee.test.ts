/**
 * Issues 11 and 12 on the built fiche pages of the fixture site (tests/fixtures/site): the lignée as
 * a timeline, « Ce qui change » on both pages of a pair in the catalogue (RNCP 9105 → RNCP 9106) and
 * towards fiches outside it (RNCP 6133's), the bloc correspondences, the results as pictures, the
 * notice of a fiche absent from the export and each fiche's « Historique des modifications ».
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toText } from 'hast-util-to-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite } from '../support/fixture-site.ts';
import { parsePage, type Page } from '../support/html.ts';

let dist: string;
beforeAll(async () => {
  dist = await fixtureSite();
});

const page = (site: string): Page =>
  parsePage(readFileSync(path.join(dist, site, 'index.html'), 'utf8'));
const section = (p: Page, id: string) => p.textOf(`section[aria-labelledby="${id}"]`);
const hrefs = (p: Page, id: string) =>
  p.all(`section[aria-labelledby="${id}"] a`).map((a) => String(a.properties['href']));
const toc = (p: Page) => p.all('nav.toc a').map((a) => String(a.properties['href']));

/** What changes from RNCP 9105 to RNCP 9106, as both pages must say it. */
const CHANGES = [
  "Intitulé changé : « Assistant d'accueil en structure d'insertion » devient « Conseiller d'accueil et de parcours en structure d'insertion »",
  'Niveau changé : niveau 4 devient niveau 5',
  'Code ROME ajouté : K1201 ; Code ROME retiré : M1607',
  'Code NSF ajouté : 344t',
  'Formacode retiré : 44028',
  "Bloc de compétences ajouté : RNCP9106BC04 « Accompagner les parcours d'insertion »",
  'Bloc de compétences retiré : RNCP9105BC03 « Classer et archiver les dossiers »',
  "Bloc RNCP9105BC02 → RNCP9106BC02 renommé : « Tenir le secrétariat » devient « Tenir le secrétariat d'une structure d'insertion »",
  "Certificateur ajouté : Fédération de l'insertion de démonstration ; Certificateur retiré : Réseau d'accueil de démonstration",
  "Voie d’accès ouverte : en contrat d'apprentissage ; Voie d’accès fermée : par expérience (validation des acquis de l'expérience)",
  'RNCP 9105, inactive : du 1 juillet 2019 au 1 juillet 2024',
  'RNCP 9106, active : du 1 juillet 2024 au 1 juillet 2029',
  'Bloc repris sous le même intitulé : RNCP9105BC01 devient RNCP9106BC01 « Accueillir et orienter le public »',
];

describe('« Ce qui change » between two fiches of the catalogue', () => {
  it.each([
    ['/rncp/9106/', 'De RNCP 9105 à cette fiche', '/rncp/9105/'],
    ['/rncp/9105/', 'De cette fiche à RNCP 9106', '/rncp/9106/'],
  ])('%s says every change, under « %s », and links the other page here', (site, title, other) => {
    const p = page(site);
    const text = section(p, 'ce-qui-change');
    expect(text).toContain(title);
    for (const change of CHANGES) expect(text).toContain(change);
    expect(text).not.toContain('pas dans ce catalogue');
    expect(hrefs(p, 'ce-qui-change')).toEqual([other]);
    expect(toc(p)).toContain('#ce-qui-change');
  });

  it('compares RNCP 9101 with RNCP 6133, its predecessor in the catalogue', () => {
    const text = section(page('/rncp/9101/'), 'ce-qui-change');
    expect(text).toContain('De RNCP 6133 à cette fiche');
    expect(text).toContain('Niveau changé : niveau 5 devient niveau 4');
    expect(text).toContain('Certificateur retiré : Centre ressource AROBASE');
    expect(text).toContain('RNCP 6133, inactive : du 3 mars 2007 au 3 mars 2012');
  });

  it('says of fiches outside the catalogue that they cannot be compared, and links France Compétences', () => {
    const p = page('/rncp/6133/');
    const text = section(p, 'ce-qui-change');
    expect(text).toContain('De RNCP 1718 à cette fiche');
    expect(text).toContain('De cette fiche à RNCP 16575');
    expect(text.match(/Cette certification n’est pas dans ce catalogue/g)).toHaveLength(2);
    expect(hrefs(p, 'ce-qui-change')).toEqual([
      'https://www.francecompetences.fr/recherche/rncp/1718/',
      'https://www.francecompetences.fr/recherche/rncp/16575/',
    ]);
    // Later generations are in the timeline, not compared.
    expect(text).not.toContain('RNCP 36128');
  });

  it('leaves the section out for a fiche without predecessor or successor', () => {
    const p = page('/rs/9102/');
    expect(p.one('#ce-qui-change')).toBeUndefined();
    expect(toc(p)).not.toContain('#ce-qui-change');
  });
});

describe('the lignée as a timeline, in the history section', () => {
  it('draws RNCP 6133’s whole line with its table, and no second list of the same fiches', () => {
    const p = page('/rncp/6133/');
    const svg = p.one('section[aria-labelledby="historique"] svg[role="img"]');
    expect(svg).toBeDefined();
    expect(p.textOf('section[aria-labelledby="historique"] svg title')).toBe(
      'Lignée de la certification RNCP 6133',
    );
    expect(p.all('section[aria-labelledby="historique"] tbody tr')).toHaveLength(5);
    expect(p.all('section[aria-labelledby="historique"] ol.lignee')).toHaveLength(0);
    expect(section(p, 'historique')).toContain('Source de la lignée');
  });

  it('links a fiche of the line here when it is in the catalogue', () => {
    expect(hrefs(page('/rncp/9101/'), 'historique')).toContain('/rncp/6133/');
  });
});

describe('bloc correspondences', () => {
  it('are a table on both fiches of the pair, each other fiche linked here or to France Compétences', () => {
    const nouvelle = page('/rncp/9106/');
    expect(nouvelle.textOf('section[aria-labelledby="correspondances"] caption')).toContain(
      'le bloc de cette fiche correspond au bloc de l’autre certification',
    );
    expect(nouvelle.all('section[aria-labelledby="correspondances"] tbody tr')).toHaveLength(3);
    expect(hrefs(nouvelle, 'correspondances')).toEqual([
      '/rncp/9105/',
      '/rncp/9105/',
      'https://www.francecompetences.fr/recherche/rncp/29965/',
    ]);
    expect(section(nouvelle, 'correspondances')).toContain(
      'RNCP 29965 (pas dans ce catalogue : fiche sur France Compétences)',
    );
    expect(hrefs(page('/rncp/9105/'), 'correspondances')).toEqual(['/rncp/9106/']);
    expect(page('/rncp/9101/').one('#correspondances')).toBeUndefined();
  });
});

describe('statistics as pictures', () => {
  it('draws RNCP 9101’s results with the table beside them', () => {
    const p = page('/rncp/9101/');
    const titles = p.all('section[aria-labelledby="statistiques"] svg title').map((t) => toText(t));
    expect(titles).toEqual(['Nombre de certifiés par promotion', 'Taux d’insertion par promotion']);
    expect(p.textOf('section[aria-labelledby="statistiques"] tbody')).toBe('2024 40 5 78 % 65 %');
  });

  it('keeps RNCP 6133’s statement and says the figures are not given', () => {
    const text = section(page('/rncp/6133/'), 'statistiques');
    expect(text).toContain('45 certifiés par an');
    expect(text).toContain('Résultats par promotion : non communiqués.');
  });
});

describe('the journal on the fiche page (issue 11)', () => {
  it('says first that a fiche has left the export, since when', () => {
    const status = page('/rncp/9105/').textOf('[aria-label="Statut de la certification"]');
    expect(status).toContain(
      'Cette fiche ne figure plus dans l’export de France Compétences depuis le 17 août 2026.',
    );
    expect(page('/rncp/9106/').text).not.toContain('ne figure plus dans l’export');
  });

  it('lists a fiche’s changes, newest day first, each in words', () => {
    const p = page('/rs/9102/');
    expect(toc(p)).toContain('#modifications');
    expect(
      p.all('section[aria-labelledby="modifications"] time').map((t) => t.properties['dateTime']),
    ).toEqual(['2026-08-17', '2026-08-16']);
    expect(section(p, 'modifications')).toContain(
      "17 août 2026 Voie d’accès ouverte : par expérience (validation des acquis de l'expérience) 16 août 2026 Nouvelle fiche",
    );
    expect(hrefs(p, 'modifications')).toEqual(['/nouveautes/']);
    expect(section(page('/rncp/9105/'), 'modifications')).toContain(
      'Absente de l’export de France Compétences',
    );
  });

  it('has no such section for a fiche the journal never names', () => {
    const p = page('/rncp/9106/');
    expect(p.one('#modifications')).toBeUndefined();
    expect(toc(p)).not.toContain('#modifications');
  });
});
