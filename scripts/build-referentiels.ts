/**
 * `npm run referentiels` — builds the project's own compact reference tables (codes, labels,
 * hierarchy: facts only) from the open data in ../shared/data, into content/referentiels/:
 * rome.json, nsf.json, niveaux.json and SOURCES.md.
 *
 * The data directory is `../shared/data` beside the repository, or `SHARED_DATA_DIR`. The output only
 * depends on the input files (no date, no absolute path), so a rebuild without new data changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { parseCsvRecords, type CsvRecord } from '../src/lib/csv.ts';
import {
  normalizeLibelle,
  type Niveau1969,
  type NiveauEntry,
  type NsfEntry,
  type NsfLettre,
  type NsfLettreType,
  type RomeEntry,
  type SansNiveau,
} from '../src/lib/referentiels.ts';
import { sharedDataDir } from '../src/lib/test-data/manifest.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GENERE_PAR = 'scripts/build-referentiels.ts';

/** Input files, relative to the data directory. */
const FICHIERS = {
  romeV3: 'rome/rome3/unix_arborescence_v344_utf8.xml',
  romeV4Version: 'rome/rome4-v458/version.txt',
  romeV4GrandsDomaines: 'rome/rome4-v458/unix_grand_domaine_v458_utf8.csv',
  romeV4Domaines: 'rome/rome4-v458/unix_domaine_professionnel_v458_utf8.csv',
  romeV4Fiches: 'rome/rome4-v458/unix_referentiel_code_rome_v458_utf8.csv',
  romeV4Arborescence: 'rome/rome4-v458/unix_cr_gd_dp_v458_utf8.csv',
  exportRome:
    'france-competences/export-fiches-csv-2026-02-01-partial/export_fiches_CSV_Rome_2026_02_01.csv',
  exportNsf:
    'france-competences/export-fiches-csv-2026-02-01-partial/export_fiches_CSV_Nsf_2026_02_01.csv',
  exportStandard2024:
    'france-competences/export-fiches-csv-2024-02-22-sample/export_fiches_CSV_Standard_2024_02_22.csv',
  nsfLoi: 'nsf/code-education-article-D311-4.md',
  nsfGroupesBcn: 'nsf/bcn_n_groupe_specialite_.csv',
  niveaux: 'niveaux/cadre-national-niveaux_decret-2019-14_TRANSCRIBED.csv',
} as const;

const LICENCE_EXPORT = 'Licence Ouverte / Open Licence 2.0 (Etalab)';

/**
 * What each level attests, after article D6113-19 of the Code du travail (created by décret
 * n° 2019-14 du 8 janvier 2019). The transcribed level table in ../shared/data has no descriptor
 * column, so the article's sentences are kept here, one per level, barely shortened.
 */
const DESCRIPTIONS_D6113_19: Readonly<Record<string, string>> = {
  '1': 'Le niveau 1 correspond à la maîtrise des savoirs de base.',
  '2': "Le niveau 2 atteste la capacité à effectuer des activités simples et à résoudre des problèmes courants à l'aide de règles et d'outils simples, en mobilisant des savoir-faire professionnels dans un contexte structuré, avec un niveau restreint d'autonomie.",
  '3': "Le niveau 3 atteste la capacité à effectuer des activités et à résoudre des problèmes en sélectionnant et en appliquant des méthodes, des outils, des matériels et des informations de base, dans un contexte connu, ainsi qu'à adapter les moyens d'exécution et son comportement aux circonstances.",
  '4': "Le niveau 4 atteste la capacité à effectuer des activités qui mobilisent un éventail large d'aptitudes, à adapter des solutions existantes pour résoudre des problèmes précis, à organiser son travail de manière autonome dans des contextes généralement prévisibles mais susceptibles de changer, et à participer à l'évaluation des activités.",
  '5': "Le niveau 5 atteste la capacité à maîtriser des savoir-faire dans un champ d'activité, à élaborer des solutions à des problèmes nouveaux, à analyser et interpréter des informations en mobilisant des concepts, et à transmettre le savoir-faire et des méthodes.",
  '6': 'Le niveau 6 atteste la capacité à analyser et résoudre des problèmes complexes imprévus dans un domaine spécifique, à formaliser des savoir-faire et des méthodes et à les capitaliser.',
  '7': "Le niveau 7 atteste la capacité à élaborer et mettre en œuvre des stratégies alternatives pour le développement de l'activité professionnelle dans des contextes professionnels complexes, et à évaluer les risques et les conséquences de son activité.",
  '8': "Le niveau 8 atteste la capacité à identifier et résoudre des problèmes complexes et nouveaux impliquant une pluralité de domaines, en mobilisant les connaissances et les savoir-faire les plus avancés, et à concevoir et piloter des projets et des processus de recherche et d'innovation.",
};

export interface BuildOptions {
  /** The shared open-data directory (../shared/data). */
  dataDir: string;
  /** Where the tables are written (content/referentiels). */
  outDir: string;
}

