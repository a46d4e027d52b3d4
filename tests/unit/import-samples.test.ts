/**
 * Nothing of the export is lost on import: the 13 real sample fiches of the France Compétences export
 * (8 RNCP, 5 RS, ../shared/data/france-competences/xml-v4.1-samples/) are imported into a temporary
 * folder (never into content/: their long texts are other people's sentences), then each fiche is
 * compared, field by field, with an independent reading of the XML. Every element of the samples must
 * be found in the fiche or be named in the import report; every written file must pass the schema and
 * the project's validator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Root, RootContent } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ficheSchema } from '../../src/schema/fiche.ts';
import { SECTIONS } from '../../src/schema/sections.ts';
import { ELEMENTS, LAISSES_DE_COTE } from '../../src/lib/import/elements.ts';
import { untouchedSinceImport } from '../../src/lib/import/render.ts';
import type { ImportReport } from '../../src/lib/import/report.ts';
import { runImport } from '../../src/lib/import/run.ts';
// Loaded here, not lazily by the first in-process import: its module constants are then judged by
// mutation testing as module constants (docs/tests.md), not as if one test alone covered them.
import '../../src/lib/import/process.ts';
import {
  VOIE_ELEMENTS,
  kid,
  kids,
  readXml,
  squash,
  words,
  type El,
} from '../support/export-xml.ts';
import {
  checkBodyStructure,
  checkMarkdownContent,
  parseMarkdown,
} from '../../src/lib/validate/markdown.ts';
import { sharedData } from '../support/shared-data.ts';

const SAMPLES = sharedData('france-competences/xml-v4.1-samples');
const FILES = ['export_fiches_RNCP_fixture.xml', 'export_fiches_RS_fixture.xml'];
/**
 * The codes of the samples, counted in the XML apart from any code of this project (Python's
 * ElementTree, `len(fiche.findall('CODES_ROME/ROME'))` summed over both files); every ROME and NSF
 * code of the samples is in content/referentiels, so none may be left out.
 */
const EXPECTED_CODES = { formacodes: 33, nsf: 22, rome: 24, idcc: 0 };
const EXPECTED_CODES_LEFT_OUT = { formacodes: 0, nsf: 0, rome: 0, idcc: 0 };

const frDate = (s: string) => s.trim().split('/').reverse().join('-');
const ouiNon = (s: string) => s.trim() === 'Oui';

/** The words of a piece of Markdown, as a reader sees them. */
function markdownWords(markdown: string): string[] {
  const out: string[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === 'text' || node.type === 'inlineCode') out.push(node.value);
    if ('children' in node) for (const c of node.children) walk(c);
    out.push(' ');
  };
  walk(parseMarkdown(markdown));
  return words(out.join(''));
}

// ---------------------------------------------------------------------------------------------------

let out: string;
const reports: ImportReport[] = [];
const written = new Map<
  string,
  { file: string; text: string; data: Record<string, unknown>; body: string }
