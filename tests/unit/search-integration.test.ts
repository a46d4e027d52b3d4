/**
 * The index step (src/lib/search/indexer.ts, `node scripts/search-index.ts`), with the real Pagefind
 * binary on tiny sites: one bundle per scope and the list of them, only the fiche's marked part
 * staged, and any error of Pagefind, an index that would be empty or not French, failing the step
 * with a message in French.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  INACTIVE_FRAGMENTS_PER_FILE,
  indexSite,
  pagefindBinary,
  pageUrl,
  SearchIndexError,
  separateBlocks,
  stagePage,
} from '../../src/lib/search/indexer.ts';

let site: string;

/** The words of an HTML fragment as a reader (and Pagefind) reads them: tags add no space. */
const wordsOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .split(/\s+/)
    .filter(Boolean);
const withoutSpaces = (html: string) => html.replace(/\s+/g, '');

function page(file: string, html: string): void {
  const target = path.join(site, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, html);
}

const fichePage = (lang: string, words: string, scope: 'actives' | 'inactives' = 'actives') =>
  `<!doctype html><html lang="${lang}"><head><title>t</title></head><body><nav>Menu</nav>` +
  `<article data-pagefind-body><h1>${words}</h1><div hidden data-pagefind-ignore data-search-scope="${scope}"></div>` +
  `<dl><dt>SIRET</dt><dd>42370591200057</dd></dl><article class="bloc"><h3>Bloc</h3></article></article>` +
  `<footer>Pied de page</footer></body></html>`;

/** A stand-in for the Pagefind binary that fails as Pagefind does, with its message. */
function failingBinary(): string {
  const file = path.join(site, '..', `${path.basename(site)}-pagefind-en-panne.sh`);
  writeFileSync(file, '#!/bin/sh\necho "Error: panne simulée de Pagefind" >&2\nexit 1\n');
  chmodSync(file, 0o755);
  return file;
}

beforeEach(() => {
  site = mkdtempSync(path.join(tmpdir(), 'search-index-'));
  page('rncp/6133/index.html', fichePage('fr', 'Coordinateur', 'inactives'));
  page('rncp/9101/index.html', fichePage('fr', 'Conseiller'));
  page(
    'rome/K1801/index.html',
    '<!doctype html><html lang="fr"><body><h1>K1801</h1></body></html>',
  );
});

afterEach(() => {
  rmSync(site, { recursive: true, force: true });
  rmSync(`${site}-pagefind-en-panne.sh`, { force: true });
});

