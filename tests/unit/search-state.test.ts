/**
 * The pure parts of the search: the address that holds a search, the filter choices and their
 * order and counts, the compact list of codes that have a page, and what the index records of a
 * fiche.
 */
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  CODE_LABELS_PATH,
  CODES_INDEX_PATH,
  EMPTY_DIRECTORY,
  buildCodesIndex,
  codeDirectory,
  decodeRanges,
  encodeRanges,
} from '../../src/lib/search/codes-index.ts';
import { SANS_NIVEAU, niveauKey } from '../../src/lib/niveau.ts';
import {
  countFacets,
  countsByFacet,
  facetLabel,
  facetOptions,
  unionCounts,
  type CountSearch,
} from '../../src/lib/search/facets.ts';
import { LISTING_SORT, PAGEFIND_OPTIONS, pagefindScript } from '../../src/lib/search/pagefind.ts';
import { searchRecord } from '../../src/lib/search/record.ts';
import {
  DIRECT_PARAM,
  emptyFilters,
  hasFilters,
  isBlank,
  sameState,
  pagefindFilters,
  romeCondition,
  VOIES,
  stateFromParams,
  stateToParams,
  toggleFilter,
  withInactives,
  type SearchState,
} from '../../src/lib/search/state.ts';
import { bundlePath, bundlesFor, parseScopesManifest } from '../../src/lib/search/scopes.ts';
import { ficheSchema, VOIES_ACCES } from '../../src/schema/fiche.ts';
import { ficheSummary } from '../../src/schema/summary.ts';
import { sharedData } from '../support/shared-data.ts';

const params = (query: string) => new URLSearchParams(query);

