/**
 * The data of the browse pages (src/lib/browse.ts, code-tree.ts, certificateurs.ts, formacodes.ts,
 * niveau.ts), from small named fiches and from the project's real reference tables: what an adviser
 * would see counted, grouped and ordered.
 */
import { describe, expect, it } from 'vitest';
import {
  byFrequency,
  compteFiches,
  fichesEtActives,
  indexFiches,
  legendeTableau,
  niveauExplique,
  nombreFiches,
  nomsCertificateurs,
  pageHref,
  rechercheFiltree,
  resumeCatalogue,
  resumeListe,
  sortFiches,
} from '../../src/lib/browse.ts';
import {
  certificateurParSlug,
  groupCertificateurs,
  initiale,
  nomNormalise,
  pagesParInitiale,
  parInitiale,
} from '../../src/lib/certificateurs.ts';
import {
  ancestors,
  appellationViews,
  buildCodeTree,
  countByType,
  fichesEmploi,
  mostCited,
  nsfCodesOf,
  nsfPlaceholder,
  romeCodesOf,
  romePlaceholder,
} from '../../src/lib/code-tree.ts';
import { groupFormacodes } from '../../src/lib/formacodes.ts';
import { lignesJournal, lignesParCode } from '../../src/lib/journal/lines.ts';
import { SANS_NIVEAU, niveauKey } from '../../src/lib/niveau.ts';
import {
  appellationsByCode,
  loadAppellations,
  loadReferentiels,
  type RomeEntry,
} from '../../src/lib/referentiels.ts';
import { ficheSchema, type Fiche } from '../../src/schema/fiche.ts';

const VOIES = Object.fromEntries(
  [
    'formation_initiale',
    'apprentissage',
    'formation_continue',
    'contrat_professionnalisation',
    'candidature_individuelle',
    'vae',
  ].map((voie) => [voie, { ouverte: null }]),
);

/** A fiche as the schema accepts it: the fixtures go through the real validation. */
function fiche(numero: string, data: Record<string, unknown> = {}): Fiche {
  return ficheSchema.parse({
    numero_fiche: numero,
    intitule: `Certification ${numero}`,
    statut: { actif: true },
    certificateurs: [{ nom: 'Organisme de test' }],
    ...(numero.startsWith('RNCP') ? { niveau: { europe: 5 } } : {}),
    voies_acces: VOIES,
    accessible_nouvelle_caledonie: null,
    accessible_polynesie_francaise: null,
    ...data,
  });
}

const numeros = (fiches: readonly { numero_fiche: string }[]) => fiches.map((f) => f.numero_fiche);
const inactive = { statut: { actif: false } };

describe('nombreFiches', () => {
  it('says « aucune fiche », « 1 fiche », and groups thousands the French way', () => {
    expect(nombreFiches(0)).toBe('aucune fiche');
    expect(nombreFiches(1)).toBe('1 fiche');
    expect(nombreFiches(2)).toBe('2 fiches');
    expect(nombreFiches(2662)).toBe('2\u202f662 fiches');
  });
});

describe('indexFiches', () => {
  it('lists each fiche once per code, active first, then RNCP before RS and by number', () => {
    const fiches = [
      fiche('RS5000', { rome: [{ code: 'K1801' }] }),
      fiche('RNCP16575', { rome: [{ code: 'K1801' }, { code: 'K1801' }] }),
      fiche('RNCP6133', { ...inactive, rome: [{ code: 'K1801' }, { code: 'K1201' }] }),
      fiche('RNCP999', { rome: [{ code: 'K1801' }] }),
    ];
    const index = indexFiches(fiches, romeCodesOf);
    expect(numeros(index.get('K1801')!)).toEqual(['RNCP999', 'RNCP16575', 'RS5000', 'RNCP6133']);
    expect(numeros(index.get('K1201')!)).toEqual(['RNCP6133']);
    expect(index.has('M1607')).toBe(false);
  });
});

