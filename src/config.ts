/**
 * Settings of the site that are not content: where its source lives, so that each fiche page can link
 * to the file an editor corrects. Change them here, or with environment variables at build time.
 */
import path from 'node:path';
import { splitNumeroFiche } from './schema/codes.ts';

/** The public repository of the project (GitHub), without a trailing slash. */
export const REPOSITORY_URL = (
  process.env['REPOSITORY_URL'] ?? 'https://github.com/fiches-rncp/fiches-rncp'
).replace(/\/+$/, '');

/** The branch editors propose their changes against. */
export const DEFAULT_BRANCH = process.env['REPOSITORY_BRANCH'] ?? 'main';

/** Where the fiches are in the repository (the content collection may read another folder in tests). */
export const FICHES_REPOSITORY_DIR = 'content/fiches';

/** The folder the build reads fiches from, as in src/content.config.ts. */
export const FICHES_DIR = process.env['FICHES_DIR'] ?? './content/fiches';

/** GitHub's web editor for a file of the repository (`content/fiches/rncp/6133.md`). */
export function editUrl(repositoryPath: string): string {
  return `${REPOSITORY_URL}/edit/${DEFAULT_BRANCH}/${repositoryPath}`;
}

/** A file of the repository as GitHub shows it. */
export function blobUrl(repositoryPath: string): string {
  return `${REPOSITORY_URL}/blob/${DEFAULT_BRANCH}/${repositoryPath}`;
}

/** GitHub's history of a file, what « Mis à jour le » summarises. */
export function historyUrl(repositoryPath: string): string {
  return `${REPOSITORY_URL}/commits/${DEFAULT_BRANCH}/${repositoryPath}`;
}

/** A fiche's file: its path in the repository, and where this build reads it. */
export function ficheFile(numero: string): { repositoryPath: string; localPath: string } {
  const { repertoire, numero: n } = splitNumeroFiche(numero);
  const relative = `${repertoire.toLowerCase()}/${n}.md`;
  return {
    repositoryPath: `${FICHES_REPOSITORY_DIR}/${relative}`,
    localPath: path.resolve(FICHES_DIR, relative),
  };
}

/** The site's address (astro.config.mjs `site`), which every absolute URL of the open data needs. */
export function requireSite(site: URL | undefined): URL {
  if (!site)
    throw new Error('astro.config.mjs must set `site`: the open-data files use absolute URLs.');
  return site;
}
