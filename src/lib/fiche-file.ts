/**
 * A fiche read from its own file, when one of its pages is rendered: the build keeps only summaries
 * of the fiches in memory (src/schema/summary.ts), and each fiche page, partner page and JSON file
 * reads and validates its fiche here, with the same schema as the collection and `npm run validate`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { z } from 'astro/zod';
import { FICHES_DIR } from '../config.ts';
import { ficheSchema, type Fiche } from '../schema/fiche.ts';
import { splitFiche } from './validate/frontmatter.ts';

export interface FicheFile {
  /** `rncp/6133`: the file's path without extension, also the collection entry's id. */
  id: string;
  fiche: Fiche;
  /** The Markdown after the frontmatter. */
  body: string;
}

export class FicheFileError extends Error {
  override name = 'FicheFileError';
}

/** Parses and validates a fiche file's text; `file` names it in errors. */
export function parseFicheText(text: string, file: string): { data: unknown; body: string } {
  const split = splitFiche(text);
  if (!split) throw new FicheFileError(`${file} : l'en-tête YAML (entre deux lignes ---) manque`);
  let data: unknown;
  try {
    data = jsYaml.load(split.yaml);
  } catch (error) {
    throw new FicheFileError(`${file} : en-tête YAML illisible (${String(error)})`);
  }
  return { data, body: split.body };
}

/** Reads, parses and validates a fiche of the folder `dir` (the build's fiches folder by default). */
export async function readFiche(id: string, dir: string = FICHES_DIR): Promise<FicheFile> {
  const file = path.resolve(dir, `${id}.md`);
  const { data, body } = parseFicheText(await readFile(file, 'utf8'), file);
  const result = ficheSchema.safeParse(data);
  if (!result.success) {
    throw new FicheFileError(
      `${file} : fiche invalide (npm run validate donne le détail)\n${z.prettifyError(result.error)}`,
    );
  }
  return { id, fiche: result.data, body };
}