describe('search state in the address', () => {
  it('reads the words, the scope and every value of every filter', () => {
    const state = stateFromParams(
      params(
        'q=K1801&inactives=1&niveau=5&niveau=6&statut=Active&certificateur=Centre+ressource+AROBASE',
      ),
    );
    expect(state.q).toBe('K1801');
    expect(state.inactives).toBe(true);
    expect(state.filters.niveau).toEqual(['5', '6']);
    expect(state.filters.statut).toEqual(['Active']);
    expect(state.filters.certificateur).toEqual(['Centre ressource AROBASE']);
    expect(state.filters.rome).toEqual([]);
  });

  it('ignores empty and repeated values and unknown parameters', () => {
    const state = stateFromParams(params('q=+&niveau=5&niveau=5&niveau=&page=3&utm_source=x'));
    expect(state).toEqual({
      q: '',
      inactives: false,
      filters: { ...emptyFilters(), niveau: ['5'] },
    });
    expect(isBlank({ q: '', inactives: false, filters: emptyFilters() })).toBe(true);
    expect(isBlank({ q: '', inactives: true, filters: emptyFilters() })).toBe(true);
  });

  it('reads a bookmark of the former "sans niveau" value as today\'s', () => {
    expect(stateFromParams(params('niveau=sans&niveau=5')).filters.niveau).toEqual([
      'sans-niveau',
      '5',
    ]);
  });

  it('searches the active fiches unless `inactives=1` asks for all of them', () => {
    expect(stateFromParams(params('q=x')).inactives).toBe(false);
    expect(stateFromParams(params('q=x&inactives=0')).inactives).toBe(false);
    expect(stateFromParams(params('q=x&inactives=1')).inactives).toBe(true);
    // An older address that asks for inactive fiches by their status asks for them.
    const byStatus = stateFromParams(params('statut=Inactive'));
    expect(byStatus.inactives).toBe(true);
    expect(stateToParams(byStatus).toString()).toBe('inactives=1&statut=Inactive');
    // Among active fiches only, the status filter means nothing and is dropped.
    const active = stateFromParams(params('q=x&statut=Active'));
    expect(active.filters.statut).toEqual([]);
    expect(stateToParams(active).toString()).toBe('q=x');
  });

  it('narrowing to the active fiches drops the status filter', () => {
    const all = stateFromParams(params('q=x&inactives=1&statut=Inactive&niveau=5'));
    const narrowed = withInactives(all, false);
    expect(stateToParams(narrowed).toString()).toBe('q=x&niveau=5');
    expect(stateToParams(withInactives(narrowed, true)).toString()).toBe(
      'q=x&inactives=1&niveau=5',
    );
  });

  it('writes one canonical address: words first, filters in page order, values sorted', () => {
    const state: SearchState = {
      q: ' conseiller en insertion ',
      inactives: true,
      filters: { ...emptyFilters(), rome: ['K1801', 'K1201'], niveau: ['6', '5'] },
    };
    expect(stateToParams(state).toString()).toBe(
      'q=conseiller+en+insertion&inactives=1&niveau=5&niveau=6&rome=K1201&rome=K1801',
    );
  });

  it('survives the round trip through the address', () => {
    const query =
      'q=vuln%C3%A9rabilit%C3%A9&inactives=1&statut=Inactive&repertoire=RS&nsf=332t&certificateur=A+%26+B';
    expect(stateToParams(stateFromParams(params(query))).toString()).toBe(query);
  });

  it('adds and removes a filter value', () => {
    const start: SearchState = { q: 'x', inactives: false, filters: emptyFilters() };
    const on = toggleFilter(start, 'niveau', '5', true);
    expect(on.filters.niveau).toEqual(['5']);
    expect(toggleFilter(on, 'niveau', '5', false).filters.niveau).toEqual([]);
    expect(start.filters.niveau).toEqual([]);
  });

  it('asks Pagefind for any value within a filter, and can leave one filter out to count it', () => {
    const state: SearchState = {
      q: '',
      inactives: true,
      filters: { ...emptyFilters(), niveau: ['5', '6'], statut: ['Active'] },
    };
    expect(pagefindFilters(state)).toEqual({
      statut: { any: ['Active'] },
      niveau: { any: ['5', '6'] },
    });
    expect(pagefindFilters(state, 'niveau')).toEqual({ statut: { any: ['Active'] } });
    expect(pagefindFilters({ ...state, inactives: false })).toEqual({
      niveau: { any: ['5', '6'] },
    });
  });

  it('reads the routes of access, validation by blocs and the territories, dropping unknown values', () => {
    const state = stateFromParams(
      params('voie=vae&voie=apprentissage&voie=teleportation&blocs=possible&territoire=mars'),
    );
    expect(state.filters.voie).toEqual(['vae', 'apprentissage']);
    expect(state.filters.blocs).toEqual(['possible']);
    expect(state.filters.territoire).toEqual([]);
    expect(stateFromParams(params('statut=Archivee&inactives=1')).filters.statut).toEqual([]);
    // Filters in the page's order: level, routes of access, blocs, then the codes.
    expect(
      stateToParams({
        ...state,
        filters: { ...state.filters, niveau: ['5'], rome: ['K1801'] },
      }).toString(),
    ).toBe('niveau=5&voie=apprentissage&voie=vae&blocs=possible&rome=K1801');
  });

  it('requires every route of access chosen (open to VAE and to apprenticeship)', () => {
    const state = stateFromParams(params('voie=vae&voie=apprentissage&niveau=5&niveau=6'));
    expect(pagefindFilters(state)).toEqual({
      niveau: { any: ['5', '6'] },
      voie: { all: ['vae', 'apprentissage'] },
    });
  });

  it('asks for ROME codes in the filter of their letter, any of them, and adds a job title’s codes', () => {
    expect(romeCondition(['K1801'])).toEqual({ 'rome-k': { any: ['K1801'] } });
    expect(romeCondition(['K1801', 'M1805', 'K1201'])).toEqual({
      any: [{ 'rome-k': { any: ['K1801', 'K1201'] } }, { 'rome-m': { any: ['M1805'] } }],
    });
    expect(romeCondition([])).toBeUndefined();
    const state = stateFromParams(params('rome=M1805&voie=vae'));
    expect(pagefindFilters(state)).toEqual({
      voie: { all: ['vae'] },
      all: [{ 'rome-m': { any: ['M1805'] } }],
    });
    // The fiches of a job title's code, within the reader's filters: both conditions hold.
    expect(pagefindFilters(state, undefined, ['K1801'])).toEqual({
      voie: { all: ['vae'] },
      all: [{ 'rome-m': { any: ['M1805'] } }, { 'rome-k': { any: ['K1801'] } }],
    });
    // Counting the ROME values leaves the reader's codes out, never the job title's.
    expect(pagefindFilters(state, 'rome', ['K1801'])).toEqual({
      voie: { all: ['vae'] },
      all: [{ 'rome-k': { any: ['K1801'] } }],
    });
  });

  it('knows the routes of access of the fiche schema', () => {
    expect([...VOIES]).toEqual(Object.keys(VOIES_ACCES));
  });
});

