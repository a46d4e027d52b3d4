/**
 * The hostile fixtures (tests/fixtures/hostile/<what-it-shows>/rncp/9201.md), each with where the
 * validator's first message points, which field, and what it says. The validator's side is checked in
 * tests/unit/validate-hostile.test.ts, the built pages' side in tests/site/hostile.test.ts.
 */
import path from 'node:path';

export const HOSTILE = path.join(import.meta.dirname, '../fixtures/hostile');
export const HOSTILE_FILE = 'rncp/9201.md';

const LIEN_REFUSE =
  /Lien refusé : seules les adresses https:\/\/, http:\/\/ et mailto: sont acceptées/;
const ADRESSE_INVALIDE =
  /Adresse invalide : attendu une URL complète commençant par https:\/\/ ou http:\/\//;
const HTML_BRUT = /HTML brut interdit dans une fiche : écrivez le texte en Markdown/;
const BALISE = /Balise HTML interdite : écrivez du texte simple/;
const ACCOLADES = /Accolades \{…\} interdites dans une fiche \(syntaxe MDX\)/;
const ESM = /Syntaxe MDX \(import\/export\) interdite dans une fiche/;

/** fixture → where the first message points, which field, what it says (and the value it shows). */
export const CASES: [fixture: string, location: string, field: string, message: RegExp][] = [
  ['titre-balise-script', '3:11', 'intitule', new RegExp(`${BALISE.source}.*<script>alert\\(1\\)`)],
  [
    'nom-avec-gestionnaire-evenement',
    '7:10',
    'certificateurs[0].nom',
    new RegExp(`${BALISE.source}.*onmouseover`),
  ],
  [
    'lien-javascript',
    '32:15',
    'corps',
    new RegExp(`${LIEN_REFUSE.source}.*"javascript:alert\\(1\\)"`),
  ],
  // An entity hides nothing: the link is read as the browser would read it.
  [
    'lien-javascript-encode',
    '32:15',
    'corps',
    new RegExp(`${LIEN_REFUSE.source}.*"javascript:alert\\(1\\)"`),
  ],
  [
    'lien-javascript-automatique',
    '32:22',
    'corps',
    new RegExp(`${LIEN_REFUSE.source}.*"javascript:alert\\(1\\)"`),
  ],
  ['lien-data', '32:15', 'corps', new RegExp(`${LIEN_REFUSE.source}.*"data:text/html`)],
  [
    'adresse-data-dans-les-donnees',
    '9:10',
    'url_description[0].url',
    new RegExp(`${ADRESSE_INVALIDE.source}.*"data:text/html`),
  ],
  [
    'adresse-javascript-dans-les-donnees',
    '9:14',
    'certificateurs[0].site_internet[0].url',
    new RegExp(`${ADRESSE_INVALIDE.source}.*"javascript:`),
  ],
  ['html-gestionnaire-evenement', '32:22', 'corps', new RegExp(`${HTML_BRUT.source}.*onerror`)],
  ['html-svg-onload', '34:1', 'corps', new RegExp(`${HTML_BRUT.source}.*<svg onload`)],
  [
    'html-dans-un-bloc',
    '11:18',
    'blocs[0].competences',
    new RegExp(`${HTML_BRUT.source}.*onclick`),
  ],
  ['commentaire-html', '32:23', 'corps', new RegExp(`${HTML_BRUT.source}.*<!--`)],
  [
    'image-de-suivi',
    '32:23',
    'corps',
    /Image interdite dans une fiche : une fiche ne contient que du texte et des liens.*pixel\.gif/,
  ],
  ['expression-mdx', '32:1', 'corps', new RegExp(`${ACCOLADES.source}.*\\{alert\\(1\\)\\}`)],
  [
    'expression-mdx-sur-plusieurs-lignes',
    '32:1',
    'corps',
    new RegExp(`${ACCOLADES.source}.*\\{ alert\\(1\\) \\}`),
  ],
  ['ligne-import', '34:1', 'corps', new RegExp(`${ESM.source}.*import Piege from`)],
  ['ligne-import-sans-nom', '34:1', 'corps', new RegExp(`${ESM.source}.*import './piege\\.js'`)],
  ['ligne-export', '34:1', 'corps', new RegExp(`${ESM.source}.*export const piege`)],
  [
    'caractere-de-controle',
    '32:14',
    'fichier',
    /Caractère de contrôle invisible U\+0007 interdit : supprimez-le/,
  ],
  [
    'caractere-nul',
    '32:14',
    'fichier',
    /Caractère de contrôle invisible U\+0000 interdit : supprimez-le/,
  ],
  [
    'inversion-bidirectionnelle',
    '32:22',
    'fichier',
    /Caractère de contrôle invisible U\+202E interdit : supprimez-le/,
  ],
];
