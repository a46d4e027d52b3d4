/**
 * A contributor's `npm run test:unit` stays fast and runs without Chromium or a built site: every test
 * file lives in one of the two lanes of vitest.config.ts (a file elsewhere would never run), no file
 * of the unit lane imports what builds a site, reads a built one or drives a browser, and every test
 * file opens by saying what a user would see break if it failed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TESTS = path.resolve(import.meta.dirname, '..');

/** Every test file under tests/, as a path relative to tests/. */
function testFiles(): string[] {
  return readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.test.ts') && !file.startsWith('fixtures/'))
    .sort();
}

/** The modules a file imports (static and dynamic imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(TESTS, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** What belongs to the site lane: the built site, the fixture sites, a browser, the benchmark. */
const SITE_ONLY = [
  /\/support\/fixture-site\.ts$/,
  /scripts\/lib\/site\/(browser|dist|server)\.ts$/,
  /build-site/,
  /scripts\/lib\/bench\/(run|stages|search)\.ts$/,
  /scripts\/lib\/weight\//,
  /^playwright/,
  /^@axe-core\//,
  /^astro$/,
];

describe('test lanes', () => {
  it('put every test file in tests/unit/ or tests/site/', () => {
    const files = testFiles();
    expect(files.filter((file) => file.startsWith('unit/')).length).toBeGreaterThan(0);
    expect(files.filter((file) => file.startsWith('site/')).length).toBeGreaterThan(0);
    expect(files.filter((file) => !/^(unit|site)\/[^/]+\.test\.ts$/.test(file))).toEqual([]);
  });

  it('keep the builds, the built sites and the browser out of the unit lane', () => {
    const offenders = testFiles()
      .filter((file) => file.startsWith('unit/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((module) => SITE_ONLY.some((pattern) => pattern.test(module)))
          .map((module) => `${file} imports ${module}`),
      );
    expect(offenders).toEqual([]);
  });

  it('open each test file with a comment on what it protects', () => {
    const silent = testFiles().filter((file) => {
      const text = readFileSync(path.join(TESTS, file), 'utf8');
      const comment = /^\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
      // A sentence or more, not a title: « Tests. » says nothing of what breaks for whom.
      return (
        comment
          .replace(/[\s*]+/g, ' ')
          .trim()
          .split(' ').length < 12
      );
    });
    expect(silent).toEqual([]);
  });

  it('see the site lane’s imports (the check above reads imports the way they are written)', () => {
    const modules = testFiles()
      .filter((file) => file.startsWith('site/'))
      .flatMap(importsOf);
    expect(modules.filter((module) => SITE_ONLY.some((pattern) => pattern.test(module)))).toEqual(
      expect.arrayContaining(['../../scripts/lib/site/browser.ts', '../support/fixture-site.ts']),
    );
  });
});
