/**
 * Content is data, and a contributor must not be able to turn it against readers. Hostile fiches
 * (tests/fixtures/hostile/<what-it-shows>/rncp/9201.md) are refused by the validator, each with its
 * French message (tests/unit/validate-hostile.test.ts); built anyway, as if the validator had been
 * skipped, their pages carry no script,
 * no event handler and no link to a dangerous address (the renderer's own guards: the address rule
 * of src/lib/link-address.ts and the raw-HTML drop of src/components/fiche/Markdown.astro); odd but
 * legitimate text
 * (`<`, `>`, `&`, quotes) is accepted and reaches the built pages escaped; and no component writes
 * content as raw HTML.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import yaml from 'js-yaml';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { formatDiagnostic, validatePaths } from '../../src/lib/validate/index.ts';
import { ficheSchema } from '../../src/schema/fiche.ts';
import { FIXTURE_FICHES, fixtureSite } from '../support/fixture-site.ts';
import { parsePage } from '../support/html.ts';
import { CASES, HOSTILE, HOSTILE_FILE as FILE } from '../support/hostile-cases.ts';
import { ODD_TITLE_FICHE } from '../../scripts/lib/site/page-types.ts';

function messages(folder: string): string[] {
  return validatePaths([folder]).diagnostics.map(formatDiagnostic);
}

/** Everything in a built page that could run code or send the reader somewhere unsafe. */
function dangers(html: string): string[] {
  const found: string[] = [];
  visit(parsePage(html).tree, 'element', (node: Element) => {
    const tag = node.tagName;
    if (tag === 'script' && node.properties['type'] !== 'application/ld+json')
      found.push('<script>');
    if (['iframe', 'object', 'embed', 'img', 'svg', 'image', 'base'].includes(tag))
      found.push(`<${tag}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`<${tag} ${name}>`);
      const text = Array.isArray(value) ? value.join(' ') : String(value);
      // What a browser would follow: the address with its control characters and spaces removed.
      const address = text.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (
        ['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'poster'].includes(name) &&
        /^(javascript|data|vbscript):/.test(address)
      )
        found.push(`<${tag} ${name}="${text}">`);
    }
  });
  return found;
}

describe('hostile fiches built without the validator: nothing dangerous reaches the page', () => {
  /** fixture → number of its fiche in the hostile site. */
  const built = new Map<string, number>();
  let root: string;
  let dist: string;
  const read = (name: string) =>
    readFileSync(path.join(dist, 'rncp', String(built.get(name)), 'index.html'), 'utf8');

  beforeAll(async () => {
    mkdirSync('tmp', { recursive: true });
    root = mkdtempSync(path.resolve('tmp', 'hostile-site-'));
    const fiches = path.join(root, 'fiches', 'rncp');
    mkdirSync(fiches, { recursive: true });
    let numero = 9300;
    for (const name of readdirSync(HOSTILE).sort()) {
      const text = readFileSync(path.join(HOSTILE, name, FILE), 'utf8');
      // The schema, which every build applies, refuses some (a `javascript:` address in the data):
      // those never reach a page. The others are built, each under a number of its own.
      const data = yaml.load(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!);
      if (!ficheSchema.safeParse(data).success) continue;
      numero++;
      built.set(name, numero);
      writeFileSync(
        path.join(fiches, `${numero}.md`),
        text
          .replace('numero_fiche: "RNCP9201"', `numero_fiche: "RNCP${numero}"`)
          .replaceAll('RNCP9201BC', `RNCP${numero}BC`),
      );
    }
    dist = path.join(root, 'dist');
    await buildSite({
      fiches: path.join(root, 'fiches'),
      outDir: dist,
      cacheDir: path.join(root, 'cache'),
      index: false,
    });
  }, 600_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('builds every hostile fiche the schema accepts, the body-level ones included', () => {
    const refusedBySchema = CASES.filter(([name]) => !built.has(name)).map(([name]) => name);
    expect(refusedBySchema.sort()).toEqual([
      'adresse-data-dans-les-donnees',
      'adresse-javascript-dans-les-donnees',
    ]);
  });

  it.each(
    CASES.filter(([, , field]) => !/^(url_description|certificateurs\[0\]\.site)/.test(field)),
  )(
    '%s: its page shows the text, and nothing that runs or leads to a dangerous address',
    (name) => {
      const html = read(name);
      expect(dangers(html)).toEqual([]);
      const page = parsePage(html);
      expect(page.textOf('h1')).toContain('Agent de test');
      // The hostile part sits in the text the page shows: it was rendered, not lost.
      if (name !== 'html-dans-un-bloc') expect(page.textOf('main')).toContain('Accueillir le');
      else expect(page.textOf('main')).toContain('Accueil');
    },
  );

  it('finds a script, a handler and a javascript: link (the check is real)', () => {
    expect(
      dangers(
        '<p><a href=" JaVa&#x53;cript:alert(1)">a</a><img src=x onerror="alert(1)"><script>x</script></p>',
      ),
    ).toEqual(['<a href=" JaVaScript:alert(1)">', '<img>', '<img onError>', '<script>']);
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
