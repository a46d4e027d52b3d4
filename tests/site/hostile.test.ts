/**
 * Content is data, and a contributor must not be able to turn it against readers. Hostile fiches
 * (tests/fixtures/hostile/<what-it-shows>/rncp/9201.md) are refused by the validator, each with its
 * French message; odd but legitimate text (`<`, `>`, `&`, quotes) is accepted and reaches the built
 * pages escaped; and no component writes content as raw HTML.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIELD_LENGTH, formatDiagnostic, validatePaths } from '../../src/lib/validate/index.ts';
import { FIXTURE_FICHES, fixtureSite } from '../support/fixture-site.ts';
import { parsePage } from '../support/html.ts';
import { ODD_TITLE_FICHE } from '../support/page-types.ts';

const HOSTILE = path.join(import.meta.dirname, '../fixtures/hostile');
const FILE = 'rncp/9201.md';

function messages(folder: string): string[] {
  return validatePaths([folder]).diagnostics.map(formatDiagnostic);
}

const LIEN_REFUSE =
  /Lien refusé : seules les adresses https:\/\/, http:\/\/ et mailto: sont acceptées/;
const ADRESSE_INVALIDE =
  /Adresse invalide : attendu une URL complète commençant par https:\/\/ ou http:\/\//;
const HTML_BRUT = /HTML brut interdit dans une fiche : écrivez le texte en Markdown/;
const BALISE = /Balise HTML interdite : écrivez du texte simple/;
const ACCOLADES = /Accolades \{…\} interdites dans une fiche \(syntaxe MDX\)/;
const ESM = /Syntaxe MDX \(import\/export\) interdite dans une fiche/;

/** fixture → where the first message points, which field, what it says (and the value it shows). */
const CASES: [fixture: string, location: string, field: string, message: RegExp][] = [
  ['titre-balise-script', '3:11', 'intitule', new RegExp(`${BALISE.source}.*<script>alert\\(1\\)`)],
  [
    'nom-avec-gestionnaire-evenement',
    '7:10',
    'certificateurs[0].nom',
    new RegExp(`${BALISE.source}.*onmouseover`),
  ],
  [
    'lien-javascript',
    '32:15',
    'corps',
    new RegExp(`${LIEN_REFUSE.source}.*"javascript:alert\\(1\\)"`),
  ],
  // An entity hides nothing: the link is read as the browser would read it.
  [
    'lien-javascript-encode',
    '32:15',
    'corps',
    new RegExp(`${LIEN_REFUSE.source}.*"javascript:alert\\(1\\)"`),
  ],
  [
    'lien-javascript-automatique',
    '32:22',
    'corps',
    new RegExp(`${LIEN_REFUSE.source}.*"javascript:alert\\(1\\)"`),
  ],
  ['lien-data', '32:15', 'corps', new RegExp(`${LIEN_REFUSE.source}.*"data:text/html`)],
  [
    'adresse-data-dans-les-donnees',
    '9:10',
    'url_description[0].url',
    new RegExp(`${ADRESSE_INVALIDE.source}.*"data:text/html`),
  ],
  [
    'adresse-javascript-dans-les-donnees',
    '9:14',
    'certificateurs[0].site_internet[0].url',
    new RegExp(`${ADRESSE_INVALIDE.source}.*"javascript:`),
  ],
  ['html-gestionnaire-evenement', '32:22', 'corps', new RegExp(`${HTML_BRUT.source}.*onerror`)],
  ['html-svg-onload', '34:1', 'corps', new RegExp(`${HTML_BRUT.source}.*<svg onload`)],
  [
    'html-dans-un-bloc',
    '11:18',
    'blocs[0].competences',
    new RegExp(`${HTML_BRUT.source}.*onclick`),
  ],
  ['commentaire-html', '32:23', 'corps', new RegExp(`${HTML_BRUT.source}.*<!--`)],
  [
    'image-de-suivi',
    '32:23',
    'corps',
    /Image interdite dans une fiche : une fiche ne contient que du texte et des liens.*pixel\.gif/,
  ],
  ['expression-mdx', '32:1', 'corps', new RegExp(`${ACCOLADES.source}.*\\{alert\\(1\\)\\}`)],
  [
    'expression-mdx-sur-plusieurs-lignes',
    '32:1',
    'corps',
    new RegExp(`${ACCOLADES.source}.*\\{ alert\\(1\\) \\}`),
  ],
  ['ligne-import', '34:1', 'corps', new RegExp(`${ESM.source}.*import Piege from`)],
  ['ligne-import-sans-nom', '34:1', 'corps', new RegExp(`${ESM.source}.*import './piege\\.js'`)],
  ['ligne-export', '34:1', 'corps', new RegExp(`${ESM.source}.*export const piege`)],
  [
    'caractere-de-controle',
    '32:14',
    'fichier',
    /Caractère de contrôle invisible U\+0007 interdit : supprimez-le/,
  ],
  [
    'caractere-nul',
    '32:14',
    'fichier',
    /Caractère de contrôle invisible U\+0000 interdit : supprimez-le/,
  ],
  [
    'inversion-bidirectionnelle',
    '32:22',
    'fichier',
    /Caractère de contrôle invisible U\+202E interdit : supprimez-le/,
  ],
];

