/**
 * A large synthetic France Compétences export for the benchmark, written the way the real export is
 * (long texts as HTML inside CDATA sections, a few texts escaped twice), in two profiles:
 *
 * - `real` (default): shaped like the national export of 2026-08-16 (src/lib/bench/national-figures.ts):
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
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { XNode } from '../import/tree.ts';
import { parseFiche, readFiches } from '../import/xml.ts';
import { NATIONAL_EXPORT } from './national-figures.ts';

export const DEFAULT_SAMPLES_DIR = fileURLToPath(
  new URL('../../../../shared/data/france-competences/xml-v4.1-samples/', import.meta.url),
);
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
  /** Folder holding the sample exports (default ../shared/data/france-competences/xml-v4.1-samples). */
  samplesDir?: string;
  /** File name (default export_fiches_synthetique_<fiches>_<seed>[_heavy].xml). */
  fileName?: string;
}

/** What was generated, counted as the national figures are (src/lib/bench/national-figures.ts). */
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

/** Elements whose text is HTML in the real export. */
export const HTML_ELEMENTS = new Set([
  'OBJECTIFS_CONTEXTE',
  'ACTIVITES_VISEES',
  'CAPACITES_ATTESTEES',
  'SECTEURS_ACTIVITE',
  'TYPE_EMPLOI_ACCESSIBLES',
  'REGLEMENTATIONS_ACTIVITES',
  'PREREQUIS_ENTREE_FORMATION',
  'PREREQUIS_VALIDATION_CERTIFICATION',
  'NIVEAU_MAITRISE_COMPETENCES',
  'MODALITES_RENOUVELLEMENT',
  'LISTE_COMPETENCES',
  'MODALITES_EVALUATION',
  'PREREQUIS_ENTREE_FORMATION_BLOC',
  'PREREQUIS_VALIDATION_BLOC',
  'COMPOSITION',
]);

