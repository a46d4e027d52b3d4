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

/** The site path of a built HTML file: `rncp/6133/index.html` → `/rncp/6133/`. */
export function sitePath(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep).join('/');
  return '/' + relative.replace(/(^|\/)index\.html$/, '$1');
}

/** Every HTML page of a built site (dist/ by default), as a site path (`/rncp/6133/`). */
export function builtPages(root = DIST): string[] {
  if (root === DIST) requireDist();
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => sitePath(root, path.join(entry.parentPath, entry.name)))
    .sort();
}
