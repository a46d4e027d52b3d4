/**
 * The content model of a fiche: one schema for the old CNCP « résumé descriptif » and for the modern
 * France Compétences fiche (XML export V4.1). Structured facts live in the frontmatter and are checked
 * here; prose lives in the Markdown body under the headings of `./sections.ts`.
 *
 * Every `.describe()` text is the field's documentation: it feeds the editors' JSON Schema (hover and
 * completion) and the field reference page, so it is written once, here.
 *
 * Over 300 lines on purpose: a fiche is one document, and this file reads as its field reference from
 * top to bottom. What other code needs apart lives beside it: the codes' patterns (./codes.ts), the
 * values of a level (./niveaux.ts), the body's headings (./sections.ts).
 */
import { z } from 'astro/zod';
import {
  BLOC_CODE,
  FORMACODE,
  IDCC,
  NSF,
  NUMERO_FICHE,
  ROME,
  SIRET,
  code,
  isoDate,
  numeroFiche,
} from './codes.ts';
import { CORRESPONDANCE_1969, NIVEAUX_1969, SANS_NIVEAU_EXPORT } from './niveaux.ts';

// Messages zod writes itself (a missing field, a wrong type) in French, for editors.
z.config(z.locales.fr());

const text = (description: string) =>
  z
    .string()
    .trim()
    .min(1, { error: 'Texte vide : supprimez le champ ou remplissez-le' })
    .describe(description);

/** Markdown prose kept in a frontmatter field (a bloc's competences, a jury's composition…). */
const markdown = (description: string) => text(`${description} (Markdown, sans HTML).`);

/**
 * Characters a written address cannot hold (outside the WHATWG URL code points): spaces of any kind,
 * controls, and the signs " < > \ ^ ` { | }. The URL parser behind `z.url()` would accept them by
 * percent-encoding them, so `"https://a.fr/ https://b.fr/"` passed as one broken address.
 */
const HORS_ADRESSE = /[\p{White_Space}\p{Cc}"<>\\^`{|}]/u;

const url = (description: string) =>
  z
    .string()
    .refine((v) => !/\p{White_Space}/u.test(v), {
      abort: true,
      error:
        'Adresse avec une espace : une adresse web n’en contient pas. Pour plusieurs adresses, une adresse par élément de liste (- url: "https://www.exemple.fr/" puis, à la ligne suivante, - url: "https://www.exemple.fr/formation")',
    })
    .refine((v) => !HORS_ADRESSE.test(v), {
      abort: true,
      error: (issue) => {
        const c = HORS_ADRESSE.exec(String(issue.input))?.[0] ?? '';
        return `Adresse avec le caractère ${c}, qu’une adresse web ne peut pas contenir : écrivez-le encodé (${encodeURIComponent(c)}) ou corrigez l’adresse`;
      },
    })
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: 'Adresse invalide : attendu une URL complète commençant par https:// ou http://',
      }),
    )
    // The checks before the pipe hide the format from the JSON Schema (editors' hover, field page).
    .meta({ format: 'uri' })
    .describe(description);

/**
 * Web addresses of one kind, as a list: an export's field may hold several addresses, and text
 * around them (« Programme : https://… »). Each element is one link: its address and the text shown
 * for it, or a text alone when the source gives no address.
 */
const liensWeb = (description: string) =>
  z
    .array(
      z
        .strictObject({
          url: url('Une adresse web complète, https://… ou http://….').optional(),
          libelle: text(
            'Texte du lien (l’adresse est montrée sinon), ou texte seul quand la source ne donne pas d’adresse.',
          ).optional(),
        })
        .refine((l) => l.url !== undefined || l.libelle !== undefined, {
          error: 'Élément vide : écrivez url (l’adresse), libelle (son texte) ou les deux',
        })
        .describe('Un lien : son adresse, son texte, ou les deux.'),
      {
        error:
          'Attendu une liste, une adresse par élément de liste : - url: "https://www.exemple.fr/"',
      },
    )
    .describe(`${description} Une adresse par élément de liste.`);

/** Open or closed, or unknown when the source lost the fact (never guessed). */
const ouiNonInconnu = (description: string) =>
  z
    .boolean({
      error: 'Attendu true (oui), false (non) ou null (non précisé dans la source)',
    })
    .nullable()
    .describe(`${description} true = oui, false = non, null = non précisé dans la source.`);

const codeLibelle = (pattern: RegExp, name: string, example: string, description: string) =>
  z
    .strictObject({
      code: code(pattern, `Code ${name}`, example).describe(`Code ${name}, entre guillemets.`),
      libelle: text(
        `Libellé tel qu'écrit dans la fiche (il peut différer du référentiel actuel, qui est affiché à côté).`,
      ).optional(),
    })
    .describe(description);