/** mulberry32: a small, fast, seeded generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeHtml = escapeXml;
const cdata = (s: string) => `<![CDATA[${s.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;

/** The sample's flattened text as lines: paragraphs, and bullets starting with •, *, - or –. */
export function textLines(text: string): string[] {
  return text
    .split(/\r?\n| {4,}| {2,}(?=[•*\-–]\s)/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
}

/** The flattened sample text back to simple HTML: paragraphs and bullet lists, as the real export has. */
export function textToHtml(text: string): string {
  let html = '';
  let inList = false;
  for (const line of textLines(text)) {
    const bullet = /^[•*\-–]\s+(.*)$/.exec(line);
    if (bullet) {
      if (!inList) html += '<ul>';
      inList = true;
      html += `<li>${escapeHtml(bullet[1]!)}</li>`;
    } else {
      if (inList) html += '</ul>';
      inList = false;
      const colon = /^([^:]{3,60}):\s(.*)$/.exec(line);
      html += colon
        ? `<p><strong>${escapeHtml(colon[1]!)}</strong> : ${escapeHtml(colon[2]!)}</p>`
        : `<p>${escapeHtml(line)}</p>`;
    }
  }
  if (inList) html += '</ul>';
  return html;
}

async function loadTemplates(samplesDir: string): Promise<XNode[]> {
  const templates: XNode[] = [];
  for (const name of SAMPLE_FILES) {
    for await (const fiche of readFiches(join(samplesDir, name))) templates.push(parseFiche(fiche));
  }
  if (templates.length === 0) throw new Error(`Aucune fiche exemple dans ${samplesDir}`);
  return templates;
}

const childOf = (n: XNode, name: string) => n.children.find((c) => c.name === name);
const leafText = (n: XNode | undefined, name: string) => (n ? childOf(n, name)?.text.trim() : '');
const numeroOf = (fiche: XNode) => childOf(fiche, 'NUMERO_FICHE')!.text.trim();

/** What is counted while texts are written. */
interface Tally {
  juryBytes: number;
}

interface Rewrite {
  from: RegExp;
  to: string;
  next: () => number;
  /** Share of HTML texts escaped twice, as seen in real exports. */
  doubleEscape: number;
  tally: Tally;
}

function htmlBody(html: string, rw: Rewrite, element: string): string {
  if (element === 'COMPOSITION') rw.tally.juryBytes += Buffer.byteLength(html);
  return rw.next() < rw.doubleEscape ? cdata(escapeHtml(html)) : cdata(html);
}

function serialize(n: XNode, indent: string, rw: Rewrite, parts: string[]): void {
  if (n.children.length === 0) {
    const raw = n.text.trim();
    let body: string;
    if (HTML_ELEMENTS.has(n.name) && raw !== '') {
      body = htmlBody(textToHtml(raw), rw, n.name);
    } else {
      body = escapeXml(raw.replace(rw.from, rw.to));
    }
    parts.push(`${indent}<${n.name}>${body}</${n.name}>\n`);
    return;
  }
  parts.push(`${indent}<${n.name}>\n`);
  for (const c of n.children) serialize(c, `${indent}  `, rw, parts);
  parts.push(`${indent}</${n.name}>\n`);
}

function partner(template: XNode, index: number): XNode {
  const copy: XNode = {
    ...template,
    children: template.children.map((c) =>
      c.name === 'SIRET_PARTENAIRE'
        ? { ...c, text: `${c.text.trim().slice(0, 9)}${String(index % 100000).padStart(5, '0')}` }
        : c,
    ),
  };
  return copy;
}

/** Counts of one fiche, shared by both profiles. */
interface FicheCounts {
  numero: string;
  rs: boolean;
  active: boolean;
  /** European level 1–8, or undefined. */
  level: number | undefined;
  bytes: number;
  partners: number;
  blocs: number;
  certificateurs: number;
  withoutSiret: number;
  nsf: number;
  rome: number;
  formacodes: number;
}

class Counter {
  readonly result: GeneratedExport;
  private readonly picks: Set<number>;
  private index = 0;

  constructor(profile: Profile, seed: number, path: string, fiches: number) {
    this.picks = new Set([0, Math.floor(fiches / 2), fiches - 1]);
    this.result = {
      profile,
      seed,
      path,
      bytes: 0,
      fiches,
      rncp: 0,
      rs: 0,
      active: 0,
      activeRncp: 0,
      activeRs: 0,
      bytesPerFiche: 0,
      partners: 0,
      partnersPerFiche: 0,
      maxPartners: 0,
      fichesOver1000Partners: 0,
      blocs: 0,
      blocsRs: 0,
      certificateurs: 0,
      certificateursPerFiche: 0,
      certificateursWithoutSiret: 0,
      juryBytes: 0,
      activeByLevel: { 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, aucun: 0 },
      maxNsf: 0,
      maxRome: 0,
      maxFormacodes: 0,
      lineageLinks: 0,
      sampleNumeros: [],
    };
  }

  add(c: FicheCounts): void {
    const r = this.result;
    if (this.picks.has(this.index++)) r.sampleNumeros.push(c.numero);
    if (c.rs) r.rs++;
    else r.rncp++;
    if (c.active) {
      r.active++;
      if (c.rs) r.activeRs++;
      else r.activeRncp++;
      const key = c.level === undefined ? 'aucun' : String(c.level);
      r.activeByLevel[key] = (r.activeByLevel[key] ?? 0) + 1;
    }
    r.partners += c.partners;
    r.maxPartners = Math.max(r.maxPartners, c.partners);
    if (c.partners > 1000) r.fichesOver1000Partners++;
    r.blocs += c.blocs;
    if (c.rs) r.blocsRs += c.blocs;
    r.certificateurs += c.certificateurs;
    r.certificateursWithoutSiret += c.withoutSiret;
    r.maxNsf = Math.max(r.maxNsf, c.nsf);
    r.maxRome = Math.max(r.maxRome, c.rome);
    r.maxFormacodes = Math.max(r.maxFormacodes, c.formacodes);
  }

  finish(bytes: number, juryBytes: number): GeneratedExport {
    const r = this.result;
    r.bytes = bytes;
    r.juryBytes = juryBytes;
    r.bytesPerFiche = r.fiches === 0 ? 0 : bytes / r.fiches;
    r.partnersPerFiche = r.fiches === 0 ? 0 : r.partners / r.fiches;
    r.certificateursPerFiche = r.fiches === 0 ? 0 : r.certificateurs / r.fiches;
    return r;
  }
}

/** Counts read on a sample fiche (the heavy profile copies them). */
function countsOf(fiche: XNode, numero: string, partners: number): FicheCounts {
  const certs = childOf(fiche, 'CERTIFICATEURS')?.children ?? [];
  const niveau = /^NIV([1-8])$/.exec(
    leafText(childOf(fiche, 'NOMENCLATURE_EUROPE'), 'NIVEAU') ?? '',
  );
  return {
    numero,
    rs: numero.startsWith('RS'),
    active: leafText(fiche, 'ACTIF') === 'Oui',
    level: niveau ? Number(niveau[1]) : undefined,
    bytes: 0,
    partners,
    blocs: childOf(fiche, 'BLOCS_COMPETENCES')?.children.length ?? 0,
    certificateurs: certs.length,
    withoutSiret: certs.filter((c) => !leafText(c, 'SIRET_CERTIFICATEUR')).length,
    nsf: childOf(fiche, 'CODES_NSF')?.children.length ?? 0,
    rome: childOf(fiche, 'CODES_ROME')?.children.length ?? 0,
    formacodes: childOf(fiche, 'FORMACODES')?.children.length ?? 0,
  };
}

/** A stream that counts what it writes and waits when the disk is behind. */
function output(options: GenerateOptions, profile: Profile, seed: number) {
  mkdirSync(options.out, { recursive: true });
  const path = join(
    options.out,
    options.fileName ??
      `export_fiches_synthetique_${options.fiches}_${seed}${profile === 'heavy' ? '_heavy' : ''}.xml`,
  );
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const out = {
    path,
    bytes: 0,
    async write(text: string) {
      out.bytes += Buffer.byteLength(text);
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'finish');
    },
  };
  return out;
}

const HEADER =
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n';

export async function generateExport(options: GenerateOptions): Promise<GeneratedExport> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  if (!PROFILES.includes(profile)) throw new Error(`Profil inconnu : ${String(profile)}`);
  const templates = await loadTemplates(resolve(options.samplesDir ?? DEFAULT_SAMPLES_DIR));
  return profile === 'heavy' ? generateHeavy(options, templates) : generateReal(options, templates);
}

// ------------------------------------------------------------------ heavy: the samples repeated