export interface BuildResult {
  fichiers: { chemin: string; octets: number; entrees: number | null }[];
  /** Facts worth knowing about the data (codes outside the referentials, ignored pseudo-groups…). */
  remarques: string[];
}

export function defaultDataDir(): string {
  return sharedDataDir();
}

export function buildReferentiels({ dataDir, outDir }: BuildOptions): BuildResult {
  const remarques: string[] = [];
  const source = new Source(dataDir);
  const rome = buildRome(source, remarques);
  const nsf = buildNsf(source, remarques);
  const niveaux = buildNiveaux(source, remarques);
  const sources = buildSourcesMd({ rome, nsf, niveaux });

  fs.mkdirSync(outDir, { recursive: true });
  const fichiers: BuildResult['fichiers'] = [];
  for (const [name, text, entrees] of [
    ['rome.json', rome.json, rome.count],
    ['nsf.json', nsf.json, nsf.count],
    ['niveaux.json', niveaux.json, niveaux.count],
    ['SOURCES.md', sources, null],
  ] as const) {
    const chemin = path.join(outDir, name);
    fs.writeFileSync(chemin, text);
    fichiers.push({ chemin, octets: Buffer.byteLength(text), entrees });
  }
  return { fichiers, remarques };
}

// ---------------------------------------------------------------------------------------------
// Reading the inputs

class Source {
  readonly dataDir: string;
  constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  text(relative: string): string {
    const file = path.join(this.dataDir, relative);
    if (!fs.existsSync(file)) {
      throw new Error(
        `Fichier source introuvable : ${file} (donnez le dossier des données avec SHARED_DATA_DIR)`,
      );
    }
    return fs.readFileSync(file, 'utf8');
  }

  records(relative: string): Table {
    return new Table(relative, parseCsvRecords(this.text(relative)));
  }
}

/** CSV records whose columns are checked on access. */
class Table {
  readonly file: string;
  readonly rows: readonly CsvRecord[];
  constructor(file: string, rows: readonly CsvRecord[]) {
    this.file = file;
    this.rows = rows;
  }

  map<T>(read: (get: (column: string) => string) => T): T[] {
    return this.rows.map((row, index) =>
      read((column) => {
        const value = row[column];
        if (value === undefined) {
          throw new Error(`${this.file} : colonne « ${column} » absente (ligne ${index + 2})`);
        }
        return value;
      }),
    );
  }
}

/** A label as published: NFC, trimmed. */
function clean(label: string): string {
  return label.normalize('NFC').trim();
}

/** The export doubles the apostrophes of ROME labels: `d''affaires`. */
function cleanExportLabel(label: string): string {
  return clean(label.replace(/''/g, "'"));
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedMap<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map.keys()].sort(byCode).map((key) => [key, map.get(key) as V]));
}

/** The label most used for each code (ties: the first in code order of the labels), with counts. */
function labelsByCode(
  pairs: Iterable<[string, string]>,
): Map<string, { libelle: string; variantes: number }> {
  const counts = new Map<string, Map<string, number>>();
  for (const [code, label] of pairs) {
    const labels = counts.get(code) ?? new Map<string, number>();
    labels.set(label, (labels.get(label) ?? 0) + 1);
    counts.set(code, labels);
  }
  const result = new Map<string, { libelle: string; variantes: number }>();
  for (const [code, labels] of counts) {
    const [best] = [...labels].sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]));
    if (best) result.set(code, { libelle: best[0], variantes: labels.size });
  }
  return result;
}

function list(codes: Iterable<string>): string {
  return [...codes].sort(byCode).join(', ');
}

// ---------------------------------------------------------------------------------------------
// ROME

const ROME_GRAND_DOMAINE = /^[A-N]$/;
const ROME_DOMAINE = /^[A-N]\d{2}$/;
const ROME_FICHE = /^[A-N]\d{4}$/;

function romeType(code: string): RomeEntry['type'] {
  if (ROME_GRAND_DOMAINE.test(code)) return 'grand_domaine';
  if (ROME_DOMAINE.test(code)) return 'domaine';
  if (ROME_FICHE.test(code)) return 'fiche';
  throw new Error(`Code ROME de forme inconnue : ${JSON.stringify(code)}`);
}

/** K1801 → K18, K18 → K, K00 → K: the hierarchy is in the shape of the code. */
function romeParent(code: string): string | undefined {
  const type = romeType(code);
  if (type === 'fiche') return code.slice(0, 3);
  if (type === 'domaine') return code.slice(0, 1);
  return undefined;
}

interface RomeV3Item {
  code: string;
  pere: string;
  libelle: string;
}

