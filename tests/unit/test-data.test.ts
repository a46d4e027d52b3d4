/**
 * The reference data the tests read (test-data/manifest.json, `npm run test-data`): the manifest names
 * every data file the code reads; the command, the real client against a mirror on 127.0.0.1 serving
 * ../shared/data, restores exactly the pinned files into an empty folder, then does nothing and asks
 * nothing; it refuses a tampered download and never replaces a local file that differs; it says in
 * French when the network fails. From their pinned public addresses, files come out of their zip
 * archive or out of ISO-8859-15 as the manifest says. A test without its data fails with a message
 * that names the command, without a stack trace.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, type Manifest } from '../../src/lib/test-data/manifest.ts';
import { restoreTestData, sha256 } from '../../src/lib/test-data/restore.ts';
import { sharedData } from '../support/shared-data.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const manifest = loadManifest();
const source = sharedData();
const run = promisify(execFile);

interface Mirror {
  url: string;
  /** Paths asked for since the mirror started. */
  asked: string[];
  close: () => Promise<void>;
}

/**
 * Serves `files` (path → bytes, or a folder read at each request) on 127.0.0.1, under /miroir/ (a
 * mirror's base address may have a path).
 */
async function startMirror(files: string | Map<string, Buffer>): Promise<Mirror> {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const wanted = pathname.replace(/^\/miroir\//, '');
    asked.push(wanted);
    let bytes: Buffer | undefined;
    if (typeof files !== 'string') bytes = files.get(wanted);
    else if (pathname !== wanted && !wanted.split('/').includes('..')) {
      const file = path.join(files, wanted);
      if (existsSync(file)) bytes = readFileSync(file);
    }
    if (bytes) response.writeHead(200).end(bytes);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/miroir`,
    asked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An address where nothing answers: a port just freed. */
async function deadAddress(): Promise<string> {
  const mirror = await startMirror(new Map());
  await mirror.close();
  return mirror.url;
}

/** `npm run test-data`, as its script, with this folder and this mirror. */
async function testData(
  dir: string,
  mirror: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/test-data.ts'], {
      cwd: ROOT,
      env: { ...process.env, SHARED_DATA_DIR: dir, SHARED_DATA_MIRROR: mirror },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every file of a folder, relative, with `/`. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort();
}

let work: string;
beforeAll(() => {
  mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  work = mkdtempSync(path.join(ROOT, 'tmp', 'test-data-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('test-data/manifest.json', () => {
  it('lists every file of the data folder that the tests, scripts and sources name', () => {
    const listed = new Set(manifest.files.map((entry) => entry.path));
    const dataFiles = filesOf(source);
    const named = new Map<string, string>();
    for (const dir of ['tests', 'scripts', 'src']) {
      for (const file of filesOf(path.join(ROOT, dir))) {
        // This file names data files on purpose, to play a publisher.
        if (!/\.(ts|mjs|astro)$/.test(file) || `${dir}/${file}` === 'tests/unit/test-data.test.ts')
          continue;
        const text = readFileSync(path.join(ROOT, dir, file), 'utf8');
        for (const [, literal] of text.matchAll(/['"`]([^'"`\s$]{3,})['"`]/g)) {
          named.set(literal!.replace(/^(\.\.\/)*shared\/data\//, ''), `${dir}/${file}`);
        }
      }
    }
    const problems: string[] = [];
    let files = 0;
    // The folder's own description, which scripts cite and nothing reads.
    named.delete('SOURCES.md');
    for (const [literal, where] of named) {
      // A folder of the data (two levels at least): what is read in it is named elsewhere.
      if (
        literal.includes('/') &&
        dataFiles.some((f) => f.startsWith(`${literal.replace(/\/$/, '')}/`))
      ) {
        if (![...listed].some((p) => p.startsWith(`${literal.replace(/\/$/, '')}/`)))
          problems.push(`${where} : dossier ${literal} sans aucun fichier au manifeste`);
        continue;
      }
      // A file, by its path or by its name alone.
      for (const data of dataFiles.filter((f) => f === literal || f.endsWith(`/${literal}`))) {
        files++;
        if (!listed.has(data)) problems.push(`${where} : ${data} absent du manifeste`);
      }
    }
    expect(problems).toEqual([]);
    // The import samples, the CSV files of the exports, the ROME, NSF and level tables.
    expect(files).toBeGreaterThanOrEqual(15);
  });

  it('pins every public address to a commit and gives a licence', () => {
    for (const entry of manifest.files) {
      if (entry.copyOf) {
        expect(sha256(readFileSync(path.join(ROOT, entry.copyOf))), entry.path).toBe(entry.sha256);
        continue;
      }
      expect(entry.url, entry.path).toMatch(
        /^https:\/\/raw\.githubusercontent\.com\/[\w.-]+\/[\w.-]+\/[0-9a-f]{40}\//,
      );
      expect(entry.licence.length, entry.path).toBeGreaterThan(10);
    }
  });
});

