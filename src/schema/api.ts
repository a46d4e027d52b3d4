/**
 * The shape of every JSON file of the open data (/api/), in zod: the JSON Schemas published under
 * /schema/api/ are generated from here (src/lib/opendata.ts lists them), beside the fiche's own
 * schema (./fiche.ts) that the whole fiche file follows.
 */
import { z } from 'astro/zod';
import { FORMACODE, NSF, REPERTOIRES, ROME, isoDate, numeroFiche } from './codes.ts';
import { ficheSchema, VOIES_ACCES, type VoieAcces } from './fiche.ts';
import { NIVEAUX_1969 } from './niveaux.ts';
import { SECTIONS, type SectionKey } from './sections.ts';

const absoluteUrl = (description: string) => z.url().describe(description);
const ouiNonInconnu = (description: string) =>
  z.boolean().nullable().describe(`${description} true oui, false non, null non précisé.`);
const schemaRef = z.string().optional().describe('Adresse du JSON Schema de ce fichier.');
const licence = z
  .strictObject({
    nom: z.string().describe('Nom de la licence.'),
    url: absoluteUrl('Texte de la licence.'),
  })
  .describe('Licence des données.');

const sectionsSchema = z
  .strictObject(
    Object.fromEntries(
      SECTIONS.map((s) => [
        s.key,
        z.string().optional().describe(`« ${s.titre} » : ${s.description} En Markdown.`),
      ]),
    ) as Record<SectionKey, z.ZodOptional<z.ZodString>>,
  )
  .describe(
    'Le texte de la fiche, section par section, en Markdown ; une section absente est omise.',
  );

export const ficheDocumentSchema = z
  .strictObject({
    $schema: schemaRef,
    numero_fiche: numeroFiche,
    url: absoluteUrl('Page de la fiche sur ce site.'),
    source: absoluteUrl(
      'Le fichier de la fiche dans le dépôt du projet (en-tête YAML et texte Markdown).',
    ),
    mis_a_jour: isoDate
      .nullable()
      .describe(
        'Date du dernier enregistrement (commit) du fichier de la fiche ; null quand l’historique ne la donne pas.',
      ),
    fiche: ficheSchema.describe(
      'Les faits de la fiche : son en-tête YAML, décrit champ par champ par /schema/fiche.json.',
    ),
    sections: sectionsSchema,
  })
  .describe('Une fiche complète du RNCP ou du Répertoire spécifique.');

export const ficheResumeSchema = z
  .strictObject({
    numero_fiche: numeroFiche,
    repertoire: z.enum(REPERTOIRES).describe('Répertoire : RNCP ou RS (Répertoire spécifique).'),
    intitule: z.string().describe('Intitulé de la certification.'),
    abrege: z.string().optional().describe('Type de certification abrégé (BTS, TP, CQP…).'),
    actif: z.boolean().describe("true si l'on peut encore obtenir la certification."),
    niveau_europe: z
      .int()
      .min(1)
      .max(8)
      .optional()
      .describe('Niveau du cadre national (décret 2019-14), identique au niveau européen.'),
    niveau_1969: z.enum(NIVEAUX_1969).optional().describe('Niveau dans la nomenclature de 1969.'),
    certificateurs: z
      .array(
        z.strictObject({
          nom: z.string().describe('Nom du certificateur.'),
          siret: z.string().optional().describe('SIRET du certificateur, quand il est connu.'),
        }),
      )
      .describe('Certificateurs.'),
    rome: z.array(z.string().regex(ROME)).describe('Codes ROME.'),
    nsf: z.array(z.string().regex(NSF)).describe('Codes NSF.'),
    formacodes: z.array(z.string().regex(FORMACODE)).describe('Formacodes.'),
    date_effet: isoDate.optional().describe("Date d'effet de l'enregistrement."),
    date_fin_enregistrement: isoDate.optional().describe("Date de fin d'enregistrement."),
    remplacee_par: z
      .array(numeroFiche)
      .describe('Fiches qui remplacent directement celle-ci (vide si aucune n’est connue).'),
    voies_acces: z
      .strictObject(
        Object.fromEntries(
          (Object.keys(VOIES_ACCES) as VoieAcces[]).map((voie) => [
            voie,
            ouiNonInconnu(`${VOIES_ACCES[voie]} : cette voie d’accès est-elle ouverte ?`),
          ]),
        ) as Record<VoieAcces, ReturnType<typeof ouiNonInconnu>>,
      )
      .describe(
        'Les six voies d’accès à la certification : true ouverte, false fermée, null non précisé par la fiche.',
      ),
    validation_partielle: z
      .boolean()
      .optional()
      .describe('La certification peut-elle être validée par blocs ? (absent si inconnu)'),
    accessible_nouvelle_caledonie: ouiNonInconnu('Accessible en Nouvelle-Calédonie ?'),
    accessible_polynesie_francaise: ouiNonInconnu('Accessible en Polynésie française ?'),
    url: absoluteUrl('Page de la fiche sur ce site.'),
    json: absoluteUrl('La fiche complète en JSON.'),
  })
  .describe("Les faits clés d'une fiche.");

export const fichesListSchema = z
  .strictObject({
    $schema: schemaRef,
    licence,
    source: z.string().describe('Origine des données.'),
    nombre: z.int().min(0).describe('Nombre de fiches.'),
    fiches: z
      .array(ficheResumeSchema)
      .describe('Toutes les fiches, les actives d’abord, puis par répertoire et numéro.'),
  })
  .describe('Toutes les fiches du catalogue, avec leurs faits clés.');

function codeMappingSchema(nomenclature: 'ROME' | 'NSF', pattern: RegExp) {
  return z
    .strictObject({
      $schema: schemaRef,
      licence,
      source: z.string().describe('Origine des données.'),
      nomenclature: z.literal(nomenclature).describe('Nomenclature des codes.'),
      codes: z
        .record(
          z.string().regex(pattern),
          z.strictObject({
            libelle: z
              .string()
              .optional()
              .describe('Libellé actuel du code dans la nomenclature, quand il est connu.'),
            fiches: z
              .array(
                z.strictObject({
                  numero_fiche: numeroFiche,
                  actif: z.boolean().describe('La fiche est-elle active ?'),
                }),
              )
              .describe('Les fiches qui citent ce code, les actives d’abord.'),
          }),
        )
        .describe(`Chaque code ${nomenclature} cité par au moins une fiche, et ses fiches.`),
    })
    .describe(`Des codes ${nomenclature} vers les fiches qui les citent.`);
}

export const romeMappingSchema = codeMappingSchema('ROME', ROME);
export const nsfMappingSchema = codeMappingSchema('NSF', NSF);

export type FicheDocument = z.infer<typeof ficheDocumentSchema>;
export type FicheResume = z.infer<typeof ficheResumeSchema>;
export type FichesList = z.infer<typeof fichesListSchema>;
export type CodeMapping = z.infer<typeof romeMappingSchema>;
