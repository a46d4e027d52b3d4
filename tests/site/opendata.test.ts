/**
 * What a reuser downloads, checked on the fixture site (tests/fixtures/site: active and inactive
 * fiches, an RS fiche, a title full of `<`, `&` and quotes): every JSON file is valid against the JSON
 * Schema the site publishes, the files agree with the fiches they come from, the CSV reads back into
 * the catalogue, and search engines get JSON-LD, Open Graph and a sitemap. Short addresses such as
 * /RNCP9101/ have no page any more: tests/site/short-address.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import jsYaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/lib/csv.ts';
import { sectionsMarkdown } from '../../src/lib/opendata.ts';
import { splitFiche } from '../../src/lib/validate/frontmatter.ts';
import { headingText, parseMarkdown } from '../../src/lib/validate/markdown.ts';
import { SECTIONS, sectionKeyOf } from '../../src/schema/sections.ts';
import { FIXTURE_FICHES, fixtureSite } from '../support/fixture-site.ts';
import { parsePage } from '../support/html.ts';

interface FicheSource {
  file: string;
  numero: string;
  /** `/rncp/9101/` */
  url: string;
  data: Record<string, unknown> & {
    numero_fiche: string;
    intitule: string;
    statut: { actif: boolean };
    niveau?: { europe?: number; nomenclature_1969?: string };
    dates?: { effet?: string; fin_enregistrement?: string };
    rome?: { code: string }[];
    nsf?: { code: string }[];
    blocs?: { code: string; libelle: string }[];
    certificateurs: { nom: string; siret?: string }[];
    voies_acces: Record<string, { ouverte: boolean | null }>;
    validation_partielle?: boolean;
    accessible_nouvelle_caledonie: boolean | null;
    accessible_polynesie_francaise: boolean | null;
  };
  body: string;
}

/** The fiches of the fixture site, read as a reuser would expect them: straight from their files. */
function readFiches(): FicheSource[] {
  const files = [
    ...readdirSync(FIXTURE_FICHES, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(FIXTURE_FICHES, f)),
    path.resolve('content/fiches/rncp/6133.md'),
  ];
  return files.map((file) => {
    const split = splitFiche(readFileSync(file, 'utf8'))!;
    const data = jsYaml.load(split.yaml) as FicheSource['data'];
    const [, rep, n] = /^(RNCP|RS)(\d+)$/.exec(data.numero_fiche)!;
    return {
      file,
      numero: data.numero_fiche,
      url: `/${rep!.toLowerCase()}/${n}/`,
      data,
      body: split.body,
    };
  });
}

let dist: string;
let fiches: FicheSource[];
let ajv: Ajv;
const SITE = 'https://fiches-rncp.example.org';

const readJson = (file: string) => JSON.parse(readFileSync(path.join(dist, file), 'utf8'));
const readText = (file: string) => readFileSync(path.join(dist, file), 'utf8');
const byNumero = (numero: string) => fiches.find((f) => f.numero === numero)!;

function validator(schemaPath: string): ValidateFunction {
  const validate = ajv.getSchema(`${SITE}${schemaPath}`);
  if (!validate) throw new Error(`${schemaPath} is not published`);
  return validate;
}

