/**
 * A local stand-in for data.gouv.fr, on 127.0.0.1 with a port the system chooses: the dataset's
 * resource listing (`/api/2/datasets/<id>/resources/`, a few resources per page so that the client
 * has to follow the pages) and the files, with `Range` requests answered as data.gouv.fr's file
 * server does. Faults are set per file: an HTTP status for the next requests, a connection cut after
 * some bytes. Every request is logged, so a test can tell what was downloaded.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DATASET_ID } from '../../src/lib/sync/datagouv.ts';

export interface ServedFile {
  name: string;
  body: Buffer;
  /** Resource id; default derived from the name. */
  id?: string;
  /** Give the checksum in the listing (default true) and its type. */
  checksum?: false | 'sha1' | 'sha256';
  /** The file whose checksum the listing announces (default: the body served). */
  announced?: Buffer;
  /** Size announced in the listing (default: the real size). */
  filesize?: number;
}

export interface Fault {
  /** Answer this status to the next `times` requests of the file. */
  status?: number;
  /** Send only this many bytes of the body, then cut the connection (next `times` requests). */
  cutAfter?: number;
  /** Ignore `Range` (answer the whole file with 200). */
  noRange?: boolean;
  times: number;
}

export interface LoggedRequest {
  path: string;
  range?: string;
  status: number;
  bytes: number;
}

export class DataGouvServer {
  private server: Server | undefined;
  private files = new Map<string, ServedFile>();
  private faults = new Map<string, Fault>();
  /** Extra resources of the dataset (CSV, older versions) that the client must pass over. */
  others: { id: string; title: string; url: string }[] = [];
  /** Answer every listing request with this status. */
  listingStatus: number | undefined;
  pageSize = 2;
  readonly log: LoggedRequest[] = [];

  get base(): string {
    const address = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  get api(): string {
    return `${this.base}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', this.base);
      const entry: LoggedRequest = { path: url.pathname, status: 200, bytes: 0 };
      if (request.headers.range) entry.range = request.headers.range;
      this.log.push(entry);
      const send = (
        status: number,
        body: Buffer | string,
        headers: Record<string, string> = {},
      ) => {
        entry.status = status;
        const buffer = typeof body === 'string' ? Buffer.from(body) : body;
        entry.bytes = buffer.length;
        response.writeHead(status, { 'content-length': String(buffer.length), ...headers });
        response.end(buffer);
      };
      if (url.pathname === `/api/2/datasets/${DATASET_ID}/resources/`) {
        if (this.listingStatus) return send(this.listingStatus, 'erreur');
        const page = Number(url.searchParams.get('page') ?? '1');
        const all = [
          ...this.others,
          ...[...this.files.values()].map((f) => ({
            id: f.id ?? `ressource-${f.name}`,
            title: f.name,
            url: `${this.base}/files/${f.name}`,
            type: 'main',
            format: 'zip',
            filesize: f.filesize ?? f.body.length,
            ...(f.checksum === false
              ? {}
              : {
                  checksum: {
                    type: f.checksum ?? 'sha1',
                    value: createHash(f.checksum ?? 'sha1')
                      .update(f.announced ?? f.body)
                      .digest('hex'),
                  },
                }),
            last_modified: '2026-08-17T03:00:00Z',
          })),
        ];
        const data = all.slice((page - 1) * this.pageSize, page * this.pageSize);
        const more = page * this.pageSize < all.length;
        return send(
          200,
          JSON.stringify({
            data,
            next_page: more
              ? `${this.api}/2/datasets/${DATASET_ID}/resources/?page=${page + 1}`
              : null,
            page,
            page_size: this.pageSize,
            total: all.length,
          }),
          { 'content-type': 'application/json' },
        );
      }
      const name = /^\/files\/([^/]+)$/.exec(url.pathname)?.[1];
      const file = name ? this.files.get(name) : undefined;
      if (!name || !file) return send(404, 'introuvable');
      const fault = this.faults.get(name);
      const active = fault !== undefined && fault.times > 0;
      if (active) fault.times--;
      if (active && fault.status) return send(fault.status, 'erreur');
      let body = file.body;
      let status = 200;
      const headers: Record<string, string> = { 'accept-ranges': 'bytes' };
      const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
      if (range && !fault?.noRange) {
        const start = Number(range[1]);
        if (start >= file.body.length)
          return send(416, '', { 'content-range': `bytes */${file.body.length}` });
        body = file.body.subarray(start);
        status = 206;
        headers['content-range'] = `bytes ${start}-${file.body.length - 1}/${file.body.length}`;
      }
      if (active && fault.cutAfter !== undefined && fault.cutAfter < body.length) {
        entry.status = status;
        entry.bytes = fault.cutAfter;
        response.writeHead(status, { ...headers, 'content-length': String(body.length) });
        response.write(body.subarray(0, fault.cutAfter), () => response.socket?.destroy());
        return;
      }
      send(status, body, headers);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Serves `files` (replacing the listing's zips). */
  serve(files: ServedFile[]): void {
    this.files = new Map(files.map((f) => [f.name, f]));
    this.faults.clear();
  }

  fault(name: string, fault: Fault): void {
    this.faults.set(name, fault);
  }

  /** Requests for files (downloads), not for the listing. */
  downloads(): LoggedRequest[] {
    return this.log.filter((r) => r.path.startsWith('/files/'));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
