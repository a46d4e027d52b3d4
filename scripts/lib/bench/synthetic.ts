/**
 * A large synthetic France Compétences export for the benchmark, written the way the real export is
 * (long texts as HTML inside CDATA sections, a few texts escaped twice), in two profiles:
 *
 * - `real` (default): shaped like the national export of 2026-08-16 (./national-figures.ts):
 *   84 % RNCP / 16 % RS, 23 % active with the real levels, ≈ 18.7 KB of XML per fiche (inactive fiches
 *   short, active ones longer), ≈ 13 partners per fiche with a long tail (a few fiches over 1,000),
 *   ≈ 2.2 blocs per RNCP fiche and none on RS, ≈ 2.16 certificateurs per fiche of which 31 % without a
 *   SIRET, ≈ 1.1 KB of jury compositions per fiche, at most 3 NSF, 5 ROME and 5 Formacodes, and
 *   lineage between generated fiches (an inactive fiche → its active successor). Texts are cut from
 *   and combined out of the real samples' texts of the same element, so word frequencies stay real;
 *   codes and names are the samples' own (known to the reference tables).
 * - `heavy`: the 13 real sample fiches repeated under new numbers (62 % RNCP, 38 % RS), one fiche in
 *   40 with 1,000 to 2,500 partners: about 3.5 times heavier per fiche than the real export, for
 *   stress runs.
 *
 * Deterministic: the same options and samples give the same bytes. Streaming: fiches are written one
 * at a time; only a few bytes per fiche (its kind and drawn counts) are kept. Write it to a temporary
 * folder: the samples' long texts are other people's sentences and are never committed.
 *
 * This file holds the options, the counts reported and the entry point; the writing is in
 * ./synthetic-writing.ts, the profiles in ./synthetic-heavy.ts and ./synthetic-real.ts (with the real
 * profile's distributions in ./synthetic-profile.ts and what it draws from in ./synthetic-pools.ts).
 */

import { join, resolve } from 'node:path';
import type { XNode } from '../../../src/lib/import/tree.ts';
import { sharedDataDir } from '../../../src/lib/test-data/manifest.ts';
import { parseFiche, readFiches } from '../../../src/lib/import/xml.ts';
import { generateHeavy } from './synthetic-heavy.ts';
import { generateReal } from './synthetic-real.ts';

export const DEFAULT_SAMPLES_DIR = join(sharedDataDir(), 'france-competences/xml-v4.1-samples');
export const SAMPLE_FILES = ['export_fiches_RNCP_fixture.xml', 'export_fiches_RS_fixture.xml'];

export const PROFILES = ['real', 'heavy'] as const;
export type Profile = (typeof PROFILES)[number];
export const DEFAULT_PROFILE: Profile = 'real';

export interface GenerateOptions {
  /** Number of FICHE elements to write. */
  fiches: number;
  /** Folder to write into (created if needed). */
  out: string;
  /** Seed of the pseudo-random choices (default 1). */
  seed?: number;
  /** `real` (default): like the national export; `heavy`: the samples repeated, for stress. */
  profile?: Profile;
  /** Folder holding the sample exports (default <SHARED_DATA_DIR or ../shared/data>/france-competences/xml-v4.1-samples). */
  samplesDir?: string;
  /** File name (default export_fiches_synthetique_<fiches>_<seed>[_heavy].xml). */
  fileName?: string;
}

/** What was generated, counted as the national figures are (./national-figures.ts). */
export interface GeneratedExport {
  profile: Profile;
  seed: number;
  path: string;
  bytes: number;
  fiches: number;
  rncp: number;
  rs: number;
  active: number;
  activeRncp: number;
  activeRs: number;
  bytesPerFiche: number;
  /** Partner rows, per fiche, the largest count and the fiches over 1,000. */
  partners: number;
  partnersPerFiche: number;
  maxPartners: number;
  fichesOver1000Partners: number;
  blocs: number;
  blocsRs: number;
  certificateurs: number;
  certificateursPerFiche: number;
  certificateursWithoutSiret: number;
  /** Bytes of jury compositions (the HTML inside their CDATA). */
  juryBytes: number;
  /** Active fiches by European level (`aucun`: no level, the RS fiches). */
  activeByLevel: Record<string, number>;
  maxNsf: number;
  maxRome: number;
  maxFormacodes: number;
  /** Lineage edges between generated fiches (each written on both fiches). */
  lineageLinks: number;
  /** A few numbers of the export, for --only (first, middle, last). */
  sampleNumeros: string[];
}

async function loadTemplates(samplesDir: string): Promise<XNode[]> {
  const templates: XNode[] = [];
  for (const name of SAMPLE_FILES) {
    for await (const fiche of readFiches(join(samplesDir, name))) templates.push(parseFiche(fiche));
  }
  if (templates.length === 0) throw new Error(`Aucune fiche exemple dans ${samplesDir}`);
  return templates;
}

export async function generateExport(options: GenerateOptions): Promise<GeneratedExport> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  if (!PROFILES.includes(profile)) throw new Error(`Profil inconnu : ${String(profile)}`);
  const templates = await loadTemplates(resolve(options.samplesDir ?? DEFAULT_SAMPLES_DIR));
  return profile === 'heavy' ? generateHeavy(options, templates) : generateReal(options, templates);
}
