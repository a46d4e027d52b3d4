/**
 * The open data the reference tables are built from (../shared/data, or SHARED_DATA_DIR): the input
 * files, how they are read (text, CSV records whose columns are checked), and how their labels and
 * codes are cleaned, counted and listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsvRecords, type CsvRecord } from '../../../src/lib/csv.ts';

/** Input files, relative to the data directory. */
export const FICHIERS = {
  romeV3: 'rome/rome3/unix_arborescence_v344_utf8.xml',
  romeV4Version: 'rome/rome4-v458/version.txt',
  romeV4GrandsDomaines: 'rome/rome4-v458/unix_grand_domaine_v458_utf8.csv',
  romeV4Domaines: 'rome/rome4-v458/unix_domaine_professionnel_v458_utf8.csv',
  romeV4Fiches: 'rome/rome4-v458/unix_referentiel_code_rome_v458_utf8.csv',
  romeV4Arborescence: 'rome/rome4-v458/unix_cr_gd_dp_v458_utf8.csv',
  romeAppellations: 'rome/rome4-v460-appellations/unix_referentiel_appellation_v460_utf8.csv',
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

export const LICENCE_EXPORT = 'Licence Ouverte / Open Licence 2.0 (Etalab)';

export class Source {
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
export function clean(label: string): string {
  return label.normalize('NFC').trim();
}

/** The export doubles the apostrophes of ROME labels: `d''affaires`. */
export function cleanExportLabel(label: string): string {
  return clean(label.replace(/''/g, "'"));
}

export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The label most used for each code (ties: the first in code order of the labels), with counts. */
export function labelsByCode(
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

export function list(codes: Iterable<string>): string {
  return [...codes].sort(byCode).join(', ');
}
