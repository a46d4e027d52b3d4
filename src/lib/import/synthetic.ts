/**
 * A large synthetic export for benchmarks: the 13 real sample fiches (8 RNCP, 5 RS) repeated with new
 * numbers, written the way the real export is (long texts as HTML inside CDATA sections), with some
 * fiches holding more than 1,000 partners and a few texts escaped twice.
 *
 * Deterministic: the same `fiches`, `seed` and samples give the same bytes. Used by
 * scripts/generate-export.ts, scripts/bench-import.ts and the project benchmark (`npm run bench`).
 * Write it to a temporary folder: the samples' long texts are other people's sentences and are never
 * committed.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { XNode } from './tree.ts';
import { parseFiche, readFiches } from './xml.ts';

export const DEFAULT_SAMPLES_DIR = fileURLToPath(
  new URL('../../../../shared/data/france-competences/xml-v4.1-samples/', import.meta.url),
);
export const SAMPLE_FILES = ['export_fiches_RNCP_fixture.xml', 'export_fiches_RS_fixture.xml'];

export interface GenerateOptions {
  /** Number of FICHE elements to write. */
  fiches: number;
  /** Folder to write into (created if needed). */
  out: string;
  /** Seed of the pseudo-random choices (default 1). */
  seed?: number;
  /** Folder holding the sample exports (default ../shared/data/france-competences/xml-v4.1-samples). */
  samplesDir?: string;
  /** File name (default export_fiches_synthetique_<fiches>_<seed>.xml). */
  fileName?: string;
}

export interface GeneratedExport {
  path: string;
  bytes: number;
  fiches: number;
  rncp: number;
  rs: number;
  /** Fiches with more than 1,000 partners, and the largest partner count. */
  fichesOver1000Partners: number;
  maxPartners: number;
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

/** The flattened sample text back to simple HTML: paragraphs and bullet lists, as the real export has. */
export function textToHtml(text: string): string {
  const lines = text
    .split(/\r?\n| {4,}| {2,}(?=[•*\-–]\s)/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
  let html = '';
  let inList = false;
  for (const line of lines) {
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

function numeroOf(fiche: XNode): string {
  return fiche.children.find((c) => c.name === 'NUMERO_FICHE')!.text.trim();
}

interface Rewrite {
  from: RegExp;
  to: string;
  next: () => number;
  doubleEscape: boolean;
}

function serialize(n: XNode, indent: string, rw: Rewrite, parts: string[]): void {
  if (n.children.length === 0) {
    const raw = n.text.trim();
    let body: string;
    if (HTML_ELEMENTS.has(n.name) && raw !== '') {
      const html = textToHtml(raw);
      // A few texts escaped once too often, as seen in real exports.
      body = rw.doubleEscape && rw.next() < 0.05 ? cdata(escapeHtml(html)) : cdata(html);
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

export async function generateExport(options: GenerateOptions): Promise<GeneratedExport> {
  const seed = options.seed ?? 1;
  const templates = await loadTemplates(resolve(options.samplesDir ?? DEFAULT_SAMPLES_DIR));
  const allPartners = templates.flatMap(
    (t) =>
      t.children
        .find((c) => c.name === 'PARTENAIRES')
        ?.children.filter((c) => c.name === 'PARTENAIRE') ?? [],
  );
  const next = random(seed);
  mkdirSync(options.out, { recursive: true });
  const path = join(
    options.out,
    options.fileName ?? `export_fiches_synthetique_${options.fiches}_${seed}.xml`,
  );
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!stream.write(text)) await once(stream, 'drain');
  };

  const result: GeneratedExport = {
    path,
    bytes: 0,
    fiches: options.fiches,
    rncp: 0,
    rs: 0,
    fichesOver1000Partners: 0,
    maxPartners: 0,
    sampleNumeros: [],
  };
  await write(
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n',
  );
  const picks = new Set([0, Math.floor(options.fiches / 2), options.fiches - 1]);
  for (let i = 0; i < options.fiches; i++) {
    const template = templates[Math.floor(next() * templates.length)]!;
    const old = numeroOf(template);
    const prefix = old.startsWith('RS') ? 'RS' : 'RNCP';
    const numero = `${prefix}${100000 + i}`;
    if (prefix === 'RS') result.rs++;
    else result.rncp++;
    if (picks.has(i)) result.sampleNumeros.push(numero);

    let fiche: XNode = {
      ...template,
      children: template.children.map((c) => {
        if (c.name === 'ID_FICHE') return { ...c, text: String(900000 + i) };
        if (c.name === 'NUMERO_FICHE') return { ...c, text: numero };
        return c;
      }),
    };
    // One fiche in 40 holds between 1,000 and 2,500 partners.
    let partners = fiche.children.find((c) => c.name === 'PARTENAIRES')?.children.length ?? 0;
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
      result.fichesOver1000Partners++;
    }
    result.maxPartners = Math.max(result.maxPartners, partners);
    const parts: string[] = [];
    serialize(
      fiche,
      '  ',
      { from: new RegExp(`${old}(?!\\d)`, 'g'), to: numero, next, doubleEscape: true },
      parts,
    );
    await write(parts.join(''));
  }
  await write('</FICHES>\n');
  stream.end();
  await once(stream, 'finish');
  result.bytes = bytes;
  return result;
}
