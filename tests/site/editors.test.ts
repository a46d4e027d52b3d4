/**
 * What an editor meets: the blank fiche of `npm run new`, refused until every placeholder is filled and
 * accepted once it is; the « Mis à jour le » date read from git; the « Proposer une modification » link
 * of a fiche page; and the VS Code settings that give completion and hover in a fiche's frontmatter.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, isMap, isSeq, parseDocument, visit, type Scalar } from 'yaml';
import { REPOSITORY_URL } from '../../src/config.ts';
import { lastUpdate, readGitDates } from '../../src/lib/git-dates.ts';
import { codeExample, ficheJsonSchema, type JsonSchema } from '../../src/lib/json-schema.ts';
import { renderScaffold } from '../../src/lib/scaffold.ts';
import { ficheSchema } from '../../src/schema/fiche.ts';
import type { z } from 'astro/zod';
import { PLACEHOLDER, formatDiagnostic, validatePaths } from '../../src/lib/validate/index.ts';
import { SECTIONS } from '../../src/schema/sections.ts';
import { readPage } from '../../scripts/lib/site/dist.ts';
import { collapse, parsePage } from '../support/html.ts';
import { toText } from 'hast-util-to-text';

const ROOT = path.resolve(import.meta.dirname, '../..');
const schema = ficheJsonSchema();
const temporary: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `fiches-rncp-${name}-`));
  temporary.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function newFiche(numero: string, fichesDir: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/new-fiche.ts'), numero], {
    cwd: ROOT,
    env: { ...process.env, FICHES_DIR: fichesDir },
    encoding: 'utf8',
  });
}

const kinds = (node: JsonSchema) =>
  Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];

/** The schema node at a path of the data (`['rome', 0, 'code']`). */
function schemaAt(segments: readonly (string | number)[]): JsonSchema {
  let node: JsonSchema = schema;
  for (const segment of segments) {
    node = typeof segment === 'number' ? (node.items ?? {}) : (node.properties?.[segment] ?? {});
  }
  return node;
}

/** A value the schema accepts at this path, as an editor would write it. */
function validValue(segments: readonly (string | number)[], numero: string): unknown {
  const dotted = segments.filter((s) => typeof s === 'string').join('.');
  if (dotted === 'niveau.europe') return 5;
  if (dotted === 'niveau.nomenclature_1969') return 'III';
  const node = schemaAt(segments);
  const type = kinds(node);
  if (node.enum) return node.enum[0];
  if (type.includes('boolean')) return type.includes('null') ? null : true;
  if (type.includes('integer') || type.includes('number')) return node.minimum ?? 1;
  if (node.format === 'uri') return 'https://www.exemple.fr/';
  if (node.format === 'email') return 'contact@exemple.fr';
  if (node.pattern) {
    const example = codeExample(node.pattern, numero);
    if (!example) throw new Error(`No example for ${dotted} (${node.pattern})`);
    return example;
  }
  return 'Texte rédigé par la rédaction.';
}

/** Replaces every placeholder of a scaffolded fiche, but those at the given 1-based lines. */
function fill(text: string, numero: string, keep: readonly number[] = []): string {
  const lines = text.split('\n');
  const end = lines.indexOf('---', 1);
  const yamlText = lines.slice(1, end).join('\n');
  const doc = parseDocument(yamlText);
  const lineOf = (offset: number) => yamlText.slice(0, offset).split('\n').length + 1;
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.value.includes(PLACEHOLDER)) return;
      if (node.range && keep.includes(lineOf(node.range[0]))) return;
      const segments: (string | number)[] = [];
      let previous: unknown = node;
      for (const ancestor of [...ancestors].reverse()) {
        if (isMap(ancestor) || isSeq(ancestor)) {
          const items = ancestor.items as unknown[];
          const index = items.findIndex(
            (item) => item === previous || (item as { value?: unknown }).value === previous,
          );
          const item = items[index] as { key?: Scalar };
          segments.unshift(isSeq(ancestor) ? index : String(item.key?.value));
        }
        previous = ancestor;
      }
      const value = validValue(segments, numero);
      node.value = value;
      (node as Scalar).type = typeof value === 'string' ? 'QUOTE_DOUBLE' : 'PLAIN';
    },
  });
  const body = lines
    .slice(end + 1)
    .map((line, index) =>
      line.startsWith(PLACEHOLDER) && !keep.includes(end + 2 + index)
        ? 'Texte de la section, rédigé par la rédaction.'
        : line,
    );
  return ['---', doc.toString({ lineWidth: 0 }).trimEnd(), '---', ...body].join('\n');
}

