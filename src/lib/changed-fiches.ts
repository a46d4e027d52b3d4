/**
 * Which fiches a change touches, and which built pages show them: what `npm run check:fiches` checks
 * instead of the whole site when a pull request changes only fiches (.github/workflows/ci.yml).
 * Paths are relative to the repository, with `/`.
 */

export const FICHES_FOLDER = 'content/fiches';
const FICHE_FILE = /^content\/fiches\/(rncp|rs)\/(\d+)\.md$/;

/** `content/fiches/rncp/6133.md` and the like: a fiche an editor writes. */
export function isFicheFile(file: string): boolean {
  return FICHE_FILE.test(file);
}

/**
 * `fiches` when every changed file is a fiche (the fast check is enough), `tout` otherwise: code,
 * reference tables, configuration, anything else needs the full suite, and so does an empty list.
 */
export function changeScope(files: readonly string[]): 'fiches' | 'tout' {
  return files.length > 0 && files.every(isFicheFile) ? 'fiches' : 'tout';
}

/** `/rncp/6133/`: the page of the fiche in this file. */
export function fichePagePath(file: string): string {
  const match = FICHE_FILE.exec(file);
  if (!match) {
    throw new Error(
      `${file} n'est pas une fiche : un fichier content/fiches/rncp/N.md ou content/fiches/rs/N.md est attendu`,
    );
  }
  return `/${match[1]}/${match[2]}/`;
}

/** The built pages (site paths) that show the fiche of `file`: its page and its partner pages. */
export function fichePages(file: string, builtPages: readonly string[]): string[] {
  const page = fichePagePath(file);
  return builtPages.filter((p) => p === page || p.startsWith(`${page}partenaires/`)).sort();
}

/** The paths of `git diff --name-status` output that still exist, and those deleted. */
export function parseNameStatus(output: string): { changed: string[]; deleted: string[] } {
  const changed: string[] = [];
  const deleted: string[] = [];
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const [status = '', ...paths] = line.split('\t');
    // A rename (R100 old new) or copy: the new path is what exists now; a rename deletes the old.
    if (/^[RC]/.test(status)) {
      if (status.startsWith('R')) deleted.push(paths[0]!);
      changed.push(paths[1]!);
    } else if (status === 'D') deleted.push(paths[0]!);
    else changed.push(paths[0]!);
  }
  return { changed, deleted };
}