>();

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'import-samples-'));
  for (const file of FILES) {
    reports.push(await runImport({ file: path.join(SAMPLES, file), out, jobs: 0 }));
  }
  for (const repertoire of ['rncp', 'rs']) {
    for (const name of readdirSync(path.join(out, repertoire))) {
      const file = path.join(out, repertoire, name);
      const text = readFileSync(file, 'utf8');
      const [, frontmatter, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
      const data = yaml.load(frontmatter!) as Record<string, unknown>;
      written.set(data['numero_fiche'] as string, { file, text, data, body: body! });
    }
  }
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('import of the sample exports', () => {
  it('writes one fiche per FICHE, in rncp/ and rs/, and nothing else', () => {
    expect(reports.map((r) => r.totaux.echecs)).toEqual([0, 0]);
    expect(reports.map((r) => r.totaux.nouvelles)).toEqual([8, 5]);
    expect(readdirSync(out).sort()).toEqual(['rncp', 'rs']);
    for (const [numero, { file }] of written) {
      const m = /^(RNCP|RS)(\d+)$/.exec(numero)!;
      expect(path.relative(out, file)).toBe(path.join(m[1]!.toLowerCase(), `${m[2]}.md`));
    }
    expect(written.size).toBe(13);
  });

  it('reports the export version and what it leaves out on purpose', () => {
    for (const r of reports) {
      expect(r.version_flux).toBe('4.1');
      expect(r.laisses_de_cote).toEqual(LAISSES_DE_COTE);
      expect(r.elements_inconnus).toEqual([]);
    }
  });

  it('writes files that the schema accepts, with their import record, in NFC', () => {
    for (const { text, data } of written.values()) {
      const result = ficheSchema.safeParse(data);
      expect(result.success, JSON.stringify(!result.success && result.error.issues)).toBe(true);
      expect(text).toBe(text.normalize('NFC'));
      expect(untouchedSinceImport(text)).toBe(true);
      const record = data['import'] as Record<string, string>;
      expect(FILES).toContain(record['flux']);
    }
  });

  it('writes a body with known sections in order, and Markdown the validator accepts', () => {
    const order: string[] = SECTIONS.map((s) => s.titre);
    for (const { body, data } of written.values()) {
      const tree = parseMarkdown(body);
      expect(checkBodyStructure(tree)).toEqual([]);
      expect(checkMarkdownContent(tree)).toEqual([]);
      const titles = tree.children
        .filter((n) => n.type === 'heading' && n.depth === 2)
        .map((n) =>
          n.type === 'heading' && n.children[0]?.type === 'text' ? n.children[0].value : '',
        );
      expect([...titles].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(titles);
      for (const bloc of (data['blocs'] as Record<string, string>[] | undefined) ?? []) {
        for (const key of ['competences', 'modalites_evaluation']) {
          if (bloc[key]) expect(checkMarkdownContent(parseMarkdown(bloc[key]))).toEqual([]);
        }
      }
    }
  });

  it('passes the project validator (scripts/validate.ts)', () => {
    const result = spawnSync(process.execPath, ['scripts/validate.ts', out], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('13 fiches valides');
  });

  it('keeps every fact of every sample fiche, element by element', () => {
    const sectionOf: Record<string, string> = {
      OBJECTIFS_CONTEXTE: 'Objectifs et contexte',
      ACTIVITES_VISEES: 'Activités visées',
      CAPACITES_ATTESTEES: 'Compétences attestées',
      SECTEURS_ACTIVITE: "Secteurs d'activité",
      TYPE_EMPLOI_ACCESSIBLES: "Types d'emplois accessibles",
      REGLEMENTATIONS_ACTIVITES: "Réglementation d'activités",
      PREREQUIS_ENTREE_FORMATION: "Prérequis à l'entrée en formation",
      PREREQUIS_VALIDATION_CERTIFICATION: 'Prérequis à la validation de la certification',
      NIVEAU_MAITRISE_COMPETENCES: 'Niveau de maîtrise des compétences',
      MODALITES_RENOUVELLEMENT: 'Modalités de renouvellement',
    };
    const dateOf: Record<string, string> = {
      DATE_DECISION: 'decision',
      DATE_EFFET: 'effet',
      DATE_FIN_ENREGISTREMENT: 'fin_enregistrement',
      DATE_LIMITE_DELIVRANCE: 'limite_delivrance',
      DATE_DE_PUBLICATION: 'publication',
      DATE_DERNIER_JO: 'dernier_jo',
    };
    const legalOf: Record<string, string> = {
      PUBLICATION_DECRET_GENERAL: 'decret_general',
      PUBLICATION_DECRET_CREATION: 'creation',
      PUBLICATION_DECRET_AUTRE: 'autres',
    };
    const warnings = reports.flatMap((r) => r.avertissements);
    const allPaths = new Set<string>();
    const checked = new Set<string>();
    let partnersSeen = 0;
    const codesSeen = { formacodes: 0, nsf: 0, rome: 0, idcc: 0 };
    const codesLeftOut = { formacodes: 0, nsf: 0, rome: 0, idcc: 0 };

    for (const file of FILES) {
      const root = readXml(path.join(SAMPLES, file));
      expect(root.name).toBe('FICHES');
      checked.add('FICHES/VERSION_FLUX'); // in the report (version_flux), checked above
      for (const fiche of kids(root, 'FICHE')) {
        const leafPaths = (el: El, p: string) => {
          if (el.children.length === 0) allPaths.add(p);
          for (const c of el.children) leafPaths(c, `${p}/${c.name}`);
        };
        leafPaths(fiche, 'FICHE');
        const numero = kid(fiche, 'NUMERO_FICHE')!.text.trim();
        const entry = written.get(numero);
        expect(entry, numero).toBeDefined();
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the comparison walks the fields by name
        const fm = entry!.data as Record<string, any>;
        const body = entry!.body;
        const see = (p: string) => checked.add(p);
        /** A value is in the fiche, or the report says why not. */
        const warned = (element: string) =>
          warnings.some((w) => w.numero === numero && w.element === element);

        // Identity and status
        see('FICHE/NUMERO_FICHE');
        expect(fm.numero_fiche).toBe(numero);
        expect(fm.sources[0].url).toBe(
          `https://www.francecompetences.fr/recherche/${numero.startsWith('RS') ? 'rs' : 'rncp'}/${numero.replace(/^\D+/, '')}/`,
        );
        see('FICHE/ID_FICHE');
        expect(fm.id_fiche).toBe(kid(fiche, 'ID_FICHE')!.text.trim());
        see('FICHE/INTITULE');
        expect(fm.intitule).toBe(squash(kid(fiche, 'INTITULE')!.text));
        const abrege = kid(fiche, 'ABREGE');
        if (abrege) {
          see('FICHE/ABREGE/CODE');
          see('FICHE/ABREGE/LIBELLE');
          expect(fm.abrege).toEqual({
            code: kid(abrege, 'CODE')!.text.trim(),
            libelle: squash(kid(abrege, 'LIBELLE')!.text),
          });
        } else expect(fm.abrege).toBeUndefined();
        see('FICHE/ETAT_FICHE');
        expect(fm.statut.etat).toBe(kid(fiche, 'ETAT_FICHE')!.text.trim());
        see('FICHE/ACTIF');
        expect(fm.statut.actif).toBe(ouiNon(kid(fiche, 'ACTIF')!.text));

        // Dates
        for (const [element, key] of Object.entries(dateOf)) {
          const el = kid(fiche, element);
          see(`FICHE/${element}`);
          expect(fm.dates?.[key], `${numero} ${element}`).toBe(el ? frDate(el.text) : undefined);
        }
        for (const [element, key] of [
          ['DUREE_ENREGISTREMENT', 'duree_enregistrement'],
          ['TYPE_ENREGISTREMENT', 'type_enregistrement'],
        ] as const) {
          see(`FICHE/${element}`);
          expect(fm.dates?.[key]).toBe(
            kid(fiche, element) ? squash(kid(fiche, element)!.text) : undefined,
          );
        }

        // Level
        const niveau = kid(fiche, 'NOMENCLATURE_EUROPE');
        see('FICHE/NOMENCLATURE_EUROPE/NIVEAU');
        see('FICHE/NOMENCLATURE_EUROPE/LIBELLE');
        if (niveau) {
          expect(fm.niveau.europe).toBe(
            Number(kid(niveau, 'NIVEAU')!.text.trim().replace('NIV', '')),
          );
          expect(fm.niveau.libelle).toBe(kid(niveau, 'LIBELLE')!.text.trim());
        } else expect(fm.niveau).toBeUndefined();

        // Certifiers, all their fields
        const certificateurs = kids(kid(fiche, 'CERTIFICATEURS'), 'CERTIFICATEUR');
        expect(fm.certificateurs).toHaveLength(certificateurs.length);
        certificateurs.forEach((c, i) => {
          const got = fm.certificateurs[i];
          const fields: [string, string, (s: string) => unknown][] = [
            ['NOM_CERTIFICATEUR', 'nom', squash],
            ['SIRET_CERTIFICATEUR', 'siret', (s) => s.replace(/\s/g, '')],
            ['ETAT_CERTIFICATEUR', 'etat', squash],
            ['DATE_DERNIERE_MODIFICATION_ETAT', 'date_derniere_modification_etat', frDate],
            ['NOM_COMMERCIAL', 'nom_commercial', squash],
            // The samples' sites are each one address: one link.
            ['SITE_INTERNET', 'site_internet', (s) => [{ url: s.trim() }]],
          ];
          for (const [element, key, map] of fields) {
            see(`FICHE/CERTIFICATEURS/CERTIFICATEUR/${element}`);
            const el = kid(c, element);
            expect(got[key]).toEqual(el ? map(el.text) : undefined);
          }
        });

        // Partners: every one of them, every field
        see('FICHE/EXISTENCE_PARTENAIRES');
        expect(fm.existence_partenaires).toBe(ouiNon(kid(fiche, 'EXISTENCE_PARTENAIRES')!.text));
        const partenaires = kids(kid(fiche, 'PARTENAIRES'), 'PARTENAIRE');
        partnersSeen += partenaires.length;
        expect(fm.partenaires ?? []).toHaveLength(partenaires.length);
        partenaires.forEach((p, i) => {
          const got = fm.partenaires[i];
          const fields: [string, string, (s: string) => unknown][] = [
            ['NOM_PARTENAIRE', 'nom', squash],
            ['SIRET_PARTENAIRE', 'siret', (s) => s.replace(/\s/g, '')],
            ['HABILITATION_PARTENAIRE', 'habilitation', (s) => s.trim()],
            ['ETAT_HABILITATION', 'etat', squash],
            ['DATE_ACTIF', 'date_actif', frDate],
            ['DATE_DERNIERE_MODIFICATION_ETAT', 'date_derniere_modification_etat', frDate],
          ];
          for (const [element, key, map] of fields) {
            see(`FICHE/PARTENAIRES/PARTENAIRE/${element}`);
            const el = kid(p, element);
            expect(got[key], `${numero} partenaire ${i} ${element}`).toBe(
              el ? map(el.text) : undefined,
            );
          }
        });

        // Codes
        for (const [container, item, key] of [
          ['FORMACODES', 'FORMACODE', 'formacodes'],
          ['CODES_NSF', 'NSF', 'nsf'],
          ['CODES_ROME', 'ROME', 'rome'],
          ['CODES_IDCC', 'IDCC', 'idcc'],
        ] as const) {
          see(`FICHE/${container}/${item}/CODE`);
          see(`FICHE/${container}/${item}/LIBELLE`);
          const expected = kids(kid(fiche, container), item).map((n) => ({
            code: kid(n, 'CODE')!.text.trim(),
            libelle: squash(kid(n, 'LIBELLE')!.text),
          }));
          const got = (fm[key] ?? []) as { code: string }[];
          // A code is written as the XML has it, or left out and named (with its count) in the
          // report; nothing is written that the XML does not have, and the order is the XML's.
          const left = warnings.filter(
            (w) => w.numero === numero && w.element === `FICHE/${container}/${item}/CODE`,
          );
          const leftOut = expected.filter((e) => !got.some((g) => g.code === e.code));
          expect(got, `${numero} ${key}`).toEqual(expected.filter((e) => !leftOut.includes(e)));
          expect(
            left.reduce((n, w) => n + w.nombre, 0),
            `${numero} ${key} : codes laissés de côté`,
          ).toBe(leftOut.length);
          for (const e of leftOut.slice(0, 3)) {
            expect(
              left.some((w) => w.valeurs.some((v) => v.split(' ')[0] === e.code)),
              `${numero} ${key} ${e.code} nommé dans le rapport`,
            ).toBe(true);
          }
          codesSeen[key] += expected.length;
          codesLeftOut[key] += leftOut.length;
        }

        // Voies d'accès with their jury
        for (const [element, key] of Object.entries(VOIE_ELEMENTS)) {
          const el = kid(fiche, element);
          const got = fm.voies_acces[key];
          see(`FICHE/${element}/ACTIF`);
          see(`FICHE/${element}/COMPOSITION`);
          see(`FICHE/${element}/DATE_DERNIERE_MODIFICATION`);
          if (!el) {
            expect(got).toEqual({ ouverte: null });
            continue;
          }
          expect(got.ouverte).toBe(kid(el, 'ACTIF') ? ouiNon(kid(el, 'ACTIF')!.text) : null);
          const composition = kid(el, 'COMPOSITION');
          if (composition)
            expect(markdownWords(got.composition_jury)).toEqual(words(composition.text));
          else expect(got.composition_jury).toBeUndefined();
          const date = kid(el, 'DATE_DERNIERE_MODIFICATION');
          expect(got.date_derniere_modification).toBe(date ? frDate(date.text) : undefined);
        }
        for (const [element, key] of [
          ['ACCESSIBLE_NOUVELLE_CALEDONIE', 'accessible_nouvelle_caledonie'],
          ['ACCESSIBLE_POLYNESIE_FRANCAISE', 'accessible_polynesie_francaise'],
        ]) {
          see(`FICHE/${element}`);
          const el = kid(fiche, element!);
          expect(fm[key!]).toBe(el ? ouiNon(el.text) : null);
        }

        // Legal basis
        for (const [element, key] of Object.entries(legalOf)) {
          see(`FICHE/${element}/PUBLICATION_JO/TITRE`);
          see(`FICHE/${element}/PUBLICATION_JO/DATE_PUBLICATION_JO`);
          const expected = kids(kid(fiche, element), 'PUBLICATION_JO').map((p) => ({
            titre: squash(kid(p, 'TITRE')!.text),
            ...(kid(p, 'DATE_PUBLICATION_JO')
              ? { date_publication_jo: frDate(kid(p, 'DATE_PUBLICATION_JO')!.text) }
              : {}),
          }));
          expect(fm.base_legale?.[key] ?? []).toEqual(expected);
        }

        // Statistics
        const stats = kids(kid(fiche, 'STATISTIQUES_PROMOTIONS'), 'STATISTIQUES_PROMOTION').map(
          (s) => {
            const n = (name: string) =>
              kid(s, name) ? Number(kid(s, name)!.text.trim()) : undefined;
            const o: Record<string, number | undefined> = {
              annee: n('ANNEE'),
              nombre_certifies: n('NOMBRE_CERTIFIES'),
              nombre_certifies_vae: n('NOMBRE_CERTIFIES_VAE'),
              taux_insertion_global_6_mois: n('TAUX_INSERTION_GLOBAL_6MOIS'),
              taux_insertion_metier_2_ans: n('TAUX_INSERTION_METIER_2ANS'),
            };
            return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
          },
        );
        for (const name of [
          'ANNEE',
          'NOMBRE_CERTIFIES',
          'NOMBRE_CERTIFIES_VAE',
          'TAUX_INSERTION_GLOBAL_6MOIS',
          'TAUX_INSERTION_METIER_2ANS',
        ]) {
          see(`FICHE/STATISTIQUES_PROMOTIONS/STATISTIQUES_PROMOTION/${name}`);
        }
        expect(fm.statistiques?.promotions ?? []).toEqual(stats);
        see('FICHE/ANNEES_PROMOTIONS_NIVEAU/ANNEE');
        expect(fm.statistiques?.annees_promotions_niveau ?? []).toEqual(
          kids(kid(fiche, 'ANNEES_PROMOTIONS_NIVEAU'), 'ANNEE').map((a) => Number(a.text.trim())),
        );

        // Description addresses: each one a link; what is not an address named in the report
        see('FICHE/LIEN_URL_DESCRIPTION');
        const lien = kid(fiche, 'LIEN_URL_DESCRIPTION')?.text.trim();
        const addresses = (lien ?? '').split(/\s+/).filter((w) => /^https?:\/\/\S+\.\S+$/.test(w));
        expect((fm.url_description ?? []).map((l: { url?: string }) => l.url)).toEqual(addresses);
        if (lien !== undefined && lien.split(/\s+/).length > addresses.length)
          expect(warned('FICHE/LIEN_URL_DESCRIPTION')).toBe(true);

        // Blocs: code, libellé, compétences, évaluation
        const blocs = kids(kid(fiche, 'BLOCS_COMPETENCES'), 'BLOC_COMPETENCES');
        expect(fm.blocs ?? []).toHaveLength(blocs.length);
        blocs.forEach((b, i) => {
          const got = fm.blocs[i];
          see('FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES/CODE');
          see('FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES/LIBELLE');
          expect(got.code).toBe(kid(b, 'CODE')!.text.trim());
          expect(got.libelle).toBe(squash(kid(b, 'LIBELLE')!.text));
          for (const [element, key] of [
            ['LISTE_COMPETENCES', 'competences'],
            ['MODALITES_EVALUATION', 'modalites_evaluation'],
            ['PREREQUIS_ENTREE_FORMATION_BLOC', 'prerequis_entree_formation'],
            ['PREREQUIS_VALIDATION_BLOC', 'prerequis_validation'],
          ] as const) {
            see(`FICHE/BLOCS_COMPETENCES/BLOC_COMPETENCES/${element}`);
            const el = kid(b, element);
            if (el) expect(markdownWords(got[key]), `${numero} ${element}`).toEqual(words(el.text));
            else expect(got[key]).toBeUndefined();
          }
        });
        see('FICHE/VALIDATION_PARTIELLE');
        const vp = kid(fiche, 'VALIDATION_PARTIELLE');
        expect(fm.validation_partielle).toBe(vp ? ouiNon(vp.text) : undefined);
        see('FICHE/DUREE_VALIDITE');
        expect(fm.duree_validite).toBe(
          kid(fiche, 'DUREE_VALIDITE') ? squash(kid(fiche, 'DUREE_VALIDITE')!.text) : undefined,
        );

        // Correspondences between blocs
        const correspondances = kids(kid(fiche, 'CORRESPONDANCES'), 'CORRESPONDANCE').map((c) => {
          const codes = (el: El | undefined) =>
            kids(el, 'BLOC_COMPETENCES').map((b) => kid(b, 'CODE')!.text.trim());
          const dest = kid(c, 'DESTINATION');
          const blocsDestination = codes(dest);
          return {
            blocs_source: codes(kid(c, 'SOURCE')),
            fiche_destination: kid(dest, 'NUMERO_FICHE')!.text.trim(),
            ...(blocsDestination.length > 0 ? { blocs_destination: blocsDestination } : {}),
          };
        });
        see('FICHE/CORRESPONDANCES/CORRESPONDANCE/SOURCE/BLOC_COMPETENCES/CODE');
        see('FICHE/CORRESPONDANCES/CORRESPONDANCE/DESTINATION/NUMERO_FICHE');
        see('FICHE/CORRESPONDANCES/CORRESPONDANCE/DESTINATION/BLOC_COMPETENCES/CODE');
        expect(fm.correspondances ?? []).toEqual(correspondances);

        // Lineage
        see(
          'FICHE/ANCIENNES_CERTIFICATIONS/ANCIENNE_CERTIFICATION/ID_FICHE_ANCIENNE_CERTIFICATION',
        );
        see(
          'FICHE/NOUVELLES_CERTIFICATIONS/NOUVELLE_CERTIFICATION/ID_FICHE_NOUVELLE_CERTIFICATION',
        );
        const lineage = (container: string, item: string, id: string) =>
          kids(kid(fiche, container), item).map((n) => ({ numero: kid(n, id)!.text.trim() }));
        expect(fm.lignee?.precedentes ?? []).toEqual(
          lineage(
            'ANCIENNES_CERTIFICATIONS',
            'ANCIENNE_CERTIFICATION',
            'ID_FICHE_ANCIENNE_CERTIFICATION',
          ),
        );
        expect(fm.lignee?.suivantes ?? []).toEqual(
          lineage(
            'NOUVELLES_CERTIFICATIONS',
            'NOUVELLE_CERTIFICATION',
            'ID_FICHE_NOUVELLE_CERTIFICATION',
          ),
        );

        // Prose sections of the body
        const sections = new Map<string, string>();
        for (const part of body.split(/^## /m).slice(1)) {
          const [title, ...rest] = part.split('\n');
          sections.set(title!, rest.join('\n'));
        }
        for (const [element, title] of Object.entries(sectionOf)) {
          see(`FICHE/${element}`);
          const el = kid(fiche, element);
          if (el && el.text.trim() !== '') {
            expect(markdownWords(sections.get(title) ?? ''), `${numero} ${element}`).toEqual(
              words(el.text),
            );
          } else expect(sections.has(title)).toBe(false);
        }
      }
    }
    expect(partnersSeen).toBe(992);
    // Counted in the XML by hand (grep -c '<CODE>' inside each list of the two sample files).
    expect(codesSeen).toEqual(EXPECTED_CODES);
    expect(codesLeftOut).toEqual(EXPECTED_CODES_LEFT_OUT);
    // Every element of the samples was compared (or is reported), and is in the importer's catalogue.
    const catalogue = new Set(ELEMENTS.map((e) => e.element));
    for (const p of allPaths) {
      expect(checked.has(p), `élément non vérifié : ${p}`).toBe(true);
      expect(catalogue.has(p), `élément absent du catalogue de l'importeur : ${p}`).toBe(true);
    }
  });

  it('changes no byte when the same export is imported again', async () => {
    const before = new Map([...written.values()].map((w) => [w.file, statSync(w.file).mtimeMs]));
    for (const file of FILES) {
      const report = await runImport({ file: path.join(SAMPLES, file), out, jobs: 0 });
      expect(report.totaux.ecrites).toBe(0);
      expect(report.totaux.inchangees).toBe(file.includes('RNCP') ? 8 : 5);
    }
    for (const w of written.values()) {
      expect(readFileSync(w.file, 'utf8')).toBe(w.text);
      expect(statSync(w.file).mtimeMs).toBe(before.get(w.file));
    }
    expect(readdirSync(out).sort()).toEqual(['rncp', 'rs']);
  });

  it('imports only the fiches asked for with --only, and names those it did not find', async () => {
    const only = mkdtempSync(path.join(tmpdir(), 'import-only-'));
    try {
      const report = await runImport({
        file: path.join(SAMPLES, FILES[0]!),
        out: only,
        jobs: 0,
        only: ['rncp35419,RNCP39568', 'RNCP1'],
      });
      expect(report.ecrites.map((e) => e.fichier)).toEqual(['rncp/35419.md', 'rncp/39568.md']);
      expect(report.non_trouvees).toEqual(['RNCP1']);
      expect(report.totaux.passees).toBe(6);
      expect(readdirSync(path.join(only, 'rncp')).sort()).toEqual(['35419.md', '39568.md']);
      expect(readFileSync(path.join(only, 'rncp/35419.md'), 'utf8')).toBe(
        written.get('RNCP35419')!.text,
      );
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });
});