describe('validator: hostile fiches are refused, each with a clear French message', () => {
  it('accepts the fiche the hostile fixtures are made from', () => {
    expect(messages(path.join(HOSTILE, 'base-valide'))).toEqual([]);
  });

  it('has a case for every hostile fixture', () => {
    const folders = readdirSync(HOSTILE).filter((name) => name !== 'base-valide');
    expect(folders.sort()).toEqual(CASES.map(([name]) => name).sort());
  });

  it.each(CASES)('%s', (name, location, field, message) => {
    const lines = messages(path.join(HOSTILE, name));
    const first = lines.find((line) => line.includes(`${FILE}:${location} ${field} : `));
    expect(first, `expected ${FILE}:${location} ${field} in:\n${lines.join('\n')}`).toBeDefined();
    expect(first).toMatch(message);
  });

  describe('a field or a section of 1 MB', () => {
    let folder: string;
    const megabyte = 'Texte sans fin. '.repeat(65_536);
    const base = readFileSync(path.join(HOSTILE, 'base-valide', FILE), 'utf8');
    const write = (name: string, text: string) => {
      mkdirSync(path.join(folder, name, 'rncp'), { recursive: true });
      writeFileSync(path.join(folder, name, FILE), text);
      return path.join(folder, name);
    };
    beforeAll(() => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-hostile-'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('refuses a 1 MB frontmatter field, saying the limit', () => {
      const text = base.replace('intitule: "Agent de test"', `intitule: "${megabyte}"`);
      expect(messages(write('champ', text))).toEqual([
        expect.stringMatching(
          new RegExp(
            `${FILE}:3:11 intitule : Texte trop long : ${megabyte.length} caractères, ${MAX_FIELD_LENGTH} au plus`,
          ),
        ),
      ]);
    });

    it('refuses a 1 MB section of the body, saying which one', () => {
      const text = base.replace('Accueillir le public.', megabyte);
      expect(messages(write('section', text))).toEqual([
        expect.stringMatching(
          new RegExp(
            `${FILE}:30:1 corps : Section trop longue : \\d+ caractères, ${MAX_FIELD_LENGTH} au plus \\(valeur : "Activités visées"\\)`,
          ),
        ),
      ]);
    });
  });
});

