/**
 * What an editor or a reader finds in a fiche after an import, field by field, for the values of the
 * export that are not plain: numbers written with spaces or in lower case, dates `JJ/MM/AAAA` with an
 * hour or impossible, SIRET values with tabs, levels in every spelling, codes unknown to the site,
 * figures with a comma or a percent sign, V2/V3 names… Each fiche here is a few lines of XML written in
 * the test, and each expected value is read off that XML by hand: a field the importer stopped writing,
 * or wrote differently, fails. A value left out must be named, in French, in the import report's
 * warnings (element, message, value), and a fiche that cannot be made valid must give all its reasons.
 *
 * The converter runs in this process (no worker thread), so that mutation testing sees it.
 */
import { describe, expect, it } from 'vitest';
import { compact, convertFiche, type ConvertOptions } from '../../src/lib/import/convert.ts';
import { FicheError, type Avertissement } from '../../src/lib/import/reader.ts';
import { parseFiche } from '../../src/lib/import/xml.ts';

const CERTIFICATEURS =
  '<CERTIFICATEURS><CERTIFICATEUR><NOM_CERTIFICATEUR>Organisme</NOM_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS>';

interface Parts {
  numero?: string;
  actif?: string;
  certificateurs?: string;
}

/** A FICHE with the elements every fiche needs (unless replaced), then `inner`. */
function xml(inner: string, parts: Parts = {}): string {
  return (
    `<FICHE>\n<NUMERO_FICHE>${parts.numero ?? 'RNCP90701'}</NUMERO_FICHE>\n<INTITULE>Technicien d'essai</INTITULE>\n` +
    `<ACTIF>${parts.actif ?? 'Oui'}</ACTIF>\n${parts.certificateurs ?? CERTIFICATEURS}\n${inner}\n</FICHE>`
  );
}

function convert(inner: string, options: ConvertOptions = {}, parts: Parts = {}) {
  return convertFiche(parseFiche({ xml: xml(inner, parts), line: 1 }), options);
}

/** The warnings, as the report lists them: element, message, values, count. */
function warnings(a: Avertissement[]) {
  return a.map((w) => [w.element, w.message, w.valeurs, w.nombre]);
}

function failure(text: string, line = 1): string[] {
  try {
    convertFiche(parseFiche({ xml: text, line }));
  } catch (error) {
    expect(error).toBeInstanceOf(FicheError);
    return (error as FicheError).raisons;
  }
  throw new Error('the fiche was converted');
}

describe('the identity of a fiche', () => {
  it('names the fiche and its file from NUMERO_FICHE, spaces and case set right', () => {
    const rncp = convert('<ID_FICHE>4711</ID_FICHE>', {}, { numero: ' rncp 90701 ' });
    expect([rncp.numero, rncp.repertoire, rncp.numeroSeul]).toEqual(['RNCP90701', 'rncp', '90701']);
    expect(rncp.data['numero_fiche']).toBe('RNCP90701');
    expect(rncp.data['id_fiche']).toBe('4711');
    expect(rncp.data['intitule']).toBe("Technicien d'essai");
    expect(rncp.data['sources']).toEqual([
      {
        url: 'https://www.francecompetences.fr/recherche/rncp/90701/',
        titre: 'Fiche RNCP90701 sur le site de France Compétences',
      },
    ]);
    const rs = convert('', {}, { numero: 'RS5000' });
    expect([rs.numero, rs.repertoire, rs.numeroSeul]).toEqual(['RS5000', 'rs', '5000']);
    expect(rs.data['sources']).toEqual([
      {
        url: 'https://www.francecompetences.fr/recherche/rs/5000/',
        titre: 'Fiche RS5000 sur le site de France Compétences',
      },
    ]);
  });

  it('leaves out an id that is not a number, and an abbreviation without code, with a warning', () => {
    const c = convert(
      '<ID_FICHE>A12</ID_FICHE><ABREGE><LIBELLE>Titre pro</LIBELLE></ABREGE><ETAT_FICHE>Publiée</ETAT_FICHE>',
    );
    expect(c.data['id_fiche']).toBeUndefined();
    expect(c.data['abrege']).toBeUndefined();
    expect(c.data['statut']).toEqual({ actif: true, etat: 'Publiée' });
    expect(warnings(c.avertissements)).toEqual([
      ['FICHE/ID_FICHE', 'identifiant non numérique, laissé de côté', ['A12'], 1],
      ['FICHE/ABREGE/LIBELLE', 'abrégé sans CODE, laissé de côté', ['Titre pro'], 1],
    ]);
    const withCode = convert(
      '<ABREGE><CODE>TP</CODE><INTITULE>Titre professionnel</INTITULE></ABREGE>',
    );
    expect(withCode.data['abrege']).toEqual({ code: 'TP', libelle: 'Titre professionnel' });
    expect(withCode.avertissements).toEqual([]);
  });

  it('refuses a fiche without number, or with a malformed one, in French', () => {
    expect(failure('<FICHE><INTITULE>Sans numéro</INTITULE></FICHE>')).toEqual([
      'NUMERO_FICHE absent : la fiche ne peut pas être nommée',
    ]);
    expect(failure('<FICHE><NUMERO_FICHE>RNCP-12</NUMERO_FICHE></FICHE>')).toEqual([
      'NUMERO_FICHE mal formé : « RNCP-12 » (attendu RNCP1234 ou RS1234)',
    ]);
  });

  it('gives every reason at once for a fiche that cannot be made valid', () => {
    expect(
      failure(
        '<FICHE><NUMERO_FICHE>RNCP90702</NUMERO_FICHE><ACTIF>peut-être</ACTIF>' +
          '<CERTIFICATEURS><CERTIFICATEUR><SIRET_CERTIFICATEUR>12345678900012</SIRET_CERTIFICATEUR></CERTIFICATEUR></CERTIFICATEURS></FICHE>',
      ),
    ).toEqual([
      'INTITULE absent',
      'ACTIF absent ou illisible : la fiche doit dire si la certification est active',
      'aucun certificateur nommé (CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR)',
    ]);
  });

  it('reads Oui/Non in their other spellings, and nothing else', () => {
    const actif = (value: string) => convert('', {}, { actif: value }).data['statut'];
    for (const oui of ['OUI', 'o', 'true', 'Vrai', '1', 'Active', 'actif'])
      expect(actif(oui), oui).toEqual({ actif: true });
    for (const non of ['Non', 'N', 'false', 'faux', '0', 'Inactive', 'INACTIF'])
      expect(actif(non), non).toEqual({ actif: false });
  });
});

