/**
 * Reading a query as an exact code (src/lib/code-lookup.ts): every form an adviser types or pastes,
 * and the junk that must not be mistaken for a code.
 */
import { describe, expect, it } from 'vitest';
import {
  parseCodeQuery,
  resolveCodeQuery,
  targetUrl,
  type CodeTarget,
} from '../../src/lib/code-lookup.ts';
import { buildCodesIndex, codeDirectory } from '../../src/lib/search/codes-index.ts';
import { ficheUrl } from '../../src/lib/fiche.ts';
import { NSF, NUMERO_FICHE, ROME } from '../../src/schema/codes.ts';

const fiche = (numero: string): CodeTarget => ({ kind: 'fiche', numero });
const rome = (code: string): CodeTarget => ({ kind: 'rome', code });
const nsf = (code: string): CodeTarget => ({ kind: 'nsf', code });

describe('parseCodeQuery', () => {
  it.each([
    'RNCP6133',
    'rncp6133',
    'rncp 6133',
    'RNCP 6133',
    'RNCP-6133',
    'RNCP_6133',
    'RNCP : 6133',
    ' rncp6133 ',
    'RNCP\u00a06133',
    'RNCP06133',
    '« RNCP6133 »',
    'https://www.francecompetences.fr/recherche/rncp/6133/',
    'https://francecompetences.fr/recherche/rncp/6133',
    'http://www.francecompetences.fr/recherche/RNCP/6133/?utm_source=x#blocs',
    'http://www.rncp.cncp.gouv.fr/grand-public/visualisationFiche?format=fr&fiche=6133',
  ])('reads « %s » as fiche RNCP6133', (query) => {
    expect(parseCodeQuery(query)).toEqual([fiche('RNCP6133')]);
  });

  it.each([
    'RS5000',
    'rs5000',
    'rs 5000',
    'RS-5000',
    'https://www.francecompetences.fr/recherche/rs/5000/',
  ])('reads « %s » as fiche RS5000', (query) => {
    expect(parseCodeQuery(query)).toEqual([fiche('RS5000')]);
  });

  it('reads a bare number as the RNCP fiche first, then the RS fiche of that number', () => {
    expect(parseCodeQuery('6133')).toEqual([fiche('RNCP6133'), fiche('RS6133')]);
    expect(parseCodeQuery(' 37504 ')).toEqual([fiche('RNCP37504'), fiche('RS37504')]);
  });

  it('reads a bare number of up to three digits as an NSF group too, after the fiches', () => {
    expect(parseCodeQuery('332')).toEqual([fiche('RNCP332'), fiche('RS332'), nsf('332')]);
    expect(parseCodeQuery('33')).toEqual([fiche('RNCP33'), fiche('RS33'), nsf('33')]);
  });

  it('reads a bloc de compétences as its fiche', () => {
    expect(parseCodeQuery('RNCP34762BC01')).toEqual([fiche('RNCP34762')]);
    expect(parseCodeQuery('rs5000bc02')).toEqual([fiche('RS5000')]);
  });

  it.each([
    'K1801',
    'k1801',
    ' K1801 ',
    'ROME K1801',
    'rome:k1801',
    'code ROME K1801',
    'https://candidat.francetravail.fr/metierscope/fiche-metier/K1801',
    'http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome=K1801',
  ])('reads « %s » as ROME K1801', (query) => {
    expect(parseCodeQuery(query)).toEqual([rome('K1801')]);
  });

  it('reads a ROME domaine (letter and two digits)', () => {
    expect(parseCodeQuery('k18')).toEqual([rome('K18')]);
  });

  it.each(['332t', '332T', 'NSF 332t', 'nsf:332T', 'code NSF 332t'])(
    'reads « %s » as NSF 332t, the letter in lower case',
    (query) => {
      expect(parseCodeQuery(query)).toEqual([nsf('332t')]);
    },
  );

  it('reads « NSF 332 » as the NSF group only', () => {
    expect(parseCodeQuery('NSF 332')).toEqual([nsf('332')]);
  });

  it.each([
    ['a letter O instead of a zero', 'K18O1'],
    ['the répertoire alone', 'RNCP'],
    ['the RS répertoire alone', 'RS'],
    ['an empty query', ''],
    ['spaces only', '   '],
    ['a number cut in two', 'rncp 61 33'],
    ['a code followed by words', 'K1801 conseil'],
    ['words', 'conseiller en insertion'],
    ['a letter outside A–N', 'Z1801'],
    ['a ROME code of three digits', 'K180'],
    ['an NSF letter that does not exist', '332x'],
    ['fiche number zero', 'RNCP0'],
    ['seven digits', 'RNCP1234567'],
    ['zero', '0'],
    ['a leading zero on a bare number', '06133'],
    ['another site', 'https://example.org/recherche/rncp/6133/'],
    [
      'a France Compétences page that is not a fiche',
      'https://www.francecompetences.fr/recherche/rncp/abc/',
    ],
    ['a script address', 'javascript:alert(1)'],
    ['two codes', 'RNCP6133 RNCP16575'],
    ['a very long query', `RNCP${'1'.repeat(400)}`],
  ])('rejects %s (« %s »)', (_what, query) => {
    expect(parseCodeQuery(query)).toEqual([]);
  });

  it('only ever produces codes the schema accepts', () => {
    const queries = ['rncp 6133', '6133', 'RS5000', '332t', '332', 'k1801', 'k18', 'RNCP06133'];
    for (const target of queries.flatMap(parseCodeQuery)) {
      if (target.kind === 'fiche') expect(target.numero).toMatch(NUMERO_FICHE);
      if (target.kind === 'rome') expect(target.code).toMatch(ROME);
      if (target.kind === 'nsf') expect(target.code).toMatch(NSF);
    }
  });
});

