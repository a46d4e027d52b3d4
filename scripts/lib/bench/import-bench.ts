/**
 * The benchmark of `npm run import` (scripts/bench-import.ts) on a large synthetic export
 * (./synthetic.ts, written to a temporary folder, never to the repository): the importer runs as a
 * child process, under /usr/bin/time -v when available (peak RSS, CPU time), otherwise with the
 * figures it reports itself. Three runs: a first import into an empty folder, the same export again
 * (nothing changes), and --only with three fiches spread over the file.
 * Goal of issue 4: at least 20 MB/s and a peak RSS under 300 MB on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { ROOT } from './stage.ts';
import { generateExport, type GeneratedExport, type Profile } from './synthetic.ts';

export interface SizedExport {
  exported: GeneratedExport;
  fiches: number;
  /** Seconds to write the export. */
  seconds: number;
}

/** An export of about `sizeMb` MB: the size per fiche measured on a probe, then the whole file. */
export async function writeSizedExport(options: {
  sizeMb: number;
  seed: number;
  profile: Profile;
  dir: string;
}): Promise<SizedExport> {
  const { sizeMb, seed, profile, dir } = options;
  const probe = await generateExport({
    fiches: 200,
    out: dir,
    seed,
    profile,
    fileName: 'sonde.xml',
  });
  rmSync(probe.path);
  const fiches = Math.max(1, Math.round((sizeMb * 1e6) / (probe.bytes / probe.fiches)));
  const started = performance.now();
  const exported = await generateExport({ fiches, out: dir, seed, profile });
  return { exported, fiches, seconds: (performance.now() - started) / 1000 };
}

export interface ImportRun {
  scenario: string;
  command: string;
  octets_lus: number;
  secondes: number;
  mo_par_seconde: number;
  rss_max_mo: number;
  cpu_secondes: number | null;
  charge_avant: number;
  statut: number | null;
  totaux: Record<string, number>;
}

const TIME = '/usr/bin/time';

/** `node scripts/import.ts <export> --out <out> …extra`, timed and measured. */
function runImport(
  exported: GeneratedExport,
  dir: string,
  scenario: string,
  out: string,
  extra: string[],
  jobs: string | undefined,
): ImportRun {
  const report = path.join(dir, 'rapport.json');
  const hasTime = existsSync(TIME);
  const args = [
    path.join(ROOT, 'scripts/import.ts'),
    exported.path,
    '--out',
    out,
    '--report',
    report,
    '--quiet',
    ...(jobs !== undefined ? ['--jobs', jobs] : []),
    ...extra,
  ];
  const show = (a: string) => (a.startsWith(ROOT + path.sep) ? path.relative(ROOT, a) : a);
  const command = ['node', ...args.map(show)].join(' ');
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const child = hasTime
    ? spawnSync(TIME, ['-v', process.execPath, ...args], {
        encoding: 'utf8',
        cwd: ROOT,
        maxBuffer: 1 << 26,
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`L'import a échoué (${child.status}) :\n${child.stderr}`);
  }
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    totaux: Record<string, number>;
    mesures: { octets_lus: number; secondes: number; memoire_max_mo: number };
  };
  const field = (name: string) => {
    const m = new RegExp(`${name}: ([\\d.:]+)`).exec(child.stderr);
    return m ? m[1]! : undefined;
  };
  const rss = hasTime
    ? Number(field('Maximum resident set size \\(kbytes\\)')) / 1024
    : r.mesures.memoire_max_mo;
  const cpu = hasTime
    ? Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'))
    : null;
  return {
    scenario,
    command,
    octets_lus: r.mesures.octets_lus,
    secondes: wall,
    mo_par_seconde: exported.bytes / 1e6 / wall,
    rss_max_mo: rss,
    cpu_secondes: cpu,
    charge_avant: load,
    statut: child.status,
    totaux: r.totaux,
  };
}

/** The three runs: into an empty folder, the same export again, then --only three fiches. */
export function runImportScenarios(
  exported: GeneratedExport,
  dir: string,
  jobs?: string,
): ImportRun[] {
  const out = path.join(dir, 'fiches');
  rmSync(out, { recursive: true, force: true });
  const numeros = exported.sampleNumeros;
  return [
    runImport(exported, dir, 'premier import (dossier vide)', out, [], jobs),
    runImport(exported, dir, 'même export une seconde fois (rien ne change)', out, [], jobs),
    runImport(
      exported,
      dir,
      `--only ${numeros.join(',')} (début, milieu, fin)`,
      path.join(dir, 'only'),
      ['--only', numeros.join(',')],
      jobs,
    ),
  ];
}

/** The machine, the runs as a table, and the command of the first. */
export function formatImportRuns(runs: ImportRun[]): string {
  const table = [
    [
      'scénario',
      'Mo/s',
      'secondes',
      'RSS max (Mo)',
      'CPU (s)',
      'charge avant',
      'écrites',
      'inchangées',
    ],
    ...runs.map((r) => [
      r.scenario,
      r.mo_par_seconde.toFixed(1),
      r.secondes.toFixed(1),
      r.rss_max_mo.toFixed(0),
      r.cpu_secondes === null ? '?' : r.cpu_secondes.toFixed(1),
      r.charge_avant.toFixed(1),
      String(r.totaux['ecrites'] ?? 0),
      String(r.totaux['inchangees'] ?? 0),
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return [
    `\n${cpus().length} cœurs (${availableParallelism()} disponibles), ${cpus()[0]?.model ?? ''}; ` +
      `Mo/s = taille de l'export / durée totale du processus ; objectif : 20 Mo/s et moins de 300 Mo.\n`,
    ...table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')),
    `\nCommande : ${runs[0]!.command}`,
  ].join('\n');
}

/** The figures written by --json. */
export function importBenchJson(
  sized: SizedExport,
  profile: Profile,
  seed: number,
  runs: ImportRun[],
) {
  const { exported, fiches } = sized;
  return {
    export: {
      path: exported.path,
      octets: exported.bytes,
      fiches,
      rncp: exported.rncp,
      rs: exported.rs,
      plus_de_1000_partenaires: exported.fichesOver1000Partners,
      profil: profile,
      seed,
    },
    machine: {
      coeurs: cpus().length,
      disponibles: availableParallelism(),
      modele: cpus()[0]?.model,
    },
    runs,
  };
}

/** Removes the imported fiches, the export and the report. */
export function removeImportBench(dir: string, exported: GeneratedExport): void {
  rmSync(path.join(dir, 'fiches'), { recursive: true, force: true });
  rmSync(path.join(dir, 'only'), { recursive: true, force: true });
  if (existsSync(exported.path) && statSync(exported.path).isFile()) rmSync(exported.path);
  rmSync(path.join(dir, 'rapport.json'), { force: true });
}