/** Every field path of a YAML mapping, lists as `[]`: `voies_acces.vae.ouverte`, `rome[].code`. */
function yamlPaths(text: string): Set<string> {
  const lines = text.split('\n');
  const doc = new Document(
    parseDocument(lines.slice(1, lines.indexOf('---', 1)).join('\n')).toJS(),
  );
  const out = new Set<string>();
  const walk = (node: unknown, prefix: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = String((pair.key as Scalar).value);
        const here = prefix ? `${prefix}.${key}` : key;
        out.add(here);
        walk(pair.value, here);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (isMap(item)) walk(item, `${prefix}[]`);
    }
  };
  walk(doc.contents, '');
  return out;
}

/** Every field path of a zod schema, written the same way (zod 4 keeps a schema's parts in its def). */
function zodPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return zodPaths(def['innerType'] as z.ZodType, prefix);
    case 'pipe':
      return zodPaths(def['in'] as z.ZodType, prefix);
    case 'array':
      return zodPaths(def['element'] as z.ZodType, `${prefix}[]`);
    case 'union':
      return [...new Set((def['options'] as z.ZodType[]).flatMap((o) => zodPaths(o, prefix)))];
    case 'object':
      return Object.entries(def['shape'] as Record<string, z.ZodType>).flatMap(([name, child]) => {
        const here = prefix ? `${prefix}.${name}` : name;
        return [here, ...zodPaths(child, here)];
      });
    default:
      return [];
  }
}

/** The body's sections, in order, as the validator knows them. */
const SECTION_TITLES = SECTIONS.map((section) => section.titre);

describe('npm run new: a blank fiche with every field and every section', () => {
  it('holds every field of the schema (but what the importer and the sync write) and every section', () => {
    const text = renderScaffold('RNCP12345');
    // The zod schema itself, walked here: the scaffold is written from its JSON Schema, and a
    // field lost on the way (by the conversion or by the scaffold) must show. An editor never
    // writes the importer's record nor the date the fiche left the export.
    const machineOnly = ['import', 'absent_export_depuis'];
    const expected = zodPaths(ficheSchema).filter(
      (p) => !machineOnly.some((field) => p === field || p.startsWith(`${field}.`)),
    );
    expect(expected.length).toBeGreaterThan(50);
    expect([...yamlPaths(text)].sort()).toEqual(expected.sort());
    // Every section heading, in the order of the sections, on a line of its own.
    const headings = text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(SECTION_TITLES.map((titre) => `## ${titre}`));
  });

  it('writes content/fiches/rncp/N.md (or rs/N.md) and refuses to overwrite it', () => {
    const dir = tempDir('new');
    const created = newFiche('rncp 12345', dir);
    expect(created.status, created.stderr).toBe(0);
    const file = path.join(dir, 'rncp/12345.md');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^---\n/);
    expect(text).toContain('numero_fiche: "RNCP12345"');

    writeFileSync(file, text + '\nTexte ajouté par la rédaction.\n');
    const again = newFiche('RNCP12345', dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('existe déjà');
    expect(readFileSync(file, 'utf8')).toContain('Texte ajouté par la rédaction.');

    expect(newFiche('RS1234', dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'rs/1234.md'), 'utf8')).toContain('numero_fiche: "RS1234"');

    const wrong = newFiche('RNCP-12A', dir);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('Numéro de fiche mal formé');
  });

  it.each(['RNCP12345', 'RS1234'])(
    '%s: every placeholder is refused as « à compléter », on its own line',
    (numero) => {
      const dir = tempDir('placeholders');
      expect(newFiche(numero, dir).status).toBe(0);
      const file = path.join(dir, numero.startsWith('RS') ? 'rs/1234.md' : 'rncp/12345.md');
      const placeholderLines = readFileSync(file, 'utf8')
        .split('\n')
        // The comment at the top names the placeholder to explain it; comments are not checked.
        .flatMap((line, index) =>
          line.includes(PLACEHOLDER) && !line.startsWith('#') ? [index + 1] : [],
        );
      const { diagnostics } = validatePaths([dir]);
      expect(diagnostics.map(formatDiagnostic).filter((m) => !/à compléter/.test(m))).toEqual([]);
      expect(diagnostics.map((d) => d.line)).toEqual(placeholderLines);
      expect(diagnostics.filter((d) => d.field === 'corps')).toHaveLength(SECTIONS.length);
    },
  );

  it.each(['RNCP12345', 'RS1234'])(
    '%s: once every placeholder is filled, it is valid',
    (numero) => {
      const dir = tempDir('filled');
      const relative = numero.startsWith('RS') ? 'rs/1234.md' : 'rncp/12345.md';
      const file = path.join(dir, relative);
      expect(newFiche(numero, dir).status).toBe(0);
      writeFileSync(file, fill(readFileSync(file, 'utf8'), numero));
      const { diagnostics, fiches } = validatePaths([dir]);
      expect(fiches).toBe(1);
      expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    },
  );

  it('a fiche filled but for one field and one section is refused at those two lines', () => {
    const dir = tempDir('half');
    const file = path.join(dir, 'rncp/12345.md');
    expect(newFiche('RNCP12345', dir).status).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    const intitule = lines.findIndex((l) => l.startsWith('intitule:')) + 1;
    const lastSection = lines.findLastIndex((l) => l.startsWith(PLACEHOLDER)) + 1;
    writeFileSync(file, fill(lines.join('\n'), 'RNCP12345', [intitule, lastSection]));
    const messages = validatePaths([dir]).diagnostics.map(formatDiagnostic);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/rncp\/12345\.md:\d+:\d+ intitule : Champ à compléter/);
    expect(messages[1]).toMatch(/rncp\/12345\.md:\d+:1 corps : Section à compléter/);
  });
});

