/**
 * npm run bench:sync -- --fiches N [--seed S] [--jobs J]
 *
 * Time and peak memory (the whole process tree) of `npm run sync` on a synthetic export of the real
 * profile (src/lib/bench/synthetic.ts), split into its RNCP and RS zips, read from a folder
 * (--source): a first sync into an empty catalogue, then the next day's export with the same fiches
 * (the daily case: every fiche read, converted and compared, none rewritten). Everything is written to
 * the system's temporary folder, never to the repository.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { sampleTree } from '../src/lib/bench/process-tree.ts';
import { generateExport } from '../src/lib/bench/synthetic.ts';
import { readFiches } from '../src/lib/import/xml.ts';

const { values } = parseArgs({
  options: {
    fiches: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string' },
  },
});
const fiches = Number(values.fiches);
const work = mkdtempSync(path.join(tmpdir(), 'bench-sync-'));
const SYNC = fileURLToPath(new URL('./sync.ts', import.meta.url));

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

async function zipDay(xml: Record<'RNCP' | 'RS', string>, date: string): Promise<string> {
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

async function measure(label: string, source: string, project: string) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [SYNC, '--source', source, '--quiet', ...(values.jobs ? ['--jobs', values.jobs] : [])],
    { cwd: project, stdio: 'inherit' },
  );
  const sampler = sampleTree(child.pid!);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const peak = sampler.stop();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${label} : la synchronisation a échoué (code ${code})`);
  return { label, seconds, peakMb: peak / 1e6 };
}

try {
  console.log(`Export synthétique de ${fiches} fiches (profil réel)…`);
  const generated = await generateExport({ fiches, out: work, seed: Number(values.seed) });
  const xml = await splitExport(generated.path, work);
  rmSync(generated.path);
  const mb = (statSync(xml.RNCP).size + statSync(xml.RS).size) / 1e6;
  const day1 = await zipDay(xml, '2026-08-16');
  const day2 = await zipDay(xml, '2026-08-17');
  const project = path.join(work, 'projet');
  mkdirSync(path.join(project, 'content/fiches'), { recursive: true });
  const results = [
    await measure('premier jour (catalogue vide)', day1, project),
    await measure('jour suivant, mêmes fiches', day2, project),
  ];
  console.log(
    `\n${fiches} fiches, ${mb.toFixed(0)} Mo de XML (RNCP ${generated.rncp}, RS ${generated.rs})`,
  );
  console.log('| scénario | durée | mémoire max (arbre de processus) |\n| --- | --- | --- |');
  for (const r of results)
    console.log(`| ${r.label} | ${r.seconds.toFixed(1)} s | ${r.peakMb.toFixed(0)} Mo |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