describe('buildCodeTree', () => {
  const table: RomeEntry[] = [
    { code: 'M', type: 'grand_domaine' },
    { code: 'K18', type: 'domaine', parent: 'K' },
    { code: 'K', type: 'grand_domaine' },
    { code: 'K1802', type: 'fiche', parent: 'K18' },
    { code: 'K1801', type: 'fiche', parent: 'K18' },
  ];
  const fiches = [
    fiche('RNCP1', { rome: [{ code: 'K1801' }, { code: 'K1802' }] }),
    fiche('RNCP2', { rome: [{ code: 'K1801' }] }),
    fiche('RNCP3', { rome: [{ code: 'K9901' }] }),
  ];
  const tree = buildCodeTree(table, fiches, romeCodesOf, romePlaceholder);
  const node = (code: string) => tree.nodes.get(code)!;

  it('nests the codes under their parents, sorted by code', () => {
    expect(tree.roots.map((n) => n.entry.code)).toEqual(['K', 'M']);
    expect(node('K18').children.map((n) => n.entry.code)).toEqual(['K1801', 'K1802']);
    expect(ancestors(node('K1801')).map((n) => n.entry.code)).toEqual(['K', 'K18']);
  });

  it('counts a fiche once in a domain even when it cites two of its codes', () => {
    expect(node('K1801').fiches).toHaveLength(2);
    expect(node('K1802').total).toBe(1);
    expect(node('K18').fiches).toHaveLength(0);
    expect(node('K18').total).toBe(2);
    expect(node('K').total).toBe(3);
    expect(node('M').total).toBe(0);
  });

  it('gives a code missing from the table a page of its own, with its missing parent', () => {
    expect(node('K9901').known).toBe(false);
    expect(node('K99').known).toBe(false);
    expect(ancestors(node('K9901')).map((n) => n.entry.code)).toEqual(['K', 'K99']);
    expect(node('K1801').known).toBe(true);
    expect(countByType(tree)).toEqual({ grand_domaine: 2, domaine: 1, fiche: 2 });
  });

  it('lists the cited codes, the most cited first', () => {
    expect(mostCited(tree).map((n) => n.entry.code)).toEqual(['K1801', 'K1802', 'K9901']);
  });
});

describe('the real ROME and NSF tables as trees', () => {
  const ref = loadReferentiels();
  const fiche6133 = fiche('RNCP6133', {
    ...inactive,
    rome: [{ code: 'K1801' }, { code: 'K1201' }],
    nsf: [{ code: '332t' }],
  });

  it('has a node for every one of the 1,216 ROME codes, under 14 grands domaines', () => {
    const tree = buildCodeTree(
      Object.values(ref.rome.entrees),
      [fiche6133],
      romeCodesOf,
      romePlaceholder,
    );
    expect(tree.nodes.size).toBe(Object.keys(ref.rome.entrees).length);
    expect(tree.roots).toHaveLength(14);
    expect(ancestors(tree.nodes.get('K1801')!).map((n) => n.entry.code)).toEqual(['K', 'K18']);
    expect(tree.nodes.get('K')!.total).toBe(1);
    expect([...tree.nodes.values()].every((n) => n.known)).toBe(true);
  });

  it('has every NSF code from catégorie to spécialité', () => {
    const tree = buildCodeTree(
      Object.values(ref.nsf.entrees),
      [fiche6133],
      nsfCodesOf,
      nsfPlaceholder,
    );
    expect(tree.roots.map((n) => n.entry.code)).toEqual(['1', '2', '3', '4']);
    expect(ancestors(tree.nodes.get('332t')!).map((n) => n.entry.code)).toEqual(['3', '33', '332']);
    expect(numeros(tree.nodes.get('332t')!.fiches)).toEqual(['RNCP6133']);
  });

  it('links the ROME 4.0 « fiches emploi » to the fiche they are attached to', () => {
    const emplois = fichesEmploi(Object.values(ref.rome.entrees));
    expect(emplois.get('A1101')?.map((e) => e.code)).toContain('A1102');
    expect(emplois.has('A1102')).toBe(false);
  });
});

