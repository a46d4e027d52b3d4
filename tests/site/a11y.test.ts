/**
 * Accessibility of every page type (scripts/lib/site/page-types.ts) in Debian's Chromium: no axe-core
 * violation of WCAG 2.2 A/AA (the rules RGAA 4 builds on), then what axe cannot judge: one h1 and a
 * heading outline without gaps, a skip link that moves focus, a visible focus on every stop of the
 * keyboard path, no horizontal scrolling on a small screen or at 200 % zoom, and a printable fiche.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site/browser.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { DIST, requireDist } from '../../scripts/lib/site/dist.ts';
import { axeViolations, headings, skippedLevels } from '../../scripts/lib/site/page-checks.ts';
import { pagedSite } from '../support/paged-site.ts';
import {
  PAGE_TYPES,
  pageType,
  uncoveredPages,
  type PageType,
} from '../../scripts/lib/site/page-types.ts';
import { openPageType, type SiteUrls } from '../../scripts/lib/site/page-visit.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/site/server.ts';

/** Enough keyboard stops to cross the header, the breadcrumb and the start of the content. */
const TAB_STOPS = 40;
/** A page's whole session (axe on a long list page, 40 key presses) on a busy two-core machine. */
const PAGE_TIMEOUT = 120_000;

let browser: Browser;
let servers: StaticServer[] = [];
let urls: SiteUrls;

beforeAll(async () => {
  const [dist, paged, launched] = await Promise.all([fixtureSite(), pagedSite(), launchChromium()]);
  browser = launched;
  servers = await Promise.all([serveStatic(dist), serveStatic(paged)]);
  urls = { fixture: servers[0]!.url, paged: servers[1]!.url };
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
});

/**
 * Opens a page in a fresh context (axe needs one) and closes the context after `use`; any exception
 * or console error of the page fails the test.
 */
