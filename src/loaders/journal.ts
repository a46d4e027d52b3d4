/**
 * The loader of the `journal` collection: one entry per day file of `content/journal/`
 * (`AAAA-MM-JJ.json`, written by `npm run sync`), validated by the journal's schema
 * (src/schema/journal.ts). A missing folder is an empty journal: the catalogue has not been
 * synchronised yet.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';

export const JOURNAL_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

export function journalLoader(options: { base: string }): Loader {
  return {
    name: 'fiches-rncp:journal',
    load: async ({ config, store, parseData, generateDigest }) => {
      const root = fileURLToPath(config.root);
      const base = path.resolve(root, options.base);
      store.clear();
      if (!existsSync(base)) return;
      for (const name of (await readdir(base)).sort()) {
        const date = JOURNAL_FILE.exec(name)?.[1];
        if (date === undefined) continue;
        const file = path.join(base, name);
        const text = await readFile(file, 'utf8');
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (error) {
          throw new Error(`${file} : JSON illisible (${(error as Error).message})`);
        }
        if ((data as { date?: unknown }).date !== date)
          throw new Error(`${file} : la date du fichier doit être celle de son nom, "${date}"`);
        const parsed = await parseData({
          id: date,
          data: data as Record<string, unknown>,
          filePath: file,
        });
        store.set({
          id: date,
          data: parsed,
          digest: generateDigest(text),
          filePath: path.relative(root, file).split(path.sep).join('/'),
        });
      }
    },
  };
}
