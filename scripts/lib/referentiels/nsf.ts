/**
 * nsf.json: the nomenclature of article D311-4 of the Code de l'éducation (catégories, domaines,
 * groupes, letter codes), its groups checked against the BCN's table, and the spécialités (`332t`)
 * with the labels the export gives them.
 */
import {
  normalizeLibelle,
  type NsfEntry,
  type NsfLettre,
  type NsfLettreType,
} from '../../../src/lib/referentiels.ts';
import {
  byCode,
  clean,
  FICHIERS,
  labelsByCode,
  LICENCE_EXPORT,
  list,
  type Source,
} from './inputs.ts';
import { GENERE_PAR, sortedMap, toJson, type Built } from './output.ts';

interface NsfLoi {
  categories: Map<string, string>;
  domaines: Map<string, string>;
  groupes: Map<string, string>;
  lettres: Map<string, NsfLettre>;
}

/** Cell texts of the HTML table of the legal text, row by row. */
function htmlTableRows(markdown: string): { colspan: boolean; cells: string[] }[] {
  const decode = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
      .normalize('NFC');
  return [...markdown.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = '']) => ({
    colspan: /<td colspan="2">/.test(row),
    cells: [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell = '']) => decode(cell)),
  }));
}

/** A label of the legal text without its final full stop. */
function loiLabel(text: string): string {
  return text.replace(/\s*\.$/, '').trim();
}

/**
 * Reads article D311-4: catégories ("1. Domaines disciplinaires"), domaines ("10 Formations
 * générales"), groupes (100 → "Formations générales") and the letter codes of part II.
 */
function readNsfLoi(markdown: string): NsfLoi {
  const loi: NsfLoi = {
    categories: new Map(),
    domaines: new Map(),
    groupes: new Map(),
    lettres: new Map(),
  };
  let partie: 'I' | 'II' = 'I';
  let domaine: string | undefined;
  let lettreType: NsfLettreType | undefined;
  for (const { colspan, cells } of htmlTableRows(markdown)) {
    const [first = '', second = ''] = cells;
    if (colspan) {
      let match: RegExpExecArray | null;
      if (/^II\.\s*-/.test(first)) partie = 'II';
      else if (partie === 'I' && (match = /^(\d)\.\s+(.+)$/.exec(first))) {
        loi.categories.set(match[1] ?? '', loiLabel(match[2] ?? ''));
      } else if (partie === 'I' && (match = /^(\d{2})\s+(.+)$/.exec(first))) {
        domaine = match[1] ?? '';
        loi.domaines.set(domaine, loiLabel(match[2] ?? ''));
      } else if (partie === 'II' && /champs d'application/i.test(first)) lettreType = 'champ';
      else if (partie === 'II' && /fonctions/i.test(first)) lettreType = 'fonction';
      else if (partie === 'II' && (match = /développement personnel\s*:\s*([a-z])$/i.exec(first))) {
        // The text gives this letter no other label than its heading.
        loi.lettres.set(match[1] ?? '', {
          type: 'developpement_personnel',
          libelle: 'Développement personnel',
        });
      }
      continue;
    }
    if (partie === 'I' && /^\d{3}$/.test(first)) {
      if (domaine === undefined || !first.startsWith(domaine)) {
        throw new Error(
          `${FICHIERS.nsfLoi} : le groupe ${first} n'est pas sous son domaine (${domaine})`,
        );
      }
      loi.groupes.set(first, loiLabel(second));
    } else if (partie === 'II' && /^[a-z]\)$/.test(first) && lettreType) {
      loi.lettres.set(first.slice(0, 1), { type: lettreType, libelle: loiLabel(second) });
    } else {
      throw new Error(`${FICHIERS.nsfLoi} : ligne de tableau non reconnue : ${cells.join(' | ')}`);
    }
  }
  const expected = { categories: 4, domaines: 17, groupes: 93, lettres: 17 } as const;
  for (const [level, size] of Object.entries(expected)) {
    const found = loi[level as keyof typeof expected].size;
    if (found !== size)
      throw new Error(`${FICHIERS.nsfLoi} : ${found} ${level} lus, ${size} attendus`);
  }
  return loi;
}

/** Which letters go with which catégorie (D311-4, II): champs for 1, fonctions for 2 and 3, z for 4. */
const LETTRE_ATTENDUE: Readonly<Record<string, NsfLettreType>> = {
  '1': 'champ',
  '2': 'fonction',
  '3': 'fonction',
  '4': 'developpement_personnel',
};

