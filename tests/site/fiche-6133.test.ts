/**
 * The built page of RNCP 6133 shows every fact of its source, the CNCP résumé descriptif
 * (../shared/seed/000_c56a2ff022fcd60a.txt), in French, with the facts the source lost marked as such.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readPage } from '../../scripts/lib/site/dist.ts';
import { parsePage, type Page } from '../support/html.ts';

let page: Page;
beforeAll(() => {
  page = parsePage(readPage('/rncp/6133/'));
});

const STATUS = '[aria-label="Statut de la certification"]';
const section = (id: string) => `section[aria-labelledby="${id}"]`;

/**
 * Each fact of the seed, with the part of the page it belongs to: it must be found there, so that a
 * short fact such as « 5 ans » is the validity of the acquired units, not any five years of the page.
 */
const SEED_FACTS: [where: string, facts: string[]][] = [
  // Intitulé, status, former title
  ['h1', ["Coordinateur(trice) de l'intervention sociale et professionnelle"]],
  ['article header', ['RNCP 6133']],
  [STATUS, ["L'accès à la certification n'est plus possible"]],
  // Autorité responsable and signatory
  [section('certificateurs'), ['Centre ressource AROBASE', 'Directeur Arobase']],
  // Levels, NSF
  [
    section('classement'),
    ['Niveau 5', 'niveau III', '332t', 'Aide, conseil, orientation, soutien socio-éducatif'],
  ],
  // Activities (words the extraction cut are repaired)
  [
    section('activites'),
    [
      'dans le cadre des politiques publiques',
      "L'accueil et le conseil de personnes en situation de vulnérabilité",
      "L'élaboration et la gestion de parcours d'insertion",
      "La conduite et l'animation de projets d'intervention sociale et professionnelle",
    ],
  ],
  // Competences
  [
    section('competences'),
    [
      "pratiques et acteurs de l'intervention sociale et professionnelle.",
      "Connaissance des techniques d'investigations et d'études sur le territoire",
      "Maîtrise des outils liés à la relation d'aide des publics vulnérables",
      "Maîtrise de l'élaboration des parcours d'intervention sociale et professionnelle",
      'Connaissance des outils de gestion des ressources humaines',
      "Maîtrise de l'analyse des besoins de l'entreprise",
      "Maîtrise de la démarche projet d'intervention sociale et professionnelle",
    ],
  ],
  // ROME, sectors, jobs (the two lists of the seed, merged)
  [
    section('metiers'),
    [
      'K1801',
      'Conseil en emploi et insertion socioprofessionnelle',
      'K1201',
      'Action sociale',
      'Intervention socio-économique ; intervention sociale ; développement local ; économie sociale et solidaire ; formation ; hébergement et logement social ; services à la personne ; travail adapté',
      "Conseiller de l'emploi",
      'Conseiller en insertion sociale et professionnelle',
      'Conseiller en insertion professionnelle',
      "Animateur local d'insertion",
      'Animateur-coordonnateur',
      'Chargé de mission de développement local',
      'Chargé de relations entreprise',
      'Formateur en insertion',
      "Responsable de l'habitat et du logement social (avec spécialisation)",
      'Encadrant technique du travail adapté (avec spécialisation)',
      'Coordinateur de services à la personne (avec spécialisation)',
    ],
  ],
  // Units and their evaluation
  [
    section('blocs'),
    [
      'Territoire et cohésion sociale',
      'Enquête de territoire : écrit et présentation orale',
      "Relation d'aide communication",
      'Production de monographies de personnes accompagnées',
      'Gestion des parcours',
      'Mémoire de fin de stage et présentation orale',
      'Conduite et animation de projet',
      "Dossier de création d'une intervention sociale et professionnelle et présentation orale",
      "Pour les personnes issues d'un cycle de formation",
      'globalement (les quatre) ou par unité en cas de validation partielle',
    ],
  ],
  // Juries, validity
  [
    section('acces'),
    [
      'Validité des composantes acquises 5 ans',
      '50 % de professionnels, 50 % de consultants formateurs et universitaires',
      '75 % de professionnels',
      'Dispositif VAE prévu en 2007',
    ],
  ],
  // Legal basis
  [
    section('base-legale'),
    [
      'Arrêté du 23 février 2007',
      '3 mars 2007',
      '3 mars 2012',
      'Arrêté du 17 mars 2003',
      'Décret n° 2004-171 du 19 février 2004',
      "prorogée jusqu'au 31 décembre 2006",
      'Arrêté du 7 août 2008',
      '27 août 2008',
    ],
  ],
  // Statistics, contact, places
  [section('statistiques'), ['45 certifiés par an']],
  [section('sources'), ['centreressources@wanadoo.fr']],
  [
    section('lieux'),
    [
      '10 rue Alsace Lorraine, 38000 Grenoble',
      '10 avenue Alsace Lorraine, 38000 Grenoble',
      '16 rue Pierre Brunier, 69300 Caluire',
    ],
  ],
  // Lineage, and the former title
  [
    section('historique'),
    [
      "Chargé d'insertion et du développement local",
      'RNCP 1718',
      'RNCP 16575',
      'RNCP 36128',
      'RNCP 37504',
    ],
  ],
];

