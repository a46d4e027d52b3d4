/**
 * The export's texts → Markdown (src/lib/import/html.ts): every result must be accepted by the fiche
 * validator's Markdown checks, keep every word, and repair what the export gets wrong; each change of
 * the text itself is named in French in the import report. In this process, so that mutation testing
 * sees it.
 */
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown, toPlainText } from '../../src/lib/import/html.ts';
import { checkMarkdownContent, parseMarkdown } from '../../src/lib/validate/markdown.ts';

/** The French notes of the import report, written out here rather than read from html.ts. */
const ACCOLADES =
  'accolades {…} remplacées par des parenthèses (le validateur les prend pour du MDX)';
const BALISES = 'balises HTML ôtées d’un champ de texte simple';

/** The validator's verdict on a piece of fiche Markdown. */
function problems(markdown: string): string[] {
  return checkMarkdownContent(parseMarkdown(markdown)).map((p) => p.message);
}

function convert(html: string): { md: string; changes: string[] } {
  const changes: string[] = [];
  const md = htmlToMarkdown(html, (c) => changes.push(c));
  expect(problems(md)).toEqual([]);
  expect(md).toBe(md.normalize('NFC'));
  return { md, changes };
}

describe('HTML → Markdown', () => {
  it('converts paragraphs, emphasis, lists and tables', () => {
    const { md } = convert(
      '<p>Un <strong>texte</strong> <em>simple</em>.</p><ul><li>un</li><li>deux</li></ul><ol><li>premier</li></ol>' +
        '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>',
    );
    expect(md).toBe(
      'Un **texte** _simple_.\n\n- un\n- deux\n\n1. premier\n\n| A | B |\n| - | - |\n| 1 | 2 |',
    );
  });

  it('demotes headings so that none opens a level-1 or level-2 section', () => {
    const { md } = convert('<h1>Un</h1><h2>Deux</h2><h3>Trois</h3><h6>Six</h6><p>fin</p>');
    expect(md).toBe('### Un\n\n#### Deux\n\n##### Trois\n\n###### Six\n\nfin');
    expect(parseMarkdown(md).children.filter((n) => n.type === 'heading' && n.depth <= 2)).toEqual(
      [],
    );
  });

  it('keeps only http(s) and mailto links, and turns images into links', () => {
    const { md } = convert(
      '<p><a href="javascript:alert(1)">piège</a> <a href="/relatif">relatif</a> <a href="#ancre">ancre</a> ' +
        '<a href="https://exemple.fr/">sûr</a> <a href="mailto:a@exemple.fr">courriel</a> ' +
        '<img src="https://exemple.fr/i.png" alt="logo"> <img src="data:image/png;base64,AAAA" alt="intégrée"></p>',
    );
    expect(md).toBe(
      'piège relatif ancre [sûr](https://exemple.fr/) [courriel](mailto:a@exemple.fr) [logo](https://exemple.fr/i.png) intégrée',
    );
  });

  it('drops scripts, styles and comments, and escapes what would read as HTML', () => {
    const { md } = convert(
      '<p>avant</p><script>alert(1)</script><style>p{}</style><!-- note --><p>5 &lt; 6 et &lt;div&gt; écrit en texte</p>',
    );
    expect(md).not.toMatch(/alert|note|p\{\}/);
    expect(md).toContain('5 < 6');
    expect(parseMarkdown(md).children.some((n) => n.type === 'html')).toBe(false);
  });

  it('repairs HTML escaped once too often, up to three times', () => {
    expect(convert('&lt;p&gt;Un &lt;strong&gt;mot&lt;/strong&gt;&lt;/p&gt;').md).toBe('Un **mot**');
    expect(
      convert('&amp;lt;ul&amp;gt;&amp;lt;li&amp;gt;a&amp;lt;/li&amp;gt;&amp;lt;/ul&amp;gt;').md,
    ).toBe('- a');
    expect(convert('<p>caf&amp;eacute; R&amp;amp;D</p>').md).toBe('café R\\&D');
  });

  it('turns braces into parentheses and defuses import/export lines, and says so', () => {
    const { md, changes } = convert('<p>{a} et {b}</p><p>export const x = 1</p>');
    expect(md).toBe('(a) et (b)\n\nExport const x = 1');
    expect(changes).toHaveLength(2);
  });

  it('removes invisible control characters and writes NFC', () => {
    const { md, changes } = convert('<p>Cafe\u0301 \u202eà\u0085la ligne</p>');
    expect(md).toBe('Café à la ligne');
    expect(changes).toHaveLength(1);
  });

  it('gives structure to plain text whose line breaks were flattened into spaces', () => {
    const { md } = convert(
      'Intro :  • Bloc 1. Stratégie  • Bloc 2. Management    Suite du texte.      * premier point      * second point',
    );
    expect(md).toBe(
      'Intro :\n\n- Bloc 1. Stratégie\n- Bloc 2. Management\n\nSuite du texte.\n\n- premier point\n- second point',
    );
    // Three spaces are a soft wrap of the source, not a break.
    expect(convert('un texte   qui continue').md).toBe('un texte qui continue');
    expect(convert('ligne 1\nligne 2').md).toBe('ligne 1\n\nligne 2');
  });

  it('escapes Markdown syntax found in plain text', () => {
    const { md } = convert('# pas un titre      1. pas une liste      **pas du gras**');
    expect(parseMarkdown(md).children.map((n) => n.type)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
  });

  it('returns an empty string when there is no text', () => {
    expect(htmlToMarkdown('')).toBe('');
    expect(htmlToMarkdown('   ')).toBe('');
    expect(htmlToMarkdown('<p> </p><br>')).toBe('');
  });
});

describe('one-line fields', () => {
  it('decodes entities escaped twice and takes tags out', () => {
    const changes: string[] = [];
    expect(toPlainText('R&amp;D &lt;b&gt;gras&lt;/b&gt;', (c) => changes.push(c))).toBe('R&D gras');
    expect(changes).toEqual([BALISES]);
    expect(toPlainText('5 < 6 & 7 > 3')).toBe('5 < 6 & 7 > 3');
  });
});

describe('what an editor finds in a converted text, in detail', () => {
  it('names each change of the text in French, once per kind', () => {
    const { changes } = convert('<p>{a}\u0007 et {b}</p><p>import x from "y"</p><p>export {z}</p>');
    expect(changes).toEqual([
      'caractères de contrôle invisibles supprimés',
      ACCOLADES,
      'paragraphe commençant par « import »/« export » : majuscule ajoutée (le validateur le prend pour du MDX)',
      ACCOLADES,
    ]);
  });

  it('leaves alone a lone brace, and words that only begin like import or export', () => {
    const { md, changes } = convert(
      '<p>un { seul</p><p>importer des données = utile</p><p>exporter {</p><p>le test import x = 1</p>',
    );
    expect(md).toBe(
      'un { seul\n\nimporter des données = utile\n\nexporter {\n\nle test import x = 1',
    );
    expect(changes).toEqual([]);
  });

  it('stops demoting headings at level six', () => {
    expect(convert('<h4>Quatre</h4><h5>Cinq</h5>').md).toBe('###### Quatre\n\n###### Cinq');
  });

  it('gives a link without text its address, trims addresses, and drops an unsafe image without text', () => {
    const { md } = convert(
      '<p><a href=" https://exemple.fr/a "></a> <img src=" https://exemple.fr/i.png "> <img src="javascript:x"> fin</p>',
    );
    expect(md).toContain('[https://exemple.fr/a](https://exemple.fr/a)');
    expect(md).toContain('[https://exemple.fr/i.png](https://exemple.fr/i.png)');
    expect(md).not.toContain('javascript');
    expect(md).toMatch(/\) +fin$/);
    expect(convert('<p><a href="MAILTO:a@exemple.fr">écrire</a></p>').md).toBe(
      '[écrire](MAILTO:a@exemple.fr)',
    );
    expect(convert('<p><a href="ftp://exemple.fr/"><em>fichier</em></a></p>').md).toBe('_fichier_');
  });

  it('removes the non-breaking spaces that would start or end a paragraph', () => {
    expect(convert('<p>&nbsp; texte&nbsp;</p><h3>\u00a0Titre\u00a0</h3>').md).toBe(
      'texte\n\n##### Titre',
    );
  });

  it('cuts plain text at each kind of line break and bullet', () => {
    expect(convert('un\r\ndeux\rtrois\tquatre').md).toBe('un\n\ndeux\n\ntrois\n\nquatre');
    expect(convert('Liste :  – premier  - second').md).toBe('Liste :\n\n- premier\n- second');
  });
});

