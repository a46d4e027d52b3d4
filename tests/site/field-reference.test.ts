/**
 * The field reference page (/contribuer/champs/) documents every field of the published JSON Schema of
 * a fiche, with the schema's own description, and every section of the body: an editor finds there
 * whatever the validator may ask for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/schema/sections.ts';
import { DIST, readPage } from '../../scripts/lib/site/dist.ts';
import { collapse, parsePage, type Page } from '../support/html.ts';
import { toText } from 'hast-util-to-text';

interface Node {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
}

/** Every field of the schema as `parent.child`, list items as `list[].field`, with its facts. */
function fields(
  node: Node,
  prefix = '',
): { path: string; description?: string; required: boolean; nullable: boolean; leaf: boolean }[] {
  const types = (n: Node) => (Array.isArray(n.type) ? n.type : n.type ? [n.type] : []);
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => {
    const here = prefix ? `${prefix}.${name}` : name;
    const isList = types(child).includes('array');
    const inner = isList ? (child.items ?? {}) : child;
    const description = child.description ?? inner.description;
    return [
      {
        path: here,
        ...(description ? { description } : {}),
        required: (node.required ?? []).includes(name),
        nullable: types(child).includes('null'),
        leaf: !inner.properties,
      },
      ...(inner.properties ? fields(inner, isList ? `${here}[]` : here) : []),
    ];
  });
}

let page: Page;
let schema: Node;
beforeAll(() => {
  page = parsePage(readPage('/contribuer/champs/'));
  schema = JSON.parse(readFileSync(path.join(DIST, 'schema/fiche.json'), 'utf8'));
});

describe('/contribuer/champs/: the field reference', () => {
  it('has one row per field of the published schema, every leaf field included, and no other', () => {
    const expected = fields(schema);
    expect(expected.filter((f) => f.leaf).length).toBeGreaterThan(100);
    const rows = page.all('table.fields tbody tr');
    const documented = rows.map((row) =>
      collapse(toText(row.children.find((c) => c.type === 'element')!)),
    );
    expect(documented).toEqual(expected.map((f) => f.path));
  });

  it('gives each field the schema’s description, and says whether it is required or may be null', () => {
    const rows = page.all('table.fields tbody tr');
    for (const [index, field] of fields(schema).entries()) {
      const cells = rows[index]!.children.filter((c) => c.type === 'element').map((c) =>
        collapse(toText(c)),
      );
      expect(cells[0]).toBe(field.path);
      if (field.description) expect(cells[2]).toContain(collapse(field.description));
      expect(cells[1]).toMatch(field.required ? / obligatoire$/ : / facultatif$/);
      expect(cells[1]!.includes(', ou null')).toBe(field.nullable);
    }
  });

  it('shows what a code looks like and the values of a closed list', () => {
    const row = (id: string) => collapse(toText(page.one(`tr[id="champ-${id}"]`)!));
    expect(row('rome-code')).toContain('Exemple : "K1801"');
    expect(row('niveau-nomenclature_1969')).toContain('Valeurs possibles : I, II, III, IV, V');
    expect(row('dates-effet')).toContain('date "AAAA-MM-JJ"');
  });

  it('lists every section of the body with its exact heading', () => {
    const text = page.textOf('main');
    for (const section of SECTIONS) {
      expect(text).toContain(`## ${section.titre} ${collapse(section.description)}`);
    }
  });

  it('links to the JSON Schema it is written from', () => {
    expect(page.all('main a').map((a) => a.properties['href'])).toContain('/schema/fiche.json');
  });
});
