/**
 * How the parts of the converter (./parts/) read one FICHE of the export: each value as the schema
 * wants it (one-line text in NFC, Markdown, a date, a number, a SIRET, links, a code), and what
 * could not be taken kept on the side: a value left out becomes a warning, a missing fact that makes
 * the fiche invalid becomes a reason for it to fail. One reader per fiche, passed to every part:
 * nothing is kept from one fiche to the next.
 */
import { NUMERO_FICHE, SIRET } from '../../schema/codes.ts';
import type { LienWeb } from '../../schema/fiche.ts';
import { htmlToMarkdown, toPlainText, type OnChange } from './html.ts';
import { liensWeb } from './liens.ts';
import { child, type XNode } from './tree.ts';

/** The root of every element path in warnings: `FICHE/CERTIFICATEURS/CERTIFICATEUR/…`. */
export const F = 'FICHE';

/** A fiche that cannot be made valid (no number, no ACTIF, no certificateur…), with why. */
export class FicheError extends Error {
  readonly raisons: string[];
  constructor(raisons: string[]) {
    super(raisons.join(' ; '));
    this.name = 'FicheError';
    this.raisons = raisons;
  }
}

/** A value left out of a fiche, with why; counted when it repeats (1,000 partners with the same defect). */
export interface Avertissement {
  element: string;
  message: string;
  valeurs: string[];
  nombre: number;
}

const OUI = new Set(['oui', 'o', 'true', 'vrai', '1', 'active', 'actif']);
const NON = new Set(['non', 'n', 'false', 'faux', '0', 'inactive', 'inactif']);

export class FicheReader {
  private readonly notes = new Map<string, Avertissement>();
  private readonly raisons: string[] = [];
  /** Texts already converted: a fiche often repeats one text (the same jury for five voies d'accès). */
  private readonly converted = new Map<string, { md: string; changes: string[] }>();

  /** Notes a value left out (or repaired) at `element`. */
  warn(element: string, message: string, valeur?: string): void {
    const key = `${element}\u0000${message}`;
    let note = this.notes.get(key);
    if (!note) {
      note = { element, message, valeurs: [], nombre: 0 };
      this.notes.set(key, note);
    }
    note.nombre++;
    if (valeur !== undefined && note.valeurs.length < 3 && !note.valeurs.includes(valeur))
      note.valeurs.push(valeur);
  }

  /** Notes a reason the fiche cannot be written; ./convert.ts throws them all at the end. */
  fail(raison: string): void {
    this.raisons.push(raison);
  }

  get avertissements(): Avertissement[] {
    return [...this.notes.values()];
  }

  /** Throws a FicheError when a part failed, once every part has been read (all the reasons at once). */
  throwIfFailed(): void {
    if (this.raisons.length > 0) throw new FicheError(this.raisons);
  }

  private changeNote(n: XNode): OnChange {
    return (message) => this.warn(`…/${n.name}`, message);
  }

  /** An element's text on one line (see oneLine), undefined when absent or empty. */
  leaf(n: XNode | undefined): string | undefined {
    return n ? oneLine(n.text, this.changeNote(n)) : undefined;
  }

  /** The one-line text of the first child named one of `names`. */
  value(parent: XNode | undefined, ...names: string[]): string | undefined {
    return this.leaf(child(parent, ...names));
  }

  /** An element's text (HTML in the export) as Markdown, undefined when absent or empty. */
  markdown(n: XNode | undefined): string | undefined {
    if (!n) return undefined;
    let entry = this.converted.get(n.text);
    if (!entry) {
      const changes: string[] = [];
      entry = { md: htmlToMarkdown(n.text, (message) => changes.push(message)), changes };
      this.converted.set(n.text, entry);
    }
    const note = this.changeNote(n);
    for (const message of entry.changes) note(message);
    return entry.md === '' ? undefined : entry.md;
  }

  /** `Oui`/`Non` (and their spellings) → a boolean; anything else is left out. */
  ouiNon(raw: string | undefined, element: string): boolean | undefined {
    if (raw === undefined) return undefined;
    const v = raw.toLowerCase();
    if (OUI.has(v)) return true;
    if (NON.has(v)) return false;
    this.warn(element, 'valeur ni Oui ni Non, laissée de côté', raw);
    return undefined;
  }

  date(raw: string | undefined, element: string): string | undefined {
    if (raw === undefined) return undefined;
    const iso = isoDateFrom(raw);
    if (iso === undefined) this.warn(element, 'date illisible ou impossible, laissée de côté', raw);
    return iso;
  }

  number(
    raw: string | undefined,
    element: string,
    { integer, min, max }: { integer: boolean; min: number; max: number },
  ): number | undefined {
    if (raw === undefined) return undefined;
    const text = raw.replace(/\s|%/g, '').replace(',', '.');
    const n = /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      this.warn(
        element,
        `nombre attendu${integer ? ' entier' : ''} de ${min} à ${max}, valeur laissée de côté`,
        raw,
      );
      return undefined;
    }
    return n;
  }

  /** SIRET values are trimmed (the CSV export prefixes them with a tab; some carry spaces). */
  siret(raw: string | undefined, element: string): string | undefined {
    if (raw === undefined) return undefined;
    const v = raw.replace(/[\s\u00a0]+/g, '');
    if (v === '') return undefined;
    if (!SIRET.test(v)) {
      this.warn(element, 'SIRET mal formé (14 chiffres attendus), laissé de côté', raw);
      return undefined;
    }
    return v;
  }

  /** An address field → its links (./liens.ts); what is not an address is kept as text, and noted. */
  liens(raw: string | undefined, element: string): LienWeb[] | undefined {
    if (raw === undefined) return undefined;
    const list = liensWeb(raw, (message) => this.warn(element, message, raw));
    return list.length > 0 ? list : undefined;
  }

  code(raw: string | undefined, pattern: RegExp, element: string): string | undefined {
    if (raw === undefined) return undefined;
    const v = raw.replace(/\s+/g, '');
    if (!pattern.test(v)) {
      this.warn(element, 'code mal formé, laissé de côté', raw);
      return undefined;
    }
    return v;
  }

  numeroFiche(raw: string | undefined, element: string): string | undefined {
    if (raw === undefined) return undefined;
    const v = raw.replace(/\s+/g, '').toUpperCase();
    if (!NUMERO_FICHE.test(v)) {
      this.warn(element, 'numéro de fiche mal formé, laissé de côté', raw);
      return undefined;
    }
    return v;
  }
}

/** One-line text: entities and tags repaired, spaces collapsed, NFC; undefined when empty. */
function oneLine(value: string, onChange: OnChange): string | undefined {
  const text = toPlainText(value, onChange).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** `JJ/MM/AAAA` (an hour may follow) or `AAAA-MM-JJ` → `AAAA-MM-JJ`, undefined when impossible. */
function isoDateFrom(raw: string): string | undefined {
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(raw);
  if (fr) [, d, m, y] = fr;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?$/.exec(raw);
  if (iso) [, y, m, d] = iso;
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const text = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(text)) return undefined;
  return text;
}