describe('one-line fields, in detail', () => {
  it('takes tags out of a name, spacing block elements apart and inline ones not', () => {
    const changes: string[] = [];
    expect(toPlainText('<b>Lycée</b> <span>A</span>B<div>C</div>D', (c) => changes.push(c))).toBe(
      'Lycée AB C D',
    );
    expect(changes).toEqual([BALISES]);
    expect(toPlainText('caf&amp;eacute;')).toBe('café');
    expect(toPlainText('Cafe\u0301')).toBe('Café');
  });
});

describe('HTML escaped once too often, each form of it', () => {
  it('repairs an opening tag alone, a heading, and numeric and hexadecimal references', () => {
    expect(convert('&lt;p&gt;Bonjour').md).toBe('Bonjour');
    expect(convert('&lt;h2&gt;Titre&lt;/h2&gt;').md).toBe('#### Titre');
    // Each in its own text: one repaired reference would have the whole text parsed again.
    expect(convert('<p>caf&amp;#233;</p><p>caf&amp;#xE9;</p><p>caf&amp;eacute;</p>').md).toBe(
      'café\n\ncafé\n\ncafé',
    );
    expect(toPlainText('caf&amp;#233;')).toBe('café');
    expect(toPlainText('caf&amp;#xe9;')).toBe('café');
  });

  it('takes out of a one-line field a self-closing tag and an unknown tag with attributes', () => {
    const changes: string[] = [];
    expect(toPlainText('a<br/>b x <my-tag attr="1">y</my-tag>', (c) => changes.push(c))).toBe(
      'a  b x  y ',
    );
    expect(changes).toEqual([BALISES]);
    // Opening tags alone, with or without attributes.
    expect(toPlainText('a<br/>b')).toBe('a  b');
    expect(toPlainText('x <span class="a">y')).toBe('x y');
  });
});

