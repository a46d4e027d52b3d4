/**
 * The build step that writes the search index (src/integrations/pagefind.ts): any error of Pagefind
 * fails the build, and so does an index that would be empty or not French.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  indexSite,
  pageUrl,
  separateBlocks,
  SearchIndexError,
  type PagefindApi,
} from '../src/integrations/pagefind.ts';

let site: string;

function page(file: string, html: string): void {
  const target = path.join(site, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, html);
}

const fichePage = (lang: string, words: string) =>
  `<!doctype html><html lang="${lang}"><head><title>t</title></head><body><nav>Menu</nav>` +
  `<article data-pagefind-body><h1>${words}</h1><dl><dt>SIRET</dt><dd>42370591200057</dd></dl></article></body></html>`;

beforeEach(() => {
  site = mkdtempSync(path.join(tmpdir(), 'search-index-'));
  page('rncp/6133/index.html', fichePage('fr', 'Coordinateur'));
  page(
    'rome/K1801/index.html',
    '<!doctype html><html lang="fr"><body><h1>K1801</h1></body></html>',
  );
});

afterEach(() => {
  rmSync(site, { recursive: true, force: true });
});

/** A stand-in for Pagefind's Node API that reports the given errors at the given step. */
function fakeApi(fail: Partial<Record<'create' | 'add' | 'write', string>> = {}) {
  const added: { url?: string | undefined; content: string }[] = [];
  const close = vi.fn(async () => null);
  const api: PagefindApi = {
    close,
    createIndex: async () => ({
      errors: fail.create ? [fail.create] : [],
      index: {
        addHTMLFile: async (file) => {
          added.push({ url: file.url, content: file.content });
          return {
            errors: fail.add ? [fail.add] : [],
            file: { uniqueWords: 1, url: file.url ?? '', meta: {} },
          };
        },
        addCustomRecord: async () => ({
          errors: [],
          file: { uniqueWords: 0, url: '', meta: {} },
        }),
        addDirectory: async () => ({ errors: [], page_count: 0 }),
        getFiles: async () => ({ errors: [], files: [] }),
        deleteIndex: async () => null,
        writeFiles: async ({ outputPath } = { outputPath: '' }) => {
          mkdirSync(outputPath, { recursive: true });
          writeFileSync(
            path.join(outputPath, 'pagefind-entry.json'),
            JSON.stringify({ languages: { fr: { page_count: added.length } } }),
          );
          return { errors: fail.write ? [fail.write] : [], outputPath };
        },
      },
    }),
  };
  return { api, added, close };
}

describe('building the search index', () => {
  it('indexes only the pages that mark their content, at their address, with words kept apart', async () => {
    const { api, added, close } = fakeApi();
    await expect(indexSite(site, api)).resolves.toBe(1);
    expect(added.map((file) => file.url)).toEqual(['/rncp/6133/']);
    expect(added[0]?.content).toContain(' <dt> SIRET </dt>  <dd> 42370591200057 </dd> ');
    expect(close).toHaveBeenCalledOnce();
  });

  it.each([
    ['create', "la création de l'index"],
    ['add', "l'indexation de rncp/6133/index.html"],
    ['write', "l'écriture"],
  ] as const)(
    'fails when Pagefind reports an error at step « %s », and stops Pagefind',
    async (step, message) => {
      const { api, close } = fakeApi({ [step]: `panne simulée (${step})` });
      const error = await indexSite(site, api).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SearchIndexError);
      expect(String(error)).toContain(message);
      expect(String(error)).toContain(`panne simulée (${step})`);
      expect(close).toHaveBeenCalledOnce();
    },
  );

  it('fails when no page marks its content (the fiche page lost data-pagefind-body)', async () => {
    rmSync(path.join(site, 'rncp'), { recursive: true });
    await expect(indexSite(site, fakeApi().api)).rejects.toThrow(/aucune page indexée/);
  });

  it('fails with the real Pagefind when a page is not in French', async () => {
    page('rncp/9001/index.html', fichePage('en', 'Coordinator'));
    await expect(indexSite(site)).rejects.toThrow(/pas en français \(en\)/);
  });

  it('writes a French index with the real Pagefind', async () => {
    await expect(indexSite(site)).resolves.toBe(1);
  });
});

describe('helpers', () => {
  it('keeps the words of adjacent blocks apart, and nothing else changes', () => {
    expect(
      separateBlocks('<li><a href="/x/">AROBASE</a><dl class="facts"><dt>SIRET</dt></dl></li>'),
    ).toBe(' <li> <a href="/x/">AROBASE</a> <dl class="facts">  <dt> SIRET </dt>  </dl>  </li> ');
    expect(separateBlocks('<thead><tr><th scope="col">a</th></tr></thead>')).toBe(
      ' <thead>  <tr>  <th scope="col"> a </th>  </tr>  </thead> ',
    );
    const inline =
      '<span>RNCP</span><code>6133</code><pre>x</pre><path d="M0"/><picture></picture>';
    expect(separateBlocks(inline)).toBe(inline);
  });

  it('gives a page its address', () => {
    expect(pageUrl(path.join('rncp', '6133', 'index.html'))).toBe('/rncp/6133/');
    expect(pageUrl('404.html')).toBe('/404.html');
  });
});
