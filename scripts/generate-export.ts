/**
 * node scripts/generate-export.ts --fiches N --out DIR [--seed S] [--samples DIR]
 *
 * Writes a synthetic France Compétences export (the sample fiches repeated with new numbers, long texts
 * as HTML in CDATA, some fiches with over 1,000 partners) for benchmarks. Write it to a temporary
 * folder (os.tmpdir()), never into the repository. The logic is in src/lib/import/synthetic.ts;
 * `generateExport({ fiches, out, seed })` is exported for other benchmarks.
 */
import { parseArgs } from 'node:util';
import { generateExport } from '../src/lib/import/synthetic.ts';

export { generateExport };
export type { GenerateOptions, GeneratedExport } from '../src/lib/import/synthetic.ts';

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      fiches: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      samples: { type: 'string' },
    },
  });
  const fiches = Number(values.fiches);
  const seed = Number(values.seed);
  if (
    !Number.isInteger(fiches) ||
    fiches < 1 ||
    fiches > 899_999 ||
    values.out === undefined ||
    !Number.isInteger(seed)
  ) {
    console.error(
      'Usage : node scripts/generate-export.ts --fiches N --out DOSSIER [--seed S] [--samples DOSSIER]',
    );
    process.exitCode = 2;
  } else {
    const started = performance.now();
    const result = await generateExport({
      fiches,
      out: values.out,
      seed,
      ...(values.samples !== undefined ? { samplesDir: values.samples } : {}),
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${result.path} : ${(result.bytes / 1e6).toFixed(1)} Mo, ${result.fiches} fiches (${result.rncp} RNCP, ${result.rs} RS), ` +
        `${result.fichesOver1000Partners} avec plus de 1 000 partenaires (au plus ${result.maxPartners}), en ${seconds.toFixed(1)} s`,
    );
  }
}
