/**
 * `npm run validate` for what the synchronisation writes under content/: each day of the journal
 * (content/journal/AAAA-MM-JJ.json) and the record (content/synchronisation.json), checked by their
 * schemas, each problem given with its file, line and field, in French, like the fiches'.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { journalJourSchema } from '../../schema/journal.ts';
import { synchronisationSchema } from '../../schema/synchronisation.ts';
import { parseFrontmatter } from '../validate/frontmatter.ts';
import { formatPath, type Diagnostic } from '../validate/index.ts';

function positionOf(text: string, index: number) {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** Validates one JSON file against `schema`; `check` adds what the schema cannot know. */
export function validateJsonFile(
  file: string,
  schema: z.ZodType,
  check?: (data: unknown) => { field: string; message: string } | undefined,
): Diagnostic[] {
  const text = readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
    return [
      {
        file,
        ...positionOf(text, at),
        field: 'fichier',
        message: `JSON illisible : ${(error as Error).message}`,
      },
    ];
  }
  const parsed = parseFrontmatter({ yaml: text, yamlStartLine: 1, body: '', bodyStartLine: 1 });
  const locate = (segments: readonly PropertyKey[]) =>
    parsed.ok ? parsed.locate(segments) : { line: 1, column: 1 };
  const result = schema.safeParse(data);
  const diagnostics: Diagnostic[] = result.success
    ? []
    : result.error.issues.map((issue) => ({
        file,
        ...locate(issue.path),
        field: formatPath(issue.path),
        message: issue.message,
      }));
  const extra = result.success ? check?.(data) : undefined;
  if (extra) diagnostics.push({ file, ...locate([extra.field]), ...extra });
  return diagnostics;
}

/** The journal's days and the sync record under `contentDir`, when they exist. */
export function validateSyncData(contentDir: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const journal = path.join(contentDir, 'journal');
  if (existsSync(journal)) {
    for (const name of readdirSync(journal).sort()) {
      const file = path.join(journal, name);
      const date = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1];
      if (date === undefined) {
        diagnostics.push({
          file,
          line: 1,
          column: 1,
          field: 'fichier',
          message:
            'Le dossier du journal ne contient que des jours, nommés AAAA-MM-JJ.json (par exemple 2026-08-17.json)',
        });
        continue;
      }
      diagnostics.push(
        ...validateJsonFile(file, journalJourSchema, (data) =>
          (data as { date: string }).date === date
            ? undefined
            : { field: 'date', message: `La date doit être celle du nom du fichier : "${date}"` },
        ),
      );
    }
  }
  const record = path.join(contentDir, 'synchronisation.json');
  if (existsSync(record)) diagnostics.push(...validateJsonFile(record, synchronisationSchema));
  return diagnostics;
}
