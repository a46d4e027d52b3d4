/**
 * Writes a converted fiche as text, and recognises a file the importer wrote and nobody touched since.
 *
 * The file: `---`, a two-line comment, the frontmatter (js-yaml, every string double-quoted so that codes
 * keep their leading zeros), `---`, an empty line, the Markdown body, a final newline.
 *
 * The fingerprint (`import.empreinte`), precisely: the SHA-256, in lowercase hexadecimal, of the UTF-8
 * bytes of the whole file (frontmatter and body) in which the value of the `empreinte` line of the
 * frontmatter is empty, i.e. where that line reads exactly `  empreinte: ""`. The importer writes the file
 * with the empty value, hashes it, then puts the hash in. To check a file, blank the value again and hash:
 * the same hash means the file is exactly as imported (not one byte changed, line endings included).
 */
import { createHash } from 'node:crypto';
import yaml from 'js-yaml';

export const DUMP_OPTIONS: yaml.DumpOptions = {
  forceQuotes: true,
  quotingType: '"',
  lineWidth: -1,
  noRefs: true,
};

const HEADER =
  '# Fiche importée de l’export France Compétences par « npm run import ». Un fichier modifié à la main\n' +
  '# n’est plus écrasé par les imports suivants (il est signalé ; --force pour l’écraser).\n';

const EMPREINTE_LINE = /^ {2}empreinte: "([0-9a-f]{64})?"$/m;
const BLANK = '  empreinte: ""';

export interface ImportRecord {
  flux: string;
  date_flux?: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The full text of the file, fingerprint included. `data` must not hold `import`. */
export function renderFiche(
  data: Record<string, unknown>,
  body: string,
  record: ImportRecord,
): string {
  const frontmatter = {
    ...data,
    import: {
      flux: record.flux,
      ...(record.date_flux ? { date_flux: record.date_flux } : {}),
      empreinte: '',
    },
  };
  const dumped = dumpYaml(frontmatter);
  const text = `---\n${HEADER}${dumped}---\n${body === '' ? '' : `\n${body}\n`}`;
  const hash = sha256(text);
  return replaceEmpreinte(text, hash);
}

/**
 * `yaml.dump(value, DUMP_OPTIONS)`, byte for byte, for the shapes a fiche has (mappings with plain
 * snake_case keys, sequences, strings, finite numbers, booleans, null), about ten times faster: js-yaml
 * tries every YAML type on every value, which made it a sixth of the cost of an import. Anything else
 * is handed to js-yaml itself. tests/import-render.test.ts checks the equality on every sample fiche.
 */
export function dumpYaml(value: Record<string, unknown>): string {
  const parts: string[] = [];
  if (!writeMapping(value, 0, false, parts)) return yaml.dump(value, DUMP_OPTIONS);
  return parts.join('') + '\n';
}

const PLAIN_KEY = /^[a-z][a-z0-9_]*$/;
const AMBIGUOUS_KEYS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
/** Characters js-yaml escapes in a double-quoted string (or that need a closer look). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u00a0\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;
const ESCAPES: Record<number, string> = {
  0: '\\0',
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  27: '\\e',
  34: '\\"',
  92: '\\\\',
  133: '\\N',
  160: '\\_',
  8232: '\\L',
  8233: '\\P',
};

function isPrintable(c: number): boolean {
  return (
    (c >= 32 && c <= 126) ||
    (c >= 161 && c <= 55295 && c !== 8232 && c !== 8233) ||
    (c >= 57344 && c <= 65533 && c !== 0xfeff) ||
    (c >= 65536 && c <= 1114111)
  );
}

/** js-yaml's `escapeString`. */
function quote(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '';
  for (let i = 0; i < value.length;) {
    const c = value.codePointAt(i)!;
    const width = c >= 65536 ? 2 : 1;
    const escape = ESCAPES[c];
    if (escape === undefined && isPrintable(c)) {
      out += value.slice(i, i + width);
    } else {
      const hex = c.toString(16).toUpperCase();
      out +=
        escape ??
        (c <= 0xff
          ? `\\x${hex.padStart(2, '0')}`
          : c <= 0xffff
            ? `\\u${hex.padStart(4, '0')}`
            : `\\U${hex.padStart(8, '0')}`);
    }
    i += width;
  }
  return `"${out}"`;
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) {
    const text = String(value);
    return /e/i.test(text) ? undefined : text;
  }
  return undefined;
}

