/**
 * Reads a search query as an exact code: a fiche number (RNCP6133, « rncp 6133 », 6133, RS5000, a
 * France Compétences address), a ROME code (K1801) or an NSF code (332t). The search page shows
 * what it finds as « Accès direct » and Enter goes straight to it.
 *
 * Runs in the browser: no imports but types, so the search script stays small (the schema module
 * would bring zod along). The patterns mirror src/schema/codes.ts; tests/code-lookup.test.ts checks
 * they agree.
 */
import type { Repertoire } from '../schema/codes.ts';

export type CodeTarget =
  | { kind: 'fiche'; numero: string }
  | { kind: 'rome'; code: string }
  | { kind: 'nsf'; code: string };

/** What the site has pages for, as read from the built site (see ./search/codes-index.ts). */
export interface CodeDirectory {
  hasFiche(repertoire: Repertoire, numero: number): boolean;
  /** The label of a ROME code with a browse page, or undefined when it has none. */
  rome(code: string): string | undefined;
  /** The label of an NSF code with a browse page, or undefined when it has none. */
  nsf(code: string): string | undefined;
}

export interface DirectMatch {
  target: CodeTarget;
  /** The page on this site. */
  url: string;
  /** What the code is, in words: « Fiche RNCP 6133 », « Métier ROME K1801 ». */
  label: string;
  /** The code's label in its nomenclature, when known (ROME and NSF). */
  libelle?: string;
}

/** A fiche number without leading zeros: up to six digits, as in the schema. */
const NUMBER = '0*([1-9]\\d{0,5})';
const FICHE = new RegExp(`^(rncp|rs)\\s*[-_:#]?\\s*${NUMBER}$`, 'i');
/** A bloc de compétences (RNCP34762BC01) belongs to its fiche. */
const BLOC = new RegExp(`^(rncp|rs)${NUMBER}bc\\d{2,3}$`, 'i');
const ROME = /^(?:(?:code\s+)?rome\s*[-:]?\s*)?([a-n]\d{2}(?:\d{2})?)$/i;
/** NSF letters: a–g a disciplinary field, m n p r s t u v w a function, z personal development. */
const NSF_SPECIALITE = /^(?:(?:code\s+)?nsf\s*[-:]?\s*)?([1-9]\d{2}[a-gmnprstuvwz])$/i;
const NSF_PREFIXED = /^(?:code\s+)?nsf\s*[-:]?\s*([1-9]\d{0,2})$/i;
const BARE_NUMBER = /^[1-9]\d{0,5}$/;
const MAX_LENGTH = 300;

/**
 * Every page the query may designate, most likely first, whether or not the site has it. Empty
 * when the query is not a code (words, junk such as « K18O1 » or « RNCP » alone).
 */
export function parseCodeQuery(input: string): CodeTarget[] {
  if (input.length > MAX_LENGTH) return [];
  const query = input
    .normalize('NFKC')
    .trim()
    .replace(/^["'«“‘]+\s*|\s*["'»”’]+$/g, '')
    .replace(/\s+/g, ' ');
  if (query === '') return [];
  if (/^https?:\/\//i.test(query)) return fromUrl(query);

  const fiche = FICHE.exec(query) ?? BLOC.exec(query);
  if (fiche) return [ficheTarget(fiche[1]!, fiche[2]!)];

  const rome = ROME.exec(query);
  if (rome) return [{ kind: 'rome', code: rome[1]!.toUpperCase() }];

  const nsf = NSF_SPECIALITE.exec(query) ?? NSF_PREFIXED.exec(query);
  if (nsf) return [{ kind: 'nsf', code: nsf[1]!.toLowerCase() }];

  if (BARE_NUMBER.test(query)) {
    const targets: CodeTarget[] = [
      { kind: 'fiche', numero: `RNCP${query}` },
      { kind: 'fiche', numero: `RS${query}` },
    ];
    // 3, 33 and 332 are also an NSF catégorie, domaine and groupe.
    if (query.length <= 3) targets.push({ kind: 'nsf', code: query });
    return targets;
  }
  return [];
}

function ficheTarget(repertoire: string, numero: string): CodeTarget {
  return { kind: 'fiche', numero: `${repertoire.toUpperCase()}${numero}` };
}

/** France Compétences' fiche, the old CNCP résumé descriptif, France Travail's ROME page. */
function fromUrl(text: string): CodeTarget[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (host === 'francecompetences.fr') {
    const match = new RegExp(`^/recherche/(rncp|rs)/${NUMBER}/?$`, 'i').exec(url.pathname);
    return match ? [ficheTarget(match[1]!, match[2]!)] : [];
  }
  if (host === 'rncp.cncp.gouv.fr') {
    const match = new RegExp(`^${NUMBER}$`).exec(url.searchParams.get('fiche') ?? '');
    return match ? [ficheTarget('RNCP', match[1]!)] : [];
  }
  if (host.endsWith('francetravail.fr') || host.endsWith('pole-emploi.fr')) {
    const code = url.searchParams.get('codeRome') ?? url.pathname.split('/').findLast(Boolean);
    const match = /^[a-n]\d{4}$/i.exec(code ?? '');
    return match ? [{ kind: 'rome', code: match[0].toUpperCase() }] : [];
  }
  return [];
}

/** `/rncp/6133/`, `/rome/K1801/`, `/nsf/332t/`: the same addresses as src/lib/fiche.ts gives. */
export function targetUrl(target: CodeTarget): string {
  if (target.kind === 'fiche') {
    const { repertoire, numero } = splitNumero(target.numero);
    return `/${repertoire.toLowerCase()}/${numero}/`;
  }
  return `/${target.kind}/${target.code}/`;
}

function splitNumero(numero: string): { repertoire: Repertoire; numero: number } {
  const repertoire: Repertoire = numero.startsWith('RS') ? 'RS' : 'RNCP';
  return { repertoire, numero: Number(numero.slice(repertoire.length)) };
}

/** The query's targets that have a page on this site, most likely first. */
export function resolveCodeQuery(input: string, directory: CodeDirectory): DirectMatch[] {
  const matches: DirectMatch[] = [];
  for (const target of parseCodeQuery(input)) {
    if (target.kind === 'fiche') {
      const { repertoire, numero } = splitNumero(target.numero);
      if (directory.hasFiche(repertoire, numero)) {
        matches.push({ target, url: targetUrl(target), label: `Fiche ${repertoire} ${numero}` });
      }
      continue;
    }
    const libelle =
      target.kind === 'rome' ? directory.rome(target.code) : directory.nsf(target.code);
    if (libelle === undefined) continue;
    matches.push({
      target,
      url: targetUrl(target),
      label:
        target.kind === 'rome' ? `Métier ROME ${target.code}` : `Spécialité NSF ${target.code}`,
      ...(libelle ? { libelle } : {}),
    });
  }
  return matches;
}
