/**
 * The journal of changes: one file per day of synchronisation, `content/journal/AAAA-MM-JJ.json`,
 * written by `npm run sync` from the fiches before and after (src/lib/sync/journal.ts), read by the
 * /nouveautes/ pages and the Atom feeds, checked by `npm run validate` and by the build.
 *
 * Each fiche that changed that day is one entry, with the codes it had (ROME, NSF, level page,
 * certificateurs): a feed per code lists the changes of the fiches that cited the code at the time,
 * even once they no longer do.
 */
import { z } from 'astro/zod';
import { FORMACODE, NSF, ROME, code, isoDate, numeroFiche } from './codes.ts';
import { VOIES_ACCES, type VoieAcces } from './fiche.ts';

const libelle = z.string().trim().min(1, { error: 'Texte vide' });
const codes = (pattern: RegExp, name: string, example: string) =>
  z.array(code(pattern, name, example));
const voies = z.array(
  z.enum(Object.keys(VOIES_ACCES) as [VoieAcces, ...VoieAcces[]], {
    error: `Voie d’accès : attendu ${Object.keys(VOIES_ACCES).join(', ')}`,
  }),
);
const blocRef = z.strictObject({ code: z.string().min(1), libelle });
const niveau = z
  .string()
  .regex(/^([1-8]|sans-niveau)$/, { error: 'Niveau : attendu "1" à "8" ou "sans-niveau"' });

const ajoutesRetires = <T extends z.ZodType>(item: T) => ({
  ajoutes: z.array(item),
  retires: z.array(item),
});

/** What changed in a fiche, by kind. */
export const changementSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('nouvelle') }),
    z.strictObject({ type: z.literal('statut'), actif: z.boolean() }),
    z.strictObject({
      type: z.literal('fin_enregistrement'),
      avant: isoDate.optional(),
      apres: isoDate.optional(),
    }),
    z.strictObject({ type: z.literal('intitule'), avant: libelle, apres: libelle }),
    z.strictObject({ type: z.literal('niveau'), avant: niveau, apres: niveau }),
    z.strictObject({
      type: z.literal('rome'),
      ...ajoutesRetires(code(ROME, 'Code ROME', 'K1801')),
    }),
    z.strictObject({ type: z.literal('nsf'), ...ajoutesRetires(code(NSF, 'Code NSF', '332t')) }),
    z.strictObject({
      type: z.literal('formacodes'),
      ...ajoutesRetires(code(FORMACODE, 'Formacode', '44028')),
    }),
    z.strictObject({
      type: z.literal('blocs'),
      ...ajoutesRetires(blocRef),
      renommes: z.array(
        z.strictObject({ code: z.string().min(1), avant: libelle, apres: libelle }),
      ),
    }),
    z.strictObject({ type: z.literal('certificateurs'), ...ajoutesRetires(libelle) }),
    z.strictObject({ type: z.literal('voies_acces'), ouvertes: voies, fermees: voies }),
    z.strictObject({
      type: z.literal('lignee'),
      precedentes: z.array(numeroFiche),
      suivantes: z.array(numeroFiche),
    }),
    z.strictObject({ type: z.literal('absente_export') }),
    z.strictObject({ type: z.literal('retour_export') }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'Type de changement inconnu : attendu nouvelle, statut, fin_enregistrement, intitule, niveau, rome, nsf, formacodes, blocs, certificateurs, voies_acces, lignee, absente_export ou retour_export'
        : undefined,
  },
);
export type Changement = z.infer<typeof changementSchema>;
export type TypeChangement = Changement['type'];

/** One fiche's changes of the day, with the codes it had (after the change, and before for removed ones). */
export const entreeJournalSchema = z.strictObject({
  numero: numeroFiche,
  intitule: libelle,
  rome: codes(ROME, 'Code ROME', 'K1801').optional(),
  nsf: codes(NSF, 'Code NSF', '332t').optional(),
  niveau: niveau.optional(),
  /** Address segments of the certificateurs' pages (src/lib/fiche.ts, certificateurSlug). */
  certificateurs: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
  changements: z.array(changementSchema).min(1, { error: 'Au moins un changement est attendu' }),
});
export type EntreeJournal = z.infer<typeof entreeJournalSchema>;

/** A day of the journal: `content/journal/AAAA-MM-JJ.json`. */
export const journalJourSchema = z
  .strictObject({
    date: isoDate.describe('Date de l’export synchronisé ce jour-là.'),
    fiches: z.array(entreeJournalSchema),
  })
  .superRefine((jour, ctx) => {
    const seen = new Set<string>();
    jour.fiches.forEach((entree, index) => {
      if (seen.has(entree.numero)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fiches', index, 'numero'],
          message: `La fiche ${entree.numero} figure deux fois dans ce jour du journal`,
        });
      }
      seen.add(entree.numero);
    });
  });
export type JournalJour = z.infer<typeof journalJourSchema>;
