/**
 * The built site: `npm test` builds it before vitest runs; tests of the built output read it here.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const DIST = path.resolve('dist');

export function requireDist(): void {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does it).');
  }
}

export function readPage(urlPath: string): string {
  requireDist();
  const file = urlPath.endsWith('/')
    ? path.join(DIST, urlPath, 'index.html')
    : path.join(DIST, urlPath);
  return readFileSync(file, 'utf8');
}

/** Every built HTML page, as a site path (`/rncp/6133/`). */
export function builtPages(): string[] {
  requireDist();
  return readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => {
      const rel = path
        .relative(DIST, path.join(entry.parentPath, entry.name))
        .split(path.sep)
        .join('/');
      return '/' + rel.replace(/(^|\/)index\.html$/, '$1');
    })
    .sort();
}
