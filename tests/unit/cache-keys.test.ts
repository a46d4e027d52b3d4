/** The keys of the incremental build (src/lib/cache-keys.ts): they change when what a page shows does. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey, keyedByProps, referentielsKey } from '../../src/lib/cache-keys.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('cacheKey', () => {
  it('is stable for equal data and differs for different data', () => {
    expect(cacheKey({ a: 1 }, 'x')).toBe(cacheKey({ a: 1 }, 'x'));
    expect(cacheKey({ a: 1 }, 'x')).not.toBe(cacheKey({ a: 2 }, 'x'));
    expect(cacheKey('ab', 'c')).not.toBe(cacheKey('a', 'bc'));
  });

  it('sees the content of maps and sets, which JSON writes as {}', () => {
    expect(cacheKey(new Map([['A', 1]]))).not.toBe(cacheKey(new Map([['B', 1]])));
    expect(cacheKey(new Set(['K1801']))).not.toBe(cacheKey(new Set(['K1802'])));
  });
});

describe('referentielsKey', () => {
  it('changes when a reference table changes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'referentiels-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'rome.json'), '{"entrees":{"K1801":{"libelle":"Conseil"}}}');
    const before = referentielsKey(dir);
    writeFileSync(path.join(dir, 'rome.json'), '{"entrees":{"K1801":{"libelle":"Conseiller"}}}');
    expect(referentielsKey(dir)).not.toBe(before);
  });
});

describe('keyedByProps', () => {
  const fiche = (intitule: string) => ({ numero_fiche: 'RNCP9101', intitule });
  const paths = (intitule: string) => [
    {
      params: { code: 'K1801' },
      props: { node: { code: 'K1801' }, page: { data: [fiche(intitule)] } },
    },
    { params: { code: 'M1607' }, props: { node: { code: 'M1607' }, page: { data: [] } } },
  ];

  it('gives a listing a new key when a title it shows changes, and no other', () => {
    const [k1, m1] = keyedByProps(paths('Ancien intitulé'));
    const [k2, m2] = keyedByProps(paths('Nouvel intitulé'));
    expect(k2!.cacheKey).not.toBe(k1!.cacheKey);
    expect(m2!.cacheKey).toBe(m1!.cacheKey);
  });

  it('keeps the key of the other pages of a list, which show only its counts', () => {
    const page2 = (intitule: string, actif: boolean) => [
      {
        params: { code: 'K1801', page: '2' },
        props: {
          node: { code: 'K1801', fiches: [{ ...fiche(intitule), statut: { actif } }] },
          page: { currentPage: 2, data: [{ numero_fiche: 'RNCP9999', intitule: 'Autre' }] },
        },
      },
    ];
    const [before] = keyedByProps(page2('Ancien intitulé', true));
    expect(keyedByProps(page2('Nouvel intitulé', true))[0]!.cacheKey).toBe(before!.cacheKey);
    // Its count of active fiches changes when one of them closes.
    expect(keyedByProps(page2('Ancien intitulé', false))[0]!.cacheKey).not.toBe(before!.cacheKey);
  });

  it('adds what the page reads beside its props, such as its fiche file’s digest', () => {
    const [a] = keyedByProps(paths('x'), () => 'digest-1');
    const [b] = keyedByProps(paths('x'), () => 'digest-2');
    expect(a!.cacheKey).not.toBe(b!.cacheKey);
  });
});