/** Block mapping at `level` (js-yaml's writeBlockMapping); false when the value needs js-yaml. */
function writeMapping(
  object: Record<string, unknown>,
  level: number,
  compact: boolean,
  parts: string[],
): boolean {
  let first = true;
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (!PLAIN_KEY.test(key) || AMBIGUOUS_KEYS.has(key)) return false;
    if (!compact || !first) parts.push(first && level === 0 ? '' : `\n${'  '.repeat(level)}`);
    first = false;
    parts.push(key);
    if (!writeValue(value, level + 1, parts, ':')) return false;
  }
  if (first) parts.push('{}');
  return true;
}

/** A value after `key` (separator ':') or after '-' (separator '-'). */
function writeValue(value: unknown, level: number, parts: string[], separator: ':' | '-'): boolean {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      parts.push(`${separator} []`);
      return true;
    }
    parts.push(separator);
    for (const item of value) {
      parts.push(`\n${'  '.repeat(level)}-`);
      if (!writeItem(item, level + 1, parts)) return false;
    }
    return true;
  }
  if (value !== null && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    if (Object.keys(value).length === 0) {
      parts.push(`${separator} {}`);
      return true;
    }
    parts.push(separator);
    return writeMapping(value as Record<string, unknown>, level, false, parts);
  }
  const text = scalar(value);
  if (text === undefined) return false;
  parts.push(`${separator} ${text}`);
  return true;
}

/** A sequence item: a mapping starts on the dash's line (compact), anything else follows `- `. */
function writeItem(item: unknown, level: number, parts: string[]): boolean {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    if (Object.getPrototypeOf(item) !== Object.prototype || Object.keys(item).length === 0)
      return false;
    parts.push(' ');
    return writeMapping(item as Record<string, unknown>, level, true, parts);
  }
  if (Array.isArray(item)) return false;
  const text = scalar(item);
  if (text === undefined) return false;
  parts.push(` ${text}`);
  return true;
}

function frontmatterEnd(text: string): number {
  if (!text.startsWith('---\n')) return -1;
  return text.indexOf('\n---\n', 3);
}

function replaceEmpreinte(text: string, value: string): string {
  const end = frontmatterEnd(text);
  const head = text.slice(0, end);
  const match = EMPREINTE_LINE.exec(head);
  if (!match) throw new Error('empreinte introuvable dans le texte rendu');
  return (
    head.slice(0, match.index) +
    `  empreinte: "${value}"` +
    head.slice(match.index + match[0].length) +
    text.slice(end)
  );
}

export interface FileState {
  /** The fingerprint recorded in the file, undefined when the file has no import record. */
  recorded?: string;
  /** The fingerprint the file has now (only when it has a record). */
  actual?: string;
}

/** Reads the import record of a fiche file (see the module comment for the definition of the fingerprint). */
export function fileState(text: string): FileState {
  const end = frontmatterEnd(text);
  if (end < 0) return {};
  const head = text.slice(0, end);
  const match = EMPREINTE_LINE.exec(head);
  if (!match?.[1]) return {};
  const blanked =
    head.slice(0, match.index) +
    BLANK +
    head.slice(match.index + match[0].length) +
    text.slice(end);
  return { recorded: match[1], actual: sha256(blanked) };
}

/**
 * The text with its fingerprint computed again, for a change a tool makes to a file left as imported
 * (`npm run sync` marks a fiche absent from the export): the file stays « as imported ».
 */
export function refreshEmpreinte(text: string): string {
  const { actual } = fileState(text);
  if (actual === undefined)
    throw new Error('empreinte introuvable : le fichier n’a pas de bloc import');
  return replaceEmpreinte(text, actual);
}

/** True when the file is exactly as the importer wrote it. */
export function untouchedSinceImport(text: string): boolean {
  const state = fileState(text);
  return state.recorded !== undefined && state.recorded === state.actual;
}

export { sha256 };
