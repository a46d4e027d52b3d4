/**
 * The lignée of a certification as a timeline, oldest first: the fiches it replaced, itself, the
 * fiches that replaced it, each with its years of registration, level and status. A fiche of the
 * chain that is in the catalogue is described from its own data; one that is not is described with
 * what this fiche says of it (title, level) and linked to France Compétences.
 */
import type { FicheFacts } from '../../schema/summary.ts';
import { displayNumero, ficheUrl, franceCompetencesUrl, lignee } from '../fiche.ts';

/** The facts of a fiche of the catalogue, by number; undefined for a fiche not in the catalogue. */
export type FicheLookup = (numero: string) => FicheFacts | undefined;

export type Relation = 'precedente' | 'courante' | 'suivante' | 'ulterieure';

export type Statut = 'active' | 'inactive' | 'inconnu';

export interface LigneeMembre {
  numero: string;
  /** `RNCP 6133`. */
  display: string;
  intitule?: string;
  relation: Relation;
  /** Its place in the line, in words: « certification précédente », « remplace RNCP 16575 »… */
  place: string;
  /** This site's page, or France Compétences' when the fiche is not in the catalogue; none for the fiche itself. */
  href?: string;
  /** In the catalogue: `href` is this site's page (as in LienView of src/lib/catalogue.ts). */
  internal: boolean;
  /** Years of registration, short (`2007–2012`, `depuis 2021`, `inconnues`) for the picture. */
  anneesCourt: string;
  /** The same in words (`de 2007 à 2012`), for the description and the table. */
  annees: string;
  niveau: string;
  statut: Statut;
  statutTexte: string;
}

export interface TimelineRow {
  membre: LigneeMembre;
  courante: boolean;
  /** Top of the row; the row is ROW_HEIGHT tall. */
  y: number;
  dotY: number;
  /** First line (number, level, status) and second line (start of the title). */
  line1: string;
  line2: string;
  line1Y: number;
  line2Y: number;
}

export interface LigneeTimeline {
  title: string;
  description: string;
  membres: LigneeMembre[];
  geometry: {
    width: number;
    height: number;
    header: { y: number; anneesX: number; ficheX: number };
    line: { x: number; y1: number; y2: number };
    anneesX: number;
    textX: number;
    rowHeight: number;
    rows: TimelineRow[];
  };
}

export const TIMELINE_WIDTH = 560;
const ROW_HEIGHT = 56;
const HEADER_HEIGHT = 28;
const ANNEES_X = 104;
const LINE_X = 122;
const TEXT_X = 142;
/** Characters of a title that fit on the second line at 13 px. */
const TITLE_CHARS = 64;

const STATUT_TEXTE: Record<Statut, string> = {
  active: 'active',
  inactive: 'inactive',
  inconnu: 'statut non connu',
};

function year(iso: string | undefined): number | undefined {
  return iso ? Number(iso.slice(0, 4)) : undefined;
}

/** Years of registration from the dates of a fiche: effect (else decision) to end of registration. */
export function anneesEnregistrement(
  dates: FicheFacts['dates'],
  statut: Statut,
): { court: string; long: string } {
  const debut = year(dates?.effet ?? dates?.decision);
  const fin = year(dates?.fin_enregistrement);
  if (debut !== undefined && fin !== undefined) {
    return debut === fin
      ? { court: String(debut), long: `en ${debut}` }
      : { court: `${debut}–${fin}`, long: `de ${debut} à ${fin}` };
  }
  if (debut !== undefined) {
    return statut === 'active'
      ? { court: `depuis ${debut}`, long: `depuis ${debut}` }
      : { court: `${debut}–?`, long: `à partir de ${debut}, fin non connue` };
  }
  if (fin !== undefined) return { court: `?–${fin}`, long: `jusqu’en ${fin}` };
  return { court: 'inconnues', long: 'années non connues' };
}

function niveauTexte(facts: FicheFacts | undefined, niveauLien: number | undefined): string {
  const europe = facts?.niveau?.europe ?? niveauLien;
  if (europe !== undefined) return `niveau ${europe}`;
  return facts ? 'sans niveau' : 'niveau non connu';
}

