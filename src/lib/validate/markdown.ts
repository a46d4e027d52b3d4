/**
 * Checks of a fiche's Markdown (its body, and the Markdown kept in frontmatter fields): content is
 * data, so raw HTML, MDX-like syntax, images and links other than http(s)/mailto are refused.
 */
import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { SECTIONS, sectionKeyOf } from '../../schema/sections.ts';
import { safeLinkAddress } from '../link-address.ts';

export interface MarkdownProblem {
  /** 1-based line and column relative to the Markdown text. */
  line: number;
  column: number;
  value: string;
  message: string;
}

const parser = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

// `import './x.js'` (a bare import) is ESM too.
const ESM_LINE = /^(import|export)\s+[\s\S]*?(\bfrom\s*['"]|=|\{)|^import\s*['"]/;
// MDX reads an expression across lines too: `{` … `}` with line breaks between.
const EXPRESSION = /\{[^{}]*\}/;

function excerpt(value: string): string {
  const single = value.replace(/\s+/g, ' ').trim();
  return single.length > 60 ? `${single.slice(0, 57)}…` : single;
}

function at(node: RootContent | Root, value: string, message: string): MarkdownProblem {
  return {
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
    value: excerpt(value),
    message,
  };
}

/** Problems common to every piece of fiche Markdown. */
export function checkMarkdownContent(tree: Root): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  visit(tree, (node) => {
    switch (node.type) {
      case 'html':
        problems.push(
          at(
            node,
            node.value,
            'HTML brut interdit dans une fiche : écrivez le texte en Markdown (listes « - », **gras**, liens [texte](https://…))',
          ),
        );
        break;
      case 'image':
      case 'imageReference':
        problems.push(
          at(
            node,
            'url' in node ? node.url : node.identifier,
            'Image interdite dans une fiche : une fiche ne contient que du texte et des liens',
          ),
        );
        break;
      case 'link':
      case 'definition':
        if (safeLinkAddress(node.url) === undefined) {
          problems.push(
            at(
              node,
              node.url,
              'Lien refusé : seules les adresses https://, http:// et mailto: sont acceptées',
            ),
          );
        }
        break;
      case 'paragraph': {
        const first = node.children[0];
        if (first?.type === 'text' && ESM_LINE.test(first.value)) {
          problems.push(
            at(
              node,
              first.value,
              'Syntaxe MDX (import/export) interdite dans une fiche : une fiche est du Markdown simple',
            ),
          );
        }
        break;
      }
      case 'text':
      case 'inlineCode':
        if (EXPRESSION.test(node.value)) {
          problems.push(
            at(
              node,
              node.value,
              'Accolades {…} interdites dans une fiche (syntaxe MDX) : reformulez sans accolades',
            ),
          );
        }
        break;
      default:
        break;
    }
  });
  return problems;
}

/** Body rules: level-2 headings from the fixed list only, once each; no level-1 heading. */
export function checkBodyStructure(tree: Root): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  const seen = new Set<string>();
  const allowed = SECTIONS.map((s) => `« ${s.titre} »`).join(', ');
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const title = headingText(node);
    if (node.depth === 1) {
      problems.push(
        at(
          node,
          title,
          'Titre de niveau 1 interdit : le titre de la page vient du champ intitule ; utilisez « ## » et une section connue',
        ),
      );
    } else if (node.depth === 2) {
      const key = sectionKeyOf(title);
      if (!key) {
        problems.push(
          at(node, title, `Section inconnue : les titres « ## » possibles sont ${allowed}`),
        );
      } else if (seen.has(key)) {
        problems.push(
          at(node, title, 'Section en double : chaque section ne peut apparaître qu’une fois'),
        );
      } else {
        seen.add(key);
      }
    }
  }
  const firstContent = tree.children.find((n) => n.type !== 'heading' || n.depth > 2);
  const firstSection = tree.children.find((n) => n.type === 'heading' && n.depth <= 2);
  if (
    firstContent &&
    (!firstSection ||
      (firstContent.position?.start.offset ?? 0) < (firstSection.position?.start.offset ?? 0))
  ) {
    problems.push(
      at(
        firstContent,
        '',
        'Texte hors section : commencez le corps de la fiche par un titre « ## » de la liste des sections',
      ),
    );
  }
  return problems;
}

/** A section longer than `max` characters of Markdown (a field's limit, for a section of the body). */
export function checkSectionLengths(tree: Root, max: number): MarkdownProblem[] {
  const headings = tree.children.filter((node) => node.type === 'heading' && node.depth <= 2);
  const end = tree.position?.end.offset ?? 0;
  return headings.flatMap((heading, index) => {
    const start = heading.position?.end.offset ?? 0;
    const length = (headings[index + 1]?.position?.start.offset ?? end) - start;
    return length > max
      ? [
          at(
            heading,
            headingText(heading),
            `Section trop longue : ${length} caractères, ${max} au plus`,
          ),
        ]
      : [];
  });
}

export function headingText(node: RootContent): string {
  let out = '';
  visit(node, (child) => {
    if (child.type === 'text' || child.type === 'inlineCode') out += child.value;
  });
  return out.trim();
}