const niveau = z
  .strictObject({
    europe: z
      .int({ error: 'Niveau européen : un nombre entier de 1 à 8 est attendu, par exemple 5' })
      .min(1, { error: 'Niveau européen : de 1 à 8' })
      .max(8, { error: 'Niveau européen : de 1 à 8' })
      .optional()
      .describe(
        'Niveau du cadre national des certifications (décret 2019-14), identique au niveau européen : 1 à 8.',
      ),
    nomenclature_1969: z
      .enum(NIVEAUX_1969, { error: 'Niveau 1969 : attendu I, II, III, IV ou V' })
      .optional()
      .describe(
        'Niveau dans la nomenclature de 1969 (I à V), pour les fiches enregistrées avant 2019.',
      ),
    sans_niveau: z
      .enum(SANS_NIVEAU_EXPORT, { error: 'Attendu REPRISE ou AUCUN' })
      .optional()
      .describe(
        "Valeur de l'export quand la fiche n'a pas de niveau : REPRISE (sans niveau spécifique) ou AUCUN.",
      ),
    libelle: text("Libellé du niveau tel qu'écrit dans la fiche.").optional(),
  })
  .refine(
    (n) =>
      n.europe === undefined ||
      n.nomenclature_1969 === undefined ||
      CORRESPONDANCE_1969[n.nomenclature_1969].includes(n.europe),
    {
      error:
        'Niveaux incohérents : la correspondance est V→3, IV→4, III→5, II→6, I→7 (ou 8) (décret 2019-14)',
    },
  )
  .describe('Niveau de qualification de la certification.');

const certificateur = z
  .strictObject({
    nom: text('Nom du certificateur (autorité responsable de la certification).'),
    siret: code(SIRET, 'SIRET', '42370591200057')
      .optional()
      .describe('SIRET du certificateur, 14 chiffres entre guillemets, quand il est connu.'),
    qualite_signataire: text(
      'Qualité du ou des signataires de la certification (ancien format).',
    ).optional(),
    nom_commercial: text('Nom commercial du certificateur.').optional(),
    site_internet: liensWeb('Site internet du certificateur.').optional(),
    etat: text("État du certificateur dans l'export (par exemple « Actif »).").optional(),
    date_derniere_modification_etat: isoDate
      .optional()
      .describe("Date du dernier changement d'état."),
  })
  .describe('Un organisme certificateur.');

export const HABILITATIONS = [
  'HABILITATION_FORMER',
  'HABILITATION_ORGANISER',
  'HABILITATION_ORGA_FORM',
] as const;
export type Habilitation = (typeof HABILITATIONS)[number];

const partenaire = z
  .strictObject({
    nom: text("Nom de l'organisme partenaire."),
    siret: code(SIRET, 'SIRET', '42370591200057').optional().describe('SIRET du partenaire.'),
    habilitation: z
      .enum(HABILITATIONS, { error: `Habilitation : attendu ${HABILITATIONS.join(', ')}` })
      .optional()
      .describe(
        'Habilitation : préparer (FORMER), organiser l’évaluation (ORGANISER) ou les deux (ORGA_FORM).',
      ),
    etat: text("État de l'habilitation.").optional(),
    date_actif: isoDate.optional().describe("Date d'activation de l'habilitation."),
    date_derniere_modification_etat: isoDate
      .optional()
      .describe("Date du dernier changement d'état."),
  })
  .describe('Un organisme habilité par le certificateur.');

const bloc = z
  .strictObject({
    code: z
      .string()
      .min(1)
      .describe(
        'Code du bloc (« RNCP34762BC01 ») ou numéro de l’unité dans l’ancien format (« 1 »), entre guillemets.',
      ),
    libelle: text('Intitulé du bloc de compétences ou de l’unité.'),
    competences: markdown('Liste des compétences du bloc').optional(),
    modalites_evaluation: markdown("Modalités d'évaluation du bloc").optional(),
    prerequis_entree_formation: markdown("Prérequis à l'entrée en formation du bloc").optional(),
    prerequis_validation: markdown('Prérequis à la validation du bloc').optional(),
  })
  .describe('Un bloc de compétences (ou une unité capitalisable des anciennes fiches).');

const voie = (description: string) =>
  z
    .strictObject({
      ouverte: ouiNonInconnu('Cette voie permet-elle d’obtenir la certification ?'),
      precision: text(
        'Précision écrite dans la fiche sur cette voie (par exemple « dispositif VAE prévu en 2007 »).',
      ).optional(),
      composition_jury: markdown('Composition du jury pour cette voie').optional(),
      date_derniere_modification: isoDate
        .optional()
        .describe('Date de dernière modification de cette voie.'),
    })
    .describe(description);