describe('search scopes', () => {
  const manifest = parseScopesManifest({
    actives: { pages: 7000, bundles: ['/pagefind/'] },
    inactives: { pages: 23486, bundles: ['/pagefind-inactives/', '/pagefind-inactives-2/'] },
  });

  it('loads the active bundle, and the inactive ones only on request', () => {
    expect(bundlesFor(manifest, false)).toEqual(['/pagefind/']);
    expect(bundlesFor(manifest, true)).toEqual([
      '/pagefind/',
      '/pagefind-inactives/',
      '/pagefind-inactives-2/',
    ]);
    expect(bundlePath('inactives', 1)).toBe('/pagefind-inactives/');
    expect(bundlePath('inactives', 3)).toBe('/pagefind-inactives-3/');
  });

  it('refuses a manifest that would load a bundle from elsewhere', () => {
    expect(() =>
      parseScopesManifest({
        actives: { pages: 1, bundles: ['https://example.org/pagefind/'] },
        inactives: { pages: 0, bundles: [] },
      }),
    ).toThrow(/portée actives illisible/);
  });
});

describe('filter choices', () => {
  const directory = codeDirectory(
    buildCodesIndex(['rome/K1801/', 'rome/K1201/'], {
      rome: (code) =>
        ({
          K1801: 'Conseiller / Conseillère en insertion professionnelle',
          K1201: 'Assistant social / Assistante sociale',
        })[code],
      nsf: () => undefined,
    }),
  );

  it('lists levels in ascending order, « sans niveau » last, with their count', () => {
    const options = facetOptions(
      'niveau',
      { '7': 2, 'sans-niveau': 1, '5': 4, '3': 0 },
      [],
      directory,
    );
    expect(options.map((o) => [o.label, o.count])).toEqual([
      ['Niveau 5', 4],
      ['Niveau 7', 2],
      ['Sans niveau précisé', 1],
    ]);
  });

  it('keeps a chosen value that gives no fiche, so that it can be unchecked', () => {
    const options = facetOptions('niveau', { '5': 1 }, ['7'], directory);
    expect(options.map((o) => [o.value, o.count, o.selected])).toEqual([
      ['5', 1, false],
      ['7', 0, true],
    ]);
  });

  it('shows status and répertoire in a fixed order', () => {
    expect(
      facetOptions('statut', { Inactive: 9, Active: 1 }, [], directory).map((o) => o.value),
    ).toEqual(['Active', 'Inactive']);
    expect(
      facetOptions('repertoire', { RS: 9, RNCP: 1 }, [], directory).map((o) => o.label),
    ).toEqual(['RNCP', 'Répertoire spécifique (RS)']);
  });

  it('names ROME codes with their label and orders them by number of fiches', () => {
    const options = facetOptions('rome', { K1201: 1, K1801: 3, K9999: 1 }, [], directory);
    expect(options.map((o) => o.label)).toEqual([
      'K1801 · Conseiller / Conseillère en insertion professionnelle',
      'K1201 · Assistant social / Assistante sociale',
      'K9999',
    ]);
  });

  it('names the routes of access and the territories, in the fiche’s order', () => {
    const voies = facetOptions(
      'voie',
      { vae: 9, apprentissage: 2, formation_initiale: 1 },
      [],
      EMPTY_DIRECTORY,
    );
    expect(voies.map((o) => [o.label, o.count])).toEqual([
      ['Formation initiale (élève, étudiant)', 1],
      ['Apprentissage', 2],
      ['VAE (validation des acquis de l’expérience)', 9],
    ]);
    expect(facetOptions('blocs', { possible: 3 }, [], EMPTY_DIRECTORY)[0]?.label).toBe(
      'Validation par blocs possible',
    );
    expect(
      facetOptions(
        'territoire',
        { 'polynesie-francaise': 2, 'nouvelle-caledonie': 1 },
        [],
        EMPTY_DIRECTORY,
      ).map((o) => o.label),
    ).toEqual(['Nouvelle-Calédonie', 'Polynésie française']);
  });

  it('counts the ROME codes of every letter’s filter as one filter', () => {
    expect(
      countsByFacet({ 'rome-k': { K1801: 2 }, 'rome-m': { M1805: 1 }, niveau: { '5': 3 } }),
    ).toEqual({ rome: { K1801: 2, M1805: 1 }, niveau: { '5': 3 } });
  });

  it('counts the union of the fiches found by the words and by a job title', () => {
    // Words: 3 fiches at level 5, 1 at 6; job title: 2 at 5, 2 at 7; both: 1 at 5.
    expect(
      unionCounts(
        { niveau: { '5': 3, '6': 1 } },
        { niveau: { '5': 2, '7': 2 }, voie: { vae: 2 } },
        { niveau: { '5': 1 }, voie: { vae: 0 } },
      ),
    ).toEqual({ niveau: { '5': 4, '6': 1, '7': 2 }, voie: { vae: 2 } });
  });

  it('counts each filter over the words and a job title, leaving a chosen adding filter out', async () => {
    // A catalogue of five fiches: what each gives each filter, whether it has the words, its code.
    const fiches = [
      { words: true, rome: 'M1805', niveau: '5', voie: ['vae'] },
      { words: true, rome: 'K1801', niveau: '6', voie: ['vae'] },
      { words: false, rome: 'K1801', niveau: '5', voie: [] },
      { words: false, rome: 'K1801', niveau: '7', voie: ['vae'] },
      { words: false, rome: 'A1101', niveau: '5', voie: ['vae'] },
    ];
    const state = stateFromParams(params('q=mots&niveau=5&voie=vae'));
    const asked: string[] = [];
    // Pagefind played by hand: the fiches with the words (unless null), the reader's filters but
    // `except`, and one of `codes`.
    const count: CountSearch = async (q, except, codes) => {
      asked.push(`${q ?? '-'}|${except ?? '-'}|${codes?.join(',') ?? '-'}`);
      const found = fiches.filter(
        (f) =>
          (q === null || f.words) &&
          (except === 'niveau' || state.filters.niveau.includes(f.niveau)) &&
          (except === 'voie' || state.filters.voie.every((v) => f.voie.includes(v))) &&
          (codes === undefined || codes.includes(f.rome)),
      );
      const counts: Record<string, Record<string, number>> = { niveau: {}, voie: {} };
      for (const f of found) {
        counts['niveau']![f.niveau] = (counts['niveau']![f.niveau] ?? 0) + 1;
        counts[`rome-${f.rome[0]!.toLowerCase()}`] ??= {};
        const rome = counts[`rome-${f.rome[0]!.toLowerCase()}`]!;
        rome[f.rome] = (rome[f.rome] ?? 0) + 1;
        for (const v of f.voie) counts['voie']![v] = (counts['voie']![v] ?? 0) + 1;
      }
      return counts;
    };
    const words = await count('mots');
    const metier = await count(null, undefined, ['K1801']);
    asked.length = 0;
    const counts = await countFacets(count, 'mots', state, ['K1801'], { words, metier });
    // Level 5 and VAE chosen: the words give fiche 1, K1801 none at level 5 open to VAE.
    expect(counts['voie']).toEqual({ vae: 1 });
    expect(counts['rome']).toEqual({ M1805: 1 });
    // Levels are counted without the level filter: fiches 1, 2 (words) and 2, 4 (K1801), open to VAE.
    expect(counts['niveau']).toEqual({ '5': 1, '6': 1, '7': 1 });
    // Only the adding filter with a choice needed new searches: the words, the codes, both.
    expect(asked.sort()).toEqual(
      ['-|niveau|K1801', 'mots|niveau|-', 'mots|niveau|K1801', 'mots|-|K1801'].sort(),
    );
  });

  it('orders certifiers with the same count alphabetically, accents aside', () => {
    const options = facetOptions(
      'certificateur',
      { Zeta: 1, Éducation: 1, Alpha: 2 },
      [],
      EMPTY_DIRECTORY,
    );
    expect(options.map((o) => o.value)).toEqual(['Alpha', 'Éducation', 'Zeta']);
  });
});

