import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { ficheSchema } from './schema/fiche.ts';

/** Where the fiches are read from; tests and benchmarks build other folders with FICHES_DIR. */
const fichesDir = process.env['FICHES_DIR'] ?? './content/fiches';

const fiches = defineCollection({
  // The id is the path without extension, `rncp/6133`, which is also the page's address.
  loader: glob({
    base: fichesDir,
    pattern: '**/[^_]*.md',
    generateId: ({ entry }) => entry.replace(/\.md$/, ''),
  }),
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
