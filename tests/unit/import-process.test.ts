/**
 * One fiche of the export, from its XML to the file an editor opens: the file's layout (the comment
 * that tells an editor the file is imported, the frontmatter, the body), its fingerprint, which tells
 * the next import whether someone changed the file (one byte is enough), the decision taken for a file
 * already there (new, unchanged, updated, edited by hand, forced), and the French reasons of a fiche
 * the schema refuses. Nothing reaches the content folder here: a fiche to write is staged. In this
 * process, on fiches written by the test.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { processFiche, type ProcessOptions } from '../../src/lib/import/process.ts';
import {
  DUMP_OPTIONS,
  dumpYaml,
  fileState,
  refreshEmpreinte,
  renderFiche,
  untouchedSinceImport,
} from '../../src/lib/import/render.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'import-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const HEADER =
  '# Fiche importée de l’export France Compétences par « npm run import ». Un fichier modifié à la main\n' +
  '# n’est plus écrasé par les imports suivants (il est signalé ; --force pour l’écraser).\n';

describe('the file of a fiche', () => {
  it('holds the comment for editors, the frontmatter with its import record, then the body', () => {
    const text = renderFiche({ numero_fiche: 'RS1', intitule: 'Titre' }, '## Objectifs\n\nTexte', {
      flux: 'export.xml',
      date_flux: '2026-08-16',
    });
    const empreinte = /empreinte: "([0-9a-f]{64})"/.exec(text)![1]!;
    expect(text).toBe(
      `---\n${HEADER}numero_fiche: "RS1"\nintitule: "Titre"\nimport:\n  flux: "export.xml"\n  date_flux: "2026-08-16"\n` +
        `  empreinte: "${empreinte}"\n---\n\n## Objectifs\n\nTexte\n`,
    );
    expect(renderFiche({ numero_fiche: 'RS1' }, '', { flux: 'export.xml' })).toMatch(
      /\nimport:\n {2}flux: "export\.xml"\n {2}empreinte: "[0-9a-f]{64}"\n---\n$/,
    );
  });

  it('records as fingerprint the SHA-256 of the file with an empty empreinte value', () => {
    const text = renderFiche({ numero_fiche: 'RS1' }, 'Texte', { flux: 'export.xml' });
    const recorded = /empreinte: "([0-9a-f]{64})"/.exec(text)![1]!;
    expect(sha256(text.replace(recorded, ''))).toBe(recorded);
    expect(fileState(text)).toEqual({ recorded, actual: recorded });
    expect(untouchedSinceImport(text)).toBe(true);
  });

  it('tells a file changed by one byte, anywhere, from one left as imported', () => {
    const text = renderFiche({ numero_fiche: 'RS1', intitule: 'Titre' }, 'Texte', {
      flux: 'e.xml',
    });
    for (const changed of [
      text.replace('Texte', 'Texte.'),
      text.replace('Titre', 'Titres'),
      text.replace('# Fiche', '#  Fiche'),
      `${text}\n`,
      text.replace(
        /"([0-9a-f]{63})[0-9a-f]"/,
        (_, h: string) => `"${h}${h.endsWith('0') ? '1' : '0'}"`,
      ),
    ])
      expect(untouchedSinceImport(changed)).toBe(false);
    // No frontmatter, no import record, or a record without fingerprint: not an imported file.
    expect(fileState('Texte')).toEqual({});
    expect(fileState(text.replace(/^---\n/, ''))).toEqual({});
    expect(fileState(text.replace(/empreinte: "[0-9a-f]{64}"/, 'empreinte: ""'))).toEqual({});
    expect(untouchedSinceImport(text.replace(/\n {2}empreinte: .*/, ''))).toBe(false);
  });

  it('stays « as imported » after a change made by a tool, and refuses a file without record', () => {
    const text = renderFiche({ numero_fiche: 'RS1', intitule: 'Titre' }, 'Texte', {
      flux: 'e.xml',
    });
    const changed = text.replace(
      'intitule: "Titre"',
      'intitule: "Titre"\nabsente_de_l_export: true',
    );
    expect(untouchedSinceImport(changed)).toBe(false);
    const refreshed = refreshEmpreinte(changed);
    expect(untouchedSinceImport(refreshed)).toBe(true);
    expect(refreshed.replace(/empreinte: "[0-9a-f]{64}"/, '')).toBe(
      changed.replace(/empreinte: "[0-9a-f]{64}"/, ''),
    );
    expect(() => refreshEmpreinte('---\nintitule: "Titre"\n---\n')).toThrow(
      'empreinte introuvable : le fichier n’a pas de bloc import',
    );
  });
});