function expectValid(schemaPath: string, data: unknown) {
  const validate = validator(schemaPath);
  const valid = validate(data);
  expect(valid, `${schemaPath}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

beforeAll(async () => {
  dist = await fixtureSite();
  fiches = readFiches();
  // strict: a schema using a keyword Ajv does not know is an error, not silently ignored.
  ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  const schemaDir = path.join(dist, 'schema');
  for (const file of readdirSync(schemaDir, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.json'))
      ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')));
  }
});

describe('published JSON Schemas', () => {
  it('publishes the frontmatter schema and one schema per kind of file, each with its own address', () => {
    for (const schemaPath of [
      '/schema/fiche.json',
      '/schema/api/fiche.json',
      '/schema/api/fiches.json',
      '/schema/api/rome.json',
      '/schema/api/nsf.json',
    ]) {
      const schema = readJson(schemaPath);
      expect(schema.$id).toBe(`${SITE}${schemaPath}`);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(validator(schemaPath)).toBeTypeOf('function');
    }
  });

  it('the frontmatter schema accepts every fiche of the catalogue and refuses a broken one', () => {
    for (const fiche of fiches) expectValid('/schema/fiche.json', fiche.data);
    const broken = { ...byNumero('RNCP9101').data, rome: [{ code: 'K18O1' }], champ_inconnu: 1 };
    expect(validator('/schema/fiche.json')(broken)).toBe(false);
  });
});

describe('/api/rncp/N.json and /api/rs/N.json: each whole fiche', () => {
  it('exists for every fiche, valid against /schema/api/fiche.json and its fiche against /schema/fiche.json', () => {
    for (const fiche of fiches) {
      const document = readJson(`/api${fiche.url.replace(/\/$/, '')}.json`);
      expectValid('/schema/api/fiche.json', document);
      expectValid('/schema/fiche.json', document.fiche);
      expect(document.$schema).toBe(`${SITE}/schema/api/fiche.json`);
      expect(document.numero_fiche).toBe(fiche.numero);
      expect(document.url).toBe(`${SITE}${fiche.url}`);
      expect(document.source).toMatch(
        new RegExp(`/blob/main/content/fiches${fiche.url.replace(/\/$/, '')}\\.md$`),
      );
      // The whole frontmatter, value for value.
      expect(document.fiche).toEqual(fiche.data);
    }
  });

  it('publishes the bloc correspondences (issue 12, point 5), as the fiche’s file gives them', () => {
    const { fiche } = readJson('/api/rncp/9106.json');
    expect(fiche.correspondances).toEqual(byNumero('RNCP9106').data['correspondances']);
    expect(
      fiche.correspondances.map((c: { fiche_destination: string }) => c.fiche_destination),
    ).toEqual(['RNCP9105', 'RNCP9105', 'RNCP29965']);
    const schema = readJson('/schema/fiche.json');
    expect(Object.keys(schema.properties.correspondances.items.properties)).toEqual([
      'blocs_source',
      'fiche_destination',
      'blocs_destination',
    ]);
  });

  it('gives the body section by section, in Markdown, as written', () => {
    for (const fiche of fiches) {
      const { sections } = readJson(`/api${fiche.url.replace(/\/$/, '')}.json`);
      const headings = [...fiche.body.matchAll(/^## (.+)$/gm)].map((m) => sectionKeyOf(m[1]!));
      expect(Object.keys(sections).sort()).toEqual(headings.sort());
    }
    const { sections } = readJson('/api/rncp/6133.json');
    expect(sections.historique).toBe(
      "Chargé d'insertion et du développement local, nouvel intitulé Coordinateur(trice) de l'intervention sociale et professionnelle (Journal officiel du 27 août 2008).",
    );
    expect(sections.emplois).toMatch(
      /^- Conseiller de l'emploi\n- Conseiller en insertion sociale/,
    );
    expect(Object.keys(sections).every((k) => SECTIONS.some((s) => s.key === k))).toBe(true);
  });
});

describe('splitting a body into its sections', () => {
  /** What the Markdown parser calls the sections: the text between top-level `##` headings. */
  function parsedSections(body: string): Record<string, string> {
    const sections: Record<string, string> = {};
    const headings = parseMarkdown(body).children.filter(
      (node) => node.type === 'heading' && node.depth <= 2,
    );
    headings.forEach((heading, index) => {
      const key = sectionKeyOf(headingText(heading));
      const text = body
        .slice(heading.position!.end.offset, headings[index + 1]?.position!.start.offset)
        .trim();
      if (key && text) sections[key] = text;
    });
    return sections;
  }

  const TRICKY = [
    '## Activités visées',
    '',
    'Un exemple de code :',
    '',
    '```text',
    '## Compétences attestées',
    '```',
    '',
    '~~~~',
    '## Historique',
    '~~~~',
    '',
    "Secteurs d'activité",
    '---',
    '',
    'Texte après un titre souligné.',
    '',
    '## **Historique** ##',
    '',
    '- une liste',
    '',
    '---',
    '',
    'après une ligne de séparation.',
  ].join('\n');

  it('cuts every fiche, and odd but valid Markdown, exactly where the Markdown parser does', () => {
    for (const body of [...fiches.map((f) => f.body), TRICKY]) {
      expect(sectionsMarkdown(body)).toEqual(parsedSections(body));
    }
    expect(Object.keys(sectionsMarkdown(TRICKY))).toEqual(['activites', 'secteurs', 'historique']);
  });
});

