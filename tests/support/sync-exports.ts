/**
 * The exports the sync tests serve, built from the real sample fiches of ../shared/data (never
 * committed): day 1 is the 13 samples plus 20 copies of RS6547 under new numbers (so that one fiche
 * leaving the export is under the guard's 5 %); day 2 changes a few of them the way France Compétences
 * does. Zips are written with yazl, as the export's are.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import type { ServedFile } from './datagouv-server.ts';

const SAMPLES = path.resolve('../shared/data/france-competences/xml-v4.1-samples');

export type Xml = { RNCP: string; RS: string };

/** The FICHE elements of an export's text, each as written (two-space indent). */
export function fichesOf(xml: string): string[] {
  return xml.match(/^ {2}<FICHE>\n[\s\S]*?^ {2}<\/FICHE>\n/gm) ?? [];
}

export function exportXml(fiches: readonly string[], version = '4.1'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<FICHES>\n  <VERSION_FLUX>${version}</VERSION_FLUX>\n${fiches.join('')}</FICHES>\n`;
}

const numeroOf = (fiche: string) => /<NUMERO_FICHE>([^<]+)</.exec(fiche)![1]!;

/** A copy of a fiche under another number (and ID_FICHE). */
export function cloneFiche(fiche: string, numero: string): string {
  return fiche
    .replace(/<NUMERO_FICHE>[^<]+</, `<NUMERO_FICHE>${numero}<`)
    .replace(/<ID_FICHE>\d+</, `<ID_FICHE>${numero.replace(/\D/g, '')}<`);
}

function sample(name: string): string[] {
  return fichesOf(readFileSync(path.join(SAMPLES, name), 'utf8'));
}

export const CLONES = Array.from({ length: 20 }, (_, i) => `RS${90001 + i}`);

/** Day 1: every sample, and the copies of RS6547. */
export function day1(): Xml {
  const rs = sample('export_fiches_RS_fixture.xml');
  const celta = rs.find((f) => numeroOf(f) === 'RS6547')!;
  return {
    RNCP: exportXml(sample('export_fiches_RNCP_fixture.xml')),
    RS: exportXml([...rs, ...CLONES.map((n) => cloneFiche(celta, n))]),
  };
}

/** Replaces `from` by `to` in the fiche `numero` of the export `xml` (the text must be there). */
export function editFiche(xml: string, numero: string, from: string | RegExp, to: string): string {
  const fiche = fichesOf(xml).find((f) => numeroOf(f) === numero);
  if (!fiche) throw new Error(`${numero} absent`);
  const edited = fiche.replace(from, to);
  if (edited === fiche) throw new Error(`${numero} : ${String(from)} introuvable`);
  return xml.replace(fiche, edited);
}

export function removeFiche(xml: string, numero: string): string {
  const fiche = fichesOf(xml).find((f) => numeroOf(f) === numero);
  if (!fiche) throw new Error(`${numero} absent`);
  return xml.replace(fiche, '');
}

/**
 * Day 2: RNCP35959 renamed, cites M1805, its first bloc renamed, VAE closed; RNCP37488 inactive with
 * its end of registration moved; RS6604 has left the export; RS90100 is new; RS5568's title changed.
 */
export function day2(): Xml {
  const d1 = day1();
  let rncp = d1.RNCP;
  rncp = editFiche(
    rncp,
    'RNCP35959',
    '<INTITULE>Développeur web</INTITULE>',
    '<INTITULE>Développeur web et web mobile</INTITULE>',
  );
  rncp = editFiche(
    rncp,
    'RNCP35959',
    '    <CODES_ROME>\n',
    '    <CODES_ROME>\n      <ROME>\n        <CODE>M1805</CODE>\n        <LIBELLE>Études et développement informatique</LIBELLE>\n      </ROME>\n',
  );
  rncp = editFiche(
    rncp,
    'RNCP35959',
    '<LIBELLE>Formaliser un besoin numérique</LIBELLE>',
    '<LIBELLE>Formaliser et chiffrer un besoin numérique</LIBELLE>',
  );
  rncp = editFiche(rncp, 'RNCP35959', /(<SI_JURY_VAE>\s*<ACTIF>)Oui/, '$1Non');
  rncp = editFiche(rncp, 'RNCP37488', /^ {4}<ACTIF>Oui<\/ACTIF>$/m, '    <ACTIF>Non</ACTIF>');
  rncp = editFiche(
    rncp,
    'RNCP37488',
    '<DATE_FIN_ENREGISTREMENT>31/08/2028<',
    '<DATE_FIN_ENREGISTREMENT>31/08/2026<',
  );
  let rs = removeFiche(d1.RS, 'RS6604');
  rs = editFiche(
    rs,
    'RS5568',
    '<INTITULE>Référent cybersécurité en TPE/PME</INTITULE>',
    '<INTITULE>Référent cybersécurité en TPE et PME</INTITULE>',
  );
  const celta = fichesOf(rs).find((f) => numeroOf(f) === 'RS6547')!;
  rs = rs.replace('</FICHES>\n', `${cloneFiche(celta, 'RS90100')}</FICHES>\n`);
  return { RNCP: rncp, RS: rs };
}

export async function zipOf(entries: { name: string; body: string | Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries)
    zip.addBuffer(Buffer.from(e.body), e.name, { mtime: new Date('2026-08-17T03:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const zipName = (repertoire: 'RNCP' | 'RS', date: string) =>
  `export-fiches-${repertoire.toLowerCase()}-v4-1-${date}.zip`;
export const entryName = (repertoire: 'RNCP' | 'RS', date: string) =>
  `export_fiches_${repertoire}_V4_1_${date}.xml`;

/** The two zips of a day, as the server serves them. */
export async function exportZips(date: string, xml: Xml): Promise<ServedFile[]> {
  return Promise.all(
    (['RNCP', 'RS'] as const).map(async (r) => ({
      name: zipName(r, date),
      body: await zipOf([{ name: entryName(r, date), body: xml[r] }]),
    })),
  );
}
