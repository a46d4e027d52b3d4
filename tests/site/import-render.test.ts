/**
 * The real sample fiches of the export, once imported, build into pages that show each fiche's title,
 * codes, certifiers, blocs (code, compétences, évaluation) and voies d'accès with their jury. What
 * each page must show is read from the XML (tests/support/export-xml.ts), not from the imported
 * files: an importer that stopped writing a part would leave it off the page, and fail here.
 *
 * The samples are imported into a temporary content folder of the test run (never into the committed
 * content/) and built into a site, once per run (tests/support/imported-site.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fiche } from '../../src/schema/fiche.ts';
import { VOIE_ELEMENTS, kid, kids, readXml, squash, words } from '../support/export-xml.ts';
import { collapse, parsePage } from '../support/html.ts';
import { toText } from 'hast-util-to-text';
import { EXPORTS, SAMPLE_EXPORTS, importedSite } from '../support/imported-site.ts';

/** Blocs and jury compositions of the two sample files (Python's ElementTree, counted apart). */
const EXPECTED = { blocs: 32, juries: 53 };

let imported = 0;
let dist: string;
const fiches: Fiche[] = [];

/** The first words of a text: enough to recognise it on the page. */
const opening = (text: string) => words(text).slice(0, 6).join(' ');

beforeAll(async () => {
  const site = await importedSite();
  const content = site.fiches;
  dist = site.dist;
  imported = site.imported;
  for (const repertoire of readdirSync(content)) {
    for (const name of readdirSync(path.join(content, repertoire))) {
      const text = readFileSync(path.join(content, repertoire, name), 'utf8');
      fiches.push(yaml.load(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Fiche);
    }
  }
});

/** A fiche's built page, parsed. */
function pageOf(fiche: Fiche) {
  const [, repertoire, numero] = /^(RNCP|RS)(\d+)$/.exec(fiche.numero_fiche)!;
  return parsePage(
    readFileSync(path.join(dist, repertoire!.toLowerCase(), numero!, 'index.html'), 'utf8'),
  );
}

describe('pages of the imported fiches', () => {
  it('builds a page for each fiche of the exports', () => {
    const numeros = EXPORTS.flatMap((file) =>
      kids(readXml(file), 'FICHE').map((f) => kid(f, 'NUMERO_FICHE')!.text.trim()),
    );
    expect(numeros.length).toBeGreaterThan(13);
    expect(imported).toBe(numeros.length);
    expect(fiches).toHaveLength(imported);
    for (const numero of numeros) {
      const [, repertoire, n] = /^(RNCP|RS)(\d+)$/.exec(numero)!;
      expect(() =>
        readFileSync(path.join(dist, repertoire!.toLowerCase(), n!, 'index.html')),
      ).not.toThrow();
    }
  });

  it('shows the title, codes, certifiers, blocs and voies d’accès with their jury', () => {
    let blocs = 0;
    let juries = 0;
    for (const file of SAMPLE_EXPORTS) {
      for (const xml of kids(readXml(file), 'FICHE')) {
        const numero = kid(xml, 'NUMERO_FICHE')!.text.trim();
        const [, repertoire, n] = /^(RNCP|RS)(\d+)$/.exec(numero)!;
        const page = parsePage(
          readFileSync(path.join(dist, repertoire!.toLowerCase(), n!, 'index.html'), 'utf8'),
        );
        const where = numero;
        expect(page.textOf('h1'), where).toContain(squash(kid(xml, 'INTITULE')!.text));
        expect(page.text, where).toMatch(new RegExp(`${repertoire}\\s?${n}`));
        for (const [container, item] of [
          ['CODES_ROME', 'ROME'],
          ['CODES_NSF', 'NSF'],
          ['FORMACODES', 'FORMACODE'],
        ]) {
          for (const code of kids(kid(xml, container!), item!)) {
            expect(page.text, `${where} ${item}`).toContain(kid(code, 'CODE')!.text.trim());
          }
        }
        for (const c of kids(kid(xml, 'CERTIFICATEURS'), 'CERTIFICATEUR')) {
          const nom = squash(kid(c, 'NOM_CERTIFICATEUR')!.text);
          expect(page.text.toLowerCase(), `${where} ${nom}`).toContain(nom.toLowerCase());
        }

        // Every bloc of the XML is on the page, as many as the XML has, each with its texts.
        const section = page.textOf('section[aria-labelledby="blocs"]');
        const xmlBlocs = kids(kid(xml, 'BLOCS_COMPETENCES'), 'BLOC_COMPETENCES');
        expect(page.all('article.bloc'), `${where} blocs`).toHaveLength(xmlBlocs.length);
        for (const bloc of xmlBlocs) {
          const code = kid(bloc, 'CODE')!.text.trim();
          expect(section, `${where} ${code}`).toContain(code);
          expect(section, `${where} ${code}`).toContain(squash(kid(bloc, 'LIBELLE')!.text));
          for (const element of ['LISTE_COMPETENCES', 'MODALITES_EVALUATION']) {
            const text = kid(bloc, element)?.text;
            if (text)
              expect(words(section).join(' '), `${where} ${code} ${element}`).toContain(
                opening(text),
              );
          }
          blocs++;
        }

        // Every voie d'accès the XML states is on the page, with its jury.
        const voies = page.textOf('section[aria-labelledby="acces"]');
        for (const [element, label] of Object.entries(VOIE_ELEMENTS)) {
          const voie = kid(xml, element);
          const row = page.textOf(`tr[data-voie="${label}"]`);
          if (kid(voie, 'ACTIF')) expect(row, `${where} ${element}`).not.toBe('');
          const composition = kid(voie, 'COMPOSITION')?.text;
          if (composition) {
            expect(words(row).join(' '), `${where} jury ${element}`).toContain(
              opening(composition),
            );
            juries++;
          }
        }
        expect(voies, where).toContain('Composition du jury');
      }
    }
    // The samples have blocs and juries: the loops above did check some.
    expect({ blocs, juries }).toEqual(EXPECTED);
  });

  it('show each address of a description or a site as its own link, and a text without address as text', () => {
    const multiple = fiches.find((f) => f.numero_fiche === 'RS90501')!;
    const links = pageOf(multiple)
      .all('main a')
      .map((a) => [String(a.properties['href']), collapse(toText(a))]);
    // The export's value held three addresses separated by spaces, the last after « Programme : ».
    expect(links).toEqual(
      expect.arrayContaining([
        ['https://www.organisme-adresses.example/', 'https://www.organisme-adresses.example/'],
        [
          'https://www.organisme-adresses.example/formation',
          'https://www.organisme-adresses.example/formation',
        ],
        ['https://www.organisme-adresses.example/programme', 'Programme'],
      ]),
    );
    let shown = 0;
    for (const fiche of fiches) {
      const page = pageOf(fiche);
      const hrefs = page.all('main a').map((a) => String(a.properties['href']));
      const liens = [
        ...(fiche.url_description ?? []),
        ...fiche.certificateurs.flatMap((c) => c.site_internet ?? []),
      ];
      for (const lien of liens) {
        if (lien.url) {
          expect(hrefs, `${fiche.numero_fiche} ${lien.url}`).toContain(lien.url);
          expect(() => new URL(lien.url!)).not.toThrow();
          expect(lien.url).not.toMatch(/\s/);
        } else expect(page.text, fiche.numero_fiche).toContain(lien.libelle);
        shown++;
      }
    }
    // The samples' own addresses, and the fixture's six.
    expect(shown).toBeGreaterThan(6);
    const phrase = fiches.find((f) => f.numero_fiche === 'RS90502')!;
    expect(pageOf(phrase).text).toContain(
      'Certificat de compétences en accueil – Organisme des adresses (organisme-adresses.example)',
    );
  });
});