describe('/api/fiches.json: every fiche’s key facts', () => {
  it('is valid and lists every fiche once, with facts equal to the fiche’s', () => {
    const list = readJson('/api/fiches.json');
    expectValid('/schema/api/fiches.json', list);
    expect(list.nombre).toBe(fiches.length);
    expect(list.fiches.map((f: { numero_fiche: string }) => f.numero_fiche).sort()).toEqual(
      fiches.map((f) => f.numero).sort(),
    );
    expect(list.licence.nom).toMatch(/Licence Ouverte/);
    for (const entry of list.fiches) {
      const { data, url } = byNumero(entry.numero_fiche);
      expect(entry.intitule).toBe(data.intitule);
      expect(entry.actif).toBe(data.statut.actif);
      expect(entry.niveau_europe).toBe(data.niveau?.europe);
      expect(entry.rome).toEqual((data.rome ?? []).map((r) => r.code));
      expect(entry.nsf).toEqual((data.nsf ?? []).map((n) => n.code));
      expect(entry.certificateurs.map((c: { nom: string }) => c.nom)).toEqual(
        data.certificateurs.map((c) => c.nom),
      );
      expect(entry.url).toBe(`${SITE}${url}`);
      expect(entry.json).toBe(`${SITE}/api${url.replace(/\/$/, '')}.json`);
      expect(entry.voies_acces).toEqual(
        Object.fromEntries(Object.entries(data.voies_acces).map(([k, v]) => [k, v.ouverte])),
      );
      expect(entry.validation_partielle).toBe(data.validation_partielle);
      expect(entry.accessible_nouvelle_caledonie).toBe(data.accessible_nouvelle_caledonie);
    }
    // Active fiches first, as on the site.
    const actifs = list.fiches.map((f: { actif: boolean }) => f.actif);
    expect(actifs).toEqual([...actifs].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
  });
});

describe('/api/rome.json and /api/nsf.json: from a code to its fiches', () => {
  it.each([
    ['rome', '/schema/api/rome.json'],
    ['nsf', '/schema/api/nsf.json'],
  ] as const)('%s: valid, and exactly the codes the fiches cite, both ways', (name, schemaPath) => {
    const mapping = readJson(`/api/${name}.json`);
    expectValid(schemaPath, mapping);
    const expected = new Map<string, Set<string>>();
    for (const fiche of fiches) {
      for (const { code } of fiche.data[name] ?? []) {
        expected.set(code, (expected.get(code) ?? new Set()).add(fiche.numero));
      }
    }
    expect(Object.keys(mapping.codes).sort()).toEqual([...expected.keys()].sort());
    for (const [code, numeros] of expected) {
      const listed = mapping.codes[code].fiches;
      expect(new Set(listed.map((f: { numero_fiche: string }) => f.numero_fiche))).toEqual(numeros);
      for (const f of listed) expect(f.actif).toBe(byNumero(f.numero_fiche).data.statut.actif);
    }
    if (name === 'rome') {
      expect(mapping.codes.K1801.libelle).toBe(
        'Conseiller / Conseillère en insertion professionnelle',
      );
    }
  });
});

describe('/api/fiches.csv: one row per fiche, like the official CSV', () => {
  it('is UTF-8 without BOM, `;`-separated, quoted, with CRLF line ends', () => {
    const raw = readFileSync(path.join(dist, 'api/fiches.csv'));
    expect(raw[0]).toBe(0x22); // a quote, not a BOM
    const text = raw.toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^"Numero_Fiche";"Intitule";/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('reads back into the catalogue, row for fiche', () => {
    const rows = parseCsvRecords(readText('/api/fiches.csv'), { delimiter: ';' });
    expect(rows.map((r) => r['Numero_Fiche']).sort()).toEqual(fiches.map((f) => f.numero).sort());
    const frenchDate = (iso?: string) => (iso ? iso.split('-').reverse().join('/') : '');
    for (const row of rows) {
      const { data, url } = byNumero(row['Numero_Fiche']!);
      expect(row['Intitule']).toBe(data.intitule);
      expect(row['Actif']).toBe(data.statut.actif ? 'ACTIVE' : 'INACTIVE');
      expect(row['Nomenclature_Europe_Niveau']).toBe(
        data.niveau?.europe ? `NIV${data.niveau.europe}` : '',
      );
      expect(row['Niveau_1969']).toBe(data.niveau?.nomenclature_1969 ?? '');
      expect(row['Date_Effet']).toBe(frenchDate(data.dates?.effet));
      expect(row['Date_Fin_Enregistrement']).toBe(frenchDate(data.dates?.fin_enregistrement));
      expect(row['Codes_Rome']).toBe((data.rome ?? []).map((r) => r.code).join('|'));
      expect(row['Codes_Nsf']).toBe((data.nsf ?? []).map((r) => r.code).join('|'));
      expect(row['Certificateurs']).toBe(data.certificateurs.map((c) => c.nom).join('|'));
      expect(row['Url']).toBe(`${SITE}${url}`);
      // Routes of access, validation by blocs and territories: Oui, Non, or empty when unknown.
      const ouiNon = (v: boolean | null | undefined) =>
        v === true ? 'Oui' : v === false ? 'Non' : '';
      const columns = {
        Voie_Formation_Initiale: 'formation_initiale',
        Voie_Apprentissage: 'apprentissage',
        Voie_Formation_Continue: 'formation_continue',
        Voie_Contrat_Professionnalisation: 'contrat_professionnalisation',
        Voie_Candidature_Individuelle: 'candidature_individuelle',
        Voie_VAE: 'vae',
      };
      for (const [column, voie] of Object.entries(columns)) {
        expect(row[column], `${data.numero_fiche} ${column}`).toBe(
          ouiNon(data.voies_acces[voie]!.ouverte),
        );
      }
      expect(row['Validation_Partielle']).toBe(ouiNon(data.validation_partielle));
      expect(row['Accessible_Nouvelle_Caledonie']).toBe(ouiNon(data.accessible_nouvelle_caledonie));
      expect(row['Accessible_Polynesie_Francaise']).toBe(
        ouiNon(data.accessible_polynesie_francaise),
      );
    }
    // The fixture has routes open, closed and unknown, so that each way of writing them is read.
    const voies = rows.flatMap((r) =>
      Object.keys(r)
        .filter((k) => k.startsWith('Voie_'))
        .map((k) => r[k]),
    );
    expect(new Set(voies)).toEqual(new Set(['Oui', 'Non', '']));
    // The title with quotes, `<`, `>` and `&` survives the round trip.
    expect(rows.find((r) => r['Numero_Fiche'] === 'RNCP9103')!['Intitule']).toBe(
      'Conducteur de véhicules < 3,5 t & "poids lourds" > 12 t',
    );
  });
});

describe('fiche pages for search engines and link previews', () => {
  const jsonLd = (url: string) => {
    const html = readText(`${url}index.html`);
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(blocks).toHaveLength(1);
    return { raw: blocks[0]![1]!, data: JSON.parse(blocks[0]![1]!) };
  };

  it('describe each fiche as a schema.org EducationalOccupationalCredential', () => {
    for (const { data, url, numero } of fiches) {
      const ld = jsonLd(url).data;
      expect(ld['@context']).toBe('https://schema.org');
      expect(ld['@type']).toBe('EducationalOccupationalCredential');
      expect(ld.name).toBe(data.intitule);
      expect(ld.url).toBe(`${SITE}${url}`);
      expect(ld.identifier).toMatchObject({ '@type': 'PropertyValue', value: numero });
      expect(ld.credentialCategory.termCode).toBe(numero.startsWith('RS') ? 'RS' : 'RNCP');
      if (data.niveau?.europe) {
        expect(ld.educationalLevel.termCode).toBe(String(data.niveau.europe));
      } else {
        expect(ld.educationalLevel).toBeUndefined();
      }
      const recognizedBy = ld.recognizedBy.map((o: { name: string }) => o.name);
      for (const c of data.certificateurs) expect(recognizedBy).toContain(c.nom);
      expect(recognizedBy).toContain('France Compétences');
      expect((ld.competencyRequired ?? []).map((c: { name: string }) => c.name)).toEqual(
        (data.blocs ?? []).map((b) => b.libelle),
      );
      expect(
        (ld.about ?? []).map(
          (o: { occupationalCategory: { codeValue: string } }) => o.occupationalCategory.codeValue,
        ),
      ).toEqual((data.rome ?? []).map((r) => r.code));
    }
  });

  it('cannot be broken out of by a fiche’s text: `<` is escaped inside the JSON-LD', () => {
    const { raw, data } = jsonLd('/rncp/9103/');
    expect(raw).not.toContain('<');
    expect(raw).toContain('\\u003c 3,5 t');
    expect(data.name).toBe('Conducteur de véhicules < 3,5 t & "poids lourds" > 12 t');
  });

  it('have a description, Open Graph tags and an absolute canonical address', () => {
    for (const { data, url } of fiches) {
      const page = parsePage(readText(`${url}index.html`));
      const meta = (selector: string) => String(page.one(selector)?.properties['content'] ?? '');
      expect(meta('meta[name="description"]')).toContain(data.intitule);
      expect(meta('meta[property="og:title"]')).toContain(data.intitule);
      expect(meta('meta[property="og:description"]')).toBe(meta('meta[name="description"]'));
      expect(meta('meta[property="og:url"]')).toBe(`${SITE}${url}`);
      expect(meta('meta[property="og:locale"]')).toBe('fr_FR');
      expect(page.one('link[rel="canonical"]')?.properties['href']).toBe(`${SITE}${url}`);
    }
  });
});

describe('sitemap.xml and robots.txt', () => {
  it('list every fiche page and the site’s pages, but no short address', () => {
    const xml = readText('/sitemap.xml');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const { url } of fiches) expect(locs).toContain(`${SITE}${url}`);
    for (const page of ['/', '/donnees/', '/contribuer/', '/contribuer/champs/']) {
      expect(locs).toContain(`${SITE}${page}`);
    }
    expect(locs.some((loc) => /\/(rncp|RNCP|rs|RS)\d+\/$/.test(loc!))).toBe(false);
    expect(readText('/robots.txt')).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  });
});