describe('dates, durations and level', () => {
  it('writes dates as AAAA-MM-JJ, with or without an hour, and names an impossible one', () => {
    const c = convert(
      '<DATE_DECISION>5/3/2021</DATE_DECISION><DATE_EFFET>05/03/2021 10:30</DATE_EFFET>' +
        '<DATE_FIN_ENREGISTREMENT>2026-03-04T00:00:00Z</DATE_FIN_ENREGISTREMENT>' +
        '<DATE_LIMITE_DELIVRANCE>31/02/2027</DATE_LIMITE_DELIVRANCE>' +
        '<DATE_DE_PUBLICATION>2021-03-09</DATE_DE_PUBLICATION><DATE_DERNIER_JO>le 9 mars</DATE_DERNIER_JO>' +
        '<DUREE_ENREGISTREMENT>5 ans</DUREE_ENREGISTREMENT><TYPE_ENREGISTREMENT>Enregistrement sur demande</TYPE_ENREGISTREMENT>',
    );
    expect(c.data['dates']).toEqual({
      decision: '2021-03-05',
      effet: '2021-03-05',
      fin_enregistrement: '2026-03-04',
      publication: '2021-03-09',
      duree_enregistrement: '5 ans',
      type_enregistrement: 'Enregistrement sur demande',
    });
    expect(warnings(c.avertissements)).toEqual([
      [
        'FICHE/DATE_LIMITE_DELIVRANCE',
        'date illisible ou impossible, laissée de côté',
        ['31/02/2027'],
        1,
      ],
      ['FICHE/DATE_DERNIER_JO', 'date illisible ou impossible, laissée de côté', ['le 9 mars'], 1],
    ]);
  });

  it('refuses dates that only look like dates', () => {
    const c = convert(
      '<DATE_DECISION>2021-3-5</DATE_DECISION><DATE_EFFET>05/03/21</DATE_EFFET>' +
        '<DATE_FIN_ENREGISTREMENT>05/13/2021</DATE_FIN_ENREGISTREMENT><DATE_DE_PUBLICATION>x05/03/2021</DATE_DE_PUBLICATION>' +
        '<DATE_DERNIER_JO>05/03/2021x</DATE_DERNIER_JO>',
    );
    expect(c.data['dates']).toBeUndefined();
    expect(c.avertissements.map((w) => w.valeurs[0])).toEqual([
      '2021-3-5',
      '05/03/21',
      '05/13/2021',
      'x05/03/2021',
      '05/03/2021x',
    ]);
  });

  it('reads the level in each of its spellings', () => {
    const level = (niveau: string, libelle = '<LIBELLE>Niveau</LIBELLE>') =>
      convert(`<NOMENCLATURE_EUROPE><NIVEAU>${niveau}</NIVEAU>${libelle}</NOMENCLATURE_EUROPE>`);
    expect(level('NIV6').data['niveau']).toEqual({ libelle: 'Niveau', europe: 6 });
    expect(level('niveau 7').data['niveau']).toEqual({ libelle: 'Niveau', europe: 7 });
    expect(level('3').data['niveau']).toEqual({ libelle: 'Niveau', europe: 3 });
    expect(level('aucun').data['niveau']).toEqual({ libelle: 'Niveau', sans_niveau: 'AUCUN' });
    expect(level('REPRISE', '<INTITULE>Reprise</INTITULE>').data['niveau']).toEqual({
      libelle: 'Reprise',
      sans_niveau: 'REPRISE',
    });
    expect(level('NIV III').data['niveau']).toEqual({
      libelle: 'Niveau',
      nomenclature_1969: 'III',
    });
    expect(level('IV').data['niveau']).toEqual({ libelle: 'Niveau', nomenclature_1969: 'IV' });
    for (const unknown of ['NIV9', 'NIV0', 'VI', 'NIV66']) {
      const c = level(unknown);
      expect(c.data['niveau'], unknown).toEqual({ libelle: 'Niveau' });
      expect(warnings(c.avertissements)).toEqual([
        [
          'FICHE/NOMENCLATURE_EUROPE/NIVEAU',
          'niveau inconnu (attendu NIV1 à NIV8, REPRISE ou AUCUN), laissé de côté',
          [unknown],
          1,
        ],
      ]);
    }
    expect(convert('').data['niveau']).toBeUndefined();
  });
});

