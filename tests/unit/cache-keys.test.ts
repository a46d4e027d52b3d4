/** The keys of the incremental build (src/lib/cache-keys.ts): they change when what a page shows does. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cacheKey,
  ficheNeighboursKey,
  keyedByProps,
  referentielsKey,
  type CatalogueEntry,
} from '../../src/lib/cache-keys.ts';
import type { FicheSummary } from '../../src/schema/summary.ts';

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

describe('ficheNeighboursKey: what a fiche page shows of other fiches', () => {
  // RNCP 9106 replaced RNCP 9105 and was replaced by RNCP 9107, itself replaced by RNCP 9108; its
  // blocs correspond to RNCP 29965's. RNCP 9999 is unrelated.
  const summary = (numero: string, extra: Partial<FicheSummary> = {}): FicheSummary => ({
    numero_fiche: numero,
    intitule: `Titre de ${numero}`,
    statut: { actif: true },
    certificateurs: [{ nom: 'Organisme' }],
    nombre_partenaires: 0,
    niveau: { europe: 5 },
    dates: { effet: '2024-07-01', fin_enregistrement: '2029-07-01' },
    ...extra,
  });
  const page = summary('RNCP9106', {
    lignee: {
      precedentes: [{ numero: 'RNCP9105' }],
      suivantes: [{ numero: 'RNCP9107' }],
      ulterieures: [{ numero: 'RNCP9108', precedente: 'RNCP9107' }],
    },
    fiches_correspondantes: ['RNCP29965'],
  });
  const base = (): Map<string, CatalogueEntry> =>
    new Map(
      ['RNCP9105', 'RNCP9107', 'RNCP9108', 'RNCP29965', 'RNCP9999'].map((n) => [
        n,
        { digest: `digest-${n}`, data: summary(n) },
      ]),
    );
  const key = (catalogue: Map<string, CatalogueEntry>) =>
    ficheNeighboursKey(page, (n) => catalogue.get(n));
  const before = key(base());
  const changed = (numero: string, change: (entry: CatalogueEntry) => CatalogueEntry) => {
    const catalogue = base();
    catalogue.set(numero, change(catalogue.get(numero)!));
    return key(catalogue);
  };
  const data = (extra: Partial<FicheSummary>) => (e: CatalogueEntry) => ({
    ...e,
    data: { ...e.data, ...extra },
  });

  it('is stable while nothing the page shows changes', () => {
    expect(key(base())).toBe(before);
  });

  it('changes when a direct predecessor or successor’s file changes (« Ce qui change » reads it whole)', () => {
    expect(changed('RNCP9105', (e) => ({ ...e, digest: 'other' }))).not.toBe(before);
    expect(changed('RNCP9107', (e) => ({ ...e, digest: 'other' }))).not.toBe(before);
  });

  it('changes when a later generation’s title, status, level or dates change (the timeline shows them)', () => {
    for (const extra of [
      { intitule: 'Nouveau titre' },
      { statut: { actif: false } },
      { niveau: { europe: 6 } },
      { dates: { effet: '2024-07-01', fin_enregistrement: '2026-12-31' } },
    ] as Partial<FicheSummary>[]) {
      expect(changed('RNCP9108', data(extra)), JSON.stringify(extra)).not.toBe(before);
    }
    // What the timeline does not show of it leaves the page as it is.
    expect(changed('RNCP9108', (e) => ({ ...e, digest: 'other' }))).toBe(before);
  });

  it('changes when a fiche of its correspondences changes title, and not for its other facts', () => {
    expect(changed('RNCP29965', data({ intitule: 'Autre titre' }))).not.toBe(before);
    expect(changed('RNCP29965', data({ statut: { actif: false } }))).toBe(before);
  });

  it('changes when a related fiche joins or leaves the catalogue (linked here or to France Compétences)', () => {
    for (const numero of ['RNCP9105', 'RNCP9108', 'RNCP29965']) {
      const catalogue = base();
      catalogue.delete(numero);
      expect(key(catalogue), numero).not.toBe(before);
    }
  });

  it('does not change for an unrelated fiche', () => {
    expect(changed('RNCP9999', data({ intitule: 'Autre titre', statut: { actif: false } }))).toBe(
      before,
    );
  });
});