export const VOIES_ACCES = {
  formation_initiale: "Après un parcours de formation sous statut d'élève ou d'étudiant",
  apprentissage: "En contrat d'apprentissage",
  formation_continue: 'Après un parcours de formation continue',
  contrat_professionnalisation: 'En contrat de professionnalisation',
  candidature_individuelle: 'Par candidature individuelle',
  vae: "Par expérience (validation des acquis de l'expérience)",
} as const;
export type VoieAcces = keyof typeof VOIES_ACCES;

const voiesAcces = z
  .strictObject({
    formation_initiale: voie(`${VOIES_ACCES.formation_initiale} (SI_JURY_FI).`),
    apprentissage: voie(`${VOIES_ACCES.apprentissage} (SI_JURY_CA).`),
    formation_continue: voie(`${VOIES_ACCES.formation_continue} (SI_JURY_FC).`),
    contrat_professionnalisation: voie(`${VOIES_ACCES.contrat_professionnalisation} (SI_JURY_CQ).`),
    candidature_individuelle: voie(`${VOIES_ACCES.candidature_individuelle} (SI_JURY_CL).`),
    vae: voie(`${VOIES_ACCES.vae} (SI_JURY_VAE).`),
  } satisfies Record<VoieAcces, z.ZodType>)
  .describe("Les six voies d'accès à la certification, chacune ouverte, fermée ou non précisée.");

const texteOfficiel = z
  .strictObject({
    titre: text('Intitulé du texte (arrêté, décret…), tel qu’écrit dans la fiche.'),
    date: isoDate.optional().describe('Date de signature du texte.'),
    date_publication_jo: isoDate.optional().describe('Date de publication au Journal officiel.'),
  })
  .describe('Un texte officiel.');

const baseLegale = z
  .strictObject({
    decret_general: z.array(texteOfficiel).optional().describe('Référence du décret général.'),
    creation: z
      .array(texteOfficiel)
      .optional()
      .describe("Référence de l'arrêté de création (ou du premier arrêté d'enregistrement)."),
    vae: z.array(texteOfficiel).optional().describe('Référence du décret ou de l’arrêté VAE.'),
    autres: z
      .array(texteOfficiel)
      .optional()
      .describe('Autres références (prorogation, changement d’intitulé…).'),
  })
  .describe('Base légale de la certification.');

const promotion = z
  .strictObject({
    annee: z.int().min(1900).max(2100).describe('Année de la promotion.'),
    nombre_certifies: z.int().min(0).optional().describe('Nombre de certifiés.'),
    nombre_certifies_vae: z.int().min(0).optional().describe('Nombre de certifiés par la VAE.'),
    taux_insertion_global_6_mois: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("Taux d'insertion global à 6 mois (%)."),
    taux_insertion_metier_2_ans: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("Taux d'insertion dans le métier à 2 ans (%)."),
  })
  .describe("Statistiques d'une promotion.");

const lien = z
  .strictObject({
    numero: numeroFiche,
    intitule: text('Intitulé de la fiche liée.').optional(),
    precedente: numeroFiche
      .optional()
      .describe('Pour une certification ultérieure : la fiche qu’elle remplace directement.'),
    niveau_europe: z
      .int()
      .min(1)
      .max(8)
      .optional()
      .describe('Niveau de la fiche liée, quand il est connu.'),
    certificateur: text('Certificateur de la fiche liée, quand il est connu.').optional(),
  })
  .describe('Une fiche liée par la lignée.');

const lignee = z
  .strictObject({
    precedentes: z
      .array(lien)
      .optional()
      .describe('Certifications précédentes (que celle-ci remplace).'),
    suivantes: z
      .array(lien)
      .optional()
      .describe('Certifications suivantes (qui remplacent directement celle-ci).'),
    ulterieures: z
      .array(lien)
      .optional()
      .describe(
        'Certifications ultérieures de la même lignée, de la plus ancienne à la plus récente, chacune avec la fiche qu’elle remplace.',
      ),
    source: text(
      'Où la lignée a été relevée (par exemple « export France Compétences du 2026-02-01 »).',
    ).optional(),
  })
  .describe('Historique : fiches précédentes et suivantes.');

const contact = z
  .strictObject({
    libelle: text('À quoi sert ce contact.').optional(),
    email: z
      .email({ error: 'Adresse électronique invalide' })
      .optional()
      .describe('Adresse électronique.'),
    telephone: text('Téléphone.').optional(),
    site_internet: liensWeb('Site internet.').optional(),
  })
  .describe('Un contact pour en savoir plus.');