describe('odd but legitimate text is accepted and shown escaped', () => {
  let dist: string;
  const read = (urlPath: string) => readFileSync(path.join(dist, urlPath, 'index.html'), 'utf8');

  beforeAll(async () => {
    dist = await fixtureSite();
  });

  it('the fixture site’s fiches, odd text included, pass the validator', () => {
    expect(messages(FIXTURE_FICHES)).toEqual([]);
  });

  it('escapes <, >, & and quotes of a title in the fiche’s page, title and description', () => {
    const html = read(ODD_TITLE_FICHE.path);
    // In text, < > & " are written as entities; in a quoted attribute, & and " are (< and > may stay).
    const quote = '(?:&quot;|&#34;)';
    expect(html).toMatch(
      new RegExp(
        `<h1[^>]*>Conducteur de véhicules &lt; 3,5 t &amp; ${quote}poids lourds${quote} &gt; 12 t</h1>`,
      ),
    );
    expect(html).toMatch(
      new RegExp(
        `<title>RNCP 9103 : Conducteur de véhicules &lt; 3,5 t &amp; ${quote}poids lourds${quote} &gt; 12 t`,
      ),
    );
    expect(html).toMatch(
      new RegExp(
        `<meta name="description" content="[^"]*Conducteur de véhicules (?:<|&lt;) 3,5 t &amp; ${quote}poids lourds${quote}`,
      ),
    );
    const page = parsePage(html);
    expect(page.textOf('h1')).toBe(ODD_TITLE_FICHE.intitule);
    expect(page.textOf('title')).toBe(`RNCP 9103 : ${ODD_TITLE_FICHE.intitule} · Fiches RNCP`);
    expect(String(page.one('meta[name="description"]')?.properties['content'])).toContain(
      ODD_TITLE_FICHE.intitule,
    );
  });

  it('escapes them in the body and in a certificateur’s name', () => {
    const html = read(ODD_TITLE_FICHE.path);
    expect(html).toContain('(&lt; 3,5 t) &amp; accueillir');
    expect(html).toMatch(/>Transports &amp; logistique (&quot;|&#34;)Démo\1</);
    const page = parsePage(html);
    expect(page.text).toContain('(< 3,5 t) & accueillir les « clients »');
    expect(page.text).toContain('> 12 t pour les "poids lourds"');
    expect(page.text).toContain(ODD_TITLE_FICHE.certificateur);
  });

  it('escapes them where the fiche is listed', () => {
    const html = read('/');
    expect(html).toContain('Conducteur de véhicules &lt; 3,5 t &amp; ');
    expect(parsePage(html).text).toContain(ODD_TITLE_FICHE.intitule);
  });
});

/**
 * The one raw-HTML write allowed, and why: a JSON-LD `<script type="application/ld+json">` is a data
 * block whose text the browser never decodes, so Astro's HTML escaping would corrupt the JSON. Its
 * text comes from serializeJsonLd, which writes `<` as `\u003c`: no fiche text can close the element
 * (checked below on the built page of the fiche with odd text).
 */
const RAW_HTML_ALLOWED = [
  'src/components/fiche/FicheJsonLd.astro: <script is:inline type="application/ld+json" set:html={json} />',
];

describe('no component writes content as raw HTML', () => {
  const sources = readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(astro|ts|tsx|js|mjs|mdx)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));

  it('uses set:html, innerHTML, outerHTML, insertAdjacentHTML or document.write nowhere else', () => {
    const uses = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line) =>
          /set:html|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/.test(line)
            ? [`${file.split(path.sep).join('/')}: ${line.trim()}`]
            : [],
        ),
    );
    expect(sources.length).toBeGreaterThan(10);
    expect(uses.filter((use) => !RAW_HTML_ALLOWED.includes(use))).toEqual([]);
  });

  it('keeps fiche text inside the JSON-LD block of a fiche page', async () => {
    const dist = await fixtureSite();
    const page = parsePage(
      readFileSync(path.join(dist, ODD_TITLE_FICHE.path, 'index.html'), 'utf8'),
    );
    const blocks = page.all('script[type="application/ld+json"]');
    expect(blocks).toHaveLength(1);
    const text = blocks[0]!.children.map((child) => ('value' in child ? child.value : '')).join('');
    expect(text).not.toContain('<');
    expect(JSON.stringify(JSON.parse(text))).toContain(JSON.stringify(ODD_TITLE_FICHE.intitule));
  });
});
