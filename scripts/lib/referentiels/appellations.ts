/**
 * appellations.json: the ROME 4.0 job titles (« appellations »), the words people use for a job
 * (« Accompagnateur / Accompagnatrice reconversion professionnelle »), each with its ROME 4.0 fiche
 * and the ROME v3 fiche it belongs to (`code_rome_parent`), the code the France Compétences fiches
 * cite. Facts only: the title, the two codes, keyed by the title's OGR number.
 */
import type { AppellationEntry } from '../../../src/lib/referentiels.ts';
import { clean, FICHIERS, type Source } from './inputs.ts';
import { GENERE_PAR, toJson, type Built } from './output.ts';

const OGR = /^\d+$/;
const ROME_FICHE = /^[A-N]\d{4}$/;

/**
 * Reads the job titles and checks them: one line per OGR number, codes of a ROME fiche, and every
 * parent a fiche of `romeCodes` (the ROME v3 fiches of rome.json, which the export's codes are).
 */
export function buildAppellations(source: Source, romeCodes: ReadonlySet<string>): Built {
  const rows = source.records(FICHIERS.romeAppellations).map((get) => ({
    ogr: clean(get('code_ogr')),
    libelle: clean(get('libelle_appellation_long')).replace(/\s+/g, ' '),
    code: clean(get('code_rome')),
    parent: clean(get('code_rome_parent')),
  }));
  const entrees = new Map<string, AppellationEntry>();
  for (const [index, row] of rows.entries()) {
    const where = `${FICHIERS.romeAppellations}, ligne ${index + 2}`;
    if (!OGR.test(row.ogr))
      throw new Error(`${where} : code OGR illisible ${JSON.stringify(row.ogr)}`);
    if (entrees.has(row.ogr)) throw new Error(`${where} : code OGR ${row.ogr} en double`);
    if (row.libelle === '') throw new Error(`${where} : appellation ${row.ogr} sans libellé`);
    for (const code of [row.code, row.parent]) {
      if (!ROME_FICHE.test(code))
        throw new Error(`${where} : code ROME illisible ${JSON.stringify(code)}`);
    }
    if (!romeCodes.has(row.parent)) {
      throw new Error(`${where} : ${row.ogr} est rattachée à ${row.parent}, absent du ROME`);
    }
    entrees.set(row.ogr, { libelle: row.libelle, code: row.code, parent: row.parent });
  }
  const sorted = new Map(
    [...entrees].sort(([a], [b]) => Number(a) - Number(b) || (a < b ? -1 : 1)),
  );
  const parents = new Set(rows.map((row) => row.parent));
  const facts = {
    appellations: entrees.size,
    codesRome4: new Set(rows.map((row) => row.code)).size,
    fichesV3: parents.size,
    autreCode: rows.filter((row) => row.code !== row.parent).length,
  };
  const json = toJson([
    [
      'source',
      'ROME 4.0 version 60, référentiel des appellations (France Travail). Détail : SOURCES.md.',
    ],
    [
      'licence',
      "ROME : aucune licence indiquée par le dépôt d'origine (un dépôt tiers indique la Licence Ouverte v2.0, " +
        'à vérifier sur data.gouv.fr / francetravail.io).',
    ],
    ['genere_par', GENERE_PAR],
    ['entrees', sorted],
  ]);
  return { json, count: entrees.size, facts };
}
