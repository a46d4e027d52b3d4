/**
 * What the benchmark reads and changes in the imported fiches: the searches it measures, with the
 * active fiches each must find, and the one title it edits before the rebuild.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/** Markdown fiches written by the import. */
export function listFiches(fiches: string): string[] {
  return readdirSync(fiches, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md'))
    .sort();
}

interface FicheFacts {
  numero: string;
  url: string;
  intitule: string;
  rome: string[];
  actif: boolean;
}

function ficheFacts(file: string): FicheFacts {
  const text = readFileSync(file, 'utf8');
  const front = yaml.load(text.slice(4, text.indexOf('\n---', 4))) as {
    numero_fiche: string;
    intitule: string;
    statut?: { actif?: boolean };
    rome?: { code: string }[];
  };
  const [, repertoire, numero] = /^(RNCP|RS)(\d+)$/.exec(front.numero_fiche) ?? [];
  return {
    numero: front.numero_fiche,
    url: `/${repertoire!.toLowerCase()}/${numero}/`,
    intitule: front.intitule,
    rome: (front.rome ?? []).map((r) => r.code),
    actif: front.statut?.actif === true,
  };
}

/** A search of the benchmark and what the catalogue says it must find. */
export interface SearchCase {
  q: string;
  kind: 'mots courants' | 'mot rare' | 'numéro' | 'ROME';
  /** Active fiches that must be among the hits (the default scope searches active fiches). */
  expected: string[];
}

/** The most common words of the catalogue, searched first: the heaviest searches. */
export const COMMON_QUERIES = ['compétences', 'gestion projet'];

const titleWords = (title: string) =>
  new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length >= 7),
  );

/**
 * The searches, from the imported fiches: the most common words, a word found in few titles, a
 * ROME code and a fiche number. Each expects the active fiches that hold it in their title or codes.
 */
export function searchCases(fichesDir: string): SearchCase[] {
  const files = listFiches(fichesDir);
  const facts = files.map((file) => ficheFacts(path.join(fichesDir, file)));
  const actives = facts.filter((f) => f.actif);
  const pool = actives.length > 0 ? actives : facts;
  const middle = pool[Math.floor(pool.length / 2)]!;
  const cases: SearchCase[] = COMMON_QUERIES.map((q) => ({
    q,
    kind: 'mots courants',
    expected: [],
  }));
  // The title word of an active fiche found in the fewest titles.
  const counts = new Map<string, number>();
  for (const f of facts)
    for (const w of titleWords(f.intitule)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let rare: string | undefined;
  for (const f of pool)
    for (const w of titleWords(f.intitule))
      if (rare === undefined || counts.get(w)! < counts.get(rare)!) rare = w;
  if (rare !== undefined) {
    cases.push({
      q: rare,
      kind: 'mot rare',
      expected: pool.filter((f) => titleWords(f.intitule).has(rare)).map((f) => f.url),
    });
  }
  const code = pool.find((f) => f.rome.length > 0)?.rome[0];
  if (code) {
    cases.push({
      q: code,
      kind: 'ROME',
      expected: pool.filter((f) => f.rome.includes(code)).map((f) => f.url),
    });
  }
  cases.push({ q: middle.numero, kind: 'numéro', expected: [middle.url] });
  return cases;
}

/** Edits one fiche's title the way an editor would: visible on its page and in every list. */
export function editOneTitle(fichesDir: string): string {
  const file = path.join(fichesDir, listFiches(fichesDir)[0]!);
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/^intitule: (.*)$/m, (line, value: string) => {
    const added = ' (intitulé revu)';
    if (/^".*"$/.test(value)) return `intitule: ${value.slice(0, -1)}${added}"`;
    if (/^'.*'$/.test(value)) return `intitule: ${value.slice(0, -1)}${added}'`;
    if (/^[>|]/.test(value)) return line; // a block scalar: its next line is edited below
    return `intitule: ${value}${added}`;
  });
  const final =
    edited === text
      ? text.replace(/^(intitule: [>|][^\n]*\n\s+[^\n]*)$/m, '$1 (intitulé revu)')
      : edited;
  if (final === text) throw new Error(`Intitulé introuvable dans ${file}`);
  writeFileSync(file, final);
  return file;
}