function membre(
  numero: string,
  relation: Relation,
  place: string,
  facts: FicheFacts | undefined,
  lien: { intitule?: string | undefined; niveau_europe?: number | undefined },
  courante: boolean,
): LigneeMembre {
  const statut: Statut = facts ? (facts.statut.actif ? 'active' : 'inactive') : 'inconnu';
  const annees = anneesEnregistrement(facts?.dates, statut);
  const intitule = facts?.intitule ?? lien.intitule;
  const href = courante ? undefined : facts ? ficheUrl(numero) : franceCompetencesUrl(numero);
  return {
    numero,
    display: displayNumero(numero),
    ...(intitule ? { intitule } : {}),
    relation,
    place,
    ...(href ? { href } : {}),
    internal: facts !== undefined,
    anneesCourt: annees.court,
    annees: annees.long,
    niveau: niveauTexte(facts, lien.niveau_europe),
    statut,
    statutTexte: STATUT_TEXTE[statut],
  };
}

/**
 * The timeline of a fiche's lignée; undefined when the fiche has neither predecessor nor successor.
 * `lookup` gives the facts of the other fiches of the chain that are in the catalogue.
 */
export function ligneeTimeline(fiche: FicheFacts, lookup: FicheLookup): LigneeTimeline | undefined {
  const l = lignee(fiche);
  if (l.precedentes.length + l.suivantes.length + l.ulterieures.length === 0) return undefined;
  const seen = new Set<string>([fiche.numero_fiche]);
  const others = (
    liens: typeof l.precedentes,
    relation: Relation,
    place: (lien: (typeof liens)[number]) => string,
  ) =>
    liens.flatMap((lien) => {
      if (seen.has(lien.numero)) return [];
      seen.add(lien.numero);
      return [membre(lien.numero, relation, place(lien), lookup(lien.numero), lien, false)];
    });
  const membres = [
    ...others(l.precedentes, 'precedente', () => 'certification précédente'),
    membre(fiche.numero_fiche, 'courante', 'cette fiche', fiche, {}, true),
    ...others(l.suivantes, 'suivante', () => 'certification suivante'),
    ...others(l.ulterieures, 'ulterieure', (lien) =>
      lien.precedente ? `remplace ${displayNumero(lien.precedente)}` : 'certification ultérieure',
    ),
  ];
  const rows = membres.map((m, i): TimelineRow => {
    const y = HEADER_HEIGHT + i * ROW_HEIGHT;
    return {
      membre: m,
      courante: m.relation === 'courante',
      y,
      dotY: y + 18,
      line1: `${m.display} · ${m.niveau} · ${m.statutTexte}`,
      line2: m.intitule ? truncate(m.intitule, TITLE_CHARS) : 'intitulé non connu',
      line1Y: y + 23,
      line2Y: y + 42,
    };
  });
  const display = displayNumero(fiche.numero_fiche);
  return {
    title: `Lignée de la certification ${display}`,
    description: `${membres.length} certifications, de la plus ancienne à la plus récente : ${membres
      .map(
        (m) =>
          `${m.display}${m.relation === 'courante' ? ' (cette fiche)' : ''}, ${m.annees}, ${m.niveau}, ${m.statutTexte}`,
      )
      .join(' ; ')}.`,
    membres,
    geometry: {
      width: TIMELINE_WIDTH,
      height: HEADER_HEIGHT + membres.length * ROW_HEIGHT,
      header: { y: 16, anneesX: ANNEES_X, ficheX: TEXT_X },
      line: { x: LINE_X, y1: rows[0]!.dotY, y2: rows.at(-1)!.dotY },
      anneesX: ANNEES_X,
      textX: TEXT_X,
      rowHeight: ROW_HEIGHT,
      rows,
    },
  };
}

/**
 * Shortens a text to at most `max` characters at a word boundary, with an ellipsis. SVG text does
 * not wrap: the picture shows the start of a long title, the table beside it the whole title.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
