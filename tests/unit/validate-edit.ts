/**
 * For the validator's unit tests: the valid fiche the hostile fixtures are made from, and what the
 * validator tells an editor about it once edited (`file:line:column field : message (valeur : …)`),
 * without writing files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDiagnostic, validateFicheText } from '../../src/lib/validate/index.ts';
import { loadReferentiels } from '../../src/lib/referentiels.ts';
import { HOSTILE, HOSTILE_FILE } from '../support/hostile-cases.ts';

/** tests/fixtures/hostile/base-valide/rncp/9201.md: 27 lines of YAML, then `## Activités visées` on line 30. */
export const BASE = readFileSync(path.join(HOSTILE, 'base-valide', HOSTILE_FILE), 'utf8');

/** The validator's lines for `text` filed as rncp/9201.md, in the order it reports them. */
export function messagesFor(text: string): string[] {
  return validateFicheText(HOSTILE_FILE, text, loadReferentiels()).diagnostics.map(
    formatDiagnostic,
  );
}

/** The validator's lines for the base fiche with one edit. */
export function messagesAfter(edit: (text: string) => string): string[] {
  return messagesFor(edit(BASE));
}

/** The base fiche with `body` as its Markdown body. */
export function withBody(body: string): string {
  return BASE.replace(/\n---\n[\s\S]*$/, `\n---\n${body}`);
}