describe('organisations', () => {
  it('writes each certificateur with its SIRET cleaned, and names a wrong SIRET or a missing name', () => {
    const c = convert(
      '',
      {},
      {
        certificateurs:
          '<CERTIFICATEURS>' +
          '<CERTIFICATEUR><NOM_CERTIFICATEUR>Ministère du Travail</NOM_CERTIFICATEUR><SIRET_CERTIFICATEUR>\t110 000 072\u00a000013 </SIRET_CERTIFICATEUR>' +
          '<NOM_COMMERCIAL>Le ministère</NOM_COMMERCIAL><SITE_INTERNET>https://travail-emploi.gouv.fr</SITE_INTERNET>' +
          '<ETAT_CERTIFICATEUR>Actif</ETAT_CERTIFICATEUR><DATE_DERNIERE_MODIFICATION_ETAT>01/02/2024</DATE_DERNIERE_MODIFICATION_ETAT></CERTIFICATEUR>' +
          '<CERTIFICATEUR><NOM_CERTIFICATEUR>Autre</NOM_CERTIFICATEUR><SIRET_CERTIFICATEUR>1234567890123</SIRET_CERTIFICATEUR></CERTIFICATEUR>' +
          '<CERTIFICATEUR><SIRET_CERTIFICATEUR>12345678900012</SIRET_CERTIFICATEUR></CERTIFICATEUR>' +
          '<CERTIFICATEUR><NOM_CERTIFICATEUR>Sans SIRET</NOM_CERTIFICATEUR><SIRET_CERTIFICATEUR> </SIRET_CERTIFICATEUR></CERTIFICATEUR>' +
          '</CERTIFICATEURS>',
      },
    );
    expect(c.data['certificateurs']).toEqual([
      {
        nom: 'Ministère du Travail',
        siret: '11000007200013',
        nom_commercial: 'Le ministère',
        site_internet: [{ url: 'https://travail-emploi.gouv.fr' }],
        etat: 'Actif',
        date_derniere_modification_etat: '2024-02-01',
      },
      { nom: 'Autre' },
      { nom: 'Sans SIRET' },
    ]);
    expect(warnings(c.avertissements)).toEqual([
      [
        'FICHE/CERTIFICATEURS/CERTIFICATEUR/SIRET_CERTIFICATEUR',
        'SIRET mal formé (14 chiffres attendus), laissé de côté',
        ['1234567890123'],
        1,
      ],
      [
        'FICHE/CERTIFICATEURS/CERTIFICATEUR/NOM_CERTIFICATEUR',
        'certificateur sans nom, laissé de côté',
        ['12345678900012'],
        1,
      ],
    ]);
  });

  it('writes each partner with a known habilitation, and counts the same defect once per kind', () => {
    const partenaire = (nom: string, siret: string, habilitation: string) =>
      `<PARTENAIRE>${nom && `<NOM_PARTENAIRE>${nom}</NOM_PARTENAIRE>`}<SIRET_PARTENAIRE>${siret}</SIRET_PARTENAIRE>` +
      `<HABILITATION_PARTENAIRE>${habilitation}</HABILITATION_PARTENAIRE><ETAT_HABILITATION>Actif</ETAT_HABILITATION>` +
      `<DATE_ACTIF>02/01/2023</DATE_ACTIF><DATE_DERNIERE_MODIFICATION_ETAT>2023-06-30</DATE_DERNIERE_MODIFICATION_ETAT></PARTENAIRE>`;
    const c = convert(
      '<EXISTENCE_PARTENAIRES>Oui</EXISTENCE_PARTENAIRES><PARTENAIRES>' +
        partenaire('Lycée A', '12345678900012', 'habilitation former') +
        partenaire('Lycée B', '123', 'HABILITATION_ORGA_FORM') +
        partenaire('Lycée C', '456', 'FORMER') +
        partenaire('Lycée D', '789', 'HABILITATION_ORGANISER') +
        partenaire('Lycée E', '789', 'HABILITATION_ORGANISER') +
        partenaire('Lycée F', '012', 'HABILITATION_ORGANISER') +
        partenaire('', '98765432100012', 'HABILITATION_FORMER') +
        '</PARTENAIRES>',
    );
    const dates = {
      etat: 'Actif',
      date_actif: '2023-01-02',
      date_derniere_modification_etat: '2023-06-30',
    };
    expect(c.data['existence_partenaires']).toBe(true);
    expect(c.data['partenaires']).toEqual([
      { nom: 'Lycée A', siret: '12345678900012', habilitation: 'HABILITATION_FORMER', ...dates },
      { nom: 'Lycée B', habilitation: 'HABILITATION_ORGA_FORM', ...dates },
      { nom: 'Lycée C', ...dates },
      { nom: 'Lycée D', habilitation: 'HABILITATION_ORGANISER', ...dates },
      { nom: 'Lycée E', habilitation: 'HABILITATION_ORGANISER', ...dates },
      { nom: 'Lycée F', habilitation: 'HABILITATION_ORGANISER', ...dates },
    ]);
    expect(warnings(c.avertissements)).toEqual([
      [
        'FICHE/PARTENAIRES/PARTENAIRE/SIRET_PARTENAIRE',
        'SIRET mal formé (14 chiffres attendus), laissé de côté',
        // At most three values, each once, for a defect met five times.
        ['123', '456', '789'],
        5,
      ],
      [
        'FICHE/PARTENAIRES/PARTENAIRE/HABILITATION_PARTENAIRE',
        'habilitation inconnue (attendu HABILITATION_FORMER, HABILITATION_ORGANISER, HABILITATION_ORGA_FORM), laissée de côté',
        ['FORMER'],
        1,
      ],
      [
        'FICHE/PARTENAIRES/PARTENAIRE/NOM_PARTENAIRE',
        'partenaire sans nom, laissé de côté',
        ['98765432100012'],
        1,
      ],
    ]);
    expect(
      convert('<EXISTENCE_PARTENAIRES>Non</EXISTENCE_PARTENAIRES>').data['existence_partenaires'],
    ).toBe(false);
  });
});

