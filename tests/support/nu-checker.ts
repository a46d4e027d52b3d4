/**
 * The Nu HTML Checker (the W3C's validator, `vnu.jar` from the npm package vnu-jar) run on built
 * pages: one Java process for all the files given, errors only (its warnings are advice, and its
 * CSP "info" notes misread `'self'` on file: URLs). Java comes from the system (Debian's
 * default-jre-headless, installed by .ci/run); the package's own Java download is switched off in
 * package.json's allowScripts.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The package's main export is the path of the jar it ships. */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

/** A message of the checker's JSON output (https://github.com/validator/validator/wiki/Output-»-JSON). */
interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

export interface NuError {
  /** The checked file (absolute path), or undefined for an error about the run itself. */
  file: string | undefined;
  line: number | undefined;
  column: number | undefined;
  message: string;
  /** The markup around the error, as the checker quotes it. */
  extract: string | undefined;
}

const JAVA_MISSING =
  'The Nu HTML Checker needs Java: apt-get install -y default-jre-headless (.ci/run does it).';

/** Runs the checker once over `files` and returns its errors (none for valid pages). */
export async function checkHtml(files: readonly string[]): Promise<NuError[]> {
  if (files.length === 0) throw new Error('checkHtml: no file to check');
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(JAVA_MISSING) : error),
    );
    child.on('close', resolve);
  });
  const text = Buffer.concat(output).toString('utf8');
  // Exit status 1 means "errors found"; anything else is a failed run.
  const json = text.slice(text.indexOf('{"'));
  if ((code !== 0 && code !== 1) || !json.startsWith('{')) {
    throw new Error(`The Nu HTML Checker failed (exit ${code}):\n${text}`);
  }
  const { messages } = JSON.parse(json) as { messages: VnuMessage[] };
  return messages
    .filter((m) => m.type !== 'info')
    .map((m) => ({
      file: m.url?.startsWith('file:') ? fileURLToPath(m.url) : m.url,
      line: m.firstLine ?? m.lastLine,
      column: m.firstColumn ?? m.lastColumn,
      message: m.message,
      extract: m.extract,
    }));
}

/** An error as `page:line:column message « extract »`, with the page named by `name`. */
export function formatError(error: NuError, name: (file: string) => string): string {
  const where = error.file === undefined ? '(checker)' : name(error.file);
  const extract = error.extract ? ` « ${error.extract.replace(/\s+/g, ' ').trim()} »` : '';
  return `${where}:${error.line ?? '?'}:${error.column ?? '?'} ${error.message}${extract}`;
}
