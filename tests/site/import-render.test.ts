/**
 * The real sample fiches of the export, once imported, build into pages that show each fiche's title,
 * codes, certifiers, blocs (code, compétences, évaluation) and voies d'accès with their jury.
 *
 * The samples are imported into a temporary content folder of the test run (never into the committed
 * content/) and built into a site, once per run (tests/support/imported-site.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Root, RootContent } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/lib/validate/markdown.ts';
import { VOIES_ACCES, type Fiche } from '../../src/schema/fiche.ts';
import { collapse, parsePage } from '../support/html.ts';
import { toText } from 'hast-util-to-text';
import { importedSite } from '../support/imported-site.ts';

let imported = 0;
let dist: string;
const fiches: Fiche[] = [];

/** The visible text of a piece of Markdown, as the page shows it. */
function markdownText(markdown: string): string {
  const parts: string[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
    if ('children' in node) for (const c of node.children) walk(c);
    parts.push(' ');
  };
  walk(parseMarkdown(markdown));
  return collapse(parts.join(''));
}

/** The first words of a text: enough to recognise it on the page. */
const opening = (text: string) => collapse(text).split(' ').slice(0, 8).join(' ');

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
  it('builds a page for each fiche imported', () => {
    expect(imported).toBeGreaterThan(13);
    expect(fiches).toHaveLength(imported);
    for (const fiche of fiches) {
      const [, repertoire, numero] = /^(RNCP|RS)(\d+)$/.exec(fiche.numero_fiche)!;
      expect(() =>
        readFileSync(path.join(dist, repertoire!.toLowerCase(), numero!, 'index.html')),
      ).not.toThrow();
    }
  });

  it('shows the title, codes, certifiers, blocs and voies d’accès with their jury', () => {
    for (const fiche of fiches) {
      const [, repertoire, numero] = /^(RNCP|RS)(\d+)$/.exec(fiche.numero_fiche)!;
      const page = parsePage(
        readFileSync(path.join(dist, repertoire!.toLowerCase(), numero!, 'index.html'), 'utf8'),
      );
      const where = fiche.numero_fiche;
      expect(page.textOf('h1'), where).toContain(fiche.intitule);
      expect(page.text, where).toMatch(new RegExp(`${repertoire}\\s?${numero}`));
      for (const code of [
        ...(fiche.rome ?? []),
        ...(fiche.nsf ?? []),
        ...(fiche.formacodes ?? []),
      ]) {
        expect(page.text, `${where} ${code.code}`).toContain(code.code);
      }
      for (const certificateur of fiche.certificateurs) {
        expect(page.text.toLowerCase(), `${where} ${certificateur.nom}`).toContain(
          collapse(certificateur.nom).toLowerCase(),
        );
      }
      for (const bloc of fiche.blocs ?? []) {
        expect(page.text, `${where} ${bloc.code}`).toContain(bloc.code);
        expect(page.text, `${where} ${bloc.code}`).toContain(collapse(bloc.libelle));
        if (bloc.competences)
          expect(page.text, `${where} ${bloc.code} compétences`).toContain(
            opening(markdownText(bloc.competences)),
          );
        if (bloc.modalites_evaluation) {
          expect(page.text, `${where} ${bloc.code} évaluation`).toContain(
            opening(markdownText(bloc.modalites_evaluation)),
          );
        }
      }
      for (const [key, label] of Object.entries(VOIES_ACCES)) {
        const voie = fiche.voies_acces[key as keyof typeof VOIES_ACCES];
        if (voie.ouverte !== null) expect(page.text, `${where} ${key}`).toContain(label);
        if (voie.composition_jury) {
          expect(page.text, `${where} jury ${key}`).toContain(
            opening(markdownText(voie.composition_jury)),
          );
        }
      }
    }
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