describe('placeholders read the shape of a code', () => {
  it('puts K1801 under K18 and K18 under K', () => {
    expect(romePlaceholder('K1801')).toEqual({ code: 'K1801', type: 'fiche', parent: 'K18' });
    expect(romePlaceholder('K18')).toEqual({ code: 'K18', type: 'domaine', parent: 'K' });
    expect(romePlaceholder('K')).toEqual({ code: 'K', type: 'grand_domaine' });
  });

  it('puts 332t under 332, 332 under 33 and 33 under 3', () => {
    expect(nsfPlaceholder('332t')).toMatchObject({ type: 'specialite', parent: '332' });
    expect(nsfPlaceholder('332')).toMatchObject({ type: 'groupe', parent: '33' });
    expect(nsfPlaceholder('33')).toMatchObject({ type: 'domaine', parent: '3' });
    expect(nsfPlaceholder('3')).toEqual({ code: '3', type: 'categorie', libelle: '' });
  });
});

describe('niveauKey', () => {
  it('files a fiche under its level, or the one its 1969 level corresponds to', () => {
    expect(niveauKey(fiche('RNCP1', { niveau: { europe: 6 } }))).toBe('6');
    expect(niveauKey(fiche('RNCP2', { niveau: { nomenclature_1969: 'III' } }))).toBe('5');
    expect(niveauKey(fiche('RNCP3', { niveau: { nomenclature_1969: 'I' } }))).toBe('7');
    expect(niveauKey(fiche('RNCP4', { niveau: { sans_niveau: 'REPRISE' } }))).toBe(SANS_NIVEAU);
    expect(niveauKey(fiche('RS5'))).toBe(SANS_NIVEAU);
  });

  it('explains a level in the three frameworks', () => {
    const cinq = niveauExplique(5, 'Le niveau 5 atteste…', 'III');
    expect(cinq.cadreNational).toContain('décret n° 2019-14');
    expect(cinq.cadreNational).toContain('Le niveau 5 atteste…');
    expect(cinq.nomenclature1969).toMatch(/^Niveau III de la nomenclature de 1969/);
    expect(cinq.europeen).toMatch(/^Niveau 5 du cadre européen/);
    expect(niveauExplique(2, '', null).nomenclature1969).toMatch(/^Pas d’équivalent/);
    expect(niveauExplique(8, '', 'I').nomenclature1969).toContain('niveaux 7 et 8');
  });
});

