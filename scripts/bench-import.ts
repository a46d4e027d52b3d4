/**
 * node scripts/bench-import.ts [--size-mb 600] [--seed 1] [--profile real|heavy] [--jobs N] [--json FILE]
 *                               [--dir DIR] [--keep]
 *
 * Benchmark of `npm run import` on a large synthetic export (scripts/generate-export.ts, written to
 * os.tmpdir(), never to the repository; profile `real` by default, like the national export): the importer runs as a child process, under /usr/bin/time -v
 * when available (peak RSS, CPU time), otherwise with the figures it reports itself. Three runs:
 * a first import into an empty folder, the same export again (nothing changes), and --only with three
 * fiches spread over the file. Prints a table; --json FILE writes the figures.
 * Goal of issue 4: at least 20 MB/s and a peak RSS under 300 MB on a 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateExport, PROFILES, type Profile } from '../src/lib/bench/synthetic.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '600' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'string', default: 'real' },
    jobs: { type: 'string' },
    json: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const sizeMb = Number(values['size-mb']);
const seed = Number(values.seed);
const profile = values.profile as Profile;
if (!PROFILES.includes(profile)) throw new Error(`Profil inconnu : ${profile} (real ou heavy)`);
const dir = path.resolve(values.dir ?? path.join(tmpdir(), 'fiches-rncp-bench-import'));
mkdirSync(dir, { recursive: true });

// 1. The export: size per fiche measured on a probe, then the whole file.
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
const generation = (performance.now() - started) / 1000;
console.log(
  `Export synthétique : ${exported.path}, ${(exported.bytes / 1e6).toFixed(0)} Mo, ${fiches} fiches ` +
    `(profil ${profile}, ${exported.rncp} RNCP, ${exported.rs} RS, ${exported.fichesOver1000Partners} avec plus de 1 000 partenaires), ` +
    `généré en ${generation.toFixed(1)} s`,
);

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

interface Run {
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

function run(scenario: string, out: string, extra: string[]): Run {
  const report = path.join(dir, 'rapport.json');
  const args = [
    path.join(root, 'scripts/import.ts'),
    exported.path,
    '--out',
    out,
    '--report',
    report,
    '--quiet',
    ...(values.jobs !== undefined ? ['--jobs', values.jobs] : []),
    ...extra,
  ];
  const show = (a: string) => (a.startsWith(root + path.sep) ? path.relative(root, a) : a);
  const command = ['node', ...args.map(show)].join(' ');
  const load = loadavg()[0]!;
  const t0 = performance.now();
  const child = hasTime
    ? spawnSync(TIME, ['-v', process.execPath, ...args], {
        encoding: 'utf8',
        cwd: root,
        maxBuffer: 1 << 26,
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
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

const out = path.join(dir, 'fiches');
rmSync(out, { recursive: true, force: true });
const numeros = exported.sampleNumeros;
const runs = [
  run('premier import (dossier vide)', out, []),
  run('même export une seconde fois (rien ne change)', out, []),
  run(`--only ${numeros.join(',')} (début, milieu, fin)`, path.join(dir, 'only'), [
    '--only',
    numeros.join(','),
  ]),
];

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
console.log(
  `\n${cpus().length} cœurs (${availableParallelism()} disponibles), ${cpus()[0]?.model ?? ''}; ` +
    `Mo/s = taille de l'export / durée totale du processus ; objectif : 20 Mo/s et moins de 300 Mo.\n`,
);
for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
console.log(`\nCommande : ${runs[0]!.command}`);

if (values.json !== undefined) {
  writeFileSync(
    values.json,
    JSON.stringify(
      {
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
      },
      null,
      2,
    ) + '\n',
  );
}
if (!values.keep) {
  rmSync(out, { recursive: true, force: true });
  rmSync(path.join(dir, 'only'), { recursive: true, force: true });
  if (existsSync(exported.path) && statSync(exported.path).isFile()) rmSync(exported.path);
  rmSync(path.join(dir, 'rapport.json'), { force: true });
}
