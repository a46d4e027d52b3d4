/**
 * What an editor reads about the Markdown of a fiche: the body's sections (known `##` titles, once
 * each, no `#`, no text before the first one, `###` free inside a section), a section's length limit
 * to the character; the Markdown kept in a bloc's or a jury's field is checked like the body (links,
 * braces, import lines) while a plain field (a title, a name) only refuses HTML tags — and a `<`
 * followed by a space or a digit is text, not a tag; the value quoted in a message fits on one line.
 */
import { describe, expect, it } from 'vitest';
import { checkSectionLengths, parseMarkdown } from '../../src/lib/validate/markdown.ts';
import { messagesAfter, messagesFor, withBody } from './validate-edit.ts';

const F = 'rncp/9201.md';
const HORS_SECTION = `${F}:30:1 corps : Texte hors section : commencez le corps de la fiche par un titre « ## » de la liste des sections`;
const ACTIVITES = '\n## Activités visées\n\n';

describe('the sections of the body', () => {
  it('a `#` title is refused once, as a level-1 title (not also as text out of a section)', () => {
    expect(messagesFor(withBody(`\n# Titre\n${ACTIVITES}Texte.\n`))).toEqual([
      `${F}:30:1 corps : Titre de niveau 1 interdit : le titre de la page vient du champ intitule ; utilisez « ## » et une section connue (valeur : "Titre")`,
    ]);
  });

  it('text or a `###` title before the first section is out of any section', () => {
    expect(messagesFor(withBody(`\nIntro.\n${ACTIVITES}Texte.\n`))).toEqual([HORS_SECTION]);
    expect(messagesFor(withBody(`\n### Détail\n${ACTIVITES}Texte.\n`))).toEqual([HORS_SECTION]);
    expect(messagesFor(withBody('\nIntro.\n'))).toEqual([HORS_SECTION]);
  });

  it('a `###` title inside a section, an empty body, a title in code type are accepted', () => {
    expect(messagesFor(withBody(`${ACTIVITES}### Détail\n\nTexte.\n`))).toEqual([]);
    expect(messagesFor(withBody(''))).toEqual([]);
    expect(messagesFor(withBody('\n## Activités `visées`\n\nTexte.\n'))).toEqual([]);
  });

  it('a section written twice is refused at its second title', () => {
    expect(messagesFor(withBody(`${ACTIVITES}A.\n${ACTIVITES}B.\n`))).toEqual([
      `${F}:34:1 corps : Section en double : chaque section ne peut apparaître qu’une fois (valeur : "Activités visées")`,
    ]);
  });

  it('an unknown title is refused with the list of titles', () => {
    const [message] = messagesFor(withBody(`${ACTIVITES}A.\n\n## Mes \`notes\`\n\nB.\n`));
    expect(message).toMatch(
      new RegExp(
        `^${F}:34:1 corps : Section inconnue : les titres « ## » possibles sont « Objectifs et contexte », « Activités visées », .*« Historique » \\(valeur : "Mes notes"\\)$`,
      ),
    );
  });

  it('a placeholder line of a section is named at its line, even at the line’s start', () => {
    expect(messagesFor(withBody(`${ACTIVITES}A.\n\nÀ COMPLÉTER : les activités\n`))).toEqual([
      `${F}:34:1 corps : Section à compléter : remplacez le texte « À COMPLÉTER … » par le contenu de la section, ou supprimez la section (titre compris)`,
    ]);
  });
});