/** The "Arborescence principale" of ROME v3: grands domaines, domaines and the 532 fiches. */
function readRomeV3(xml: string): Map<string, RomeV3Item> {
  const parser = new SaxesParser();
  const records: Map<string, string>[] = [];
  let record: Map<string, string> | undefined;
  let field: string | undefined;
  let text = '';
  parser.on('opentag', (tag) => {
    if (tag.name === 'item_arborescence') record = new Map();
    else if (record) {
      field = tag.name;
      text = '';
    }
  });
  parser.on('text', (chunk) => {
    if (field !== undefined) text += chunk;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'item_arborescence' && record) {
      records.push(record);
      record = undefined;
    } else if (record && tag.name === field) {
      record.set(field, text);
      field = undefined;
    }
  });
  parser.write(xml).close();

  const items = new Map<string, RomeV3Item>();
  for (const fields of records) {
    // The file spells it "Arborescence  principale" (two spaces); the other tree is a thematic index.
    const tree = (fields.get('libelle_referentiel') ?? '').replace(/\s+/g, ' ').trim();
    const kind = fields.get('libelle_noeud');
    if (tree !== 'Arborescence principale' || (kind !== 'NOEUD' && kind !== 'FEUILLE')) continue;
    const code = clean(fields.get('code_noeud') ?? '');
    const pere = clean(fields.get('code_pere') ?? '');
    const expectedPere = romeParent(code) ?? 'Racine AP';
    if (pere !== expectedPere || (kind === 'FEUILLE') !== (romeType(code) === 'fiche')) {
      throw new Error(`ROME v3 : ${code} (${kind}) a pour père ${pere}, attendu ${expectedPere}`);
    }
    items.set(code, { code, pere, libelle: clean(fields.get('libelle') ?? '') });
  }
  return items;
}

function romeV4Version(text: string): string {
  const numero = /Numero de version\s*:\s*(\d+)/.exec(text)?.[1];
  const date = /Date de publication\s*:\s*([\d/]+)/.exec(text)?.[1];
  if (!numero || !date)
    throw new Error(`${FICHIERS.romeV4Version} : numéro ou date de version absent`);
  return `version ${numero} du ${date}`;
}

interface Built {
  json: string;
  count: number;
  facts: Record<string, string | number>;
}