describe('groupCertificateurs', () => {
  const siret = '42370591200057';
  const fiches = [
    fiche('RNCP16575', {
      ...inactive,
      certificateurs: [{ nom: 'CENTRE RESSOURCES AROBASE', siret }],
    }),
    fiche('RNCP36128', {
      certificateurs: [
        {
          nom: 'Centre ressources Arobase',
          siret,
          site_internet: [{ url: 'https://arobase.example.org/' }],
        },
        { nom: 'CENTRE RESSOURCES AROBASE', siret },
      ],
    }),
    fiche('RNCP37504', { certificateurs: [{ nom: 'CENTRE RESSOURCES AROBASE', siret }] }),
    fiche('RNCP6133', { ...inactive, certificateurs: [{ nom: 'Centre ressource AROBASE' }] }),
    fiche('RNCP7000', { certificateurs: [{ nom: 'centre ressource arobase' }] }),
    fiche('RNCP8000', { certificateurs: [{ nom: 'École de test' }] }),
    fiche('RNCP8001', { certificateurs: [{ nom: 'Ecole de tests' }] }),
    fiche('RNCP9000', { certificateurs: [{ nom: 'Zèbre formation' }] }),
  ];
  const groups = groupCertificateurs(fiches);
  const bySlug = (slug: string) => groups.find((g) => g.slug === slug)!;

  it('gathers every spelling of one SIRET under its most frequent name, counting each fiche once', () => {
    const arobase = bySlug(siret);
    expect(arobase.nom).toBe('CENTRE RESSOURCES AROBASE');
    expect(arobase.siret).toBe(siret);
    expect(arobase.sitesInternet).toEqual([{ url: 'https://arobase.example.org/' }]);
    expect(arobase.actives).toBe(3);
  });

  it('joins a name without SIRET to the one SIRET of that name, case, accents, punctuation and plurals aside', () => {
    const arobase = bySlug(siret);
    // Equally frequent spellings in the order met: active fiches first, then by number.
    expect(arobase.autresNoms).toEqual([
      'centre ressource arobase',
      'Centre ressources Arobase',
      'Centre ressource AROBASE',
    ]);
    expect(numeros(arobase.fiches)).toEqual([
      'RNCP7000',
      'RNCP36128',
      'RNCP37504',
      'RNCP6133',
      'RNCP16575',
    ]);
    // The journal recorded the fiches without SIRET under their name's address.
    expect(arobase.alias).toEqual(['centre-ressource-arobase']);
    expect(certificateurParSlug(groups).get('centre-ressource-arobase')).toBe(arobase);
    expect(groups.filter((g) => /arobase/i.test(g.nom))).toHaveLength(1);
  });

  it('gathers the spellings of a name that no SIRET has, under the most frequent', () => {
    const ecole = bySlug('ecole-de-test');
    expect(ecole.siret).toBeUndefined();
    expect(ecole.autresNoms).toEqual(['Ecole de tests']);
    expect(ecole.alias).toEqual(['ecole-de-tests']);
    expect(numeros(ecole.fiches)).toEqual(['RNCP8000', 'RNCP8001']);
  });

  it('keeps a name without SIRET apart when two SIRET have that name (homonymous establishments)', () => {
    const homonymes = groupCertificateurs([
      fiche('RNCP1', { certificateurs: [{ nom: '3W Academy', siret: '12345678900011' }] }),
      fiche('RNCP2', { certificateurs: [{ nom: '3W ACADEMY', siret: '12345678900029' }] }),
      fiche('RNCP3', { certificateurs: [{ nom: '3W-Academy' }] }),
      fiche('RNCP4', { certificateurs: [{ nom: 'Autre organisme' }] }),
    ]);
    expect(homonymes.map((g) => [g.slug, numeros(g.fiches), g.homonyme])).toEqual([
      ['12345678900011', ['RNCP1'], true],
      ['12345678900029', ['RNCP2'], true],
      ['3w-academy', ['RNCP3'], true],
      ['autre-organisme', ['RNCP4'], false],
    ]);
  });

  it('reads names the same way whatever their case, accents, punctuation or plurals', () => {
    expect(nomNormalise('CENTRE RESSOURCES AROBASE')).toBe(
      nomNormalise('Centre ressource Arobase'),
    );
    expect(nomNormalise('Chambre de métiers et de l’artisanat')).toBe(
      nomNormalise("CHAMBRE DE METIER ET DE L'ARTISANAT"),
    );
    expect(nomNormalise('Ministère des Armées')).toBe('ministere des armee');
    expect(nomNormalise('Institut A')).not.toBe(nomNormalise('Institut B'));
  });

  it('gives the feed of a certificateur the journal lines of every spelling, each line once', () => {
    const entree = (numero: string, certificateurs: string[]) => ({
      numero,
      intitule: `Certification ${numero}`,
      certificateurs,
      changements: [{ type: 'statut' as const, actif: false }],
    });
    const lignes = lignesJournal([
      {
        date: '2026-08-17',
        fiches: [
          entree('RNCP16575', [siret]),
          entree('RNCP6133', ['centre-ressource-arobase']),
          entree('RNCP36128', [siret, 'centre-ressource-arobase']),
          entree('RNCP8000', ['ecole-de-test']),
        ],
      },
    ]);
    const parSlug = certificateurParSlug(groups);
    const index = lignesParCode(lignes, 'certificateurs', (s) => parSlug.get(s)?.slug ?? s);
    expect(index.get(siret)?.map((l) => l.entree.numero)).toEqual([
      'RNCP16575',
      'RNCP6133',
      'RNCP36128',
    ]);
    expect(index.has('centre-ressource-arobase')).toBe(false);
    expect(index.get('ecole-de-test')?.map((l) => l.entree.numero)).toEqual(['RNCP8000']);
  });

  it('names at most three certificateurs of a fiche in a list', () => {
    const noms = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ nom: `Université ${i + 1}` }));
    expect(nomsCertificateurs(fiche('RNCP1', { certificateurs: noms(3) }))).toBe(
      'Université 1, Université 2, Université 3',
    );
    expect(nomsCertificateurs(fiche('RNCP2', { certificateurs: noms(40) }))).toBe(
      'Université 1, Université 2, Université 3 et 37 autres',
    );
  });

  it('sorts them in French alphabetical order', () => {
    expect(groups.map((g) => g.nom)).toEqual([
      'CENTRE RESSOURCES AROBASE',
      'École de test',
      'Zèbre formation',
    ]);
  });

  it('files names under their initial and finds the page where each initial starts', () => {
    expect(initiale('École de test')).toBe('E');
    expect(initiale('  zèbre')).toBe('Z');
    expect(initiale('3D Formation')).toBe('#');
    expect(initiale('« Institut »')).toBe('#');
    const noms = ['Alpha', 'Arobase', 'Beta', 'École', 'Epsilon', 'Zèbre'];
    expect([...pagesParInitiale(noms, 2)]).toEqual([
      ['A', 1],
      ['B', 2],
      ['E', 2],
      ['Z', 3],
    ]);
    expect(parInitiale(noms.slice(2, 5), (n) => n)).toEqual([
      { lettre: 'B', items: ['Beta'] },
      { lettre: 'E', items: ['École', 'Epsilon'] },
    ]);
  });
});