const source = z
  .strictObject({
    url: url('Adresse de la source.'),
    titre: text('Ce que contient cette source.'),
    archivee: z
      .boolean()
      .optional()
      .describe('true si l’adresse ne répond plus (elle est montrée comme archive).'),
  })
  .describe("Une source d'origine de la fiche.");

const correspondance = z
  .strictObject({
    blocs_source: z
      .array(code(BLOC_CODE, 'Code de bloc', 'RNCP34762BC01'))
      .describe('Blocs de cette fiche.'),
    fiche_destination: numeroFiche.describe('Fiche vers laquelle ces blocs correspondent.'),
    blocs_destination: z
      .array(code(BLOC_CODE, 'Code de bloc', 'RNCP34762BC01'))
      .optional()
      .describe('Blocs correspondants de la fiche de destination.'),
  })
  .describe('Une correspondance de blocs de compétences avec une autre fiche.');

/** The fields of a fiche, without the checks across fields (those are in ficheSchema below). */
export const ficheFields = z.strictObject({
  numero_fiche: numeroFiche,
  id_fiche: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .describe("Identifiant interne de la fiche dans l'export (ID_FICHE)."),
  intitule: text('Intitulé de la certification.'),
  anciens_intitules: z
    .array(text('Un ancien intitulé.'))
    .optional()
    .describe('Anciens intitulés de la certification.'),
  abrege: z
    .strictObject({
      code: text('Code de l’abrégé (BTS, TP, CQP…).'),
      libelle: text("Libellé de l'abrégé.").optional(),
    })
    .optional()
    .describe('Type de certification abrégé.'),
  statut: z
    .strictObject({
      actif: z
        .boolean({ error: 'statut.actif : attendu true ou false' })
        .describe("true si l'on peut encore obtenir la certification, false sinon."),
      etat: text("État de la fiche dans l'export (Publiée, Dépubliée/Archivée…).").optional(),
      mention: text(
        'Mention de statut écrite dans la fiche (« L’accès à la certification n’est plus possible »).',
      ).optional(),
    })
    .describe('Statut de la fiche.'),
  dates: z
    .strictObject({
      decision: isoDate.optional().describe("Date de la décision d'enregistrement."),
      effet: isoDate.optional().describe("Date d'effet de l'enregistrement."),
      fin_enregistrement: isoDate.optional().describe("Date de fin d'enregistrement."),
      limite_delivrance: isoDate
        .optional()
        .describe('Date limite de délivrance de la certification.'),
      publication: isoDate.optional().describe('Date de publication de la fiche.'),
      dernier_jo: isoDate.optional().describe('Date du dernier Journal officiel.'),
      duree_enregistrement: text("Durée d'enregistrement (« cinq ans »).").optional(),
      type_enregistrement: text("Type d'enregistrement (de droit, sur demande).").optional(),
    })
    .optional()
    .describe("Dates de l'enregistrement."),
  certificateurs: z
    .array(certificateur)
    .min(1, { error: 'Au moins un certificateur est attendu' })
    .describe('Certificateurs.'),
  existence_partenaires: z
    .boolean()
    .optional()
    .describe('La fiche déclare-t-elle des partenaires ?'),
  partenaires: z.array(partenaire).optional().describe('Organismes partenaires habilités.'),
  niveau: niveau.optional(),
  nsf: z
    .array(codeLibelle(NSF, 'NSF', '332t', 'Une spécialité NSF.'))
    .optional()
    .describe('Codes NSF (spécialités de formation).'),
  formacodes: z
    .array(codeLibelle(FORMACODE, 'Formacode', '44028', 'Un Formacode.'))
    .optional()
    .describe('Formacodes.'),
  rome: z
    .array(codeLibelle(ROME, 'ROME', 'K1801', 'Un code ROME.'))
    .optional()
    .describe('Codes des fiches ROME les plus proches.'),
  idcc: z
    .array(codeLibelle(IDCC, 'IDCC', '2941', 'Une convention collective (IDCC).'))
    .optional()
    .describe('Conventions collectives (IDCC).'),
  conventions: z
    .array(text('Une convention citée par la fiche.'))
    .optional()
    .describe('Conventions citées par la fiche (CCN, ou « Convention(s) » de l’ancien format).'),
  ccn: z
    .array(
      z
        .strictObject({
          numero: text(
            'Numéro de la convention collective nationale (brochure du Journal officiel, « 3246 »), entre guillemets.',
          ),
          libelle: text('Libellé de la convention tel qu’écrit dans la fiche.').optional(),
        })
        .describe('Une convention collective nationale (CCN_1 à CCN_3 de l’export).'),
    )
    .optional()
    .describe(
      'Conventions collectives nationales rattachées à la fiche (CCN_1 à CCN_3 de l’export France Compétences).',
    ),
  blocs: z.array(bloc).optional().describe('Blocs de compétences ou unités capitalisables.'),
  validation_partielle: z
    .boolean()
    .optional()
    .describe('La certification peut-elle être validée par blocs ?'),
  validite_composantes_acquises: text(
    'Durée de validité des composantes acquises (« 5 ans »).',
  ).optional(),
  duree_validite: text('Durée de validité de la certification (fiches RS).').optional(),
  voies_acces: voiesAcces,
  accessible_nouvelle_caledonie: ouiNonInconnu('Accessible en Nouvelle-Calédonie ?'),
  accessible_polynesie_francaise: ouiNonInconnu('Accessible en Polynésie française ?'),
  base_legale: baseLegale.optional(),
  statistiques: z
    .strictObject({
      promotions: z.array(promotion).optional().describe('Statistiques par promotion.'),
      mention: text(
        'Statistiques telles qu’écrites dans la fiche (« 45 certifiés par an »).',
      ).optional(),
      annees_promotions_niveau: z
        .array(z.int().min(1900).max(2100))
        .optional()
        .describe('Années des promotions ayant permis le niveau.'),
    })
    .optional()
    .describe('Statistiques.'),
  contacts: z.array(contact).optional().describe("Autres sources d'information."),
  lieux_certification: z
    .array(text('Un lieu (organisme et adresse).'))
    .optional()
    .describe('Lieux de certification.'),
  lieux_preparation: z
    .array(text('Un lieu (organisme et adresse).'))
    .optional()
    .describe('Lieux de préparation déclarés par le certificateur.'),
  correspondances: z
    .array(correspondance)
    .optional()
    .describe('Correspondances de blocs avec d’autres fiches.'),
  lignee: lignee.optional(),
  url_description: liensWeb(
    'Liens vers une description de la certification (LIEN_URL_DESCRIPTION).',
  ).optional(),
  sources: z.array(source).optional().describe("Sources d'origine de la fiche."),
  absent_export_depuis: isoDate
    .optional()
    .describe(
      'Date de la première synchronisation (npm run sync) où la fiche, importée de l’export France Compétences, n’y figurait plus. Écrit et retiré par la synchronisation ; seulement pour une fiche qui a un bloc import.',
    ),
  import: z
    .strictObject({
      flux: text('Fichier ou export dont la fiche a été importée.'),
      date_flux: isoDate.optional().describe("Date de l'export."),
      empreinte: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe(
          'Empreinte SHA-256 du fichier tel qu’importé : un fichier modifié à la main depuis n’est pas écrasé.',
        ),
    })
    .optional()
    .describe('Trace du dernier import automatique (ne pas modifier à la main).'),
});