async function generateHeavy(
  options: GenerateOptions,
  templates: XNode[],
): Promise<GeneratedExport> {
  const seed = options.seed ?? 1;
  const allPartners = templates.flatMap(
    (t) => childOf(t, 'PARTENAIRES')?.children.filter((c) => c.name === 'PARTENAIRE') ?? [],
  );
  const next = random(seed);
  const out = output(options, 'heavy', seed);
  const counter = new Counter('heavy', seed, out.path, options.fiches);
  const tally: Tally = { juryBytes: 0 };
  await out.write(HEADER);
  for (let i = 0; i < options.fiches; i++) {
    const template = templates[Math.floor(next() * templates.length)]!;
    const old = numeroOf(template);
    const prefix = old.startsWith('RS') ? 'RS' : 'RNCP';
    const numero = `${prefix}${100000 + i}`;

    let fiche: XNode = {
      ...template,
      children: template.children.map((c) => {
        if (c.name === 'ID_FICHE') return { ...c, text: String(900000 + i) };
        if (c.name === 'NUMERO_FICHE') return { ...c, text: numero };
        return c;
      }),
    };
    // One fiche in 40 holds between 1,000 and 2,500 partners.
    let partners = childOf(fiche, 'PARTENAIRES')?.children.length ?? 0;
    if (next() < 1 / 40) {
      partners = 1000 + Math.floor(next() * 1500);
      const list = Array.from({ length: partners }, (_, k) =>
        partner(allPartners[k % allPartners.length]!, k),
      );
      const withoutPartners = fiche.children.filter(
        (c) => c.name !== 'PARTENAIRES' && c.name !== 'EXISTENCE_PARTENAIRES',
      );
      fiche = {
        ...fiche,
        children: [
          ...withoutPartners.slice(0, 8),
          { name: 'EXISTENCE_PARTENAIRES', text: 'Oui', children: [], line: 0 },
          { name: 'PARTENAIRES', text: '', children: list, line: 0 },
          ...withoutPartners.slice(8),
        ],
      };
    }
    counter.add(countsOf(fiche, numero, partners));
    const parts: string[] = [];
    serialize(
      fiche,
      '  ',
      { from: new RegExp(`${old}(?!\\d)`, 'g'), to: numero, next, doubleEscape: 0.05, tally },
      parts,
    );
    await out.write(parts.join(''));
  }
  await out.write('</FICHES>\n');
  await out.close();
  return counter.finish(out.bytes, tally.juryBytes);
}

// ------------------------------------------------------------------ real: like the national export

/** A distribution as segments: [probability, lowest, highest], uniform integers inside a segment. */
type Segments = readonly (readonly [number, number, number])[];

/** The value at quantile u (0 ≤ u < 1). */
function quantile(segments: Segments, quantileOf1: number): number {
  const u = quantileOf1 * segments.reduce((s, [p]) => s + p, 0);
  let cumulated = 0;
  for (const [p, lo, hi] of segments) {
    if (u < cumulated + p)
      return Math.min(hi, lo + Math.floor(((u - cumulated) / p) * (hi - lo + 1)));
    cumulated += p;
  }
  return segments.at(-1)![2];
}

/** Mean of a distribution given by segments. */
export function segmentsMean(segments: Segments): number {
  const total = segments.reduce((s, [p]) => s + p, 0);
  return segments.reduce((s, [p, lo, hi]) => s + (p * (lo + hi)) / 2, 0) / total;
}

/** The four kinds of fiche, each with its own distributions. */
const GROUPS = ['rncpActive', 'rncpInactive', 'rsActive', 'rsInactive'] as const;
type Group = (typeof GROUPS)[number];

/**
 * The real profile's distributions. Partners: ≈ 13 per fiche, mostly on active fiches, a few active
 * fiches over 1,000. Blocs: RNCP only, ≈ 3.9 per active and ≈ 1.7 per inactive fiche (55,761 in all).
 * Certificateurs: one for most fiches, tens for national diplomas (≈ 2.16 on average).
 */
export const REAL_PROFILE = {
  partners: {
    rncpActive: [
      [0.305, 0, 0],
      [0.35, 1, 10],
      [0.22, 11, 60],
      [0.1, 61, 220],
      [0.021, 251, 999],
      [0.004, 1001, 2500],
    ],
    rsActive: [
      [0.25, 0, 0],
      [0.4, 1, 10],
      [0.2, 11, 80],
      [0.11, 81, 260],
      [0.034, 301, 999],
      [0.006, 1001, 2500],
    ],
    rncpInactive: [
      [0.77, 0, 0],
      [0.19, 1, 10],
      [0.04, 11, 80],
    ],
    rsInactive: [
      [0.8, 0, 0],
      [0.17, 1, 10],
      [0.03, 11, 60],
    ],
  } satisfies Record<Group, Segments>,
  blocs: {
    rncpActive: [
      [0.15, 2, 2],
      [0.3, 3, 3],
      [0.3, 4, 4],
      [0.15, 5, 5],
      [0.1, 6, 8],
    ],
    rncpInactive: [
      [0.44, 0, 0],
      [0.15, 1, 1],
      [0.16, 2, 2],
      [0.15, 3, 4],
      [0.1, 5, 9],
    ],
    rsActive: [[1, 0, 0]],
    rsInactive: [[1, 0, 0]],
  } satisfies Record<Group, Segments>,
  certificateurs: [
    [0.72, 1, 1],
    [0.13, 2, 2],
    [0.09, 3, 5],
    [0.045, 6, 12],
    [0.015, 13, 40],
  ] satisfies Segments,
  /** Levels of inactive RNCP fiches (older ones: more levels 3 to 5). */
  inactiveLevels: [
    [0.2, 3, 3],
    [0.18, 4, 4],
    [0.22, 5, 5],
    [0.2, 6, 6],
    [0.195, 7, 7],
    [0.005, 8, 8],
  ] satisfies Segments,
  /** XML per fiche apart from partners, relative to the mean: active fiches longer. */
  sizeFactor: {
    rncpActive: 1.9,
    rncpInactive: 0.78,
    rsActive: 0.7,
    rsInactive: 0.4,
  } satisfies Record<Group, number>,
  /** Jury compositions per fiche, in bytes (34 MB over 30,475 fiches: ≈ 1,116). */
  juryBytes: {
    rncpActive: 2300,
    rncpInactive: 840,
    rsActive: 1800,
    rsInactive: 630,
  } satisfies Record<Group, number>,
  /** Share of inactive fiches that name a generated active successor. */
  lineage: 0.7,
  nsf: [0.6, 0.3, 0.1],
  rome: [0.3, 0.25, 0.2, 0.15, 0.1],
  formacodes: [0.4, 0.2, 0.15, 0.15, 0.1],
  withoutSiret: NATIONAL_EXPORT.certificateursWithoutSiret,
  doubleEscape: 0.01,
};

