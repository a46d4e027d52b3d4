/** Lighthouse's results as a Markdown table, in French like the other reports of the scripts. */
import type { PageAudit } from './audit.ts';

const HEADER = [
  'Type de page',
  'Adresse',
  'HTML (ko)',
  'Performance',
  'Accessibilité',
  'Bonnes pratiques',
  'SEO',
  'TBT (ms)',
  'LCP (s)',
  'CLS',
];
/** Columns aligned right: the figures. */
const FIGURES = new Set([2, 3, 4, 5, 6, 7, 8, 9]);

export function formatTable(
  audits: readonly PageAudit[],
  options: { minPerformance: number; gzip: boolean },
): string {
  const { minPerformance } = options;
  const score = (value: number | null) => (value === null ? '–' : String(value));
  const rows = audits.map((a) => [
    a.name,
    a.path,
    (a.htmlBytes / 1000).toFixed(1),
    score(a.scores.performance),
    score(a.scores.accessibility),
    score(a.scores['best-practices']),
    score(a.scores.seo),
    Number.isNaN(a.tbtMs) ? '–' : String(Math.round(a.tbtMs)),
    Number.isNaN(a.lcpMs) ? '–' : (a.lcpMs / 1000).toFixed(1),
    Number.isNaN(a.cls) ? '–' : a.cls.toFixed(2),
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (FIGURES.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const out = [
    line(HEADER),
    `|${widths.map((w, i) => (FIGURES.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
    '',
    `Lighthouse, mobile, ralentissement simulé ; site servi ${options.gzip ? 'compressé en gzip' : 'sans compression'} ; HTML en ko (1 000 octets) non compressés.`,
  ];
  for (const audit of audits) {
    if ((audit.scores.performance ?? 0) < minPerformance) {
      out.push(
        `Performance sous ${minPerformance} : ${audit.name} (${audit.path}), ${score(audit.scores.performance)}`,
      );
    }
    if (audit.error) out.push(`Échec, ${audit.path} : ${audit.error}`);
    for (const warning of audit.warnings) out.push(`Avertissement, ${audit.path} : ${warning}`);
  }
  return out.join('\n');
}