describe('npm run test-data, against a mirror on 127.0.0.1', () => {
  let dir: string;
  let mirror: Mirror;
  beforeAll(async () => {
    dir = path.join(work, 'donnees');
    mirror = await startMirror(source);
  });
  afterAll(() => mirror?.close());

  it('restores exactly the pinned files into an empty folder', async () => {
    const { code, stdout } = await testData(dir, mirror.url);
    expect(code, stdout).toBe(0);
    expect(filesOf(dir)).toEqual(manifest.files.map((entry) => entry.path).sort());
    for (const entry of manifest.files) {
      expect(
        readFileSync(path.join(dir, entry.path)).equals(
          readFileSync(path.join(source, entry.path)),
        ),
        entry.path,
      ).toBe(true);
    }
    // The hand transcription comes from the repository; every other file from the mirror.
    expect(mirror.asked.sort()).toEqual(
      manifest.files
        .filter((entry) => !entry.copyOf)
        .map((entry) => entry.path)
        .sort(),
    );
    expect(stdout).toContain(`${manifest.files.length} fichiers écrits, 0 déjà là`);
  });

  it('then does nothing, and needs no network', async () => {
    const { code, stdout } = await testData(dir, await deadAddress());
    expect(code).toBe(0);
    expect(stdout).toContain('rien à télécharger');
  });

  it('refuses a tampered file from the mirror, and writes nothing of it', async () => {
    const entry = manifest.files.find((e) => e.path.endsWith('export_fiches_RS_fixture.xml'))!;
    rmSync(path.join(dir, entry.path));
    const original = readFileSync(path.join(source, entry.path));
    const tampered = Buffer.from(original.toString('utf8').replace('RS5000', 'RS5001'));
    const forged = await startMirror(new Map([[entry.path, tampered]]));
    try {
      const { code, stderr } = await testData(dir, forged.url);
      expect(code).toBe(1);
      expect(stderr).toContain(`n'a pas l'empreinte attendue pour ${entry.path}`);
      expect(stderr).toContain(`reçue    ${sha256(tampered)}`);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(path.join(dir, entry.path))).toBe(false);
      expect(filesOf(dir).filter((f) => f.includes('.partiel-'))).toEqual([]);
    } finally {
      await forged.close();
    }
  });

  it('reports a network failure in French', async () => {
    const { code, stderr } = await testData(dir, await deadAddress());
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /Téléchargement impossible de http:\/\/127\.0\.0\.1:\d+\/miroir\/france-competences\/xml-v4\.1-samples\/export_fiches_RS_fixture\.xml \(ECONNREFUSED\)/,
    );
    expect(stderr).toContain('SHARED_DATA_MIRROR');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('never replaces a local file that differs', async () => {
    // Back to complete, then one file edited by hand.
    expect((await testData(dir, mirror.url)).code).toBe(0);
    const entry = manifest.files.find((e) => e.path.endsWith('unix_grand_domaine_v458_utf8.csv'))!;
    const file = path.join(dir, entry.path);
    writeFileSync(file, readFileSync(file, 'utf8') + '"Z","Zone modifiée à la main"\n');
    const edited = readFileSync(file);
    const asked = mirror.asked.length;
    const { code, stderr } = await testData(dir, mirror.url);
    expect(code).toBe(1);
    expect(stderr).toContain(entry.path);
    expect(stderr).toContain(`attendue ${entry.sha256}`);
    expect(stderr).toContain('supprimez-les, puis relancez « npm run test-data »');
    expect(readFileSync(file).equals(edited)).toBe(true);
    expect(mirror.asked.length).toBe(asked);
  });
});

