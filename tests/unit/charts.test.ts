/**
 * What a reader of a fiche sees in its pictures, worked out without drawing them: the results per
 * promotion (full, partial and no statistics, never a missing figure drawn as zero) and the lineage
 * as a timeline (fiches of the chain that are not in the catalogue included), with the scales and
 * the wording they share.
 */
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, barChart } from '../../src/lib/charts/bars.ts';
import {
  anneesEnregistrement,
  ligneeTimeline,
  truncate,
  type FicheLookup,
} from '../../src/lib/charts/lignee.ts';
import { niceTicks } from '../../src/lib/charts/scale.ts';
import { statistiquesCharts, type Statistiques } from '../../src/lib/charts/statistiques.ts';
import type { FicheFacts } from '../../src/schema/summary.ts';
import { formatFigure, formatRate } from '../../src/lib/wording.ts';

const NBSP = '\u00a0';

describe('scales and wording', () => {
  it('rounds an axis to whole, readable steps that cover the largest figure', () => {
    expect(niceTicks(876)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(3899)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(niceTicks(36)).toEqual([0, 10, 20, 30, 40]);
    // People are counted whole: no 0.5 step for small promotions.
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('writes figures the French way', () => {
    expect(formatFigure(3899).replace(/\s/g, ' ')).toBe('3 899');
    expect(formatRate(76)).toBe(`76${NBSP}%`);
    expect(formatRate(87.5)).toBe(`87,5${NBSP}%`);
  });

  it('shortens a long title at a word, and keeps a short one whole', () => {
    expect(truncate('Coordinateur de parcours', 40)).toBe('Coordinateur de parcours');
    const cut = truncate("Coordinateur d'inclusion sociale, médico-sociale et professionnelle", 40);
    expect(cut).toBe("Coordinateur d'inclusion sociale,…");
    expect(cut.length).toBeLessThanOrEqual(40);
  });
});

describe('bar chart geometry', () => {
  const geometry = barChart({
    series: [
      { label: 'A', kind: 'plein' },
      { label: 'B', kind: 'contour' },
    ],
    groups: [
      { label: '2018', values: [50, undefined] },
      { label: '2019', values: [100, 0] },
    ],
    ticks: [0, 50, 100],
    format: String,
  });

  it('draws bars in proportion to their figures, within the picture', () => {
    const [a2018, b2018] = geometry.groups[0]!.bars;
    const [a2019, b2019] = geometry.groups[1]!.bars;
    expect(a2019!.width).toBeCloseTo(2 * a2018!.width);
    expect(b2019!.width).toBe(0);
    expect(b2019!.text).toBe('0');
    expect(b2018).toMatchObject({ missing: true, width: 0, text: 'non communiqué' });
    expect(a2019!.x + a2019!.width).toBe(geometry.ticks.at(-1)!.x);
    for (const group of geometry.groups) {
      for (const bar of group.bars)
        expect(bar.y + bar.height).toBeLessThanOrEqual(geometry.plot.bottom);
    }
    expect(geometry.width).toBe(CHART_WIDTH);
  });

  it('stacks promotions downwards, oldest first, one row each', () => {
    expect(geometry.groups.map((g) => g.label)).toEqual(['2018', '2019']);
    expect(geometry.groups[1]!.labelY).toBeGreaterThan(geometry.groups[0]!.labelY);
    expect(geometry.legend.map((l) => [l.label, l.kind])).toEqual([
      ['A', 'plein'],
      ['B', 'contour'],
    ]);
  });
});

describe('results per promotion', () => {
  // As the export gives them (a real sample's figures: RNCP36490), newest first.
  const full: Statistiques = {
    promotions: [
      {
        annee: 2019,
        nombre_certifies: 36,
        nombre_certifies_vae: 4,
        taux_insertion_global_6_mois: 96,
        taux_insertion_metier_2_ans: 88,
      },
      {
        annee: 2018,
        nombre_certifies: 28,
        nombre_certifies_vae: 0,
        taux_insertion_global_6_mois: 100,
        taux_insertion_metier_2_ans: 71,
      },
      {
        annee: 2017,
        nombre_certifies: 11,
        nombre_certifies_vae: 0,
        taux_insertion_global_6_mois: 100,
        taux_insertion_metier_2_ans: 90,
      },
    ],
  };

  it('draws both pictures for full statistics, oldest promotion first', () => {
    const charts = statistiquesCharts(full)!;
    expect(charts.rows.map((r) => r.annee)).toEqual([2017, 2018, 2019]);
    expect(charts.absents).toEqual([]);
    const certifies = charts.certifies!;
    expect(certifies.title).toBe('Nombre de certifiés par promotion');
    expect(certifies.description).toBe(
      'Promotions de 2017 à 2019. Certifiés : 11 en 2017, 28 en 2018 et 36 en 2019. ' +
        'Dont par la VAE : 0 en 2017, 0 en 2018 et 4 en 2019.',
    );
    // The count axis ends at a round figure above the largest promotion.
    expect(certifies.geometry.ticks.map((t) => t.label)).toEqual(['0', '10', '20', '30', '40']);
    const widths = certifies.geometry.groups.map((g) => g.bars[0]!.width);
    expect(widths[2]! / widths[0]!).toBeCloseTo(36 / 11, 1);
    const insertion = charts.insertion!;
    expect(insertion.description).toContain(
      `Insertion dans le métier à 2 ans : 90${NBSP}% en 2017, 71${NBSP}% en 2018 et 88${NBSP}% en 2019.`,
    );
    // Rates are drawn against a 0-100 % axis, whatever the figures.
    expect(insertion.geometry.ticks.at(-1)!.label).toBe(`100${NBSP}%`);
  });

  it('says « non communiqué » where the export gives nothing, never 0', () => {
    const charts = statistiquesCharts({
      promotions: [
        {
          annee: 2018,
          nombre_certifies: 876,
          nombre_certifies_vae: 1,
          taux_insertion_global_6_mois: 76,
        },
        { annee: 2019 },
      ],
    })!;
    expect(charts.rows).toEqual([
      {
        annee: 2018,
        certifies: formatFigure(876),
        certifiesVae: '1',
        insertion6Mois: `76${NBSP}%`,
        insertion2Ans: 'non communiqué',
      },
      {
        annee: 2019,
        certifies: 'non communiqué',
        certifiesVae: 'non communiqué',
        insertion6Mois: 'non communiqué',
        insertion2Ans: 'non communiqué',
      },
    ]);
    const missing = charts.certifies!.geometry.groups[1]!.bars;
    expect(missing.every((b) => b.missing && b.text === 'non communiqué')).toBe(true);
    expect(charts.certifies!.description).toContain(
      'Certifiés : 876 en 2018 et non communiqué en 2019.',
    );
    expect(charts.insertion!.description).toContain(
      'Insertion dans le métier à 2 ans : non communiqué en 2018 et non communiqué en 2019.',
    );
  });

  it('draws no rate picture when no rate is given, and says so', () => {
    const charts = statistiquesCharts({ promotions: [{ annee: 2021, nombre_certifies: 3899 }] })!;
    expect(charts.certifies!.description).toMatch(/^Promotion 2021\. /);
    expect(charts.insertion).toBeUndefined();
    expect(charts.absents).toEqual([
      'Les taux d’insertion ne sont communiqués pour aucune promotion.',
    ]);
  });

  it('has nothing to draw without promotions', () => {
    expect(statistiquesCharts(undefined)).toBeUndefined();
    expect(statistiquesCharts({ mention: '45 certifiés par an' })).toBeUndefined();
    expect(statistiquesCharts({ promotions: [] })).toBeUndefined();
  });
});

describe('lineage timeline', () => {
  /** A fiche of the catalogue, as its summary gives it (dates are fixtures, not the real ones). */
  const facts = (numero: string, extra: Partial<FicheFacts>): FicheFacts => ({
    numero_fiche: numero,
    intitule: `Intitulé de ${numero}`,
    statut: { actif: false },
    certificateurs: [{ nom: 'CENTRE RESSOURCES AROBASE' }],
    ...extra,
  });
  // RNCP 6133 as the seed fiche writes it: one predecessor, one successor, two later generations.
  const rncp6133 = facts('RNCP6133', {
    intitule: "Coordinateur(trice) de l'intervention sociale et professionnelle",
    dates: { decision: '2007-02-23', effet: '2007-03-03', fin_enregistrement: '2012-03-03' },
    niveau: { nomenclature_1969: 'III', europe: 5 },
    lignee: {
      precedentes: [
        { numero: 'RNCP1718', intitule: "Chargé d'insertion et du développement local" },
      ],
      suivantes: [
        {
          numero: 'RNCP16575',
          intitule: "Coordinateur(trice) de l'intervention sociale et professionnelle",
        },
      ],
      ulterieures: [
        {
          numero: 'RNCP36128',
          intitule: "Coordinateur de parcours d'insertion sociale et professionnelle",
          precedente: 'RNCP16575',
          niveau_europe: 6,
        },
        {
          numero: 'RNCP37504',
          intitule: "Coordinateur d'inclusion sociale, médico-sociale et professionnelle",
          precedente: 'RNCP36128',
          niveau_europe: 6,
        },
      ],
    },
  });
  // Only 16575 and 37504 of the chain are in this catalogue; 1718 and 36128 are not.
  const catalogue = new Map<string, FicheFacts>([
    ['RNCP6133', rncp6133],
    [
      'RNCP16575',
      facts('RNCP16575', {
        dates: { effet: '2012-03-03', fin_enregistrement: '2017-03-03' },
        niveau: { europe: 6 },
      }),
    ],
    [
      'RNCP37504',
      facts('RNCP37504', {
        statut: { actif: true },
        dates: { decision: '2023-03-29' },
        niveau: { europe: 6 },
      }),
    ],
  ]);
  const lookup: FicheLookup = (numero) => catalogue.get(numero);

  it('puts the whole chain in order, oldest first, this fiche highlighted', () => {
    const timeline = ligneeTimeline(rncp6133, lookup)!;
    expect(timeline.membres.map((m) => m.display)).toEqual([
      'RNCP 1718',
      'RNCP 6133',
      'RNCP 16575',
      'RNCP 36128',
      'RNCP 37504',
    ]);
    const rows = timeline.geometry.rows;
    expect(rows.filter((r) => r.courante).map((r) => r.membre.numero)).toEqual(['RNCP6133']);
    expect(rows.map((r) => r.y)).toEqual([...rows.map((r) => r.y)].sort((a, b) => a - b));
    expect(timeline.title).toBe('Lignée de la certification RNCP 6133');
    const current = timeline.membres[1]!;
    expect(current).toMatchObject({
      anneesCourt: '2007–2012',
      niveau: 'niveau 5',
      statut: 'inactive',
      place: 'cette fiche',
    });
    expect(current.href).toBeUndefined();
  });

  it('describes a fiche of the catalogue from its own data and links it here', () => {
    const [, , rncp16575, , rncp37504] = ligneeTimeline(rncp6133, lookup)!.membres;
    expect(rncp16575).toMatchObject({
      href: '/rncp/16575/',
      internal: true,
      annees: 'de 2012 à 2017',
      niveau: 'niveau 6',
      statut: 'inactive',
      place: 'certification suivante',
    });
    expect(rncp37504).toMatchObject({
      href: '/rncp/37504/',
      anneesCourt: 'depuis 2023',
      statut: 'active',
      statutTexte: 'active',
      place: 'remplace RNCP 36128',
    });
  });

  it('shows a fiche missing from the catalogue with what is known, linked to France Compétences', () => {
    const [rncp1718, , , rncp36128] = ligneeTimeline(rncp6133, lookup)!.membres;
    expect(rncp1718).toMatchObject({
      href: 'https://www.francecompetences.fr/recherche/rncp/1718/',
      internal: false,
      intitule: "Chargé d'insertion et du développement local",
      annees: 'années non connues',
      niveau: 'niveau non connu',
      statut: 'inconnu',
      statutTexte: 'statut non connu',
    });
    // The level this fiche records for a later generation is kept; nothing else is guessed.
    expect(rncp36128).toMatchObject({
      internal: false,
      niveau: 'niveau 6',
      statut: 'inconnu',
      place: 'remplace RNCP 16575',
    });
  });

  it('describes the chain in words for a screen reader', () => {
    const { description } = ligneeTimeline(rncp6133, lookup)!;
    expect(description).toBe(
      '5 certifications, de la plus ancienne à la plus récente : ' +
        'RNCP 1718, années non connues, niveau non connu, statut non connu ; ' +
        'RNCP 6133 (cette fiche), de 2007 à 2012, niveau 5, inactive ; ' +
        'RNCP 16575, de 2012 à 2017, niveau 6, inactive ; ' +
        'RNCP 36128, années non connues, niveau 6, statut non connu ; ' +
        'RNCP 37504, depuis 2023, niveau 6, active.',
    );
  });

  it('draws the line from the first fiche to the last, one row each, titles shortened to fit', () => {
    const { geometry } = ligneeTimeline(rncp6133, lookup)!;
    expect(geometry.line.y1).toBe(geometry.rows[0]!.dotY);
    expect(geometry.line.y2).toBe(geometry.rows.at(-1)!.dotY);
    expect(geometry.height).toBeGreaterThanOrEqual(geometry.rows.at(-1)!.y + geometry.rowHeight);
    expect(geometry.rows[4]!.line1).toBe('RNCP 37504 · niveau 6 · active');
    for (const row of geometry.rows) expect(row.line2.length).toBeLessThanOrEqual(64);
  });

  it('lists a fiche once even when the lineage names it twice', () => {
    const twice = facts('RNCP16575', {
      lignee: {
        suivantes: [{ numero: 'RNCP36128' }],
        ulterieures: [
          { numero: 'RNCP36128', precedente: 'RNCP16575' },
          { numero: 'RNCP37504', precedente: 'RNCP36128' },
        ],
      },
    });
    expect(ligneeTimeline(twice, lookup)!.membres.map((m) => m.numero)).toEqual([
      'RNCP16575',
      'RNCP36128',
      'RNCP37504',
    ]);
  });

  it('has nothing to draw for a fiche without predecessor or successor', () => {
    expect(ligneeTimeline(facts('RNCP9101', {}), lookup)).toBeUndefined();
  });

  it('writes the years of registration with what the dates give', () => {
    expect(
      anneesEnregistrement({ effet: '2021-09-01', fin_enregistrement: '2026-09-01' }, 'active'),
    ).toEqual({ court: '2021–2026', long: 'de 2021 à 2026' });
    expect(anneesEnregistrement({ decision: '2021-06-01' }, 'active').long).toBe('depuis 2021');
    expect(anneesEnregistrement({ decision: '2021-06-01' }, 'inactive').long).toBe(
      'à partir de 2021, fin non connue',
    );
    expect(anneesEnregistrement({ fin_enregistrement: '2012-03-03' }, 'inconnu').long).toBe(
      'jusqu’en 2012',
    );
    expect(
      anneesEnregistrement({ effet: '2020-01-01', fin_enregistrement: '2020-12-31' }, 'inactive')
        .long,
    ).toBe('en 2020');
    expect(anneesEnregistrement(undefined, 'inconnu')).toEqual({
      court: 'inconnues',
      long: 'années non connues',
    });
  });
});
