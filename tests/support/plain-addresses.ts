/**
 * A real text with plain addresses: the « Descriptif des composantes » of RNCP 16575 as France
 * Compétences' page of RNCP 6133 shows it (../shared/seed/000_c56a2ff022fcd60a.txt, lines 65 to 71,
 * Licence Ouverte 2.0), addresses written as text, one per line. The importer must make them links
 * (tests/import-autolink.test.ts); the fixture fiche RNCP 9104 holds what it writes, and its built page
 * must show them as links (tests/partner-pages.test.ts).
 */
export const PLAIN_ADDRESSES_TEXT = [
  "1) Pour les personnes issues d'un cycle de formatio Unités de certification capitalisables :    ",
  '1. Territoire et cohésion sociale    ',
  '- enquête de territoire : écrit et présentation orale    ',
  '',
  'http://www.rncp.cncp.gouv.fr/grand-public/visualisationFiche?format=fr&fiche=16575',
  'http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome=K1801',
  'http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome=K1201',
].join('\n');

/** The addresses of that text, as the links must point to them. */
export const PLAIN_ADDRESSES = [
  'http://www.rncp.cncp.gouv.fr/grand-public/visualisationFiche?format=fr&fiche=16575',
  'http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome=K1801',
  'http://recrutement.pole-emploi.fr/fichesrome/ficherome?codeRome=K1201',
];