/** Counts per group for n fiches, proportional to the national export (largest remainders). */
function quotas(n: number): { group: Group; level: number | undefined; count: number }[] {
  const e = NATIONAL_EXPORT;
  const kinds: { group: Group; level: number | undefined; real: number }[] = [
    ...([3, 4, 5, 6, 7, 8] as const).map((level) => ({
      group: 'rncpActive' as const,
      level,
      real: e.activeByLevel[level],
    })),
    { group: 'rsActive', level: undefined, real: e.activeRs },
    { group: 'rncpInactive', level: undefined, real: e.rncp - e.activeRncp },
    { group: 'rsInactive', level: undefined, real: e.rs - e.activeRs },
  ];
  const exact = kinds.map((k) => (k.real * n) / e.fiches);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < n - counts.reduce((s, c) => s + c, 0); k++) counts[order[k]![1]]!++;
  return kinds.map((k, i) => ({ group: k.group, level: k.level, count: counts[i]! }));
}

function shuffle(array: Uint32Array | Uint8Array, next: () => number): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t;
  }
}

/** Pools drawn from the samples: texts by element, codes, organisations, blocs, titles. */
interface Pools {
  rncp: XNode[];
  rs: XNode[];
  /** Text lines by element, per répertoire (falling back to both). */
  lines: Map<string, { rncp: string[]; rs: string[]; all: string[] }>;
  /** Average text bytes by element per répertoire, to share a fiche's text budget. */
  weights: { rncp: Map<string, number>; rs: Map<string, number> };
  nsf: { rncp: [string, string][]; rs: [string, string][] };
  rome: [string, string][];
  formacodes: { rncp: [string, string][]; rs: [string, string][] };
  organisations: [string, string][];
  partners: XNode[];
  blocs: XNode[];
  titles: { rncp: string[]; rs: string[] };
}

function codes(templates: XNode[], list: string, item: string): [string, string][] {
  const seen = new Map<string, string>();
  for (const t of templates) {
    for (const c of childOf(t, list)?.children.filter((x) => x.name === item) ?? []) {
      const code = leafText(c, 'CODE');
      if (code && !seen.has(code)) seen.set(code, leafText(c, 'LIBELLE') ?? '');
    }
  }
  return [...seen];
}

function pools(templates: XNode[]): Pools {
  const rncp = templates.filter((t) => !numeroOf(t).startsWith('RS'));
  const rs = templates.filter((t) => numeroOf(t).startsWith('RS'));
  const lines: Pools['lines'] = new Map();
  const sums = { rncp: new Map<string, number>(), rs: new Map<string, number>() };
  const addText = (element: string, text: string, key: 'rncp' | 'rs') => {
    const entry = lines.get(element) ?? { rncp: [], rs: [], all: [] };
    const found = textLines(text);
    entry[key].push(...found);
    entry.all.push(...found);
    lines.set(element, entry);
  };
  for (const [key, list] of [
    ['rncp', rncp],
    ['rs', rs],
  ] as const) {
    for (const t of list) {
      for (const c of t.children) {
        if (HTML_ELEMENTS.has(c.name) && c.text.trim() !== '') {
          addText(c.name, c.text, key);
          sums[key].set(c.name, (sums[key].get(c.name) ?? 0) + Buffer.byteLength(c.text));
        }
        if (c.name.startsWith('SI_JURY_')) {
          const composition = leafText(c, 'COMPOSITION');
          if (composition) addText('COMPOSITION', composition, key);
        }
      }
    }
  }
  const blocs = rncp.flatMap((t) => childOf(t, 'BLOCS_COMPETENCES')?.children ?? []);
  const partners = templates.flatMap(
    (t) => childOf(t, 'PARTENAIRES')?.children.filter((c) => c.name === 'PARTENAIRE') ?? [],
  );
  const organisations = new Map<string, string>();
  for (const t of templates) {
    for (const c of childOf(t, 'CERTIFICATEURS')?.children ?? [])
      organisations.set(
        leafText(c, 'NOM_CERTIFICATEUR') ?? '',
        leafText(c, 'SIRET_CERTIFICATEUR') ?? '',
      );
  }
  for (const p of partners) {
    const name = leafText(p, 'NOM_PARTENAIRE');
    const siret = leafText(p, 'SIRET_PARTENAIRE');
    if (name && siret && /^\d{14}$/.test(siret) && !organisations.has(name))
      organisations.set(name, siret);
  }
  organisations.delete('');
  const blocTitles = blocs.map((b) => leafText(b, 'LIBELLE') ?? '').filter((t) => t.length > 10);
  return {
    rncp,
    rs,
    lines,
    weights: sums,
    nsf: { rncp: codes(rncp, 'CODES_NSF', 'NSF'), rs: codes(rs, 'CODES_NSF', 'NSF') },
    // And K1801, the code of the catalogue's own fiche (RNCP 6133), that the site's checks search for.
    rome: [...codes(rncp, 'CODES_ROME', 'ROME'), ...EXTRA_ROME],
    formacodes: {
      rncp: codes(rncp, 'FORMACODES', 'FORMACODE'),
      rs: codes(rs, 'FORMACODES', 'FORMACODE'),
    },
    organisations: [...organisations],
    partners,
    blocs,
    titles: {
      rncp: [...rncp.map((t) => leafText(t, 'INTITULE') ?? ''), ...blocTitles],
      rs: rs.map((t) => leafText(t, 'INTITULE') ?? ''),
    },
  };
}