describe('codes', () => {
  it('writes the codes the site knows, and names a malformed or unknown one with its label', () => {
    const known: ConvertOptions = {
      knownRome: (code) => code === 'K1801',
      knownNsf: (code) => code === '330t',
    };
    const c = convert(
      '<CODES_NSF><NSF><CODE>330t</CODE><LIBELLE>Spécialités sanitaires et sociales</LIBELLE></NSF>' +
        '<NSF><CODE>999</CODE><INTITULE>Inconnue</INTITULE></NSF></CODES_NSF>' +
        '<FORMACODES><FORMACODE><CODE> 44 028 </CODE><LIBELLE>Santé</LIBELLE></FORMACODE>' +
        '<FORMACODE><CODE>4402</CODE><LIBELLE>Trop court</LIBELLE></FORMACODE></FORMACODES>' +
        '<CODES_ROME><ROME><CODE>K1801</CODE><LIBELLE>Conseil en emploi</LIBELLE></ROME>' +
        '<ROME><CODE>K9999</CODE></ROME><ROME><LIBELLE>Sans code</LIBELLE></ROME></CODES_ROME>' +
        '<CODES_IDCC><IDCC><CODE>1516</CODE><LIBELLE>Organismes de formation</LIBELLE></IDCC></CODES_IDCC>',
      known,
    );
    expect(c.data['nsf']).toEqual([
      { code: '330t', libelle: 'Spécialités sanitaires et sociales' },
    ]);
    expect(c.data['formacodes']).toEqual([{ code: '44028', libelle: 'Santé' }]);
    expect(c.data['rome']).toEqual([{ code: 'K1801', libelle: 'Conseil en emploi' }]);
    expect(c.data['idcc']).toEqual([{ code: '1516', libelle: 'Organismes de formation' }]);
    const inconnu =
      'code inconnu des référentiels du site (content/referentiels, que le validateur consulte) : laissé de côté ; mettez les référentiels à jour (npm run referentiels) puis réimportez';
    expect(warnings(c.avertissements)).toEqual([
      ['FICHE/CODES_NSF/NSF/CODE', inconnu, ['999 Inconnue'], 1],
      ['FICHE/FORMACODES/FORMACODE/CODE', 'code mal formé, laissé de côté', ['4402'], 1],
      [
        'FICHE/FORMACODES/FORMACODE/LIBELLE',
        'libellé sans code valable, laissé de côté',
        ['Trop court'],
        1,
      ],
      ['FICHE/CODES_ROME/ROME/CODE', inconnu, ['K9999'], 1],
      [
        'FICHE/CODES_ROME/ROME/LIBELLE',
        'libellé sans code valable, laissé de côté',
        ['Sans code'],
        1,
      ],
    ]);
    // Without reference tables, a well-formed code is kept.
    expect(
      convert('<CODES_ROME><ROME><CODE>K9999</CODE></ROME></CODES_ROME>').data['rome'],
    ).toEqual([{ code: 'K9999' }]);
  });

  it('writes the conventions collectives in their number’s order, and names one without number', () => {
    const c = convert(
      '<CCN_10><NUMERO>3</NUMERO><LIBELLE>Dixième</LIBELLE></CCN_10>' +
        '<CCN_2><NUMERO>1516</NUMERO><INTITULE>Deuxième</INTITULE></CCN_2>' +
        '<CCN_3><LIBELLE>Sans numéro</LIBELLE></CCN_3><CCN_4></CCN_4>',
    );
    expect(c.data['ccn']).toEqual([
      { numero: '1516', libelle: 'Deuxième' },
      { numero: '3', libelle: 'Dixième' },
    ]);
    expect(warnings(c.avertissements)).toEqual([
      ['FICHE/CCN_3/LIBELLE', 'convention sans NUMERO, laissée de côté', ['Sans numéro'], 1],
    ]);
    expect(c.inconnus).toEqual([]);
  });

  it('writes the correspondances of blocs, and names one without destination', () => {
    const c = convert(
      '<CORRESPONDANCES>' +
        '<CORRESPONDANCE><SOURCE><BLOC_COMPETENCES><CODE>RNCP90701BC01</CODE></BLOC_COMPETENCES></SOURCE>' +
        '<DESTINATION><NUMERO_FICHE>rncp 1234</NUMERO_FICHE><BLOC_COMPETENCES><CODE>RNCP1234BC02</CODE></BLOC_COMPETENCES>' +
        '<BLOC_COMPETENCES><CODE>BC03</CODE></BLOC_COMPETENCES></DESTINATION></CORRESPONDANCE>' +
        '<CORRESPONDANCE><DESTINATION><NUMERO_FICHE>RS42</NUMERO_FICHE></DESTINATION></CORRESPONDANCE>' +
        '<CORRESPONDANCE><SOURCE><BLOC_COMPETENCES><CODE>RNCP90701BC02</CODE></BLOC_COMPETENCES></SOURCE></CORRESPONDANCE>' +
        '</CORRESPONDANCES>',
    );
    expect(c.data['correspondances']).toEqual([
      {
        blocs_source: ['RNCP90701BC01'],
        fiche_destination: 'RNCP1234',
        blocs_destination: ['RNCP1234BC02'],
      },
      // A whole fiche for another: no source bloc, and the schema wants the list all the same.
      { blocs_source: [], fiche_destination: 'RS42' },
    ]);
    expect(warnings(c.avertissements)).toEqual([
      [
        'FICHE/CORRESPONDANCES/CORRESPONDANCE/DESTINATION/BLOC_COMPETENCES/CODE',
        'code mal formé, laissé de côté',
        ['BC03'],
        1,
      ],
      [
        'FICHE/CORRESPONDANCES/CORRESPONDANCE/DESTINATION/NUMERO_FICHE',
        'correspondance sans fiche de destination, laissée de côté',
        [],
        1,
      ],
    ]);
  });
});