function buildRome(source: Source, remarques: string[]): Built {
  const v3 = readRomeV3(source.text(FICHIERS.romeV3));
  const v4Version = romeV4Version(source.text(FICHIERS.romeV4Version));

  const v4 = new Map<string, { libelle: string; parent?: string }>();
  for (const [code, libelle] of source
    .records(FICHIERS.romeV4GrandsDomaines)
    .map((get) => [get('code_grand_domaine'), get('libelle_grand_domaine')] as const)) {
    v4.set(clean(code), { libelle: clean(libelle) });
  }
  for (const [code, libelle] of source
    .records(FICHIERS.romeV4Domaines)
    .map(
      (get) => [get('code_domaine_professionnel'), get('libelle_domaine_professionnel')] as const,
    )) {
    v4.set(clean(code), { libelle: clean(libelle) });
  }
  let v4Fiches = 0;
  for (const fiche of source.records(FICHIERS.romeV4Fiches).map((get) => ({
    code: clean(get('code_rome')),
    libelle: clean(get('libelle_rome')),
    parent: clean(get('code_rome_parent')),
  }))) {
    v4Fiches++;
    v4.set(fiche.code, {
      libelle: fiche.libelle,
      ...(fiche.parent !== '' && fiche.parent !== fiche.code ? { parent: fiche.parent } : {}),
    });
  }
  // The hierarchy is read from the code's shape: check ROME 4.0 agrees for every fiche.
  for (const row of source.records(FICHIERS.romeV4Arborescence).map((get) => ({
    code: get('code_rome'),
    domaine: get('code_domaine_professionel'),
    grandDomaine: get('code_grand_domaine'),
  }))) {
    if (row.domaine !== romeParent(row.code) || row.grandDomaine !== row.code.slice(0, 1)) {
      throw new Error(`ROME 4.0 : ${row.code} est rangé sous ${row.grandDomaine}/${row.domaine}`);
    }
  }

  const exportRows = source.records(FICHIERS.exportRome).map((get) => ({
    numero: get('Numero_Fiche'),
    code: clean(get('Codes_Rome_Code')),
    libelle: cleanExportLabel(get('Codes_Rome_Libelle')),
  }));
  const exportLabels = labelsByCode(exportRows.map((row) => [row.code, row.libelle]));
  for (const [code, { variantes }] of exportLabels) {
    if (variantes > 1)
      remarques.push(
        `ROME : l'export donne ${variantes} libellés au code ${code} (le plus fréquent est gardé).`,
      );
  }

  const codes = new Set([...v3.keys(), ...v4.keys(), ...exportLabels.keys()]);
  const entrees = new Map<string, RomeEntry>();
  const horsReferentiel: string[] = [];
  const libellesExportDifferents: string[] = [];
  for (const code of codes) {
    const type = romeType(code);
    const parent = romeParent(code);
    const inV3 = v3.get(code);
    const inV4 = v4.get(code);
    const exportLabel = exportLabels.get(code)?.libelle;
    const exportDiffers =
      exportLabel !== undefined &&
      (inV3 === undefined || normalizeLibelle(inV3.libelle) !== normalizeLibelle(exportLabel));
    if (!inV3 && !inV4) horsReferentiel.push(code);
    else if (exportDiffers) libellesExportDifferents.push(code);
    entrees.set(code, {
      code,
      type,
      ...(parent !== undefined ? { parent } : {}),
      ...(inV4?.parent !== undefined ? { fiche_parente: inV4.parent } : {}),
      ...(inV3 ? { libelle_v3: inV3.libelle } : {}),
      ...(inV4 ? { libelle_v4: inV4.libelle } : {}),
      ...(exportDiffers ? { libelle_export: exportLabel } : {}),
      ...(!inV3 && !inV4 ? { hors_referentiel: true as const } : {}),
    });
  }
  for (const entry of entrees.values()) {
    for (const linked of [entry.parent, entry.fiche_parente]) {
      if (linked !== undefined && !entrees.has(linked)) {
        throw new Error(`ROME : ${entry.code} renvoie à ${linked}, absent du référentiel`);
      }
    }
  }

  const count = (predicate: (code: string) => boolean, map: ReadonlyMap<string, unknown>) =>
    [...map.keys()].filter(predicate).length;
  const isFiche = (code: string) => ROME_FICHE.test(code);
  const isDomaine = (code: string) => ROME_DOMAINE.test(code);
  const isGrandDomaine = (code: string) => ROME_GRAND_DOMAINE.test(code);
  const facts = {
    v3GrandsDomaines: count(isGrandDomaine, v3),
    v3Domaines: count(isDomaine, v3),
    v3Fiches: count(isFiche, v3),
    v4GrandsDomaines: count(isGrandDomaine, v4),
    v4Domaines: count(isDomaine, v4),
    v4Fiches,
    v4Version,
    exportCodes: exportLabels.size,
    exportLignes: exportRows.length,
    exportFiches: new Set(exportRows.map((row) => row.numero)).size,
    horsReferentiel: horsReferentiel.length,
    entrees: entrees.size,
  };
  remarques.push(
    `ROME : ${horsReferentiel.length} codes de l'export sont absents de ROME v3 et de ROME 4.0 (K00 et codes en 00 : ils portent le libellé d'un grand domaine ou d'un domaine) : ${list(horsReferentiel)}.`,
    `ROME : ${libellesExportDifferents.length} libellés de l'export diffèrent de ROME v3 : ${list(libellesExportDifferents)}.`,
  );
  const autreDomaine = [...entrees.values()]
    .filter(
      (entry) =>
        entry.fiche_parente !== undefined && entry.fiche_parente.slice(0, 3) !== entry.parent,
    )
    .map((entry) => `${entry.code}→${entry.fiche_parente}`);
  remarques.push(
    `ROME : ${[...entrees.values()].filter((entry) => entry.fiche_parente).length} fiches emploi ROME 4.0 ont une fiche parente, dont ${autreDomaine.length} dans un autre domaine : ${list(autreDomaine)}.`,
  );
  const v3Only = [...v3.keys()].filter((code) => !v4.has(code));
  if (v3Only.length > 0) remarques.push(`ROME : codes v3 absents de ROME 4.0 : ${list(v3Only)}.`);

  const json = toJson([
    [
      'source',
      `ROME v3 version 344, arborescence principale (Pôle emploi) ; ROME 4.0 ${v4Version} (France Travail) ; ` +
        `codes et libellés ROME de l'export RNCP/RS de France compétences du 2026-02-01. Détail : SOURCES.md.`,
    ],
    [
      'licence',
      `ROME : aucune licence indiquée par les dépôts d'origine (un dépôt tiers indique la Licence Ouverte v2.0, ` +
        `à vérifier sur data.gouv.fr / francetravail.io). Export France compétences : ${LICENCE_EXPORT}.`,
    ],
    ['genere_par', GENERE_PAR],
    ['entrees', sortedMap(entrees)],
  ]);
  return { json, count: entrees.size, facts };
}

// ---------------------------------------------------------------------------------------------
// NSF

interface NsfLoi {
  categories: Map<string, string>;
  domaines: Map<string, string>;
  groupes: Map<string, string>;
  lettres: Map<string, NsfLettre>;
}

/** Cell texts of the HTML table of the legal text, row by row. */
function htmlTableRows(markdown: string): { colspan: boolean; cells: string[] }[] {
  const decode = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
      .normalize('NFC');
  return [...markdown.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = '']) => ({
    colspan: /<td colspan="2">/.test(row),
    cells: [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell = '']) => decode(cell)),
  }));
}

/** A label of the legal text without its final full stop. */
function loiLabel(text: string): string {
  return text.replace(/\s*\.$/, '').trim();
}

/**
 * Reads article D311-4: catégories ("1. Domaines disciplinaires"), domaines ("10 Formations
 * générales"), groupes (100 → "Formations générales") and the letter codes of part II.
 */