describe('« Mis à jour le »: the date of the file’s last commit, or an honest « inconnue »', () => {
  let repo: string;
  const run = (cwd: string, args: string[], date?: string) => {
    const result = spawnSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Rédaction',
        GIT_AUTHOR_EMAIL: 'redaction@exemple.fr',
        GIT_COMMITTER_NAME: 'Rédaction',
        GIT_COMMITTER_EMAIL: 'redaction@exemple.fr',
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
      },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const write = (file: string, text: string) => writeFileSync(path.join(repo, file), text);

  beforeAll(() => {
    repo = tempDir('git');
    run(repo, ['init', '-q', '-b', 'main']);
    mkdirSync(path.join(repo, 'fiches/rncp'), { recursive: true });
    mkdirSync(path.join(repo, 'fiches/rs'), { recursive: true });
    write('fiches/rncp/1.md', 'un');
    write('fiches/rs/2.md', 'deux');
    run(repo, ['add', '.']);
    run(repo, ['commit', '-q', '-m', 'Deux fiches'], '2019-05-06T10:00:00+02:00');
    write('fiches/rs/2.md', 'deux, corrigé');
    run(repo, ['commit', '-q', '-am', 'Correction de RS 2'], '2020-01-02T10:00:00+01:00');
    write('fiches/rncp/1.md', 'un, corrigé');
    run(repo, ['commit', '-q', '-am', 'Correction de RNCP 1'], '2021-03-04T10:00:00+01:00');
    write('fiches/rncp/3.md', 'pas encore enregistrée');
  });

  it('gives each file the date of its last commit', () => {
    const fiches = path.join(repo, 'fiches');
    expect(lastUpdate(path.join(fiches, 'rncp/1.md'), fiches)).toEqual({ date: '2021-03-04' });
    expect(lastUpdate(path.join(fiches, 'rs/2.md'), fiches)).toEqual({ date: '2020-01-02' });
    expect(lastUpdate(path.join(fiches, 'rncp/3.md'), fiches)).toEqual({
      reason: 'non-enregistre',
    });
  });

  it('in a shallow clone, dates only what the clone’s history shows', () => {
    const clone = path.join(tempDir('shallow'), 'clone');
    run(os.tmpdir(), ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const fiches = path.join(clone, 'fiches');
    // The one commit of a depth-1 clone shows every file as added: no date can be trusted.
    expect(readGitDates(fiches).shallow).toBe(true);
    expect(lastUpdate(path.join(fiches, 'rncp/1.md'), fiches)).toEqual({
      reason: 'historique-partiel',
    });
    // One commit deeper, the last change of RNCP 1 is in the known history; RS 2's is not.
    run(clone, ['fetch', '-q', '--deepen', '1']);
    const deeper = readGitDates(fiches);
    expect(deeper.shallow).toBe(true);
    expect([...deeper.dates.entries()]).toEqual([
      [realpathSync(path.join(fiches, 'rncp/1.md')), '2021-03-04'],
    ]);
  });

  it('outside a git repository, says the date is unknown', () => {
    const dir = tempDir('no-git');
    mkdirSync(path.join(dir, 'rncp'));
    writeFileSync(path.join(dir, 'rncp/1.md'), 'un');
    expect(lastUpdate(path.join(dir, 'rncp/1.md'), dir)).toEqual({ reason: 'sans-historique' });
  });
});

describe('fiche page: the way to correct it', () => {
  it('links « Proposer une modification » to the file in GitHub’s editor, and dates the page', () => {
    const page = parsePage(readPage('/rncp/6133/'));
    const edit = page
      .all('a')
      .find(
        (a) => a.properties['href'] === `${REPOSITORY_URL}/edit/main/content/fiches/rncp/6133.md`,
      );
    expect(edit, 'edit link').toBeDefined();
    expect(collapse(toText(edit!))).toBe('Proposer une modification de la fiche RNCP 6133');
    const text = page.textOf('section[aria-labelledby="sources"]');
    // Asked of git directly, not of src/lib/git-dates.ts: the last commit that touched the file
    // (its committer date), unless this clone's history stops at that commit (a shallow clone).
    const git = (...args: string[]) =>
      spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    const [hash, date] = git(
      'log',
      '-1',
      '--format=%H %cs',
      '--',
      'content/fiches/rncp/6133.md',
    ).split(' ');
    const boundary =
      git('rev-parse', '--is-shallow-repository') === 'true' &&
      readFileSync(path.resolve(ROOT, git('rev-parse', '--git-path', 'shallow')), 'utf8')
        .split('\n')
        .includes(hash!);
    if (hash && !boundary) {
      const [year, month, day] = date!.split('-').map(Number);
      const months =
        'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(
          ' ',
        );
      expect(text).toContain(
        `Mis à jour le ${day} ${months[month! - 1]} ${year} (historique des modifications)`,
      );
      expect(page.one(`time[datetime="${date}"]`)).toBeDefined();
    } else {
      expect(text).toContain('Date de mise à jour inconnue');
    }
  });
});

