/**
 * The real sample fiches of the export, once imported, build into pages that show each fiche's title,
 * codes, certifiers, blocs (code, compétences, évaluation) and voies d'accès with their jury. What
 * each page must show is read from the XML (tests/support/export-xml.ts), not from the imported
 * files: an importer that stopped writing a part would leave it off the page, and fail here.
 *
 * The samples are imported into a temporary content folder inside tmp/ (ignored by git; never into the
 * committed content/), and a site is built from it with FICHES_DIR (read by src/content.config.ts), in a
 * child process with its own output and cache folders, as tests/support/fixture-site.ts does.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/build-site.ts';
import { runImport } from '../../src/lib/import/run.ts';
import { VOIE_ELEMENTS, kid, kids, readXml, squash, words } from '../support/export-xml.ts';
import { parsePage } from '../support/html.ts';

const SAMPLES = path.resolve('../shared/data/france-competences/xml-v4.1-samples');
const FILES = ['export_fiches_RNCP_fixture.xml', 'export_fiches_RS_fixture.xml'];
/** Blocs and jury compositions of the two sample files (Python's ElementTree, counted apart). */
const EXPECTED = { blocs: 32, juries: 53 };
let root: string;
let dist: string;

/** The first words of a text: enough to recognise it on the page. */
const opening = (text: string) => words(text).slice(0, 6).join(' ');

beforeAll(async () => {
  mkdirSync('tmp', { recursive: true });
  root = mkdtempSync(path.resolve('tmp', 'import-render-'));
  const content = path.join(root, 'fiches');
  for (const file of FILES) {
    const report = await runImport({ file: path.join(SAMPLES, file), out: content });
    expect(report.totaux.echecs).toBe(0);
  }
  dist = path.join(root, 'dist');
  await buildSite({ fiches: content, outDir: dist, cacheDir: path.join(root, 'cache') });
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('pages of the imported fiches', () => {
  it('builds a page for each of the 13 fiches', () => {
    const numeros = FILES.flatMap((file) =>
      kids(readXml(path.join(SAMPLES, file)), 'FICHE').map((f) =>
        kid(f, 'NUMERO_FICHE')!.text.trim(),
      ),
    );
    expect(numeros).toHaveLength(13);
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
    for (const file of FILES) {
      for (const xml of kids(readXml(path.join(SAMPLES, file)), 'FICHE')) {
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
});
