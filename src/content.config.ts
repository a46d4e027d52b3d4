import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { z } from 'astro/zod';
import { fichesLoader } from './loaders/fiches.ts';
import { journalLoader } from './loaders/journal.ts';
import { journalJourSchema } from './schema/journal.ts';
import { ficheEntrySchema } from './schema/summary.ts';

/** Where the fiches are read from; tests and benchmarks build other folders with FICHES_DIR. */
const fichesDir = process.env['FICHES_DIR'] ?? './content/fiches';

/**
 * Every fiche, validated whole and kept as its summary (src/loaders/fiches.ts); a fiche's own pages
 * read its file (src/lib/fiche-file.ts).
 */
const fiches = defineCollection({
  loader: fichesLoader({ base: fichesDir }),
  schema: ficheEntrySchema,
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

/** The journal of changes, one entry per day of synchronisation (`npm run sync`). */
const journal = defineCollection({
  loader: journalLoader({ base: process.env['JOURNAL_DIR'] ?? './content/journal' }),
  schema: journalJourSchema,
});

export const collections = {
  fiches,
  journal,
  rome: referentiel('rome'),
  nsf: referentiel('nsf'),
  niveaux: referentiel('niveaux'),
};