describe('one fiche of the export', () => {
  const out = path.join(dir, 'fiches');
  const staging = path.join(dir, 'staging');
  mkdirSync(staging, { recursive: true });
  const options = (extra: Partial<ProcessOptions> = {}): ProcessOptions => ({
    out,
    staging,
    force: false,
    record: { flux: 'export_2026-08-16.xml', date_flux: '2026-08-16' },
    referentielsDir: null,
    ...extra,
  });
  const xml = (intitule: string) =>
    `<FICHE><NUMERO_FICHE>RS42</NUMERO_FICHE><INTITULE>${intitule}</INTITULE><ACTIF>Oui</ACTIF>` +
    `<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>Organisme</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS></FICHE>`;
  const target = path.join(out, 'rs/42.md');

  it('is staged when new, and decided again against the file in place', () => {
    const first = processFiche({ xml: xml('Titre'), line: 3, numero: 'RS42' }, options());
    expect(first).toMatchObject({
      kind: 'ok',
      numero: 'RS42',
      fichier: 'rs/42.md',
      decision: 'nouvelle',
      previous: null,
    });
    if (first.kind !== 'ok') throw new Error('not imported');
    expect(first.staged).toBe(path.join(staging, 'rs-42.md.tmp'));
    expect(existsSync(target)).toBe(false);
    const text = readFileSync(first.staged!, 'utf8');
    expect(text).toContain('intitule: "Titre"');
    expect(untouchedSinceImport(text)).toBe(true);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    rmSync(first.staged!);

    // Same export again, or the next day's with the same content: nothing to write.
    for (const record of [
      options().record,
      { flux: 'export_2026-08-17.xml', date_flux: '2026-08-17' },
      { flux: 'export.xml' },
    ]) {
      const again = processFiche({ xml: xml('Titre'), line: 3 }, options({ record }));
      expect(again, JSON.stringify(record)).toMatchObject({ kind: 'ok', decision: 'inchangee' });
      expect(again).not.toHaveProperty('staged');
    }
    expect(readdirSync(staging)).toEqual([]);

    // The export changed: updated, staged with the fingerprint of the file it replaces.
    const updated = processFiche({ xml: xml('Nouveau titre'), line: 3 }, options());
    expect(updated).toMatchObject({ decision: 'mise_a_jour', previous: sha256(text) });
    rmSync(path.join(staging, 'rs-42.md.tmp'));

    // Edited by hand: left alone (nothing staged), unless forced.
    writeFileSync(target, text.replace('Titre', 'Titre corrigé'));
    const edited = processFiche({ xml: xml('Titre'), line: 3 }, options());
    expect(edited).toMatchObject({ decision: 'modifiee_a_la_main', sourceModifiee: false });
    expect(edited).not.toHaveProperty('staged');
    const editedAndChanged = processFiche({ xml: xml('Autre titre'), line: 3 }, options());
    expect(editedAndChanged).toMatchObject({
      decision: 'modifiee_a_la_main',
      sourceModifiee: true,
    });
    const forced = processFiche({ xml: xml('Titre'), line: 3 }, options({ force: true }));
    expect(forced).toMatchObject({
      decision: 'forcee',
      staged: path.join(staging, 'rs-42.md.tmp'),
    });
    rmSync(path.join(staging, 'rs-42.md.tmp'));

    // Written by an editor (no import record): left alone, nothing said of the export.
    writeFileSync(target, '---\nnumero_fiche: "RS42"\n---\n');
    const byEditor = processFiche({ xml: xml('Titre'), line: 3 }, options());
    expect(byEditor).toMatchObject({ decision: 'modifiee_a_la_main' });
    expect(byEditor).not.toHaveProperty('sourceModifiee');
    expect(readdirSync(staging)).toEqual([]);
  });

  it('fails with the schema’s reasons, field by field, at its line', () => {
    const result = processFiche(
      {
        xml:
          '<FICHE><NUMERO_FICHE>RNCP43</NUMERO_FICHE><INTITULE>Sans niveau</INTITULE><ACTIF>Oui</ACTIF>' +
          '<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>Organisme</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS></FICHE>',
        line: 12,
      },
      options(),
    );
    expect(result).toEqual({
      kind: 'echec',
      numero: 'RNCP43',
      ligne: 12,
      raisons: [
        'niveau : Une fiche RNCP a un niveau : ajoutez niveau.europe (1 à 8) ou niveau.sans_niveau',
      ],
      inconnus: [],
    });
    const broken = processFiche(
      {
        xml: '<FICHE><NUMERO_FICHE>RS44</NUMERO_FICHE><INCONNU/></FICHE>',
        line: 20,
        numero: 'RS44',
      },
      options(),
    );
    expect(broken).toEqual({
      kind: 'echec',
      numero: 'RS44',
      ligne: 20,
      raisons: [
        'INTITULE absent',
        'ACTIF absent ou illisible : la fiche doit dire si la certification est active',
        'aucun certificateur nommé (CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR)',
      ],
      inconnus: [],
    });
  });

  it('leaves out a code the site’s reference tables do not know', () => {
    const result = processFiche(
      {
        xml:
          '<FICHE><NUMERO_FICHE>RS45</NUMERO_FICHE><INTITULE>Titre</INTITULE><ACTIF>Oui</ACTIF>' +
          '<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>Organisme</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS>' +
          '<CODES_ROME><ROME><CODE>K1801</CODE></ROME><ROME><CODE>K9999</CODE></ROME></CODES_ROME>' +
          '<CODES_NSF><NSF><CODE>330t</CODE></NSF><NSF><CODE>999z</CODE></NSF></CODES_NSF></FICHE>',
        line: 1,
      },
      options({
        referentielsDir: path.resolve('content/referentiels'),
        out: path.join(dir, 'autre'),
      }),
    );
    if (result.kind !== 'ok') throw new Error(result.raisons.join(' ; '));
    const text = readFileSync(result.staged!, 'utf8');
    expect(text).toContain('rome:\n  - code: "K1801"\n');
    expect(text).not.toContain('K9999');
    expect(text).toContain('nsf:\n  - code: "330t"\n');
    expect(text).not.toContain('999z');
    expect(result.avertissements.map((a) => [a.element, a.valeurs])).toEqual([
      ['FICHE/CODES_NSF/NSF/CODE', ['999z']],
      ['FICHE/CODES_ROME/ROME/CODE', ['K9999']],
    ]);
    rmSync(result.staged!);
  });
});