describe('groupFormacodes', () => {
  it('gives each cited Formacode the label most fiches write, by code', () => {
    const groups = groupFormacodes([
      fiche('RNCP1', { formacodes: [{ code: '44028', libelle: 'Insertion professionnelle' }] }),
      fiche('RNCP2', { formacodes: [{ code: '44028', libelle: 'insertion professionnelle' }] }),
      fiche('RNCP3', {
        formacodes: [
          { code: '44028', libelle: 'Insertion professionnelle' },
          { code: '15099', libelle: 'Santé' },
        ],
      }),
      fiche('RNCP4', { formacodes: [{ code: '31054' }] }),
    ]);
    expect(groups.map((g) => g.code)).toEqual(['15099', '31054', '44028']);
    const insertion = groups[2]!;
    expect(insertion.libelle).toBe('Insertion professionnelle');
    expect(insertion.autresLibelles).toEqual(['insertion professionnelle']);
    expect(numeros(insertion.fiches)).toEqual(['RNCP1', 'RNCP2', 'RNCP3']);
    expect(groups[1]!.libelle).toBeUndefined();
  });

  it('keeps the first met among equally frequent values', () => {
    expect(byFrequency(['b', 'a', 'a', 'b', 'c'])).toEqual(['b', 'a', 'c']);
  });
});

describe('sortFiches: the orderings of /fiches/', () => {
  const fiches = [
    fiche('RS5000', { intitule: 'Habilitation électrique' }),
    fiche('RNCP1000', { ...inactive, intitule: 'éducateur spécialisé', niveau: { europe: 6 } }),
    fiche('RNCP999', { intitule: 'Agent de sûreté', niveau: { europe: 3 } }),
    fiche('RNCP6133', {
      ...inactive,
      intitule: 'Coordinateur',
      niveau: { nomenclature_1969: 'III' },
    }),
  ];

  it('orders by number, RNCP before RS, 999 before 1000', () => {
    expect(numeros(sortFiches(fiches, 'numero'))).toEqual([
      'RNCP999',
      'RNCP1000',
      'RNCP6133',
      'RS5000',
    ]);
  });

  it('orders by title in French order, accents and case aside', () => {
    expect(sortFiches(fiches, 'intitule').map((f) => f.intitule)).toEqual([
      'Agent de sûreté',
      'Coordinateur',
      'éducateur spécialisé',
      'Habilitation électrique',
    ]);
  });

  it('orders by level, the fiches without one last', () => {
    expect(numeros(sortFiches(fiches, 'niveau'))).toEqual([
      'RNCP999',
      'RNCP6133',
      'RNCP1000',
      'RS5000',
    ]);
  });

  it('orders by status, active first', () => {
    expect(numeros(sortFiches(fiches, 'statut'))).toEqual([
      'RNCP999',
      'RS5000',
      'RNCP1000',
      'RNCP6133',
    ]);
  });

  it('counts and sums up the catalogue', () => {
    const compte = compteFiches(fiches);
    expect(compte).toEqual({ total: 4, actives: 2, rncp: 3, rs: 1 });
    expect(resumeCatalogue(compte)).toBe(
      '4 fiches : 3 du RNCP et 1 du Répertoire spécifique ; 2 actives, qu’on peut obtenir aujourd’hui.',
    );
    expect(resumeCatalogue({ total: 1, actives: 0, rncp: 1, rs: 0 })).toBe(
      '1 fiche : 1 du RNCP et 0 du Répertoire spécifique ; aucune n’est active.',
    );
  });
});

