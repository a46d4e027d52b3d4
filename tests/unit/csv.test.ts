/**
 * Reading the open-data CSV files (src/lib/csv.ts) as the France Compétences export and the BCN
 * tables write them: separators, quotes, line breaks and BOM as published, and a broken file refused
 * with its line rather than read into shifted columns.
 */
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, parseCsvRecords } from '../../src/lib/csv.ts';

describe('parseCsv', () => {
  it('reads the France Compétences export format: `;`, CRLF, quoted values, empty unquoted values', () => {
    const text = '"Numero_Fiche";"Nsf_Code";"Nsf_Intitule"\r\n"RNCP6133";"332t";;\r\n';
    expect(parseCsv(text)).toEqual([
      ['Numero_Fiche', 'Nsf_Code', 'Nsf_Intitule'],
      ['RNCP6133', '332t', '', ''],
    ]);
  });

  it('drops a leading BOM (BCN files)', () => {
    expect(parseCsv('\uFEFFGROUPE_SPECIALITE;LIBELLE_LONG\n332;TRAVAIL SOCIAL\n')).toEqual([
      ['GROUPE_SPECIALITE', 'LIBELLE_LONG'],
      ['332', 'TRAVAIL SOCIAL'],
    ]);
  });

  it('keeps separators, doubled quotes and line breaks inside quoted values', () => {
    const text = 'a,b\n"x, y","he said ""hi""\r\nthen left"\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\r\nthen left'],
    ]);
  });

  it('keeps values as written: the doubled apostrophes and the TAB before a SIRET are for the caller', () => {
    expect(parseCsv('"d\'\'affaires";"\t11004301500012"\n')).toEqual([
      ["d''affaires", '\t11004301500012'],
    ]);
  });

  it('accepts LF, CR or no final line break, and skips blank lines', () => {
    expect(parseCsv('a;b\n\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a;b\r1;2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps a row whose only value is quoted and empty, and trailing empty values', () => {
    expect(parseCsv('a\n""\n', { delimiter: ';' })).toEqual([['a'], ['']]);
    expect(parseCsv('a;b;c\n1;;\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
    ]);
  });

  it('throws on a quote that is never closed, with its line', () => {
    expect(() => parseCsv('a;b\n1;"oops\n2;3\n')).toThrow(/ligne 2/);
  });

  it('rejects an unusable delimiter', () => {
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(/séparateur/);
  });
});

describe('detectDelimiter', () => {
  it('picks the separator of the header line, ignoring quoted text', () => {
    expect(detectDelimiter('"code_rome","libelle_rome"\n"A1101","x;y"')).toBe(',');
    expect(detectDelimiter('"Numero_Fiche";"Nsf_Code";"a, b"\r\n')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('parseCsvRecords', () => {
  it('keys each row by the header', () => {
    const records = parseCsvRecords(
      '"code_rome","libelle_rome"\n"K1801","Conseiller / Conseillère"\n',
    );
    expect(records).toEqual([{ code_rome: 'K1801', libelle_rome: 'Conseiller / Conseillère' }]);
  });

  it('throws when a row does not have as many values as the header', () => {
    expect(() => parseCsvRecords('a;b\n1;2\n3\n')).toThrow(/ligne de données 3/);
  });

  it('returns no record for an empty text', () => {
    expect(parseCsvRecords('')).toEqual([]);
  });
});
