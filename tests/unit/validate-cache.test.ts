/**
 * The validation cache of `npm run validate` (src/lib/validate/cache.ts) never hides an error from an
 * editor: a fiche with an error is validated again at every run, even when it has a number; the
 * cache is dropped as soon as anything that decides validity changes — a file of the validator or of
 * the schema (in a subfolder too), the reference tables' loader, the lockfile, a reference table —
 * and only then: a note or a file of another module leaves it valid.
 *
 * The fingerprint reads the project the module sits in, so its file list is checked on a copy of the
 * module in a small project of its own, where files can be edited without touching this one.
 */
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, validatePathsParallel } from '../../src/lib/validate/index.ts';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-validate-cache-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a fiche with an error is never taken from the cache', () => {
  it('an unknown ROME code is reported at the first run and at the next', async () => {
    const fiches = path.join(folder, 'erreurs');
    cpSync('tests/fixtures/validate/rome-inconnu', fiches, { recursive: true });
    cpSync('tests/fixtures/site/fiches/rncp/9101.md', path.join(fiches, 'rncp/9101.md'));
    const options = { cacheFile: path.join(folder, 'erreurs.json'), threads: 1 };
    for (const cached of [0, 1]) {
      const run = await validatePathsParallel([fiches], options);
      expect(run.cached).toBe(cached);
      expect(
        run.diagnostics.map((d) => formatDiagnostic(d).replace(`${fiches}${path.sep}`, '')),
      ).toEqual([
        expect.stringMatching(
          /^rncp\/9001\.md:11:11 rome\[0\]\.code : Code ROME inconnu .*"N9999"/,
        ),
      ]);
    }
  });

  it('reference tables missing are said in French, the cache on', async () => {
    await expect(
      validatePathsParallel(['tests/fixtures/site/fiches'], {
        cacheFile: path.join(folder, 'sans-tables.json'),
        referentielsDir: path.join(folder, 'absent'),
        threads: 1,
      }),
    ).rejects.toThrow(/^Référentiel illisible : .*absent\/rome\.json/);
  });

  it('an unreadable cache file is ignored: every fiche is validated', async () => {
    const fiches = path.join(folder, 'illisible');
    cpSync('tests/fixtures/site/fiches', fiches, { recursive: true });
    const cacheFile = path.join(folder, 'illisible.json');
    writeFileSync(cacheFile, '{ pas du JSON');
    const run = await validatePathsParallel([fiches], { cacheFile, threads: 1 });
    expect(run).toMatchObject({ diagnostics: [], cached: 0 });
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toMatchObject({
      files: expect.any(Object),
    });
  });
});

describe('what the cache’s fingerprint covers', () => {
  let root: string;
  let fingerprint: () => string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };

  beforeAll(async () => {
    root = path.join(folder, 'projet');
    write('src/lib/validate/index.ts', 'export const validator = 1;\n');
    write('src/lib/validate/NOTES.md', 'Notes.\n');
    write('src/schema/fiche.ts', 'export const schema = 1;\n');
    write('src/schema/parts/bloc.ts', 'export const bloc = 1;\n');
    write('src/lib/referentiels.ts', 'export const tables = 1;\n');
    write('src/lib/search/index.ts', 'export const search = 1;\n');
    write('package-lock.json', '{ "lockfileVersion": 3 }\n');
    write('package.json', '{ "name": "projet" }\n');
    write('referentiels/rome.json', '[]\n');
    write('referentiels/SOURCES.md', 'Sources.\n');
    // The module under test, in the project whose files it fingerprints.
    copyFileSync('src/lib/validate/cache.ts', path.join(root, 'src/lib/validate/cache.ts'));
    const copy = (await import(
      pathToFileURL(path.join(root, 'src/lib/validate/cache.ts')).href
    )) as typeof import('../../src/lib/validate/cache.ts');
    fingerprint = () => copy.validatorFingerprint(path.join(root, 'referentiels'));
  });

  /** Whether editing `file` changes the fingerprint (the file is restored afterwards). */
  const changes = (file: string) => {
    const before = fingerprint();
    const text = readFileSync(path.join(root, file), 'utf8');
    writeFileSync(path.join(root, file), `${text}// modifié\n`);
    const after = fingerprint();
    writeFileSync(path.join(root, file), text);
    expect(fingerprint()).toBe(before);
    return after !== before;
  };

  it.each([
    'src/lib/validate/index.ts',
    'src/lib/validate/cache.ts',
    'src/schema/fiche.ts',
    'src/schema/parts/bloc.ts',
    'src/lib/referentiels.ts',
    'package-lock.json',
    'referentiels/rome.json',
  ])('an edit of %s drops the cache', (file) => {
    expect(changes(file)).toBe(true);
  });

  it.each([
    'src/lib/validate/NOTES.md',
    'src/lib/search/index.ts',
    'package.json',
    'referentiels/SOURCES.md',
  ])('an edit of %s keeps it', (file) => {
    expect(changes(file)).toBe(false);
  });

  it('a schema file renamed, its text unchanged, drops the cache', () => {
    const before = fingerprint();
    renameSync(path.join(root, 'src/schema/fiche.ts'), path.join(root, 'src/schema/fiches.ts'));
    const after = fingerprint();
    renameSync(path.join(root, 'src/schema/fiches.ts'), path.join(root, 'src/schema/fiche.ts'));
    expect(after).not.toBe(before);
  });

  it('two different sets of tables never share a fingerprint, whatever their names and texts', () => {
    // Without a boundary between a file's name and its text, and between files, the first set and
    // one of the others would read as the same run of bytes ("\0" may be in a file).
    write('referentiels/a.json', '');
    write('referentiels/b.json', '[]');
    const fingerprints = [fingerprint()];
    rmSync(path.join(root, 'referentiels/b.json'));
    for (const text of [
      'referentiels/b.json[]',
      'referentiels/b.json\0[]',
      '\0referentiels/b.json[]',
    ]) {
      write('referentiels/a.json', text);
      fingerprints.push(fingerprint());
    }
    rmSync(path.join(root, 'referentiels/a.json'));
    expect(new Set(fingerprints).size).toBe(4);
  });
});
