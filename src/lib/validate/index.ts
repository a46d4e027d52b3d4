/**
 * The fiche validator: everything an editor can get wrong in a fiche, reported at once, in French,
 * with the file, line, column, field, bad value and what is expected. Used by `npm run validate`
 * (before every build and in CI) and by the tests.
 *
 * Long (about 590 lines): one pass per file that every check shares (YAML positions, Markdown tree,
 * cache, worker threads); the Markdown checks are in ./markdown.ts and the cache in ./cache.ts. The
 * next split would be the report formatting (text and GitHub annotations) into a module of its own.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'astro/zod';
import { ficheSchema, type Fiche } from '../../schema/fiche.ts';
import {
  REFERENTIELS_DIR,
  isKnownNsf,
  isKnownRome,
  loadReferentiels,
  type Referentiels,
} from '../referentiels.ts';
import {
  checkBodyStructure,
  checkMarkdownContent,
  checkSectionLengths,
  parseMarkdown,
} from './markdown.ts';
import {
  fileDigest,
  readValidationCache,
  validatorFingerprint,
  writeValidationCache,
  type CachedFile,
} from './cache.ts';
import { parseFrontmatter, splitFiche, type Position } from './frontmatter.ts';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** Field path such as `rome[0].code`, or a name for the part of the file (`corps`, `fichier`). */
  field: string;
  value?: string;
  message: string;
}

/** Fields holding Markdown, checked like the body (path patterns, `*` for any index or key). */
const MARKDOWN_FIELDS = [
  ['blocs', '*', 'competences'],
  ['blocs', '*', 'modalites_evaluation'],
  ['blocs', '*', 'prerequis_entree_formation'],
  ['blocs', '*', 'prerequis_validation'],
  ['voies_acces', '*', 'composition_jury'],
] as const;

export const MAX_FIELD_LENGTH = 200_000;
export const MAX_FILE_BYTES = 5_000_000;
/** Marks what `npm run new` leaves for the editor to fill: a fiche holding it cannot ship. */
export const PLACEHOLDER = 'À COMPLÉTER';
const isPlaceholder = (value: unknown) => typeof value === 'string' && value.includes(PLACEHOLDER);
/** C0/C1 control characters (tab and newlines excepted) and bidirectional overrides that hide text. */
const FORBIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
/**
 * Markdown can only hold what checkMarkdownContent refuses (HTML, links, images, `{…}`, import or
 * export lines) if one of these characters or words is in it; the rest needs no parse.
 */
const MARKUP_HINT = /[<[{]|^\s*(import|export)\b/m;
const mayHoldMarkup = (value: string) => MARKUP_HINT.test(value);

const HTML_TAG = /<\/?[a-zA-Z][\w-]*(\s[^<>]*)?\/?>|<!--|<!\[CDATA\[/;

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out || '(fiche entière)';
}

function showValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return undefined;
}

function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

let knownKeys: string[] | undefined;
/** Every field name of the schema, to suggest the right one for a typo. */
function schemaKeys(): string[] {
  if (knownKeys) return knownKeys;
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    for (const [key, child] of Object.entries(properties ?? {})) {
      keys.add(key);
      walk(child);
    }
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(z.toJSONSchema(ficheSchema, { io: 'input', unrepresentable: 'any' }));
  knownKeys = [...keys];
  return knownKeys;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestKey(key: string): string {
  const best = schemaKeys()
    .map((candidate) => ({ candidate, score: distance(key, candidate) }))
    .sort((x, y) => x.score - y.score)[0];
  return best && best.score <= Math.max(2, Math.floor(key.length / 3))
    ? ` ; vouliez-vous dire « ${best.candidate} » ?`
    : '';
}

/** Turns one zod issue into the editor's message, with special cases for YAML's usual traps. */
function explainIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  raw: string | undefined,
): { message: string; value?: string } {
  const value = valueAt(data, issue.path);
  if (issue.code === 'invalid_type' && value === undefined && issue.path.length > 0) {
    return {
      message: `Champ obligatoire manquant : ajoutez « ${String(issue.path.at(-1))} » (${issue.message.replace(/^Entrée invalide : /, '')})`,
    };
  }
  if (issue.code === 'invalid_type' && issue.expected === 'string') {
    if (value instanceof Date) {
      return {
        message: `Date écrite sans guillemets : YAML l'a lue comme une date, écrivez-la entre guillemets, par exemple "${value.toISOString().slice(0, 10)}"`,
        value: raw ?? value.toISOString().slice(0, 10),
      };
    }
    if (typeof value === 'number' && raw !== undefined) {
      const lost = /^[+-]?0\d/.test(raw) ? ` (le zéro initial est perdu : YAML a lu ${value})` : '';
      return {
        message: `Code écrit sans guillemets${lost} : écrivez-le entre guillemets, "${raw}"`,
        value: raw,
      };
    }
  }
  const shown = showValue(value);
  return shown === undefined
    ? { message: issue.message }
    : { message: issue.message, value: shown };
}

function matches(pattern: readonly string[], segments: readonly PropertyKey[]): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((p, i) => p === '*' || p === String(segments[i]))
  );
}

