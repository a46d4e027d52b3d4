/**
 * The long texts of the export (HTML inside CDATA in the real export, plain text in older or re-indented
 * files) become Markdown through a unified pipeline: rehype-parse → repairs → rehype-remark → clean-up →
 * remark-stringify (with GFM for tables).
 *
 * Guarantees of `htmlToMarkdown`, so that the fiche validator (src/lib/validate/) accepts the result
 * (tested in tests/import-html.test.ts):
 * - no raw HTML survives: every `<` that could open a tag is escaped, HTML nodes are dropped;
 * - double-escaped HTML is repaired: a text such as `&lt;p&gt;Bonjour&lt;/p&gt;` (escaped inside a CDATA
 *   section, or escaped twice in the XML) is parsed again as HTML, up to three levels of escaping;
 * - headings of the source are demoted by two levels (h1 → `###`, h2 → `####`, then `######` at most), so
 *   that a heading inside prose never opens a level-1/2 section of the fiche;
 * - links keep only http(s) and mailto addresses; any other link (`javascript:`, relative, anchors) keeps
 *   its text and loses its address; an image becomes a link to it (or its alternative text);
 * - plain addresses in the text (`https://…`, `www.…`, e-mail) become links, never escaped text
 *   (./autolink.ts);
 * - what the validator takes for MDX is defused: braces `{…}` on one line become parentheses, and a
 *   paragraph that would read as `import …`/`export …` gets a capital letter;
 * - spaces at the edges of an emphasis move outside it (`**Activités :** texte`), so that the Markdown
 *   an editor reads holds no character reference (`&#x20;`);
 * - invisible control characters (C0/C1, bidirectional overrides) are removed;
 * - the result is Unicode NFC, without trailing spaces, and empty when the source has no text.
 * Each change of the text itself (not of its markup) is reported through `onChange`.
 *
 * Plain text (no element at all once parsed) has no markup to convert, but the export flattens its line
 * breaks into runs of spaces: a new line, four spaces or more, or two spaces before a bullet (•, *, -, –)
 * start a new paragraph, and lines that begin with a bullet become a list. Only spacing and bullet
 * characters change: every word is kept.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Nodes as MdastNodes, Paragraph, Root as MdastRoot, RootContent } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import { unified } from 'unified';
import { safeLinkAddress } from '../link-address.ts';
import { linkPlainAddresses } from './autolink.ts';

export const STRINGIFY_OPTIONS: StringifyOptions = {
  bullet: '-',
  listItemIndent: 'one',
  emphasis: '_',
  strong: '*',
  fence: '`',
  rule: '-',
  resourceLink: true,
};

const htmlParser = unified().use(rehypeParse, { fragment: true }).freeze();
const toMdast = unified().use(rehypeRemark).freeze();
const mdStringifier = unified().use(remarkGfm).use(remarkStringify, STRINGIFY_OPTIONS).freeze();
/**
 * Every unified call makes a VFile, which asks the process for its working directory unless one is
 * given: a system call per text, that doubled the cost of a conversion in worker threads.
 */
const NO_CWD = '/';

/** Reports a change made to the text itself (the message names it, in French). */
export type OnChange = (message: string) => void;

export const CHANGES = {
  invisibles: 'caractères de contrôle invisibles supprimés',
  accolades: 'accolades {…} remplacées par des parenthèses (le validateur les prend pour du MDX)',
  esm: 'paragraphe commençant par « import »/« export » : majuscule ajoutée (le validateur le prend pour du MDX)',
  balises: 'balises HTML ôtées d’un champ de texte simple',
} as const;

/** Tags that betray HTML left as text (escaped once too often). */
const ESCAPED_TAG =
  /<\/?(?:p|br|ul|ol|li|div|span|strong|b|em|i|u|s|a|h[1-6]|table|thead|tbody|tfoot|tr|td|th|caption|sup|sub|blockquote|pre|code|hr|img|font|section|article|dl|dt|dd|strike|del|ins|small|big|center|mark)(?:\s[^<>]*)?\/?>/i;
