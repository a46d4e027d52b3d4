/**
 * What an editor reads when YAML changed what they wrote: a date or a code written without quotes is
 * named as such, with the value to write (and the lost leading zero, only when one was lost); a long
 * wrong value is shown cut, so that the message stays readable.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, validatePaths } from '../../src/lib/validate/index.ts';
import { HOSTILE, HOSTILE_FILE } from '../support/hostile-cases.ts';

const base = readFileSync(path.join(HOSTILE, 'base-valide', HOSTILE_FILE), 'utf8');
let folder: string;
let count = 0;

/** The validator's messages for the valid base fiche with `edit` applied. */
function messages(edit: (text: string) => string): string[] {
  const dir = path.join(folder, String(++count));
  mkdirSync(path.join(dir, 'rncp'), { recursive: true });
  writeFileSync(path.join(dir, HOSTILE_FILE), edit(base));
  return validatePaths([dir]).diagnostics.map((d) =>
    formatDiagnostic(d).replace(`${dir}${path.sep}`, ''),
  );
}

beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-messages-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the validator names what YAML did to a value', () => {
  it('accepts the base fiche', () => {
    expect(messages((text) => text)).toEqual([]);
  });

  it('a date without quotes', () => {
    expect(
      messages((text) => text.replace('statut:', 'dates:\n  decision: 2024-06-27\nstatut:')),
    ).toEqual([
      'rncp/9201.md:5:13 dates.decision : Date écrite sans guillemets : YAML l\'a lue comme une date, écrivez-la entre guillemets, par exemple "2024-06-27" (valeur : 2024-06-27)',
    ]);
  });

  it('a code without quotes, whose digits YAML kept', () => {
    const [message] = messages((text) =>
      text.replace(
        'voies_acces:',
        'formacodes:\n  - code: 44028\n    libelle: "Insertion"\nvoies_acces:',
      ),
    );
    expect(message).toMatch(
      /^rncp\/9201\.md:14:11 formacodes\[0\]\.code : Code écrit sans guillemets : écrivez-le entre guillemets, "44028" \(valeur : 44028\)$/,
    );
  });

  it('a long wrong value, cut after 57 characters; a value of 60 shown whole', () => {
    const long = `pas-une-adresse-${'x'.repeat(60)}`;
    const [cut] = messages((text) =>
      text.replace('statut:', `url_description: "${long}"\nstatut:`),
    );
    expect(cut).toContain(`(valeur : "${long.slice(0, 57)}…")`);
    const sixty = `pas-une-adresse-${'x'.repeat(44)}`;
    expect(sixty).toHaveLength(60);
    const [whole] = messages((text) =>
      text.replace('statut:', `url_description: "${sixty}"\nstatut:`),
    );
    expect(whole).toContain(`(valeur : "${sixty}")`);
  });
});