function readNsfLoi(markdown: string): NsfLoi {
  const loi: NsfLoi = {
    categories: new Map(),
    domaines: new Map(),
    groupes: new Map(),
    lettres: new Map(),
  };
  let partie: 'I' | 'II' = 'I';
  let domaine: string | undefined;
  let lettreType: NsfLettreType | undefined;
  for (const { colspan, cells } of htmlTableRows(markdown)) {
    const [first = '', second = ''] = cells;
    if (colspan) {
      let match: RegExpExecArray | null;
      if (/^II\.\s*-/.test(first)) partie = 'II';
      else if (partie === 'I' && (match = /^(\d)\.\s+(.+)$/.exec(first))) {
        loi.categories.set(match[1] ?? '', loiLabel(match[2] ?? ''));
      } else if (partie === 'I' && (match = /^(\d{2})\s+(.+)$/.exec(first))) {
        domaine = match[1] ?? '';
        loi.domaines.set(domaine, loiLabel(match[2] ?? ''));
      } else if (partie === 'II' && /champs d'application/i.test(first)) lettreType = 'champ';
      else if (partie === 'II' && /fonctions/i.test(first)) lettreType = 'fonction';
      else if (partie === 'II' && (match = /développement personnel\s*:\s*([a-z])$/i.exec(first))) {
        // The text gives this letter no other label than its heading.
        loi.lettres.set(match[1] ?? '', {
          type: 'developpement_personnel',
          libelle: 'Développement personnel',
        });
      }
      continue;
    }
    if (partie === 'I' && /^\d{3}$/.test(first)) {
      if (domaine === undefined || !first.startsWith(domaine)) {
        throw new Error(
          `${FICHIERS.nsfLoi} : le groupe ${first} n'est pas sous son domaine (${domaine})`,
        );
      }
      loi.groupes.set(first, loiLabel(second));
    } else if (partie === 'II' && /^[a-z]\)$/.test(first) && lettreType) {
      loi.lettres.set(first.slice(0, 1), { type: lettreType, libelle: loiLabel(second) });
    } else {
      throw new Error(`${FICHIERS.nsfLoi} : ligne de tableau non reconnue : ${cells.join(' | ')}`);
    }
  }
  const expected = { categories: 4, domaines: 17, groupes: 93, lettres: 17 } as const;
  for (const [level, size] of Object.entries(expected)) {
    const found = loi[level as keyof typeof expected].size;
    if (found !== size)
      throw new Error(`${FICHIERS.nsfLoi} : ${found} ${level} lus, ${size} attendus`);
  }
  return loi;
}

/** Which letters go with which catégorie (D311-4, II): champs for 1, fonctions for 2 and 3, z for 4. */
const LETTRE_ATTENDUE: Readonly<Record<string, NsfLettreType>> = {
  '1': 'champ',
  '2': 'fonction',
  '3': 'fonction',
  '4': 'developpement_personnel',
};