describe('the edges of each repair', () => {
  it('removes a control character inside a word without leaving a space (only NEL is a break)', () => {
    expect(convert('<p>ab\u0001cd</p>').md).toBe('abcd');
    expect(toPlainText('ab\u0007cd')).toBe('abcd');
    expect(toPlainText('ab\u0085cd')).toBe('ab cd');
  });

  it('decodes a one-line field three times at most, and takes out tags found at the third level', () => {
    // Escaped four times: three levels are decoded, the fourth stays as the source wrote it.
    expect(toPlainText('R&amp;amp;amp;amp;D')).toBe('R&amp;D');
    const changes: string[] = [];
    expect(
      toPlainText('&amp;amp;lt;b&amp;amp;gt;Gras&amp;amp;lt;/b&amp;amp;gt;', (c) =>
        changes.push(c),
      ),
    ).toBe(' Gras ');
    expect(changes).toEqual([BALISES]);
  });

  it('leaves a word that only looks like a reference (no semicolon) as written', () => {
    expect(toPlainText('Tom &amp Jerry')).toBe('Tom &amp Jerry');
    expect(parseMarkdown(convert('<p>Tom &amp;amp Jerry</p>').md).children).toMatchObject([
      { type: 'paragraph', children: [{ type: 'text', value: 'Tom &amp Jerry' }] },
    ]);
  });

  it('keeps the words of nested inline tags and drops the text of comments', () => {
    expect(toPlainText('<span>Titre <b>gras</b> fin</span>')).toBe('Titre gras fin');
    expect(toPlainText('a<!-- note -->b')).toBe('ab');
    // A comment is not markup to convert: the text around it is still cut at its flattened breaks.
    expect(convert('ligne un    ligne deux <!-- x -->').md).toBe('ligne un\n\nligne deux');
  });

  it('repairs three levels of escaped HTML in a long text, and shows a fourth as text', () => {
    expect(convert('&amp;amp;lt;p&amp;amp;gt;X').md).toBe('X');
    expect(convert('&amp;amp;amp;lt;p&amp;amp;amp;gt;X').md).toBe('\\<p>X');
  });

  it('keeps the elements beside a repaired text', () => {
    expect(convert('<p>&amp;lt;b&amp;gt;x&amp;lt;/b&amp;gt; <i>y</i></p>').md).toBe('**x** _y_');
  });

  it('writes a list of plain text as a tight list, one item per line', () => {
    expect(convert('a  • un  • deux').md).toBe('a\n\n- un\n- deux');
  });

  it('defuses braces in inline code too', () => {
    const { md, changes } = convert('<p>Voir <code>{a}</code></p>');
    expect(md).toBe('Voir `(a)`');
    expect(changes).toEqual([ACCOLADES]);
  });

  it('defuses braces inside the text of a link it removes', () => {
    const { md, changes } = convert('<p><a href="javascript:x">voir {x}</a></p>');
    expect(md).toBe('voir (x)');
    expect(changes).toEqual([ACCOLADES]);
  });

  it('names an image link by its trimmed alternative text, or by its address', () => {
    expect(convert('<p><img src="https://x.fr/l.png" alt="  Logo  "></p>').md).toBe(
      '[Logo](https://x.fr/l.png)',
    );
    expect(convert('<p><img src="https://x.fr/l.png"></p>').md).toBe(
      '[https://x.fr/l.png](https://x.fr/l.png)',
    );
  });

  it('capitalizes only a paragraph that starts like import/export, not an emphasis inside it', () => {
    const { md, changes } = convert('<p>Voir <em>import des données = oui</em></p>');
    expect(md).toBe('Voir _import des données = oui_');
    expect(changes).toEqual([]);
  });

  it('puts outside an emphasis the spaces at its edges, so that no character reference is written', () => {
    const cases: [string, string][] = [
      ['<p><strong>Activités : </strong>texte</p>', '**Activités :** texte'],
      ['<p>Le bloc<strong> 1</strong> et</p>', 'Le bloc **1** et'],
      ['<p>un<em> deux </em>trois</p>', 'un _deux_ trois'],
      ['<ul><li><strong>Bloc 1 - </strong>Gérer</li></ul>', '- **Bloc 1 -** Gérer'],
      ['<p><strong><em> x </em></strong>y</p>', '**_x_** y'],
      ['<p>a <strong> </strong> b</p>', 'a b'],
      ['<p><s>ancien </s>nouveau</p>', '~~ancien~~ nouveau'],
      ['<h3><strong>Titre </strong></h3>', '##### **Titre**'],
    ];
    for (const [html, markdown] of cases) {
      const { md } = convert(html);
      expect(md, html).toBe(markdown);
      expect(md, html).not.toContain('&#x');
    }
    // The words a reader sees are the same.
    const words: string[] = [];
    visit(parseMarkdown(convert('<p>un<em> deux </em>trois</p>').md), 'text', (node) => {
      words.push(node.value);
    });
    expect(words.join('')).toBe('un deux trois');
  });

  it('defuses braces that moving those spaces brought together', () => {
    const { md, changes } = convert('<p>{<em> </em>}</p>');
    expect(md).toBe('( )');
    expect(changes).toEqual([ACCOLADES]);
  });

  it('drops the line breaks and spaces that end a paragraph, after an element too', () => {
    expect(convert('<p>texte<br></p>').md).toBe('texte');
    expect(convert('<p>texte<br><br></p>').md).toBe('texte');
    expect(convert('<p><b>gras</b> </p>').md).toBe('**gras**');
    expect(convert('<p> <b>gras</b> suite</p>').md).toBe('**gras** suite');
  });
});
