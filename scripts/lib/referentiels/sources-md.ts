/**
 * content/referentiels/SOURCES.md: where each table comes from (files, publishers, versions,
 * licences) and what it holds, with the counts of this build.
 */
import { FICHIERS, LICENCE_EXPORT } from './inputs.ts';
import { GENERE_PAR, type Built } from './output.ts';

export function buildSourcesMd({
  rome,
  appellations,
  nsf,
  niveaux,
}: {
  rome: Built;
  appellations: Built;
  nsf: Built;
  niveaux: Built;
}): string {
  const r = rome.facts;
  const a = appellations.facts;
  const n = nsf.facts;
  const sansLibelle = String(niveaux.facts['sansLibelle'] ?? '');
  const data = (file: string) => `\`../shared/data/${file}\``;
  const aucune = "**aucune n'est indiquée**";
  return `# Référentiels : origine des données

Ces tables sont générées par \`${GENERE_PAR}\` à partir des données ouvertes de \`../shared/data/\`
(l'origine exacte de chaque fichier est dans \`../shared/data/SOURCES.md\`). Elles ne reprennent que des
faits : codes, libellés, hiérarchie. Ne les modifiez pas à la main ; pour les régénérer :

\`\`\`sh
npm run referentiels
\`\`\`

Le dossier des données peut être donné par la variable d'environnement \`SHARED_DATA_DIR\`.

## rome.json : ROME (répertoire opérationnel des métiers et des emplois)

${r['entrees']} codes : grands domaines (\`K\`), domaines professionnels (\`K18\`) et fiches (\`K1801\`).

- **ROME v3** : ${data(FICHIERS.romeV3)}, arborescence principale (${r['v3GrandsDomaines']} grands domaines,
  ${r['v3Domaines']} domaines, ${r['v3Fiches']} fiches). Éditeur : Pôle emploi (aujourd'hui France Travail).
  Version 344. Fichier converti d'ISO-8859-15 en UTF-8 par le dépôt de données partagé.
  Apporte \`libelle_v3\`.
- **ROME 4.0** : ${data('rome/rome4-v458/')} (${r['v4GrandsDomaines']} grands domaines, ${r['v4Domaines']} domaines,
  ${r['v4Fiches']} fiches emploi). Éditeur : France Travail. ${String(r['v4Version']).replace(/^v/, 'V')}. Apporte \`libelle_v4\` et
  \`fiche_parente\`.
- **Export RNCP/RS de France compétences**, fichier Rome : ${data(FICHIERS.exportRome)}
  (${r['exportLignes']} lignes, ${r['exportFiches']} fiches, ${r['exportCodes']} codes distincts). Éditeur :
  France compétences. Export du 2026-02-01. Apporte \`libelle_export\` (apostrophes doublées \`''\`
  rétablies ; présent quand il diffère de ROME v3 autrement que par une apostrophe typographique) et
  \`hors_referentiel\` pour les ${r['horsReferentiel']} codes absents des deux versions du ROME (\`K00\`,
  \`K1800\`… : codes de niveau domaine).
- Licence : pour le ROME, ${aucune} dans les dépôts d'origine (un dépôt tiers indique la Licence Ouverte
  v2.0 : à vérifier sur data.gouv.fr / francetravail.io). Pour l'export : ${LICENCE_EXPORT}, indiquée par
  des dépôts tiers (les dépôts d'origine n'en indiquent pas).

## appellations.json : les appellations du ROME 4.0 (intitulés de métier)

${a['appellations']} intitulés de métier, rangés par leur code OGR : le libellé
(« Accompagnateur / Accompagnatrice reconversion professionnelle »), la fiche ROME 4.0 de
l'appellation (\`code\`, ${a['codesRome4']} fiches) et la fiche ROME v3 dont elle relève (\`parent\`,
${a['fichesV3']} fiches, toutes dans rome.json : le code que citent les fiches de France
Compétences). ${a['autreCode']} appellations ont une fiche ROME 4.0 différente de leur fiche v3
(une « fiche emploi » comme K1224, ou un code plus récent que la version 58 de rome.json).

- **ROME 4.0, référentiel des appellations** : ${data(FICHIERS.romeAppellations)}. Éditeur : France
  Travail. Version 60 (deux versions après celle de rome.json). Seules les colonnes
  \`code_ogr\`, \`libelle_appellation_long\`, \`code_rome\` et \`code_rome_parent\` sont reprises.
- Licence : ${aucune} dans le dépôt d'origine (voir le ROME ci-dessus).

Le site s'en sert pour la page de chaque code ROME (ses appellations) et pour la recherche : un
intitulé de métier qu'aucune fiche ne contient mène aux fiches de son code ROME.

## nsf.json : NSF (nomenclature des spécialités de formation)

${n['entrees']} codes : ${n['categories']} catégories (\`3\`), ${n['domaines']} domaines (\`33\`), ${n['groupes']} groupes
(\`332\`) et ${n['specialites']} spécialités (\`332t\`), plus la table \`lettres\` des codes lettres.

- **Code de l'éducation, article D311-4** : ${data(FICHIERS.nsfLoi)}. Éditeur : Légifrance (texte officiel ;
  nomenclature approuvée par le décret n° 94-522). Version en vigueur copiée du dépôt
  etalab/codes-juridiques-francais. Apporte les catégories, domaines et groupes avec leurs libellés, et le
  sens des lettres (a–g champs d'application disciplinaires, m–w fonctions, z développement personnel).
  Licence : ${aucune} (texte officiel).
- **Table des groupes de la BCN** : ${data(FICHIERS.nsfGroupesBcn)}. Éditeur : BCN, ministère de
  l'Éducation nationale (DEPP). Copie du 2025-01-30. Sert à vérifier la liste des groupes ; ses
  ${n['pseudoGroupes']} pseudo-groupes d'agrégation (\`339 DO33 : …\`, \`999\`…) sont écartés. Licence : ${aucune}.
- **Export RNCP/RS de France compétences**, fichier Nsf : ${data(FICHIERS.exportNsf)}
  (${n['exportLignes']} lignes, ${n['exportFiches']} fiches, ${n['exportCodes']} codes distincts). Éditeur :
  France compétences. Export du 2026-02-01. Apporte les spécialités et leurs libellés (préfixe
  \`332t : \` retiré), et \`libelle_export\` quand le libellé de l'export diffère du texte légal.
  Licence : ${LICENCE_EXPORT} (indiquée par des dépôts tiers).

## niveaux.json : niveaux de qualification

Les 8 niveaux du cadre national des certifications professionnelles, leur correspondance avec la
nomenclature de 1969 et leurs valeurs dans les exports (\`NIV3\`…\`NIV8\`, \`REPRISE\`, \`AUCUN\`).

- **Décret n° 2019-14 du 8 janvier 2019** (JORFTEXT000037964754) et articles D6113-18 à D6113-20 du Code
  du travail, table transcrite à la main : ${data(FICHIERS.niveaux)}. Éditeur : Légifrance (texte
  officiel). Licence : ${aucune}.
- \`description\` : l'énoncé de chaque niveau à l'article D6113-19 du Code du travail (rédaction issue du
  décret n° 2019-14). La table transcrite n'a pas de colonne de descripteurs : ces phrases sont écrites dans
  le script.
- \`libelle\` et \`sans_niveau\` : libellés de l'export (« Niveau 6 », « Sans niveau – … ») lus dans
  ${data(FICHIERS.exportStandard2024)}. Éditeur : France compétences. Échantillon de l'export du
  2024-02-22. Licence : ${LICENCE_EXPORT} (indiquée par des dépôts tiers).${
    sansLibelle === ''
      ? ''
      : `\n  Aucun libellé de l'export n'est connu pour ${sansLibelle} : la valeur est \`null\`.`
  }
`;
}
