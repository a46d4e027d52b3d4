/**
 * Mutation scores from Stryker's JSON reports (reports/mutation/<name>.json, the mutation-testing-
 * elements format): per file and for a folder, with the results of a later run of some files (a
 * rerun `-- --force` of one file) taking the place of an earlier run's for those files.
 *
 * The score is Stryker's: mutants detected (killed, or timed out: the code loops) among those that
 * compile and are not ignored (static mutants under `--ignoreStatic`).
 */
import { readFileSync } from 'node:fs';

export type MutantStatus =
  | 'Killed'
  | 'Timeout'
  | 'Survived'
  | 'NoCoverage'
  | 'CompileError'
  | 'RuntimeError'
  | 'Ignored'
  | 'Pending';

export interface MutationReport {
  files: Record<string, { mutants: { status: MutantStatus }[] }>;
}

export interface FileScore {
  file: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Mutants not judged: compile errors, runtime errors, ignored, pending. */
  invalid: number;
  /** Detected among judged, in percent; undefined when no mutant was judged. */
  score: number | undefined;
}

/** Each file's mutants from the last report that holds the file. */
export function mergeReports(reports: readonly MutationReport[]): MutationReport {
  const files: MutationReport['files'] = {};
  for (const report of reports) Object.assign(files, report.files);
  return { files };
}

function count(file: string, statuses: readonly MutantStatus[]): FileScore {
  const n = (status: MutantStatus) => statuses.filter((s) => s === status).length;
  const killed = n('Killed');
  const timeout = n('Timeout');
  const survived = n('Survived');
  const noCoverage = n('NoCoverage');
  const judged = killed + timeout + survived + noCoverage;
  return {
    file,
    killed,
    timeout,
    survived,
    noCoverage,
    invalid: statuses.length - judged,
    score: judged === 0 ? undefined : (100 * (killed + timeout)) / judged,
  };
}

/** Per file under `folder` (sorted), then the folder's total, named after it. */
export function scores(report: MutationReport, folder: string): FileScore[] {
  const prefix = folder.endsWith('/') || folder.endsWith('.ts') ? folder : `${folder}/`;
  const files = Object.keys(report.files)
    .filter((file) => file === folder || file.startsWith(prefix))
    .sort();
  const statusesOf = (file: string) => report.files[file]!.mutants.map((m) => m.status);
  return [
    ...files.map((file) => count(file, statusesOf(file))),
    count(folder, files.flatMap(statusesOf)),
  ];
}

export function readReport(file: string): MutationReport {
  return JSON.parse(readFileSync(file, 'utf8')) as MutationReport;
}
