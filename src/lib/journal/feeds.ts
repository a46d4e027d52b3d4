/**
 * The Atom 1.0 feeds of the journal (written by the `feed` library): the whole catalogue's at
 * /nouveautes.xml, and one per ROME code, NSF code, level and certificateur under /flux/, each linked
 * from its browse page with `<link rel="alternate">`. One entry per fiche and day, the newest first.
 */
import { Feed } from 'feed';
import { displayNumero, ficheUrl } from '../fiche.ts';
import { describeChangement } from './describe.ts';
import type { Facette, LigneJournal } from './lines.ts';

/** Entries in a feed: a reader that polls daily sees weeks of changes. */
export const ENTREES_PAR_FLUX = 50;

export const FLUX_CATALOGUE = '/nouveautes.xml';

const FOLDERS: Record<Facette, string> = {
  rome: 'rome',
  nsf: 'nsf',
  niveau: 'niveaux',
  certificateurs: 'certificateurs',
};

/** `/flux/rome/K1801.xml`: the feed of one code. */
export function fluxUrl(facette: Facette, code: string): string {
  return `/flux/${FOLDERS[facette]}/${code}.xml`;
}

/** `/rome/K1801/`: the page whose fiches a code's feed follows. */
export function fluxPageUrl(facette: Facette, code: string): string {
  return `/${FOLDERS[facette]}/${code}/`;
}

export interface FluxOptions {
  /** The site's public address (Astro's `site`). */
  site: URL;
  /** This feed's address on the site (`/flux/rome/K1801.xml`). */
  path: string;
  /** The page the feed stands for (`/rome/K1801/`). */
  page: string;
  titre: string;
  lignes: readonly LigneJournal[];
  /** The newest day of the whole journal (`AAAA-MM-JJ`): the date of a feed without entries. */
  dernierJour: string | undefined;
}

/**
 * The library writes titles and summaries as `type="html"`: a reader renders them as HTML, so the
 * fiche's text is escaped first (a title holding `<b>` shows `<b>`, never bold text).
 */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const dayDate = (date: string) => new Date(`${date}T00:00:00Z`);

/** The entry id: a tag URI (RFC 4151) that names the site, the day and the fiche, never reused. */
export function entryId(site: URL, date: string, numero: string): string {
  return `tag:${site.hostname},${date}:${numero}`;
}

export function fluxAtom(options: FluxOptions): string {
  const { site, lignes } = options;
  const shown = lignes.slice(0, ENTREES_PAR_FLUX);
  const newest = shown[0]?.date ?? options.dernierJour;
  const self = new URL(options.path, site).href;
  const feed = new Feed({
    id: self,
    title: options.titre,
    link: new URL(options.page, site).href,
    feedLinks: { atom: self },
    language: 'fr',
    updated: newest ? dayDate(newest) : new Date(0),
    generator: false,
    author: { name: 'Fiches RNCP', link: new URL('/', site).href },
    copyright: 'Données France Compétences, Licence Ouverte 2.0',
  });
  for (const { date, entree } of shown) {
    const link = new URL(ficheUrl(entree.numero), site).href;
    feed.addItem({
      id: entryId(site, date, entree.numero),
      title: escapeHtml(`${displayNumero(entree.numero)} : ${entree.intitule}`),
      link,
      date: dayDate(date),
      description: escapeHtml(entree.changements.map(describeChangement).join(' ; ')),
    });
  }
  return feed.atom1();
}