function buildNsf(source: Source, remarques: string[]): Built {
  const loi = readNsfLoi(source.text(FICHIERS.nsfLoi));

  // The BCN table also holds aggregate pseudo-groups that are not in the nomenclature: "x9" groups
  // such as "339 DO33 : SERVICES AUX PERSONNES" (a domaine without a groupe), "199"/"299"/"399"/"499"
  // (a catégorie) and "999" (not specified). Only the 93 groups of the legal text are kept.
  const bcnGroupes = source
    .records(FICHIERS.nsfGroupesBcn)
    .map((get) => ({ code: get('GROUPE_SPECIALITE'), libelle: get('LIBELLE_LONG') }));
  const pseudoGroupes = bcnGroupes.filter((groupe) => !loi.groupes.has(groupe.code));
  const absentsBcn = [...loi.groupes.keys()].filter(
    (code) => !bcnGroupes.some((g) => g.code === code),
  );
  if (absentsBcn.length > 0)
    throw new Error(`NSF : groupes légaux absents de la BCN : ${list(absentsBcn)}`);
  const notPseudo = pseudoGroupes.filter((groupe) => !/9$/.test(groupe.code));
  if (notPseudo.length > 0) {
    throw new Error(
      `NSF : groupes BCN inconnus du texte légal : ${list(notPseudo.map((g) => g.code))}`,
    );
  }
  remarques.push(
    `NSF : ${pseudoGroupes.length} pseudo-groupes BCN ignorés (agrégats, absents de l'article D311-4) : ${list(pseudoGroupes.map((g) => g.code))}.`,
  );

  const exportRows = source.records(FICHIERS.exportNsf).map((get) => ({
    numero: get('Numero_Fiche'),
    code: clean(get('Nsf_Code')),
    intitule: clean(get('Nsf_Intitule')),
  }));
  const sansPrefixe = new Set<string>();
  const exportLabels = labelsByCode(
    exportRows.map(({ code, intitule }) => {
      const prefix = `${code} : `;
      if (intitule.startsWith(prefix)) return [code, clean(intitule.slice(prefix.length))];
      sansPrefixe.add(code);
      return [code, intitule];
    }),
  );
  if (sansPrefixe.size > 0) {
    remarques.push(
      `NSF : intitulés de l'export sans le préfixe « code : » : ${list(sansPrefixe)}.`,
    );
  }

  const entrees = new Map<string, NsfEntry>();
  const withExport = (code: string, libelle: string) => {
    const exported = exportLabels.get(code)?.libelle;
    return exported !== undefined && normalizeLibelle(exported) !== normalizeLibelle(libelle)
      ? { libelle_export: exported }
      : {};
  };
  for (const [code, libelle] of loi.categories) {
    entrees.set(code, { code, type: 'categorie', libelle, ...withExport(code, libelle) });
  }
  for (const [code, libelle] of loi.domaines) {
    entrees.set(code, {
      code,
      type: 'domaine',
      parent: code.slice(0, 1),
      libelle,
      ...withExport(code, libelle),
    });
  }
  for (const [code, libelle] of loi.groupes) {
    entrees.set(code, {
      code,
      type: 'groupe',
      parent: code.slice(0, 2),
      libelle,
      ...withExport(code, libelle),
    });
  }

  const lettreInattendue: string[] = [];
  for (const [code, { libelle }] of exportLabels) {
    if (entrees.has(code)) continue;
    const match = /^(\d{3})([a-z])$/.exec(code);
    const groupe = match?.[1];
    const lettre = match?.[2];
    if (groupe === undefined || lettre === undefined)
      throw new Error(`NSF : code de l'export inconnu : ${code}`);
    const sens = loi.lettres.get(lettre);
    if (!entrees.has(groupe) || !sens)
      throw new Error(`NSF : ${code} n'a ni groupe ni lettre connus`);
    if (LETTRE_ATTENDUE[groupe.slice(0, 1)] !== sens.type) lettreInattendue.push(code);
    entrees.set(code, {
      code,
      type: 'specialite',
      parent: groupe,
      libelle,
      lettre,
      fonction_ou_champ: sens.libelle,
    });
  }
  if (lettreInattendue.length > 0) {
    remarques.push(
      `NSF : lettre d'un autre type que celui du domaine (champ/fonction) : ${list(lettreInattendue)}.`,
    );
  }
  const groupesSansExport = [...loi.groupes.keys()].filter((code) => !exportLabels.has(code));
  remarques.push(
    `NSF : ${exportLabels.size} codes dans l'export, dont ${[...exportLabels.keys()].filter((c) => /^\d{2}$/.test(c)).length} codes de domaine (${list([...exportLabels.keys()].filter((c) => /^\d{2}$/.test(c)))}) ; groupes légaux jamais cités seuls : ${list(groupesSansExport)}.`,
  );

  const lettres = new Map([...loi.lettres].sort(([a], [b]) => byCode(a, b)));
  const facts = {
    categories: loi.categories.size,
    domaines: loi.domaines.size,
    groupes: loi.groupes.size,
    specialites: [...entrees.values()].filter((entry) => entry.type === 'specialite').length,
    pseudoGroupes: pseudoGroupes.length,
    exportCodes: exportLabels.size,
    exportLignes: exportRows.length,
    exportFiches: new Set(exportRows.map((row) => row.numero)).size,
    entrees: entrees.size,
  };
  const json = toJson([
    [
      'source',
      "Nomenclature des spécialités de formation : Code de l'éducation, article D311-4 (catégories, domaines, " +
        "groupes, codes lettres) ; table des groupes de la BCN (ministère de l'Éducation nationale) ; spécialités " +
        "et libellés de l'export RNCP/RS de France compétences du 2026-02-01. Détail : SOURCES.md.",
    ],
    [
      'licence',
      `Texte légal et table BCN : aucune licence indiquée. Export France compétences : ${LICENCE_EXPORT}.`,
    ],
    ['genere_par', GENERE_PAR],
    ['lettres', lettres],
    ['entrees', sortedMap(entrees)],
  ]);
  return { json, count: entrees.size, facts };
}

// ---------------------------------------------------------------------------------------------
// Levels

const NIVEAUX_1969: readonly Niveau1969[] = ['V', 'IV', 'III', 'II', 'I'];

