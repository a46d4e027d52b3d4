/**
 * The job-title index of the search (src/lib/search/metiers.ts), built from the real ROME 4.0 job
 * titles (content/referentiels/appellations.json): which queries are job titles and lead to which
 * ROME code, which are mere words, how little each query has to load, and that the files read back
 * what was written.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  loadAppellations,
  loadReferentiels,
  romeEntry,
  romeLibelle,
} from '../../src/lib/referentiels.ts';
import {
  buildMetierIndex,
  decodeTitleRefs,
  encodeTitleRefs,
  foldWords,
  matchTitles,
  metierCodes,
  metierQuery,
  titleFilesOf,
  titleFile,
  titleWordCount,
  WORD_SHARDS,
  wordFile,
  wordShard,
  wordShardsOf,
  type MetierMatch,
  type TitleFile,
  type TitleRef,
  type WordFile,
} from '../../src/lib/search/metiers.ts';

const ref = loadReferentiels();
const titles = Object.values(loadAppellations().entrees).map((entry) => ({
  libelle: entry.libelle,
  code: entry.parent,
}));
const index = buildMetierIndex(titles, (code) => {
  const entry = romeEntry(ref, code);
  return entry ? romeLibelle(entry) : '';
});

/** What the search page does: the word files of the words, then the title files of the matches. */
function lookup(q: string): { codes: MetierMatch[]; gzipBytes: number } {
  const words = metierQuery(q);
  const shards = wordShardsOf(words);
  const files = new Map(shards.map((n) => [n, index.words.get(n)!]));
  const matches = matchTitles(words, files).slice(0, 12);
  const titleFiles = new Map(titleFilesOf(matches).map((n) => [n, index.titles.get(n)!]));
  const gzip = (value: unknown) => gzipSync(JSON.stringify(value)).length;
  return {
    codes: metierCodes(matches, titleFiles),
    gzipBytes:
      [...files.values()].reduce((sum, f) => sum + gzip(f), 0) +
      [...titleFiles.values()].reduce((sum, f) => sum + gzip(f), 0),
  };
}

describe('words as the job-title index compares them', () => {
  it('drops accents, case, small words and a final s or x', () => {
    expect(foldWords("Chargée d'études en Bâtiments")).toEqual(['chargee', 'etude', 'batiment']);
    expect(foldWords('Cœur de métier, 3D')).toEqual(['coeur', 'metier', '3d']);
  });

  it('leaves out every small word, empty pieces and short words’ final s or x', () => {
    expect(
      foldWords("à au aux avec d' dans de des du en et l' la le les ou par pour sur un une"),
    ).toEqual([]);
    expect(foldWords(' (Chef)  -- ')).toEqual(['chef']);
    expect(foldWords('Cæcum, bus, gaz, Taxis')).toEqual(['caecum', 'bus', 'gaz', 'taxi']);
  });

  it('counts the masculine and feminine forms of a title once', () => {
    expect(titleWordCount('Accompagnateur / Accompagnatrice reconversion professionnelle')).toBe(3);
    // Three forms: the words after the last « / » count.
    expect(titleWordCount('Agent / Agente / Employé de rayon')).toBe(2);
    expect(titleWordCount('Développeur / Développeuse web')).toBe(2);
    expect(titleWordCount('Accessoiriste')).toBe(1);
  });

  it('writes title numbers as differences in base 36 with the count of words, and reads them back', () => {
    const refs = [
      { number: 10, words: 3 },
      { number: 11, words: 2 },
      { number: 500, words: 7 },
    ];
    expect(encodeTitleRefs(refs)).toBe('a3,12,dl7');
    expect(decodeTitleRefs('a3,12,dl7')).toEqual(refs);
    // A damaged token is skipped, never read as another title.
    expect(decodeTitleRefs('a3,??,-13,a38,12')).toEqual([
      { number: 10, words: 3 },
      { number: 11, words: 2 },
    ]);
  });
});

describe('a job title leads to its ROME code', () => {
  it('« accompagnatrice reconversion professionnelle » is K1801, with its title', () => {
    expect(lookup('accompagnatrice reconversion professionnelle').codes).toEqual([
      {
        code: 'K1801',
        libelle: 'Conseiller / Conseillère en insertion professionnelle',
        titre: 'Accompagnateur / Accompagnatrice reconversion professionnelle',
      },
    ]);
  });

  it('as a person says it: a word left out, small words, another gender, being typed', () => {
    for (const q of [
      'accompagnatrice en reconversion',
      'Accompagnateur reconversion professionnelle',
      'ACCOMPAGNATRICE RECONVERSION PROFESSIONNELLES',
      'accompagnatrice reconv',
    ]) {
      expect(
        lookup(q).codes.map((c) => c.code),
        q,
      ).toEqual(['K1801']);
    }
    expect(lookup('développeur web').codes[0]).toMatchObject({
      code: 'M1805',
      titre: 'Développeur / Développeuse web',
    });
    expect(lookup('conseiller en insertion').codes.map((c) => c.code)).toEqual(['K1801']);
  });

  it('takes mere words for no job title: a word of many titles, the words of the default searches', () => {
    for (const q of [
      'compétences',
      'gestion projet',
      'zorglubine',
      'agent',
      'insertion',
      'de la',
    ]) {
      expect(lookup(q).codes, q).toEqual([]);
    }
    // A code or a number is not a job title (the page checks codes before).
    expect(metierQuery('K1801')).toEqual(['k1801']);
    expect(metierQuery('a b')).toEqual([]);
  });

  it('keeps the words of two letters or more, each once, when one has three at least', () => {
    expect(metierQuery('ingénieur IA x')).toEqual(['ingenieur', 'ia']);
    expect(metierQuery('agent agent')).toEqual(['agent']);
    expect(metierQuery('bus ia')).toEqual(['bus', 'ia']);
    expect(metierQuery('ia rh')).toEqual([]);
  });

  it('names at most three codes, best title first', () => {
    const { codes } = lookup('secrétaire');
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.length).toBeLessThanOrEqual(3);
    expect(codes[0]).toMatchObject({ code: 'M1607', titre: 'Secrétaire' });
  });
});