describe('parseCodeQuery, at the edges of what reads as a code', () => {
  it.each([
    ['rome - K1801', [rome('K1801')]],
    ['ROME : k1801', [rome('K1801')]],
    ['code rome K1801', [rome('K1801')]],
    ['nsf - 332t', [nsf('332t')]],
    ['NSF : 332T', [nsf('332t')]],
    ['code nsf 332t', [nsf('332t')]],
    ['nsf - 332', [nsf('332')]],
    ['NSF : 33', [nsf('33')]],
    ['code nsf 3', [nsf('3')]],
    // The separator may be left out, or stand alone.
    ['nsf332', [nsf('332')]],
    ['nsf-33', [nsf('33')]],
    ['nsf: 3', [nsf('3')]],
    ['nsf332t', [nsf('332t')]],
    ['nsf-332t', [nsf('332t')]],
    ['romeK1801', [rome('K1801')]],
    ['rome-K18', [rome('K18')]],
    // Quotes around a pasted code go, however many, with or without spaces inside.
    ['«K1801»', [rome('K1801')]],
    ['« K1801 »»', [rome('K1801')]],
    ['««  332t  »', [nsf('332t')]],
    ['""RNCP6133""', [fiche('RNCP6133')]],
  ])('reads « %s »', (query, expected) => {
    expect(parseCodeQuery(query)).toEqual(expected);
  });

  it.each([
    // A quote inside is no quote around: not a code.
    "rncp'6133",
    'rncp’6133',
    'K18’01',
    // A code inside other words is a word search.
    'voir nsf 332t',
    'nsf 332t et plus',
    'le nsf 332',
    'nsf 332 ou',
    'métier rome K1801',
    'rome K1801 ou K1802',
    // An address of another site, or of a ROME page whose last segment only contains a code.
    'https://francecompetences.www.fr/recherche/rncp/6133/',
    'https://exemple.fr/metiers/K1801',
    'https://candidat.francetravail.fr/metierscope/fiche-metier/XK1801',
    'https://candidat.francetravail.fr/metierscope/fiche-metier/K18012',
    'http://www.rncp.cncp.gouv.fr/grand-public/visualisationFiche?format=fr',
    'https://candidat.francetravail.fr/',
  ])('does not read « %s » as a code', (query) => {
    expect(parseCodeQuery(query)).toEqual([]);
  });

  it('reads a query of up to 300 characters, and ignores a longer one', () => {
    expect(parseCodeQuery(`${' '.repeat(295)}K1801`)).toEqual([rome('K1801')]);
    expect(parseCodeQuery(`${' '.repeat(296)}K1801`)).toEqual([]);
  });
});

describe('targetUrl', () => {
  it('gives the same fiche address as the site', () => {
    for (const numero of ['RNCP6133', 'RS5000', 'RNCP1']) {
      expect(targetUrl(fiche(numero))).toBe(ficheUrl(numero));
    }
  });

  it('gives the browse page of a code', () => {
    expect(targetUrl(rome('K1801'))).toBe('/rome/K1801/');
    expect(targetUrl(nsf('332t'))).toBe('/nsf/332t/');
  });
});

describe('resolveCodeQuery', () => {
  const directory = codeDirectory(
    buildCodesIndex(
      ['rncp/6133/', 'rncp/332/', 'rs/6133/', 'rs/5000/', 'rome/K1801/', 'nsf/332t/', 'nsf/332/'],
      {
        rome: (code) =>
          code === 'K1801' ? 'Conseiller / Conseillère en insertion professionnelle' : undefined,
        nsf: (code) =>
          ({
            '332t': 'Aide, conseil, orientation, soutien socio-éducatif',
            '332': 'Travail social',
          })[code],
      },
    ),
  );

  it('sends RNCP6133 to the fiche page', () => {
    expect(resolveCodeQuery('RNCP6133', directory)).toEqual([
      { target: fiche('RNCP6133'), url: '/rncp/6133/', label: 'Fiche RNCP 6133' },
    ]);
  });

  it('offers both fiches of a bare number that exists in both répertoires, RNCP first', () => {
    expect(resolveCodeQuery('6133', directory).map((m) => m.url)).toEqual([
      '/rncp/6133/',
      '/rs/6133/',
    ]);
  });

  it('offers the NSF group of a three-digit number after the fiche', () => {
    expect(resolveCodeQuery('332', directory).map((m) => m.url)).toEqual([
      '/rncp/332/',
      '/nsf/332/',
    ]);
  });

  it('names a ROME or NSF code with its label', () => {
    expect(resolveCodeQuery('k1801', directory)).toEqual([
      {
        target: rome('K1801'),
        url: '/rome/K1801/',
        label: 'Métier ROME K1801',
        libelle: 'Conseiller / Conseillère en insertion professionnelle',
      },
    ]);
    expect(resolveCodeQuery('332T', directory)).toEqual([
      {
        target: nsf('332t'),
        url: '/nsf/332t/',
        label: 'Spécialité NSF 332t',
        libelle: 'Aide, conseil, orientation, soutien socio-éducatif',
      },
    ]);
  });

  it('never sends anyone to a page the site does not have', () => {
    expect(resolveCodeQuery('RNCP16575', directory)).toEqual([]);
    expect(resolveCodeQuery('RS6000', directory)).toEqual([]);
    expect(resolveCodeQuery('K1201', directory)).toEqual([]);
    expect(resolveCodeQuery('344t', directory)).toEqual([]);
    expect(resolveCodeQuery('5000', directory).map((m) => m.url)).toEqual(['/rs/5000/']);
  });
});