function buildNiveaux(source: Source, remarques: string[]): Built {
  const rows = source.records(FICHIERS.niveaux).map((get) => ({
    code: clean(get('niveau_cnc')),
    codeExport: clean(get('code_export_france_competences')),
    niveau1969: clean(get('niveau_nomenclature_1969')),
  }));
  // Level labels as the export writes them ("NIV6" → "Niveau 6", "REPRISE" → "Sans niveau – …").
  const exportLabels = labelsByCode(
    source
      .records(FICHIERS.exportStandard2024)
      .map(
        (get) =>
          [
            clean(get('Nomenclature_Europe_Niveau')),
            clean(get('Nomenclature_Europe_Intitule')),
          ] as [string, string],
      )
      .filter(([code]) => code !== ''),
  );

  const entrees = new Map<string, NiveauEntry>();
  const correspondance = new Map<Niveau1969, number[]>(NIVEAUX_1969.map((n) => [n, []]));
  for (const row of rows) {
    const europe = Number(row.code);
    if (!Number.isInteger(europe) || europe < 1 || europe > 8 || String(europe) !== row.code) {
      throw new Error(`${FICHIERS.niveaux} : niveau inattendu ${JSON.stringify(row.code)}`);
    }
    const niveau1969 = row.niveau1969 === '' ? null : (row.niveau1969 as Niveau1969);
    if (niveau1969 !== null) {
      const levels = correspondance.get(niveau1969);
      if (!levels) throw new Error(`${FICHIERS.niveaux} : niveau 1969 inconnu ${row.niveau1969}`);
      levels.push(europe);
    }
    const description = DESCRIPTIONS_D6113_19[row.code];
    if (description === undefined) throw new Error(`Niveau ${row.code} sans description`);
    const libelle = `Niveau ${europe}`;
    const seen = row.codeExport === '' ? undefined : exportLabels.get(row.codeExport)?.libelle;
    if (seen !== undefined && seen !== libelle) {
      remarques.push(`Niveaux : l'export écrit « ${seen} » pour ${row.codeExport}.`);
    }
    entrees.set(row.code, {
      code: row.code,
      europe,
      nomenclature_1969: niveau1969,
      code_export: row.codeExport === '' ? null : row.codeExport,
      libelle,
      description,
    });
  }
  if (entrees.size !== 8)
    throw new Error(`${FICHIERS.niveaux} : ${entrees.size} niveaux, 8 attendus`);

  const sansNiveau = new Map<SansNiveau, string | null>(
    (['REPRISE', 'AUCUN'] as const).map((code) => [code, exportLabels.get(code)?.libelle ?? null]),
  );
  for (const [code, libelle] of sansNiveau) {
    if (libelle === null)
      remarques.push(`Niveaux : aucun libellé de l'export n'est connu pour ${code} (null).`);
  }

  const json = toJson([
    [
      'source',
      'Cadre national des certifications professionnelles : décret n° 2019-14 du 8 janvier 2019 et Code du travail, ' +
        "art. D6113-18 à D6113-20 (table des niveaux transcrite ; descriptions d'après l'art. D6113-19) ; " +
        "libellés de l'export RNCP/RS de France compétences (échantillon du 2024-02-22). Détail : SOURCES.md.",
    ],
    [
      'licence',
      `Textes officiels : aucune licence indiquée. Export France compétences : ${LICENCE_EXPORT}.`,
    ],
    ['genere_par', GENERE_PAR],
    ['correspondance_1969', correspondance],
    ['sans_niveau', sansNiveau],
    ['entrees', sortedMap(entrees)],
  ]);
  const inconnus = [...sansNiveau].filter(([, libelle]) => libelle === null).map(([code]) => code);
  return {
    json,
    count: entrees.size,
    facts: { entrees: entrees.size, sansLibelle: list(inconnus) },
  };
}

// ---------------------------------------------------------------------------------------------
// Output

/**
 * JSON with one top-level key per line and, inside a Map value, one entry per line: compact, and
 * readable in a diff. Maps are written in their insertion order.
 */