describe('a section’s length, counted from the end of its title to the next `#` or `##` title', () => {
  const A = '## Activités visées';
  const B = '## Compétences attestées';
  // The first section holds "\n\n" + 10 x + "\n\n" = 14 characters, the second "\n\n" + 20 y = 22.
  const text = `${A}\n\n${'x'.repeat(10)}\n\n${B}\n\n${'y'.repeat(20)}`;
  const lengths = (max: number) =>
    checkSectionLengths(parseMarkdown(text), max).map((p) => `${p.line}:${p.column} ${p.message}`);

  it('a section as long as the limit passes, one character more is refused', () => {
    expect(lengths(22)).toEqual([]);
    expect(lengths(21)).toEqual(['5:1 Section trop longue : 22 caractères, 21 au plus']);
    expect(lengths(14)).toEqual(['5:1 Section trop longue : 22 caractères, 14 au plus']);
    expect(lengths(13)).toEqual([
      '1:1 Section trop longue : 14 caractères, 13 au plus',
      '5:1 Section trop longue : 22 caractères, 13 au plus',
    ]);
  });

  it('a `###` title does not cut a section in two', () => {
    const sub = `${A}\n\n${'x'.repeat(10)}\n\n### Détail\n\n${'x'.repeat(10)}`;
    expect(
      checkSectionLengths(parseMarkdown(sub), 30).map((p) => `${p.line}:${p.column} ${p.value}`),
    ).toEqual(['1:1 Activités visées']);
  });
});

describe('Markdown fields (a bloc’s, a jury’s) are checked like the body; plain fields refuse tags', () => {
  const bloc = (field: string, value: string) =>
    messagesAfter((t) =>
      t.replace(
        'rome:',
        `blocs:\n  - code: "RNCP9201BC01"\n    libelle: "Bloc"\n    ${field}: ${value}\nrome:`,
      ),
    );

  it('braces, a javascript: link, an import line in a bloc’s Markdown are refused', () => {
    expect(bloc('competences', '"Calculer {x}"')).toEqual([
      `${F}:13:18 blocs[0].competences : Accolades {…} interdites dans une fiche (syntaxe MDX) : reformulez sans accolades (valeur : "Calculer {x}")`,
    ]);
    expect(bloc('modalites_evaluation', '"[Voir](javascript:alert(1))"')).toEqual([
      `${F}:13:27 blocs[0].modalites_evaluation : Lien refusé : seules les adresses https://, http:// et mailto: sont acceptées (valeur : "javascript:alert(1)")`,
    ]);
    const esm = `${F}:13:33 blocs[0].prerequis_entree_formation : Syntaxe MDX (import/export) interdite dans une fiche : une fiche est du Markdown simple (valeur : "import Piege from './piege.js'")`;
    expect(bloc('prerequis_entree_formation', `"import Piege from './piege.js'"`)).toEqual([esm]);
    // On a line of its own, indented, after a first paragraph.
    expect(
      bloc('prerequis_entree_formation', `"Texte.\\n\\n  import Piege from './piege.js'"`),
    ).toEqual([esm]);
  });

  it('a jury’s composition is Markdown too; links to the web and bold pass', () => {
    const jury = (value: string) =>
      messagesAfter((t) =>
        t.replace(
          '  vae:\n    ouverte: true',
          `  vae:\n    ouverte: true\n    composition_jury: ${value}`,
        ),
      );
    expect(jury('"{jury}"')).toEqual([
      `${F}:26:23 voies_acces.vae.composition_jury : Accolades {…} interdites dans une fiche (syntaxe MDX) : reformulez sans accolades (valeur : "{jury}")`,
    ]);
    expect(
      jury(
        '"**Trois** membres, [liste](https://exemple.fr/jury) et [écrire](mailto:jury@exemple.fr)"',
      ),
    ).toEqual([]);
  });

  it('a bloc’s title is a plain field: braces and links pass, a tag is refused as such', () => {
    expect(bloc('prerequis_validation', '"Aucun"')).toEqual([]);
    expect(
      messagesAfter((t) =>
        t.replace(
          'rome:',
          'blocs:\n  - code: "RNCP9201BC01"\n    libelle: "Bloc {1} [a](javascript:x)"\nrome:',
        ),
      ),
    ).toEqual([]);
    expect(
      messagesAfter((t) =>
        t.replace('rome:', 'blocs:\n  - code: "RNCP9201BC01"\n    libelle: "<b>Bloc</b>"\nrome:'),
      ),
    ).toEqual([
      `${F}:12:14 blocs[0].libelle : Balise HTML interdite : écrivez du texte simple (les caractères < et & seuls sont acceptés) (valeur : "<b>Bloc</b>")`,
    ]);
  });

  const title = (value: string) =>
    messagesAfter((t) => t.replace('intitule: "Agent de test"', `intitule: '${value}'`));

  it.each([
    '<b>Agent',
    '<strong>Agent',
    'Agent</strong>',
    'Agent <br/>',
    '<a href=https://exemple.fr>Agent',
    '<b onclick=alert(1)>Agent',
    '<my-tag>Agent',
    'Agent <!-- caché',
    'Agent <![CDATA[x]]>',
  ])('a plain field holding %s is refused', (value) => {
    expect(title(value)).toEqual([
      `${F}:3:11 intitule : Balise HTML interdite : écrivez du texte simple (les caractères < et & seuls sont acceptés) (valeur : ${JSON.stringify(value)})`,
    ]);
  });

  it.each(['Agent < 3 ans & plus', 'Niveau<3', 'a <> b', 'Bac+2 <=> Bac+3', 'Revenu <SMIC'])(
    'a plain field holding %s passes',
    (value) => {
      expect(title(value)).toEqual([]);
    },
  );
});

