/**
 * Writing the synthetic export (./synthetic.ts): seeded randomness, sample texts back to the HTML the
 * real export carries, fiches serialised as XML with CDATA texts, and the counts of what was written.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { XNode } from '../../../src/lib/import/tree.ts';
import { type GenerateOptions, type GeneratedExport, type Profile } from './synthetic.ts';

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

export const escapeXml = (s: string) =>
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

export const childOf = (n: XNode, name: string) => n.children.find((c) => c.name === name);
export const leafText = (n: XNode | undefined, name: string) =>
  n ? childOf(n, name)?.text.trim() : '';
export const numeroOf = (fiche: XNode) => childOf(fiche, 'NUMERO_FICHE')!.text.trim();

/** What is counted while texts are written. */
export interface Tally {
  juryBytes: number;
}

export interface Rewrite {
  from: RegExp;
  to: string;
  next: () => number;
  /** Share of HTML texts escaped twice, as seen in real exports. */
  doubleEscape: number;
  tally: Tally;
}

export function htmlBody(html: string, rw: Rewrite, element: string): string {
  if (element === 'COMPOSITION') rw.tally.juryBytes += Buffer.byteLength(html);
  return rw.next() < rw.doubleEscape ? cdata(escapeHtml(html)) : cdata(html);
}

export function serialize(n: XNode, indent: string, rw: Rewrite, parts: string[]): void {
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

export function partner(template: XNode, index: number): XNode {
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
export interface FicheCounts {
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

export class Counter {
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
export function countsOf(fiche: XNode, numero: string, partners: number): FicheCounts {
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
export function output(options: GenerateOptions, profile: Profile, seed: number) {
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

export const HEADER =
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n';
