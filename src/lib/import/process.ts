/**
 * Everything done for one FICHE, in a worker thread or in the main thread: convert, check against the
 * schema, render, compare with the file already there, and stage the new text.
 *
 * Nothing is written to the content folder here: a changed fiche is written to the staging folder
 * (`<out>/.import-…/`, file names ending in `.tmp` so that no content loader picks them up), and the main
 * thread renames the staged files into place once the whole export has been read without error.
 *
 * What happens to a fiche whose file exists:
 * - the file is exactly as last imported (fingerprint matches) → rewritten only if its text changes
 *   (so importing the same export twice changes no byte);
 * - the file was edited by hand since (fingerprint mismatch), or was written by an editor (no import
 *   record) → left alone and listed, unless `force`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ficheSchema } from '../../schema/fiche.ts';
import { isKnownNsf, isKnownRome, loadReferentiels } from '../referentiels.ts';
import { convertFiche, type ConvertedFiche, type ConvertOptions } from './convert.ts';
import { FicheError, type Avertissement } from './reader.ts';
import {
  fileState,
  renderFiche,
  sha256,
  untouchedSinceImport,
  type ImportRecord,
} from './render.ts';
import { parseFiche, type FicheSource } from './xml.ts';

export interface ProcessOptions {
  /** Content folder (absolute): files go to `<out>/rncp/<N>.md` and `<out>/rs/<N>.md`. */
  out: string;
  /** Staging folder (absolute), on the same file system as `out`. */
  staging: string;
  force: boolean;
  record: ImportRecord;
  /** Reference tables checked by the validator (ROME, NSF); null: no check. */
  referentielsDir: string | null;
}

let known: { dir: string | null; options: ConvertOptions } | undefined;

/** The code checks of the validator, loaded once per thread. */
function convertOptions(dir: string | null): ConvertOptions {
  if (known?.dir === dir) return known.options;
  let options: ConvertOptions = {};
  if (dir !== null) {
    const referentiels = loadReferentiels(dir);
    options = {
      knownRome: (code) => isKnownRome(referentiels, code),
      knownNsf: (code) => isKnownNsf(referentiels, code),
    };
  }
  known = { dir, options };
  return options;
}

export type Decision = 'nouvelle' | 'mise_a_jour' | 'forcee' | 'inchangee' | 'modifiee_a_la_main';

export type FicheResult =
  | {
      kind: 'ok';
      numero: string;
      /**
       * For a fiche edited by hand since its import: whether the export's text of it has changed since
       * that import (an editor then has something to reconcile).
       */
      sourceModifiee?: boolean;
      /** Path relative to `out` (`rncp/34762.md`). */
      fichier: string;
      decision: Decision;
      /** Staged file to rename into place (for nouvelle, mise_a_jour, forcee). */
      staged?: string;
      /** SHA-256 of the file found in place (null: none), checked again just before the rename. */
      previous?: string | null;
      avertissements: Avertissement[];
      inconnus: string[];
    }
  | {
      kind: 'echec';
      numero: string | undefined;
      ligne: number;
      raisons: string[];
      inconnus: string[];
    };

/** The schema's messages, one line each, with the field's path. */
function schemaErrors(data: unknown): string[] {
  const result = ficheSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.') || '(fiche)'} : ${i.message}`);
}

export function processFiche(source: FicheSource, options: ProcessOptions): FicheResult {
  let converted: ConvertedFiche;
  let text: string;
  const tree = parseFiche(source);
  try {
    converted = convertFiche(tree, convertOptions(options.referentielsDir));
    const errors = schemaErrors({
      ...converted.data,
      import: { ...options.record, empreinte: '0'.repeat(64) },
    });
    if (errors.length > 0) {
      return {
        kind: 'echec',
        numero: converted.numero,
        ligne: tree.line,
        raisons: errors.slice(0, 10),
        inconnus: converted.inconnus,
      };
    }
    text = renderFiche(converted.data, converted.body, options.record);
  } catch (error) {
    const raisons =
      error instanceof FicheError ? error.raisons : [`erreur de conversion : ${String(error)}`];
    return { kind: 'echec', numero: source.numero, ligne: tree.line, raisons, inconnus: [] };
  }
  const { numero, repertoire, numeroSeul, avertissements, inconnus } = converted;
  const fichier = `${repertoire}/${numeroSeul}.md`;
  const target = join(options.out, fichier);

  // File system errors are not caught: they stop the import (nothing is renamed into place).
  let decision: Decision;
  let previous: string | null = null;
  let sourceModifiee: boolean | undefined;
  if (!existsSync(target)) {
    decision = 'nouvelle';
  } else {
    const current = readFileSync(target, 'utf8');
    previous = sha256(current);
    // The same fiche rendered with the import record the file has: equal when only the export's name
    // and date changed, so that a daily export rewrites only the fiches whose content changed.
    const recorded = recordOf(current);
    const asRecorded = recorded ? renderFiche(converted.data, converted.body, recorded) : text;
    if (current === text || current === asRecorded) {
      decision = 'inchangee';
    } else if (untouchedSinceImport(current)) {
      decision = 'mise_a_jour';
    } else {
      decision = options.force ? 'forcee' : 'modifiee_a_la_main';
      if (recorded) sourceModifiee = fileState(current).recorded !== fileState(asRecorded).recorded;
    }
  }

  const result: FicheResult = { kind: 'ok', numero, fichier, decision, avertissements, inconnus };
  if (sourceModifiee !== undefined) result.sourceModifiee = sourceModifiee;
  if (decision === 'nouvelle' || decision === 'mise_a_jour' || decision === 'forcee') {
    const staged = join(options.staging, `${repertoire}-${numeroSeul}.md.tmp`);
    writeFileSync(staged, text, 'utf8');
    result.staged = staged;
    result.previous = previous;
  }
  return result;
}

/** The `import` record (flux, date_flux) of a file the importer wrote, as render.ts writes it. */
function recordOf(text: string): ImportRecord | undefined {
  const block = /\nimport:\n((?: {2}.*\n)+)/.exec(text)?.[1];
  const flux = block && /^ {2}flux: "([^"\\]*)"$/m.exec(block)?.[1];
  if (!block || !flux) return undefined;
  const dateFlux = /^ {2}date_flux: "(\d{4}-\d{2}-\d{2})"$/m.exec(block)?.[1];
  return { flux, ...(dateFlux ? { date_flux: dateFlux } : {}) };
}
