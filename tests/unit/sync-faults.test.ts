/**
 * Every fault of a synchronisation gives a French message (a SyncError of its kind) and leaves the
 * catalogue exactly as it was: network, HTTP, a missing resource, a truncated or corrupt zip, a zip
 * bomb, a full disk, and the guard (missing fiches, VERSION_FLUX, days, an export older than the
 * last one). A cut download resumes.
 */
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncError, type SyncFault } from '../../src/lib/sync/errors.ts';
import { diskWriter } from '../../src/lib/sync/files.ts';
import { runSync, type SyncOptions } from '../../src/lib/sync/run.ts';
import { DataGouvServer } from '../support/datagouv-server.ts';
import { snapshot, syncFolder, type SyncFolder } from '../support/sync-catalogue.ts';
import {
  day1,
  day2,
  entryName,
  exportXml,
  exportZips,
  fichesOf,
  removeFiche,
  zipName,
  zipOf,
} from '../support/sync-exports.ts';

const server = new DataGouvServer();
beforeAll(async () => {
  await server.start();
});
afterAll(() => server.stop());

let folder: SyncFolder;
afterEach(() => folder?.remove());

/** Day 1 synchronised; then `serve` day 2's files and expect `fault`, the catalogue untouched. */
async function expectFault(
  fault: SyncFault,
  message: RegExp,
  prepare: () => Promise<void> | void,
  options: Partial<SyncOptions> = {},
): Promise<void> {
  folder = syncFolder(server.api);
  server.serve(await exportZips('2026-08-16', day1()));
  await runSync(folder.options);
  const before = snapshot(folder.content);
  await prepare();
  const error = await runSync({ ...folder.options, ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SyncError);
  expect((error as SyncError).message).toMatch(message);
  expect((error as SyncError).fault).toBe(fault);
  expect(snapshot(folder.content)).toEqual(before);
}

const day2Zips = () => exportZips('2026-08-17', day2());

describe('faults: a clear French message, the catalogue unchanged', () => {
  it('data.gouv.fr unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await expectFault('reseau', /data\.gouv\.fr est injoignable/, () => {}, {
      api: `http://127.0.0.1:${port}/api`,
    });
  });

  it('an HTTP error on the listing, retried then reported', async () => {
    await expectFault('http', /a répondu 500/, () => {
      server.listingStatus = 500;
    });
    server.listingStatus = undefined;
  });

  it('an HTTP error on a zip', async () => {
    await expectFault(
      'http',
      /export-fiches-rs-v4-1-2026-08-17\.zip impossible : le serveur a répondu 404/,
      async () => {
        server.serve(await day2Zips());
        server.fault(zipName('RS', '2026-08-17'), { status: 404, times: 99 });
      },
    );
  });

  it('no resource for the day asked, or the RS zip of the newest day missing', async () => {
    await expectFault(
      'ressource_manquante',
      /Pas d’export RNCP du 2026-09-01/,
      async () => {
        server.serve(await day2Zips());
      },
      { date: '2026-09-01' },
    );
    await expectFault(
      'ressource_manquante',
      /L’export RS du 2026-08-17 manque.*--allow-mixed-days/,
      async () => {
        server.serve([...(await exportZips('2026-08-16', day1())), (await day2Zips())[0]!]);
      },
    );
  });

  it('a truncated zip', async () => {
    await expectFault(
      'archive',
      /Archive export-fiches-rncp-v4-1-2026-08-17\.zip illisible/,
      async () => {
        const [rncp, rs] = await day2Zips();
        server.serve([
          { ...rncp!, body: rncp!.body.subarray(0, rncp!.body.length / 2), checksum: false },
          rs!,
        ]);
      },
    );
  });

  it('a zip whose bytes differ from the checksum data.gouv.fr announces: retried, then refused', async () => {
    await expectFault('telechargement', /après 3 essais.*somme de contrôle sha1/, async () => {
      const [rncp, rs] = await day2Zips();
      const corrupt = Buffer.from(rncp!.body);
      corrupt[Math.floor(corrupt.length / 2)]! ^= 0xff;
      server.serve([{ ...rncp!, body: corrupt, announced: rncp!.body }, rs!]);
    });
  });

  it('a corrupt zip (no checksum announced)', async () => {
    folder = syncFolder(server.api);
    server.serve(await exportZips('2026-08-16', day1()));
    await runSync(folder.options);
    const before = snapshot(folder.content);
    const [rncp, rs] = await day2Zips();
    const corrupt = Buffer.from(rncp!.body);
    corrupt.fill(0x41, Math.floor(corrupt.length / 3), Math.floor(corrupt.length / 3) + 200);
    server.serve([{ ...rncp!, body: corrupt, checksum: false }, rs!]);
    const error = (await runSync(folder.options).catch((e: unknown) => e)) as SyncError;
    expect(error).toBeInstanceOf(SyncError);
    expect(['archive', 'export_illisible']).toContain(error.fault);
    expect(error.message).toMatch(/illisible/);
    expect(snapshot(folder.content)).toEqual(before);
  });

  it('a zip bomb: an entry far larger than its compressed size', async () => {
    await expectFault('archive', /protection contre les archives piégées/, async () => {
      const bomb = await zipOf([
        { name: entryName('RNCP', '2026-08-17'), body: Buffer.alloc(20_000_000, 32) },
      ]);
      const [, rs] = await day2Zips();
      server.serve([{ name: zipName('RNCP', '2026-08-17'), body: bomb }, rs!]);
    });
  });

  it('a zip with more entries than the export has', async () => {
    await expectFault('archive', /25 fichiers dedans, 20 au plus/, async () => {
      const many = await zipOf(
        Array.from({ length: 25 }, (_, i) => ({ name: `f${i}.txt`, body: 'x' })),
      );
      const [, rs] = await day2Zips();
      server.serve([{ name: zipName('RNCP', '2026-08-17'), body: many }, rs!]);
    });
  });

  it('a full disk while unzipping, and while staging the journal after both imports', async () => {
    const full = () =>
      new Writable({
        write(_chunk, _encoding, callback) {
          callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
        },
      });
    await expectFault(
      'disque_plein',
      /Disque plein pendant la décompression/,
      async () => {
        server.serve(await day2Zips());
      },
      {
        writer: {
          ...diskWriter,
          stream: (path, flags) =>
            path.endsWith('.xml.part') ? full() : diskWriter.stream(path, flags),
        },
      },
    );
    await expectFault(
      'disque_plein',
      /Disque plein pendant la préparation/,
      async () => {
        server.serve(await day2Zips());
      },
      {
        writer: {
          ...diskWriter,
          file: () => {
            throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          },
        },
      },
    );
  });

  it('an export that does not parse', async () => {
    await expectFault('export_illisible', /Export RS illisible.*XML mal formé/, async () => {
      const [rncp] = await day2Zips();
      const rs = await zipOf([
        { name: entryName('RS', '2026-08-17'), body: day2().RS.replace('</FICHES>', '') },
      ]);
      server.serve([rncp!, { name: zipName('RS', '2026-08-17'), body: rs }]);
    });
  });
});

