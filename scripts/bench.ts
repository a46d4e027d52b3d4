/**
 * npm run bench -- --fiches N [--profile real|heavy] [--json FICHIER] [--keep] [--seed S]
 *                  [--max-fragments N] [--astro '{"build":{"concurrency":2}}'] [--work DIR]
 *                  [--stages build,index]
 *
 * The whole pipeline at national scale on a synthetic export, each stage in a child process of its
 * own: generate → import → validate → build → index → search → rebuild. Prints a table; --json
 * writes the figures. The benchmark is in scripts/lib/bench/ (run.ts); docs/bench.md gives the
 * method and the figures. `--stage NAME` is how the benchmark runs its own stages in a child.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runChildStage } from './lib/bench/child.ts';
import { formatComparison } from './lib/bench/national-figures.ts';
import { formatTable } from './lib/bench/report.ts';
import { runBench } from './lib/bench/run.ts';
import { StageError, workLayout } from './lib/bench/stage.ts';
import {
  DEFAULT_PROFILE,
  PROFILES,
  type GeneratedExport,
  type Profile,
} from './lib/bench/synthetic.ts';

const USAGE = `Usage : npm run bench -- --fiches N [--profile real|heavy] [--json FICHIER] [--keep] [--seed S]
        [--max-fragments N] [--astro JSON] [--work DOSSIER] [--stages import,validate,build,index,search,rebuild]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      fiches: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      profile: { type: 'string', default: DEFAULT_PROFILE },
      work: { type: 'string' },
      'max-fragments': { type: 'string' },
      astro: { type: 'string' },
      stages: { type: 'string' },
      stage: { type: 'string' },
    },
  });
  const fiches = Number(values.fiches);
  const seed = Number(values.seed);
  const profile = values.profile as Profile;
  const maxFragments =
    values['max-fragments'] === undefined ? undefined : Number(values['max-fragments']);
  if (values.stage !== undefined) {
    const work = workLayout(path.resolve(values.work ?? '.'));
    await runChildStage(values.stage, { work, fiches, seed, profile });
    return 0;
  }
  if (
    !Number.isInteger(fiches) ||
    fiches < 13 ||
    fiches > 899_999 ||
    !Number.isInteger(seed) ||
    !PROFILES.includes(profile)
  ) {
    console.error(USAGE);
    return 2;
  }
  const result = await runBench({
    fiches,
    seed,
    profile,
    keep: values.keep,
    ...(values.work !== undefined ? { work: values.work } : {}),
    ...(values.astro !== undefined
      ? { astro: JSON.parse(values.astro) as Record<string, unknown> }
      : {}),
    ...(maxFragments !== undefined ? { maxFragments } : {}),
    ...(values.stages !== undefined ? { stages: values.stages.split(',') } : {}),
    onStage: (stage) => {
      console.error(
        `${stage.name} : ${stage.seconds.toFixed(1)} s, ${stage.peakRssMb.toFixed(0)} Mo`,
      );
      if (stage.name === 'generate')
        console.error(`\n${formatComparison(stage as unknown as GeneratedExport)}\n`);
    },
  });
  console.log(`\n${fiches} fiches, ${result.cpus} cœurs, charge ${result.load.start.join(' ')}`);
  console.log(formatTable(result));
  if (result.site) {
    console.log(`Site : ${result.site.files} fichiers, ${result.site.megabytes.toFixed(0)} Mo`);
  }
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(result, null, 2) + '\n');
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof StageError ? error.message : error);
  process.exitCode = 1;
}