describe('the certification', () => {
  it('writes each bloc with its texts as Markdown, and names a bloc without code or label', () => {
    const c = convert(
      '<BLOCS_COMPETENCES>' +
        '<BLOC_COMPETENCES><CODE>RNCP90701 BC01</CODE><LIBELLE>Préparer un essai</LIBELLE>' +
        '<LISTE_COMPETENCES>&lt;p&gt;Planifier &lt;strong&gt;un essai&lt;/strong&gt;&lt;/p&gt;</LISTE_COMPETENCES>' +
        '<MODALITES_EVALUATION>Mise en situation</MODALITES_EVALUATION>' +
        '<PREREQUIS_ENTREE_FORMATION_BLOC>Aucun</PREREQUIS_ENTREE_FORMATION_BLOC>' +
        '<PREREQUIS_VALIDATION>Dossier</PREREQUIS_VALIDATION></BLOC_COMPETENCES>' +
        '<BLOC_COMPETENCES><CODE>RNCP90701BC02</CODE><INTITULE>Rendre compte</INTITULE>' +
        '<PREREQUIS_ENTREE_FORMATION>Bac</PREREQUIS_ENTREE_FORMATION><PREREQUIS_VALIDATION_BLOC>Rapport</PREREQUIS_VALIDATION_BLOC>' +
        '<LISTE_COMPETENCES> </LISTE_COMPETENCES></BLOC_COMPETENCES>' +
        '<BLOC_COMPETENCES><CODE>RNCP90701BC03</CODE></BLOC_COMPETENCES>' +
        '<BLOC_COMPETENCES><LIBELLE>Sans code</LIBELLE></BLOC_COMPETENCES>' +
        '</BLOCS_COMPETENCES>',
    );
    expect(c.data['blocs']).toEqual([
      {
        code: 'RNCP90701BC01',
        libelle: 'Préparer un essai',
        competences: 'Planifier **un essai**',
        modalites_evaluation: 'Mise en situation',
        prerequis_entree_formation: 'Aucun',
        prerequis_validation: 'Dossier',
      },
      {
        code: 'RNCP90701BC02',
        libelle: 'Rendre compte',
        prerequis_entree_formation: 'Bac',
        prerequis_validation: 'Rapport',
      },
    ]);
    expect(warnings(c.avertissements)).toEqual([
      [
        'FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES/LIBELLE',
        'bloc sans code ou sans libellé, laissé de côté',
        ['RNCP90701BC03'],
        1,
      ],
      [
        'FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES/CODE',
        'bloc sans code ou sans libellé, laissé de côté',
        ['Sans code'],
        1,
      ],
    ]);
  });

  it('writes the six voies d’accès, open, closed or not said, with their jury', () => {
    const c = convert(
      '<SI_JURY_FI><ACTIF>Oui</ACTIF><COMPOSITION>Trois professionnels</COMPOSITION>' +
        '<DATE_DERNIERE_MODIFICATION>12/01/2024</DATE_DERNIERE_MODIFICATION></SI_JURY_FI>' +
        '<SI_JURY_CA><ACTIF>Non</ACTIF></SI_JURY_CA><SI_JURY_FC><ACTIF>Oui</ACTIF></SI_JURY_FC>' +
        '<SI_JURY_CQ><ACTIF>Non</ACTIF></SI_JURY_CQ><SI_JURY_CL><ACTIF>Bientôt</ACTIF></SI_JURY_CL>' +
        '<SI_JURY_VAE><ACTIF>Oui</ACTIF><COMPOSITION>Trois professionnels</COMPOSITION><DATE_DERNIERE_MODIFICATION>32/01/2024</DATE_DERNIERE_MODIFICATION></SI_JURY_VAE>',
    );
    expect(c.data['voies_acces']).toEqual({
      formation_initiale: {
        ouverte: true,
        composition_jury: 'Trois professionnels',
        date_derniere_modification: '2024-01-12',
      },
      apprentissage: { ouverte: false },
      formation_continue: { ouverte: true },
      contrat_professionnalisation: { ouverte: false },
      candidature_individuelle: { ouverte: null },
      vae: { ouverte: true, composition_jury: 'Trois professionnels' },
    });
    expect(warnings(c.avertissements)).toEqual([
      ['FICHE/SI_JURY_CL/ACTIF', 'valeur ni Oui ni Non, laissée de côté', ['Bientôt'], 1],
      [
        'FICHE/SI_JURY_VAE/DATE_DERNIERE_MODIFICATION',
        'date illisible ou impossible, laissée de côté',
        ['32/01/2024'],
        1,
      ],
    ]);
  });

  it('writes the conditions, null for an overseas access not said', () => {
    const c = convert(
      '<VALIDATION_PARTIELLE>Oui</VALIDATION_PARTIELLE><DUREE_VALIDITE>5 ans</DUREE_VALIDITE>' +
        '<ACCESSIBLE_NOUVELLE_CALEDONIE>Non</ACCESSIBLE_NOUVELLE_CALEDONIE>',
    );
    expect(c.data['validation_partielle']).toBe(true);
    expect(c.data['duree_validite']).toBe('5 ans');
    expect(c.data['accessible_nouvelle_caledonie']).toBe(false);
    expect(c.data['accessible_polynesie_francaise']).toBeNull();
    const other = convert(
      '<VALIDATION_PARTIELLE>Non</VALIDATION_PARTIELLE><ACCESSIBLE_POLYNESIE_FRANCAISE>Oui</ACCESSIBLE_POLYNESIE_FRANCAISE>',
    );
    expect(other.data['validation_partielle']).toBe(false);
    expect(other.data['accessible_nouvelle_caledonie']).toBeNull();
    expect(other.data['accessible_polynesie_francaise']).toBe(true);
  });

  it('writes the legal texts with their date, and names one without title', () => {
    const c = convert(
      '<PUBLICATION_DECRET_GENERAL><PUBLICATION_JO><TITRE>Arrêté du 2 mars 2021</TITRE><DATE_PUBLICATION_JO>09/03/2021</DATE_PUBLICATION_JO></PUBLICATION_JO></PUBLICATION_DECRET_GENERAL>' +
        '<PUBLICATION_DECRET_CREATION><PUBLICATION_JO><LIBELLE>Décret de création</LIBELLE></PUBLICATION_JO></PUBLICATION_DECRET_CREATION>' +
        '<PUBLICATION_DECRET_AUTRE><PUBLICATION_JO><INTITULE>Autre texte</INTITULE></PUBLICATION_JO>' +
        '<PUBLICATION_JO><DATE_PUBLICATION_JO>01/01/2020</DATE_PUBLICATION_JO></PUBLICATION_JO></PUBLICATION_DECRET_AUTRE>',
    );
    expect(c.data['base_legale']).toEqual({
      decret_general: [{ titre: 'Arrêté du 2 mars 2021', date_publication_jo: '2021-03-09' }],
      creation: [{ titre: 'Décret de création' }],
      autres: [{ titre: 'Autre texte' }],
    });
    expect(warnings(c.avertissements)).toEqual([
      [
        'FICHE/PUBLICATION_DECRET_AUTRE/PUBLICATION_JO/TITRE',
        'texte officiel sans titre, laissé de côté',
        ['2020-01-01'],
        1,
      ],
    ]);
  });

  it('reads figures written with spaces, a comma or a percent sign, and names those out of range', () => {
    const promotion = (annee: string, certifies: string, vae: string, six: string, deux: string) =>
      `<STATISTIQUES_PROMOTION><ANNEE>${annee}</ANNEE><NOMBRE_CERTIFIES>${certifies}</NOMBRE_CERTIFIES>` +
      `<NOMBRE_CERTIFIES_VAE>${vae}</NOMBRE_CERTIFIES_VAE><TAUX_INSERTION_GLOBAL_6MOIS>${six}</TAUX_INSERTION_GLOBAL_6MOIS>` +
      `<TAUX_INSERTION_METIER_2ANS>${deux}</TAUX_INSERTION_METIER_2ANS></STATISTIQUES_PROMOTION>`;
    const c = convert(
      '<STATISTIQUES_PROMOTIONS>' +
        promotion('2022', '1 234', '0', '85,5 %', '100') +
        promotion('2021', '12.5', '-1', '100.5', 'x') +
        promotion('1899', '3', '1', '0', '50') +
        '</STATISTIQUES_PROMOTIONS>' +
        '<ANNEES_PROMOTIONS_NIVEAU><ANNEE>2021</ANNEE><ANNEE>2101</ANNEE><ANNEE>2100</ANNEE><ANNEE>1900</ANNEE></ANNEES_PROMOTIONS_NIVEAU>',
    );
    expect(c.data['statistiques']).toEqual({
      promotions: [
        {
          annee: 2022,
          nombre_certifies: 1234,
          nombre_certifies_vae: 0,
          taux_insertion_global_6_mois: 85.5,
          taux_insertion_metier_2_ans: 100,
        },
        { annee: 2021 },
      ],
      annees_promotions_niveau: [2021, 2100, 1900],
    });
    const path = 'FICHE/STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION';
    expect(warnings(c.avertissements)).toEqual([
      [
        `${path}/NOMBRE_CERTIFIES`,
        'nombre attendu entier de 0 à 10000000, valeur laissée de côté',
        ['12.5'],
        1,
      ],
      [
        `${path}/NOMBRE_CERTIFIES_VAE`,
        'nombre attendu entier de 0 à 10000000, valeur laissée de côté',
        ['-1'],
        1,
      ],
      [
        `${path}/TAUX_INSERTION_GLOBAL_6MOIS`,
        'nombre attendu de 0 à 100, valeur laissée de côté',
        ['100.5'],
        1,
      ],
      [
        `${path}/TAUX_INSERTION_METIER_2ANS`,
        'nombre attendu de 0 à 100, valeur laissée de côté',
        ['x'],
        1,
      ],
      [
        `${path}/ANNEE`,
        'nombre attendu entier de 1900 à 2100, valeur laissée de côté',
        ['1899'],
        1,
      ],
      [`${path}/ANNEE`, 'promotion sans année, laissée de côté', [], 1],
      [
        'FICHE/ANNEES_PROMOTIONS_NIVEAU/ANNEE',
        'nombre attendu entier de 1900 à 2100, valeur laissée de côté',
        ['2101'],
        1,
      ],
    ]);
  });
});