/** ISO-8859-15 bytes of a text (the eight characters it puts in place of Latin-1 ones, then Latin-1). */
function latin9(text: string): Buffer {
  const special: Record<string, number> = {
    '€': 0xa4,
    Š: 0xa6,
    š: 0xa8,
    Ž: 0xb4,
    ž: 0xb8,
    Œ: 0xbc,
    œ: 0xbd,
    Ÿ: 0xbe,
  };
  return Buffer.from(
    [...text].map((c) => {
      const code = special[c] ?? c.codePointAt(0)!;
      if (code > 0xff) throw new Error(`${c} n'existe pas en ISO-8859-15`);
      return code;
    }),
  );
}

describe('files as published at their pinned addresses', () => {
  it('are taken out of their zip archive, or converted from ISO-8859-15, to the pinned bytes', async () => {
    const zipped = manifest.files.find((e) => e.zipEntry)!;
    const converted = manifest.files.find((e) => e.transcode)!;
    const csv = readFileSync(path.join(source, zipped.path));
    const utf8 = readFileSync(path.join(source, converted.path), 'utf8');
    // As published: the CSV inside a zip with its nine siblings, the XML in ISO-8859-15 saying so.
    const archive = Buffer.from(
      zipSync({
        'export-fiches-csv-2024-02-22': {
          [zipped.zipEntry!]: new Uint8Array(csv),
          'export_fiches_CSV_Rome_2024_02_22.csv': new Uint8Array([1, 2, 3]),
        },
      }),
    );
    const iso = latin9(utf8.replace('encoding="UTF-8"', 'encoding="iso-8859-15"'));
    expect(iso.length).toBeLessThan(Buffer.byteLength(utf8));
    const published = await startMirror(
      new Map([
        ['publie/archive.zip', archive],
        ['publie/arborescence-iso.xml', iso],
      ]),
    );
    try {
      const base = `${published.url}/publie`;
      const local: Manifest = {
        description: '',
        files: [
          { ...zipped, url: `${base}/archive.zip` },
          { ...converted, url: `${base}/arborescence-iso.xml` },
        ],
      };
      const dir = path.join(work, 'publiees');
      const report = await restoreTestData({ dir, manifest: local });
      expect(report.written.sort()).toEqual([zipped.path, converted.path].sort());
      expect(readFileSync(path.join(dir, zipped.path)).equals(csv)).toBe(true);
      expect(sha256(readFileSync(path.join(dir, converted.path)))).toBe(converted.sha256);
    } finally {
      await published.close();
    }
  });
});

describe('a test whose data is missing', () => {
  it('fails with a French message naming the command, without a stack trace', async () => {
    const empty = mkdtempSync(path.join(work, 'vide-'));
    const failed = await run(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        'tests/unit/search-state.test.ts',
        'tests/site/import-render.test.ts',
        '-t',
        'stays small for the real catalogue',
      ],
      { cwd: ROOT, env: { ...process.env, SHARED_DATA_DIR: empty, CI: 'true', FORCE_COLOR: '0' } },
    ).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    const output = `${failed?.stdout}\n${failed?.stderr}`;
    // Once for the test that reads a CSV file, once for the file that reads the samples on loading.
    expect(output.match(/Données de référence manquantes ou différentes dans/g)).toHaveLength(2);
    expect(output).toContain('Lancez « npm run test-data »');
    expect(output).toContain('export_fiches_CSV_Certificateurs_2026_02_01.csv (absent)');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('shared-data.ts:');
  }, 120_000);
});
