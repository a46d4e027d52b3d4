/**
 * The report `npm run validate` prints: every error of a folder in file order, then line, then
 * column, whatever order the checks found them in; a file that is not a fiche (a note, a hidden
 * draft, an .mdx page) refused with the reason; a file over 5 MB (bytes, not characters) refused
 * with the limit alone; a thread that fails stops the run with its error; one fiche given by its
 * path is validated; a number used twice names the line of `numero_fiche` in both files, wherever
 * it stands; and the GitHub annotation that shows each error on the pull request's line keeps a
 * message with line breaks, `%`, `:` and `,` whole.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatAnnotation,
  formatDiagnostic,
  validatePaths,
  validatePathsParallel,
} from '../../src/lib/validate/index.ts';
import { BASE, messagesFor, withBody } from './validate-edit.ts';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-validate-report-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes `files` (path → text) under a new folder; returns the folder. */
function folderWith(name: string, files: Record<string, string>): string {
  const dir = path.join(folder, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const report = (dir: string) =>
  validatePaths([dir]).diagnostics.map((d) => formatDiagnostic(d).replace(`${dir}${path.sep}`, ''));

describe('the order of the report', () => {
  it('file by file, then by line and column, files refused among them', () => {
    // Found in this order: the control character (32:11), the braces (32:1), the ROME code (11:11).
    const fiche = withBody('\n## Activités visées\n\n{x} texte \u0007\n').replace(
      'code: "K1801"',
      'code: "N9999"',
    );
    const dir = folderWith('ordre', {
      'b/notes.txt': 'Notes.\n',
      'a/rncp/9201.md': fiche,
      'c/rncp/9201.mdx': BASE,
    });
    expect(report(dir)).toEqual([
      expect.stringMatching(/^a\/rncp\/9201\.md:11:11 rome\[0\]\.code : Code ROME inconnu/),
      'a/rncp/9201.md:32:1 corps : Accolades {…} interdites dans une fiche (syntaxe MDX) : reformulez sans accolades (valeur : "{x} texte \\u0007")',
      'a/rncp/9201.md:32:11 fichier : Caractère de contrôle invisible U+0007 interdit : supprimez-le',
      'b/notes.txt:1:1 fichier : Fichier refusé parmi les fiches : seules des fiches .md sont admises dans ce dossier',
      'c/rncp/9201.mdx:1:1 fichier : Fichier refusé parmi les fiches : les fiches sont du Markdown simple (.md) ; le MDX est réservé aux pages éditoriales du site',
    ]);
  });
});

describe('which files are fiches', () => {
  it('a hidden .md file is refused, not validated as a fiche', () => {
    const dir = folderWith('cache', { 'rncp/9201.md': BASE, 'rncp/.9201.md': BASE });
    expect(report(dir)).toEqual([
      'rncp/.9201.md:1:1 fichier : Fichier refusé parmi les fiches : seules des fiches .md sont admises dans ce dossier',
    ]);
    expect(validatePaths([dir]).fiches).toBe(1);
  });

  it('one fiche given by its path is validated alone', () => {
    const dir = folderWith('seule', {
      'rncp/9201.md': BASE.replace('europe: 3', 'europe: 9'),
      'rncp/9202.md': 'pas une fiche',
    });
    const { diagnostics, fiches } = validatePaths([path.join(dir, 'rncp/9201.md')]);
    expect(fiches).toBe(1);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.field}`)).toEqual([
      '9:11 niveau.europe',
    ]);
  });
});

describe('the size of a file', () => {
  // Padded with a YAML comment line, which the validator reads past.
  const ofBytes = (bytes: number) =>
    BASE.replace('---\n', `---\n#${'x'.repeat(bytes - Buffer.byteLength(BASE) - 2)}\n`);

  it('5 000 000 bytes pass, one more is refused with the limit, and nothing else is said', () => {
    expect(Buffer.byteLength(ofBytes(5_000_000))).toBe(5_000_000);
    expect(messagesFor(ofBytes(5_000_000))).toEqual([]);
    expect(messagesFor(ofBytes(5_000_001))).toEqual([
      'rncp/9201.md:1:1 fichier : Fichier trop volumineux : 5 Mo au plus',
    ]);
  });

  it('counts bytes, not characters: 2.5 million « é » are too many', () => {
    expect(messagesFor(BASE.replace('Accueillir le public.', 'é'.repeat(2_500_001)))).toEqual([
      'rncp/9201.md:1:1 fichier : Fichier trop volumineux : 5 Mo au plus',
    ]);
  });
});

describe('fiches shared among threads', () => {
  it('a thread that fails stops the validation with its own error, in French', async () => {
    const dir = folderWith('fils', { 'rncp/9201.md': BASE, 'rncp/9202.md': BASE });
    await expect(
      validatePathsParallel([dir], {
        referentielsDir: path.join(dir, 'absent'),
        threads: 2,
        parallelFrom: 0,
      }),
    ).rejects.toThrow(
      /^Référentiel illisible : .*absent\/rome\.json \(régénérez-le avec npm run referentiels\)$/,
    );
  });
});

describe('a number used twice', () => {
  it('names the line of numero_fiche in both files, not a line that mentions it', () => {
    const numeroThird = BASE.replace(
      'numero_fiche: "RNCP9201"\nintitule: "Agent de test"',
      'intitule: "Agent de test"\nnumero_fiche: "RNCP9201"',
    );
    const dir = folderWith('double', {
      'premier/rncp/9201.md': numeroThird.replace('---\n', '---\n# Ancien numero_fiche: RNCP1\n'),
      'second/rncp/9201.md': numeroThird,
    });
    expect(report(dir)).toEqual([
      `second/rncp/9201.md:3:1 numero_fiche : Numéro de fiche en double : RNCP9201 est déjà décrit dans ${path.join(dir, 'premier/rncp/9201.md')}:4 (valeur : "RNCP9201")`,
    ]);
  });
});

describe('the GitHub annotation', () => {
  it('escapes what would cut the command, in the file, the title and the message', () => {
    expect(
      formatAnnotation({
        file: 'fiches, 2024/rncp:9201.md',
        line: 3,
        column: 11,
        field: 'intitule',
        value: '"100 %"',
        message: 'Ligne 1\r\nLigne 2 : 50 %, fin',
      }),
    ).toBe(
      '::error file=fiches%2C 2024/rncp%3A9201.md,line=3,col=11,title=Fiche invalide %3A intitule::Ligne 1%0D%0ALigne 2 : 50 %25, fin (valeur : "100 %25")',
    );
  });

  it('has no value part when there is no value', () => {
    const diagnostic = { file: 'a.md', line: 1, column: 2, field: 'fichier', message: 'Refusé' };
    expect(formatAnnotation(diagnostic)).toBe(
      '::error file=a.md,line=1,col=2,title=Fiche invalide %3A fichier::Refusé',
    );
    expect(formatDiagnostic(diagnostic)).toBe('a.md:1:2 fichier : Refusé');
  });
});
