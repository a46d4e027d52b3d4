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
  titleWordCount,
  WORD_SHARDS,
  wordShardsOf,
  type MetierMatch,
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

  it('counts the masculine and feminine forms of a title once', () => {
    expect(titleWordCount('Accompagnateur / Accompagnatrice reconversion professionnelle')).toBe(3);
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
    expect(decodeTitleRefs('a3,??,12')).toEqual([
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