const entry = (bundle: string) =>
  JSON.parse(readFileSync(path.join(site, bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };

describe('the index step', () => {
  it('writes the active and the inactive fiches in bundles of their own, and lists them', async () => {
    const manifest = await indexSite(site);
    expect(manifest).toEqual({
      actives: { pages: 1, bundles: ['/pagefind/'] },
      inactives: { pages: 1, bundles: ['/pagefind-inactives/'] },
    });
    expect(entry('pagefind').languages['fr']?.page_count).toBe(1);
    expect(entry('pagefind-inactives').languages['fr']?.page_count).toBe(1);
    expect(JSON.parse(readFileSync(path.join(site, 'recherche', 'index.json'), 'utf8'))).toEqual(
      manifest,
    );
  });

  it('splits a scope larger than the limit into several bundles, and removes stale ones', async () => {
    page('rncp/6134/index.html', fichePage('fr', 'Ancien', 'inactives'));
    page('rncp/6135/index.html', fichePage('fr', 'Plus ancien', 'inactives'));
    const manifest = await indexSite(site, { maxPagesPerBundle: 2 });
    expect(manifest.inactives).toEqual({
      pages: 3,
      bundles: ['/pagefind-inactives/', '/pagefind-inactives-2/'],
    });
    expect(entry('pagefind-inactives-2').languages['fr']?.page_count).toBe(1);
    await indexSite(site);
    expect(existsSync(path.join(site, 'pagefind-inactives-2'))).toBe(false);
  });

  it('fails when no page marks its content (the fiche page lost data-pagefind-body)', async () => {
    rmSync(path.join(site, 'rncp'), { recursive: true });
    await expect(indexSite(site)).rejects.toThrow(/aucune page indexée/);
  });

  it('fails when a page is not in French', async () => {
    page('rncp/9001/index.html', fichePage('en', 'Coordinator'));
    await expect(indexSite(site)).rejects.toThrow(/pas en français \(en\)/);
  });

  it('fails on an error of Pagefind, with its message', async () => {
    const error = await indexSite(site, { binary: failingBinary() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchIndexError);
    expect(String(error)).toMatch(/échec de Pagefind pour pagefind \(code 1\)/);
    expect(String(error)).toContain('panne simulée de Pagefind');
  });

  it('`node scripts/search-index.ts` exits with 1 and says why in French when Pagefind fails', () => {
    const run = spawnSync(process.execPath, ['scripts/search-index.ts', '--site', site], {
      encoding: 'utf8',
      env: { ...process.env, PAGEFIND_BINARY_PATH: failingBinary() },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Index de recherche : échec de Pagefind');
    expect(run.stderr).toContain('panne simulée de Pagefind');
  });

  it('`node scripts/search-index.ts` says what it indexed', () => {
    const run = spawnSync(process.execPath, ['scripts/search-index.ts', '--site', site], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/1 fiche\(s\) active\(s\), 1 inactive\(s\)\./);
  });
});

/**
 * A stand-in for the Pagefind binary: it records its arguments beside its output folder, writes
 * `entry` as the bundle's pagefind-entry.json (nothing when undefined), prints `say`, exits 0.
 */
function fakeBinary(entry: object | undefined, say = ''): string {
  const file = path.join(site, '..', `${path.basename(site)}-pagefind-factice.sh`);
  const write = entry ? `printf '%s' '${JSON.stringify(entry)}' > "$out/pagefind-entry.json"` : '';
  writeFileSync(
    file,
    `#!/bin/sh\nout=$4\nmkdir -p "$out"\necho "$@" > "$out.args"\n${write}\nprintf '%s' '${say}'\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

describe('the index step, with a stand-in for Pagefind', () => {
  afterEach(() => rmSync(`${site}-pagefind-factice.sh`, { force: true }));
  const fr = { languages: { fr: { page_count: 1 } } };
  // The output path ends with a slash: the arguments land in the bundle's folder.
  const args = (bundle: string) => readFileSync(path.join(site, bundle, '.args'), 'utf8').trim();

  it('groups the fragments of inactive fiches only, and says what it indexed', async () => {
    for (let n = 1; n <= 6; n++)
      page(`rncp/70${n}/index.html`, fichePage('fr', `Ancien ${n}`, 'inactives'));
    const log: string[] = [];
    await indexSite(site, {
      binary: fakeBinary(fr),
      maxPagesPerBundle: 5,
      log: (l) => log.push(l),
    });
    expect(args('pagefind')).not.toContain('--max-fragments');
    // 7 inactive fiches, 5 a bundle: 5 then 2 pages, grouped INACTIVE_FRAGMENTS_PER_FILE a file.
    expect(args('pagefind-inactives')).toContain(
      `--max-fragments ${Math.ceil(5 / INACTIVE_FRAGMENTS_PER_FILE)}`,
    );
    expect(args('pagefind-inactives-2')).toContain(
      `--max-fragments ${Math.ceil(2 / INACTIVE_FRAGMENTS_PER_FILE)}`,
    );
    expect(log[0]).toBe('8 fiche(s) à indexer : 1 active(s), 7 inactive(s)');
    expect(log[1]).toMatch(/^\/pagefind\/ : 1 fiche\(s\) en \d+\.\d s$/);
    expect(Number(/en (\S+) s/.exec(log[1]!)![1])).toBeLessThan(60);
  });

  it('removes its bundles of an earlier run, and nothing else', async () => {
    for (const folder of [
      'pagefind-inactives-12',
      'pagefind-autre',
      'xpagefind',
      'pagefind-inactives-',
      'pagefinds',
    ]) {
      page(`${folder}/index.html`, '<!doctype html><html lang="fr"><body>x</body></html>');
    }
    await indexSite(site, { binary: fakeBinary(fr) });
    expect(existsSync(path.join(site, 'pagefind-inactives-12'))).toBe(false);
    for (const folder of ['pagefind-autre', 'xpagefind', 'pagefind-inactives-', 'pagefinds'])
      expect(existsSync(path.join(site, folder)), folder).toBe(true);
  });

  it('keeps a working folder it was given, and removes the one it made', async () => {
    const work = path.join(site, '..', `${path.basename(site)}-travail`);
    try {
      await indexSite(site, { binary: fakeBinary(fr), workDir: work });
      expect(existsSync(path.join(work, 'pagefind'))).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('fiches-rncp-index-')));
    await indexSite(site, { binary: fakeBinary(fr) });
    const after = readdirSync(tmpdir()).filter((n) => n.startsWith('fiches-rncp-index-'));
    expect(after.filter((n) => !before.has(n))).toEqual([]);
  });

  it('fails, saying why, when Pagefind reports an error, writes no entry or indexes nothing', async () => {
    await expect(
      indexSite(site, { binary: fakeBinary(fr, 'Indexation\n  Error: page illisible') }),
    ).rejects.toThrow(
      /Pagefind signale une erreur pour pagefind\nIndexation\n {2}Error: page illisible$/,
    );
    await expect(indexSite(site, { binary: fakeBinary(undefined) })).rejects.toThrow(
      /Pagefind n'a pas écrit .*pagefind-entry\.json/,
    );
    await expect(
      indexSite(site, { binary: fakeBinary({ languages: { fr: { page_count: 0 } } }) }),
    ).rejects.toThrow(/aucune page indexée dans .*pagefind\/?$/);
    await expect(
      indexSite(site, {
        binary: fakeBinary({ languages: { de: { page_count: 1 }, fr: { page_count: 1 } } }),
      }),
    ).rejects.toThrow(
      'des pages ne sont pas en français (de) ; chaque page indexée doit avoir <html lang="fr">',
    );
    await expect(indexSite(site, { binary: path.join(site, 'absent') })).rejects.toThrow(
      /échec de Pagefind pour pagefind \(code null\)\n.*ENOENT/,
    );
    await expect(indexSite(path.join(site, 'absent'))).rejects.toThrow(
      `Index de recherche : le site ${path.join(site, 'absent')} est introuvable`,
    );
  });

  it('keeps the last 20 lines of what a failing Pagefind said', async () => {
    const file = path.join(site, '..', `${path.basename(site)}-pagefind-factice.sh`);
    writeFileSync(file, '#!/bin/sh\nfor i in $(seq 1 30); do echo "ligne $i"; done\nexit 2\n');
    chmodSync(file, 0o755);
    const error = String(await indexSite(site, { binary: file }).catch((e: unknown) => e));
    expect(error).toContain('(code 2)\nligne 11\n');
    expect(error).toMatch(/ligne 30$/);
    expect(error).not.toContain('ligne 10\n');
    expect(new SearchIndexError('x').name).toBe('SearchIndexError');
  });

  it('finds the installed binary, or the one PAGEFIND_BINARY_PATH names', () => {
    expect(existsSync(pagefindBinary())).toBe(true);
    expect(pagefindBinary()).toMatch(/@pagefind\/linux-[^/]+\/bin\/pagefind(_extended)?$/);
    const saved = process.env['PAGEFIND_BINARY_PATH'];
    process.env['PAGEFIND_BINARY_PATH'] = '/chemin/vers/pagefind';
    try {
      expect(pagefindBinary()).toBe('/chemin/vers/pagefind');
    } finally {
      if (saved === undefined) delete process.env['PAGEFIND_BINARY_PATH'];
      else process.env['PAGEFIND_BINARY_PATH'] = saved;
    }
  });
});

describe('helpers', () => {
  it('stages the marked element whatever its attributes, with the page language or none', () => {
    const staged = stagePage(
      '<html class="x" lang="fr"><body><p>Avant</p><main id="m" data-pagefind-body class="y">Texte</main><p>Après</p></body></html>',
    );
    expect(staged?.html).toBe(
      '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body><main id="m" data-pagefind-body class="y">Texte</main></body></html>',
    );
    expect(stagePage('<body><div data-pagefind-body="">Sans fin')?.html).toBe(
      '<!doctype html><html><head><meta charset="utf-8"></head><body> <div data-pagefind-body=""> Sans fin</body></html>',
    );
    expect(stagePage('<body><div data-pagefind-bodyx>x</div></body>')).toBeUndefined();
    expect(stagePage('<body><div data-pagefind-body>x</div></body>')?.scope).toBe('actives');
  });

  it('stages only the marked part of a fiche, with its language and scope, its words kept apart', () => {
    const staged = stagePage(fichePage('fr', 'Coordinateur', 'inactives'));
    expect(staged?.scope).toBe('inactives');
    expect(staged?.html).toMatch(/^<!doctype html><html lang="fr"><head>/);
    expect(staged?.html).toContain(' <dt> SIRET </dt>  <dd> 42370591200057 </dd> ');
    // The nested article of a bloc stays inside; the menu and the footer are left out.
    expect(staged?.html).toContain('Bloc');
    expect(staged?.html).not.toMatch(/Menu|Pied de page/);
    expect(stagePage('<html lang="fr"><body><h1>Accueil</h1></body></html>')).toBeUndefined();
  });

  it('keeps the words of adjacent blocks apart, and nothing else changes', () => {
    // Elements a browser lays out as blocks (or table cells): text on either side of one is two
    // words. Inline elements join their text, as the browser shows it: « RNCP6133 » stays one word.
    const blocks = (
      'address article aside blockquote caption dd details div dl dt figcaption figure footer ' +
      'h1 h2 h3 h4 h5 h6 header li ol p section summary table tbody td tfoot th thead tr ul'
    ).split(' ');
    for (const tag of blocks) {
      for (const html of [
        `<${tag}>AROBASE</${tag}><${tag} class="x">SIRET</${tag}>`,
        `AROBASE<${tag}/>SIRET`,
        `<${tag.toUpperCase()}>AROBASE</${tag.toUpperCase()}>SIRET`,
      ]) {
        expect(wordsOf(html), html).toEqual(['AROBASESIRET']);
        expect(wordsOf(separateBlocks(html)), html).toEqual(['AROBASE', 'SIRET']);
        expect(withoutSpaces(separateBlocks(html)), html).toBe(withoutSpaces(html));
      }
    }
    const page =
      '<li><a href="/x/">AROBASE</a><dl class="facts"><dt>SIRET</dt><dd>42370591200057</dd></dl></li>';
    expect(wordsOf(separateBlocks(page))).toEqual(['AROBASE', 'SIRET', '42370591200057']);
    // Inline elements, and tags whose name only starts like a block's, are left as they are.
    for (const inline of [
      '<span>RNCP</span><code>6133</code><pre>x</pre><path d="M0"/><picture></picture>',
      '<b>A</b><i>B</i><em>C</em><strong>D</strong><abbr>E</abbr><time>F</time>',
      '<dialog>A</dialog><title>B</title><template>C</template><option>D</option>',
      '<progress>A</progress><param>B</param><tdx>C</tdx><ulx>D</ulx><hr>E',
    ]) {
      expect(separateBlocks(inline)).toBe(inline);
    }
  });

  it('gives a page its address', () => {
    expect(pageUrl(path.join('rncp', '6133', 'index.html'))).toBe('/rncp/6133/');
    expect(pageUrl('404.html')).toBe('/404.html');
  });
});