describe('VS Code: completion and hover documentation in a fiche’s frontmatter', () => {
  it('enables the Astro extension’s content intellisense, which the build feeds', async () => {
    const settings = JSON.parse(readFileSync(path.join(ROOT, '.vscode/settings.json'), 'utf8'));
    expect(settings['astro.content-intellisense']).toBe(true);
    const extensions = JSON.parse(readFileSync(path.join(ROOT, '.vscode/extensions.json'), 'utf8'));
    expect(extensions.recommendations).toContain('astro-build.astro-vscode');
    const config = (await import('../../astro.config.mjs')).default;
    expect(config.experimental?.contentIntellisense).toBe(true);
    // `astro check` and `astro build` (run before the tests) write the manifest the extension reads.
    const manifest = JSON.parse(
      readFileSync(path.join(ROOT, '.astro/collections/collections.json'), 'utf8'),
    );
    expect(manifest.collections).toContainEqual({ name: 'fiches', hasSchema: true });
  });

  it('the Astro language server documents each field in French and completes field names', async () => {
    // A workspace as `astro sync` leaves it: the manifest maps the fiche to its collection, whose
    // JSON Schema is the fiche schema.
    const workspace = tempDir('vscode');
    const file = path.join(workspace, 'content/fiches/rncp/6133.md');
    mkdirSync(path.dirname(file), { recursive: true });
    const text = readFileSync(path.join(ROOT, 'content/fiches/rncp/6133.md'), 'utf8');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    mkdirSync(path.join(workspace, '.astro/collections'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.astro/collections/collections.json'),
      JSON.stringify({
        collections: [{ name: 'fiches', hasSchema: true }],
        entries: { [decodeURIComponent(uri).toLowerCase()]: 'fiches' },
      }),
    );
    writeFileSync(
      path.join(workspace, '.astro/collections/fiches.schema.json'),
      JSON.stringify(ficheJsonSchema()),
    );

    const server = await languageServer(workspace);
    try {
      server.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text },
      });
      const lines = text.split('\n');
      const hover = (await server.request('textDocument/hover', {
        textDocument: { uri },
        position: { line: lines.findIndex((l) => l.startsWith('intitule:')), character: 2 },
      })) as { contents: { value: string } };
      expect(hover.contents.value).toContain('Intitulé de la certification.');

      const at = lines.findIndex((l) => l.startsWith('statut:'));
      lines.splice(at, 0, 'vali');
      server.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: lines.join('\n') }],
      });
      const completion = (await server.request('textDocument/completion', {
        textDocument: { uri },
        position: { line: at, character: 4 },
      })) as { items: { label: string }[] };
      expect(completion.items.map((item) => item.label)).toContain('validation_partielle');
    } finally {
      server.close();
    }
  });
});

/** The language server of the Astro extension for VS Code, spoken to over stdio (LSP). */
async function languageServer(workspace: string) {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/@astrojs/language-server/bin/nodeServer.js'), '--stdio'],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())![1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
      buffer = buffer.subarray(end + 4 + length);
      if (message.id !== undefined && message.method) send({ id: message.id, result: null });
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    }
  });
  const request = (method: string, params: object) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ id, method, params });
    });
  const notify = (method: string, params: object) => send({ method, params });
  const rootUri = pathToFileURL(workspace).href;
  await request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'fiches' }],
    capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, completion: {} } },
    initializationOptions: {
      typescript: { tsdk: path.join(ROOT, 'node_modules/typescript/lib') },
      contentIntellisense: true,
    },
  });
  notify('initialized', {});
  return { request, notify, close: () => child.kill() };
}