describe('codes with a page (/recherche/codes.json)', () => {
  it('encodes fiche numbers as ranges and decodes them back', () => {
    expect(encodeRanges([7, 1, 2, 3, 3, 10, 11])).toBe('1-3,7,10-11');
    expect([...decodeRanges('1-3,7,10-11')]).toEqual([1, 2, 3, 7, 10, 11]);
    expect(encodeRanges([])).toBe('');
    expect(decodeRanges('').size).toBe(0);
  });

  it('stays small for the real catalogue (fiche numbers of the 2026-02-01 export)', () => {
    const csv = readFileSync(
      sharedData(
        'france-competences/export-fiches-csv-2026-02-01-partial/export_fiches_CSV_Certificateurs_2026_02_01.csv',
      ),
      'utf8',
    );
    const numbers = [...csv.matchAll(/^"RNCP(\d+)";/gm)].map((m) => Number(m[1]));
    const encoded = encodeRanges(numbers);
    expect(new Set(numbers).size).toBeGreaterThan(10_000);
    expect(decodeRanges(encoded)).toEqual(new Set(numbers));
    // About 1.6 characters per fiche, against 6 or 7 for a plain list of numbers.
    expect(encoded.length / new Set(numbers).size).toBeLessThan(2);
  });

  it('lists only the codes of built pages, with their labels', () => {
    const index = buildCodesIndex(
      [
        '/',
        'rncp/6133/',
        'rncp/',
        'rs/5000/',
        'rome/K1801/',
        'rome/',
        'nsf/332t/',
        'fiches/',
        'rncp/6133/blocs.json',
      ],
      { rome: () => 'Conseil', nsf: () => undefined },
    );
    expect(index).toEqual({
      fiches: { RNCP: '6133', RS: '5000' },
      rome: { K1801: 'Conseil' },
      nsf: { '332t': '' },
    });
  });
});

