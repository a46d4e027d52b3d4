/**
 * No broken link, ever: every `href`, `src`, `action` and `formaction`, and every automatic
 * redirection, of every built page (dist/ and the fixture site) resolves to a built file, every
 * `#ancre` to an id of its target page, and every link that leaves the site carries
 * rel="noopener noreferrer"; no address is empty, and the site's own address is known (the home
 * page's canonical link).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, requireDist } from '../../scripts/lib/site/dist.ts';
import { fixtureSite } from '../support/fixture-site.ts';
import { checkSite } from '../../scripts/lib/site/links.ts';

/** Every page of thousands is read. */
const TIMEOUT = 240_000;

describe('links', () => {
  let fixture: string;
  beforeAll(async () => {
    requireDist();
    fixture = await fixtureSite();
  });

  it(
    'of the built site all lead somewhere',
    () => {
      const { pages, links, problems } = checkSite(DIST);
      expect(pages).toBeGreaterThan(3);
      expect(links).toBeGreaterThan(pages * 10);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );

  it('finds a broken link, a missing anchor and an external link without rel (the check is real)', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-links-'));
    try {
      writeFileSync(
        path.join(root, 'index.html'),
        `<!DOCTYPE html><html lang="fr"><head><title>x</title>
        <link rel="canonical" href="https://site.example/"></head><body id="haut">
        <a href="/absente/">a</a> <a href="#nulle-part">b</a> <a href="https://ailleurs.example/">c</a>
        <a href="https://site.example/#haut">d</a> <a href="#haut">e</a></body></html>`,
      );
      expect(checkSite(root).problems).toEqual([
        '/ <a href="/absente/"> : aucune page ni fichier construit à /absente/',
        '/ <a href="#nulle-part"> : pas d\'élément id="nulle-part" dans /',
        '/ <a href="https://ailleurs.example/"> : lien externe sans rel="noopener noreferrer"',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds a bad redirection, form target, empty address or canonical link (the check is real)', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'fiches-rncp-links-'));
    try {
      writeFileSync(
        path.join(root, 'index.html'),
        `<!DOCTYPE html><html lang="fr"><head><title>x</title>
        <link rel="canonical" href="https://site.example/">
        <meta http-equiv="refresh" content="0; url=/partie/"></head><body>
        <form action="/"><button formaction="/envoi/">e</button></form>
        <a href="">f</a> <a href="/">g</a></body></html>`,
      );
      writeFileSync(
        path.join(root, 'ailleurs.html'),
        `<!DOCTYPE html><html lang="fr"><head><title>y</title>
        <link rel="canonical" href="https://autre.example/ailleurs.html">
        <meta http-equiv="Refresh" content="3;URL='https://autre.example/'"></head><body></body></html>`,
      );
      expect(checkSite(root).problems).toEqual([
        '/ailleurs.html <link href="https://autre.example/ailleurs.html"> : lien canonique vers un autre site que https://site.example',
        '/ailleurs.html <meta http-equiv="refresh"="https://autre.example/"> : redirection automatique vers un autre site',
        '/ <meta http-equiv="refresh"="/partie/"> : aucune page ni fichier construit à /partie/',
        '/ <button formAction="/envoi/"> : aucune page ni fichier construit à /envoi/',
        '/ <a href=""> : adresse vide',
      ]);
      // Without the home page's canonical link, the site's own address is unknown: it says so.
      writeFileSync(
        path.join(root, 'index.html'),
        `<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><a href="/">g</a></body></html>`,
      );
      rmSync(path.join(root, 'ailleurs.html'));
      expect(checkSite(root).problems).toEqual([
        '/ : pas de lien canonique sur la page d’accueil, qui donne l’adresse du site (les liens absolus ne peuvent être vérifiés)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it(
    'of the fixture site all lead somewhere',
    () => {
      const { pages, problems } = checkSite(fixture);
      expect(pages).toBeGreaterThan(5);
      expect(problems).toEqual([]);
    },
    TIMEOUT,
  );
});
