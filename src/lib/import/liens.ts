/**
 * An address field of the export (LIEN_URL_DESCRIPTION, SITE_INTERNET) → the links of the schema
 * (`liensWeb` in src/schema/fiche.ts). The export's value is free text: often one address, sometimes
 * several separated by spaces, an address after a few words (« Programme : https://… »), or a sentence
 * with no address at all. Every address becomes its own link; the words before an address become its
 * text; words with no address after them are kept as a text alone. Nothing is dropped but separators
 * (a value of signs only, `*   *`, is left out with a note).
 *
 * Addresses are found as GitHub's Markdown finds them in text (./autolink.ts: `https://`, `http://`,
 * `www.`, trailing punctuation left out), then checked as the schema checks them.
 */
import type { PhrasingContent, Root } from 'mdast';
import type { LienWeb } from '../../schema/fiche.ts';
import { linkPlainAddresses } from './autolink.ts';

/** Signs an address cannot hold (the schema refuses them), percent-encoded here. */
const A_ENCODER = /["<>\\^`{|}]/g;
/** Separators around a label: `Programme :`, `– https://…`, `(https://…)`. */
const SEPARATEURS_DEBUT = /^[\s:;,.|•*\-–—)\]]+/u;
const SEPARATEURS_FIN = /[\s:;,|•*\-–—([]+$/u;

function isWebAddress(value: string): boolean {
  try {
    const parsed = new URL(value);
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.includes('.')
    );
  } catch {
    return false;
  }
}

function textOf(node: PhrasingContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}

/** The address a link found in the text stands for, or undefined when it is no web address. */
function address(node: PhrasingContent, note: (message: string) => void): string | undefined {
  if (node.type !== 'link') return undefined;
  const written = textOf(node);
  let value = /^www\./i.test(written) ? `https://${written}` : node.url;
  if (!/^https?:\/\//i.test(value)) return undefined;
  if (value !== node.url) note('adresse sans protocole : https:// ajouté');
  if (A_ENCODER.test(value)) {
    value = value.replace(A_ENCODER, (c) => encodeURIComponent(c));
    note('caractère interdit dans une adresse, encodé (%XX)');
  }
  return isWebAddress(value) ? value : undefined;
}

/** Words kept as a label or a text: spaces collapsed, separators at either end removed. */
function label(words: string): string | undefined {
  const text = words
    .replace(/\s+/g, ' ')
    .replace(SEPARATEURS_DEBUT, '')
    .replace(SEPARATEURS_FIN, '');
  return /[\p{L}\p{N}]/u.test(text) ? text : undefined;
}

/** The links of one value, in order; `note` hears what was repaired or kept as text. */
export function liensWeb(value: string, note: (message: string) => void): LienWeb[] {
  const tree: Root = {
    type: 'root',
    children: [{ type: 'paragraph', children: [{ type: 'text', value }] }],
  };
  linkPlainAddresses(tree);
  const paragraph = tree.children[0];
  const nodes = paragraph?.type === 'paragraph' ? paragraph.children : [];
  const liens: LienWeb[] = [];
  let words = '';
  for (const node of nodes) {
    const url = address(node, note);
    if (url === undefined) {
      words += textOf(node);
      continue;
    }
    const libelle = label(words);
    if (libelle !== undefined) note('texte qui n’est pas une adresse, gardé comme texte du lien');
    liens.push(libelle === undefined ? { url } : { url, libelle });
    words = '';
  }
  const rest = label(words);
  if (rest !== undefined) {
    note('texte qui n’est pas une adresse, gardé comme texte sans lien');
    liens.push({ libelle: rest });
  } else if (liens.length === 0) {
    note('ni adresse ni texte, laissé de côté');
  }
  return liens;
}
