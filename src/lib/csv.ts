/**
 * A small RFC 4180 CSV reader for the open-data files the project reads: France Compétences exports
 * (`;`, CRLF, every value quoted), BCN tables (`;`, UTF-8 with BOM) and ROME tables (`,`).
 *
 * Values are returned exactly as written, apart from the quoting: no trimming, so the TAB that opens
 * the export's SIRET values is kept and left to the caller to clean.
 */

export interface CsvOptions {
  /** Field separator. Detected from the first line when omitted (`;`, `,` or TAB). */
  delimiter?: string;
}

const CANDIDATE_DELIMITERS = [';', ',', '\t'] as const;

/** The separator that occurs most often, outside quotes, in the first line (`,` when none occurs). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (const char of stripBom(text)) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Parses CSV text into rows of values. Handles a leading BOM, quoted values (with `""` for a quote,
 * and separators or line breaks inside), CRLF, LF or CR line ends, and skips blank lines.
 * Throws on a quote that is never closed.
 */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const source = stripBom(text);
  const delimiter = options.delimiter ?? detectDelimiter(source);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`CSV : séparateur invalide ${JSON.stringify(delimiter)}`);
  }

  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted value
  let wasQuoted = false; // the current value opened with a quote (so `""` on its own line is a row)
  let line = 1;
  let quoteLine = 0;

  const endRow = () => {
    row.push(field);
    // A blank line gives one empty unquoted value: it is not a row.
    if (!(row.length === 1 && row[0] === '' && !wasQuoted)) rows.push(row);
    row = [];
    field = '';
    wasQuoted = false;
  };

  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      line++;
      endRow();
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error(`CSV : guillemet ouvert ligne ${quoteLine} et jamais fermé`);
  if (field !== '' || row.length > 0 || wasQuoted) endRow();
  return rows;
}

/** One data row, keyed by the header's column names. */
export type CsvRecord = Readonly<Record<string, string>>;

/**
 * Parses CSV text whose first row names the columns. Throws when a row does not have as many values
 * as the header (the row number counts the header as row 1).
 */
export function parseCsvRecords(text: string, options: CsvOptions = {}): CsvRecord[] {
  const [header, ...rows] = parseCsv(text, options);
  if (!header) return [];
  return rows.map((values, index) => {
    if (values.length !== header.length) {
      throw new Error(
        `CSV : la ligne de données ${index + 2} a ${values.length} valeurs, l'en-tête ${header.length} colonnes`,
      );
    }
    return Object.fromEntries(header.map((name, column) => [name, values[column] ?? '']));
  });
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