describe('what the index records of a fiche', () => {
  const source = readFileSync('content/fiches/rncp/6133.md', 'utf8');
  const frontmatter = source.split(/^---$/m)[1] ?? '';
  const fiche = ficheSchema.parse(jsYaml.load(frontmatter));

  it('records RNCP 6133 with its codes and filters', () => {
    expect(searchRecord(fiche)).toEqual({
      numero: 'RNCP 6133',
      codes: ['RNCP6133', 'K1801', 'K1201', '332t'],
      filters: {
        statut: ['Inactive'],
        niveau: ['5'],
        // Its export says nothing of its routes of access: none is offered as open.
        voie: [],
        blocs: [],
        territoire: [],
        repertoire: ['RNCP'],
        rome: ['K1801', 'K1201'],
        nsf: ['332t'],
        certificateur: ['Centre ressource AROBASE'],
      },
      indexFilters: [
        ['statut', 'Inactive'],
        ['niveau', '5'],
        ['repertoire', 'RNCP'],
        ['rome-k', 'K1801'],
        ['rome-k', 'K1201'],
        ['nsf', '332t'],
        ['certificateur', 'Centre ressource AROBASE'],
      ],
      ordre: '1-RNCP-006133',
      scope: 'inactives',
    });
  });

  it('records the routes a fiche says are open, validation by blocs and the territories, from its summary too', () => {
    const open = ficheSchema.parse({
      ...fiche,
      voies_acces: {
        ...fiche.voies_acces,
        vae: { ouverte: true, precision: 'Jury de VAE' },
        apprentissage: { ouverte: true },
        formation_initiale: { ouverte: false },
      },
      validation_partielle: true,
      accessible_nouvelle_caledonie: true,
      accessible_polynesie_francaise: false,
    });
    for (const facts of [open, ficheSummary(open)]) {
      const record = searchRecord(facts);
      expect(record.filters.voie).toEqual(['apprentissage', 'vae']);
      expect(record.filters.blocs).toEqual(['possible']);
      expect(record.filters.territoire).toEqual(['nouvelle-caledonie']);
    }
    // The summary keeps whether each route is open, not its texts.
    expect(ficheSummary(open).voies_acces?.vae).toEqual({ ouverte: true });
    expect(searchRecord({ ...open, validation_partielle: false }).filters.blocs).toEqual([]);
  });

  it('files a fiche with only a 1969 level under the level its browse page lists it at', () => {
    const old = { ...fiche, niveau: { nomenclature_1969: 'III' as const } };
    expect(searchRecord(old).filters.niveau).toEqual(['5']);
    expect(niveauKey(old)).toBe('5');
  });

  it('lists active fiches before inactive ones, then by number', () => {
    const active = searchRecord({ ...fiche, numero_fiche: 'RNCP37504', statut: { actif: true } });
    const rsFiche = { ...fiche, numero_fiche: 'RS5000', statut: { actif: true } };
    delete rsFiche.niveau;
    const rs = searchRecord(rsFiche);
    expect([searchRecord(fiche).ordre, rs.ordre, active.ordre].sort()).toEqual([
      active.ordre,
      rs.ordre,
      '1-RNCP-006133',
    ]);
    expect(rs.filters.niveau).toEqual(['sans-niveau']);
    expect(rs.filters.repertoire).toEqual(['RS']);
    expect(active.scope).toBe('actives');
  });
});

