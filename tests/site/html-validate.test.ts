/**
 * Every built page is valid HTML for html-validate with the project's `.htmlvalidate.json`, that is
 * its recommended rules (the HTML standard's content models and attributes, unique ids, no inline
 * style, its WCAG checks…), on the built site (dist/) and on the fixture site, which has every page
 * type and odd but legitimate text.
 *
 * One rule is off and one relaxed, and why:
 * - `long-title` (at most 70 characters in <title>) is advice for search-engine snippets. A fiche's
 *   title is its number and its official intitulé, often longer than 70 characters; cutting it would
 *   make tabs and bookmarks of two similar fiches indistinguishable, against WCAG 2.4.2.
 * - `valid-id` is relaxed to what the HTML standard requires (no space, not empty): the field
 *   reference /contribuer/champs/ gives each field the id of its path as the validator prints it
 *   (`champ-dates.effet`, `champ-blocs[].code`), so an error message leads to its anchor. The strict
 *   mode only guards against ids awkward in CSS selectors, which these are never used in.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, requireDist } from '../../scripts/lib/site/dist.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { htmlProblems, htmlValidator as validator } from '../../scripts/lib/site/page-checks.ts';
import { PAGE_TYPES } from '../../scripts/lib/site/page-types.ts';

/**
 * The pages to validate: all of them, except that a page type with more than SAMPLE pages (the 1,200
 * ROME codes, thousands of fiches) is represented by its largest pages, where long or unusual content
 * shows, and pages spread evenly through the rest. Pages of one type come from one template and differ
 * only by escaped text; the link check (tests/site/links.test.ts) still reads every page.
 */
const SAMPLE = 60;
const LARGEST = 10;

function pagesToValidate(root: string): string[] {
  const groups = new Map<string, { file: string; size: number }[]>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const page =
      '/' +
      path
        .relative(root, file)
        .split(path.sep)
        .join('/')
        .replace(/(^|\/)index\.html$/, '$1');
    const type = PAGE_TYPES.find((t) => t.routes.test(page))?.routes.source ?? page;
    const group = groups.get(type) ?? [];
    group.push({ file, size: statSync(file).size });
    groups.set(type, group);
  }
  return [...groups.values()]
    .flatMap((group) => {
      if (group.length <= SAMPLE) return group.map((p) => p.file);
      const bySize = [...group].sort((a, b) => b.size - a.size);
      const largest = bySize.slice(0, LARGEST).map((p) => p.file);
      const rest = bySize
        .slice(LARGEST)
        .map((p) => p.file)
        .sort();
      const step = rest.length / (SAMPLE - LARGEST);
      const spread = Array.from(
        { length: SAMPLE - LARGEST },
        (_, i) => rest[Math.floor(i * step)]!,
      );
      return [...largest, ...spread];
    })
    .sort();
}

/** Each problem as `page:line:column rule message`, pages relative to the site's root. */
async function problems(root: string): Promise<{ pages: number; problems: string[] }> {
  const files = pagesToValidate(root);
  return { pages: files.length, problems: await htmlProblems(root, files) };
}

/** Thousands of pages on a busy two-core machine. */
const TIMEOUT = 240_000;

describe('valid HTML', () => {
  let fixture: string;
  beforeAll(async () => {
    requireDist();
    fixture = await fixtureSite();
  });

  it(
    'on every page of the built site',
    async () => {
      const { pages, problems: found } = await problems(DIST);
      expect(pages).toBeGreaterThan(3);
      expect(found).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'on every page of the fixture site',
    async () => {
      const { pages, problems: found } = await problems(fixture);
      expect(pages).toBeGreaterThan(5);
      expect(found).toEqual([]);
    },
    TIMEOUT,
  );

  it('reports an invalid page (the validator is really on)', async () => {
    const report = await validator.validateString(
      '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><p><div>x</div></p></body></html>',
      'invalide.html',
    );
    expect(report.valid).toBe(false);
  });
});