async function withPage<T>(
  type: PageType,
  use: (page: Page) => Promise<T>,
  options: BrowserContextOptions = {},
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    const errors = await load(page, type);
    const result = await use(page);
    expect(errors(), `erreurs JavaScript de ${type.path}`).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

/** Opens the page type, in its state; returns what records the page's errors. */
async function load(page: Page, type: PageType): Promise<() => string[]> {
  const visit = await openPageType(page, type, urls);
  expect(visit.status, `status of ${type.path}`).toBe(type.status);
  return visit.errors;
}

/**
 * Presses Tab from the top of the page; returns the stops reached and each stop whose look did not
 * change visibly when it took the focus. Every element that can take the focus is described before
 * the walk, unfocused, and again once focused: its outline, box shadow, border or background must
 * have changed into something drawn (a colour that is not transparent, a line of 2 px or more).
 */
async function walkFocus(page: Page): Promise<{ stops: number; problems: string[] }> {
  await page.evaluate(() => {
    type Look = Record<string, string>;
    const look = (el: Element): Look => {
      const s = getComputedStyle(el);
      return {
        outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}`,
        boxShadow: s.boxShadow,
        border: ['Top', 'Right', 'Bottom', 'Left']
          .map((side) =>
            ['Style', 'Width', 'Color']
              .map((p) => s.getPropertyValue(`border-${side.toLowerCase()}-${p.toLowerCase()}`))
              .join(' '),
          )
          .join(' / '),
        background: s.backgroundColor,
      };
    };
    const transparent = (color: string) =>
      color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
    /** What of the focused look is drawn and was not before. */
    const indicator = (before: Look, after: Look, s: CSSStyleDeclaration): string | undefined => {
      if (
        after['outline'] !== before['outline'] &&
        s.outlineStyle !== 'none' &&
        Number.parseFloat(s.outlineWidth) >= 2 &&
        !transparent(s.outlineColor)
      )
        return 'outline';
      if (after['boxShadow'] !== before['boxShadow'] && after['boxShadow'] !== 'none') {
        // « rgb(179, 0, 107) 0px 0px 0px 3px »: a colour, then offsets, blur and spread.
        const shadows = after['boxShadow']!.split(/,(?![^(]*\))/);
        const drawn = shadows.some((shadow) => {
          const color = /rgba?\([^)]*\)/.exec(shadow)?.[0] ?? '';
          const lengths = (shadow.replace(color, '').match(/-?[\d.]+px/g) ?? []).map(
            Number.parseFloat,
          );
          return !transparent(color) && lengths.some((n) => Math.abs(n) >= 2);
        });
        if (drawn) return 'box-shadow';
      }
      if (
        after['border'] !== before['border'] &&
        /solid|double|dashed|dotted/.test(after['border']!)
      )
        return 'bordure';
      if (after['background'] !== before['background'] && !transparent(after['background']!))
        return 'fond';
      return undefined;
    };
    const unfocused = new Map<Element, Look>();
    for (const el of document.querySelectorAll<HTMLElement>('*')) {
      if (el.tabIndex >= 0) unfocused.set(el, look(el));
    }
    const log: { id: string; stop: string | null; indicated: boolean; onScreen: boolean }[] = [];
    (window as unknown as { focusLog: typeof log }).focusLog = log;
    document.addEventListener('focusin', (event) => {
      const el = event.target as HTMLElement;
      const box = el.getBoundingClientRect();
      const before = unfocused.get(el);
      log.push({
        id: `${el.tagName.toLowerCase()} « ${(el.textContent ?? '').trim().slice(0, 40)} » ${el.getAttribute('href') ?? ''}`,
        stop: el.getAttribute('data-stop'),
        indicated:
          before !== undefined && indicator(before, look(el), getComputedStyle(el)) !== undefined,
        onScreen: box.bottom > 0 && box.top < window.innerHeight && box.width > 0,
      });
    });
  });
  for (let stop = 0; stop < TAB_STOPS; stop++) await page.keyboard.press('Tab');
  const log = await page.evaluate(
    () =>
      (
        window as unknown as {
          focusLog: { id: string; stop: string | null; indicated: boolean; onScreen: boolean }[];
        }
      ).focusLog,
  );
  const problems = log.flatMap((f) => [
    ...(f.indicated ? [] : [`${f.id} : pas d'indicateur de focus visible`]),
    ...(f.onScreen ? [] : [`${f.id} : élément focalisé hors de l'écran`]),
  ]);
  // Stops are told apart by their place in the page (tabStops), not by their text.
  return { stops: new Set(log.map((f) => f.stop ?? f.id)).size, problems: [...new Set(problems)] };
}

/**
 * Marks every element that the keyboard reaches in sequence (focusable, shown, not disabled, not
 * inert; of a group of radio buttons, the checked one, or the first when none is) with its order in
 * the document; returns how many there are.
 */
function tabStops(page: Page): Promise<number> {
  return page.evaluate(() => {
    const radioStop = (radio: HTMLInputElement) => {
      const group = [
        ...document.querySelectorAll<HTMLInputElement>(
          `input[type="radio"][name="${CSS.escape(radio.name)}"]`,
        ),
      ].filter((other) => other.form === radio.form);
      return (group.find((other) => other.checked) ?? group[0]) === radio;
    };
    const stops = [...document.querySelectorAll<HTMLElement>('*')].filter(
      (el) =>
        el.tabIndex >= 0 &&
        !(el as HTMLButtonElement).disabled &&
        !el.closest('[inert]') &&
        el.checkVisibility({ visibilityProperty: true }) &&
        !(el instanceof HTMLInputElement && el.type === 'radio' && el.name && !radioStop(el)),
    );
    stops.forEach((el, index) => el.setAttribute('data-stop', String(index)));
    return stops.length;
  });
}

/**
 * Presses `key` (Tab or Shift+Tab) until the focus leaves the page, or comes back round to the stop
 * it started from, at most twice as many times as the page has stops; returns the stops met in order
 * (their `data-stop`), and whether it got out.
 */
async function walkOut(page: Page, key: string, stops: number) {
  const met: number[] = [];
  for (let press = 0; press < 2 * stops + 2; press++) {
    await page.keyboard.press(key);
    const at = await page.evaluate(() => {
      const active = document.activeElement;
      if (!active || active === document.body) return -1;
      return Number(active.getAttribute('data-stop') ?? -2);
    });
    if (at === -1 || (met.length > 1 && at === met[0])) return { met, out: true };
    met.push(at);
  }
  return { met, out: false };
}

/** Horizontal overflow of the page at its current viewport, with the elements that cause it. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflows = (el: Element) =>
      el.getBoundingClientRect().right > width + 1 ||
      (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible');
    // The innermost culprits, to say what to fix.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => overflows(el) && ![...el.children].some(overflows))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} « ${(el.textContent ?? '').trim().slice(0, 30)} »`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
}

describe('the page types', () => {
  it('stand for every page the fixture site and the built site have', async () => {
    requireDist();
    const problems = [...uncoveredPages(await fixtureSite()), ...uncoveredPages(DIST)].map(
      (p) =>
        `${p} : aucun type de page de scripts/lib/site/page-types.ts ne couvre cette page ; ajoutez-en un`,
    );
    expect([...new Set(problems)]).toEqual([]);
  });
});

// One page session per type, each check a named step, so that the whole crawl stays fast on a
// two-core machine; a failed step says which check and which page.
describe.concurrent.each(PAGE_TYPES)('$name ($path)', (type) => {
  it(
    'passes axe-core and the checks axe cannot make',
    async ({ expect }) => {
      await withPage(type, async (page) => {
        expect.soft(await axeViolations(page), 'axe-core, WCAG 2.2 A et AA').toEqual([]);

        const levels = await headings(page);
        expect
          .soft(
            levels.filter((h) => h.level === 1),
            'un seul h1',
          )
          .toHaveLength(1);
        expect.soft(levels[0]?.level, 'le h1 est le premier titre').toBe(1);
        expect.soft(skippedLevels(levels), 'niveaux de titres sautés').toEqual([]);

        // Skip link: the first Tab stop, visible once focused, and it moves the focus to <main>.
        await page.keyboard.press('Tab');
        const link = await page.evaluate(() => {
          const active = document.activeElement as HTMLElement | null;
          const box = active?.getBoundingClientRect();
          return {
            text: active?.textContent?.trim(),
            href: active?.getAttribute('href'),
            visible:
              box !== undefined &&
              box.width > 1 &&
              box.height > 1 &&
              box.top >= 0 &&
              box.left >= 0 &&
              box.bottom <= window.innerHeight,
          };
        });
        expect
          .soft(link, 'lien d’évitement')
          .toEqual({ text: 'Aller au contenu', href: '#contenu', visible: true });
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.id === 'contenu');

        await load(page, type);
        const stops = await tabStops(page);
        const focus = await walkFocus(page);
        // Tab never comes back to a stop before it has been through them all (or TAB_STOPS).
        expect
          .soft(focus.stops, 'arrêts distincts du parcours au clavier')
          .toBe(Math.min(TAB_STOPS, stops));
        expect.soft(focus.problems, 'focus visible').toEqual([]);

        // 200 % zoom in a 1280 px window is a 640 CSS px layout viewport drawn at 2 device pixels per
        // CSS pixel: the layout, which is what may scroll sideways, is that of a 640 px viewport.
        for (const [what, size] of [
          ['320 px de large (WCAG 1.4.10)', { width: 320, height: 640 }],
          ['zoom 200 % d’une fenêtre de 1280 px (WCAG 1.4.4)', { width: 640, height: 400 }],
        ] as const) {
          await page.setViewportSize(size);
          const wide = await overflow(page);
          expect
            .soft(
              wide.scrollWidth,
              `défilement horizontal à ${what} : ${wide.culprits.join(' ; ')}`,
            )
            .toBeLessThanOrEqual(wide.width);
        }
      });
    },
    PAGE_TIMEOUT,
  );
});

// Only a script can hold the keyboard (WCAG 2.1.2): the pages that run one (search, 404) are walked
// through, forwards and backwards, until the focus leaves them, and must give up every stop in order.
describe.concurrent.each(PAGE_TYPES.filter((t) => t.weight === 'recherche' || t.status === 404))(
  'no keyboard trap: $name ($path)',
  (type) => {
    it(
      'lets Tab and Shift+Tab go through every stop and out of the page',
      async ({ expect }) => {
        await withPage(type, async (page) => {
          const stops = await tabStops(page);
          expect(stops).toBeGreaterThan(1);
          const forwards = await walkOut(page, 'Tab', stops);
          expect(forwards, 'Tab').toEqual({ met: [...Array(stops).keys()], out: true });
          const backwards = await walkOut(page, 'Shift+Tab', stops);
          expect(backwards, 'Maj+Tab').toEqual({
            met: [...Array(stops).keys()].reverse(),
            out: true,
          });
        });
      },
      PAGE_TIMEOUT,
    );
  },
);

describe('search, by keyboard and screen reader', () => {
  it('announces the results in a live region and lets the keyboard reach them', async () => {
    await withPage(pageType('recherche'), async (page) => {
      // The live region is in the page before anything is typed, or a screen reader would miss it.
      const live = page.locator('[role="status"], [aria-live="polite"], [aria-live="assertive"]');
      await expect.poll(() => live.count()).toBeGreaterThan(0);
      await page.getByRole('searchbox').focus();
      await page.keyboard.type('insertion');
      await page.waitForSelector('#search-results li a');
      await expect
        .poll(() => live.first().textContent())
        .toMatch(/\d+ fiches? trouvées? pour « insertion »/);

      // Down arrow from the box, or Tab, reaches the first result.
      await page.keyboard.press('ArrowDown');
      const first = await page.evaluate(
        () => document.activeElement?.closest('#search-results li') !== null,
      );
      expect(first).toBe(true);
      await page.getByRole('searchbox').focus();
      let reached = false;
      for (let stop = 0; stop < 10 && !reached; stop++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(
          () => document.activeElement?.closest('#search-results li') !== null,
        );
      }
      expect(reached, 'a result is on the Tab path from the search box').toBe(true);
    });
  });

  it('announces that nothing was found', async () => {
    await withPage(pageType('recherche sans résultat'), async (page) => {
      expect(await page.locator('[role="status"]').textContent()).toMatch(/^Aucune fiche trouvée/);
      expect(await page.locator('#search-results li').count()).toBe(0);
    });
  });
});

describe('printing a fiche', () => {
  it('prints the fiche content and leaves out navigation', async () => {
    const shown = await withPage(pageType('fiche active'), async (page) => {
      await page.emulateMedia({ media: 'print' });
      return page.evaluate(() => {
        const visible = (selector: string) =>
          [...document.querySelectorAll<HTMLElement>(selector)].some((el) => el.checkVisibility());
        return {
          title: visible('h1'),
          status: visible('[aria-label="Statut de la certification"]'),
          blocs: visible('#blocs'),
          // More than 20 partners: the list is folded on screen, printed in full.
          partnersFolded: document.querySelector('details:not([open]) ul') !== null,
          partners: visible('details ul'),
          navigation: visible('.site-header nav'),
          searchBox: visible('.site-header form'),
          tableOfContents: visible('.toc'),
          skipLink: visible('.skip-link'),
          footer: visible('.site-footer'),
        };
      });
    });
    expect(shown).toEqual({
      title: true,
      status: true,
      blocs: true,
      partnersFolded: true,
      partners: true,
      navigation: false,
      searchBox: false,
      tableOfContents: false,
      skipLink: false,
      footer: false,
    });
  });
});
