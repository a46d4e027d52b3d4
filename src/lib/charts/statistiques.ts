/**
 * The results per promotion of a fiche (STATISTIQUES_PROMOTIONS of the export) as two pictures and a
 * table: how many were certified each year (and how many of them by the VAE), and the employment
 * rates at 6 months and 2 years. A figure the export leaves out is « non communiqué », never 0.
 */
import type { Fiche } from '../../schema/fiche.ts';
import { barChart, type BarChartGeometry, type BarSeries } from './bars.ts';
import { enumerate, formatFigure, formatRate, orNonCommunique } from '../wording.ts';
import { niceTicks } from './scale.ts';

export type Statistiques = NonNullable<Fiche['statistiques']>;
export type Promotion = NonNullable<Statistiques['promotions']>[number];

/** A promotion as the table writes it. */
export interface PromotionRow {
  annee: number;
  certifies: string;
  certifiesVae: string;
  insertion6Mois: string;
  insertion2Ans: string;
}

/** One picture: what a screen reader reads (title, description) and what is drawn. */
export interface Chart {
  title: string;
  description: string;
  geometry: BarChartGeometry;
}

export interface StatistiquesCharts {
  /** The promotions, oldest first. */
  rows: PromotionRow[];
  /** Certified per promotion; absent when the export gives no count for any promotion. */
  certifies?: Chart;
  /** Employment rates per promotion; absent when the export gives no rate for any promotion. */
  insertion?: Chart;
  /** What could not be drawn, said in words. */
  absents: string[];
}

interface Measure {
  label: string;
  kind: BarSeries['kind'];
  value: (p: Promotion) => number | undefined;
}

const CERTIFIES: readonly Measure[] = [
  { label: 'Certifiés', kind: 'plein', value: (p) => p.nombre_certifies },
  { label: 'dont par la VAE', kind: 'contour', value: (p) => p.nombre_certifies_vae },
];

const INSERTION: readonly Measure[] = [
  {
    label: 'Insertion globale à 6 mois',
    kind: 'plein',
    value: (p) => p.taux_insertion_global_6_mois,
  },
  {
    label: 'Insertion dans le métier à 2 ans',
    kind: 'contour',
    value: (p) => p.taux_insertion_metier_2_ans,
  },
];

const RATE_TICKS = [0, 25, 50, 75, 100];

/** The figures of a promotion series in words: `11 en 2017, 28 en 2018 et non communiqué en 2019`. */
function inWords(
  promotions: readonly Promotion[],
  measure: Measure,
  format: (n: number) => string,
): string {
  const label = measure.label[0]!.toUpperCase() + measure.label.slice(1);
  return `${label} : ${enumerate(
    promotions.map((p) => `${orNonCommunique(measure.value(p), format)} en ${p.annee}`),
  )}.`;
}

function span(promotions: readonly Promotion[]): string {
  const first = promotions[0]!.annee;
  const last = promotions.at(-1)!.annee;
  return first === last ? `Promotion ${first}.` : `Promotions de ${first} à ${last}.`;
}

function chart(
  title: string,
  promotions: readonly Promotion[],
  measures: readonly Measure[],
  ticks: readonly number[],
  format: (n: number) => string,
): Chart {
  return {
    title,
    description: [span(promotions), ...measures.map((m) => inWords(promotions, m, format))].join(
      ' ',
    ),
    geometry: barChart({
      series: measures.map(({ label, kind }) => ({ label, kind })),
      groups: promotions.map((p) => ({
        label: String(p.annee),
        values: measures.map((m) => m.value(p)),
      })),
      ticks,
      format,
    }),
  };
}

/** The pictures and table of a fiche's statistics; undefined when it has no promotion at all. */
export function statistiquesCharts(
  statistiques: Statistiques | undefined,
): StatistiquesCharts | undefined {
  const promotions = [...(statistiques?.promotions ?? [])].sort((a, b) => a.annee - b.annee);
  if (promotions.length === 0) return undefined;
  const values = (measures: readonly Measure[]) =>
    promotions.flatMap((p) => measures.map((m) => m.value(p))).filter((v) => v !== undefined);
  const counts = values(CERTIFIES);
  const rates = values(INSERTION);
  const absents: string[] = [];
  if (counts.length === 0)
    absents.push('Le nombre de certifiés n’est communiqué pour aucune promotion.');
  if (rates.length === 0)
    absents.push('Les taux d’insertion ne sont communiqués pour aucune promotion.');
  return {
    rows: promotions.map((p) => ({
      annee: p.annee,
      certifies: orNonCommunique(p.nombre_certifies, formatFigure),
      certifiesVae: orNonCommunique(p.nombre_certifies_vae, formatFigure),
      insertion6Mois: orNonCommunique(p.taux_insertion_global_6_mois, formatRate),
      insertion2Ans: orNonCommunique(p.taux_insertion_metier_2_ans, formatRate),
    })),
    ...(counts.length
      ? {
          certifies: chart(
            'Nombre de certifiés par promotion',
            promotions,
            CERTIFIES,
            niceTicks(Math.max(...counts)),
            formatFigure,
          ),
        }
      : {}),
    ...(rates.length
      ? {
          insertion: chart(
            'Taux d’insertion par promotion',
            promotions,
            INSERTION,
            RATE_TICKS,
            formatRate,
          ),
        }
      : {}),
    absents,
  };
}
