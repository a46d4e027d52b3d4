/**
 * Plain addresses in the export's texts (`https://…`, `http://…`, `www.…`, and e-mail addresses) become
 * links, as GitHub's Markdown links them: the address ends before trailing punctuation (`.`, `,`, `;`,
 * `:`, `!`, `?`, quotes) and before a closing parenthesis it did not open; `www.` addresses get
 * `http://`. Without this, remark-stringify escapes them (`https\://…`, `www\.…`, `nom\@…`): the fiche's
 * file, which editors read and GitHub shows, holds escaped text that CommonMark readers do not link
 * (this site's own reader, remark-gfm, happened to link them again when it parses the page).
 * The rules are those of mdast-util-gfm-autolink-literal (GFM's "autolinks (extension)").
 */
import type { Root } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';

const [linkLiterals] = gfmAutolinkLiteralFromMarkdown().transforms ?? [];

/** Turns the plain addresses of the tree's text into links (text inside links is left alone). */
export function linkPlainAddresses(tree: Root): Root {
  if (!linkLiterals) throw new Error('mdast-util-gfm-autolink-literal has no transform any more');
  linkLiterals(tree);
  return tree;
}
