/**
 * The check of a pull request that changes only fiches (`npm run check:fiches`, the fast job of
 * .github/workflows/ci.yml): which changes it takes (src/lib/changed-fiches.ts), which pages of the
 * fixture site it checks for a fiche (the fiche and its partner pages), that it finds nothing on the
 * fixture site as built and finds the accessibility, HTML and link problems of a spoilt page, and that
 * its command names the fiche in a GitHub annotation.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPages } from '../../scripts/lib/check-fiches.ts';
import {
  changeScope,
  fichePagePath,
  fichePages,
  isFicheFile,
  parseNameStatus,
} from '../../src/lib/changed-fiches.ts';
import { builtPages } from '../../scripts/lib/site/dist.ts';
import { fixtureSite } from '../support/fixture-site.ts';

const run = promisify(execFile);

describe('which fiches a change touches', () => {
  it('takes fiche files only, as the scope of the fast check', () => {
    expect(isFicheFile('content/fiches/rncp/6133.md')).toBe(true);
    expect(isFicheFile('content/fiches/rs/5000.md')).toBe(true);
    for (const other of [
      'content/referentiels/rome.json',
      'content/fiches/rncp/6133.mdx',
      'content/fiches/README.md',
      'src/lib/fiche.ts',
      'tests/fixtures/site/fiches/rncp/9101.md',
    ]) {
      expect(isFicheFile(other), other).toBe(false);
    }
    expect(changeScope(['content/fiches/rncp/6133.md', 'content/fiches/rs/5000.md'])).toBe(
      'fiches',
    );
    expect(changeScope(['content/fiches/rncp/6133.md', 'content/referentiels/rome.json'])).toBe(
      'tout',
    );
    expect(changeScope(['package.json'])).toBe('tout');
    expect(changeScope([])).toBe('tout');
  });

  it('reads git diff --name-status, renames and deletions included', () => {
    const output = [
      'M\tcontent/fiches/rncp/6133.md',
      'A\tcontent/fiches/rs/5000.md',
      'D\tcontent/fiches/rncp/1718.md',
      'R100\tcontent/fiches/rncp/16575.md\tcontent/fiches/rncp/16576.md',
      '',
    ].join('\n');
    expect(parseNameStatus(output)).toEqual({
      changed: [
        'content/fiches/rncp/6133.md',
        'content/fiches/rs/5000.md',
        'content/fiches/rncp/16576.md',
      ],
      deleted: ['content/fiches/rncp/1718.md', 'content/fiches/rncp/16575.md'],
    });
  });

  it('names the pages of a fiche: its page and its partner pages', () => {
    expect(fichePagePath('content/fiches/rs/5000.md')).toBe('/rs/5000/');
    expect(() => fichePagePath('content/referentiels/rome.json')).toThrow(/n'est pas une fiche/);
    const built = [
      '/',
      '/rncp/6133/',
      '/rncp/61330/',
      '/rncp/9104/',
      '/rncp/9104/partenaires/',
      '/rncp/9104/partenaires/2/',
      '/api/rncp/9104.json',
    ];
    expect(fichePages('content/fiches/rncp/9104.md', built)).toEqual([
      '/rncp/9104/',
      '/rncp/9104/partenaires/',
      '/rncp/9104/partenaires/2/',
    ]);
    expect(fichePages('content/fiches/rncp/6133.md', built)).toEqual(['/rncp/6133/']);
  });
});

describe('the checks of the pages of changed fiches', () => {
  let site: string;
  let spoilt: string;
  beforeAll(async () => {
    site = await fixtureSite();
    spoilt = mkdtempSync(path.resolve('tmp', 'check-fiches-'));
    cpSync(site, spoilt, { recursive: true });
    // RNCP 6133's page, spoilt three ways: an image without text alternative (axe), a block in a
    // paragraph (HTML), a link to a page that does not exist (links).
    const file = path.join(spoilt, 'rncp/6133/index.html');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '</h1>',
        '</h1><p><img src="/absente.png"><div>bloc</div></p><a href="/rncp/999999/">perdue</a>',
      ),
    );
  }, 600_000);
  afterAll(() => rmSync(spoilt, { recursive: true, force: true }));

  it('find nothing on the fixture site as built, partner pages included', async () => {
    const pages = fichePages('content/fiches/rncp/9104.md', builtPages(site));
    expect(pages).toEqual(['/rncp/9104/', '/rncp/9104/partenaires/', '/rncp/9104/partenaires/2/']);
    expect(await checkPages(site, pages)).toEqual([]);
  }, 240_000);

  it('find the accessibility, HTML and link problems of a spoilt page, and say where in an annotation', async () => {
    const result = await run(
      process.execPath,
      ['scripts/check-fiches.ts', '--site', spoilt, 'content/fiches/rncp/6133.md'],
      { env: { ...process.env, GITHUB_ACTIONS: 'true' } },
    ).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    const of = (check: string) =>
      lines.filter((l) => l.startsWith(`content/fiches/rncp/6133.md [${check}]`));
    expect(of('accessibilité').join('\n')).toMatch(/axe-core : image-alt/);
    expect(of('HTML').join('\n')).toMatch(
      /element-permitted-content|no-implicit-close|close-order/,
    );
    expect(of('liens')).toEqual([
      'content/fiches/rncp/6133.md [liens] /rncp/6133/ <img src="/absente.png"> : aucune page ni fichier construit à /absente.png',
      'content/fiches/rncp/6133.md [liens] /rncp/6133/ <a href="/rncp/999999/"> : aucune page ni fichier construit à /rncp/999999/',
    ]);
    expect(result.stdout).toMatch(
      /^::error file=content\/fiches\/rncp\/6133\.md,title=Page de la fiche : accessibilité::axe-core : image-alt/m,
    );
    // Validation ran on the fiche; nothing was built.
    expect(result.stdout).toContain('1 fiche valide');
    expect(result.stdout).not.toContain('construction');
  }, 240_000);
});
