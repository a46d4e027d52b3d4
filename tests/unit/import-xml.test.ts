/**
 * Reading the export file as a stream: an editor who imports an export in Latin-1 or Windows-1252 gets
 * the same accented letters as in UTF-8; an export in an encoding the importer cannot read, with bytes
 * that are not UTF-8, or empty, stops with a French message and its position; the report says how many
 * fiches were passed over (--only), which elements of the export it did not know, and the export's
 * version. Files written by the test, read in this process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  XmlSyntaxError,
  newExportInfo,
  parseFiche,
  readFiches,
  type ExportInfo,
  type FicheSource,
} from '../../src/lib/import/xml.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'import-xml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
function file(content: string | Buffer): string {
  const name = path.join(dir, `export-${++count}.xml`);
  writeFileSync(name, content);
  return name;
}

async function read(name: string, options: Parameters<typeof readFiches>[1] = {}) {
  const out: FicheSource[] = [];
  for await (const f of readFiches(name, options)) out.push(f);
  return out;
}

async function failure(name: string): Promise<XmlSyntaxError> {
  const error = await read(name).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(XmlSyntaxError);
  return error as XmlSyntaxError;
}

const FICHE = (numero: string, intitule = 'Intitulé') =>
  `<FICHE><NUMERO_FICHE>${numero}</NUMERO_FICHE><INTITULE>${intitule}</INTITULE></FICHE>`;

describe('encodings', () => {
  it('reads Latin-1 and Windows-1252 exports as the same letters', async () => {
    const text = (encoding: string) =>
      `<?xml version="1.0" encoding="${encoding}"?>\n<FICHES>${FICHE('RNCP1', 'Créer l’œuvre')}</FICHES>`;
    const latin1 = await read(
      file(Buffer.from(text('ISO-8859-1').replace('’', "'").replace('œ', 'oe'), 'latin1')),
    );
    expect(parseFiche(latin1[0]!).children[1]!.text).toBe("Créer l'oeuvre");
    // Windows-1252 has the curly apostrophe (0x92) and œ (0x9c) that Latin-1 lacks.
    const bytes = Buffer.from(
      text('windows-1252').replace('’', '\u0001').replace('œ', '\u0002'),
      'latin1',
    );
    const cp1252 = Buffer.from(bytes.map((b) => (b === 1 ? 0x92 : b === 2 ? 0x9c : b)));
    const [fiche] = await read(file(cp1252));
    expect(parseFiche(fiche!).children[1]!.text).toBe('Créer l’œuvre');
    for (const label of ['utf8', 'UTF-8', 'latin1', 'cp1252', 'iso-8859-15']) {
      const [f] = await read(
        file(`<?xml version="1.0" encoding='${label}'?><FICHES>${FICHE('RS2')}</FICHES>`),
      );
      expect(f!.numero, label).toBe('RS2');
    }
  });

  it('refuses an encoding it cannot read, and bytes that are not UTF-8, in French', async () => {
    const encoding = await failure(file(`<?xml version="1.0" encoding="Shift_JIS"?><FICHES/>`));
    expect(encoding.message).toBe(
      'XML mal formé, ligne 1, colonne 1 : encodage « shift_jis » non pris en charge (attendu UTF-8)',
    );
    const start = Buffer.from(`<FICHES>${FICHE('RNCP1', 'Cr')}`);
    const bad = await failure(
      file(Buffer.concat([start, Buffer.from([0xe9]), Buffer.from('</FICHES>')])),
    );
    expect(bad.detail).toBe(
      `octets invalides en UTF-8 vers l’octet ${start.length + 10} du fichier`,
    );
    const empty = await failure(file(''));
    expect([empty.message, empty.line, empty.column]).toEqual([
      'XML mal formé, ligne 1, colonne 1 : fichier vide',
      1,
      1,
    ]);
  });

  it('gives the parser’s reason without its own position prefix', async () => {
    const error = await failure(file('<FICHES>\n<FICHE>\n<INTITULE>x</FICHE>\n</FICHES>'));
    expect(error.line).toBe(3);
    expect(error.detail).not.toMatch(/^\d+:\d+/);
    expect(error.message).toBe(`XML mal formé, ligne 3, colonne ${error.column} : ${error.detail}`);
  });
});

describe('what the reader learns about the export', () => {
  it('counts fiches seen and passed over, and names elements of the export it does not know', async () => {
    const name = file(
      `<FICHES>\n<VERSION_FLUX> 4.1 </VERSION_FLUX>\n<AUTRE><FICHE>${FICHE('RNCP9')}</FICHE></AUTRE>\n<AUTRE/><DIVERS/>\n` +
        `${FICHE(' rncp 1 ')}\n${FICHE('RNCP2')}\n<FICHE><INTITULE>Sans numéro</INTITULE></FICHE>\n</FICHES>`,
    );
    const info: ExportInfo = newExportInfo();
    const all = await read(name, { info });
    expect(all.map((f) => [f.numero, f.line])).toEqual([
      ['RNCP1', 5],
      ['RNCP2', 6],
      [undefined, 7],
    ]);
    expect(info.root).toBe('FICHES');
    expect(info.versionFlux).toBe('4.1');
    expect([...info.unknownTopLevel]).toEqual([
      ['AUTRE', 2],
      ['DIVERS', 1],
    ]);
    expect([info.fichesSeen, info.fichesPassed]).toEqual([3, 0]);
    expect(all[2]!.xml).toBe('<FICHE><INTITULE>Sans numéro</INTITULE></FICHE>');

    const only = newExportInfo();
    const some = await read(name, { info: only, only: new Set(['RNCP2']) });
    expect(some.map((f) => f.numero)).toEqual(['RNCP2']);
    expect([only.fichesSeen, only.fichesPassed]).toEqual([3, 2]);
    expect(only.bytesRead).toBe(readFileSync(name).length);
  });

  it('reads a fiche’s own NUMERO_FICHE, not one of its children’s', async () => {
    const [f] = await read(
      file(
        `<FICHES><FICHE><ANCIENNE_CERTIFICATION><NUMERO_FICHE>RNCP5</NUMERO_FICHE></ANCIENNE_CERTIFICATION>` +
          `<NUMERO_FICHE>RNCP6</NUMERO_FICHE><NUMERO_FICHE>RNCP7</NUMERO_FICHE></FICHE></FICHES>`,
      ),
    );
    expect(f!.numero).toBe('RNCP6');
  });
});

describe('one fiche as a tree', () => {
  it('keeps text and CDATA together, attributes, and the lines of the export', () => {
    const tree = parseFiche({
      xml: '<FICHE id="7">\n<INTITULE>Un <![CDATA[<b>texte</b>]]> &amp; un autre</INTITULE>\n<VIDE/>\n</FICHE>',
      line: 40,
    });
    expect(tree.name).toBe('FICHE');
    expect(tree.line).toBe(40);
    expect(tree.attributes).toEqual({ id: '7' });
    expect(tree.children.map((c) => [c.name, c.text, c.line, c.attributes])).toEqual([
      ['INTITULE', 'Un <b>texte</b> & un autre', 41, undefined],
      ['VIDE', '', 42, undefined],
    ]);
  });
});

describe('errors, precisely', () => {
  it('gives the reason, the line and the column in the export, past line nine too', async () => {
    const error = await failure(
      file(`<FICHES>${'\n'.repeat(11)}<FICHE>\n<INTITULE>x</FICHE>\n</FICHES>`),
    );
    expect(error.name).toBe('XmlSyntaxError');
    expect([error.line, error.detail]).toEqual([13, 'unexpected close tag.']);
    expect(error.message).toBe(
      `XML mal formé, ligne 13, colonne ${error.column} : unexpected close tag.`,
    );
    // A fiche's own text, parsed again, counts its lines from where it starts in the export.
    expect(() => parseFiche({ xml: '<FICHE>\n<A>\n</FICHE>', line: 40 })).toThrow(
      'XML mal formé, ligne 42, colonne 8 : unexpected close tag.',
    );
  });

  it('reads an encoding declared with spaces around the sign, and only in the declaration', async () => {
    const latin1 = Buffer.from(
      `<?xml version="1.0" encoding = 'ISO-8859-1'?><FICHES>${FICHE('RNCP1', 'Créer')}</FICHES>`,
      'latin1',
    );
    expect(parseFiche((await read(file(latin1)))[0]!).children[1]!.text).toBe('Créer');
    const utf8 = `<FICHES><!-- <?xml encoding="ISO-8859-1"?> -->${FICHE('RNCP1', 'Créer')}</FICHES>`;
    expect(parseFiche((await read(file(utf8)))[0]!).children[1]!.text).toBe('Créer');
  });
});
