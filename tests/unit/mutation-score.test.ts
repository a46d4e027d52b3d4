/**
 * The mutation scores docs/tests.md reports (npm run mutation:score, scripts/lib/mutation/score.ts):
 * a folder's score counts killed and looping mutants among those judged, leaves out what did not
 * compile or was ignored, and takes a file's results from the last run that tested it.
 */
import { describe, expect, it } from 'vitest';
import {
  mergeReports,
  scores,
  type MutantStatus,
  type MutationReport,
} from '../../scripts/lib/mutation/score.ts';

const report = (files: Record<string, MutantStatus[]>): MutationReport => ({
  files: Object.fromEntries(
    Object.entries(files).map(([file, statuses]) => [
      file,
      { mutants: statuses.map((status) => ({ status })) },
    ]),
  ),
});

describe('mutation scores', () => {
  it('count killed and timed-out mutants among the judged ones, per file and for the folder', () => {
    const rows = scores(
      report({
        'src/lib/import/b.ts': ['Killed', 'Survived', 'CompileError', 'Ignored'],
        'src/lib/import/a.ts': ['Killed', 'Timeout', 'Killed', 'NoCoverage', 'RuntimeError'],
        'src/lib/importer.ts': ['Survived'],
        'src/lib/search/c.ts': ['Survived'],
      }),
      'src/lib/import',
    );
    expect(rows.map((r) => [r.file, r.score])).toEqual([
      ['src/lib/import/a.ts', 75],
      ['src/lib/import/b.ts', 50],
      ['src/lib/import', (100 * 4) / 6],
    ]);
    expect(rows[2]).toMatchObject({
      killed: 3,
      timeout: 1,
      survived: 1,
      noCoverage: 1,
      invalid: 3,
    });
  });

  it('give no score to a file without a judged mutant, and take a rerun file from the later report', () => {
    const first = report({ 'src/a.ts': ['Survived', 'Survived'], 'src/b.ts': ['CompileError'] });
    const rerun = report({ 'src/a.ts': ['Killed', 'Survived'] });
    const rows = scores(mergeReports([first, rerun]), 'src');
    expect(rows.map((r) => [r.file, r.score])).toEqual([
      ['src/a.ts', 50],
      ['src/b.ts', undefined],
      ['src', 50],
    ]);
    expect(scores(report({ 'src/a.ts': ['Killed'] }), 'src/a.ts').at(-1)!.score).toBe(100);
  });
});
