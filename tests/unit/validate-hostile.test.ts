/**
 * A contributor cannot turn a fiche against readers: each hostile fiche (tests/fixtures/hostile/) is
 * refused by the validator an editor runs, with a French message that says where (file, line,
 * column, field) and what to write instead; a field or a section of 1 MB is refused with the limit.
 * What a hostile fiche would become once built is checked in tests/site/hostile.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIELD_LENGTH, formatDiagnostic, validatePaths } from '../../src/lib/validate/index.ts';
import { CASES, HOSTILE, HOSTILE_FILE as FILE } from '../support/hostile-cases.ts';

function messages(folder: string): string[] {
  return validatePaths([folder]).diagnostics.map(formatDiagnostic);
}

describe('validator: hostile fiches are refused, each with a clear French message', () => {
  it('accepts the fiche the hostile fixtures are made from', () => {
    expect(messages(path.join(HOSTILE, 'base-valide'))).toEqual([]);
  });

  it('has a case for every hostile fixture', () => {
    const folders = readdirSync(HOSTILE).filter((name) => name !== 'base-valide');
    expect(folders.sort()).toEqual(CASES.map(([name]) => name).sort());
  });

  it.each(CASES)('%s', (name, location, field, message) => {
    const lines = messages(path.join(HOSTILE, name));
    const first = lines.find((line) => line.includes(`${FILE}:${location} ${field} : `));
    expect(first, `expected ${FILE}:${location} ${field} in:\n${lines.join('\n')}`).toBeDefined();
    expect(first).toMatch(message);
  });

  describe('a field or a section of 1 MB', () => {
    let folder: string;
    const megabyte = 'Texte sans fin. '.repeat(65_536);
    const base = readFileSync(path.join(HOSTILE, 'base-valide', FILE), 'utf8');
    const write = (name: string, text: string) => {
      mkdirSync(path.join(folder, name, 'rncp'), { recursive: true });
      writeFileSync(path.join(folder, name, FILE), text);
      return path.join(folder, name);
    };
    beforeAll(() => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-hostile-'));
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('refuses a 1 MB frontmatter field, saying the limit', () => {
      const text = base.replace('intitule: "Agent de test"', `intitule: "${megabyte}"`);
      expect(messages(write('champ', text))).toEqual([
        expect.stringMatching(
          new RegExp(
            `${FILE}:3:11 intitule : Texte trop long : ${megabyte.length} caractères, ${MAX_FIELD_LENGTH} au plus`,
          ),
        ),
      ]);
    });

    it('refuses a 1 MB section of the body, saying which one', () => {
      const text = base.replace('Accueillir le public.', megabyte);
      expect(messages(write('section', text))).toEqual([
        expect.stringMatching(
          new RegExp(
            `${FILE}:30:1 corps : Section trop longue : \\d+ caractères, ${MAX_FIELD_LENGTH} au plus \\(valeur : "Activités visées"\\)`,
          ),
        ),
      ]);
    });
  });
});
