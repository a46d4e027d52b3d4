/**
 * How the reference tables are written: JSON with one entry per line, sorted by code, the same
 * bytes for the same inputs (no date, no absolute path), and what each table tells SOURCES.md.
 */
import { byCode } from './inputs.ts';

/** The command that writes the tables, named in each of them. */
export const GENERE_PAR = 'scripts/build-referentiels.ts';

/** A table as written, its number of entries and the facts SOURCES.md gives about its inputs. */
export interface Built {
  json: string;
  count: number;
  facts: Record<string, string | number>;
}

/** The map's entries in code order. */
export function sortedMap<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map.keys()].sort(byCode).map((key) => [key, map.get(key) as V]));
}

/**
 * JSON with one top-level key per line and, inside a Map value, one entry per line: compact, and
 * readable in a diff. Maps are written in their insertion order.
 */
export function toJson(fields: ReadonlyArray<readonly [string, unknown]>): string {
  const lines = fields.map(([key, value], index) => {
    const comma = index < fields.length - 1 ? ',' : '';
    if (value instanceof Map) {
      const inner = [...value].map(
        ([k, v], i) =>
          `    ${JSON.stringify(k)}: ${JSON.stringify(v)}${i < value.size - 1 ? ',' : ''}`,
      );
      return inner.length === 0
        ? `  ${JSON.stringify(key)}: {}${comma}`
        : `  ${JSON.stringify(key)}: {\n${inner.join('\n')}\n  }${comma}`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`;
  });
  return `{\n${lines.join('\n')}\n}\n`;
}