describe('the guard', () => {
  it('refuses an export missing more than 5 % of the fiches, unless --allow-drop', async () => {
    const fewer = () => {
      let rs = day2().RS;
      for (const n of ['RS90001', 'RS90002']) rs = removeFiche(rs, n);
      return exportZips('2026-08-17', { RNCP: day2().RNCP, RS: rs });
    };
    await expectFault(
      'garde',
      /3 des 33 fiches importées jusqu’ici \(9,1 %\).*--allow-drop/,
      async () => {
        server.serve(await fewer());
      },
    );
    const report = await runSync({ ...folder.options, allowDrop: true });
    expect(report.absentes.sort()).toEqual(['RS6604', 'RS90001', 'RS90002']);
  });

  it('refuses another VERSION_FLUX, unless --allow-version', async () => {
    const other = () =>
      exportZips('2026-08-17', { RNCP: day2().RNCP, RS: exportXml(fichesOf(day2().RS), '4.2') });
    await expectFault(
      'garde',
      /VERSION_FLUX « 4\.2 » au lieu de « 4\.1 ».*--allow-version 4\.2/,
      async () => {
        server.serve(await other());
      },
    );
    expect(
      (await runSync({ ...folder.options, allowVersion: '4.2', allowDrop: false }).catch((e) => e))
        .fault,
    ).toBe('garde');
  });

  it('refuses RNCP and RS of different days, unless --allow-mixed-days', async () => {
    const mixed = async () => {
      const [rncp] = await day2Zips();
      // The RS zip of the 17th holds the XML of the 16th.
      const rs = await zipOf([{ name: entryName('RS', '2026-08-16'), body: day2().RS }]);
      server.serve([rncp!, { name: zipName('RS', '2026-08-17'), body: rs }]);
    };
    await expectFault(
      'garde',
      /RNCP du 2026-08-17 et RS du 2026-08-17 et du 2026-08-16, jours différents.*--allow-mixed-days/,
      mixed,
    );
    const report = await runSync({ ...folder.options, allowMixedDays: true });
    expect(report.statut).toBe('synchronise');
  });

  it('refuses an export older than the last one synchronised, before downloading it, unless --allow-older', async () => {
    await expectFault(
      'garde',
      /^Export du 2026-08-15 refusé : le catalogue a déjà été synchronisé avec l’export du 2026-08-16, plus récent ;.*--allow-older\.$/,
      async () => {
        server.serve(await exportZips('2026-08-15', day2()));
        server.log.splice(0);
      },
    );
    expect(server.downloads()).toEqual([]);
    const report = await runSync({ ...folder.options, allowOlder: true });
    expect(report.statut).toBe('synchronise');
    expect(report.date_export).toBe('2026-08-15');
  });
});

describe('downloads', () => {
  it('an interrupted download resumes where it stopped (Range), and the sync completes', async () => {
    folder = syncFolder(server.api);
    const zips = await exportZips('2026-08-16', day1());
    server.serve(zips);
    const name = zipName('RNCP', '2026-08-16');
    const size = zips[0]!.body.length;
    const cut = Math.floor(size / 3);
    server.fault(name, { cutAfter: cut, times: 1 });
    const before = server.log.length;
    const report = await runSync(folder.options);
    expect(report.statut).toBe('synchronise');
    const requests = server.log.slice(before).filter((r) => r.path === `/files/${name}`);
    if (process.env['SYNC_PRINT']) console.log(requests);
    expect(requests.map((r) => [r.range, r.status, r.bytes])).toEqual([
      [undefined, 200, cut],
      [`bytes=${cut}-`, 206, size - cut],
    ]);
    expect(report.zips[0]!.telechargement?.reprises).toBe(1);
  });
});
