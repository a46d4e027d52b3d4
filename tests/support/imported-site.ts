/**
 * The site of the fiches imported from France Compétences' official export samples
 * (../shared/data/france-competences/xml-v4.1-samples): imported with the real importer into a
 * content folder of this test run, then built, once per run, beside the fixture site (a folder of
 * its own inside it, never the committed content/). The tests of imported pages share it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { runImport } from '../../src/lib/import/run.ts';
import { buildOnce } from './fixture-site.ts';
import { sharedData } from './shared-data.ts';

const SAMPLES = sharedData('france-competences/xml-v4.1-samples');
/** The two samples of the official export (13 fiches). */
export const SAMPLE_EXPORTS = [
  path.join(SAMPLES, 'export_fiches_RNCP_fixture.xml'),
  path.join(SAMPLES, 'export_fiches_RS_fixture.xml'),
];
/** What the imported site is made of. */
export const EXPORTS = [
  ...SAMPLE_EXPORTS,
  // Beside the samples: LIEN_URL_DESCRIPTION as the national export fills it (several addresses…).
  path.resolve('tests/fixtures/import/adresses-multiples.xml'),
];

export interface ImportedSite {
  /** The imported fiches (rncp/N.md, rs/N.md). */
  fiches: string;
  /** The built site. */
  dist: string;
  /** How many fiches the importer wrote, by its own reports. */
  imported: number;
}

function layout(root: string) {
  return {
    fiches: path.join(root, 'fiches'),
    dist: path.join(root, 'dist'),
    cache: path.join(root, 'cache'),
    report: path.join(root, 'imported.json'),
  };
}

async function importAndBuild(root: string): Promise<void> {
  const where = layout(root);
  let imported = 0;
  for (const file of EXPORTS) {
    const report = await runImport({ file, out: where.fiches });
    if (report.totaux.echecs > 0) {
      throw new Error(`${file}: ${report.totaux.echecs} fiche(s) not imported`);
    }
    imported += report.totaux.ecrites;
  }
  writeFileSync(where.report, JSON.stringify({ imported }));
  // Nothing here searches: the search index step is left out.
  await buildSite({
    fiches: where.fiches,
    outDir: where.dist,
    cacheDir: where.cache,
    index: false,
  });
}

/** The imported samples' site of this test run, imported and built on first demand. */
export async function importedSite(): Promise<ImportedSite> {
  const root = path.join(inject('fixtureSiteRoot'), 'imported');
  mkdirSync(root, { recursive: true });
  await buildOnce(root, importAndBuild);
  const { fiches, dist, report } = layout(root);
  const { imported } = JSON.parse(readFileSync(report, 'utf8')) as { imported: number };
  return { fiches, dist, imported };
}
