// @ts-check
/**
 * Mutation testing (`npm run test:mutation`, docs/tests.md): Stryker changes the logic that guards
 * readers and data (validation, import, search, code lookup, the fiche's derived facts) one small
 * edit at a time and runs the unit lane (vitest.stryker.config.ts) against each edit; an edit that no
 * test notices is a survivor, a behaviour the tests do not pin down. Not part of `npm test`.
 *
 * `MUTATE=src/lib/search npm run test:mutation` mutates one folder (or file) of them only, with its
 * own results file (named after the first), so that the folders can be run one at a time on a busy
 * machine; `MUTATE=src/lib/import,!src/lib/import/convert.ts` leaves a file out.
 *
 * The run is incremental: the results of the last run are kept in reports/mutation/ (ignored by
 * git: a cache of one machine's run, megabytes that change at every run), and a rerun tests only the
 * mutants whose code or covering tests changed since.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const TEMP = '.stryker-tmp';

// Stryker runs the tests in a copy of the project, TEMP/sandbox-…/. The tests read the shared open
// data as ../shared/data/ (the project's sibling folder): give the copy the same sibling.
mkdirSync(TEMP, { recursive: true });
try {
  symlinkSync(path.resolve('..', 'shared'), path.join(TEMP, 'shared'), 'dir');
} catch (error) {
  if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
}

/** What `npm run test:mutation` mutates: the logic that guards readers and data. */
const ALL = [
  'src/lib/validate/**/*.ts',
  'src/lib/import/**/*.ts',
  'src/lib/search/**/*.ts',
  'src/lib/code-lookup.ts',
  'src/lib/fiche.ts',
  'src/lib/link-address.ts',
];
/** `MUTATE=src/lib/import,!src/lib/import/convert.ts`: folders or files, `!` to leave one out. */
const only = (process.env['MUTATE'] ?? '')
  .split(',')
  .map((part) => part.trim().replace(/\/$/, ''))
  .filter(Boolean);
const mutate = only.length
  ? only.map((part) => (part.endsWith('.ts') ? part : `${part}/**/*.ts`))
  : ALL;
const name = only[0] === undefined ? 'all' : path.basename(only[0], '.ts');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    ...mutate,
    // Worker entry points: a line that hands a module to a worker thread, run only in workers.
    '!src/lib/**/worker.ts',
  ],
  ignorePatterns: ['dist', 'tmp', 'reports', '.vitest', 'tests/site', 'public', 'docs'],
  tempDirName: TEMP,
  // Two cores, shared: never more than two test processes.
  concurrency: 2,
  timeoutMS: 15_000,
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 80, break: null },
};
