/**
 * Reading a fiche file: its YAML frontmatter is parsed by js-yaml, the library Astro uses, so that the
 * validator and the build agree on every value. The `yaml` library parses it a second time only to
 * know where each field stands in the file, for error messages.
 */
import jsYaml from 'js-yaml';
import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

export interface SplitFiche {
  /** Raw YAML between the two `---` lines. */
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  yamlStartLine: number;
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyStartLine: number;
}

const FENCE = /^---[ \t]*$/;

/** Splits a fiche into frontmatter and body, or returns null when there is no frontmatter. */
export function splitFiche(text: string): SplitFiche | null {
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) return null;
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end < 0) return null;
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlStartLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyStartLine: end + 2,
  };
}

export type ParsedYaml =
  | {
      ok: true;
      data: unknown;
      /** Where the value at `path` starts (its key's position when `key` is true). */
      locate: (path: readonly PropertyKey[], options?: { key?: boolean }) => Position;
      rawAt: (path: readonly PropertyKey[]) => string | undefined;
    }
  | { ok: false; message: string; position: Position };

/** Parses frontmatter with js-yaml and returns a locator from a field path to its position in the file. */
export function parseFrontmatter(split: SplitFiche): ParsedYaml {
  let data: unknown;
  try {
    data = jsYaml.load(split.yaml);
  } catch (error) {
    if (error instanceof jsYaml.YAMLException) {
      return {
        ok: false,
        message: translateYamlError(error.reason),
        position: { line: split.yamlStartLine + error.mark.line, column: error.mark.column + 1 },
      };
    }
    throw error;
  }
  // Parsed only when an error needs a position: most fiches are valid, and this second parse costs
  // more than js-yaml's.
  let located: { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter } | undefined;
  const locator = () => {
    if (!located) {
      const lineCounter = new LineCounter();
      const doc = parseDocument(split.yaml, {
        lineCounter,
        keepSourceTokens: true,
        uniqueKeys: false,
      });
      located = { doc, lineCounter };
    }
    return located;
  };
  const toPosition = (offset: number): Position => {
    const { line, col } = locator().lineCounter.linePos(offset);
    return { line: split.yamlStartLine + line - 1, column: col };
  };
  /** The deepest node on the path, and whether it is the key (for unknown keys) or the value. */
  const nodeAt = (
    path: readonly PropertyKey[],
  ): { node: YamlNode | null; keyNode: YamlNode | null } => {
    let node: YamlNode | null = (locator().doc.contents as YamlNode | null) ?? null;
    let keyNode: YamlNode | null = null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => String((item.key as { value?: unknown } | null)?.value) === String(segment),
        );
        if (!pair) break;
        keyNode = (pair.key as YamlNode | null) ?? null;
        node = (pair.value as YamlNode | null) ?? keyNode;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as YamlNode | undefined;
        if (!item) break;
        keyNode = null;
        node = item;
      } else {
        break;
      }
    }
    return { node, keyNode };
  };
  return {
    ok: true,
    data,
    locate(path, options = {}) {
      const { node, keyNode } = nodeAt(path);
      const target = keyNode && (options.key || node === keyNode || !node?.range) ? keyNode : node;
      if (target?.range) return toPosition(target.range[0]);
      return { line: split.yamlStartLine, column: 1 };
    },
    rawAt(path) {
      const { node } = nodeAt(path);
      if (!node?.range) return undefined;
      return split.yaml.slice(node.range[0], node.range[1]).trim();
    },
  };
}

/** js-yaml speaks English; editors read French. */
function translateYamlError(reason: string): string {
  if (/duplicated mapping key/.test(reason))
    return 'Clé YAML en double : un champ est écrit deux fois';
  if (/bad indentation/.test(reason))
    return 'Indentation YAML incorrecte : alignez ce champ avec ses voisins';
  if (/end of the stream or a document separator/.test(reason))
    return 'YAML mal formé : vérifiez les guillemets et l’indentation de cette ligne';
  if (/unexpected end of the stream within a (double|single) quoted scalar/.test(reason))
    return 'YAML mal formé : un guillemet ouvert n’est jamais refermé';
  return `YAML mal formé (${reason})`;
}
