/**
 * The checks of one built page that the test suite runs on every page type and that
 * `npm run check:fiches` runs on the pages of the fiches a change touches: axe-core's WCAG 2.2 A/AA
 * rules and the heading outline in Chromium, and html-validate with the project's .htmlvalidate.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import type { Page } from 'playwright-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's violations of WCAG 2.2 A and AA, one line each, with up to five elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'impact inconnu'}) : ${v.help} → ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

export interface Heading {
  level: number;
  text: string;
}

/** Headings as a screen reader lists them: level and start of the text. */
export function headings(page: Page): Promise<Heading[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6, [role="heading"]')]
      .filter((h) => h.checkVisibility())
      .map((h) => ({
        level: Number(h.getAttribute('aria-level') ?? h.tagName.slice(1)),
        text: (h.textContent ?? '').trim().slice(0, 60),
      })),
  );
}

/** Each place where the outline skips a level (h2 → h4). */
export function skippedLevels(levels: Heading[]): string[] {
  return levels.flatMap((h, i) => {
    const previous = levels[i - 1];
    return previous && h.level > previous.level + 1
      ? [`h${previous.level} « ${previous.text} » → h${h.level} « ${h.text} »`]
      : [];
  });
}

/** html-validate with the project's configuration (.htmlvalidate.json, whose header says why). */
export const htmlValidator = new HtmlValidate(
  new StaticConfigLoader(
    JSON.parse(
      readFileSync(new URL('../../../.htmlvalidate.json', import.meta.url), 'utf8'),
    ) as ConfigData,
  ),
);

/** Each problem of these built files as `page:line:column rule message`, pages relative to `root`. */
export async function htmlProblems(root: string, files: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const report = await htmlValidator.validateString(readFileSync(file, 'utf8'), file);
    for (const result of report.results) {
      for (const m of result.messages) {
        found.push(`${path.relative(root, file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
  }
  return found;
}
