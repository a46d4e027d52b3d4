/**
 * The JSON Schema of a fiche's frontmatter, generated from the zod schema (src/schema/fiche.ts): it is
 * published at /schema/fiche.json for editors' completion and for reusers, and the field reference page
 * (/contribuer/champs/) and the scaffold (`npm run new`) are written from it. Nothing here repeats what a
 * field means: every description comes from the schema's `.describe()`.
 */
import { z } from 'astro/zod';
import {
  BLOC_CODE,
  FORMACODE,
  IDCC,
  ISO_DATE,
  NSF,
  NUMERO_FICHE,
  ROME,
  SIRET,
} from '../schema/codes.ts';
import { ficheSchema } from '../schema/fiche.ts';

/** The part of JSON Schema (draft-07) that zod writes and this project reads. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
}

export const FICHE_SCHEMA_PATH = '/schema/fiche.json';

/**
 * A zod schema as a published JSON Schema: draft-07, which every editor and validator reads (the YAML
 * language server of VS Code supports draft-07 and older), with its address as `$id`.
 */
export function publishedSchema(
  schema: z.ZodType,
  options: { id: string; title: string; io: 'input' | 'output' },
): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    io: options.io,
    target: 'draft-07',
    // Refinements (a bloc's code starting with the fiche's number…) have no JSON Schema equivalent: the
    // validator checks them.
    unrepresentable: 'any',
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return { $schema: $schema!, $id: options.id, title: options.title, ...rest };
}

/** The frontmatter's JSON Schema; `site` makes its `$id` absolute (`https://…/schema/fiche.json`). */
export function ficheJsonSchema(site?: URL | string): JsonSchema {
  return publishedSchema(ficheSchema, {
    id: site ? new URL(FICHE_SCHEMA_PATH, site).href : FICHE_SCHEMA_PATH,
    title: 'Fiche du RNCP ou du Répertoire spécifique (en-tête YAML)',
    io: 'input',
  });
}

/** One field of the reference: `rome[].code`, its type in words, and what it means. */
export interface FieldDoc {
  /** `voies_acces.vae.composition_jury`; `[]` marks an item of a list. */
  path: string;
  /** 0 for a top-level field. */
  depth: number;
  /** The type as an editor reads it (« texte », « date "AAAA-MM-JJ" », « liste »…). */
  type: string;
  required: boolean;
  /** Whether the field may be `null` (a fact the source does not state). */
  nullable: boolean;
  description?: string;
  /** Accepted values of a closed list. */
  values?: string[];
  pattern?: string;
  /** A valid value, for codes. */
  example?: string;
  /** Whether this field holds other fields (an object, or a list of objects). */
  container: boolean;
}

const DATE_PATTERN = ISO_DATE.source;

/** A valid value of each kind of code, for the editor to see what is expected. */
export function codeExample(pattern: string, numero = 'RNCP6133'): string | undefined {
  const examples: [RegExp, string][] = [
    [NUMERO_FICHE, 'RNCP6133'],
    [ROME, 'K1801'],
    [NSF, '332t'],
    [FORMACODE, '44028'],
    [SIRET, '42370591200057'],
    [IDCC, '2941'],
    [ISO_DATE, '2024-01-31'],
    [BLOC_CODE, `${numero}BC01`],
    [/^\d+$/, '12345'],
  ];
  return examples.find(([regex]) => regex.source === pattern)?.[1];
}

function types(node: JsonSchema): string[] {
  if (Array.isArray(node.type)) return node.type;
  return node.type ? [node.type] : [];
}

/** The type of a value in French words. */
function describeType(node: JsonSchema): string {
  const kinds = types(node).filter((t) => t !== 'null');
  const kind = kinds[0];
  if (node.enum) return 'valeur de la liste';
  if (kind === 'array') {
    const item = node.items ?? {};
    return types(item).includes('object')
      ? 'liste de blocs de champs'
      : `liste (chaque élément : ${describeType(item)})`;
  }
  if (kind === 'object') return 'bloc de champs';
  if (kind === 'boolean') return 'oui/non (true ou false)';
  if (kind === 'integer') {
    const range =
      node.minimum !== undefined && node.maximum !== undefined
        ? ` de ${node.minimum} à ${node.maximum}`
        : '';
    return `nombre entier${range}`;
  }
  if (kind === 'number') return 'nombre';
  if (kind === 'string') {
    if (node.pattern === DATE_PATTERN) return 'date "AAAA-MM-JJ"';
    if (node.format === 'uri') return 'adresse web';
    if (node.format === 'email') return 'adresse électronique';
    if (node.pattern) return 'code';
    return 'texte';
  }
  return 'valeur';
}

/**
 * Every field of the schema, depth first in the schema's order: objects, then their fields; a list's
 * items as `liste[]`. A list of plain values (anciens intitulés) is one field.
 */
export function fieldReference(schema: JsonSchema): FieldDoc[] {
  const out: FieldDoc[] = [];
  const walk = (node: JsonSchema, prefix: string, depth: number) => {
    const required = new Set(node.required ?? []);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      const isList = types(child).includes('array');
      const inner = isList ? (child.items ?? {}) : child;
      const container = types(inner).includes('object') && inner.properties !== undefined;
      const values = (child.enum ?? inner.enum)?.map(String);
      const pattern =
        inner.pattern && inner.pattern !== DATE_PATTERN && !inner.format
          ? inner.pattern
          : undefined;
      out.push({
        path,
        depth,
        type: describeType(child),
        required: required.has(name),
        nullable: types(child).includes('null'),
        container,
        ...((child.description ?? inner.description)
          ? { description: child.description ?? inner.description }
          : {}),
        ...(values ? { values } : {}),
        ...(pattern && !values ? { pattern } : {}),
        ...(inner.pattern && codeExample(inner.pattern)
          ? { example: codeExample(inner.pattern)! }
          : {}),
      });
      if (container) walk(inner, isList ? `${path}[]` : path, depth + 1);
    }
  };
  walk(schema, '', 0);
  return out;
}

/** The paths of the fields that hold a value, not other fields. */
export function leafPaths(schema: JsonSchema): string[] {
  return fieldReference(schema)
    .filter((field) => !field.container)
    .map((field) => field.path);
}
