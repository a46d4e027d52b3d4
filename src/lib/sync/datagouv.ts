/**
 * Where the daily export is: the resources of data.gouv.fr's dataset of the RNCP and the Répertoire
 * spécifique, read from its API (`<api>/2/datasets/<id>/resources/`, page after page), or zips already
 * in a folder (--source). Two zips a day are wanted, `export-fiches-rncp-v4-1-AAAA-MM-JJ.zip` and
 * `export-fiches-rs-v4-1-AAAA-MM-JJ.zip`; everything else of the dataset (CSV, older versions) is
 * passed over.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { REPERTOIRES, type Repertoire } from '../../schema/codes.ts';
import { SyncError } from './errors.ts';

export const DATASET_ID = '5eebbc067a14b6fecc9c9976';
export const DEFAULT_API = 'https://www.data.gouv.fr/api';
const PAGE_SIZE = 50;
/** More pages than the dataset has ever had (a few hundred resources): a server that never ends is a fault. */
const MAX_PAGES = 100;

/** The two répertoires, as src/schema/codes.ts names them, one zip each. */
export { REPERTOIRES, type Repertoire };

const ZIP_NAME = /^export-fiches-(rncp|rs)-v4-1-(\d{4}-\d{2}-\d{2})\.zip$/i;

/** `export-fiches-rs-v4-1-2026-08-16.zip` → RS of 2026-08-16. */
export function parseZipName(name: string): { repertoire: Repertoire; date: string } | undefined {
  const m = ZIP_NAME.exec(name);
  return m ? { repertoire: m[1]!.toUpperCase() as Repertoire, date: m[2]! } : undefined;
}

const resourceSchema = z.looseObject({
  id: z.string(),
  title: z.string().nullish(),
  url: z.string(),
  filesize: z.number().int().nonnegative().nullish(),
  checksum: z.looseObject({ type: z.string(), value: z.string() }).nullish(),
  last_modified: z.string().nullish(),
});
const pageSchema = z.looseObject({
  data: z.array(resourceSchema),
  next_page: z.string().nullish(),
});
export type Ressource = z.infer<typeof resourceSchema>;

/** One zip of the export, on data.gouv.fr (`ressource`) or on disk (`chemin`). */
export interface ExportZip {
  repertoire: Repertoire;
  date: string;
  fichier: string;
  ressource?: Ressource;
  chemin?: string;
}

export interface FetchOptions {
  retries: number;
  backoffMs: number;
  signal?: AbortSignal;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const backoff = (base: number, attempt: number) => Math.min(base * 2 ** attempt, 30_000);

/** A server error or a rate limit may pass; a 404 or a 403 will not. */
export const retryableStatus = (status: number) =>
  status >= 500 || status === 429 || status === 408;

function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** GET a JSON document, retrying network failures and server errors with a growing delay. */
async function getJson(url: string, options: FetchOptions): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    let failure: SyncError;
    let retry = true;
    let response: Response | undefined;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      failure = new SyncError(
        'reseau',
        `data.gouv.fr est injoignable (${networkMessage(error)}) : vérifiez la connexion, ou l’adresse donnée par --api.`,
      );
    }
    if (response?.ok) {
      try {
        return await response.json();
      } catch {
        throw new SyncError(
          'http',
          `Réponse illisible de data.gouv.fr (${url}) : du JSON était attendu.`,
        );
      }
    }
    if (response) {
      await response.body?.cancel();
      failure = new SyncError(
        'http',
        `data.gouv.fr a répondu ${response.status} ${response.statusText} à ${url}.`,
      );
      retry = retryableStatus(response.status);
    }
    if (!retry || attempt >= options.retries) throw failure!;
    await sleep(backoff(options.backoffMs, attempt));
  }
}

/** Every resource of the dataset, page after page. */
export async function listResources(api: string, options: FetchOptions): Promise<Ressource[]> {
  const base = api.replace(/\/+$/, '');
  const resources: Ressource[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = `${base}/2/datasets/${DATASET_ID}/resources/?page=${page}&page_size=${PAGE_SIZE}`;
    const parsed = pageSchema.safeParse(await getJson(url, options));
    if (!parsed.success) {
      throw new SyncError(
        'http',
        `Réponse inattendue de data.gouv.fr (${url}) : ${parsed.error.issues[0]?.message ?? 'format inconnu'}.`,
      );
    }
    resources.push(...parsed.data.data);
    if (!parsed.data.next_page || parsed.data.data.length === 0) return resources;
  }
  throw new SyncError('http', `data.gouv.fr liste plus de ${MAX_PAGES} pages de ressources.`);
}

