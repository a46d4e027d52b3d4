/**
 * What changed in a fiche between two versions of its file, computed from the fiches (never from the
 * export's XML), in the order a reader cares about: status, end of registration, title, level, codes,
 * blocs, certificateurs, voies d'accès, lineage. Pure; `npm run sync` calls it for every fiche it
 * rewrites (src/lib/sync/journal-day.ts).
 */
import { VOIES_ACCES, type Fiche, type VoieAcces } from '../../schema/fiche.ts';
import type { Changement, EntreeJournal } from '../../schema/journal.ts';
import { niveauKey } from '../niveau.ts';
import { certificateurSlug } from '../fiche.ts';

/** The part of a fiche the journal looks at (a fiche file's frontmatter). */
export type FicheVersion = Pick<
  Fiche,
  | 'numero_fiche'
  | 'intitule'
  | 'statut'
  | 'dates'
  | 'niveau'
  | 'rome'
  | 'nsf'
  | 'formacodes'
  | 'blocs'
  | 'certificateurs'
  | 'voies_acces'
  | 'lignee'
>;

function addedRemoved<T>(before: readonly T[], after: readonly T[], key: (item: T) => string) {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    ajoutes: after.filter((item) => !beforeKeys.has(key(item))),
    retires: before.filter((item) => !afterKeys.has(key(item))),
  };
}

const codesOf = (list: readonly { code: string }[] | undefined) => (list ?? []).map((c) => c.code);
const numerosOf = (list: readonly { numero: string }[] | undefined) =>
  (list ?? []).map((l) => l.numero);
const same = (x: string) => x;

function codeChange(
  type: 'rome' | 'nsf' | 'formacodes',
  before: readonly { code: string }[] | undefined,
  after: readonly { code: string }[] | undefined,
): Changement[] {
  const { ajoutes, retires } = addedRemoved(codesOf(before), codesOf(after), same);
  return ajoutes.length + retires.length > 0 ? [{ type, ajoutes, retires }] : [];
}

/** The changes from `before` to `after` (the same fiche), empty when nothing the journal follows changed. */
export function diffFiche(before: FicheVersion, after: FicheVersion): Changement[] {
  const changes: Changement[] = [];
  if (before.statut.actif !== after.statut.actif)
    changes.push({ type: 'statut', actif: after.statut.actif });
  const finAvant = before.dates?.fin_enregistrement;
  const finApres = after.dates?.fin_enregistrement;
  if (finAvant !== finApres) {
    changes.push({
      type: 'fin_enregistrement',
      ...(finAvant ? { avant: finAvant } : {}),
      ...(finApres ? { apres: finApres } : {}),
    });
  }
  if (before.intitule !== after.intitule)
    changes.push({ type: 'intitule', avant: before.intitule, apres: after.intitule });
  const niveauAvant = niveauKey(before);
  const niveauApres = niveauKey(after);
  if (niveauAvant !== niveauApres)
    changes.push({ type: 'niveau', avant: niveauAvant, apres: niveauApres });
  changes.push(
    ...codeChange('rome', before.rome, after.rome),
    ...codeChange('nsf', before.nsf, after.nsf),
    ...codeChange('formacodes', before.formacodes, after.formacodes),
  );

  const blocsAvant = (before.blocs ?? []).map(({ code, libelle }) => ({ code, libelle }));
  const blocsApres = (after.blocs ?? []).map(({ code, libelle }) => ({ code, libelle }));
  const blocs = addedRemoved(blocsAvant, blocsApres, (b) => b.code);
  const libelles = new Map(blocsAvant.map((b) => [b.code, b.libelle]));
  const renommes = blocsApres
    .filter((b) => libelles.has(b.code) && libelles.get(b.code) !== b.libelle)
    .map((b) => ({ code: b.code, avant: libelles.get(b.code)!, apres: b.libelle }));
  if (blocs.ajoutes.length + blocs.retires.length + renommes.length > 0)
    changes.push({ type: 'blocs', ...blocs, renommes });

  const certificateurs = addedRemoved(before.certificateurs, after.certificateurs, (c) =>
    certificateurSlug(c),
  );
  if (certificateurs.ajoutes.length + certificateurs.retires.length > 0) {
    changes.push({
      type: 'certificateurs',
      ajoutes: certificateurs.ajoutes.map((c) => c.nom),
      retires: certificateurs.retires.map((c) => c.nom),
    });
  }

  const voies = Object.keys(VOIES_ACCES) as VoieAcces[];
  const ouvertes = voies.filter(
    (v) => after.voies_acces[v].ouverte === true && before.voies_acces[v].ouverte !== true,
  );
  const fermees = voies.filter(
    (v) => after.voies_acces[v].ouverte === false && before.voies_acces[v].ouverte === true,
  );
  if (ouvertes.length + fermees.length > 0)
    changes.push({ type: 'voies_acces', ouvertes, fermees });

  const precedentes = addedRemoved(
    numerosOf(before.lignee?.precedentes),
    numerosOf(after.lignee?.precedentes),
    same,
  ).ajoutes;
  const suivantes = addedRemoved(
    numerosOf(before.lignee?.suivantes),
    numerosOf(after.lignee?.suivantes),
    same,
  ).ajoutes;
  if (precedentes.length + suivantes.length > 0)
    changes.push({ type: 'lignee', precedentes, suivantes });
  return changes;
}

const union = (...lists: (readonly string[])[]) => [...new Set(lists.flat())];

/**
 * A journal entry for a fiche: its changes, with its title and the codes it had before and after (the
 * feed of a code lists the changes of fiches that cited it, the day it stopped included).
 */
export function journalEntry(
  after: FicheVersion,
  changements: Changement[],
  before?: FicheVersion,
): EntreeJournal {
  const rome = union(codesOf(before?.rome), codesOf(after.rome));
  const nsf = union(codesOf(before?.nsf), codesOf(after.nsf));
  const certificateurs = union(
    (before?.certificateurs ?? []).map(certificateurSlug),
    after.certificateurs.map(certificateurSlug),
  );
  return {
    numero: after.numero_fiche,
    intitule: after.intitule,
    ...(rome.length > 0 ? { rome } : {}),
    ...(nsf.length > 0 ? { nsf } : {}),
    niveau: niveauKey(after),
    ...(certificateurs.length > 0 ? { certificateurs } : {}),
    changements,
  };
}
