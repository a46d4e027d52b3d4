/**
 * node scripts/generate-export.ts --fiches N --out DIR [--seed S] [--profile real|heavy] [--samples DIR]
 *
 * Writes a synthetic France Compétences export for benchmarks and prints its figures beside the real
 * national export's. `real` (default) is shaped like the export of 2026-08-16; `heavy` repeats the
 * sample fiches with one in 40 over 1,000 partners, for stress runs. Write it to a temporary folder
 * (os.tmpdir()), never into the repository. The generator is in scripts/lib/bench/synthetic.ts
 * (`generateExport({ fiches, out, seed, profile })`).
 */
import { parseArgs } from 'node:util';
import { formatComparison } from './lib/bench/national-figures.ts';
import { generateExport, PROFILES, type Profile } from './lib/bench/synthetic.ts';

const { values } = parseArgs({
  options: {
    fiches: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    profile: { type: 'string', default: 'real' },
    samples: { type: 'string' },
  },
});
const fiches = Number(values.fiches);
const seed = Number(values.seed);
const profile = values.profile as Profile;
if (
  !Number.isInteger(fiches) ||
  fiches < 1 ||
  fiches > 899_999 ||
  values.out === undefined ||
  !Number.isInteger(seed) ||
  !PROFILES.includes(profile)
) {
  console.error(
    'Usage : node scripts/generate-export.ts --fiches N --out DOSSIER [--seed S] [--profile real|heavy] [--samples DOSSIER]',
  );
  process.exitCode = 2;
} else {
  const started = performance.now();
  const result = await generateExport({
    fiches,
    out: values.out,
    seed,
    profile,
    ...(values.samples !== undefined ? { samplesDir: values.samples } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${result.path} : ${(result.bytes / 1e6).toFixed(1)} Mo, ${result.fiches} fiches (${result.rncp} RNCP, ${result.rs} RS), ` +
      `profil ${profile}, ${result.fichesOver1000Partners} avec plus de 1 000 partenaires (au plus ${result.maxPartners}), ` +
      `${result.lineageLinks} liens de lignée, en ${seconds.toFixed(1)} s\n`,
  );
  console.log(formatComparison(result));
}
