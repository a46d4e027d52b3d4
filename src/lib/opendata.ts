/**
 * The catalogue for machines: the JSON files of the open data under /api/, their addresses, licence
 * and source, and the list of their JSON Schemas published under /schema/api/ (the schemas
 * themselves are in src/schema/api.ts). The CSV file is built by ./fiches-csv.ts, the schema.org
 * description of a fiche by ./json-ld.ts. Pure functions over the fiches' data: the routes in
 * src/pages only call them.
 */
import {
  fichesListSchema,
  ficheDocumentSchema,
  nsfMappingSchema,
  romeMappingSchema,
  type CodeMapping,
  type FicheDocument,
  type FicheResume,
  type FichesList,
} from '../schema/api.ts';
import { splitNumeroFiche } from '../schema/codes.ts';
import { VOIES_ACCES, type Fiche, type VoieAcces } from '../schema/fiche.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { sectionKeyOf, type SectionKey } from '../schema/sections.ts';
import { ficheUrl } from './fiche.ts';
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
    voies_acces: Object.fromEntries(
      (Object.keys(VOIES_ACCES) as VoieAcces[]).map((voie) => [
        voie,
        fiche.voies_acces?.[voie].ouverte ?? null,
      ]),
    ) as FicheResume['voies_acces'],
    ...(fiche.validation_partielle !== undefined
      ? { validation_partielle: fiche.validation_partielle }
      : {}),
    accessible_nouvelle_caledonie: fiche.accessible_nouvelle_caledonie ?? null,
    accessible_polynesie_francaise: fiche.accessible_polynesie_francaise ?? null,
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
