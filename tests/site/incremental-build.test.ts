/**
 * Astro's incremental build (astro.config.mjs, keys in src/lib/cache-keys.ts) on a copy of the
 * fixture catalogue, built again and again with the same cache: what an editor changes shows on
 * every page that shows it, nothing stale survives, and the pages that do not depend on the change
 * are copied from the cache instead of being rendered.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { FIXTURE_FICHES } from '../support/fixture-site.ts';

const OLD_TITLE = 'Conseiller en insertion et en secrétariat social';
const NEW_TITLE = 'Conseiller en insertion, titre renommé pour le test';

let root: string;
let fiches: string;
let dist: string;
/** The journal of changes the builds read (JOURNAL_DIR), empty at first. */
let journal: string;

/** Builds the copy with the same cache; returns the pages rendered and the pages reused. */
async function build(): Promise<{ rendered: string[]; reused: string[] }> {
  const log = await buildSite({
    fiches,
    outDir: dist,
    cacheDir: path.join(root, 'cache'),
    logLevel: 'info',
    index: false,
    env: { JOURNAL_DIR: journal },
  });
  const rendered: string[] = [];
  const reused: string[] = [];
  // Colours are on where the environment asks for them (CI=true): read the text alone.
  for (const line of stripVTControlCharacters(log).split('\n')) {
    const page = /[├└]─ (\S+)/.exec(line)?.[1];
    if (!page) continue;
    (/\((cached|restored)\)/.test(line) ? reused : rendered).push(page);
  }
  return { rendered, reused };
}

function page(pathname: string): string {
  return readFileSync(path.join(dist, pathname), 'utf8');
}

/** Every text file of the built site that contains `text`. */
function filesContaining(text: string): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(html|json|csv|xml)$/.test(file))
    .filter((file) => readFileSync(path.join(dist, file), 'utf8').includes(text));
}

