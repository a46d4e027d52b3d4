/**
 * The validator an editor meets (`npm run validate`, run before every build): the committed catalogue
 * passes; each broken fixture (tests/fixtures/validate/) is refused with its file, line, field and a
 * French message; a duplicate number names both files; only the fiches changed since they last passed
 * are read again; the command's exit code, count and GitHub annotations.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatDiagnostic,
  validatePaths,
  validatePathsParallel,
} from '../../src/lib/validate/index.ts';

const fixtures = path.join(import.meta.dirname, '../fixtures/validate');
const fixture = (name: string) => path.join(fixtures, name);

function messages(name: string): string[] {
  return validatePaths([fixture(name)]).diagnostics.map(formatDiagnostic);
}

describe('validator: the catalogue itself', () => {
  it('accepts fiche RNCP 6133 and every committed fiche', () => {
    const { diagnostics, fiches } = validatePaths(['content/fiches']);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(fiches).toBeGreaterThanOrEqual(1);
  });

  it('accepts a minimal valid fiche', () => {
    expect(messages('fiche-minimale-valide')).toEqual([]);
  });
});

describe('validator: each broken fixture is refused with file, line, field and a French message', () => {
  const cases: [fixture: string, location: string, field: string, message: RegExp][] = [
    [
      'code-sans-guillemets-zero-perdu',
      'rncp/9001.md:11:11',
      'formacodes[0].code',
      /zéro initial est perdu.*"01234"/,
    ],
    [
      'champ-inconnu',
      'rncp/9001.md:10:1',
      'romee',
      /Champ inconnu « romee » ; vouliez-vous dire « rome » \?/,
    ],
    [
      'rome-mal-forme',
      'rncp/9001.md:11:11',
      'rome[0].code',
      /Code ROME mal formé : attendu par exemple "K1801".*"K18O1"/,
    ],
    ['rome-inconnu', 'rncp/9001.md:11:11', 'rome[0].code', /Code ROME inconnu.*"N9999"/],
    [
      'nom-de-fichier-different',
      'rncp/9002.md:2:15',
      'numero_fiche',
      /doit s’appeler rncp\/9001\.md/,
    ],
    ['html-script', 'rncp/9001.md:34:1', 'corps', /HTML brut interdit/],
    ['html-onerror', 'rncp/9001.md:32:22', 'corps', /HTML brut interdit.*onerror/],
    [
      'lien-javascript',
      'rncp/9001.md:32:15',
      'corps',
      /Lien refusé : seules les adresses https:\/\/, http:\/\/ et mailto:.*javascript:alert/,
    ],
    ['texte-non-nfc', 'rncp/9001.md:32:23', 'fichier', /non normalisé en Unicode NFC/],
    ['intitule-manquant', 'rncp/9001.md:', 'intitule', /requis|attendu/i],
    [
      'date-mal-formee',
      'rncp/9001.md:5:10',
      'dates.effet',
      /Date mal formée : attendu "AAAA-MM-JJ".*"23\/02\/2007"/,
    ],
    ['fichier-mdx', 'rncp/9001.mdx:1:1', 'fichier', /Fichier refusé parmi les fiches.*\(\.md\)/],
    // Two addresses in one value: the URL parser would take them for one (spaces percent-encoded).
    [
      'adresses-dans-une-seule-valeur',
      'rncp/9001.md:9:10',
      'url_description[0].url',
      /Adresse avec une espace.*une adresse par élément de liste.*"https:\/\/www\.exemple\.fr\/ https:/,
    ],
    [
      'adresse-caractere-interdit',
      'rncp/9001.md:9:14',
      'certificateurs[0].site_internet[0].url',
      /Adresse avec le caractère \|, qu’une adresse web ne peut pas contenir : écrivez-le encodé \(%7C\)/,
    ],
    // A fiche written before url_description became a list.
    [
      'url-description-ancienne-forme',
      'rncp/9001.md:8:18',
      'url_description',
      /Attendu une liste, une adresse par élément de liste : - url: "https:\/\/www\.exemple\.fr\/"/,
    ],
  ];
  it.each(cases)('%s', (name, location, field, message) => {
    const lines = messages(name);
    const match = lines.find(
      (line) => line.includes(`${location}`) && line.includes(` ${field} : `),
    );
    expect(match, `expected ${location} ${field} in:\n${lines.join('\n')}`).toBeDefined();
    expect(match).toMatch(message);
    // One mistake, one message: an editor is not asked to fix the same thing twice.
    expect(lines.filter((line) => line.includes(` ${field} : `))).toHaveLength(1);
  });

  it('reports a duplicate number with both files', () => {
    const lines = messages('numero-en-double');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /second\/rncp\/9001\.md:2:1 numero_fiche : Numéro de fiche en double : RNCP9001 est déjà décrit dans .*premier\/rncp\/9001\.md:2/,
    );
  });

  it('finds the same errors when the fiches are shared among threads', async () => {
    const alone = validatePaths([fixtures]);
    const shared = await validatePathsParallel([fixtures], { threads: 2, parallelFrom: 0 });
    expect(shared.diagnostics.map(formatDiagnostic)).toEqual(
      alone.diagnostics.map(formatDiagnostic),
    );
    expect(shared.fiches).toBe(alone.fiches);
  });

  it('validates again only the fiches that changed since they last passed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'validate-cache-'));
    try {
      cpSync('tests/fixtures/site/fiches', path.join(dir, 'fiches'), { recursive: true });
      const count = readdirSync(path.join(dir, 'fiches'), { recursive: true }).filter((f) =>
        String(f).endsWith('.md'),
      ).length;
      expect(count).toBeGreaterThan(3);
      const options = { cacheFile: path.join(dir, 'cache.json'), threads: 1 };
      const first = await validatePathsParallel([path.join(dir, 'fiches')], options);
      expect(first).toMatchObject({ diagnostics: [], fiches: count, cached: 0 });
      expect(await validatePathsParallel([path.join(dir, 'fiches')], options)).toMatchObject({
        diagnostics: [],
        cached: count,
      });
      // A fiche edited into an error is checked again and its error reported, every time.
      const edited = path.join(dir, 'fiches/rncp/9101.md');
      writeFileSync(edited, readFileSync(edited, 'utf8').replace('europe: 4', 'europe: 9'));
      for (let run = 0; run < 2; run++) {
        const again = await validatePathsParallel([path.join(dir, 'fiches')], options);
        expect(again.cached).toBe(count - 1);
        expect(again.diagnostics.map((d) => d.field)).toEqual(['niveau.europe']);
      }
      // Another validator (here, other reference tables) trusts nothing of the previous runs.
      const referentielsDir = path.join(dir, 'referentiels');
      cpSync('content/referentiels', referentielsDir, { recursive: true });
      writeFileSync(path.join(referentielsDir, 'extra.json'), '{}');
      const other = await validatePathsParallel([path.join(dir, 'fiches')], {
        ...options,
        referentielsDir,
      });
      expect(other.cached).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports every error of a folder at once', () => {
    const { diagnostics } = validatePaths([fixtures]);
    const files = new Set(
      diagnostics.map((d) => path.relative(fixtures, d.file).split(path.sep)[0]),
    );
    // Every folder of broken fixtures, the valid one aside.
    const broken = readdirSync(fixtures).filter((name) => name !== 'fiche-minimale-valide');
    expect([...files].sort()).toEqual(broken.sort());
  });
});

describe('npm run validate (the CLI)', () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['scripts/validate.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  it('exits 0 and says how many fiches are valid', () => {
    const run = cli([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\d+ fiches? valides?\./);
  });

  it('exits 1 and prints each error then a count', () => {
    const run = cli([fixture('rome-mal-forme'), fixture('html-script')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'rome-mal-forme/rncp/9001.md:11:11 rome[0].code : Code ROME mal formé',
    );
    expect(run.stderr).toMatch(/2 erreurs dans 2 fichiers \(2 fiches vérifiées\)\./);
  });

  it('prints GitHub annotations when GITHUB_ACTIONS=true', () => {
    const run = cli([fixture('rome-mal-forme')], { GITHUB_ACTIONS: 'true' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=.*rome-mal-forme\/rncp\/9001\.md,line=11,col=11,title=Fiche invalide %3A rome\[0\]\.code::Code ROME mal formé/m,
    );
  });

  it('runs before every build (prebuild)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.prebuild).toMatch(/validate/);
  });
});