describe('the edges of the search state, the filters and the list of codes', () => {
  const state = (query: string) => stateFromParams(params(query));

  it('keeps at most 50 values of a filter and 300 characters of words', () => {
    const many = Array.from({ length: 60 }, (_, i) => `certificateur=C${i}`).join('&');
    expect(state(many).filters.certificateur).toHaveLength(50);
    expect(state(`q=${'a'.repeat(400)}`).q).toHaveLength(300);
  });

  it('trims the words and each value, and keeps a value once', () => {
    expect(state('q=%20%20K1801%20%20&niveau=%205%20&niveau=5&niveau=6')).toEqual({
      q: 'K1801',
      inactives: false,
      filters: { ...emptyFilters(), niveau: ['5', '6'] },
    });
  });

  it('counts the status filter only once the inactive fiches are searched', () => {
    const actives: SearchState = {
      q: '',
      inactives: false,
      filters: { ...emptyFilters(), statut: ['Active'] },
    };
    expect(hasFilters(actives)).toBe(false);
    expect(isBlank(actives)).toBe(true);
    expect(stateToParams(actives).toString()).toBe('');
    expect(hasFilters({ ...actives, inactives: true })).toBe(true);
    expect(hasFilters(state('niveau=5'))).toBe(true);
    expect(hasFilters(state('niveau=5&rome=K1801'))).toBe(true);
    expect(hasFilters(state('q=x'))).toBe(false);
    expect(isBlank(state('q=x'))).toBe(false);
    expect(isBlank(state('niveau=5'))).toBe(false);
    expect(isBlank({ ...state(''), q: '   ' })).toBe(true);
  });

  it('tells two searches apart by their address only', () => {
    expect(sameState(state('niveau=6&niveau=5&q=a'), state('q=a&niveau=5&niveau=6'))).toBe(true);
    expect(sameState(state('q=a'), state('q=b'))).toBe(false);
    expect(sameState(state('q=a'), state('q=a&inactives=1'))).toBe(false);
  });

  it('removes only the value unchecked, and adds a value once', () => {
    const two = state('niveau=5&niveau=6');
    expect(toggleFilter(two, 'niveau', '5', false).filters.niveau).toEqual(['6']);
    expect(toggleFilter(two, 'niveau', '6', true).filters.niveau).toEqual(['5', '6']);
    expect(toggleFilter(two, 'niveau', '7', true).filters.niveau).toEqual(['5', '6', '7']);
    expect(DIRECT_PARAM).toBe('direct');
  });

  it('names each kind of filter value', () => {
    const directory = codeDirectory(
      buildCodesIndex(['rome/K1801/', 'nsf/332t/'], {
        rome: () => 'Conseil',
        nsf: () => 'Travail social',
      }),
    );
    expect(facetLabel('nsf', '332t', directory)).toBe('332t · Travail social');
    expect(facetLabel('rome', '332t', directory)).toBe('332t');
    expect(facetLabel('nsf', 'K1801', directory)).toBe('K1801');
    expect(facetLabel('niveau', SANS_NIVEAU, directory)).toBe('Sans niveau précisé');
    expect(facetLabel('niveau', '5', directory)).toBe('Niveau 5');
    expect(facetLabel('repertoire', 'RNCP', directory)).toBe('RNCP');
    expect(facetLabel('certificateur', 'Alpha', directory)).toBe('Alpha');
  });

  it('orders fixed values first, then others by name; levels by number, 10 after 9', () => {
    expect(
      facetOptions('statut', { Autre: 5, Inactive: 1, Active: 1 }, [], EMPTY_DIRECTORY).map(
        (o) => o.value,
      ),
    ).toEqual(['Active', 'Inactive', 'Autre']);
    expect(
      facetOptions('repertoire', { Z: 1, RS: 2, A: 1, RNCP: 3 }, [], EMPTY_DIRECTORY).map(
        (o) => o.value,
      ),
    ).toEqual(['RNCP', 'RS', 'A', 'Z']);
    // Counts that would order them otherwise, and a chosen level listed after the others.
    expect(
      facetOptions('niveau', { '10': 5, [SANS_NIVEAU]: 9, '9': 1 }, ['2'], EMPTY_DIRECTORY).map(
        (o) => o.value,
      ),
    ).toEqual(['2', '9', '10', SANS_NIVEAU]);
    expect(
      facetOptions('certificateur', { 'Lycée 10': 1, 'Lycée 9': 1 }, [], EMPTY_DIRECTORY).map(
        (o) => o.value,
      ),
    ).toEqual(['Lycée 9', 'Lycée 10']);
  });

  it('decodes only well-formed ranges of a sensible size', () => {
    expect([...decodeRanges(' 3 , 5-6 ,x, 8-, -9, 1e3, 10-9')]).toEqual([3, 5, 6]);
    expect(decodeRanges('1-1000001').size).toBe(1_000_001);
    expect(decodeRanges('1-1000002').size).toBe(0);
    expect(decodeRanges('a7,7a,7').size).toBe(1);
    expect(encodeRanges([5, 4, 1, 2])).toBe('1-2,4-5');
    expect(encodeRanges([1])).toBe('1');
  });

  it('keeps the codes of pages only, fiche numbers as the schema writes them, sorted', () => {
    const index = buildCodesIndex(
      [
        'x/rncp/1/',
        'rncp/2/x',
        'rncp/03/',
        'rncp/1234567/',
        'rncp/4',
        '/rs/5/',
        'rome/B1/',
        'rome/A1/',
        'nsf/2/',
        'nsf/1/',
      ],
      { rome: () => undefined, nsf: () => 'N' },
    );
    expect(index).toEqual({
      fiches: { RNCP: '4', RS: '5' },
      rome: { A1: '', B1: '' },
      nsf: { '1': 'N', '2': 'N' },
    });
    expect(Object.keys(index.rome)).toEqual(['A1', 'B1']);
    expect(EMPTY_DIRECTORY.hasFiche('RNCP', 6133)).toBe(false);
    expect(CODES_INDEX_PATH).toBe('/recherche/codes.json');
    expect(CODE_LABELS_PATH).toBe('/recherche/libelles.json');
  });

  it('refuses a manifest whose bundle is not a plain folder of the site', () => {
    for (const bundle of ['/pagefind/x.js', '/pagefind', 'pagefind/', '/Pagefind/', 7]) {
      expect(() =>
        parseScopesManifest({
          actives: { pages: 1, bundles: ['/pagefind/', bundle] },
          inactives: { pages: 0, bundles: [] },
        }),
      ).toThrow(/illisible/);
    }
  });

  it('loads Pagefind from the bundle, ranks codes high and lists by order', () => {
    expect(pagefindScript('/pagefind/')).toBe('/pagefind/pagefind.js');
    expect(PAGEFIND_OPTIONS).toEqual({
      excerptLength: expect.any(Number),
      ranking: expect.objectContaining({ metaWeights: { codes: 10, numero: 10 } }),
    });
    expect(LISTING_SORT).toEqual({ ordre: 'asc' });
  });
});