/** ROME codes added to the samples' (France Compétences' v3 label, as in ../shared/notes/rncp.md). */
const EXTRA_ROME: [string, string][] = [
  ['K1801', 'Conseil en emploi et insertion socioprofessionnelle'],
];

/** Index drawn with weights (probabilities summing to 1). */
function pickWeighted(weights: readonly number[], u: number): number {
  let cumulated = 0;
  for (const [i, w] of weights.entries()) {
    cumulated += w;
    if (u < cumulated) return i;
  }
  return weights.length - 1;
}

/** k distinct entries of a list. */
function pickDistinct<T>(list: readonly T[], k: number, next: () => number): T[] {
  const start = Math.floor(next() * list.length);
  const step = 1 + Math.floor(next() * Math.max(1, list.length - 1));
  const chosen = new Set<number>();
  for (let i = 0; chosen.size < Math.min(k, list.length) && i < list.length * 2; i++)
    chosen.add((start + i * step) % list.length);
  for (let i = 0; chosen.size < Math.min(k, list.length); i++) chosen.add(i);
  return [...chosen].map((i) => list[i]!);
}

/** A text of about `target` bytes of HTML made of consecutive sample lines of one element. */
function textOfSize(lines: string[], target: number, next: () => number): string {
  if (lines.length === 0) return '';
  const chosen: string[] = [];
  let size = 0;
  let i = Math.floor(next() * lines.length);
  while (size < target && chosen.length < 5000) {
    let line = lines[i % lines.length]!;
    const room = target - size - 9;
    if (Buffer.byteLength(line) > room) {
      // The last line is cut at a word, as a summary would be.
      const cut = line.lastIndexOf(' ', Math.max(40, room));
      if (cut >= 40) line = `${line.slice(0, cut).replace(/[\s,;:.]+$/, '')}.`;
      else if (chosen.length > 0) break;
    }
    chosen.push(line);
    size += Buffer.byteLength(line) + 9;
    i++;
  }
  return textToHtml(chosen.join('\n'));
}

const LEVEL_LABEL = (level: number) => `Niveau ${level}`;
const pad2 = (n: number) => String(n).padStart(2, '0');
/** dd/mm/yyyy for a day drawn in a year range. */
const dateIn = (from: number, to: number, next: () => number) =>
  `${pad2(1 + Math.floor(next() * 28))}/${pad2(1 + Math.floor(next() * 12))}/${from + Math.floor(next() * (to - from + 1))}`;

const SKIPPED = new Set([
  'NOUVELLES_CERTIFICATIONS',
  'ANCIENNES_CERTIFICATIONS',
  'NOUVELLE_CERTIFICATION',
  'ANCIENNE_CERTIFICATION',
  'PARTENAIRES',
  'CORRESPONDANCES',
]);

