/**
 * The loader of the `fiches` collection: each fiche file is validated whole (the collection's schema
 * is the fiche schema, src/schema/summary.ts) and stored as its summary, with no body and nothing
 * rendered. Astro keeps the whole data store in memory and bundles it into one module: with whole
 * fiches, 30,000 of them made a 487 MB module, next to V8's limit on a string, and a build of
 * 14.7 GB (docs/bench.md). A file whose digest has not changed since the last build is not read
 * again, so a rebuild after one edit parses one fiche.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parseFicheText } from '../lib/fiche-file.ts';

/** Files read at once. */
const CONCURRENCY = 16;

/** `rncp/6133.md` → `rncp/6133`, the entry's id and the page's address; `_brouillon.md` is skipped. */
export function entryIdOf(relativeFile: string): string | undefined {
  const segments = relativeFile.split(path.sep);
  // Hidden folders are the importer's staging areas; `_`-prefixed files are drafts, as with glob().
  if (segments.some((segment) => segment.startsWith('.'))) return undefined;
  if (segments.at(-1)?.startsWith('_') || !relativeFile.endsWith('.md')) return undefined;
  return segments.join('/').slice(0, -'.md'.length);
}

export function fichesLoader(options: { base: string }): Loader {
  return {
    name: 'fiches-rncp:fiches',
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const base = path.resolve(root, options.base);
      const untouched = new Set(context.store.keys());
      const files = (await readdir(base, { recursive: true })).sort();
      let next = 0;
      const worker = async () => {
        while (next < files.length) {
          const file = files[next++]!;
          const id = entryIdOf(file);
          if (id === undefined) continue;
          untouched.delete(id);
          await syncFile(context, root, path.join(base, file), id);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      for (const id of untouched) context.store.delete(id);

      // `astro dev`: follow edits, new and deleted fiches.
      context.watcher?.add(base);
      const onChange = async (changed: string) => {
        const id = changed.startsWith(base) ? entryIdOf(path.relative(base, changed)) : undefined;
        if (id !== undefined) await syncFile(context, root, changed, id);
      };
      context.watcher?.on('add', onChange);
      context.watcher?.on('change', onChange);
      context.watcher?.on('unlink', (removed) => {
        const id = removed.startsWith(base) ? entryIdOf(path.relative(base, removed)) : undefined;
        if (id !== undefined) context.store.delete(id);
      });
    },
  };
}

async function syncFile(
  { store, parseData, generateDigest }: LoaderContext,
  root: string,
  file: string,
  id: string,
): Promise<void> {
  const text = await readFile(file, 'utf8');
  const digest = generateDigest(text);
  const existing = store.get(id);
  if (existing?.digest === digest) return;
  const relative = path.relative(root, file);
  const { data } = parseFicheText(text, relative);
  const summary = await parseData({ id, data: data as Record<string, unknown>, filePath: file });
  store.set({ id, data: summary, digest, filePath: relative.split(path.sep).join('/') });
}
