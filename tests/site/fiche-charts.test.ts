/**
 * In Debian's Chromium, what a reader sees and hears of the pictures of a fiche (results per
 * promotion, the lineage as a timeline) and of its table of bloc correspondences, rendered by Astro
 * from fiches imported
 * from the real samples of the export (and from the seed fiche RNCP 6133), with the site's styles.
 * What a screen reader reads is taken from Chromium's accessibility tree; axe finds no violation;
 * the colours keep their contrast and the print keeps the pictures in black on white.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ligneeTimeline, type FicheLookup } from '../../src/lib/charts/lignee.ts';
import { correspondanceRows } from '../../src/lib/correspondances.ts';
import { readFiche } from '../../src/lib/fiche-file.ts';
import { runImport } from '../../src/lib/import/run.ts';
import type { Fiche } from '../../src/schema/fiche.ts';
import { componentRenderer, type ComponentRenderer } from '../support/astro-components.ts';
import { launchChromium } from '../../scripts/lib/site/browser.ts';

const SAMPLES = path.resolve('../shared/data/france-competences/xml-v4.1-samples');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const STATISTIQUES = '/src/components/fiche/StatistiquesChart.astro';
const LIGNEE = '/src/components/fiche/LigneeTimeline.astro';
const CORRESPONDANCES = '/src/components/fiche/Correspondances.astro';

let renderer: ComponentRenderer;
let browser: Browser;
let out: string;
/** The imported samples: the catalogue of this test. */
const samples = new Map<string, Fiche>();
const lookup: FicheLookup = (numero) => samples.get(numero);

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'fiche-charts-'));
  for (const file of ['export_fiches_RNCP_fixture.xml', 'export_fiches_RS_fixture.xml']) {
    await runImport({ file: path.join(SAMPLES, file), out, jobs: 0 });
  }
  for (const id of ['rncp/34762', 'rncp/36490', 'rncp/37488', 'rncp/37674', 'rncp/39568']) {
    const { fiche } = await readFiche(id, out);
    samples.set(fiche.numero_fiche, fiche);
  }
  [renderer, browser] = await Promise.all([componentRenderer(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  await browser?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const sample = (numero: string) => samples.get(numero)!;

/** What each component draws for the samples, as HTML fragments, each under its own heading. */
async function fragments(): Promise<Record<string, string>> {
  const seed = (await readFiche('rncp/6133', path.resolve('content/fiches'))).fiche;
  const statistiques = (numero: string, id: string) =>
    renderer.render(STATISTIQUES, { statistiques: sample(numero).statistiques, id });
  return {
    full: await statistiques('RNCP36490', 'complet'),
    partial: await statistiques('RNCP34762', 'partiel'),
    none: await statistiques('RNCP37488', 'aucun'),
    lineage: await renderer.render(LIGNEE, {
      timeline: ligneeTimeline(sample('RNCP34762'), lookup),
    }),
    seed: await renderer.render(LIGNEE, {
      timeline: ligneeTimeline(seed, (n) => (n === seed.numero_fiche ? seed : undefined)),
      id: 'graine',
    }),
    correspondances: await renderer.render(CORRESPONDANCES, {
      view: { correspondances: correspondanceRows(sample('RNCP37674'), lookup) },
    }),
  };
}

let rendered: Record<string, string>;
let page: Page;
let context: BrowserContext;

beforeAll(async () => {
  rendered = await fragments();
  const css = await renderer.styles();
  context = await browser.newContext();
  page = await context.newPage();
  const sections = Object.entries(rendered)
    .map(
      ([name, html]) =>
        `<section aria-labelledby="h-${name}"><h2 id="h-${name}">${name}</h2>${html}</section>`,
    )
    .join('\n');
  await page.setContent(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Graphiques</title>` +
      `<style>${css}</style></head><body><main><h1>Graphiques d’une fiche</h1>${sections}</main></body></html>`,
  );
}, 120_000);

afterAll(async () => {
  await context?.close();
});

interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  description?: { value: string };
  childIds?: string[];
}

/** Chromium's accessibility tree: what a screen reader is given. */
async function accessibilityTree(): Promise<AXNode[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
    return nodes;
  } finally {
    await cdp.detach();
  }
}

/** Every image of the page with its accessible name and description, and what it exposes inside. */
async function images() {
  const nodes = await accessibilityTree();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const exposed = (n: AXNode): AXNode[] =>
    (n.childIds ?? []).flatMap((id) => {
      const child = byId.get(id);
      if (!child) return [];
      return child.ignored ? exposed(child) : [child, ...exposed(child)];
    });
  return nodes
    .filter((n) => !n.ignored && n.role?.value === 'image')
    .map((n) => ({
      name: n.name?.value ?? '',
      description: n.description?.value ?? '',
      inside: exposed(n).map((c) => `${c.role?.value}: ${c.name?.value ?? ''}`),
    }));
}

const within = (section: string) => page.locator(`section[aria-labelledby="h-${section}"]`);

describe('what a screen reader reads of the pictures', () => {
  it('names and describes each picture, with every figure of the promotions', async () => {
    const all = await images();
    expect(all.map((i) => i.name)).toEqual([
      'Nombre de certifiés par promotion',
      'Taux d’insertion par promotion',
      'Nombre de certifiés par promotion',
      'Taux d’insertion par promotion',
      'Lignée de la certification RNCP 34762',
      'Lignée de la certification RNCP 6133',
    ]);
    // A picture is one image: its inner texts (legend, axis) are not read one by one.
    for (const image of all) expect(image.inside).toEqual([]);
    const full = sample('RNCP36490').statistiques!.promotions!;
    expect(full.length).toBeGreaterThan(1);
    for (const p of full) {
      expect(all[0]!.description).toContain(`${p.nombre_certifies} en ${p.annee}`);
      expect(all[1]!.description).toContain(
        `${p.taux_insertion_metier_2_ans}\u00a0% en ${p.annee}`,
      );
    }
  });

  it('says « non communiqué » in words, in the picture and in the table, where the export is silent', async () => {
    const partial = sample('RNCP34762').statistiques!.promotions!;
    const silent = partial.find((p) => p.taux_insertion_metier_2_ans === undefined)!;
    expect(silent).toBeDefined();
    const [, rates] = (await images()).slice(2, 4);
    expect(rates!.description).toContain(`non communiqué en ${silent.annee}`);
    const section = within('partial');
    await expect(section.locator('svg text.missing').count()).resolves.toBeGreaterThan(0);
    const row = section.getByRole('row', { name: new RegExp(`^${silent.annee}`) });
    await expect(row.getByRole('cell').last().textContent()).resolves.toBe('non communiqué');
  });

  it('draws nothing, and says so, for a fiche without statistics', async () => {
    const section = within('none');
    await expect(section.locator('svg').count()).resolves.toBe(0);
    await expect(section.textContent()).resolves.toContain(
      'Résultats par promotion : non communiqués.',
    );
  });

  it('reads the whole line of RNCP 6133 in order, this fiche marked', async () => {
    const seed = (await images()).at(-1)!;
    const order = [
      'RNCP 1718',
      'RNCP 6133 (cette fiche)',
      'RNCP 16575',
      'RNCP 36128',
      'RNCP 37504',
    ];
    const positions = order.map((n) => seed.description.indexOf(n));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    await expect(within('seed').locator('[aria-current="page"]').textContent()).resolves.toBe(
      'RNCP 6133',
    );
  });
});

describe('the tables beside the pictures', () => {
  it('give each picture a captioned table with the same figures', async () => {
    const table = within('full').getByRole('table', {
      name: 'Résultats par promotion, en chiffres',
    });
    const promotions = sample('RNCP36490').statistiques!.promotions!;
    await expect(table.locator('tbody tr').count()).resolves.toBe(promotions.length);
  });

  it('link a fiche of the lineage here when it is in the catalogue, else to France Compétences, saying so', async () => {
    const table = within('lineage').getByRole('table');
    await expect(
      table.getByRole('link', { name: 'RNCP 39568' }).getAttribute('href'),
    ).resolves.toBe('/rncp/39568/');
    const outside = table.getByRole('link', { name: 'RNCP 24998' });
    await expect(outside.getAttribute('href')).resolves.toBe(
      'https://www.francecompetences.fr/recherche/rncp/24998/',
    );
    await expect(table.getByRole('row', { name: /RNCP 24998/ }).textContent()).resolves.toContain(
      'pas dans ce catalogue : fiche sur France Compétences',
    );
  });

  it('read the export’s bloc correspondences as sentences, each other fiche linked', async () => {
    const table = within('correspondances').getByRole('table');
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual([
      'Le bloc de cette fiche',
      'correspond au bloc',
      'de la certification',
    ]);
    const rows = table.locator('tbody tr');
    const expected = sample('RNCP37674').correspondances!;
    await expect(rows.count()).resolves.toBe(expected.length);
    const texts = await rows.allTextContents();
    for (const c of expected) {
      const row = texts.find(
        (t) =>
          c.blocs_source.every((b) => t.includes(b)) &&
          (c.blocs_destination ?? []).every((b) => t.includes(b)),
      );
      expect(row, JSON.stringify(c)).toBeDefined();
    }
    // The export's correspondence of the whole fiche (no bloc on either side).
    expect(texts.some((t) => t.startsWith('la fiche entièrela fiche entière'))).toBe(true);
    const links = table.getByRole('link', { name: 'RNCP 31114' });
    await expect(links.first().getAttribute('href')).resolves.toBe(
      'https://www.francecompetences.fr/recherche/rncp/31114/',
    );
  });
});

describe('accessible and printable', () => {
  it('has no axe violation (WCAG 2.2 A/AA)', async () => {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`),
    ).toEqual([]);
    // The pictures were there to be checked.
    expect(results.passes.some((p) => p.id === 'svg-img-alt')).toBe(true);
  });

  it('is valid HTML for the project’s html-validate rules', async () => {
    const validator = new HtmlValidate(
      new StaticConfigLoader(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as ConfigData),
    );
    // Each fragment in a page of its own, as each component is once on a fiche page.
    const messages: string[] = [];
    for (const [name, html] of Object.entries(rendered)) {
      const report = await validator.validateString(
        `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${name}</title></head>` +
          `<body><main><h1>${name}</h1>${html}</main></body></html>`,
      );
      for (const r of report.results) {
        for (const m of r.messages)
          messages.push(`${name} ${m.ruleId}: ${m.message} (${m.selector ?? ''})`);
      }
    }
    expect(messages).toEqual([]);
  });

  it('writes no inline style and no script, which the Content-Security-Policy would refuse', () => {
    for (const html of Object.values(rendered)) {
      expect(html).not.toMatch(/\sstyle=|<script|<style/i);
    }
  });

  it('keeps text and bars in contrast, and tells series and status apart by shape too', async () => {
    const measured = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const luminance = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const ratio = (a: string, b: string) => {
        const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
        return (x! + 0.05) / (y! + 0.05);
      };
      const white = 'rgb(255, 255, 255)';
      const texts = [...document.querySelectorAll('svg text')].map((t) =>
        ratio(getComputedStyle(t).fill, white),
      );
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        minText: Math.min(...texts),
        plein: ratio(style('.bar-plein').fill, white),
        contour: {
          fill: style('.bar-contour').fill,
          stroke: ratio(style('.bar-contour').stroke, white),
        },
        dots: [...document.querySelectorAll('svg circle')].map((c) =>
          ratio(getComputedStyle(c).stroke, white),
        ),
      };
    });
    expect(measured.minText).toBeGreaterThanOrEqual(4.5);
    expect(measured.plein).toBeGreaterThanOrEqual(3);
    // The second series is an outline on white: it differs from the first in greyscale too.
    expect(measured.contour.fill).toBe('rgb(255, 255, 255)');
    expect(measured.contour.stroke).toBeGreaterThanOrEqual(3);
    expect(Math.min(...measured.dots)).toBeGreaterThanOrEqual(3);
  });

  it('fits a phone’s width: the pictures shrink, the tables scroll within themselves, by keyboard too', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    try {
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        pictures: [...document.querySelectorAll('svg')].map((s) => s.getBoundingClientRect().width),
      }));
      expect(widths.page).toBeLessThanOrEqual(320);
      expect(Math.max(...widths.pictures)).toBeLessThanOrEqual(320);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('prints the pictures in black on white, whole', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      const printed = await page.evaluate(() => ({
        bar: getComputedStyle(document.querySelector('.bar-plein')!).fill,
        text: getComputedStyle(document.querySelector('svg text')!).fill,
        breakInside: getComputedStyle(document.querySelector('svg.chart')!).breakInside,
      }));
      expect(printed).toEqual({ bar: 'rgb(0, 0, 0)', text: 'rgb(0, 0, 0)', breakInside: 'avoid' });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
