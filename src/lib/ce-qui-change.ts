/**
 * « Ce qui change » between a fiche and a fiche that replaced it (or that it replaced), as both of
 * their pages show it. The changes are the journal's (src/lib/journal/diff.ts and describe.ts, which
 * compare two versions of one fiche), taken from the older fiche to the newer one: title, level,
 * codes, blocs, certificateurs, voies d'accès. The two fiches' registration dates are set side by
 * side. A fiche of the lignée that is not in the catalogue cannot be compared: the page says so and
 * links to France Compétences. Pure; src/lib/catalogue.ts reads the other fiches' files.
 */
import type { Fiche } from '../schema/fiche.ts';
import type { Changement } from '../schema/journal.ts';
import { displayNumero, lienFiche, lignee, type LienFiche } from './fiche.ts';
import { diffFiche, type FicheVersion } from './journal/diff.ts';
import { describeChangement } from './journal/describe.ts';
import { formatDate } from './wording.ts';

export type RelationDirecte = 'precedente' | 'suivante';

export interface Comparaison {
  /** The other fiche is this one's predecessor or successor. */
  relation: RelationDirecte;
  autre: LienFiche;
  /** Both fiches' registration, the older first: `RNCP 6133, inactive : du 3 mars 2007 au 3 mars 2012`. */
  enregistrements?: [string, string];
  /** From the older fiche to the newer one; none when the other fiche is not in the catalogue. */
  changements?: Changement[];
  /** One sentence per change. */
  textes?: string[];
  /** The blocs of the older fiche found again, with the same title, in the newer one. */
  repris?: BlocRepris[];
}

/**
 * Changes that say how two fiches of a lignée are related rather than what differs in them: the
 * status (the older one closed), the successor added, the end of registration (both periods are
 * given whole).
 */
const RELATION: ReadonlySet<Changement['type']> = new Set([
  'statut',
  'lignee',
  'fin_enregistrement',
]);

/** `du 3 mars 2007 au 3 mars 2012`, `depuis le 1 juillet 2024`, or `dates non connues`. */
export function periodeEnregistrement(dates: Fiche['dates']): string {
  const debut = dates?.effet ?? dates?.decision;
  const fin = dates?.fin_enregistrement;
  if (debut && fin) return `du ${formatDate(debut)} au ${formatDate(fin)}`;
  if (debut) return `depuis le ${formatDate(debut)}`;
  if (fin) return `jusqu’au ${formatDate(fin)}`;
  return 'dates non connues';
}

const enregistrement = (fiche: Fiche) =>
  `${displayNumero(fiche.numero_fiche)}, ${fiche.statut.actif ? 'active' : 'inactive'} : ${periodeEnregistrement(fiche.dates)}`;

/**
 * The blocs of the older fiche that the newer one takes over: those of the same title, then those
 * the export's correspondences (of either fiche) pair one to one. Bloc codes carry their fiche's
 * number (`RNCP9105BC02`), so a bloc's code never says it is the same in the next fiche.
 */
function pairBlocs(ancienne: Fiche, nouvelle: Fiche): Map<string, string> {
  const pairs = new Map<string, string>();
  const taken = new Set<string>();
  const pair = (nouveau: string, ancien: string) => {
    if (pairs.has(nouveau) || taken.has(ancien)) return;
    pairs.set(nouveau, ancien);
    taken.add(ancien);
  };
  const normalize = (libelle: string) => libelle.trim().toLowerCase();
  const anciens = ancienne.blocs ?? [];
  const nouveaux = nouvelle.blocs ?? [];
  for (const n of nouveaux) {
    const a = anciens.find((b) => normalize(b.libelle) === normalize(n.libelle));
    if (a) pair(n.code, a.code);
  }
  const has = (fiche: Fiche, code: string) => (fiche.blocs ?? []).some((b) => b.code === code);
  const oneToOne = (from: Fiche, to: Fiche) =>
    (from.correspondances ?? []).flatMap((c) =>
      c.fiche_destination === to.numero_fiche &&
      c.blocs_source.length === 1 &&
      c.blocs_destination?.length === 1 &&
      has(from, c.blocs_source[0]!) &&
      has(to, c.blocs_destination[0]!)
        ? [[c.blocs_source[0]!, c.blocs_destination[0]!] as const]
        : [],
    );
  for (const [n, a] of oneToOne(nouvelle, ancienne)) pair(n, a);
  for (const [a, n] of oneToOne(ancienne, nouvelle)) pair(n, a);
  return pairs;
}

