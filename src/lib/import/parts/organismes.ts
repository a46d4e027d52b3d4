/**
 * The organisations of a fiche: its certificateurs (a fiche without one fails) and the partners they
 * empower to prepare for it or to assess it.
 */
import { HABILITATIONS } from '../../../schema/fiche.ts';
import { F, type FicheReader } from '../reader.ts';
import { child, children, type XNode } from '../tree.ts';

export function certificateurs(fiche: XNode, r: FicheReader) {
  const path = `${F}/CERTIFICATEURS/CERTIFICATEUR`;
  const list = children(child(fiche, 'CERTIFICATEURS'), 'CERTIFICATEUR').flatMap((c) => {
    const nom = r.value(c, 'NOM_CERTIFICATEUR');
    const item = {
      nom,
      siret: r.siret(r.value(c, 'SIRET_CERTIFICATEUR'), `${path}/SIRET_CERTIFICATEUR`),
      nom_commercial: r.value(c, 'NOM_COMMERCIAL'),
      site_internet: r.liens(r.value(c, 'SITE_INTERNET'), `${path}/SITE_INTERNET`),
      etat: r.value(c, 'ETAT_CERTIFICATEUR'),
      date_derniere_modification_etat: r.date(
        r.value(c, 'DATE_DERNIERE_MODIFICATION_ETAT'),
        `${path}/DATE_DERNIERE_MODIFICATION_ETAT`,
      ),
    };
    if (nom === undefined) {
      r.warn(`${path}/NOM_CERTIFICATEUR`, 'certificateur sans nom, laissé de côté', item.siret);
      return [];
    }
    return [item];
  });
  if (list.length === 0)
    r.fail('aucun certificateur nommé (CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR)');
  return list;
}

export function partenaires(fiche: XNode, r: FicheReader) {
  const path = `${F}/PARTENAIRES/PARTENAIRE`;
  return children(child(fiche, 'PARTENAIRES'), 'PARTENAIRE').flatMap((p) => {
    const nom = r.value(p, 'NOM_PARTENAIRE');
    const habilitationRaw = r.value(p, 'HABILITATION_PARTENAIRE');
    const habilitation = habilitationRaw?.toUpperCase().replace(/\s+/g, '_');
    const known = (HABILITATIONS as readonly string[]).includes(habilitation ?? '');
    if (habilitationRaw !== undefined && !known) {
      r.warn(
        `${path}/HABILITATION_PARTENAIRE`,
        `habilitation inconnue (attendu ${HABILITATIONS.join(', ')}), laissée de côté`,
        habilitationRaw,
      );
    }
    const item = {
      nom,
      siret: r.siret(r.value(p, 'SIRET_PARTENAIRE'), `${path}/SIRET_PARTENAIRE`),
      habilitation: known ? habilitation : undefined,
      etat: r.value(p, 'ETAT_HABILITATION'),
      date_actif: r.date(r.value(p, 'DATE_ACTIF'), `${path}/DATE_ACTIF`),
      date_derniere_modification_etat: r.date(
        r.value(p, 'DATE_DERNIERE_MODIFICATION_ETAT'),
        `${path}/DATE_DERNIERE_MODIFICATION_ETAT`,
      ),
    };
    if (nom === undefined) {
      r.warn(`${path}/NOM_PARTENAIRE`, 'partenaire sans nom, laissé de côté', item.siret);
      return [];
    }
    return [item];
  });
}

/** Whether the fiche declares partners at all (EXISTENCE_PARTENAIRES). */
export function existencePartenaires(fiche: XNode, r: FicheReader) {
  return r.ouiNon(r.value(fiche, 'EXISTENCE_PARTENAIRES'), `${F}/EXISTENCE_PARTENAIRES`);
}
