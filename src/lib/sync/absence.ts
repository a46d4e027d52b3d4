/**
 * Marks a fiche absent from the export (`absent_export_depuis: "AAAA-MM-JJ"`, just before its
 * `import` block) or removes the mark, in the file's text. A file left as imported keeps a matching
 * fingerprint (it stays the importer's to update); a file edited by hand keeps its recorded one (it
 * stays the editor's: the importer will not overwrite it).
 */
import { refreshEmpreinte, untouchedSinceImport } from '../import/render.ts';

const MARK = /^absent_export_depuis: "[^"\n]*"\n/m;

/** Applies `change` to the frontmatter only (a body line can never be taken for a field). */
function inHead(text: string, change: (head: string) => string): string {
  const end = text.indexOf('\n---\n', 3);
  if (!text.startsWith('---\n') || end < 0) throw new Error('en-tête YAML introuvable');
  return change(text.slice(0, end + 1)) + text.slice(end + 1);
}

function withFingerprint(before: string, after: string): string {
  return untouchedSinceImport(before) ? refreshEmpreinte(after) : after;
}

export function markAbsent(text: string, date: string): string {
  const marked = inHead(text, (head) => {
    const without = head.replace(MARK, '');
    const at = without.search(/^import:$/m);
    if (at < 0) throw new Error('pas de bloc import : la fiche n’est pas venue de l’export');
    return `${without.slice(0, at)}absent_export_depuis: "${date}"\n${without.slice(at)}`;
  });
  return withFingerprint(text, marked);
}

export function unmarkAbsent(text: string): string {
  return withFingerprint(
    text,
    inHead(text, (head) => head.replace(MARK, '')),
  );
}
