/**
 * An independent reading of France Compétences' XML export for the tests that compare the importer's
 * work with it (tests/unit/import-samples.test.ts, tests/site/import-render.test.ts): a small DOM
 * built with saxes, sharing nothing with the importer (src/lib/import/).
 */
import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';

export interface El {
  name: string;
  text: string;
  children: El[];
}

/** The root element of an export file. */
export function readXml(file: string): El {
  const parser = new SaxesParser();
  const stack: El[] = [{ name: '#document', text: '', children: [] }];
  parser.on('opentag', (tag) => {
    const el: El = { name: tag.name, text: '', children: [] };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => void (stack.at(-1)!.text += t));
  parser.on('cdata', (t) => void (stack.at(-1)!.text += t));
  parser.write(readFileSync(file, 'utf8')).close();
  return stack[0]!.children[0]!;
}

/** The export's element of each voie d'accès → its key in a fiche (`voies_acces.<key>`). */
export const VOIE_ELEMENTS: Readonly<Record<string, string>> = {
  SI_JURY_FI: 'formation_initiale',
  SI_JURY_CA: 'apprentissage',
  SI_JURY_FC: 'formation_continue',
  SI_JURY_CQ: 'contrat_professionnalisation',
  SI_JURY_CL: 'candidature_individuelle',
  SI_JURY_VAE: 'vae',
};

export const kids = (el: El | undefined, name: string) =>
  el?.children.filter((c) => c.name === name) ?? [];
export const kid = (el: El | undefined, name: string) => kids(el, name)[0];
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The words of a text, bullets and spacing aside (braces become parentheses, as the validator wants). */
export function words(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(/\{/g, '(')
    .replace(/\}/g, ')')
    .split(/\s+/)
    .filter((w) => w !== '' && !/^[•*\-–]$/.test(w));
}
