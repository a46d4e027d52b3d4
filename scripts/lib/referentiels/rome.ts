/**
 * rome.json: every ROME code (grands domaines, domaines, fiches) with its ROME v3 and ROME 4.0
 * labels, its place in the tree (read from the shape of the code, checked against ROME 4.0) and the
 * export's label when it differs; codes only the export uses are marked `hors_referentiel`.
 */
import { SaxesParser } from 'saxes';
import { normalizeLibelle, type RomeEntry } from '../../../src/lib/referentiels.ts';
import {
  clean,
  cleanExportLabel,
  FICHIERS,
  labelsByCode,
  LICENCE_EXPORT,
  list,
  type Source,
} from './inputs.ts';
import { GENERE_PAR, sortedMap, toJson, type Built } from './output.ts';

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

export function buildRome(source: Source, remarques: string[]): Built {
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
