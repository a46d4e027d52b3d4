/** How a change of the journal reads, in French, on /nouveautes/, in the feeds and on a fiche's page. */
import { VOIES_ACCES } from '../../schema/fiche.ts';
import type { Changement } from '../../schema/journal.ts';
import { displayNumero } from '../fiche.ts';
import { formatDate, plural } from '../wording.ts';

const list = (items: readonly string[]) => items.join(', ');
const guillemets = (text: string) => `« ${text} »`;
const niveau = (key: string) => (key === 'sans-niveau' ? 'sans niveau' : `niveau ${key}`);
const voie = (key: keyof typeof VOIES_ACCES) =>
  VOIES_ACCES[key].charAt(0).toLowerCase() + VOIES_ACCES[key].slice(1);

function addedRemoved(
  what: [string, string],
  ajoutes: readonly string[],
  retires: readonly string[],
  added: [string, string],
  removed: [string, string],
): string {
  const parts: string[] = [];
  if (ajoutes.length > 0)
    parts.push(
      `${what[ajoutes.length > 1 ? 1 : 0]} ${added[ajoutes.length > 1 ? 1 : 0]} : ${list(ajoutes)}`,
    );
  if (retires.length > 0)
    parts.push(
      `${what[retires.length > 1 ? 1 : 0]} ${removed[retires.length > 1 ? 1 : 0]} : ${list(retires)}`,
    );
  return parts.join(' ; ');
}

const AJOUTE: [string, string] = ['ajouté', 'ajoutés'];
const RETIRE: [string, string] = ['retiré', 'retirés'];

/** One sentence for one change. */
export function describeChangement(c: Changement): string {
  switch (c.type) {
    case 'nouvelle':
      return 'Nouvelle fiche';
    case 'statut':
      return c.actif ? 'Fiche redevenue active' : 'Fiche devenue inactive';
    case 'fin_enregistrement':
      if (c.avant && c.apres)
        return `Fin d’enregistrement déplacée du ${formatDate(c.avant)} au ${formatDate(c.apres)}`;
      if (c.apres) return `Fin d’enregistrement fixée au ${formatDate(c.apres)}`;
      return `Fin d’enregistrement retirée (elle était au ${formatDate(c.avant!)})`;
    case 'intitule':
      return `Intitulé changé : ${guillemets(c.avant)} devient ${guillemets(c.apres)}`;
    case 'niveau':
      return `Niveau changé : ${niveau(c.avant)} devient ${niveau(c.apres)}`;
    case 'rome':
      return addedRemoved(['Code ROME', 'Codes ROME'], c.ajoutes, c.retires, AJOUTE, RETIRE);
    case 'nsf':
      return addedRemoved(['Code NSF', 'Codes NSF'], c.ajoutes, c.retires, AJOUTE, RETIRE);
    case 'formacodes':
      return addedRemoved(['Formacode', 'Formacodes'], c.ajoutes, c.retires, AJOUTE, RETIRE);
    case 'blocs': {
      const bloc = (b: { code: string; libelle: string }) => `${b.code} ${guillemets(b.libelle)}`;
      const parts = [
        addedRemoved(
          ['Bloc de compétences', 'Blocs de compétences'],
          c.ajoutes.map(bloc),
          c.retires.map(bloc),
          AJOUTE,
          RETIRE,
        ),
        ...c.renommes.map(
          (r) => `Bloc ${r.code} renommé : ${guillemets(r.avant)} devient ${guillemets(r.apres)}`,
        ),
      ];
      return parts.filter(Boolean).join(' ; ');
    }
    case 'certificateurs':
      return addedRemoved(
        ['Certificateur', 'Certificateurs'],
        c.ajoutes,
        c.retires,
        AJOUTE,
        RETIRE,
      );
    case 'voies_acces': {
      const parts: string[] = [];
      if (c.ouvertes.length > 0)
        parts.push(
          `${plural(c.ouvertes.length, 'Voie d’accès ouverte', 'Voies d’accès ouvertes')} : ${list(c.ouvertes.map(voie))}`,
        );
      if (c.fermees.length > 0)
        parts.push(
          `${plural(c.fermees.length, 'Voie d’accès fermée', 'Voies d’accès fermées')} : ${list(c.fermees.map(voie))}`,
        );
      return parts.join(' ; ');
    }
    case 'lignee': {
      const parts: string[] = [];
      if (c.suivantes.length > 0)
        parts.push(
          `${plural(c.suivantes.length, 'Nouvelle certification suivante', 'Nouvelles certifications suivantes')} : ${list(c.suivantes.map(displayNumero))}`,
        );
      if (c.precedentes.length > 0)
        parts.push(
          `${plural(c.precedentes.length, 'Nouvelle certification précédente', 'Nouvelles certifications précédentes')} : ${list(c.precedentes.map(displayNumero))}`,
        );
      return parts.join(' ; ');
    }
    case 'absente_export':
      return 'Absente de l’export de France Compétences (la fiche reste ici telle quelle)';
    case 'retour_export':
      return 'De retour dans l’export de France Compétences';
  }
}
