/**
 * Serves a built site (dist/) on 127.0.0.1 with a port chosen by the system, as a static host
 * would: `/x/` → `/x/index.html`, `/x` → 301 to `/x/` when that folder exists, and any other path
 * (a short address such as /RNCP6133/ included) → the site's 404.html with status 404. HEAD gets the
 * same status and headers without a body (the 404 page's script asks so whether a fiche exists).
 * It reads no `_redirects`: what the tests see is the 404 page's work, as on a host without rules.
 * With `gzip: true` it compresses text as hosts do (for Lighthouse, which times the transfer).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export function resolveFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined; // `/%E0%A4%A/`: no file has that name.
  }
  const file = path.join(root, decoded);
  if (!file.startsWith(root)) return undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = path.join(file, 'index.html');
  if (existsSync(index)) return index;
  return undefined;
}

/** Types a host compresses (Pagefind's files are compressed already). */
const COMPRESSED = new Set([
  '.html',
  '.css',
  '.js',
  '.mjs',
  '.json',
  '.csv',
  '.svg',
  '.xml',
  '.txt',
]);

export async function serveStatic(
  root = path.resolve('dist'),
  options: { gzip?: boolean } = {},
): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    // A folder without its trailing slash redirects, as static hosts do.
    if (
      !pathname.endsWith('/') &&
      !path.extname(pathname) &&
      existsSync(path.join(root, pathname, 'index.html'))
    ) {
      response.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    const file = resolveFile(root, pathname);
    const status = file ? 200 : 404;
    const target = file ?? path.join(root, '404.html');
    const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
    const gzip =
      options.gzip === true &&
      COMPRESSED.has(path.extname(target)) &&
      /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (gzip) {
      response.writeHead(status, {
        'content-type': type,
        'content-encoding': 'gzip',
        vary: 'accept-encoding',
      });
      createReadStream(target).pipe(createGzip()).pipe(response);
      return;
    }
    response.writeHead(status, { 'content-type': type });
    createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
