/**
 * An address field of the export (LIEN_URL_DESCRIPTION, SITE_INTERNET) imported as links
 * (src/lib/import/liens.ts): several addresses give several links, the words around an address become
 * its text, a sentence without address is kept as text, and each part that is not an address is noted
 * for the import report. What comes out is valid for the schema (src/schema/fiche.ts), which refuses
 * the value the importer used to write (two addresses in one).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liensWeb } from '../../src/lib/import/liens.ts';
import { FicheReader } from '../../src/lib/import/reader.ts';
import { ficheFields } from '../../src/schema/fiche.ts';
import { sharedData } from '../support/shared-data.ts';

const schema = ficheFields.shape.url_description.unwrap();

/** The links of a value, with the notes it gave; the links must pass the schema. */
function split(value: string) {
  const notes: string[] = [];
  const liens = liensWeb(value, (message) => notes.push(message));
  if (liens.length > 0) expect(schema.safeParse(liens).error?.issues).toBeUndefined();
  return { liens, notes };
}

describe('an address field of the export, imported as links', () => {
  it('keeps a plain http:// address, and a label with its spaces run together', () => {
    expect(split('http://exemple.fr/a')).toEqual({
      liens: [{ url: 'http://exemple.fr/a' }],
      notes: [],
    });
    expect(split('Prog  officiel : https://a.fr/').liens).toEqual([
      { url: 'https://a.fr/', libelle: 'Prog officiel' },
    ]);
  });

  it('gives one link per address when the value holds several, separated by spaces', () => {
    const value = 'https://a.example.fr/   https://b.example.fr/formation';
    // What the importer wrote before: one value, which the schema now refuses.
    expect(schema.safeParse([{ url: value }]).success).toBe(false);
    expect(split(value)).toEqual({
      liens: [{ url: 'https://a.example.fr/' }, { url: 'https://b.example.fr/formation' }],
      notes: [],
    });
  });

  it('keeps a sentence without address as text, noted', () => {
    const value = 'Certificat de compétences – Organisme de formation (organisme.fr)';
    expect(split(value)).toEqual({
      liens: [{ libelle: value }],
      notes: ['texte qui n’est pas une adresse, gardé comme texte sans lien'],
    });
  });

  it('makes the words before an address its text, and keeps words after the last one', () => {
    expect(
      split(
        'Programme : https://www.organisme.fr/programme, inscriptions sur www.organisme.fr/inscription. Renseignements à l’accueil',
      ),
    ).toEqual({
      liens: [
        { url: 'https://www.organisme.fr/programme', libelle: 'Programme' },
        { url: 'https://www.organisme.fr/inscription', libelle: 'inscriptions sur' },
        { libelle: 'Renseignements à l’accueil' },
      ],
      notes: [
        'texte qui n’est pas une adresse, gardé comme texte du lien',
        'adresse sans protocole : https:// ajouté',
        'texte qui n’est pas une adresse, gardé comme texte du lien',
        'texte qui n’est pas une adresse, gardé comme texte sans lien',
      ],
    });
  });

  it('leaves out parentheses and punctuation around an address, not inside it', () => {
    expect(
      split('(https://fr.wikipedia.org/wiki/Insertion_(sociologie)) ; https://exemple.fr/a?b=1.')
        .liens,
    ).toEqual([
      { url: 'https://fr.wikipedia.org/wiki/Insertion_(sociologie)' },
      { url: 'https://exemple.fr/a?b=1' },
    ]);
  });

  it('encodes the signs an address cannot hold, and keeps an e-mail address as text', () => {
    expect(split('https://exemple.fr/a|b^c contact@organisme.fr')).toEqual({
      liens: [{ url: 'https://exemple.fr/a%7Cb%5Ec' }, { libelle: 'contact@organisme.fr' }],
      notes: [
        'caractère interdit dans une adresse, encodé (%XX)',
        'texte qui n’est pas une adresse, gardé comme texte sans lien',
      ],
    });
  });

  it('leaves out a value of signs only, noted', () => {
    // A real value of the RNCP sample export.
    expect(split('* *')).toEqual({ liens: [], notes: ['ni adresse ni texte, laissé de côté'] });
  });

  it('notes each part in the import report, under the element, with the value', () => {
    const r = new FicheReader();
    const element = 'FICHE/LIEN_URL_DESCRIPTION';
    expect(r.liens('Site : https://organisme.fr/ https://organisme.fr/cqp', element)).toEqual([
      { url: 'https://organisme.fr/', libelle: 'Site' },
      { url: 'https://organisme.fr/cqp' },
    ]);
    expect(r.liens('* *', element)).toBeUndefined();
    expect(r.avertissements).toEqual([
      {
        element,
        message: 'texte qui n’est pas une adresse, gardé comme texte du lien',
        valeurs: ['Site : https://organisme.fr/ https://organisme.fr/cqp'],
        nombre: 1,
      },
      { element, message: 'ni adresse ni texte, laissé de côté', valeurs: ['* *'], nombre: 1 },
    ]);
  });
});

describe('the address fields of the real sample exports', () => {
  const samples = sharedData('france-competences/xml-v4.1-samples');
  const values = ['export_fiches_RNCP_fixture.xml', 'export_fiches_RS_fixture.xml'].flatMap(
    (file) => {
      const text = readFileSync(path.join(samples, file), 'utf8');
      return [...text.matchAll(/<(LIEN_URL_DESCRIPTION|SITE_INTERNET)>([^<]*)</g)].map(
        (m) => m[2]!,
      );
    },
  );

  it('keep every address they hold, each a valid link', () => {
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      const { liens } = split(value.replace(/\s+/g, ' ').trim());
      const addresses = value.split(/\s+/).filter((w) => /^https?:\/\//.test(w));
      expect(
        liens.flatMap((l) => l.url ?? []),
        value,
      ).toEqual(addresses);
    }
  });
});

describe('the schema, for an editor', () => {
  it('accepts several addresses written one per element, with or without their text', () => {
    expect(
      schema.safeParse([
        { url: 'https://www.exemple.fr/' },
        { url: 'https://www.exemple.fr/formation', libelle: 'Programme' },
        { libelle: 'Brochure disponible à l’accueil' },
        { url: 'https://www.exemple.fr/%C3%A9t%C3%A9' },
        { url: 'https://www.exemple.fr/été' },
      ]).success,
    ).toBe(true);
  });

  it('refuses an element with neither address nor text', () => {
    expect(schema.safeParse([{}]).error?.issues[0]?.message).toMatch(/Élément vide/);
  });
});

describe('an address field, its edge cases', () => {
  it('keeps as text an address with no domain, and strips runs of separators around a label', () => {
    const notes: string[] = [];
    expect(liensWeb('Voir https://intranet/page', (m) => notes.push(m))).toEqual([
      { libelle: 'Voir https://intranet/page' },
    ]);
    expect(notes).toEqual(['texte qui n’est pas une adresse, gardé comme texte sans lien']);
    expect(liensWeb('*** Voir le site ::: https://a.fr/ ---', () => {})).toEqual([
      { url: 'https://a.fr/', libelle: 'Voir le site' },
    ]);
  });
});
