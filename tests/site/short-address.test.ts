/**
 * Short addresses in Chromium, on the fixture site served as a host without rules would serve it
 * (scripts/lib/site/server.ts: any unknown path gets 404.html with status 404): the 404 page sends
 * /RNCP6133/, /rncp6133, /RS9102/… to the fiche's page, says that an unknown fiche is not in the
 * catalogue, and leaves every other unknown address a plain 404 page. No file is built for a short
 * address; the host's rules are in `_redirects`. The page's accessibility, CSP and weight are
 * checked with every page type (scripts/lib/site/page-types.ts, « fiche absente du catalogue »).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site/browser.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/site/server.ts';

let dist: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  [dist, browser] = await Promise.all([fixtureSite(), launchChromium()]);
  server = await serveStatic(dist);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `address` in a fresh context; returns the first response's status and what was requested. */
async function open<T>(
  address: string,
  use: (page: Page, status: number | undefined, requests: readonly string[]) => Promise<T>,
  javaScriptEnabled = true,
): Promise<T> {
  const context = await browser.newContext({ javaScriptEnabled });
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    const response = await page.goto(server.url + address);
    return await use(page, response?.status(), requests);
  } finally {
    await context.close();
  }
}

describe('a short address', () => {
  it.for([
    ['/RNCP6133/', '/rncp/6133/'],
    ['/rncp6133', '/rncp/6133/'],
    ['/Rncp-9101/', '/rncp/9101/'],
    ['/RS9102/', '/rs/9102/'],
    ['/rs9102/index.html', '/rs/9102/'],
    ['/RNCP9101/#blocs', '/rncp/9101/#blocs'],
  ])('%s lands on %s', async ([address, target]) => {
    await open(address!, async (page, status) => {
      expect(status, 'the host answers the short address with its 404 page').toBe(404);
      await page.waitForURL(server.url + target);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.title()).not.toMatch(/introuvable/i);
      // location.replace: the short address is not left in the history, Back leaves the site.
      await page.goBack();
      expect(page.url()).toBe('about:blank');
    });
  });

  it('of a fiche the catalogue lacks stays a 404 and links to France Compétences', async () => {
    await open('/RNCP99999/', async (page, status, requests) => {
      expect(status).toBe(404);
      const region = page.locator('#short-address');
      await region.locator('a').waitFor();
      expect(await region.getAttribute('role')).toBe('status');
      expect(await region.textContent()).toMatch(
        /^La fiche RNCP 99999 n'est pas dans ce catalogue/,
      );
      const link = region.getByRole('link', { name: 'RNCP 99999 sur francecompetences.fr' });
      expect(await link.getAttribute('href')).toBe(
        'https://www.francecompetences.fr/recherche/rncp/99999/',
      );
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(new URL(page.url()).pathname).toBe('/RNCP99999/');
      expect(requests).toContain(`HEAD ${server.url}/rncp/99999/`);
    });
  });

  it('without JavaScript shows the 404 page, which gives the form of a fiche’s address', async () => {
    await open(
      '/RNCP6133/',
      async (page, status) => {
        expect(status).toBe(404);
        expect(new URL(page.url()).pathname).toBe('/RNCP6133/');
        const text = await page.locator('main').innerText();
        expect(text).toContain('Une fiche a une seule adresse');
        expect(text).toContain('/rncp/6133/');
        expect(await page.locator('header form').count()).toBe(1);
      },
      false,
    );
  });
});

describe('an ordinary unknown address', () => {
  it.for(['/cette-page-n-existe-pas/', '/rncp/99999/', '/6133/', '/K1801/'])(
    '%s shows the plain 404 page and asks nothing',
    async (address) => {
      await open(address, async (page, status, requests) => {
        expect(status).toBe(404);
        expect(await page.locator('h1').textContent()).toBe('Page introuvable');
        // Give the script the time to do something, were it to.
        await page.waitForLoadState('networkidle');
        expect(await page.locator('#short-address').textContent()).toBe('');
        expect(requests.filter((r) => !/\/_astro\/|favicon/.test(r))).toEqual([
          `GET ${server.url}${address}`,
        ]);
        expect(new URL(page.url()).pathname).toBe(address);
      });
    },
  );
});

describe('the built site', () => {
  it('has no page for a short address, and the host rules for each fiche in _redirects', () => {
    const top = readdirSync(dist);
    expect(top.filter((name) => /^(rncp|rs)[-_]?\d+$/i.test(name))).toEqual([]);
    const rules = readFileSync(path.join(dist, '_redirects'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('/'));
    expect(rules).toEqual([
      '/RNCP6133 /rncp/6133/ 301',
      '/rncp6133 /rncp/6133/ 301',
      '/RNCP9101 /rncp/9101/ 301',
      '/rncp9101 /rncp/9101/ 301',
      '/RNCP9103 /rncp/9103/ 301',
      '/rncp9103 /rncp/9103/ 301',
      '/RNCP9104 /rncp/9104/ 301',
      '/rncp9104 /rncp/9104/ 301',
      '/RNCP9105 /rncp/9105/ 301',
      '/rncp9105 /rncp/9105/ 301',
      '/RNCP9106 /rncp/9106/ 301',
      '/rncp9106 /rncp/9106/ 301',
      '/RS9102 /rs/9102/ 301',
      '/rs9102 /rs/9102/ 301',
    ]);
  });

  it('gives the 404 page its code as one small file of this site, never inline', () => {
    const html = readFileSync(path.join(dist, '404.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const [, attributes, body] = scripts[0]!;
    expect(body!.trim()).toBe('');
    const src = /\bsrc="(\/_astro\/[^"]+\.js)"/.exec(attributes!)?.[1];
    expect(src).toBeDefined();
    const code = readFileSync(path.join(dist, src!));
    expect(gzipSync(code).length).toBeLessThan(2000);
  });
});