describe('the frontmatter writer', () => {
  it('writes each character at the edges of what YAML prints as is, as js-yaml does, and reads back the same', () => {
    // Around each bound of js-yaml's printable ranges, with a quote so that the string is escaped.
    const edges = [
      0x01, 0x1f, 0x20, 0x7e, 0x7f, 0xa0, 0xa1, 0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xfffe, 0x10000,
      0x10ffff,
    ];
    const value = {
      texte: `" ${edges.map((c) => String.fromCodePoint(c)).join(' ')}`,
      liste: [`"${String.fromCodePoint(0x10000)}`, 'x'],
    };
    const jsYaml = vi.spyOn(yaml, 'dump');
    const expected = yaml.dump(value, DUMP_OPTIONS);
    jsYaml.mockClear();
    const dumped = dumpYaml(value);
    expect(jsYaml).not.toHaveBeenCalled();
    expect(dumped).toBe(expected);
    expect(yaml.load(dumped)).toEqual(value);
    jsYaml.mockRestore();
  });

  it('writes an empty mapping, and hands a list holding an infinite number to js-yaml', () => {
    expect(dumpYaml({})).toBe('{}\n');
    const value = { liste: [1, Number.POSITIVE_INFINITY] };
    expect(dumpYaml(value)).toBe(yaml.dump(value, DUMP_OPTIONS));
    expect(dumpYaml(value)).toBe('liste:\n  - 1\n  - .inf\n');
  });
});