describe('texts, lineage and links', () => {
  it('writes each text under its heading, in the order of the fiche, and skips an empty one', () => {
    const c = convert(
      '<CAPACITES_ATTESTEES>Mesurer</CAPACITES_ATTESTEES><OBJECTIFS_CONTEXTE>Former des techniciens</OBJECTIFS_CONTEXTE>' +
        '<ACTIVITES_VISEES>   </ACTIVITES_VISEES><MODALITES_RENOUVELLEMENT>Tous les cinq ans</MODALITES_RENOUVELLEMENT>',
    );
    expect(c.body).toBe(
      '## Objectifs et contexte\n\nFormer des techniciens\n\n' +
        '## Compétences attestées\n\nMesurer\n\n' +
        '## Modalités de renouvellement\n\nTous les cinq ans',
    );
    expect(convert('').body).toBe('');
  });

  it('writes the lineage from V4.1 and V2/V3 elements, each number once, and names a malformed one', () => {
    const c = convert(
      '<ANCIENNES_CERTIFICATIONS><ANCIENNE_CERTIFICATION><ID_FICHE_ANCIENNE_CERTIFICATION>rncp 111</ID_FICHE_ANCIENNE_CERTIFICATION></ANCIENNE_CERTIFICATION>' +
        '<ANCIENNE_CERTIFICATION><NUMERO_FICHE>RNCP222</NUMERO_FICHE></ANCIENNE_CERTIFICATION></ANCIENNES_CERTIFICATIONS>' +
        '<ANCIENNE_CERTIFICATION>RNCP111</ANCIENNE_CERTIFICATION><ANCIENNE_CERTIFICATION>333</ANCIENNE_CERTIFICATION>' +
        '<NOUVELLE_CERTIFICATION><ID_FICHE_NOUVELLE_CERTIFICATION>RS44</ID_FICHE_NOUVELLE_CERTIFICATION></NOUVELLE_CERTIFICATION>',
    );
    expect(c.data['lignee']).toEqual({
      precedentes: [{ numero: 'RNCP111' }, { numero: 'RNCP222' }],
      suivantes: [{ numero: 'RS44' }],
    });
    expect(warnings(c.avertissements)).toEqual([
      [
        'FICHE/ANCIENNES_CERTIFICATIONS/ANCIENNE_CERTIFICATION/ID_FICHE_ANCIENNE_CERTIFICATION',
        'numéro de fiche mal formé, laissé de côté',
        ['333'],
        1,
      ],
    ]);
    expect(c.inconnus).toEqual([]);
  });

  it('writes the description address as a link', () => {
    const c = convert('<LIEN_URL_DESCRIPTION>https://www.example.fr/titre</LIEN_URL_DESCRIPTION>');
    expect(c.data['url_description']).toEqual([{ url: 'https://www.example.fr/titre' }]);
  });

  it('names every element it did not read: unknown, repeated, or an attribute', () => {
    const c = convert(
      '<INTITULE>Deuxième intitulé</INTITULE><NOUVEAU>x</NOUVEAU>' +
        '<NOMENCLATURE_EUROPE niveau="6"><NIVEAU>NIV6</NIVEAU><AUTRE>y</AUTRE></NOMENCLATURE_EUROPE>',
    );
    expect(c.data['intitule']).toBe("Technicien d'essai");
    expect(c.inconnus).toEqual([
      'FICHE/INTITULE',
      'FICHE/NOUVEAU',
      'FICHE/NOMENCLATURE_EUROPE/@niveau',
      'FICHE/NOMENCLATURE_EUROPE/AUTRE',
    ]);
  });
});

describe('compact', () => {
  it('drops undefined, empty lists and empty objects but keeps null and the required source blocs', () => {
    expect(
      compact({
        a: undefined,
        b: [],
        c: {},
        d: null,
        e: [undefined, 1],
        f: { g: undefined },
        blocs_source: [],
        h: [{}],
      }),
    ).toEqual({ d: null, e: [1], blocs_source: [], h: [{}] });
  });
});
