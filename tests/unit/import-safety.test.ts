/**
 * The importer is tolerant (V2/V3 names, CDATA and escaped text, unknown elements reported, a broken
 * fiche reported while the others import) and safe (a malformed export writes nothing and says where;
 * files are replaced atomically; the same export twice changes nothing; a fiche edited by hand is
 * never overwritten silently). Fixtures: tests/fixtures/import/.
 */
import { spawnSync } from 'node:child_process';
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
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DUMP_OPTIONS,
  dumpYaml,
  fileState,
  refreshEmpreinte,
  untouchedSinceImport,
} from '../../src/lib/import/render.ts';
import { exitCode, runImport } from '../../src/lib/import/run.ts';
// Loaded here, not lazily by the first in-process import: its module constants are then judged by
// mutation testing as module constants (docs/tests.md), not as if one test alone covered them.
import '../../src/lib/import/process.ts';
import { generateExport } from '../../scripts/lib/bench/synthetic.ts';
import {
  parseFiche,
  readFiches,
  XmlSyntaxError,
  type FicheSource,
} from '../../src/lib/import/xml.ts';
import type { Fiche } from '../../src/schema/fiche.ts';
import { sharedData } from '../support/shared-data.ts';

const FIXTURES = path.resolve('tests/fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);
const temps: string[] = [];

function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function frontmatter(file: string): Fiche {
  return yaml.load(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'))![1]!) as Fiche;
}

/** Every file under a folder, with its content. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath, e.name);
        return [path.relative(dir, file), readFileSync(file, 'utf8')];
      }),
  );
}

function validate(dir: string) {
  return spawnSync(process.execPath, ['scripts/validate.ts', dir], { encoding: 'utf8' });
}

describe('a malformed export', () => {
  it('stops with the line and column, and writes nothing', async () => {
    const out = temp('import-malformed-');
    writeFileSync(path.join(out, 'deja-la.txt'), 'inchangé');
    const before = snapshot(out);
    const error = await runImport({
      file: fixture('malformed-unclosed-tag.xml'),
      out,
      jobs: 0,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(XmlSyntaxError);
    expect(error.line).toBe(23);
    expect(error.column).toBeGreaterThan(0);
    expect(error.message).toMatch(/^XML mal formé, ligne 23, colonne \d+ : /);
    // The first fiche was well formed and converted, but nothing reached the content folder.
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out)).toEqual(['deja-la.txt']);
  });

  it('does not even create the content folder', async () => {
    const out = path.join(temp('import-malformed-'), 'fiches');
    await expect(
      runImport({ file: fixture('malformed-unclosed-tag.xml'), out, jobs: 2 }),
    ).rejects.toThrow(/ligne 23/);
    expect(existsSync(out)).toBe(false);
  });

  it('makes the command fail with a French message and exit status 2', () => {
    const out = path.join(temp('import-malformed-'), 'fiches');
    const result = spawnSync(
      process.execPath,
      ['scripts/import.ts', fixture('malformed-unclosed-tag.xml'), '--out', out],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/XML mal formé, ligne 23, colonne \d+/);
    expect(result.stderr).toContain("Aucune fiche n'a été écrite.");
    expect(existsSync(out)).toBe(false);
  });

  it('reports an empty or truncated file the same way', async () => {
    const dir = temp('import-truncated-');
    const file = path.join(dir, 'tronque.xml');
    writeFileSync(file, readFileSync(fixture('v3-names.xml'), 'utf8').slice(0, 400));
    await expect(runImport({ file, out: path.join(dir, 'out') })).rejects.toBeInstanceOf(
      XmlSyntaxError,
    );
    writeFileSync(file, '');
    await expect(runImport({ file, out: path.join(dir, 'out') })).rejects.toBeInstanceOf(
      XmlSyntaxError,
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('streaming', () => {
  it('cuts the same fiches whatever the size of the pieces the file is read in', async () => {
    const dir = temp('import-chunks-');
    const file = path.join(dir, 'export.xml');
    // Multi-byte characters and an astral one, so that pieces cut characters in two.
    writeFileSync(
      file,
      readFileSync(fixture('unknown-and-broken.xml'), 'utf8').replace(
        'Fiche avec des éléments inconnus',
        'Fiche « œuvrée » 😀 avec des éléments inconnus',
      ),
    );
    const read = async (chunkSize: number) => {
      const out: FicheSource[] = [];
      for await (const fiche of readFiches(file, { chunkSize })) out.push(fiche);
      return out;
    };
    const whole = await read(1 << 20);
    expect(whole).toHaveLength(5);
    expect(whole[0]!.xml).toMatch(/^<FICHE>[\s\S]*😀[\s\S]*<\/FICHE>$/);
    expect(whole.map((f) => f.line)).toEqual([5, 31, 39, 50, 56]);
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(await read(size)).toEqual(whole);
    const tree = parseFiche(whole[0]!);
    expect(tree.line).toBe(5);
    expect(tree.children.find((c) => c.name === 'INTITULE')?.line).toBe(8);
  });
});

describe('tolerance', () => {
  it('reads the V2/V3 names (INTITULE for LIBELLE, lineage under FICHE) and trims SIRET values', async () => {
    const out = temp('import-v3-');
    const report = await runImport({ file: fixture('v3-names.xml'), out, jobs: 0 });
    expect(report.version_flux).toBe('3.0');
    expect(report.elements_inconnus).toEqual([]);
    const fm = frontmatter(path.join(out, 'rncp/90301.md'));
    expect(fm.niveau).toEqual({ libelle: 'Niveau 4', europe: 4 });
    expect(fm.nsf).toEqual([
      { code: '332t', libelle: 'Aide, conseil, orientation, soutien socio-éducatif' },
    ]);
    expect(fm.lignee).toEqual({
      precedentes: [{ numero: 'RNCP90300' }],
      suivantes: [{ numero: 'RNCP90302' }],
    });
    expect(fm.certificateurs[0]?.siret).toBe('42370591200057');
    expect(fm.statut).toEqual({ actif: false, etat: 'Dépubliée/Archivée' });
    expect(fm.dates).toEqual({ fin_enregistrement: '2012-03-03' });
    expect(validate(out).status).toBe(0);
  });

  it('reads CDATA and escaped text alike, repairs double escaping, and cleans what the validator refuses', async () => {
    const out = temp('import-cdata-');
    const report = await runImport({ file: fixture('cdata-and-double-escaped.xml'), out, jobs: 0 });
    expect(report.totaux.echecs).toBe(0);
    const file = path.join(out, 'rs/90401.md');
    const text = readFileSync(file, 'utf8');
    const fm = frontmatter(file);
    const body = text.split('\n---\n')[1]!;
    expect(fm.intitule).toBe("Certification d&essai pour l'import");
    expect(fm.certificateurs[0]).toEqual({
      nom: "Organisme d'essai",
      siret: '42370591200057',
      site_internet: [{ url: 'https://www.exemple.fr' }],
      etat: 'Actif',
    });
    expect(fm.dates).toEqual({ decision: '2023-09-01', fin_enregistrement: '2026-12-31' });
    expect(fm.statut.actif).toBe(true);
    expect(fm.validation_partielle).toBe(false);
    expect(fm.accessible_nouvelle_caledonie).toBe(false);
    expect(fm.accessible_polynesie_francaise).toBeNull();
    expect(fm.voies_acces.formation_continue).toEqual({
      ouverte: true,
      composition_jury: 'Un président et **deux** professionnels.',
      date_derniere_modification: '2022-06-07',
    });
    expect(fm.voies_acces.vae).toEqual({ ouverte: false });
    expect(fm.voies_acces.apprentissage).toEqual({ ouverte: null });
    expect(fm.idcc).toEqual([{ code: '0843', libelle: 'Boulangerie-pâtisserie artisanale' }]);
    expect(text).toContain('code: "0843"');
    expect(fm.ccn).toEqual([
      { numero: '3117', libelle: 'Boulangerie-pâtisserie' },
      { numero: '3246', libelle: 'Animation socioculturelle' },
    ]);
    expect(body).toContain('### Un titre de niveau 1');
    expect(body).toContain('#### Sous-titre');
    expect(body).toContain('lien piégé');
    expect(body).not.toContain('javascript');
    expect(body).not.toMatch(/<script|alert\(2\)|commentaire/);
    expect(body).toContain('Texte _échappé_ dans une section CDATA\n\n- un\n- deux');
    expect(body).toContain('Texte **échappé deux fois** dans le XML, R\\&D compris');
    expect(body).toContain('| Industrie | 60 % |');
    expect(body).toContain('Caractères invisibles : ici et là.');
    expect(body).toContain('Café écrit');
    expect(text).toBe(text.normalize('NFC'));
    const messages = report.avertissements_par_type.map((a) => `${a.element} : ${a.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'FICHE/CERTIFICATEURS/CERTIFICATEUR/DATE_DERNIERE_MODIFICATION_ETAT : date illisible ou impossible, laissée de côté',
        'FICHE/LIEN_URL_DESCRIPTION : texte qui n’est pas une adresse, gardé comme texte sans lien',
        'FICHE/CERTIFICATEURS/CERTIFICATEUR/SITE_INTERNET : adresse sans protocole : https:// ajouté',
      ]),
    );
    expect(
      report.avertissements.find((a) => a.element === 'FICHE/LIEN_URL_DESCRIPTION')?.valeurs,
    ).toEqual(['pas une adresse']);
    // Kept, not lost: the fiche shows it as text.
    expect(fm.url_description).toEqual([{ libelle: 'pas une adresse' }]);
    const check = validate(out);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('reports unknown elements and broken fiches by number, and imports the others', async () => {
    const out = temp('import-broken-');
    const report = await runImport({ file: fixture('unknown-and-broken.xml'), out, jobs: 0 });
    expect(report.ecrites.map((e) => e.fichier)).toEqual(['rncp/90501.md', 'rs/90503.md']);
    expect(report.echecs.map((e) => [e.numero, e.ligne])).toEqual([
      ['RNCP90502', 31],
      ['RNCP90501', 50],
      ['RNCP-NEUF', 56],
    ]);
    expect(report.echecs[0]!.raisons.join(' ')).toMatch(/ACTIF absent.*aucun certificateur/);
    expect(report.echecs[1]!.raisons[0]).toMatch(/^doublon/);
    expect(report.echecs[2]!.raisons[0]).toMatch(/NUMERO_FICHE mal formé/);
    expect(report.elements_inconnus).toEqual([
      { element: 'FICHE/NOUVEL_ELEMENT', nombre: 1, fiches: ['RNCP90501'] },
      {
        element: 'FICHE/CERTIFICATEURS/CERTIFICATEUR/TELEPHONE_CERTIFICATEUR',
        nombre: 1,
        fiches: ['RNCP90501'],
      },
      { element: 'FICHES/ELEMENT_DE_FLUX_INCONNU', nombre: 1, fiches: ['(export)'] },
    ]);
    // A ROME code the validator does not know is left out and named, not written.
    expect(frontmatter(path.join(out, 'rncp/90501.md')).rome).toEqual([
      { code: 'K1801', libelle: 'Conseil en emploi et insertion socioprofessionnelle' },
    ]);
    expect(report.avertissements).toContainEqual(
      expect.objectContaining({
        numero: 'RNCP90501',
        element: 'FICHE/CODES_ROME/ROME/CODE',
        valeurs: ["K9999 Code qui n'existe pas"],
      }),
    );
    expect(exitCode(report)).toBe(1);
    expect(validate(out).status).toBe(0);
  });

  it('keeps every partner of a fiche that has more than 1,000', async () => {
    const dir = temp('import-partners-');
    const partners = Array.from(
      { length: 1500 },
      (_, i) =>
        `<PARTENAIRE><NOM_PARTENAIRE>Organisme ${i}</NOM_PARTENAIRE><SIRET_PARTENAIRE>${String(10000000000000 + i)}</SIRET_PARTENAIRE>` +
        `<HABILITATION_PARTENAIRE>HABILITATION_FORMER</HABILITATION_PARTENAIRE><ETAT_HABILITATION>Actif</ETAT_HABILITATION></PARTENAIRE>`,
    ).join('\n');
    const file = path.join(dir, 'partenaires.xml');
    writeFileSync(
      file,
      `<FICHES><FICHE><NUMERO_FICHE>RS90601</NUMERO_FICHE><INTITULE>Beaucoup de partenaires</INTITULE><ACTIF>Oui</ACTIF>` +
        `<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>Certificateur</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS>` +
        `<EXISTENCE_PARTENAIRES>Oui</EXISTENCE_PARTENAIRES><PARTENAIRES>${partners}</PARTENAIRES></FICHE></FICHES>`,
    );
    const out = path.join(dir, 'out');
    await runImport({ file, out, jobs: 0 });
    const fm = frontmatter(path.join(out, 'rs/90601.md'));
    expect(fm.partenaires).toHaveLength(1500);
    expect(fm.partenaires?.[1499]).toEqual({
      nom: 'Organisme 1499',
      siret: '10000000001499',
      habilitation: 'HABILITATION_FORMER',
      etat: 'Actif',
    });
    expect(validate(out).status).toBe(0);
  });
});

describe('safety of the content folder', () => {
  it('records a fingerprint: SHA-256 of the file with the empreinte value blanked', async () => {
    const out = temp('import-hash-');
    await runImport({ file: fixture('v3-names.xml'), out, jobs: 0 });
    const text = readFileSync(path.join(out, 'rncp/90301.md'), 'utf8');
    const recorded = /\n {2}empreinte: "([0-9a-f]{64})"\n/.exec(text)![1]!;
    const blanked = text.replace(`empreinte: "${recorded}"`, 'empreinte: ""');
    expect(createHash('sha256').update(blanked).digest('hex')).toBe(recorded);
    expect(fileState(text)).toEqual({ recorded, actual: recorded });
    expect(untouchedSinceImport(text.replace('Technicien', 'Technicienne'))).toBe(false);
    expect(untouchedSinceImport(text.replace(/\n/g, '\r\n'))).toBe(false);
  });

  it('never overwrites a fiche edited by hand, unless --force, and lists it', async () => {
    const out = temp('import-edited-');
    await runImport({ file: fixture('v3-names.xml'), out, jobs: 0 });
    const file = path.join(out, 'rncp/90301.md');
    const edited = readFileSync(file, 'utf8').replace(
      'Première activité.',
      'Première activité, précisée par une rédactrice.',
    );
    writeFileSync(file, edited);

    const skipped = await runImport({ file: fixture('v3-names.xml'), out, jobs: 0 });
    expect(skipped.modifiees_a_la_main).toEqual([
      { numero: 'RNCP90301', fichier: 'rncp/90301.md' },
    ]);
    expect(skipped.totaux.ecrites).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(exitCode(skipped)).toBe(0);

    const cli = spawnSync(
      process.execPath,
      ['scripts/import.ts', fixture('v3-names.xml'), '--out', out],
      {
        encoding: 'utf8',
      },
    );
    expect(cli.stdout).toMatch(/Modifiées à la main[^\n]*\n {2}- RNCP90301 : rncp\/90301\.md/);
    expect(readFileSync(file, 'utf8')).toBe(edited);

    const forced = await runImport({ file: fixture('v3-names.xml'), out, jobs: 0, force: true });
    expect(forced.ecrites).toEqual([
      { numero: 'RNCP90301', fichier: 'rncp/90301.md', statut: 'forcee' },
    ]);
    expect(readFileSync(file, 'utf8')).toContain('Première activité.\n');
    expect(untouchedSinceImport(readFileSync(file, 'utf8'))).toBe(true);
  });

  it('never overwrites a fiche written by an editor (no import record)', async () => {
    const out = temp('import-editor-');
    const file = path.join(out, 'rncp/90301.md');
    await runImport({ file: fixture('v3-names.xml'), out, jobs: 0 });
    const byHand = readFileSync(file, 'utf8').replace(/\nimport:\n(?: {2}.*\n)+/, '\n');
    expect(byHand).not.toContain('empreinte');
    writeFileSync(file, byHand);
    const report = await runImport({ file: fixture('v3-names.xml'), out, jobs: 0 });
    expect(report.totaux.modifiees_a_la_main).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(byHand);
  });

  it('updates a fiche left as imported when the export changes, atomically, leaving no temporary file', async () => {
    const dir = temp('import-update-');
    const out = path.join(dir, 'fiches');
    const file = path.join(dir, 'export_2026-08-16.xml');
    writeFileSync(file, readFileSync(fixture('v3-names.xml'), 'utf8'));
    await runImport({ file, out, jobs: 0 });
    const first = readFileSync(path.join(out, 'rncp/90301.md'), 'utf8');
    expect(first).toContain('date_flux: "2026-08-16"');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace("Technicien d'essai", "Technicienne d'essai"),
    );
    const report = await runImport({ file, out, jobs: 2 });
    expect(report.ecrites).toEqual([
      { numero: 'RNCP90301', fichier: 'rncp/90301.md', statut: 'mise_a_jour' },
    ]);
    expect(frontmatter(path.join(out, 'rncp/90301.md')).intitule).toBe(
      "Technicienne d'essai en ancien format",
    );
    expect(readdirSync(out)).toEqual(['rncp']);
    expect(readdirSync(path.join(out, 'rncp'))).toEqual(['90301.md']);
  });

  it('rewrites a fiche imported with an address as one string (before lists) without taking it for an editor’s change', async () => {
    const out = temp('import-liens-');
    await runImport({ file: fixture('cdata-and-double-escaped.xml'), out, jobs: 0 });
    const file = path.join(out, 'rs/90401.md');
    const now = readFileSync(file, 'utf8');
    // The file as the importer wrote it when an address field was one string, fingerprint included.
    const before = refreshEmpreinte(
      now.replace(
        '    site_internet:\n      - url: "https://www.exemple.fr"\n',
        '    site_internet: "https://www.exemple.fr"\n',
      ),
    );
    expect(before).not.toBe(now);
    expect(untouchedSinceImport(before)).toBe(true);
    writeFileSync(file, before);
    const report = await runImport({ file: fixture('cdata-and-double-escaped.xml'), out, jobs: 0 });
    expect(report.modifiees_a_la_main).toEqual([]);
    expect(report.ecrites).toEqual([
      { numero: 'RS90401', fichier: 'rs/90401.md', statut: 'mise_a_jour' },
    ]);
    expect(readFileSync(file, 'utf8')).toBe(now);
  });

  it('removes the staging folder of an import that was killed, not that of one still running', async () => {
    const out = temp('import-abandoned-');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const abandoned = path.join(out, `.import-${dead}-abcdef`);
    const running = path.join(out, `.import-${process.pid}-ghijkl`);
    for (const dir of [abandoned, running]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'rncp-1.md.tmp'), 'x');
    }
    await runImport({ file: fixture('v3-names.xml'), out, jobs: 0 });
    expect(existsSync(abandoned)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(readdirSync(out).sort()).toEqual([`.import-${process.pid}-ghijkl`, 'rncp']);
  });

  it('writes the report as JSON with --report', () => {
    const dir = temp('import-report-');
    const result = spawnSync(
      process.execPath,
      [
        'scripts/import.ts',
        fixture('unknown-and-broken.xml'),
        '--out',
        path.join(dir, 'out'),
        '--report',
        path.join(dir, 'r.json'),
        '--quiet',
      ],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const report = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(report.totaux).toMatchObject({ lues: 5, ecrites: 2, echecs: 3 });
    expect(report.laisses_de_cote.length).toBeGreaterThan(0);
  });
});

describe('frontmatter writing', () => {
  it('writes exactly what js-yaml writes, and reads back as the same data', async () => {
    const out = temp('import-yaml-');
    for (const name of ['cdata-and-double-escaped.xml', 'v3-names.xml', 'unknown-and-broken.xml']) {
      await runImport({ file: fixture(name), out, jobs: 0 });
    }
    const tricky = {
      texte:
        'guillemets " barre \\ insécable\u00a0NEL\u0085 L\u2028 tab\t ligne\n bom\ufeff emoji 😀 seul\ud800',
      vide: [],
      objet_vide: {},
      liste: [1, 2.5, true, null, 'yes', 'n', '0326', ''],
      imbrique: [{ a: [{ b: 'c' }], d: [] }],
    };
    const values: Record<string, unknown>[] = [tricky];
    for (const repertoire of readdirSync(out)) {
      for (const name of readdirSync(path.join(out, repertoire)))
        values.push(frontmatter(path.join(out, repertoire, name)));
    }
    // js-yaml's own writing is the independent expectation; it must not be what dumpYaml used, or
    // a fast writer that gave up on every fiche would pass unnoticed.
    const jsYaml = vi.spyOn(yaml, 'dump');
    for (const value of values) {
      const expected = yaml.dump(value, DUMP_OPTIONS);
      jsYaml.mockClear();
      const dumped = dumpYaml(value);
      expect(jsYaml, 'dumpYaml handed a fiche to js-yaml').not.toHaveBeenCalled();
      expect(dumped).toBe(expected);
      expect(yaml.load(dumped)).toEqual(value);
    }
    expect(values.length).toBeGreaterThan(3);
  });

  it('hands to js-yaml what the fast writer does not know, with the same result', () => {
    const jsYaml = vi.spyOn(yaml, 'dump');
    for (const value of [
      { yes: 'une clé que YAML 1.1 lit comme un booléen' },
      { Majuscule: 1 },
      { 'clé accentuée': 1 },
      { grand: 1e21 },
      { zero_negatif: -0 },
      { infini: Number.POSITIVE_INFINITY },
      { date: new Date(Date.UTC(2024, 0, 2)) },
      { liste_de_listes: [[1, 2]] },
      { liste: [{}] },
      { liste: [{ Majuscule: 1 }] },
      { objet: Object.assign(Object.create({ herite: 1 }) as object, { a: 1 }) },
    ] as Record<string, unknown>[]) {
      const expected = yaml.dump(value, DUMP_OPTIONS);
      jsYaml.mockClear();
      const dumped = dumpYaml(value);
      expect(jsYaml, JSON.stringify(Object.keys(value))).toHaveBeenCalledTimes(1);
      expect(dumped).toBe(expected);
    }
  });
});

describe('synthetic export', () => {
  it('is deterministic, realistic and imports without failure', async () => {
    const dir = temp('import-synthetic-');
    // The heavy profile: fiches with over 1,000 partners and texts escaped twice even at 60 fiches.
    const options = {
      fiches: 60,
      seed: 4,
      profile: 'heavy',
      samplesDir: sharedData('france-competences/xml-v4.1-samples'),
    } as const;
    const a = await generateExport({ ...options, out: path.join(dir, 'a') });
    const b = await generateExport({ ...options, out: path.join(dir, 'b') });
    const text = readFileSync(a.path, 'utf8');
    expect(text).toBe(readFileSync(b.path, 'utf8'));
    expect(a.rncp + a.rs).toBe(60);
    expect(a.maxPartners).toBeGreaterThan(1000);
    expect(text).toContain('<![CDATA[<p>');
    expect(text).toContain('<![CDATA[&lt;p&gt;');
    const report = await runImport({ file: a.path, out: path.join(dir, 'out'), jobs: 2 });
    expect(report.totaux.echecs).toBe(0);
    expect(report.totaux.nouvelles).toBe(60);
    expect(report.elements_inconnus).toEqual([]);
  }, 120_000);
});
