/**
 * The `real` profile's shape (./synthetic.ts): the distributions that make a generated export look like
 * the national one (./national-figures.ts), and the quotas of each kind of fiche.
 */
import { NATIONAL_EXPORT } from './national-figures.ts';

// ------------------------------------------------------------------ real: like the national export

/** A distribution as segments: [probability, lowest, highest], uniform integers inside a segment. */
type Segments = readonly (readonly [number, number, number])[];

/** The value at quantile u (0 ≤ u < 1). */
export function quantile(segments: Segments, quantileOf1: number): number {
  const u = quantileOf1 * segments.reduce((s, [p]) => s + p, 0);
  let cumulated = 0;
  for (const [p, lo, hi] of segments) {
    if (u < cumulated + p)
      return Math.min(hi, lo + Math.floor(((u - cumulated) / p) * (hi - lo + 1)));
    cumulated += p;
  }
  return segments.at(-1)![2];
}

/** Mean of a distribution given by segments. */
export function segmentsMean(segments: Segments): number {
  const total = segments.reduce((s, [p]) => s + p, 0);
  return segments.reduce((s, [p, lo, hi]) => s + (p * (lo + hi)) / 2, 0) / total;
}

/** The four kinds of fiche, each with its own distributions. */
export const GROUPS = ['rncpActive', 'rncpInactive', 'rsActive', 'rsInactive'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * The real profile's distributions. Partners: ≈ 13 per fiche, mostly on active fiches, a few active
 * fiches over 1,000. Blocs: RNCP only, ≈ 3.9 per active and ≈ 1.7 per inactive fiche (55,761 in all).
 * Certificateurs: one for most fiches, tens for national diplomas (≈ 2.16 on average).
 */
export const REAL_PROFILE = {
  partners: {
    rncpActive: [
      [0.305, 0, 0],
      [0.35, 1, 10],
      [0.22, 11, 60],
      [0.1, 61, 220],
      [0.021, 251, 999],
      [0.004, 1001, 2500],
    ],
    rsActive: [
      [0.25, 0, 0],
      [0.4, 1, 10],
      [0.2, 11, 80],
      [0.11, 81, 260],
      [0.034, 301, 999],
      [0.006, 1001, 2500],
    ],
    rncpInactive: [
      [0.77, 0, 0],
      [0.19, 1, 10],
      [0.04, 11, 80],
    ],
    rsInactive: [
      [0.8, 0, 0],
      [0.17, 1, 10],
      [0.03, 11, 60],
    ],
  } satisfies Record<Group, Segments>,
  blocs: {
    rncpActive: [
      [0.15, 2, 2],
      [0.3, 3, 3],
      [0.3, 4, 4],
      [0.15, 5, 5],
      [0.1, 6, 8],
    ],
    rncpInactive: [
      [0.44, 0, 0],
      [0.15, 1, 1],
      [0.16, 2, 2],
      [0.15, 3, 4],
      [0.1, 5, 9],
    ],
    rsActive: [[1, 0, 0]],
    rsInactive: [[1, 0, 0]],
  } satisfies Record<Group, Segments>,
  certificateurs: [
    [0.72, 1, 1],
    [0.13, 2, 2],
    [0.09, 3, 5],
    [0.045, 6, 12],
    [0.015, 13, 40],
  ] satisfies Segments,
  /** Levels of inactive RNCP fiches (older ones: more levels 3 to 5). */
  inactiveLevels: [
    [0.2, 3, 3],
    [0.18, 4, 4],
    [0.22, 5, 5],
    [0.2, 6, 6],
    [0.195, 7, 7],
    [0.005, 8, 8],
  ] satisfies Segments,
  /** XML per fiche apart from partners, relative to the mean: active fiches longer. */
  sizeFactor: {
    rncpActive: 1.9,
    rncpInactive: 0.78,
    rsActive: 0.7,
    rsInactive: 0.4,
  } satisfies Record<Group, number>,
  /** Jury compositions per fiche, in bytes (34 MB over 30,475 fiches: ≈ 1,116). */
  juryBytes: {
    rncpActive: 2300,
    rncpInactive: 840,
    rsActive: 1800,
    rsInactive: 630,
  } satisfies Record<Group, number>,
  /** Share of inactive fiches that name a generated active successor. */
  lineage: 0.7,
  nsf: [0.6, 0.3, 0.1],
  rome: [0.3, 0.25, 0.2, 0.15, 0.1],
  formacodes: [0.4, 0.2, 0.15, 0.15, 0.1],
  withoutSiret: NATIONAL_EXPORT.certificateursWithoutSiret,
  doubleEscape: 0.01,
};

/** Counts per group for n fiches, proportional to the national export (largest remainders). */
export function quotas(n: number): { group: Group; level: number | undefined; count: number }[] {
  const e = NATIONAL_EXPORT;
  const kinds: { group: Group; level: number | undefined; real: number }[] = [
    ...([3, 4, 5, 6, 7, 8] as const).map((level) => ({
      group: 'rncpActive' as const,
      level,
      real: e.activeByLevel[level],
    })),
    { group: 'rsActive', level: undefined, real: e.activeRs },
    { group: 'rncpInactive', level: undefined, real: e.rncp - e.activeRncp },
    { group: 'rsInactive', level: undefined, real: e.rs - e.activeRs },
  ];
  const exact = kinds.map((k) => (k.real * n) / e.fiches);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < n - counts.reduce((s, c) => s + c, 0); k++) counts[order[k]![1]]!++;
  return kinds.map((k, i) => ({ group: k.group, level: k.level, count: counts[i]! }));
}

export function shuffle(array: Uint32Array | Uint8Array, next: () => number): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t;
  }
}