export const ficheSchema = ficheFields
  .superRefine((fiche, ctx) => {
    const repertoire = fiche.numero_fiche.startsWith('RS') ? 'RS' : 'RNCP';
    fiche.blocs?.forEach((b, index) => {
      if (BLOC_CODE.test(b.code) && !b.code.startsWith(fiche.numero_fiche + 'BC')) {
        ctx.addIssue({
          code: 'custom',
          path: ['blocs', index, 'code'],
          message: `Le code du bloc doit commencer par le numéro de la fiche : "${fiche.numero_fiche}BC01"`,
        });
      }
    });
    if (fiche.absent_export_depuis !== undefined && fiche.import === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['absent_export_depuis'],
        message:
          'absent_export_depuis ne concerne que les fiches importées de l’export France Compétences (avec un bloc import) : supprimez ce champ',
      });
    }
    if (repertoire === 'RNCP' && fiche.niveau === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['niveau'],
        message: 'Une fiche RNCP a un niveau : ajoutez niveau.europe (1 à 8) ou niveau.sans_niveau',
      });
    }
  })
  .describe('Une fiche du RNCP ou du Répertoire spécifique.');

export type Fiche = z.infer<typeof ficheSchema>;
export type Bloc = z.infer<typeof bloc>;
export type Voie = z.infer<typeof voiesAcces>[VoieAcces];
export type Lien = z.infer<typeof lien>;
export type Certificateur = z.infer<typeof certificateur>;
export type LienWeb = NonNullable<Fiche['url_description']>[number];

export { NUMERO_FICHE };