function* strings(node: unknown, segments: PropertyKey[] = []): Generator<[PropertyKey[], string]> {
  if (typeof node === 'string') yield [segments, node];
  else if (Array.isArray(node))
    for (const [i, item] of node.entries()) yield* strings(item, [...segments, i]);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) yield* strings(v, [...segments, k]);
}

function positionOfIndex(text: string, index: number): Position {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

export interface ValidatedFiche {
  file: string;
  fiche?: Fiche;
}

/** Validates one fiche's text; the caller checks what spans several files. */
export function validateFicheText(
  file: string,
  text: string,
  referentiels: Referentiels,
): { diagnostics: Diagnostic[]; fiche?: Fiche } {
  const diagnostics: Diagnostic[] = [];
  const report = (position: Position, field: string, message: string, value?: string) =>
    diagnostics.push({
      file,
      ...position,
      field,
      message,
      ...(value === undefined ? {} : { value }),
    });

  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    report(
      { line: 1, column: 1 },
      'fichier',
      `Fichier trop volumineux : ${MAX_FILE_BYTES / 1_000_000} Mo au plus`,
    );
    return { diagnostics };
  }
  if (text.charCodeAt(0) === 0xfeff) {
    report(
      { line: 1, column: 1 },
      'fichier',
      'Le fichier commence par une marque d’ordre des octets (BOM) : enregistrez-le en UTF-8 sans BOM',
    );
  }
  const normalized = text.normalize('NFC');
  if (normalized !== text) {
    let index = 0;
    while (index < text.length && text[index] === normalized[index]) index++;
    report(
      positionOfIndex(text, index),
      'fichier',
      'Texte non normalisé en Unicode NFC (lettre et accent séparés) : enregistrez le fichier en NFC, par exemple en retapant ce mot',
      JSON.stringify(text.slice(Math.max(0, index - 10), index + 10)),
    );
  }
  const forbidden = FORBIDDEN_CHARS.exec(text);
  if (forbidden) {
    const code = forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    report(
      positionOfIndex(text, forbidden.index),
      'fichier',
      `Caractère de contrôle invisible U+${code} interdit : supprimez-le`,
    );
  }

  const split = splitFiche(text);
  if (!split) {
    report(
      { line: 1, column: 1 },
      'frontmatter',
      'Le fichier doit commencer par un bloc de données entre deux lignes « --- »',
    );
    return { diagnostics };
  }
  const parsed = parseFrontmatter(split);
  if (!parsed.ok) {
    report(parsed.position, 'frontmatter', parsed.message);
    return { diagnostics };
  }

  const result = ficheSchema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const fieldPath = [...issue.path, key];
          report(
            parsed.locate(fieldPath, { key: true }),
            formatPath(fieldPath),
            `Champ inconnu « ${key} »${suggestKey(key)}`,
          );
        }
        continue;
      }
      // A placeholder gets one message, « Champ à compléter », not also its type's.
      if (isPlaceholder(valueAt(parsed.data, issue.path))) continue;
      const { message, value } = explainIssue(issue, parsed.data, parsed.rawAt(issue.path));
      report(parsed.locate(issue.path), formatPath(issue.path), message, value);
    }
  }

  for (const [segments, value] of strings(parsed.data)) {
    // Where and what, computed only for a value that has a problem.
    const at = () => parsed.locate(segments);
    const field = () => formatPath(segments);
    if (isPlaceholder(value)) {
      report(
        at(),
        field(),
        'Champ à compléter : remplacez le texte « À COMPLÉTER … » par la valeur, ou supprimez le champ s’il est facultatif',
      );
      continue;
    }
    if (value.length > MAX_FIELD_LENGTH) {
      report(
        at(),
        field(),
        `Texte trop long : ${value.length} caractères, ${MAX_FIELD_LENGTH} au plus`,
      );
      continue;
    }
    if (MARKDOWN_FIELDS.some((pattern) => matches(pattern, segments))) {
      if (!mayHoldMarkup(value)) continue;
      for (const problem of checkMarkdownContent(parseMarkdown(value)))
        report(at(), field(), problem.message, JSON.stringify(problem.value));
    } else if (HTML_TAG.test(value)) {
      report(
        at(),
        field(),
        'Balise HTML interdite : écrivez du texte simple (les caractères < et & seuls sont acceptés)',
        showValue(value),
      );
    }
  }

  split.body.split('\n').forEach((line, index) => {
    const column = line.indexOf(PLACEHOLDER);
    if (column >= 0) {
      report(
        { line: split.bodyStartLine + index, column: column + 1 },
        'corps',
        'Section à compléter : remplacez le texte « À COMPLÉTER … » par le contenu de la section, ou supprimez la section (titre compris)',
      );
    }
  });

  const tree = parseMarkdown(split.body);
  for (const problem of [
    ...checkBodyStructure(tree),
    ...checkSectionLengths(tree, MAX_FIELD_LENGTH),
    ...checkMarkdownContent(tree),
  ]) {
    report(
      { line: split.bodyStartLine + problem.line - 1, column: problem.column },
      'corps',
      problem.message,
      problem.value ? JSON.stringify(problem.value) : undefined,
    );
  }

  if (result.success) {
    const fiche = result.data;
    fiche.rome?.forEach((entry, index) => {
      if (!isKnownRome(referentiels, entry.code)) {
        const fieldPath = ['rome', index, 'code'];
        report(
          parsed.locate(fieldPath),
          formatPath(fieldPath),
          'Code ROME inconnu du référentiel ROME (v3, 4.0 et codes de l’export France Compétences) : vérifiez-le sur francetravail.fr',
          JSON.stringify(entry.code),
        );
      }
    });
    fiche.nsf?.forEach((entry, index) => {
      if (!isKnownNsf(referentiels, entry.code)) {
        const fieldPath = ['nsf', index, 'code'];
        report(
          parsed.locate(fieldPath),
          formatPath(fieldPath),
          'Code NSF inconnu de la nomenclature des spécialités de formation, par exemple "332t"',
          JSON.stringify(entry.code),
        );
      }
    });
    const expected = expectedPath(fiche.numero_fiche);
    const actual = path
      .relative(path.dirname(path.dirname(file)), file)
      .split(path.sep)
      .join('/');
    if (actual !== expected) {
      report(
        parsed.locate(['numero_fiche']),
        'numero_fiche',
        `Le nom du fichier ne correspond pas au numéro : la fiche ${fiche.numero_fiche} doit s’appeler ${expected}`,
        JSON.stringify(fiche.numero_fiche),
      );
    }
    return { diagnostics, fiche };
  }
  return { diagnostics };
}