/** An HTML character reference left as text (`&amp;eacute;` in the XML). */
const ESCAPED_ENTITY = /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i;
/** What the validator refuses as HTML in a one-line field. */
const HTML_LIKE = /<\/?[a-zA-Z][\w-]*(\s[^<>]*)?\/?>|<!--|<!\[CDATA\[/;
/** C0/C1 controls (tab and newlines excepted) and bidirectional overrides, refused by the validator. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');
/** What the validator takes for an MDX expression or import/export line. */
const EXPRESSION = /\{[^{}\n]*\}/;
const ESM_LINE = /^(import|export)\s+[\s\S]*?(\bfrom\s*['"]|=|\{)/;
const MAX_UNESCAPE = 3;

function stripInvisible(value: string, onChange?: OnChange): string {
  if (!INVISIBLE.test(value)) return value;
  onChange?.(CHANGES.invisibles);
  // NEL (U+0085) is a line break of old encodings: it becomes a space, the others go.
  return value.replace(INVISIBLE_ALL, (c) => (c === '\u0085' ? ' ' : ''));
}

/** Converts one text of the export to Markdown ('' when it holds no text). */
export function htmlToMarkdown(source: string, onChange?: OnChange): string {
  const input = stripInvisible(source.normalize('NFC'), onChange);
  if (input.trim() === '') return '';
  let mdast: MdastRoot;
  if (!input.includes('<') && !input.includes('&')) {
    mdast = plainTextToMdast(input);
  } else {
    const hast = htmlParser.parse({ value: input, cwd: NO_CWD });
    repairEscaped(hast, 0);
    const plain = onlyText(hast);
    mdast =
      plain !== undefined
        ? plainTextToMdast(plain)
        : (toMdast.runSync(hast, { cwd: NO_CWD }) as MdastRoot);
  }
  linkPlainAddresses(mdast);
  cleanMdast(mdast, onChange);
  return finish(mdStringifier.stringify(mdast, { cwd: NO_CWD }));
}

const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'cite',
  'code',
  'em',
  'font',
  'i',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'u',
]);

/**
 * A one-line field (a title, a name): character references decoded again when escaped twice
 * (`R&amp;amp;D`), tags taken out (the validator refuses them outside Markdown fields), invisible
 * characters removed. Spaces are not collapsed here.
 */
export function toPlainText(value: string, onChange?: OnChange): string {
  let current = stripInvisible(value.normalize('NFC'), onChange);
  for (let level = 0; level < MAX_UNESCAPE; level++) {
    const tags = HTML_LIKE.test(current);
    if (!tags && !ESCAPED_ENTITY.test(current)) break;
    if (tags) onChange?.(CHANGES.balises);
    current = textOf(htmlParser.parse({ value: current, cwd: NO_CWD }));
  }
  if (HTML_LIKE.test(current)) {
    onChange?.(CHANGES.balises);
    current = current.replace(new RegExp(HTML_LIKE.source, 'g'), ' ');
  }
  return current.normalize('NFC');
}

function finish(markdown: string): string {
  return markdown
    .normalize('NFC')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function textOf(n: HastRoot | ElementContent): string {
  if (n.type === 'text') return n.value;
  if (n.type === 'root') return n.children.map((c) => textOf(c as ElementContent)).join('');
  if (n.type === 'element') {
    const inner = n.children.map((c) => textOf(c)).join('');
    return INLINE.has(n.tagName) ? inner : ` ${inner} `;
  }
  return '';
}

/** Returns the text of a tree without any element, undefined when it holds elements. */
function onlyText(tree: HastRoot): string | undefined {
  let text = '';
  for (const c of tree.children) {
    if (c.type === 'text') text += c.value;
    else if (c.type === 'element') return undefined;
  }
  return text;
}

/** Parses again, as HTML, the text nodes that still hold tags or character references. */
function repairEscaped(parent: HastRoot | Element, level: number): void {
  if (level >= MAX_UNESCAPE) return;
  const next: (HastContent | ElementContent)[] = [];
  let changed = false;
  for (const c of parent.children) {
    if (c.type === 'text' && (ESCAPED_TAG.test(c.value) || ESCAPED_ENTITY.test(c.value))) {
      const fragment = htmlParser.parse({ value: c.value, cwd: NO_CWD });
      repairEscaped(fragment, level + 1);
      next.push(...fragment.children);
      changed = true;
    } else {
      if (c.type === 'element') repairEscaped(c, level);
      next.push(c);
    }
  }
  if (changed) parent.children = next as typeof parent.children;
}

const BULLET = /^[•*\-–]\s+/;
const LINE_BREAK = /\r\n|\r|\n| {4,}|\t+| {2,}(?=[•*\-–]\s)/;

/** Plain text: lines (see the module comment) become paragraphs, bullet lines become list items. */
export function plainTextToMdast(text: string): MdastRoot {
  const root: MdastRoot = { type: 'root', children: [] };
  let list: RootContent | undefined;
  for (const raw of text.split(LINE_BREAK)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    const bullet = BULLET.exec(line);
    const content = bullet ? line.slice(bullet[0].length) : line;
    if (content === '') continue;
    const paragraph: Paragraph = {
      type: 'paragraph',
      children: [{ type: 'text', value: content }],
    };
    if (bullet) {
      if (list?.type !== 'list') {
        list = { type: 'list', ordered: false, spread: false, children: [] };
        root.children.push(list);
      }
      list.children.push({ type: 'listItem', spread: false, children: [paragraph] });
    } else {
      list = undefined;
      root.children.push(paragraph);
    }
  }
  return root;
}

/** Applies the guarantees of the module comment to an mdast tree. */
export function cleanMdast(tree: MdastRoot, onChange?: OnChange): MdastRoot {
  cleanChildren(tree, onChange);
  return tree;
}

function cleanChildren(parent: MdastNodes, onChange: OnChange | undefined): void {
  if (!('children' in parent)) return;
  const out: MdastNodes[] = [];
  for (const c of parent.children as MdastNodes[]) {
    switch (c.type) {
      case 'html':
      case 'definition':
      case 'imageReference':
      case 'footnoteDefinition':
        continue;
      case 'heading':
        c.depth = Math.min(6, c.depth + 2) as typeof c.depth;
        break;
      case 'link': {
        const address = safeLinkAddress(c.url);
        if (address === undefined) {
          cleanChildren(c, onChange);
          out.push(...(c.children as MdastNodes[]));
          continue;
        }
        c.url = address;
        if (c.children.length === 0) c.children = [{ type: 'text', value: address }];
        break;
      }
      case 'image': {
        const alt = (c.alt ?? '').trim();
        const address = safeLinkAddress(c.url);
        if (address !== undefined) {
          out.push({
            type: 'link',
            url: address,
            children: [{ type: 'text', value: alt || address }],
          });
        } else if (alt) {
          out.push({ type: 'text', value: alt });
        }
        continue;
      }
      case 'text':
      case 'inlineCode':
        defuseBraces(c, onChange);
        break;
      default:
        break;
    }
    cleanChildren(c, onChange);
    out.push(c);
  }
  moveEdgeSpacesOut(out);
  // Texts joined there may hold braces that were apart (`{<em> </em>}`).
  for (const c of out) if (c.type === 'text') defuseBraces(c, onChange);
  if (parent.type === 'paragraph' || parent.type === 'heading' || parent.type === 'tableCell')
    trimEdges(out);
  if (parent.type === 'paragraph') {
    const first = out[0];
    if (first?.type === 'text' && ESM_LINE.test(first.value)) {
      onChange?.(CHANGES.esm);
      first.value = first.value.charAt(0).toUpperCase() + first.value.slice(1);
    }
  }
  (parent as { children: MdastNodes[] }).children = out;
}

function defuseBraces(node: { value: string }, onChange: OnChange | undefined): void {
  if (!EXPRESSION.test(node.value)) return;
  onChange?.(CHANGES.accolades);
  node.value = node.value.replace(/\{/g, '(').replace(/\}/g, ')');
}

const EMPHASES = new Set(['emphasis', 'strong', 'delete']);

/**
 * Puts outside an emphasis the spaces that start or end it: `<strong>Activités : </strong>texte`
 * becomes `**Activités :** texte`. Markdown cannot close an emphasis after a space, and would write
 * `**Activités :&#x20;**&#x74;exte` for an editor to read. Adjacent texts are joined, one space kept.
 */
function moveEdgeSpacesOut(children: MdastNodes[]): void {
  const out: MdastNodes[] = [];
  const pushText = (value: string) => {
    const previous = out[out.length - 1];
    if (previous?.type !== 'text') out.push({ type: 'text', value });
    else previous.value += /\s$/.test(previous.value) ? value.replace(/^\s+/, '') : value;
  };
  for (const c of children) {
    if (c.type === 'text') {
      pushText(c.value);
      continue;
    }
    if (!EMPHASES.has(c.type) || !('children' in c)) {
      out.push(c);
      continue;
    }
    const inner = c.children as MdastNodes[];
    const first = inner[0];
    const before = first?.type === 'text' && /^\s/.test(first.value);
    if (before) first.value = first.value.replace(/^\s+/, '');
    const last = inner[inner.length - 1];
    const after = last?.type === 'text' && /\s$/.test(last.value);
    if (after) last.value = last.value.replace(/\s+$/, '');
    (c as { children: MdastNodes[] }).children = inner.filter(
      (n) => n.type !== 'text' || n.value !== '',
    );
    if (before) pushText(' ');
    if (c.children.length > 0) out.push(c);
    if (after) pushText(' ');
  }
  children.splice(0, children.length, ...out);
}

/** Removes the spaces that would start or end a paragraph (stringified as `&#x20;` otherwise). */
function trimEdges(children: MdastNodes[]): void {
  while (children.length > 0) {
    const first = children[0]!;
    if (first.type !== 'text') break;
    first.value = first.value.replace(/^\s+/, '');
    if (first.value !== '') break;
    children.shift();
  }
  while (children.length > 0) {
    const last = children[children.length - 1]!;
    if (last.type === 'break') {
      children.pop();
      continue;
    }
    if (last.type !== 'text') break;
    last.value = last.value.replace(/\s+$/, '');
    if (last.value !== '') break;
    children.pop();
  }
}