describe('what the index costs', () => {
  it('writes every word file, so that the page never asks for one in vain', () => {
    expect([...index.words.keys()]).toEqual([...Array(WORD_SHARDS).keys()]);
  });

  it('loads under 1.2 kB gzip for words that are no job title, under 4 kB for a job title', () => {
    for (const q of ['compétences', 'gestion projet', 'zorglubine']) {
      expect(lookup(q).gzipBytes, q).toBeLessThan(1_200);
    }
    expect(lookup('accompagnatrice reconversion professionnelle').gzipBytes).toBeLessThan(4_000);
    // Every word file stays small: a query loads one per word.
    const largest = Math.max(
      ...[...index.words.values()].map((f) => gzipSync(JSON.stringify(f)).length),
    );
    expect(largest).toBeLessThan(2_500);
  });

  it('is the same for the same titles, in any order', () => {
    const again = buildMetierIndex([...titles].reverse(), () => '');
    expect(JSON.stringify([...again.words])).toBe(JSON.stringify([...index.words]));
  });
});

/** Word files for these words, each listing these titles (number, count of words). */
function wordFiles(entries: Record<string, TitleRef[]>): Map<number, WordFile> {
  const files = new Map<number, WordFile>();
  for (const [word, refs] of Object.entries(entries)) {
    const shard = wordShard(word);
    files.set(shard, { ...files.get(shard), [word]: encodeTitleRefs(refs) });
  }
  return files;
}

describe('the best job titles first, on a hand-made index', () => {
  it('orders by the share of the title, then the shorter title, then the number', () => {
    // Four titles that hold both words: of 3 words (share 2/3), 2 words (twice) and 1 word.
    const refs = [
      { number: 1, words: 3 },
      { number: 2, words: 2 },
      { number: 5, words: 2 },
      { number: 7, words: 1 },
    ];
    const files = wordFiles({ chef: refs, rayon: refs });
    expect(matchTitles(['chef', 'rayon'], files).map((m) => m.number)).toEqual([7, 2, 5, 1]);
    // One word of a title of three is not enough of it.
    expect(matchTitles(['chef'], wordFiles({ chef: [{ number: 1, words: 3 }] }))).toEqual([]);
  });

  it('reads only the last word, of four letters at least, as unfinished', () => {
    const files = wordFiles({
      boulanger: [{ number: 3, words: 2 }],
      patissier: [{ number: 3, words: 2 }],
    });
    expect(matchTitles(['patissier', 'boul'], files).map((m) => m.number)).toEqual([3]);
    expect(matchTitles(['boul', 'patissier'], files)).toEqual([]);
    // Three letters are a word of their own, not the start of a longer word, even one that shares
    // their file (the file is chosen by the first four letters: « cig » and « cigt… » share one).
    expect(wordShard('cigtout')).toBe(wordShard('cig'));
    const shared = wordFiles({
      cig: [{ number: 4, words: 1 }],
      cigtout: [{ number: 8, words: 1 }],
    });
    expect(matchTitles(['cig'], shared).map((m) => m.number)).toEqual([4]);
    expect(matchTitles(['cigt'], shared).map((m) => m.number)).toEqual([8]);
  });

  it('names each code once, by its best title, and three codes at most', () => {
    const files = new Map<number, TitleFile>([
      [
        0,
        [
          ['A1111', 'Métier A', ['Titre A1', 'Titre A2']],
          ['B2222', 'Métier B', ['Titre B1']],
          ['C3333', 'Métier C', ['Titre C1']],
          ['D4444', 'Métier D', ['Titre D1']],
        ],
      ],
    ]);
    const match = (number: number) => ({ number, coverage: 1, words: 2 });
    expect(metierCodes([1, 0, 2, 3, 4].map(match), files)).toEqual([
      { code: 'A1111', libelle: 'Métier A', titre: 'Titre A2' },
      { code: 'B2222', libelle: 'Métier B', titre: 'Titre B1' },
      { code: 'C3333', libelle: 'Métier C', titre: 'Titre C1' },
    ]);
  });

  it('files the titles by code, then in the order a reader counts (9 before 10)', () => {
    const built = buildMetierIndex(
      [
        { libelle: 'Opérateur 10', code: 'A1111' },
        { libelle: 'Opérateur 9', code: 'A1111' },
        { libelle: 'Agent', code: 'B2222' },
      ],
      (code) => `Métier ${code}`,
    );
    expect(built.titles.get(0)).toEqual([
      ['A1111', 'Métier A1111', ['Opérateur 9', 'Opérateur 10']],
      ['B2222', 'Métier B2222', ['Agent']],
    ]);
  });

  it('writes the words of each file in order, where the page asks for them', () => {
    for (const file of index.words.values()) {
      const words = Object.keys(file);
      expect(words).toEqual([...words].sort());
    }
    expect(wordFile(5)).toBe('/recherche/metiers/m-5.json');
    expect(titleFile(2)).toBe('/recherche/metiers/t-2.json');
  });
});