describe('the body’s Markdown', () => {
  it('links to the web (any case) and to an address pass; others are refused even when they mention https', () => {
    expect(
      messagesFor(
        withBody(
          `${ACTIVITES}[a](http://exemple.fr) [b](HTTPS://exemple.fr) [c](mailto:a@exemple.fr) <https://exemple.fr>\n`,
        ),
      ),
    ).toEqual([]);
    expect(messagesFor(withBody(`${ACTIVITES}[a](javascript:alert('https://x'))\n`))).toEqual([
      `${F}:32:1 corps : Lien refusé : seules les adresses https://, http:// et mailto: sont acceptées (valeur : "javascript:alert('https://x')")`,
    ]);
    expect(messagesFor(withBody(`${ACTIVITES}[a][x]\n\n[x]: javascript:alert(1)\n`))).toEqual([
      `${F}:34:1 corps : Lien refusé : seules les adresses https://, http:// et mailto: sont acceptées (valeur : "javascript:alert(1)")`,
    ]);
  });

  it('braces in code type are refused too; import or export inside a sentence is text', () => {
    expect(messagesFor(withBody(`${ACTIVITES}Taper \`{x}\` ici.\n`))).toEqual([
      `${F}:32:7 corps : Accolades {…} interdites dans une fiche (syntaxe MDX) : reformulez sans accolades (valeur : "{x}")`,
    ]);
    expect(messagesFor(withBody(`${ACTIVITES}Voir {x} [le site](https://exemple.fr).\n`))).toEqual([
      `${F}:32:1 corps : Accolades {…} interdites dans une fiche (syntaxe MDX) : reformulez sans accolades (valeur : "Voir {x}")`,
    ]);
    expect(messagesFor(withBody(`${ACTIVITES}Taux d’import = 5 %, export = 3 %.\n`))).toEqual([]);
    expect(messagesFor(withBody(`${ACTIVITES}export const a = 1\n`))).toEqual([
      `${F}:32:1 corps : Syntaxe MDX (import/export) interdite dans une fiche : une fiche est du Markdown simple (valeur : "export const a = 1")`,
    ]);
  });

  it('the value quoted is on one line, whole up to 60 characters, cut after 57 beyond', () => {
    const html = (inner: string) => messagesFor(withBody(`${ACTIVITES}<div>\n${inner}\n</div>\n`));
    const shown = (lines: string[]) => /\(valeur : "(.*)"\)$/.exec(lines[0] ?? '')?.[1];
    expect(shown(html('  a   b'))).toBe('<div> a b </div>');
    // "<div> " + 47 + " </div>" = 60 characters.
    expect(shown(html('x'.repeat(47)))).toBe(`<div> ${'x'.repeat(47)} </div>`);
    expect(shown(html('x'.repeat(48)))).toBe(`<div> ${'x'.repeat(48)} </…`);
  });
});
