/**
 * The real national export in figures, and the synthetic export's figures set beside them.
 *
 * Source: ../shared/notes/rncp.md, section « The national export in figures » (France Compétences'
 * export of 2026-08-16, as published by a reuser of data.gouv.fr dataset 5eebbc067a14b6fecc9c9976).
 * Pure: no file is read; the benchmark (scripts/bench.ts) and scripts/generate-export.ts print the
 * comparison, tests/bench-synthetic.test.ts checks the `real` profile against it.
 */
import type { GeneratedExport } from './synthetic.ts';
import { formatNumber } from '../../../src/lib/wording.ts';

export const NATIONAL_EXPORT_SOURCE =
  '../shared/notes/rncp.md, « The national export in figures » (export France Compétences du 16/08/2026)';

/** The export of 2026-08-16, as counted in the notes. */
export const NATIONAL_EXPORT = {
  date: '2026-08-16',
  fiches: 30_475,
  rncp: 25_638,
  rs: 4_837,
  active: 6_989,
  activeRncp: 5_518,
  activeRs: 1_471,
  /** Both XML files together. */
  bytes: 570e6,
  partners: 397_774,
  blocs: 55_761,
  blocsRs: 0,
  certificateurs: 65_867,
  /** Share of certificateur rows without a SIRET. */
  certificateursWithoutSiret: 0.31,
  juryBytes: 34e6,
  /** Active fiches by European level; `aucun` is the RS fiches, which have none. */
  activeByLevel: { 3: 636, 4: 790, 5: 683, 6: 1_349, 7: 2_059, 8: 1, aucun: 1_471 },
  maxNsf: 3,
  maxRome: 5,
  maxFormacodes: 5,
} as const;

export type LevelKey = keyof typeof NATIONAL_EXPORT.activeByLevel;
export const LEVEL_KEYS: LevelKey[] = [3, 4, 5, 6, 7, 8, 'aucun'];

/** One comparable figure: ratios and per-fiche values, so that any size compares with the real one. */
export interface Figure {
  /** What is measured, in French. */
  label: string;
  real: number;
  generated: number;
  /** Digits shown. */
  digits: number;
  /** Shown for information only (no deviation): counts that depend on the size asked for. */
  informative?: boolean;
}

interface Row {
  label: string;
  value: number;
  digits: number;
  informative?: boolean;
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** The figures that describe an export, from its counts (the real one's or a generated one's). */
function describe(
  e: Pick<
    GeneratedExport,
    | 'fiches'
    | 'rncp'
    | 'rs'
    | 'active'
    | 'activeRncp'
    | 'activeRs'
    | 'bytes'
    | 'partners'
    | 'blocs'
    | 'blocsRs'
    | 'certificateurs'
    | 'juryBytes'
    | 'activeByLevel'
    | 'maxNsf'
    | 'maxRome'
    | 'maxFormacodes'
  > & { withoutSiretShare: number },
): Row[] {
  const rows: Row[] = [
    { label: 'fiches', value: e.fiches, digits: 0, informative: true },
    { label: 'fiches RNCP (%)', value: pct(e.rncp, e.fiches), digits: 1 },
    { label: 'fiches RS (%)', value: pct(e.rs, e.fiches), digits: 1 },
    { label: 'fiches actives (%)', value: pct(e.active, e.fiches), digits: 1 },
    { label: 'RNCP actives (% des RNCP)', value: pct(e.activeRncp, e.rncp), digits: 1 },
    { label: 'RS actives (% des RS)', value: pct(e.activeRs, e.rs), digits: 1 },
    { label: 'XML par fiche (ko)', value: e.bytes / e.fiches / 1000, digits: 1 },
    { label: 'partenaires par fiche', value: e.partners / e.fiches, digits: 1 },
    { label: 'blocs par fiche', value: e.blocs / e.fiches, digits: 2 },
    { label: 'blocs par fiche RNCP', value: e.blocs / Math.max(1, e.rncp), digits: 2 },
    { label: 'blocs sur les fiches RS', value: e.blocsRs, digits: 0 },
    { label: 'certificateurs par fiche', value: e.certificateurs / e.fiches, digits: 2 },
    { label: 'certificateurs sans SIRET (%)', value: 100 * e.withoutSiretShare, digits: 1 },
    {
      label: 'compositions de jury par fiche (ko)',
      value: e.juryBytes / e.fiches / 1000,
      digits: 2,
    },
  ];
  for (const level of LEVEL_KEYS) {
    rows.push({
      label:
        level === 'aucun'
          ? 'actives sans niveau, RS (% des actives)'
          : `actives de niveau ${level} (% des actives)`,
      value: pct(e.activeByLevel[String(level)] ?? 0, e.active),
      digits: 1,
    });
  }
  rows.push(
    { label: 'codes NSF par fiche, au plus', value: e.maxNsf, digits: 0 },
    { label: 'codes ROME par fiche, au plus', value: e.maxRome, digits: 0 },
    { label: 'Formacodes par fiche, au plus', value: e.maxFormacodes, digits: 0 },
  );
  return rows;
}

/** The real figures (a constant table) with their source. */
export function realFigures(): { source: string; figures: { label: string; value: number }[] } {
  const r = NATIONAL_EXPORT;
  return {
    source: NATIONAL_EXPORT_SOURCE,
    figures: describe({
      ...r,
      withoutSiretShare: r.certificateursWithoutSiret,
      activeByLevel: { ...r.activeByLevel },
    }).map(({ label, value }) => ({ label, value })),
  };
}

/** The generated export's figures beside the real ones, row by row. */
export function compareFigures(generated: GeneratedExport): Figure[] {
  const real = describe({
    ...NATIONAL_EXPORT,
    withoutSiretShare: NATIONAL_EXPORT.certificateursWithoutSiret,
    activeByLevel: { ...NATIONAL_EXPORT.activeByLevel },
  });
  const mine = describe({
    ...generated,
    withoutSiretShare:
      generated.certificateurs === 0
        ? 0
        : generated.certificateursWithoutSiret / generated.certificateurs,
  });
  return real.map((row, i) => ({
    label: row.label,
    digits: row.digits,
    // A share too small to expect one fiche at this size (level 8: 1 active fiche in 30,475).
    ...(row.informative ||
    (row.label.startsWith('actives') && (row.value * generated.active) / 100 < 1)
      ? { informative: true }
      : {}),
    real: row.value,
    generated: mine[i]!.value,
  }));
}

/** Deviation of the generated figure from the real one, in %; undefined when it means nothing. */
export function deviation(figure: Figure): number | undefined {
  if (figure.informative) return undefined;
  if (figure.real === 0) return figure.generated === 0 ? 0 : undefined;
  return (100 * (figure.generated - figure.real)) / figure.real;
}

/** A Markdown table in French: figure / réel (16/08/2026) / généré / écart %. */
export function formatComparison(generated: GeneratedExport): string {
  const header = ['figure', 'réel (16/08/2026)', `généré (${generated.profile})`, 'écart %'];
  const rows = compareFigures(generated).map((f) => {
    const gap = deviation(f);
    return [
      f.label,
      formatNumber(f.real, f.digits),
      formatNumber(f.generated, f.digits),
      gap === undefined ? '—' : `${gap > 0 ? '+' : ''}${formatNumber(gap, 1)}`,
    ];
  });
  rows.push([
    'partenaires sur une fiche, au plus',
    '1 000 et plus',
    formatNumber(generated.maxPartners, 0),
    '—',
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
    ...rows.map(line),
    '',
    `Source des chiffres réels : ${NATIONAL_EXPORT_SOURCE}.`,
  ].join('\n');
}
