/**
 * The CSV file of the open data, /api/fiches.csv: one row per fiche, `;`-separated UTF-8 with CRLF and
 * quoted values, like the official export; where a column exists there, it has the same name and the
 * same way of writing values. The columns are documented on /donnees/ from CSV_COLUMNS.
 */
import { VOIES_ACCES, type VoieAcces } from '../schema/fiche.ts';
import type { FicheFacts } from '../schema/summary.ts';
import { ficheUrl } from './fiche.ts';
import { ficheApiPath } from './opendata.ts';

/** `2007-03-03` → `03/03/2007`, as the official CSV writes dates. */
function frenchDate(iso: string | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const several = (values: readonly string[]) => values.join('|');

/** `Oui`, `Non`, or nothing when the source does not say, as the official CSV writes a yes-no. */
function ouiNon(value: boolean | null | undefined): string {
  return value === true ? 'Oui' : value === false ? 'Non' : '';
}

/**
 * One column per route of access (the export's CSV has one line per open route, in a file of its
 * own; its XML one field per route, SI_JURY_FI…): `Oui` open, `Non` closed, empty unknown.
 */
const VOIE_COLUMNS: Record<VoieAcces, { name: string; xml: string }> = {
  formation_initiale: { name: 'Voie_Formation_Initiale', xml: 'SI_JURY_FI' },
  apprentissage: { name: 'Voie_Apprentissage', xml: 'SI_JURY_CA' },
  formation_continue: { name: 'Voie_Formation_Continue', xml: 'SI_JURY_FC' },
  contrat_professionnalisation: { name: 'Voie_Contrat_Professionnalisation', xml: 'SI_JURY_CQ' },
  candidature_individuelle: { name: 'Voie_Candidature_Individuelle', xml: 'SI_JURY_CL' },
  vae: { name: 'Voie_VAE', xml: 'SI_JURY_VAE' },
};

export interface CsvColumn {
  name: string;
  description: string;
  value: (fiche: FicheFacts, site: URL) => string;
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: 'Numero_Fiche',
    description: 'Numéro de la fiche (RNCP6133, RS5000), comme dans l’export officiel.',
    value: (f) => f.numero_fiche,
  },
  { name: 'Intitule', description: 'Intitulé de la certification.', value: (f) => f.intitule },
  {
    name: 'Abrege_Libelle',
    description: 'Type de certification abrégé (BTS, TP, CQP…).',
    value: (f) => f.abrege?.code ?? '',
  },
  {
    name: 'Abrege_Intitule',
    description: 'Libellé du type de certification.',
    value: (f) => f.abrege?.libelle ?? '',
  },
  {
    name: 'Nomenclature_Europe_Niveau',
    description:
      'Niveau comme dans l’export officiel : NIV1 à NIV8, REPRISE ou AUCUN ; vide si inconnu.',
    value: (f) =>
      f.niveau?.europe !== undefined ? `NIV${f.niveau.europe}` : (f.niveau?.sans_niveau ?? ''),
  },
  {
    name: 'Niveau_1969',
    description:
      'Niveau dans la nomenclature de 1969 (I à V), pour les fiches enregistrées avant 2019.',
    value: (f) => f.niveau?.nomenclature_1969 ?? '',
  },
  {
    name: 'Actif',
    description: 'ACTIVE si l’on peut encore obtenir la certification, INACTIVE sinon.',
    value: (f) => (f.statut.actif ? 'ACTIVE' : 'INACTIVE'),
  },
  {
    name: 'Date_Decision',
    description: 'Date de la décision d’enregistrement (JJ/MM/AAAA).',
    value: (f) => frenchDate(f.dates?.decision),
  },
  {
    name: 'Date_Effet',
    description: 'Date d’effet de l’enregistrement (JJ/MM/AAAA).',
    value: (f) => frenchDate(f.dates?.effet),
  },
  {
    name: 'Date_Fin_Enregistrement',
    description: 'Date de fin d’enregistrement (JJ/MM/AAAA).',
    value: (f) => frenchDate(f.dates?.fin_enregistrement),
  },
  {
    name: 'Certificateurs',
    description: 'Noms des certificateurs, séparés par « | ».',
    value: (f) => several(f.certificateurs.map((c) => c.nom)),
  },
  {
    name: 'Siret_Certificateurs',
    description:
      'SIRET des certificateurs, dans le même ordre, séparés par « | » (vide pour un SIRET inconnu).',
    value: (f) => several(f.certificateurs.map((c) => c.siret ?? '')),
  },
  {
    name: 'Codes_Rome',
    description: 'Codes ROME, séparés par « | ».',
    value: (f) => several((f.rome ?? []).map((r) => r.code)),
  },
  {
    name: 'Codes_Nsf',
    description: 'Codes NSF, séparés par « | ».',
    value: (f) => several((f.nsf ?? []).map((n) => n.code)),
  },
  {
    name: 'Formacodes',
    description: 'Formacodes, séparés par « | ».',
    value: (f) => several((f.formacodes ?? []).map((c) => c.code)),
  },
  {
    name: 'Remplacee_Par',
    description: 'Fiches qui remplacent directement celle-ci, séparées par « | ».',
    value: (f) => several((f.lignee?.suivantes ?? []).map((l) => l.numero)),
  },
  ...(Object.keys(VOIES_ACCES) as VoieAcces[]).map((voie): CsvColumn => ({
    name: VOIE_COLUMNS[voie].name,
    description: `${VOIES_ACCES[voie]} : Oui si cette voie d’accès est ouverte, Non si elle est fermée, vide si la fiche ne le dit pas (${VOIE_COLUMNS[voie].xml} de l’export XML).`,
    value: (f) => ouiNon(f.voies_acces?.[voie].ouverte),
  })),
  {
    name: 'Validation_Partielle',
    description: 'Oui si la certification peut être validée par blocs, Non sinon, vide si inconnu.',
    value: (f) => ouiNon(f.validation_partielle),
  },
  {
    name: 'Accessible_Nouvelle_Caledonie',
    description: 'Oui, Non, ou vide si la fiche ne le dit pas, comme dans l’export officiel.',
    value: (f) => ouiNon(f.accessible_nouvelle_caledonie),
  },
  {
    name: 'Accessible_Polynesie_Francaise',
    description: 'Oui, Non, ou vide si la fiche ne le dit pas, comme dans l’export officiel.',
    value: (f) => ouiNon(f.accessible_polynesie_francaise),
  },
  {
    name: 'Url',
    description: 'Page de la fiche sur ce site.',
    value: (f, site) => new URL(ficheUrl(f.numero_fiche), site).href,
  },
  {
    name: 'Url_Json',
    description: 'La fiche complète en JSON.',
    value: (f, site) => new URL(ficheApiPath(f.numero_fiche), site).href,
  },
];

/** A value as the official CSV writes it: quoted (quotes doubled), or nothing when empty. */
function csvValue(value: string): string {
  return value === '' ? '' : `"${value.replace(/"/g, '""')}"`;
}

export function fichesCsv(fiches: readonly FicheFacts[], site: URL): string {
  const lines = [CSV_COLUMNS.map((c) => csvValue(c.name)).join(';')];
  for (const fiche of fiches) {
    lines.push(CSV_COLUMNS.map((c) => csvValue(c.value(fiche, site))).join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}