/** Where a fiche lives under the fiches folder: `rncp/6133.md`, `rs/5000.md`. */
export function expectedPath(numero: string): string {
  const match = /^(RNCP|RS)(\d+)$/.exec(numero);
  return match ? `${match[1]!.toLowerCase()}/${match[2]}.md` : `${numero}.md`;
}

function listFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

export interface ValidateOptions {
  referentielsDir?: string;
}

/** What one fiche file gave: its problems, and its number for the checks across files. */
export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  numero?: string;
  numeroLine?: number;
  /** The digest of the text validated, which the validation cache remembers (./cache.ts). */
  digest?: string;
}

/** Reads and validates one `.md` fiche. */
export function validateFile(file: string, referentiels: Referentiels): FileResult {
  const text = readFileSync(file, 'utf8');
  const { diagnostics, fiche } = validateFicheText(file, text, referentiels);
  if (!fiche) return { file, diagnostics };
  const at = /^numero_fiche:/m.exec(text)?.index;
  const numeroLine = at === undefined ? 1 : text.slice(0, at).split('\n').length;
  return { file, diagnostics, numero: fiche.numero_fiche, numeroLine, digest: fileDigest(text) };
}

/** The fiches among the targets (files and folders), and the files that have no place there. */
export function collectFiles(targets: readonly string[]): {
  fiches: string[];
  refused: Diagnostic[];
} {
  const fiches: string[] = [];
  const refused: Diagnostic[] = [];
  for (const target of targets) {
    for (const file of listFiles(target)) {
      if (file.endsWith('.md') && !path.basename(file).startsWith('.')) {
        fiches.push(file);
        continue;
      }
      const hint = file.endsWith('.mdx')
        ? 'les fiches sont du Markdown simple (.md) ; le MDX est réservé aux pages éditoriales du site'
        : 'seules des fiches .md sont admises dans ce dossier';
      refused.push({
        file,
        line: 1,
        column: 1,
        field: 'fichier',
        message: `Fichier refusé parmi les fiches : ${hint}`,
      });
    }
  }
  return { fiches, refused };
}

/** Everything wrong across files (a number used twice), and every diagnostic, in file order. */
function conclude(
  refused: Diagnostic[],
  results: readonly FileResult[],
): { diagnostics: Diagnostic[]; fiches: number } {
  const diagnostics = [...refused];
  const seen = new Map<string, FileResult>();
  for (const result of results) {
    diagnostics.push(...result.diagnostics);
    if (!result.numero) continue;
    const previous = seen.get(result.numero);
    if (!previous) {
      seen.set(result.numero, result);
      continue;
    }
    diagnostics.push({
      file: result.file,
      line: result.numeroLine ?? 1,
      column: 1,
      field: 'numero_fiche',
      value: JSON.stringify(result.numero),
      message: `Numéro de fiche en double : ${result.numero} est déjà décrit dans ${previous.file}:${previous.numeroLine ?? 1}`,
    });
  }
  diagnostics.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  return { diagnostics, fiches: results.length };
}

