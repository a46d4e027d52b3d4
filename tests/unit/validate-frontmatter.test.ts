/**
 * What an editor reads about the data block of a fiche (its YAML frontmatter): the file:line:column
 * sends them to the value, or to the key when the key itself is wrong, at any depth; YAML's own
 * errors are said in French at their line; the `---` lines are found even with trailing spaces or
 * Windows line ends, and a file that does not start with one is refused; a misspelt field name gets
 * the right name suggested (and a name like no other gets none); a placeholder left by `npm run new`
 * is one message, not two; what YAML read is shown as the value, a number or a date as written.
 */
import { describe, expect, it } from 'vitest';
import { BASE, messagesAfter, messagesFor } from './validate-edit.ts';

const F = 'rncp/9201.md';

describe('where the editor is sent: line and column of the value, or of the key', () => {
  it('a wrong value deep in a list points at the value itself', () => {
    expect(
      messagesAfter((t) =>
        t.replace('  - nom: "Organisme de test"', '  - nom: "Organisme de test"\n  - nom: ""'),
      ),
    ).toEqual([
      `${F}:8:10 certificateurs[1].nom : Texte vide : supprimez le champ ou remplissez-le (valeur : "")`,
    ]);
  });

  it('an unknown key points at the key, not at its value, and names the right one', () => {
    expect(messagesAfter((t) => t.replace('  actif: true', '  actiff: true'))).toEqual([
      `${F}:5:3 statut.actif : Champ obligatoire manquant : ajoutez « actif » (statut.actif : attendu true ou false)`,
      `${F}:5:3 statut.actiff : Champ inconnu « actiff » ; vouliez-vous dire « actif » ?`,
    ]);
  });

  it('a missing field points at what holds it: the list item, or the data block’s first line', () => {
    expect(
      messagesAfter((t) => t.replace('  - nom: "Organisme de test"', '  - site_internet: []')),
    ).toEqual([
      `${F}:7:5 certificateurs[0].nom : Champ obligatoire manquant : ajoutez « nom » (chaîne de caractères attendu, indéfini reçu)`,
    ]);
    expect(messagesAfter((t) => t.replace('intitule: "Agent de test"\n', ''))).toEqual([
      `${F}:2:1 intitule : Champ obligatoire manquant : ajoutez « intitule » (chaîne de caractères attendu, indéfini reçu)`,
    ]);
  });

  it('a data block that is not a set of fields, or empty, is named as the whole fiche', () => {
    const list = BASE.replace(/^---\n[\s\S]*?\n---\n/, '---\n- a\n---\n');
    expect(messagesFor(list)).toEqual([
      `${F}:2:1 (fiche entière) : Entrée invalide : objet attendu, tableau reçu`,
    ]);
    const empty = BASE.replace(/^---\n[\s\S]*?\n---\n/, '---\n---\n');
    expect(messagesFor(empty)).toEqual([
      `${F}:2:1 (fiche entière) : Entrée invalide : objet attendu, indéfini reçu`,
    ]);
  });
});

describe('codes and rules of the reference tables', () => {
  it('an NSF code of the right form but unknown is named, with an example', () => {
    expect(
      messagesAfter((t) =>
        t.replace('rome:', 'nsf:\n  - code: "999z"\n    libelle: "Rien"\nrome:'),
      ),
    ).toEqual([
      `${F}:11:11 nsf[0].code : Code NSF inconnu de la nomenclature des spécialités de formation, par exemple "332t" (valeur : "999z")`,
    ]);
  });

  it('an RNCP fiche without a level is told what to add, not that a field is missing', () => {
    expect(messagesAfter((t) => t.replace('niveau:\n  europe: 3\n', ''))).toEqual([
      `${F}:2:1 niveau : Une fiche RNCP a un niveau : ajoutez niveau.europe (1 à 8) ou niveau.sans_niveau`,
    ]);
  });
});

describe('YAML’s own errors, in French, at their line', () => {
  it.each([
    [
      'a field written twice',
      (t: string) => t.replace('intitule: "Agent de test"', 'intitule: "A"\nintitule: "B"'),
      `${F}:4:1 frontmatter : Clé YAML en double : un champ est écrit deux fois`,
    ],
    [
      'a field indented more than its neighbours',
      (t: string) => t.replace('  actif: true', '  actif: true\n   x: 1'),
      `${F}:6:5 frontmatter : Indentation YAML incorrecte : alignez ce champ avec ses voisins`,
    ],
    [
      'a list item where a field is expected',
      (t: string) =>
        t.replace(
          'accessible_polynesie_francaise: null',
          'accessible_polynesie_francaise: null\n- x',
        ),
      `${F}:28:1 frontmatter : YAML mal formé : vérifiez les guillemets et l’indentation de cette ligne`,
    ],
    [
      'a quote never closed',
      (t: string) =>
        t.replace('accessible_polynesie_francaise: null', 'accessible_polynesie_francaise: "null'),
      `${F}:28:1 frontmatter : YAML mal formé : un guillemet ouvert n’est jamais refermé`,
    ],
    [
      'an apostrophe never closed',
      (t: string) =>
        t.replace('accessible_polynesie_francaise: null', "accessible_polynesie_francaise: 'null"),
      `${F}:28:1 frontmatter : YAML mal formé : un guillemet ouvert n’est jamais refermé`,
    ],
    [
      'any other mistake, with YAML’s words',
      (t: string) => t.replace('statut:', '"a" b\nstatut:'),
      `${F}:4:5 frontmatter : YAML mal formé (can not read an implicit mapping pair; a colon is missed)`,
    ],
  ])('%s', (_, edit, message) => {
    expect(messagesAfter(edit)).toEqual([message]);
  });
});