export function buildNsf(source: Source, remarques: string[]): Built {
  const loi = readNsfLoi(source.text(FICHIERS.nsfLoi));

  // The BCN table also holds aggregate pseudo-groups that are not in the nomenclature: "x9" groups
  // such as "339 DO33 : SERVICES AUX PERSONNES" (a domaine without a groupe), "199"/"299"/"399"/"499"
  // (a catégorie) and "999" (not specified). Only the 93 groups of the legal text are kept.
  const bcnGroupes = source
    .records(FICHIERS.nsfGroupesBcn)
    .map((get) => ({ code: get('GROUPE_SPECIALITE'), libelle: get('LIBELLE_LONG') }));
  const pseudoGroupes = bcnGroupes.filter((groupe) => !loi.groupes.has(groupe.code));
  const absentsBcn = [...loi.groupes.keys()].filter(
    (code) => !bcnGroupes.some((g) => g.code === code),
  );
  if (absentsBcn.length > 0)
    throw new Error(`NSF : groupes légaux absents de la BCN : ${list(absentsBcn)}`);
  const notPseudo = pseudoGroupes.filter((groupe) => !/9$/.test(groupe.code));
  if (notPseudo.length > 0) {
    throw new Error(
      `NSF : groupes BCN inconnus du texte légal : ${list(notPseudo.map((g) => g.code))}`,
    );
  }
  remarques.push(
    `NSF : ${pseudoGroupes.length} pseudo-groupes BCN ignorés (agrégats, absents de l'article D311-4) : ${list(pseudoGroupes.map((g) => g.code))}.`,
  );

  const exportRows = source.records(FICHIERS.exportNsf).map((get) => ({
    numero: get('Numero_Fiche'),
    code: clean(get('Nsf_Code')),
    intitule: clean(get('Nsf_Intitule')),
  }));
  const sansPrefixe = new Set<string>();
  const exportLabels = labelsByCode(
    exportRows.map(({ code, intitule }) => {
      const prefix = `${code} : `;
      if (intitule.startsWith(prefix)) return [code, clean(intitule.slice(prefix.length))];
      sansPrefixe.add(code);
      return [code, intitule];
    }),
  );
  if (sansPrefixe.size > 0) {
    remarques.push(
      `NSF : intitulés de l'export sans le préfixe « code : » : ${list(sansPrefixe)}.`,
    );
  }

  const entrees = new Map<string, NsfEntry>();
  const withExport = (code: string, libelle: string) => {
    const exported = exportLabels.get(code)?.libelle;
    return exported !== undefined && normalizeLibelle(exported) !== normalizeLibelle(libelle)
      ? { libelle_export: exported }
      : {};
  };
  for (const [code, libelle] of loi.categories) {
    entrees.set(code, { code, type: 'categorie', libelle, ...withExport(code, libelle) });
  }
  for (const [code, libelle] of loi.domaines) {
    entrees.set(code, {
      code,
      type: 'domaine',
      parent: code.slice(0, 1),
      libelle,
      ...withExport(code, libelle),
    });
  }
  for (const [code, libelle] of loi.groupes) {
    entrees.set(code, {
      code,
      type: 'groupe',
      parent: code.slice(0, 2),
      libelle,
      ...withExport(code, libelle),
    });
  }

  const lettreInattendue: string[] = [];
  for (const [code, { libelle }] of exportLabels) {
    if (entrees.has(code)) continue;
    const match = /^(\d{3})([a-z])$/.exec(code);
    const groupe = match?.[1];
    const lettre = match?.[2];
    if (groupe === undefined || lettre === undefined)
      throw new Error(`NSF : code de l'export inconnu : ${code}`);
    const sens = loi.lettres.get(lettre);
    if (!entrees.has(groupe) || !sens)
      throw new Error(`NSF : ${code} n'a ni groupe ni lettre connus`);
    if (LETTRE_ATTENDUE[groupe.slice(0, 1)] !== sens.type) lettreInattendue.push(code);
    entrees.set(code, {
      code,
      type: 'specialite',
      parent: groupe,
      libelle,
      lettre,
      fonction_ou_champ: sens.libelle,
    });
  }
  if (lettreInattendue.length > 0) {
    remarques.push(
      `NSF : lettre d'un autre type que celui du domaine (champ/fonction) : ${list(lettreInattendue)}.`,
    );
  }
  const groupesSansExport = [...loi.groupes.keys()].filter((code) => !exportLabels.has(code));
  remarques.push(
    `NSF : ${exportLabels.size} codes dans l'export, dont ${[...exportLabels.keys()].filter((c) => /^\d{2}$/.test(c)).length} codes de domaine (${list([...exportLabels.keys()].filter((c) => /^\d{2}$/.test(c)))}) ; groupes légaux jamais cités seuls : ${list(groupesSansExport)}.`,
  );

  const lettres = new Map([...loi.lettres].sort(([a], [b]) => byCode(a, b)));
  const facts = {
    categories: loi.categories.size,
    domaines: loi.domaines.size,
    groupes: loi.groupes.size,
    specialites: [...entrees.values()].filter((entry) => entry.type === 'specialite').length,
    pseudoGroupes: pseudoGroupes.length,
    exportCodes: exportLabels.size,
    exportLignes: exportRows.length,
    exportFiches: new Set(exportRows.map((row) => row.numero)).size,
    entrees: entrees.size,
  };
  const json = toJson([
    [
      'source',
      "Nomenclature des spécialités de formation : Code de l'éducation, article D311-4 (catégories, domaines, " +
        "groupes, codes lettres) ; table des groupes de la BCN (ministère de l'Éducation nationale) ; spécialités " +
        "et libellés de l'export RNCP/RS de France compétences du 2026-02-01. Détail : SOURCES.md.",
    ],
    [
      'licence',
      `Texte légal et table BCN : aucune licence indiquée. Export France compétences : ${LICENCE_EXPORT}.`,
    ],
    ['genere_par', GENERE_PAR],
    ['lettres', lettres],
    ['entrees', sortedMap(entrees)],
  ]);
  return { json, count: entrees.size, facts };
}