/** A bloc of the older fiche found again in the newer one, under its title there. */
export interface BlocRepris {
  ancien: string;
  nouveau: string;
  libelle: string;
}

/**
 * The journal's changes from the older fiche to the newer one, the blocs matched as pairBlocs says
 * (a pair under two titles reads as renamed), and the blocs found again under the same title.
 */
export function changementsEntre(
  ancienne: Fiche,
  nouvelle: Fiche,
): { changements: Changement[]; repris: BlocRepris[] } {
  const pairs = pairBlocs(ancienne, nouvelle);
  // The newer fiche's blocs under the code of the older bloc they continue, for the diff only.
  const enAncien = new Map([...pairs].map(([n, a]) => [a, n]));
  const nouvelleVersion: FicheVersion = {
    ...nouvelle,
    ...(nouvelle.blocs
      ? { blocs: nouvelle.blocs.map((b) => ({ ...b, code: pairs.get(b.code) ?? b.code })) }
      : {}),
  };
  const shown = (code: string) => enAncien.get(code) ?? code;
  const changements = diffFiche(ancienne, nouvelleVersion)
    .filter((c) => !RELATION.has(c.type))
    .map((c) =>
      c.type === 'blocs'
        ? {
            ...c,
            ajoutes: c.ajoutes.map((b) => ({ ...b, code: shown(b.code) })),
            renommes: c.renommes.map((r) => ({ ...r, code: `${r.code} → ${shown(r.code)}` })),
          }
        : c,
    );
  const libelles = new Map((ancienne.blocs ?? []).map((b) => [b.code, b.libelle]));
  const repris = (nouvelle.blocs ?? []).flatMap((b) => {
    const ancien = pairs.get(b.code);
    return ancien !== undefined && libelles.get(ancien) === b.libelle
      ? [{ ancien, nouveau: b.code, libelle: b.libelle }]
      : [];
  });
  return { changements, repris };
}

/**
 * « Ce qui change » for each direct predecessor and successor of `fiche`: compared when `autres`
 * holds it (the fiches of the lignée that are in the catalogue, read whole), else said to be outside
 * the catalogue.
 */
export function ceQuiChange(fiche: Fiche, autres: ReadonlyMap<string, Fiche>): Comparaison[] {
  const l = lignee(fiche);
  const liens = new Map<
    string,
    { lien: (typeof l.precedentes)[number]; relation: RelationDirecte }
  >();
  for (const [relation, list] of [
    ['precedente', l.precedentes],
    ['suivante', l.suivantes],
  ] as const) {
    for (const lien of list) {
      if (lien.numero !== fiche.numero_fiche && !liens.has(lien.numero))
        liens.set(lien.numero, { lien, relation });
    }
  }
  return [...liens.values()].map(({ lien, relation }): Comparaison => {
    const autre = autres.get(lien.numero);
    const intitule = autre?.intitule ?? lien.intitule;
    const base = { relation, autre: lienFiche(lien.numero, autre !== undefined, intitule) };
    if (!autre) return base;
    const [ancienne, nouvelle] = relation === 'precedente' ? [autre, fiche] : [fiche, autre];
    const { changements, repris } = changementsEntre(ancienne, nouvelle);
    return {
      ...base,
      enregistrements: [enregistrement(ancienne), enregistrement(nouvelle)],
      changements,
      textes: changements.map(describeChangement),
      repris,
    };
  });
}
