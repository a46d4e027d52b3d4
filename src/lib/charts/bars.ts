/**
 * The geometry of a horizontal grouped bar chart, as drawn in SVG at build time: one group per
 * row (a promotion), one bar per series in it, the figure written at the end of each bar and
 * « non communiqué » written where a figure is missing. Rows stack downwards, so any number of
 * promotions fits the width of a phone.
 */
import { NON_COMMUNIQUE } from '../wording.ts';
import { linear } from './scale.ts';

/**
 * How a series is drawn: a filled bar or an outlined one. The two differ in shape, not only in
 * colour, so the legend reads in greyscale, in print and in forced-colours mode.
 */
export type BarKind = 'plein' | 'contour';

export interface BarSeries {
  label: string;
  kind: BarKind;
}

export interface BarChartInput {
  series: readonly BarSeries[];
  /** One row per group; `values[i]` belongs to `series[i]`, undefined where not communicated. */
  groups: readonly { label: string; values: readonly (number | undefined)[] }[];
  /** Axis ticks, from 0 to the end of the axis. */
  ticks: readonly number[];
  format: (value: number) => string;
}

export interface Bar {
  kind: BarKind;
  /** The bar's box; zero width for 0 and for a missing figure. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The figure written after the bar, or « non communiqué ». */
  text: string;
  textX: number;
  textY: number;
  missing: boolean;
}

export interface BarChartGeometry {
  width: number;
  height: number;
  legend: { kind: BarKind; label: string; x: number; y: number; textX: number; textY: number }[];
  /** Vertical grid lines with their labels under the plot. */
  ticks: { x: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
  groups: { label: string; labelX: number; labelY: number; bars: Bar[] }[];
}

export const CHART_WIDTH = 480;
const PLOT_LEFT = 64;
/** Room after the longest bar for its figure (« 10 000 », « 100 % »). */
const PLOT_RIGHT = CHART_WIDTH - 72;
const LEGEND_ROW = 24;
const SWATCH = 16;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const GROUP_GAP = 14;
const AXIS_HEIGHT = 30;
/** Where the text's baseline sits in a row of BAR_HEIGHT, for 13-14 px text. */
const BASELINE = 13;

export function barChart(input: BarChartInput): BarChartGeometry {
  const domainMax = input.ticks.at(-1) ?? 1;
  const length = linear(domainMax, PLOT_RIGHT - PLOT_LEFT);
  const legend = input.series.map((s, i) => ({
    kind: s.kind,
    label: s.label,
    x: 0,
    y: i * LEGEND_ROW,
    textX: SWATCH + 8,
    textY: i * LEGEND_ROW + BASELINE,
  }));
  const top = input.series.length * LEGEND_ROW + 12;
  const groupHeight = input.series.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + GROUP_GAP;
  const groups = input.groups.map((group, g) => {
    const y0 = top + GROUP_GAP / 2 + g * groupHeight;
    const bars = input.series.map((s, i): Bar => {
      const value = group.values[i];
      const y = y0 + i * (BAR_HEIGHT + BAR_GAP);
      const width = value === undefined ? 0 : length(value);
      return {
        kind: s.kind,
        x: PLOT_LEFT,
        y,
        width,
        height: BAR_HEIGHT,
        text: value === undefined ? NON_COMMUNIQUE : input.format(value),
        textX: PLOT_LEFT + width + 6,
        textY: y + BASELINE,
        missing: value === undefined,
      };
    });
    const middle = y0 + (groupHeight - GROUP_GAP) / 2;
    return { label: group.label, labelX: PLOT_LEFT - 10, labelY: middle + 5, bars };
  });
  const bottom = top + groups.length * groupHeight;
  return {
    width: CHART_WIDTH,
    height: bottom + AXIS_HEIGHT,
    legend,
    ticks: input.ticks.map((t) => ({ x: PLOT_LEFT + length(t), label: input.format(t) })),
    plot: { left: PLOT_LEFT, right: PLOT_RIGHT, top, bottom },
    groups,
  };
}
