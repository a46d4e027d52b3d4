import { defineCollection } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { ficheSchema } from './schema/fiche.ts';

/** Where the fiches are read from; tests and benchmarks build other folders with FICHES_DIR. */
const fichesDir = process.env['FICHES_DIR'] ?? './content/fiches';

/**
 * The fiche page renders each body from its mdast (src/lib/fiche.ts, Markdown.astro), never with
 * Astro's renderer, so the entries are stored as data and body only. Rendered at sync (glob's
 * default), 10,000 fiches ran out of heap; with `deferRender`, every fiche became a module of the
 * bundle, 13 GB at 10,000 fiches. Measured in docs/bench.md.
 */
const globFiches = glob({
  base: fichesDir,
  pattern: '**/[^_]*.md',
  // The id is the path without extension, `rncp/6133`, which is also the page's address.
  generateId: ({ entry }) => entry.replace(/\.md$/, ''),
  deferRender: true,
});
const fichesLoader: Loader = {
  ...globFiches,
  load: (context) =>
    globFiches.load({
      ...context,
      store: {
        ...context.store,
        set: (entry) => context.store.set({ ...entry, deferredRender: false }),
        addModuleImport: () => {},
      },
    }),
};

const fiches = defineCollection({
  loader: fichesLoader,
  schema: ficheSchema,
});

/** The reference tables are generated (`npm run referentiels`); each file keeps its entries under `entrees`. */
const referentiel = (name: string) =>
  defineCollection({
    loader: file(`content/referentiels/${name}.json`, {
      parser: (text) =>
        (JSON.parse(text) as { entrees: Record<string, Record<string, unknown>> }).entrees,
    }),
    schema: z.looseObject({ code: z.string() }),
  });

export const collections = {
  fiches,
  rome: referentiel('rome'),
  nsf: referentiel('nsf'),
  niveaux: referentiel('niveaux'),
};