/** Validates files and folders; a folder's every file must be a `.md` fiche. */
export function validatePaths(
  targets: readonly string[],
  options: ValidateOptions = {},
): { diagnostics: Diagnostic[]; fiches: number } {
  const referentiels = loadReferentiels(options.referentielsDir);
  const { fiches, refused } = collectFiles(targets);
  return conclude(
    refused,
    fiches.map((file) => validateFile(file, referentiels)),
  );
}

/** Below this many fiches, starting threads costs more than it saves. */
const PARALLEL_FROM = 300;

/**
 * The same as validatePaths, with the fiches shared among worker threads (one per core, 4 at most):
 * the whole national catalogue is 30,000 files. With `cacheFile`, a fiche that passed last time and
 * has not changed since (nor has the validator) is not validated again (./cache.ts).
 */
export async function validatePathsParallel(
  targets: readonly string[],
  options: ValidateOptions & { threads?: number; parallelFrom?: number; cacheFile?: string } = {},
): Promise<{ diagnostics: Diagnostic[]; fiches: number; cached: number }> {
  const { fiches, refused } = collectFiles(targets);
  const referentielsDir = options.referentielsDir ?? REFERENTIELS_DIR;
  const fingerprint = options.cacheFile ? validatorFingerprint(referentielsDir) : '';
  const previous = options.cacheFile
    ? readValidationCache(options.cacheFile, fingerprint)
    : new Map<string, CachedFile>();
  const known = new Map<string, FileResult>();
  // Without a memory of earlier runs nothing is read here: each file is read once, to validate it.
  if (previous.size > 0) {
    for (const file of fiches) {
      const hit = previous.get(path.resolve(file));
      if (hit?.digest === fileDigest(readFileSync(file, 'utf8'))) {
        known.set(file, { file, diagnostics: [], ...hit });
      }
    }
  }
  const checked = await validateFiles(
    fiches.filter((file) => !known.has(file)),
    options,
  );
  for (const result of checked) known.set(result.file, result);
  const results = fiches.map((file) => known.get(file)!);
  if (options.cacheFile) {
    const passed = new Map<string, CachedFile>();
    for (const { file, diagnostics, numero, numeroLine, digest } of results) {
      if (diagnostics.length > 0 || !numero || !digest) continue;
      passed.set(path.resolve(file), { digest, numero, numeroLine: numeroLine ?? 1 });
    }
    writeValidationCache(options.cacheFile, fingerprint, passed);
  }
  return { ...conclude(refused, results), cached: fiches.length - checked.length };
}

/** Validates files, on worker threads when there are many. */
async function validateFiles(
  fiches: readonly string[],
  options: ValidateOptions & { threads?: number; parallelFrom?: number },
): Promise<FileResult[]> {
  const threads = options.threads ?? Math.min(4, availableParallelism());
  if (threads <= 1 || fiches.length < (options.parallelFrom ?? PARALLEL_FROM)) {
    const referentiels = loadReferentiels(options.referentielsDir);
    return fiches.map((file) => validateFile(file, referentiels));
  }
  // Interleaved slices, so that large and small fiches spread evenly.
  const slices = Array.from({ length: threads }, (_, t) =>
    fiches.filter((_, i) => i % threads === t),
  );
  const parts = await Promise.all(
    slices.map(
      (files) =>
        new Promise<FileResult[]>((resolve, reject) => {
          const worker = new Worker(new URL('./worker.ts', import.meta.url), {
            workerData: { files, referentielsDir: options.referentielsDir },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`Le fil de validation s’est arrêté (code ${code})`));
          });
        }),
    ),
  );
  // Back in the files' own order, so that « already described in » names the same first file.
  const byFile = new Map(parts.flat().map((result) => [result.file, result]));
  return fiches.map((file) => byFile.get(file)!);
}

export function formatDiagnostic(d: Diagnostic): string {
  const value = d.value === undefined ? '' : ` (valeur : ${d.value})`;
  return `${d.file}:${d.line}:${d.column} ${d.field} : ${d.message}${value}`;
}

/** GitHub Actions workflow command, so the message shows on the changed line of a pull request. */
export function formatAnnotation(d: Diagnostic): string {
  const escapeData = (s: string) =>
    s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const value = d.value === undefined ? '' : ` (valeur : ${d.value})`;
  return `::error file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(`Fiche invalide : ${d.field}`)}::${escapeData(d.message + value)}`;
}
