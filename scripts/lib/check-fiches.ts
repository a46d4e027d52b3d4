/**
 * The checks of the test suite, on a few built pages only: what `npm run check:fiches` runs on the
 * pages of the fiches a change touches. Accessibility (axe-core, WCAG 2.2 A/AA, and a heading outline
 * with one h1 and no skipped level) in Debian's Chromium, valid HTML (html-validate), and links that
 * lead somewhere (every address and anchor of these pages checked against the whole built site).
 */
import { launchChromium } from './site/browser.ts';
import { checkSite } from './site/links.ts';
import { axeViolations, headings, htmlProblems, skippedLevels } from './site/page-checks.ts';
import { resolveFile, serveStatic } from './site/server.ts';

export type Check = 'accessibilité' | 'HTML' | 'liens';

export interface PageProblem {
  /** Site path of the page (`/rncp/6133/`). */
  page: string;
  check: Check;
  message: string;
}

async function accessibility(root: string, pages: readonly string[]): Promise<PageProblem[]> {
  const [browser, server] = await Promise.all([launchChromium(), serveStatic(root)]);
  const found: PageProblem[] = [];
  try {
    for (const page of pages) {
      const context = await browser.newContext();
      try {
        const tab = await context.newPage();
        const response = await tab.goto(server.url + page);
        if (response?.status() !== 200) {
          found.push({ page, check: 'accessibilité', message: `réponse ${response?.status()}` });
          continue;
        }
        const add = (message: string) => found.push({ page, check: 'accessibilité', message });
        for (const violation of await axeViolations(tab)) add(`axe-core : ${violation}`);
        const levels = await headings(tab);
        const h1 = levels.filter((h) => h.level === 1).length;
        if (h1 !== 1) add(`${h1} titres h1 au lieu d'un seul`);
        if (levels[0] && levels[0].level !== 1) add('le premier titre de la page n’est pas le h1');
        for (const skip of skippedLevels(levels)) add(`niveau de titre sauté : ${skip}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await Promise.all([browser.close(), server.close()]);
  }
  return found;
}

/** Every problem of these pages (site paths) of the site built in `root`. */
export async function checkPages(root: string, pages: readonly string[]): Promise<PageProblem[]> {
  const found: PageProblem[] = [];
  for (const page of pages) {
    const file = resolveFile(root, page);
    if (!file) {
      found.push({ page, check: 'HTML', message: 'page absente du site construit' });
      continue;
    }
    for (const message of await htmlProblems(root, [file]))
      found.push({ page, check: 'HTML', message });
  }
  for (const message of checkSite(root, new Set(pages)).problems) {
    const page = pages.find((p) => message.startsWith(`${p} `)) ?? message.split(' ')[0]!;
    found.push({ page, check: 'liens', message });
  }
  found.push(...(await accessibility(root, pages)));
  return found;
}