describe('the two `---` lines', () => {
  const noFrontmatter = `${F}:1:1 frontmatter : Le fichier doit commencer par un bloc de données entre deux lignes « --- »`;

  it('are found with trailing spaces, and in a file with Windows line ends', () => {
    const broken = BASE.replace('europe: 3', 'europe: 9');
    const expected = [`${F}:9:11 niveau.europe : Niveau européen : de 1 à 8 (valeur : 9)`];
    expect(
      messagesFor(broken.replace(/^---\n/, '--- \t\n').replace('\n---\n', '\n---  \n')),
    ).toEqual(expected);
    expect(messagesFor(broken.replace(/\n/g, '\r\n'))).toEqual(expected);
  });

  it('a file that does not start with `---`, or never closes it, is refused', () => {
    expect(messagesFor(BASE.replace(/^---\n/, '----\n'))).toEqual([noFrontmatter]);
    expect(messagesFor(`Titre\n${BASE}`)).toEqual([noFrontmatter]);
    expect(messagesFor(BASE.replace('\n---\n', '\n'))).toEqual([noFrontmatter]);
  });

  it('a byte order mark is named, and hides the first `---`', () => {
    expect(messagesFor(`\uFEFF${BASE}`)).toEqual([
      `${F}:1:1 fichier : Le fichier commence par une marque d’ordre des octets (BOM) : enregistrez-le en UTF-8 sans BOM`,
      noFrontmatter,
    ]);
  });
});

describe('a misspelt field name', () => {
  // The field names are gathered once, at the first unknown name of this file (statut.actiff above,
  // whose suggestion is checked too): a mistake in gathering them shows in every test here.
  it('gets the right name within two letters, even inside a list item', () => {
    expect(messagesAfter((t) => t.replace('niveau:', 'niveua:'))).toContain(
      `${F}:8:1 niveua : Champ inconnu « niveua » ; vouliez-vous dire « niveau » ?`,
    );
    expect(
      messagesAfter((t) =>
        t.replace(
          'rome:',
          'blocs:\n  - code: "RNCP9201BC01"\n    libelle: "Bloc"\n    competance: "x"\nrome:',
        ),
      ),
    ).toEqual([
      `${F}:13:5 blocs[0].competance : Champ inconnu « competance » ; vouliez-vous dire « competences » ?`,
    ]);
  });

  it('a long name gets its suggestion with a third of its letters wrong', () => {
    expect(
      messagesAfter((t) =>
        t.replace('accessible_nouvelle_caledonie', 'accesible_nouvel_caledonie'),
      ),
    ).toContain(
      `${F}:26:1 accesible_nouvel_caledonie : Champ inconnu « accesible_nouvel_caledonie » ; vouliez-vous dire « accessible_nouvelle_caledonie » ?`,
    );
  });

  it('a name three letters away from any field gets no suggestion', () => {
    expect(messagesAfter((t) => t.replace('rome:', 'romexyz: 1\nrome:'))).toEqual([
      `${F}:10:1 romexyz : Champ inconnu « romexyz »`,
    ]);
  });
});

describe('what YAML read, shown to the editor', () => {
  it('a placeholder left by `npm run new` gets one message, not also its type’s', () => {
    expect(messagesAfter((t) => t.replace('europe: 3', 'europe: "À COMPLÉTER : 1 à 8"'))).toEqual([
      `${F}:9:11 niveau.europe : Champ à compléter : remplacez le texte « À COMPLÉTER … » par la valeur, ou supprimez le champ s’il est facultatif`,
    ]);
  });

  it('a date where a number is expected is shown as the date written, not called a date to quote', () => {
    expect(messagesAfter((t) => t.replace('europe: 3', 'europe: 2024-06-27'))).toEqual([
      `${F}:9:11 niveau.europe : Niveau européen : un nombre entier de 1 à 8 est attendu, par exemple 5 (valeur : 2024-06-27)`,
    ]);
  });

  it('yes/no or nothing where a text is expected is shown as read, and not called a code', () => {
    expect(messagesAfter((t) => t.replace('intitule: "Agent de test"', 'intitule: true'))).toEqual([
      `${F}:3:11 intitule : Entrée invalide : chaîne de caractères attendu, booléen reçu (valeur : true)`,
    ]);
    expect(messagesAfter((t) => t.replace('intitule: "Agent de test"', 'intitule: null'))).toEqual([
      `${F}:3:11 intitule : Entrée invalide : chaîne de caractères attendu, null reçu (valeur : null)`,
    ]);
  });

  it('a set of fields where a text is expected is not shown as a value', () => {
    expect(
      messagesAfter((t) => t.replace('intitule: "Agent de test"', 'intitule:\n  fr: "Agent"')),
    ).toEqual([`${F}:4:3 intitule : Entrée invalide : chaîne de caractères attendu, objet reçu`]);
  });

  it('a text of the longest length a field may hold passes; one character more is refused', () => {
    const at = (length: number) =>
      messagesAfter((t) => t.replace('"Agent de test"', `"${'a'.repeat(length)}"`));
    expect(at(200_000)).toEqual([]);
    expect(at(200_001)).toEqual([
      `${F}:3:11 intitule : Texte trop long : 200001 caractères, 200000 au plus`,
    ]);
  });
});
