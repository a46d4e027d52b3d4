import { defineCollection } from 'astro:content';
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

/** The journal of changes, one entry per day of synchronisation (`npm run sync`). */
const journal = defineCollection({
  loader: journalLoader({ base: process.env['JOURNAL_DIR'] ?? './content/journal' }),
  schema: journalJourSchema,
});

// The reference tables (ROME, NSF, niveaux) are not a collection: every reader, the pages included,
// goes through src/lib/referentiels.ts.
export const collections = { fiches, journal };