async function generateReal(
  options: GenerateOptions,
  templates: XNode[],
): Promise<GeneratedExport> {
  const seed = options.seed ?? 1;
  const n = options.fiches;
  const P = REAL_PROFILE;
  const pool = pools(templates);
  const next = random(seed);

  // 1. Each fiche's kind, in exact proportions, shuffled: 1–6 active RNCP of level 3–8, 7 active RS,
  //    8 inactive RNCP, 9 inactive RS.
  const kind = new Uint8Array(n);
  {
    let at = 0;
    for (const [k, q] of quotas(n).entries()) kind.fill(k + 1, at, (at += q.count));
    shuffle(kind, next);
  }
  const groupOf = (k: number): Group =>
    k <= 6 ? 'rncpActive' : k === 7 ? 'rsActive' : k === 8 ? 'rncpInactive' : 'rsInactive';
  const isRs = (i: number) => kind[i] === 7 || kind[i] === 9;
  const isActive = (i: number) => kind[i]! <= 7;
  const numero = (i: number) => `${isRs(i) ? 'RS' : 'RNCP'}${100000 + i}`;

  // 2. Stratified draws within each group: quantiles (k + u) / m in a shuffled order, so that the
  //    counts follow their distribution closely even on a few thousand fiches.
  const stratified = (): Float32Array => {
    const u = new Float32Array(n);
    for (const group of GROUPS) {
      const members: number[] = [];
      for (let i = 0; i < n; i++) if (groupOf(kind[i]!) === group) members.push(i);
      const order = new Uint32Array(members.length).map((_, k) => k);
      shuffle(order, next);
      members.forEach((i, k) => (u[i] = (order[k]! + next()) / members.length));
    }
    return u;
  };
  const partnerCount = new Uint16Array(n);
  const blocCount = new Uint8Array(n);
  const certCount = new Uint8Array(n);
  const sizeU = stratified();
  {
    const uPartners = stratified();
    const uBlocs = stratified();
    const uCerts = stratified();
    for (let i = 0; i < n; i++) {
      const group = groupOf(kind[i]!);
      partnerCount[i] = quantile(P.partners[group], uPartners[i]!);
      blocCount[i] = quantile(P.blocs[group], uBlocs[i]!);
      certCount[i] = quantile(P.certificateurs, uCerts[i]!);
    }
    // A catalogue of a hundred fiches or more has its fiche with over 1,000 partners, as the real one.
    if (n >= 100 && !partnerCount.some((c) => c > 1000)) {
      let top = -1;
      for (let i = 0; i < n; i++)
        if (kind[i]! <= 6 && (top < 0 || uPartners[i]! > uPartners[top]!)) top = i;
      if (top >= 0) partnerCount[top] = 1001 + Math.floor(next() * 1500);
    }
  }

  // 3. Lineage: an inactive fiche names an active successor of the same répertoire and level.
  const inactiveLevel = new Uint8Array(n);
  const successor = new Int32Array(n).fill(-1);
  const predecessors = new Map<number, number[]>();
  {
    const actives = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (kind[i] === 8) inactiveLevel[i] = quantile(P.inactiveLevels, next());
      if (!isActive(i)) continue;
      const key = isRs(i) ? 'RS' : `RNCP${kind[i]! + 2}`;
      const same = actives.get(key);
      if (same) same.push(i);
      else actives.set(key, [i]);
    }
    for (let i = 0; i < n; i++) {
      if (isActive(i) || next() >= P.lineage) continue;
      const candidates =
        actives.get(isRs(i) ? 'RS' : `RNCP${inactiveLevel[i]}`) ??
        (isRs(i) ? undefined : [3, 4, 5, 6, 7].flatMap((l) => actives.get(`RNCP${l}`) ?? []));
      if (!candidates || candidates.length === 0) continue;
      const s = candidates[Math.floor(next() * candidates.length)]!;
      successor[i] = s;
      const earlier = predecessors.get(s);
      if (earlier) earlier.push(i);
      else predecessors.set(s, [i]);
    }
  }

  // 4. Sizes: a target of XML apart from partners per fiche, active fiches longer; the gap between
  //    target and result is carried over to the next fiches so that the mean holds.
  const partnerBytes =
    pool.partners.reduce((s, p) => s + partnerXml(p, 0).length, 0) / pool.partners.length;
  const share = (g: Group) => quotas(NATIONAL_EXPORT.fiches).filter((q) => q.group === g);
  const groupShare = Object.fromEntries(
    GROUPS.map((g) => [g, share(g).reduce((s, q) => s + q.count, 0) / NATIONAL_EXPORT.fiches]),
  ) as Record<Group, number>;
  const meanPartners = GROUPS.reduce((s, g) => s + groupShare[g] * segmentsMean(P.partners[g]), 0);
  const targetMean = NATIONAL_EXPORT.bytes / NATIONAL_EXPORT.fiches - meanPartners * partnerBytes;
  const factorMean = GROUPS.reduce((s, g) => s + groupShare[g] * P.sizeFactor[g], 0);
  let sizeCarry = 0;
  let juryCarry = 0;

  const out = output(options, 'real', seed);
  const counter = new Counter('real', seed, out.path, n);
  const tally: Tally = { juryBytes: 0 };
  let withoutSiretAccumulator = next();
  let partnerCursor = 0;
  await out.write(HEADER);

  for (let i = 0; i < n; i++) {
    const rs = isRs(i);
    const active = isActive(i);
    const group = groupOf(kind[i]!);
    const level = rs ? undefined : active ? kind[i]! + 2 : inactiveLevel[i];
    const list = rs ? pool.rs : pool.rncp;
    const template = list[Math.floor(next() * list.length)]!;
    const old = numeroOf(template);
    const num = numero(i);
    const rw: Rewrite = {
      from: new RegExp(`${old}(?!\\d)`, 'g'),
      to: num,
      next,
      doubleEscape: P.doubleEscape,
      tally,
    };
    const counts: FicheCounts = {
      numero: num,
      rs,
      active,
      level,
      bytes: 0,
      partners: partnerCount[i]!,
      blocs: blocCount[i]!,
      certificateurs: certCount[i]!,
      withoutSiret: 0,
      nsf: 1 + pickWeighted(P.nsf, next()),
      rome: rs ? 0 : 1 + pickWeighted(P.rome, next()),
      formacodes: 1 + pickWeighted(P.formacodes, next()),
    };
    const key = rs ? 'rs' : 'rncp';

    // Fixed parts first, texts as slots filled once the budget is known.
    const parts: (string | { element: string })[] = [];
    const ind = '    ';
    const leaf = (name: string, text: string) =>
      parts.push(`${ind}<${name}>${escapeXml(text)}</${name}>\n`);
    const codeList = (list: string, item: string, entries: [string, string][]) => {
      if (entries.length === 0) return;
      parts.push(`${ind}<${list}>\n`);
      for (const [code, libelle] of entries)
        parts.push(
          `${ind}  <${item}>\n${ind}    <CODE>${escapeXml(code)}</CODE>\n${ind}    <LIBELLE>${escapeXml(libelle)}</LIBELLE>\n${ind}  </${item}>\n`,
        );
      parts.push(`${ind}</${list}>\n`);
    };
    const lineage = (list: string, item: string, numeros: string[]) => {
      if (numeros.length === 0) return;
      parts.push(`${ind}<${list}>\n`);
      for (const nu of numeros)
        parts.push(
          `${ind}  <${item}>\n${ind}    <ID_FICHE_${item}>${nu}</ID_FICHE_${item}>\n${ind}  </${item}>\n`,
        );
      parts.push(`${ind}</${list}>\n`);
    };
    const textSlots: string[] = [];
    const juryVoies: string[] = [];

    for (const c of template.children) {
      const name = c.name;
      if (SKIPPED.has(name)) continue;
      if (name === 'ID_FICHE') leaf(name, String(900000 + i));
      else if (name === 'NUMERO_FICHE') {
        leaf(name, num);
        const later = successor[i]! >= 0 ? [numero(successor[i]!)] : [];
        const earlier = (predecessors.get(i) ?? []).map(numero);
        lineage('NOUVELLES_CERTIFICATIONS', 'NOUVELLE_CERTIFICATION', later);
        lineage('ANCIENNES_CERTIFICATIONS', 'ANCIENNE_CERTIFICATION', earlier);
        counter.result.lineageLinks += later.length;
      } else if (name === 'INTITULE') {
        const titles = pool.titles[key];
        leaf(name, titles[Math.floor(next() * titles.length)]!);
      } else if (name === 'ETAT_FICHE') leaf(name, 'Publiée');
      else if (name === 'ACTIF') leaf(name, active ? 'Oui' : 'Non');
      else if (name === 'FORMACODES')
        codeList(name, 'FORMACODE', pickDistinct(pool.formacodes[key], counts.formacodes, next));
      else if (name === 'CODES_NSF')
        codeList(name, 'NSF', pickDistinct(pool.nsf[key], counts.nsf, next));
      else if (name === 'CODES_ROME') {
        if (!rs) codeList(name, 'ROME', pickDistinct(pool.rome, counts.rome, next));
      } else if (name === 'NOMENCLATURE_EUROPE') {
        if (level !== undefined)
          parts.push(
            `${ind}<${name}>\n${ind}  <NIVEAU>NIV${level}</NIVEAU>\n${ind}  <LIBELLE>${LEVEL_LABEL(level)}</LIBELLE>\n${ind}</${name}>\n`,
          );
      } else if (name === 'CERTIFICATEURS') {
        parts.push(`${ind}<CERTIFICATEURS>\n`);
        for (const [nom, siret] of pickDistinct(pool.organisations, counts.certificateurs, next)) {
          withoutSiretAccumulator += P.withoutSiret;
          const bare = withoutSiretAccumulator >= 1;
          if (bare) {
            withoutSiretAccumulator -= 1;
            counts.withoutSiret++;
          }
          parts.push(
            `${ind}  <CERTIFICATEUR>\n` +
              (bare ? '' : `${ind}    <SIRET_CERTIFICATEUR>${siret}</SIRET_CERTIFICATEUR>\n`) +
              `${ind}    <NOM_CERTIFICATEUR>${escapeXml(nom)}</NOM_CERTIFICATEUR>\n` +
              `${ind}    <ETAT_CERTIFICATEUR>Actif</ETAT_CERTIFICATEUR>\n` +
              `${ind}    <DATE_DERNIERE_MODIFICATION_ETAT>${dateIn(2019, 2026, next)}</DATE_DERNIERE_MODIFICATION_ETAT>\n` +
              `${ind}  </CERTIFICATEUR>\n`,
          );
        }
        parts.push(`${ind}</CERTIFICATEURS>\n`);
      } else if (name === 'EXISTENCE_PARTENAIRES') {
        leaf(name, counts.partners > 0 ? 'Oui' : 'Non');
        if (counts.partners > 0) {
          // Written straight away: the only part that can be large, kept out of the size budget.
          const partnerParts = [`${ind}<PARTENAIRES>\n`];
          for (let k = 0; k < counts.partners; k++) {
            const p = pool.partners[(partnerCursor + k) % pool.partners.length]!;
            partnerParts.push(partnerXml(p, partnerCursor + k));
          }
          partnerCursor = (partnerCursor + counts.partners) % 100000;
          partnerParts.push(`${ind}</PARTENAIRES>\n`);
          parts.push(partnerParts.join(''));
        }
      } else if (name.startsWith('SI_JURY_')) {
        const open = leafText(c, 'ACTIF') === 'Oui';
        if (open) juryVoies.push(name);
        parts.push({ element: name });
      } else if (name === 'BLOCS_COMPETENCES') {
        if (counts.blocs > 0) {
          const blocParts: string[] = [];
          serializeBlocs(pickBlocs(pool.blocs, counts.blocs, next), num, rw, blocParts);
          parts.push(blocParts.join(''));
        }
      } else if (name === 'DATE_FIN_ENREGISTREMENT')
        leaf(name, active ? dateIn(2027, 2031, next) : dateIn(2012, 2025, next));
      else if (HTML_ELEMENTS.has(name) && c.text.trim() !== '') {
        textSlots.push(name);
        parts.push({ element: name });
      } else {
        const own: string[] = [];
        serialize(c, ind, rw, own);
        parts.push(own.join(''));
      }
    }
    // RNCP templates all have blocs and a level; should one lack them, the fiche goes without.
    if (!template.children.some((c) => c.name === 'BLOCS_COMPETENCES')) counts.blocs = 0;

    // Juries: a composition shared by the open voies, as most fiches do.
    const juryTarget = P.juryBytes[group] * (0.3 + 0.7 * -Math.log(1 - Math.min(next(), 0.999)));
    const juryWanted = Math.max(0, juryTarget + juryCarry);
    const perVoie = juryVoies.length > 0 ? juryWanted / juryVoies.length : 0;
    const compositionLines =
      pool.lines.get('COMPOSITION')?.[key] ?? pool.lines.get('COMPOSITION')?.all ?? [];
    const composition = perVoie >= 60 ? textOfSize(compositionLines, perVoie, next) : '';
    const juryWritten = composition ? Buffer.byteLength(composition) * juryVoies.length : 0;
    juryCarry = Math.max(-4 * P.juryBytes[group], juryWanted - juryWritten);
    const juryXml = new Map<string, string>();
    for (const voie of template.children.filter((c) => c.name.startsWith('SI_JURY_'))) {
      const open = juryVoies.includes(voie.name);
      const date = leafText(voie, 'DATE_DERNIERE_MODIFICATION');
      juryXml.set(
        voie.name,
        `${ind}<${voie.name}>\n${ind}  <ACTIF>${open ? 'Oui' : 'Non'}</ACTIF>\n` +
          (open && composition
            ? `${ind}  <COMPOSITION>${htmlBody(composition, rw, 'COMPOSITION')}</COMPOSITION>\n`
            : '') +
          (date
            ? `${ind}  <DATE_DERNIERE_MODIFICATION>${date}</DATE_DERNIERE_MODIFICATION>\n`
            : '') +
          `${ind}</${voie.name}>\n`,
      );
    }

    // Texts: what the fiche has left of its size target, shared as the samples share it.
    let fixed = 0;
    for (const p of parts) {
      if (typeof p === 'string') fixed += Buffer.byteLength(p);
      else if (juryXml.has(p.element)) fixed += Buffer.byteLength(juryXml.get(p.element)!);
    }
    const partnersWritten = parts
      .filter((p): p is string => typeof p === 'string' && p.startsWith(`${ind}<PARTENAIRES>`))
      .reduce((s, p) => s + Buffer.byteLength(p), 0);
    const shape = 0.4 + 0.6 * -Math.log(1 - Math.min(sizeU[i]!, 0.99999));
    const target = ((targetMean * P.sizeFactor[group]) / factorMean) * shape;
    const wanted = Math.max(0, target + Math.max(-0.6 * target, Math.min(target, sizeCarry)));
    const weights = pool.weights[key];
    const weightSum = textSlots.reduce((s, e) => s + (weights.get(e) ?? 1), 0);
    const budget = Math.max(0, wanted - (fixed - partnersWritten) - 60 * textSlots.length);
    const texts = new Map<string, string>();
    for (const element of textSlots) {
      const lines = pool.lines.get(element)?.[key] ?? pool.lines.get(element)?.all ?? [];
      const size = Math.min(
        64_000,
        Math.max(60, (budget * (weights.get(element) ?? 1)) / weightSum),
      );
      texts.set(
        element,
        `${ind}<${element}>${htmlBody(textOfSize(lines, size, next), rw, element)}</${element}>\n`,
      );
    }
    const xml =
      `  <FICHE>\n` +
      parts
        .map((p) =>
          typeof p === 'string' ? p : (juryXml.get(p.element) ?? texts.get(p.element) ?? ''),
        )
        .join('') +
      `  </FICHE>\n`;
    const written = Buffer.byteLength(xml);
    sizeCarry += target - (written - partnersWritten);
    counter.add(counts);
    await out.write(xml);
  }
  await out.write('</FICHES>\n');
  await out.close();
  return counter.finish(out.bytes, tally.juryBytes);
}