describe('fiche RNCP 6133, built page', () => {
  it.each(SEED_FACTS.flatMap(([where, facts]) => facts.map((fact) => [fact, where] as const)))(
    'shows « %s » in %s',
    (fact, where) => {
      expect(page.all(where), where).toHaveLength(1);
      expect(page.textOf(where)).toContain(fact);
    },
  );

  it('says first that the certification is closed and names its most recent successor', () => {
    const status = page.textOf('[aria-label="Statut de la certification"]');
    expect(status).toMatch(/^Certification inactive/);
    expect(status).toContain('remplacée par RNCP 16575');
    expect(status).toContain(
      "RNCP 37504 « Coordinateur d'inclusion sociale, médico-sociale et professionnelle »",
    );
    const main = page.textOf('main');
    expect(main.indexOf('Certification inactive')).toBeLessThan(main.indexOf('Activités visées'));
  });

  it('marks every OUI/NON fact the extraction lost as not stated, never as yes or no', () => {
    const rows = page.all('tr[data-voie]');
    expect(rows).toHaveLength(6);
    const voies = page.textOf('section[aria-labelledby="acces"]');
    expect(voies.match(/Non précisé dans la source/g)).toHaveLength(6);
    const outreMer = page.textOf('section[aria-labelledby="lieux"]');
    expect(outreMer).toMatch(/Accessible en Nouvelle-Calédonie Non précisé dans la source/);
    expect(outreMer).toMatch(/Accessible en Polynésie française Non précisé dans la source/);
  });

  it('shows the current ROME 4.0 label beside the fiche’s historical one', () => {
    expect(page.textOf('section[aria-labelledby="metiers"]')).toContain(
      'K1801 : Conseil en emploi et insertion socioprofessionnelle Intitulé actuel (ROME 4.0) : Conseiller / Conseillère en insertion professionnelle',
    );
  });

  it('links each code to its browse page and each lineage fiche to France Compétences', () => {
    const hrefs = page.all('main a').map((a) => String(a.properties['href']));
    for (const href of ['/rome/K1801/', '/rome/K1201/', '/nsf/332t/', '/niveaux/5/'])
      expect(hrefs).toContain(href);
    for (const n of [1718, 16575, 36128, 37504]) {
      expect(hrefs).toContain(`https://www.francecompetences.fr/recherche/rncp/${n}/`);
    }
  });

  it('shows the dead original addresses as archives beside their current equivalents', () => {
    const sources = page.textOf('section[aria-labelledby="sources"]');
    expect(sources).toContain(
      'http://www.rncp.cncp.gouv.fr/grand-public/visualisationFiche?format=fr&fiche=6133',
    );
    expect(sources).toContain('archivée');
    const hrefs = page.all('main a').map((a) => String(a.properties['href']));
    expect(hrefs).toContain('https://www.francecompetences.fr/recherche/rncp/6133/');
    expect(hrefs).toContain('https://candidat.francetravail.fr/metierscope/fiche-metier/K1801');
    // An archived address is text, never a link that would lead nowhere.
    expect(hrefs.some((h) => h.includes('cncp.gouv.fr') || h.includes('pole-emploi.fr'))).toBe(
      false,
    );
  });

  it('is a French page with one h1 and ships no JavaScript', () => {
    expect(page.one('html')?.properties['lang']).toBe('fr');
    expect(page.all('h1')).toHaveLength(1);
    expect(page.all('script[src], script:not([type="application/ld+json"])')).toHaveLength(0);
  });
});