function editFiche(relative: string, edit: (text: string) => string): void {
  const file = path.join(fiches, relative);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

beforeAll(async () => {
  root = mkdtempSync(path.resolve('tmp', 'incremental-'));
  fiches = path.join(root, 'fiches');
  dist = path.join(root, 'dist');
  journal = path.join(root, 'journal');
  mkdirSync(journal);
  cpSync(FIXTURE_FICHES, fiches, { recursive: true });
  cpSync(path.resolve('content/fiches/rncp/6133.md'), path.join(fiches, 'rncp/6133.md'));
  await build();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('incremental build of the catalogue', () => {
  it('renders no fiche page again when nothing changed', async () => {
    const { rendered, reused } = await build();
    expect(reused).toContain('/rncp/9101/index.html');
    expect(reused).toContain('/rome/K1801/index.html');
    // Only the pages without a getStaticPaths (home, indexes, open-data files) are rendered each time.
    expect(rendered.filter((p) => /^\/(rncp|rs|rome|nsf|certificateurs)\/[^/]+\//.test(p))).toEqual(
      [],
    );
  });

  it('shows a changed title on every page that shows it, and the old one nowhere', async () => {
    const before = filesContaining(OLD_TITLE);
    expect(before).toEqual(
      expect.arrayContaining([
        'rncp/9101/index.html',
        'rome/K1801/index.html',
        'niveaux/4/index.html',
        'fiches/index.html',
        'api/fiches.json',
        'api/rncp/9101.json',
      ]),
    );
    editFiche('rncp/9101.md', (text) =>
      text.replace(`intitule: "${OLD_TITLE}"`, `intitule: "${NEW_TITLE}"`),
    );
    const { rendered, reused } = await build();

    expect(filesContaining(OLD_TITLE)).toEqual([]);
    expect(filesContaining(NEW_TITLE)).toEqual(expect.arrayContaining(before));
    // The pages of the other fiches, and codes the fiche does not cite, were not rendered again.
    expect(rendered).toContain('/rncp/9101/index.html');
    expect(rendered).toContain('/rome/K1801/index.html');
    expect(reused).toContain('/rs/9102/index.html');
    expect(reused).toContain('/rncp/6133/index.html');
    expect(reused).toContain('/rome/A1101/index.html');
  });

  it('links a fiche to its successor once the successor joins the catalogue', async () => {
    expect(page('rncp/6133/index.html')).not.toContain('href="/rncp/16575/"');
    cpSync(path.join(fiches, 'rncp/9103.md'), path.join(fiches, 'rncp/16575.md'));
    editFiche('rncp/16575.md', (text) => text.replaceAll('RNCP9103', 'RNCP16575'));
    const { rendered } = await build();
    expect(rendered).toContain('/rncp/16575/index.html');
    expect(rendered).toContain('/rncp/6133/index.html');
    expect(page('rncp/6133/index.html')).toContain('href="/rncp/16575/"');
  });

  it('links a certificateur without SIRET to its SIRET’s page once a fiche gives that name a SIRET', async () => {
    expect(page('rncp/6133/index.html')).toContain(
      'href="/certificateurs/centre-ressource-arobase/"',
    );
    editFiche('rncp/16575.md', (text) =>
      text.replace(
        '  - nom: "Transports & logistique \\"Démo\\""',
        '  - nom: "CENTRE RESSOURCES AROBASE"\n    siret: "42370591200057"',
      ),
    );
    const { rendered } = await build();
    // RNCP 6133's file did not change; its certificateur did.
    expect(rendered).toContain('/rncp/6133/index.html');
    expect(page('rncp/6133/index.html')).toContain('href="/certificateurs/42370591200057/"');
    expect(existsSync(path.join(dist, 'certificateurs/centre-ressource-arobase'))).toBe(false);
  });

  it('renders a fiche page again when a fiche it is compared with changes, and not the others', async () => {
    expect(page('rncp/9106/index.html')).toContain('Niveau changé : niveau 4 devient niveau 5');
    editFiche('rncp/9105.md', (text) =>
      text.replace('niveau:\n  europe: 4', 'niveau:\n  europe: 3'),
    );
    const { rendered, reused } = await build();
    expect(rendered).toContain('/rncp/9105/index.html');
    // Its successor reads it whole for « Ce qui change »: its key follows the predecessor's file.
    expect(rendered).toContain('/rncp/9106/index.html');
    expect(page('rncp/9106/index.html')).toContain('Niveau changé : niveau 3 devient niveau 5');
    expect(reused).toContain('/rncp/9101/index.html');
    expect(reused).toContain('/rncp/6133/index.html');
  });

  it('renders a fiche page again when the journal gains an entry for it, and not the others', async () => {
    expect(page('rncp/9104/index.html')).not.toContain('Historique des modifications');
    writeFileSync(
      path.join(journal, '2026-08-18.json'),
      JSON.stringify({
        date: '2026-08-18',
        fiches: [
          {
            numero: 'RNCP9104',
            intitule: 'Formateur de démonstration pour un réseau national d’organismes',
            changements: [{ type: 'voies_acces', ouvertes: ['vae'], fermees: [] }],
          },
        ],
      }),
    );
    const { rendered, reused } = await build();
    expect(rendered).toContain('/rncp/9104/index.html');
    expect(page('rncp/9104/index.html')).toContain('Historique des modifications');
    expect(page('rncp/9104/index.html')).toContain('18 août 2026');
    expect(reused).toContain('/rncp/9101/index.html');
  });

  it('leaves no page behind for a deleted fiche', async () => {
    rmSync(path.join(fiches, 'rs/9102.md'));
    await build();
    expect(existsSync(path.join(dist, 'rs/9102/index.html'))).toBe(false);
    expect(existsSync(path.join(dist, 'api/rs/9102.json'))).toBe(false);
    expect(filesContaining('RS9102')).toEqual([]);
  });
});