function toJson(fields: ReadonlyArray<readonly [string, unknown]>): string {
  const lines = fields.map(([key, value], index) => {
    const comma = index < fields.length - 1 ? ',' : '';
    if (value instanceof Map) {
      const inner = [...value].map(
        ([k, v], i) =>
          `    ${JSON.stringify(k)}: ${JSON.stringify(v)}${i < value.size - 1 ? ',' : ''}`,
      );
      return inner.length === 0
        ? `  ${JSON.stringify(key)}: {}${comma}`
        : `  ${JSON.stringify(key)}: {\n${inner.join('\n')}\n  }${comma}`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`;
  });
  return `{\n${lines.join('\n')}\n}\n`;
}

function buildSourcesMd({
  rome,
  nsf,
  niveaux,
}: {
  rome: Built;
  nsf: Built;
  niveaux: Built;
}): string {
  const r = rome.facts;
  const n = nsf.facts;
  const sansLibelle = String(niveaux.facts['sansLibelle'] ?? '');
  const data = (file: string) => `\`../shared/data/${file}\``;
  const aucune = "**aucune n'est indiquée**";
  return `# Référentiels : origine des données

Ces tables sont générées par \`${GENERE_PAR}\` à partir des données ouvertes de \`../shared/data/\`
(l'origine exacte de chaque fichier est dans \`../shared/data/SOURCES.md\`). Elles ne reprennent que des
faits : codes, libellés, hiérarchie. Ne les modifiez pas à la main ; pour les régénérer :

\`\`\`sh
npm run referentiels
\`\`\`

Le dossier des données peut être donné par la variable d'environnement \`SHARED_DATA_DIR\`.

## rome.json : ROME (répertoire opérationnel des métiers et des emplois)

${r['entrees']} codes : grands domaines (\`K\`), domaines professionnels (\`K18\`) et fiches (\`K1801\`).

- **ROME v3** : ${data(FICHIERS.romeV3)}, arborescence principale (${r['v3GrandsDomaines']} grands domaines,
  ${r['v3Domaines']} domaines, ${r['v3Fiches']} fiches). Éditeur : Pôle emploi (aujourd'hui France Travail).
  Version 344. Fichier converti d'ISO-8859-15 en UTF-8 par le dépôt de données partagé.
  Apporte \`libelle_v3\`.
- **ROME 4.0** : ${data('rome/rome4-v458/')} (${r['v4GrandsDomaines']} grands domaines, ${r['v4Domaines']} domaines,
  ${r['v4Fiches']} fiches emploi). Éditeur : France Travail. ${String(r['v4Version']).replace(/^v/, 'V')}. Apporte \`libelle_v4\` et
  \`fiche_parente\`.
- **Export RNCP/RS de France compétences**, fichier Rome : ${data(FICHIERS.exportRome)}
  (${r['exportLignes']} lignes, ${r['exportFiches']} fiches, ${r['exportCodes']} codes distincts). Éditeur :
  France compétences. Export du 2026-02-01. Apporte \`libelle_export\` (apostrophes doublées \`''\`
  rétablies ; présent quand il diffère de ROME v3 autrement que par une apostrophe typographique) et
  \`hors_referentiel\` pour les ${r['horsReferentiel']} codes absents des deux versions du ROME (\`K00\`,
  \`K1800\`… : codes de niveau domaine).
- Licence : pour le ROME, ${aucune} dans les dépôts d'origine (un dépôt tiers indique la Licence Ouverte
  v2.0 : à vérifier sur data.gouv.fr / francetravail.io). Pour l'export : ${LICENCE_EXPORT}, indiquée par
  des dépôts tiers (les dépôts d'origine n'en indiquent pas).

## nsf.json : NSF (nomenclature des spécialités de formation)

${n['entrees']} codes : ${n['categories']} catégories (\`3\`), ${n['domaines']} domaines (\`33\`), ${n['groupes']} groupes
(\`332\`) et ${n['specialites']} spécialités (\`332t\`), plus la table \`lettres\` des codes lettres.

- **Code de l'éducation, article D311-4** : ${data(FICHIERS.nsfLoi)}. Éditeur : Légifrance (texte officiel ;
  nomenclature approuvée par le décret n° 94-522). Version en vigueur copiée du dépôt
  etalab/codes-juridiques-francais. Apporte les catégories, domaines et groupes avec leurs libellés, et le
  sens des lettres (a–g champs d'application disciplinaires, m–w fonctions, z développement personnel).
  Licence : ${aucune} (texte officiel).
- **Table des groupes de la BCN** : ${data(FICHIERS.nsfGroupesBcn)}. Éditeur : BCN, ministère de
  l'Éducation nationale (DEPP). Copie du 2025-01-30. Sert à vérifier la liste des groupes ; ses
  ${n['pseudoGroupes']} pseudo-groupes d'agrégation (\`339 DO33 : …\`, \`999\`…) sont écartés. Licence : ${aucune}.
- **Export RNCP/RS de France compétences**, fichier Nsf : ${data(FICHIERS.exportNsf)}
  (${n['exportLignes']} lignes, ${n['exportFiches']} fiches, ${n['exportCodes']} codes distincts). Éditeur :
  France compétences. Export du 2026-02-01. Apporte les spécialités et leurs libellés (préfixe
  \`332t : \` retiré), et \`libelle_export\` quand le libellé de l'export diffère du texte légal.
  Licence : ${LICENCE_EXPORT} (indiquée par des dépôts tiers).

## niveaux.json : niveaux de qualification

Les 8 niveaux du cadre national des certifications professionnelles, leur correspondance avec la
nomenclature de 1969 et leurs valeurs dans les exports (\`NIV3\`…\`NIV8\`, \`REPRISE\`, \`AUCUN\`).

- **Décret n° 2019-14 du 8 janvier 2019** (JORFTEXT000037964754) et articles D6113-18 à D6113-20 du Code
  du travail, table transcrite à la main : ${data(FICHIERS.niveaux)}. Éditeur : Légifrance (texte
  officiel). Licence : ${aucune}.
- \`description\` : l'énoncé de chaque niveau à l'article D6113-19 du Code du travail (rédaction issue du
  décret n° 2019-14). La table transcrite n'a pas de colonne de descripteurs : ces phrases sont écrites dans
  le script.
- \`libelle\` et \`sans_niveau\` : libellés de l'export (« Niveau 6 », « Sans niveau – … ») lus dans
  ${data(FICHIERS.exportStandard2024)}. Éditeur : France compétences. Échantillon de l'export du
  2024-02-22. Licence : ${LICENCE_EXPORT} (indiquée par des dépôts tiers).${
    sansLibelle === ''
      ? ''
      : `\n  Aucun libellé de l'export n'est connu pour ${sansLibelle} : la valeur est \`null\`.`
  }
`;
}

if (import.meta.main) {
  try {
    const result = buildReferentiels({
      dataDir: defaultDataDir(),
      outDir: path.join(REPO_ROOT, 'content/referentiels'),
    });
    for (const { chemin, octets, entrees } of result.fichiers) {
      const detail = entrees === null ? '' : `${entrees} entrées, `;
      console.log(`${path.relative(process.cwd(), chemin)} : ${detail}${octets} octets`);
    }
    for (const remarque of result.remarques) console.log(`- ${remarque}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