describe('lists cut into pages', () => {
  it('addresses page n as Astro’s paginate() builds it', () => {
    expect(pageHref('/rome/K1801/', 1)).toBe('/rome/K1801/');
    expect(pageHref('/rome/K1801/', 3)).toBe('/rome/K1801/3/');
  });

  it('counts the active fiches in words', () => {
    expect(fichesEtActives(0, 0)).toBe('aucune fiche');
    expect(fichesEtActives(1, 1)).toBe('1 fiche, active');
    expect(fichesEtActives(2, 0)).toBe('2 fiches, toutes inactives');
    expect(fichesEtActives(5, 1)).toBe('5 fiches, dont 1 active');
  });

  it('captions a page of the full table with its range', () => {
    expect(legendeTableau('Par numéro', { start: 0, end: 3, total: 4, lastPage: 1 })).toBe(
      'Fiches par numéro',
    );
    expect(
      legendeTableau('Par intitulé', { start: 500, end: 999, total: 17439, lastPage: 35 }),
    ).toBe('Fiches par intitulé, 501 à 1\u202f000 sur 17\u202f439');
  });

  it('sums up a list in one sentence', () => {
    const one = { start: 0, end: 0, currentPage: 1, lastPage: 1 };
    expect(resumeListe({ ...one, total: 1, actives: 0 })).toBe('1 fiche, inactive.');
    expect(resumeListe({ ...one, total: 3, actives: 3 })).toBe('3 fiches, toutes actives.');
    expect(
      resumeListe({
        total: 2662,
        actives: 1200,
        start: 200,
        end: 399,
        currentPage: 2,
        lastPage: 14,
      }),
    ).toBe(
      '2\u202f662 fiches, dont 1\u202f200 actives, listées en tête. Fiches 201 à 400, page 2 sur 14.',
    );
  });
});

describe('from a browse page to the search', () => {
  it('filters the search on the code or level, among the active fiches when the list has some', () => {
    expect(rechercheFiltree('rome', 'K1801', 12, 'du code ROME K1801')).toEqual({
      href: '/recherche/?rome=K1801',
      label: 'Rechercher parmi les 12 fiches actives du code ROME K1801',
    });
    expect(rechercheFiltree('niveau', 'sans-niveau', 1, 'sans niveau').label).toBe(
      'Rechercher parmi la fiche active sans niveau',
    );
    // A list of inactive fiches only: the search among all of them.
    expect(rechercheFiltree('nsf', '332t', 0, 'du code NSF 332t')).toEqual({
      href: '/recherche/?inactives=1&nsf=332t',
      label: 'Rechercher parmi les fiches du code NSF 332t',
    });
  });
});

describe('the job titles of a ROME code', () => {
  const byCode = appellationsByCode(loadAppellations());

  it('lists K1801’s titles, and names the fiche emploi of a title filed under another code', () => {
    const k1801 = appellationViews(byCode.get('K1801')!, 'K1801', () => true);
    expect(k1801).toContainEqual({
      libelle: 'Accompagnateur / Accompagnatrice reconversion professionnelle',
    });
    const ref = loadReferentiels();
    const [code, entries] = [...byCode].find(
      ([c, list]) => ref.rome.entrees[c]?.libelle_v3 && list.some((e) => e.code !== c),
    )!;
    const views = appellationViews(entries, code, (c) => c in ref.rome.entrees);
    const other = views.find((v) => v.emploi)!;
    expect(other.emploi!.code).not.toBe(code);
    expect(other.emploi!.href === undefined).toBe(!(other.emploi!.code in ref.rome.entrees));
  });
});
