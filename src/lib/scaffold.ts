/**
 * The blank fiche of `npm run new -- RNCP12345`: every field of the schema and every section of the
 * body, each holding a placeholder « À COMPLÉTER : … » that says what to write. The validator refuses
 * a placeholder, so a half-filled fiche cannot be published. Written from the JSON Schema, so a field
 * added to src/schema/fiche.ts appears here with its own description.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { ISO_DATE, NUMERO_FICHE } from '../schema/codes.ts';
import { SECTIONS } from '../schema/sections.ts';
import { codeExample, ficheJsonSchema, type JsonSchema } from './json-schema.ts';
import { PLACEHOLDER, expectedPath } from './validate/index.ts';

/**
 * Written by the importer and the sync only, never by hand: the fingerprint of an imported file, and
 * the date a fiche left the export (which the schema refuses on a fiche without an `import` block).
 */
export const NOT_SCAFFOLDED: readonly string[] = ['import', 'absent_export_depuis'];

/** `rncp 12345`, `RNCP12345` → `RNCP12345`; undefined when it is not a fiche number. */
export function normalizeNumero(input: string): string | undefined {
  const numero = input.replace(/\s+/g, '').toUpperCase();
  return NUMERO_FICHE.test(numero) ? numero : undefined;
}

const kinds = (node: JsonSchema) =>
  Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];

/** What to write, in words, after the field's description. */
function hint(node: JsonSchema, numero: string): string {
  const type = kinds(node).filter((t) => t !== 'null');
  if (node.enum) return ` Une valeur parmi : ${node.enum.map(String).join(', ')}.`;
  if (type.includes('boolean'))
    return kinds(node).includes('null')
      ? ' Écrivez true, false ou null, sans guillemets.'
      : ' Écrivez true ou false, sans guillemets.';
  if (type.includes('integer') || type.includes('number')) {
    const range =
      node.minimum !== undefined && node.maximum !== undefined
        ? ` de ${node.minimum} à ${node.maximum}`
        : '';
    return ` Un nombre${type.includes('integer') ? ' entier' : ''}${range}, sans guillemets.`;
  }
  if (node.format === 'uri') return ' Une adresse complète, par exemple "https://www.exemple.fr/".';
  if (node.format === 'email') return ' Par exemple "contact@exemple.fr".';
  if (node.pattern === ISO_DATE.source) return ' Au format "AAAA-MM-JJ", entre guillemets.';
  const example = node.pattern ? codeExample(node.pattern, numero) : undefined;
  return example ? ` Par exemple "${example}".` : '';
}

function placeholder(node: JsonSchema, numero: string, optional: boolean, fallback?: string) {
  const description = (node.description ?? fallback ?? '').trim();
  const prefix = optional ? `${PLACEHOLDER} ou supprimer :` : `${PLACEHOLDER} :`;
  return `${prefix} ${description}${hint(node, numero)}`.replace(/\s+/g, ' ').trim();
}

/** The placeholder value of a field, and the comment that goes above it for a block or a list. */
function blank(node: JsonSchema, numero: string, optional: boolean, fallback?: string): unknown {
  if (kinds(node).includes('object') && node.properties) {
    const required = new Set(node.required ?? []);
    return Object.fromEntries(
      Object.entries(node.properties).map(([name, child]) => [
        name,
        blank(child, numero, !required.has(name)),
      ]),
    );
  }
  if (kinds(node).includes('array')) {
    return [blank(node.items ?? {}, numero, false, node.description)];
  }
  return placeholder(node, numero, optional, fallback);
}

/** Comments above each block and list: what it is, and whether it can go. */
function annotate(yaml: YamlNode | null, schema: JsonSchema): void {
  if (!isMap(yaml)) return;
  const required = new Set(schema.required ?? []);
  for (const pair of yaml.items) {
    const name = String((pair.key as { value?: unknown }).value);
    const child = schema.properties?.[name];
    if (!child) continue;
    const isList = kinds(child).includes('array');
    const isBlock = kinds(child).includes('object') && child.properties !== undefined;
    if (!isList && !isBlock) continue;
    const what = (child.description ?? '').trim();
    const listNote = isList
      ? ' Un élément « - » par valeur : recopiez-le autant que nécessaire.'
      : '';
    const optionNote = required.has(name)
      ? ' Obligatoire.'
      : ` Facultatif : supprimez ${isList ? 'toute la liste' : 'tout le bloc'} si la fiche n'en dit rien.`;
    (pair.key as YamlNode).commentBefore = ` ${what}${listNote}${optionNote}`;
    const value = pair.value as YamlNode | null;
    if (isBlock) annotate(value, child);
    else if (isSeq(value)) annotate(value.items[0] as YamlNode, child.items ?? {});
  }
}

/** The text of a new fiche, every placeholder in place. */
export function renderScaffold(numero: string, schema: JsonSchema = ficheJsonSchema()): string {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).filter(([name]) => !NOT_SCAFFOLDED.includes(name)),
  );
  const frontmatter = blank({ ...schema, properties }, numero, false) as Record<string, unknown>;
  frontmatter['numero_fiche'] = numero;
  const doc = new Document(frontmatter);
  annotate(doc.contents, { ...schema, properties });
  doc.commentBefore = [
    ` Fiche ${numero} créée par « npm run new ». Remplacez chaque « ${PLACEHOLDER} : … » par la valeur`,
    ` (le texte après les deux-points dit quoi écrire). « ${PLACEHOLDER} ou supprimer » marque un champ`,
    ` facultatif : supprimez sa ligne si la fiche ne le renseigne pas. Le sens de chaque champ : page`,
    ` « Référence des champs » du site (/contribuer/champs/).`,
    ` Vérifiez avec : npm run validate -- content/fiches/${expectedPath(numero)}`,
  ].join('\n');
  const yaml = doc.toString({
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
  });
  const body = SECTIONS.map(
    (section) =>
      `## ${section.titre}\n\n${PLACEHOLDER} : ${section.description} Supprimez la section, titre compris, si la fiche n'en parle pas.\n`,
  ).join('\n');
  return `---\n${yaml}---\n\n${body}`;
}

export class FicheExistsError extends Error {
  readonly file: string;
  constructor(file: string) {
    super(`La fiche existe déjà : ${file} (rien n'a été écrit). Modifiez-la plutôt.`);
    this.file = file;
  }
}

/** Writes the blank fiche where the validator expects it (`<fichesDir>/rncp/12345.md`), never over a file. */
export function writeScaffold(numero: string, fichesDir: string): string {
  const file = path.join(fichesDir, expectedPath(numero));
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx` fails when the file exists, even if it appeared a moment ago.
    writeFileSync(file, renderScaffold(numero), { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FicheExistsError(file);
    throw error;
  }
  return file;
}
