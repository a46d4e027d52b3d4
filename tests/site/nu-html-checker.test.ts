/**
 * Issue 14: the W3C's own checker (the Nu HTML Checker) finds no error in any page type of the
 * fixture site nor in the pages of the fiches imported from the official export samples. It reads
 * HTML as the standard's parser does, and so catches what html-validate lets through (a script after
 * `</html>`, once on /recherche/). One Java process checks every page, and a page known to be invalid
 * rides along to show the checker is really on.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sitePath } from '../../scripts/lib/site/dist.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { importedSite } from '../support/imported-site.ts';
import { checkHtml, formatError, type NuError } from '../support/nu-checker.ts';
import { ODD_TITLE_FICHE, PAGE_TYPES } from '../../scripts/lib/site/page-types.ts';

/** The built file a page type's address is served from (a 404 page type: 404.html). */
function fileOf(root: string, address: string, status: number): string {
  if (status === 404) return path.join(root, '404.html');
  return path.join(root, new URL(address, 'http://site').pathname, 'index.html');
}

/** Every page of the imported fiches: /rncp/N/, /rs/N/ and their partners' pages. */
function importedFichePages(root: string): string[] {
  return ['rncp', 'rs']
    .flatMap((repertoire) =>
      readdirSync(path.join(root, repertoire), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name === 'index.html')
        .map((entry) => path.join(entry.parentPath, entry.name)),
    )
    .sort();
}

/** What browsers forgive and the checker does not: the script of /recherche/ before the fix. */
const STRAY_SCRIPT =
  '<!DOCTYPE html><html lang="fr"><head><title>Recherche</title></head><body><main><h1>Recherche</h1></main></body></html><script type="module" src="/search.js"></script>';

let fixture: string;
let imported: string;
let invalid: string;
let errors: NuError[];

/** The checker's errors on `files`, each as `page:line:column message`, pages named from `root`. */
function problems(root: string, files: readonly string[]): string[] {
  return errors
    .filter((e) => e.file === undefined || files.includes(e.file))
    .map((e) => formatError(e, (file) => sitePath(root, file)));
}

const fixtureFiles = () => [
  ...new Set([
    ...PAGE_TYPES.map((type) => fileOf(fixture, type.path, type.status)),
    fileOf(fixture, ODD_TITLE_FICHE.path, 200),
  ]),
];

beforeAll(async () => {
  [fixture, { dist: imported }] = await Promise.all([fixtureSite(), importedSite()]);
  invalid = path.join(mkdtempSync(path.join(path.dirname(fixture), 'nu-')), 'invalide.html');
  writeFileSync(invalid, STRAY_SCRIPT);
  errors = await checkHtml([...fixtureFiles(), ...importedFichePages(imported), invalid]);
});

describe('the Nu HTML Checker', () => {
  it('finds no error on any page type of the fixture site', () => {
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(problems(fixture, files)).toEqual([]);
  });

  it('finds no error on the pages of the fiches imported from the official export', () => {
    const files = importedFichePages(imported);
    // The two samples hold 13 fiches.
    expect(files.length).toBeGreaterThanOrEqual(13);
    expect(problems(imported, files)).toEqual([]);
  });

  it('reports a script after </html> with its position (the checker is really on)', () => {
    expect(problems(path.dirname(invalid), [invalid])).toContainEqual(
      expect.stringMatching(/^\/invalide\.html:1:106 Stray start tag “script”\. « .*<script/),
    );
  });
});