/** The export's zips among the dataset's resources (by title, else by the address's file name). */
export function zipsOfResources(resources: readonly Ressource[]): ExportZip[] {
  const zips: ExportZip[] = [];
  for (const ressource of resources) {
    const names = [
      ressource.title ?? '',
      path.posix.basename(new URL(ressource.url, 'https://x/').pathname),
    ];
    for (const fichier of names) {
      const parsed = parseZipName(fichier.trim());
      if (parsed) {
        zips.push({ ...parsed, fichier: fichier.trim(), ressource });
        break;
      }
    }
  }
  return zips;
}

/** The export's zips in a folder (--source). */
export function zipsInFolder(folder: string): ExportZip[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    throw new SyncError('usage', `--source : dossier introuvable ou illisible « ${folder} ».`);
  }
  return names.flatMap((fichier) => {
    const parsed = parseZipName(fichier);
    return parsed ? [{ ...parsed, fichier, chemin: path.join(folder, fichier) }] : [];
  });
}

export interface ChoiceOptions {
  /** The day asked for (--date); else the newest day of the RNCP export. */
  date?: string;
  /** Accept RNCP and RS of different days (--allow-mixed-days): the newest of each. */
  allowMixedDays?: boolean;
  /** Where the zips were looked for, named in messages. */
  where: string;
}

/** The RNCP and RS zips to synchronise, or the French reason why there are none. */
export function chooseExport(
  zips: readonly ExportZip[],
  options: ChoiceOptions,
): Record<Repertoire, ExportZip> {
  const newest = (repertoire: Repertoire, date?: string) =>
    zips
      .filter((z) => z.repertoire === repertoire && (date === undefined || z.date === date))
      .sort(
        (a, b) =>
          b.date.localeCompare(a.date) ||
          (b.ressource?.last_modified ?? '').localeCompare(a.ressource?.last_modified ?? ''),
      )[0];
  const days = (repertoire: Repertoire) =>
    [...new Set(zips.filter((z) => z.repertoire === repertoire).map((z) => z.date))]
      .sort()
      .reverse()
      .slice(0, 3)
      .join(', ') || 'aucun';

  if (options.date !== undefined) {
    const rncp = newest('RNCP', options.date);
    const rs = newest('RS', options.date);
    for (const [repertoire, zip] of [
      ['RNCP', rncp],
      ['RS', rs],
    ] as const) {
      if (!zip) {
        throw new SyncError(
          'ressource_manquante',
          `Pas d’export ${repertoire} du ${options.date} sur ${options.where} (export-fiches-${repertoire.toLowerCase()}-v4-1-${options.date}.zip). Derniers jours trouvés : ${days(repertoire)}.`,
        );
      }
    }
    return { RNCP: rncp!, RS: rs! };
  }
  const rncp = newest('RNCP');
  if (!rncp) {
    throw new SyncError(
      'ressource_manquante',
      `Aucun export RNCP V4.1 (export-fiches-rncp-v4-1-AAAA-MM-JJ.zip) sur ${options.where}.`,
    );
  }
  const sameDay = newest('RS', rncp.date);
  if (sameDay) return { RNCP: rncp, RS: sameDay };
  const latestRs = newest('RS');
  if (latestRs && options.allowMixedDays) return { RNCP: rncp, RS: latestRs };
  throw new SyncError(
    'ressource_manquante',
    `L’export RS du ${rncp.date} manque sur ${options.where} (export-fiches-rs-v4-1-${rncp.date}.zip) : RNCP et RS doivent être du même jour.` +
      (latestRs
        ? ` Le dernier export RS est du ${latestRs.date} : --date ${latestRs.date} prend les deux exports de ce jour-là s’ils existent, --allow-mixed-days prend ces deux jours différents.`
        : ''),
  );
}