/** One partner of the samples under a SIRET of its own. */
function partnerXml(p: XNode, index: number): string {
  const ind = '      ';
  let xml = `${ind}<PARTENAIRE>\n`;
  for (const c of p.children) {
    let text = c.text.trim();
    if (c.name === 'SIRET_PARTENAIRE' && /^\d{14}$/.test(text))
      text = `${text.slice(0, 9)}${String(index % 100000).padStart(5, '0')}`;
    xml += `${ind}  <${c.name}>${escapeXml(text)}</${c.name}>\n`;
  }
  return `${xml}${ind}</PARTENAIRE>\n`;
}

function pickBlocs(blocs: XNode[], k: number, next: () => number): XNode[] {
  const start = Math.floor(next() * blocs.length);
  return Array.from({ length: k }, (_, j) => blocs[(start + j) % blocs.length]!);
}

/** Blocs renumbered for their fiche: RNCP100123BC01… */
function serializeBlocs(blocs: XNode[], numero: string, rw: Rewrite, parts: string[]): void {
  const ind = '    ';
  parts.push(`${ind}<BLOCS_COMPETENCES>\n`);
  blocs.forEach((bloc, j) => {
    const renamed: XNode = {
      ...bloc,
      children: bloc.children.map((c) =>
        c.name === 'CODE' ? { ...c, text: `${numero}BC${pad2(j + 1)}` } : c,
      ),
    };
    serialize(renamed, `${ind}  `, rw, parts);
  });
  parts.push(`${ind}</BLOCS_COMPETENCES>\n`);
}
