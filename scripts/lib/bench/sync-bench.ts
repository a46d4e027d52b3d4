/**
 * The benchmark of `npm run sync` (scripts/bench-sync.ts): time and peak memory (the whole process
 * tree, ./process-tree.ts) of the sync on a synthetic export of the real profile (./synthetic.ts),
 * split into its RNCP and RS zips, read from a folder (--source): a first sync into an empty
 * catalogue, then the next day's export with the same fiches (the daily case: every fiche read,
 * converted and compared, none rewritten). Everything is written to the system's temporary folder,
 * never to the repository.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { readFiches } from '../../../src/lib/import/xml.ts';
import { sampleTree } from './process-tree.ts';
import { ROOT } from './stage.ts';
import { generateExport, type GeneratedExport } from './synthetic.ts';

const SYNC = path.join(ROOT, 'scripts', 'sync.ts');

async function writeZip(file: string, entry: string, xml: string): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addFile(xml, entry);
  zip.end();
  await new Promise<void>((resolve, reject) =>
    zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject),
  );
}

/** The synthetic export split into the two files France Compétences publishes. */
async function splitExport(source: string, dir: string): Promise<Record<'RNCP' | 'RS', string>> {
  const files = { RNCP: path.join(dir, 'rncp.xml'), RS: path.join(dir, 'rs.xml') };
  const out = {
    RNCP: createWriteStream(files.RNCP),
    RS: createWriteStream(files.RS),
  };
  for (const s of Object.values(out))
    s.write(
      '<?xml version="1.0" encoding="UTF-8"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n',
    );
  for await (const fiche of readFiches(source)) {
    const target = fiche.numero?.startsWith('RS') ? out.RS : out.RNCP;
    if (!target.write(`  ${fiche.xml}\n`))
      await new Promise<void>((r) => target.once('drain', () => r()));
  }
  await Promise.all(
    Object.values(out).map(
      (s) => new Promise<void>((resolve) => s.end('</FICHES>\n', () => resolve())),
    ),
  );
  return files;
}

/** The day's two zips, named as data.gouv.fr names them, in a folder of their own. */
async function zipDay(
  work: string,
  xml: Record<'RNCP' | 'RS', string>,
  date: string,
): Promise<string> {
  const dir = path.join(work, `source-${date}`);
  mkdirSync(dir, { recursive: true });
  for (const r of ['RNCP', 'RS'] as const) {
    await writeZip(
      path.join(dir, `export-fiches-${r.toLowerCase()}-v4-1-${date}.zip`),
      `export_fiches_${r}_V4_1_${date}.xml`,
      xml[r],
    );
  }
  return dir;
}

export interface SyncMeasure {
  label: string;
  seconds: number;
  peakMb: number;
}

/** `node scripts/sync.ts --source <source>` in `project`, timed, its process tree sampled. */
async function measure(
  label: string,
  source: string,
  project: string,
  jobs: string | undefined,
): Promise<SyncMeasure> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [SYNC, '--source', source, '--quiet', ...(jobs ? ['--jobs', jobs] : [])],
    { cwd: project, stdio: 'inherit' },
  );
  const sampler = sampleTree(child.pid!);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const peak = sampler.stop();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${label} : la synchronisation a échoué (code ${code})`);
  return { label, seconds, peakMb: peak / 1e6 };
}

export interface SyncBench {
  fiches: number;
  generated: GeneratedExport;
  /** Megabytes of XML in the two files. */
  mb: number;
  results: SyncMeasure[];
}

/** Writes the export and its two days of zips, syncs both days, then removes everything. */
export async function runSyncBench(options: {
  fiches: number;
  seed: number;
  jobs?: string | undefined;
}): Promise<SyncBench> {
  const { fiches, seed, jobs } = options;
  const work = mkdtempSync(path.join(tmpdir(), 'bench-sync-'));
  try {
    const generated = await generateExport({ fiches, out: work, seed });
    const xml = await splitExport(generated.path, work);
    rmSync(generated.path);
    const mb = (statSync(xml.RNCP).size + statSync(xml.RS).size) / 1e6;
    const day1 = await zipDay(work, xml, '2026-08-16');
    const day2 = await zipDay(work, xml, '2026-08-17');
    const project = path.join(work, 'projet');
    mkdirSync(path.join(project, 'content/fiches'), { recursive: true });
    const results = [
      await measure('premier jour (catalogue vide)', day1, project, jobs),
      await measure('jour suivant, mêmes fiches', day2, project, jobs),
    ];
    return { fiches, generated, mb, results };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The export's size and one row per day, in Markdown. */
export function formatSyncBench({ fiches, generated, mb, results }: SyncBench): string {
  return [
    `\n${fiches} fiches, ${mb.toFixed(0)} Mo de XML (RNCP ${generated.rncp}, RS ${generated.rs})`,
    '| scénario | durée | mémoire max (arbre de processus) |\n| --- | --- | --- |',
    ...results.map((r) => `| ${r.label} | ${r.seconds.toFixed(1)} s | ${r.peakMb.toFixed(0)} Mo |`),
  ].join('\n');
}
