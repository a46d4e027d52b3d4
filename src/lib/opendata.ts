/**
 * The catalogue for machines: the open-data files under /api/ (JSON and CSV), their JSON Schemas under
 * /schema/api/ and the schema.org description of a fiche.
 * Pure functions over the fiches' data: the routes in src/pages only call them.
 */
import { z } from 'astro/zod';
import type {
  DefinedTerm,
  EducationalOccupationalCredential,
  Occupation,
  Organization,
  WithContext,
} from 'schema-dts';
import {
  BLOC_CODE,
  FORMACODE,
  NSF,
  REPERTOIRES,
  ROME,
  isoDate,
  numeroFiche,
  splitNumeroFiche,
  type Repertoire,
} from '../schema/codes.ts';
import { ficheSchema, type Fiche } from '../schema/fiche.ts';
import { NIVEAUX_1969 } from '../schema/niveaux.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { SECTIONS, sectionKeyOf, type SectionKey } from '../schema/sections.ts';
import type { FicheView } from './catalogue.ts';
import { ficheUrl, franceCompetencesUrl } from './fiche.ts';
import { publishedSchema, type JsonSchema } from './json-schema.ts';

/** The licence of the files, that of the France Compétences data they are made of. */
export const LICENCE = {
  nom: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

export const SOURCE =
  'Fiches du RNCP et du Répertoire spécifique publiées par France Compétences, transcrites et vérifiées par le projet fiches-rncp.';

/** `/api/rncp/6133.json`: the whole fiche. */
export function ficheApiPath(numero: string): string {
  const { repertoire, numero: n } = splitNumeroFiche(numero);
  return `/api/${repertoire.toLowerCase()}/${n}.json`;
}

export const API_PATHS = {
  fiches: '/api/fiches.json',
  csv: '/api/fiches.csv',
  rome: '/api/rome.json',
  nsf: '/api/nsf.json',
} as const;

// ---------------------------------------------------------------------------------------------------
// The shape of every JSON file, in zod: the JSON Schemas published under /schema/api/ come from here.

const absoluteUrl = (description: string) => z.url().describe(description);
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

/** Every published schema of the open data: its address, and the file it describes. */
export const API_SCHEMAS = [
  {
    path: '/schema/api/fiche.json',
    describes: '/api/rncp/N.json et /api/rs/N.json',
    title: 'Une fiche complète (fichier /api/rncp/N.json ou /api/rs/N.json)',
    schema: ficheDocumentSchema,
  },
  {
    path: '/schema/api/fiches.json',
    describes: API_PATHS.fiches,
    title: 'Toutes les fiches et leurs faits clés (fichier /api/fiches.json)',
    schema: fichesListSchema,
  },
  {
    path: '/schema/api/rome.json',
    describes: API_PATHS.rome,
    title: 'Des codes ROME vers les fiches (fichier /api/rome.json)',
    schema: romeMappingSchema,
  },
  {
    path: '/schema/api/nsf.json',
    describes: API_PATHS.nsf,
    title: 'Des codes NSF vers les fiches (fichier /api/nsf.json)',
    schema: nsfMappingSchema,
  },
] as const;

export function apiJsonSchema(schemaPath: string, site: URL | string): JsonSchema {
  const entry = API_SCHEMAS.find((s) => s.path === schemaPath);
  if (!entry) throw new Error(`Unknown schema ${schemaPath}`);
  return publishedSchema(entry.schema, {
    id: new URL(entry.path, site).href,
    title: entry.title,
    io: 'input',
  });
}

// ---------------------------------------------------------------------------------------------------
// Building the files.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_2 = /^ {0,3}##(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
/** A heading's text without emphasis or code marks, as the Markdown parser reads it. */
const plain = (title: string) => title.replace(/[*_`]/g, '');

/**
 * The body's sections as Markdown, exactly as written under each `##` heading (ATX or setext, outside
 * fenced code). A line scan, not a Markdown parse: parsing costs ~7 ms for a 3 kB body, minutes over
 * 30,000 fiches, and the validator guarantees the structure (known `##` titles, no HTML); the tests
 * check it splits every fiche as the Markdown parser does.
 */
export function sectionsMarkdown(body: string | undefined): Partial<Record<SectionKey, string>> {
  const sections: Partial<Record<SectionKey, string>> = {};
  if (!body) return sections;
  const lines = body.split('\n');
  let fence: { char: string; length: number } | undefined;
  let current: SectionKey | undefined;
  let content: string[] = [];
  const close = () => {
    const text = content.join('\n').trim();
    if (current && text) sections[current] = text;
  };
  lines.forEach((line, index) => {
    if (fence) {
      const closing = FENCE.exec(line);
      if (
        closing?.[1]?.[0] === fence.char &&
        closing[1].length >= fence.length &&
        !line.slice(closing[0].length).trim()
      ) {
        fence = undefined;
      }
      content.push(line);
      return;
    }
    const opening = FENCE.exec(line);
    if (opening) {
      fence = { char: opening[1]![0]!, length: opening[1]!.length };
      content.push(line);
      return;
    }
    const atx = ATX_2.exec(line);
    const setext =
      SETEXT_2.test(line) && index > 0 && content.length > 0
        ? sectionKeyOf(plain(lines[index - 1]!))
        : undefined;
    if (atx || setext) {
      if (setext) content.pop();
      close();
      current = setext ?? sectionKeyOf(plain(atx![1] ?? ''));
      content = [];
      return;
    }
    content.push(line);
  });
  close();
  return sections;
}

export function ficheDocument(
  fiche: Fiche,
  body: string | undefined,
  options: { site: URL; source: string; updated: string | undefined },
): FicheDocument {
  return {
    $schema: new URL('/schema/api/fiche.json', options.site).href,
    numero_fiche: fiche.numero_fiche,
    url: new URL(ficheUrl(fiche.numero_fiche), options.site).href,
    source: options.source,
    mis_a_jour: options.updated ?? null,
    fiche,
    sections: sectionsMarkdown(body),
  };
}

export function ficheResume(fiche: FicheFacts, site: URL): FicheResume {
  const { repertoire } = splitNumeroFiche(fiche.numero_fiche);
  const niveau = fiche.niveau;
  return {
    numero_fiche: fiche.numero_fiche,
    repertoire,
    intitule: fiche.intitule,
    ...(fiche.abrege ? { abrege: fiche.abrege.code } : {}),
    actif: fiche.statut.actif,
    ...(niveau?.europe !== undefined ? { niveau_europe: niveau.europe } : {}),
    ...(niveau?.nomenclature_1969 ? { niveau_1969: niveau.nomenclature_1969 } : {}),
    certificateurs: fiche.certificateurs.map((c) => ({
      nom: c.nom,
      ...(c.siret ? { siret: c.siret } : {}),
    })),
    rome: (fiche.rome ?? []).map((r) => r.code),
    nsf: (fiche.nsf ?? []).map((n) => n.code),
    formacodes: (fiche.formacodes ?? []).map((f) => f.code),
    ...(fiche.dates?.effet ? { date_effet: fiche.dates.effet } : {}),
    ...(fiche.dates?.fin_enregistrement
      ? { date_fin_enregistrement: fiche.dates.fin_enregistrement }
      : {}),
    remplacee_par: (fiche.lignee?.suivantes ?? []).map((l) => l.numero),
    url: new URL(ficheUrl(fiche.numero_fiche), site).href,
    json: new URL(ficheApiPath(fiche.numero_fiche), site).href,
  };
}

export function fichesList(fiches: readonly FicheFacts[], site: URL): FichesList {
  return {
    $schema: new URL('/schema/api/fiches.json', site).href,
    licence: { ...LICENCE },
    source: SOURCE,
    nombre: fiches.length,
    fiches: fiches.map((fiche) => ficheResume(fiche, site)),
  };
}

/** Codes → the fiches citing them, in the fiches' order; codes sorted. */
export function codeMapping(
  nomenclature: 'ROME' | 'NSF',
  fiches: readonly FicheFacts[],
  libelle: (code: string) => string | undefined,
  site: URL,
): CodeMapping {
  const byCode = new Map<string, { numero_fiche: string; actif: boolean }[]>();
  for (const fiche of fiches) {
    const codes = (nomenclature === 'ROME' ? fiche.rome : fiche.nsf) ?? [];
    for (const code of new Set(codes.map((c) => c.code))) {
      const list = byCode.get(code) ?? [];
      list.push({ numero_fiche: fiche.numero_fiche, actif: fiche.statut.actif });
      byCode.set(code, list);
    }
  }
  const codes: CodeMapping['codes'] = {};
  for (const code of [...byCode.keys()].sort()) {
    const label = libelle(code);
    codes[code] = { ...(label ? { libelle: label } : {}), fiches: byCode.get(code)! };
  }
  return {
    $schema: new URL(`/schema/api/${nomenclature.toLowerCase()}.json`, site).href,
    licence: { ...LICENCE },
    source: SOURCE,
    nomenclature,
    codes,
  };
}

// ---------------------------------------------------------------------------------------------------
// The CSV file: one row per fiche, `;`-separated UTF-8 with CRLF and quoted values, like the official
// export; where a column exists there, it has the same name and the same way of writing values.

/** `2007-03-03` → `03/03/2007`, as the official CSV writes dates. */
function frenchDate(iso: string | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const several = (values: readonly string[]) => values.join('|');

export interface CsvColumn {
  name: string;
  description: string;
  value: (fiche: FicheFacts, site: URL) => string;
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: 'Numero_Fiche',
    description: 'Numéro de la fiche (RNCP6133, RS5000), comme dans l’export officiel.',
    value: (f) => f.numero_fiche,
  },
  { name: 'Intitule', description: 'Intitulé de la certification.', value: (f) => f.intitule },
  {
    name: 'Abrege_Libelle',
    description: 'Type de certification abrégé (BTS, TP, CQP…).',
    value: (f) => f.abrege?.code ?? '',
  },
  {
    name: 'Abrege_Intitule',
    description: 'Libellé du type de certification.',
    value: (f) => f.abrege?.libelle ?? '',
  },
  {
    name: 'Nomenclature_Europe_Niveau',
    description:
      'Niveau comme dans l’export officiel : NIV1 à NIV8, REPRISE ou AUCUN ; vide si inconnu.',
    value: (f) =>
      f.niveau?.europe !== undefined ? `NIV${f.niveau.europe}` : (f.niveau?.sans_niveau ?? ''),
  },
  {
    name: 'Niveau_1969',
    description:
      'Niveau dans la nomenclature de 1969 (I à V), pour les fiches enregistrées avant 2019.',
    value: (f) => f.niveau?.nomenclature_1969 ?? '',
  },
  {
    name: 'Actif',
    description: 'ACTIVE si l’on peut encore obtenir la certification, INACTIVE sinon.',
    value: (f) => (f.statut.actif ? 'ACTIVE' : 'INACTIVE'),
  },
  {
    name: 'Date_Decision',
    description: 'Date de la décision d’enregistrement (JJ/MM/AAAA).',
    value: (f) => frenchDate(f.dates?.decision),
  },
  {
    name: 'Date_Effet',
    description: 'Date d’effet de l’enregistrement (JJ/MM/AAAA).',
    value: (f) => frenchDate(f.dates?.effet),
  },
  {
    name: 'Date_Fin_Enregistrement',
    description: 'Date de fin d’enregistrement (JJ/MM/AAAA).',
    value: (f) => frenchDate(f.dates?.fin_enregistrement),
  },
  {
    name: 'Certificateurs',
    description: 'Noms des certificateurs, séparés par « | ».',
    value: (f) => several(f.certificateurs.map((c) => c.nom)),
  },
  {
    name: 'Siret_Certificateurs',
    description:
      'SIRET des certificateurs, dans le même ordre, séparés par « | » (vide pour un SIRET inconnu).',
    value: (f) => several(f.certificateurs.map((c) => c.siret ?? '')),
  },
  {
    name: 'Codes_Rome',
    description: 'Codes ROME, séparés par « | ».',
    value: (f) => several((f.rome ?? []).map((r) => r.code)),
  },
  {
    name: 'Codes_Nsf',
    description: 'Codes NSF, séparés par « | ».',
    value: (f) => several((f.nsf ?? []).map((n) => n.code)),
  },
  {
    name: 'Formacodes',
    description: 'Formacodes, séparés par « | ».',
    value: (f) => several((f.formacodes ?? []).map((c) => c.code)),
  },
  {
    name: 'Remplacee_Par',
    description: 'Fiches qui remplacent directement celle-ci, séparées par « | ».',
    value: (f) => several((f.lignee?.suivantes ?? []).map((l) => l.numero)),
  },
  {
    name: 'Url',
    description: 'Page de la fiche sur ce site.',
    value: (f, site) => new URL(ficheUrl(f.numero_fiche), site).href,
  },
  {
    name: 'Url_Json',
    description: 'La fiche complète en JSON.',
    value: (f, site) => new URL(ficheApiPath(f.numero_fiche), site).href,
  },
];

/** A value as the official CSV writes it: quoted (quotes doubled), or nothing when empty. */
function csvValue(value: string): string {
  return value === '' ? '' : `"${value.replace(/"/g, '""')}"`;
}

export function fichesCsv(fiches: readonly FicheFacts[], site: URL): string {
  const lines = [CSV_COLUMNS.map((c) => csvValue(c.name)).join(';')];
  for (const fiche of fiches) {
    lines.push(CSV_COLUMNS.map((c) => csvValue(c.value(fiche, site))).join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------------
// schema.org, for search engines and other readers of structured data.

const CADRE_NATIONAL = 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000037964754';
const CATEGORIES: Record<Repertoire, string> = {
  RNCP: 'Certification professionnelle enregistrée au Répertoire national des certifications professionnelles (RNCP)',
  RS: 'Certification enregistrée au Répertoire spécifique (RS)',
};

/**
 * The fiche as an EducationalOccupationalCredential. schema.org gives a credential no
 * occupationalCategory: the ROME codes are the occupationalCategory of the occupations it is `about`.
 */
export function ficheJsonLd(
  view: FicheView,
  site: URL,
): WithContext<EducationalOccupationalCredential> {
  const { fiche } = view;
  const { repertoire } = splitNumeroFiche(fiche.numero_fiche);
  const url = new URL(view.url, site).href;
  const europe = fiche.niveau?.europe;
  const recognizedBy: Organization[] = [
    ...fiche.certificateurs.map((c): Organization => ({
      '@type': 'Organization',
      name: c.nom,
      ...(c.siret
        ? { identifier: { '@type': 'PropertyValue', propertyID: 'SIRET', value: c.siret } }
        : {}),
      ...(c.site_internet ? { url: c.site_internet } : {}),
    })),
    {
      '@type': 'GovernmentOrganization',
      name: 'France Compétences',
      url: 'https://www.francecompetences.fr/',
    },
  ];
  const competencies: DefinedTerm[] = (fiche.blocs ?? []).map((b) => ({
    '@type': 'DefinedTerm',
    name: b.libelle,
    ...(BLOC_CODE.test(b.code) ? { termCode: b.code } : {}),
  }));
  const occupations: Occupation[] = view.rome.map((r) => ({
    '@type': 'Occupation',
    name: r.libelleActuel ?? r.libelle ?? r.code,
    occupationalCategory: {
      '@type': 'CategoryCode',
      codeValue: r.code,
      ...(r.libelle ? { name: r.libelle } : {}),
      inCodeSet: {
        '@type': 'CategoryCodeSet',
        name: 'ROME, Répertoire opérationnel des métiers et des emplois (France Travail)',
      },
    },
  }));
  return {
    '@context': 'https://schema.org',
    '@type': 'EducationalOccupationalCredential',
    '@id': `${url}#certification`,
    name: fiche.intitule,
    url,
    sameAs: franceCompetencesUrl(fiche.numero_fiche),
    inLanguage: 'fr',
    identifier: { '@type': 'PropertyValue', propertyID: repertoire, value: fiche.numero_fiche },
    credentialCategory: {
      '@type': 'DefinedTerm',
      name: CATEGORIES[repertoire],
      termCode: repertoire,
    },
    ...(europe !== undefined
      ? {
          educationalLevel: {
            '@type': 'DefinedTerm',
            name: `Niveau ${europe} du cadre national des certifications professionnelles`,
            termCode: String(europe),
            inDefinedTermSet: CADRE_NATIONAL,
          },
        }
      : {}),
    recognizedBy,
    ...(competencies.length ? { competencyRequired: competencies } : {}),
    ...(occupations.length ? { about: occupations } : {}),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` data block: `<` is written `\u003c`, so no text of
 * a fiche can close the script element or open a comment in it.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The site's address (astro.config.mjs `site`), which every absolute URL of the files needs. */
export function requireSite(site: URL | undefined): URL {
  if (!site)
    throw new Error('astro.config.mjs must set `site`: the open-data files use absolute URLs.');
  return site;
}
