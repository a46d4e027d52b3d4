/**
 * niveaux.json: the 8 levels of the cadre national des certifications professionnelles, what each
 * attests, their 1969 equivalents and their values in the exports (`NIV3`…, `REPRISE`, `AUCUN`).
 */
import type { Niveau1969, NiveauEntry, SansNiveau } from '../../../src/lib/referentiels.ts';
import { clean, FICHIERS, labelsByCode, LICENCE_EXPORT, list, type Source } from './inputs.ts';
import { GENERE_PAR, sortedMap, toJson, type Built } from './output.ts';

/**
 * What each level attests, after article D6113-19 of the Code du travail (created by décret
 * n° 2019-14 du 8 janvier 2019). The transcribed level table in ../shared/data has no descriptor
 * column, so the article's sentences are kept here, one per level, barely shortened.
 */
const DESCRIPTIONS_D6113_19: Readonly<Record<string, string>> = {
  '1': 'Le niveau 1 correspond à la maîtrise des savoirs de base.',
  '2': "Le niveau 2 atteste la capacité à effectuer des activités simples et à résoudre des problèmes courants à l'aide de règles et d'outils simples, en mobilisant des savoir-faire professionnels dans un contexte structuré, avec un niveau restreint d'autonomie.",
  '3': "Le niveau 3 atteste la capacité à effectuer des activités et à résoudre des problèmes en sélectionnant et en appliquant des méthodes, des outils, des matériels et des informations de base, dans un contexte connu, ainsi qu'à adapter les moyens d'exécution et son comportement aux circonstances.",
  '4': "Le niveau 4 atteste la capacité à effectuer des activités qui mobilisent un éventail large d'aptitudes, à adapter des solutions existantes pour résoudre des problèmes précis, à organiser son travail de manière autonome dans des contextes généralement prévisibles mais susceptibles de changer, et à participer à l'évaluation des activités.",
  '5': "Le niveau 5 atteste la capacité à maîtriser des savoir-faire dans un champ d'activité, à élaborer des solutions à des problèmes nouveaux, à analyser et interpréter des informations en mobilisant des concepts, et à transmettre le savoir-faire et des méthodes.",
  '6': 'Le niveau 6 atteste la capacité à analyser et résoudre des problèmes complexes imprévus dans un domaine spécifique, à formaliser des savoir-faire et des méthodes et à les capitaliser.',
  '7': "Le niveau 7 atteste la capacité à élaborer et mettre en œuvre des stratégies alternatives pour le développement de l'activité professionnelle dans des contextes professionnels complexes, et à évaluer les risques et les conséquences de son activité.",
  '8': "Le niveau 8 atteste la capacité à identifier et résoudre des problèmes complexes et nouveaux impliquant une pluralité de domaines, en mobilisant les connaissances et les savoir-faire les plus avancés, et à concevoir et piloter des projets et des processus de recherche et d'innovation.",
};

const NIVEAUX_1969: readonly Niveau1969[] = ['V', 'IV', 'III', 'II', 'I'];

export function buildNiveaux(source: Source, remarques: string[]): Built {
  const rows = source.records(FICHIERS.niveaux).map((get) => ({
    code: clean(get('niveau_cnc')),
    codeExport: clean(get('code_export_france_competences')),
    niveau1969: clean(get('niveau_nomenclature_1969')),
  }));
  // Level labels as the export writes them ("NIV6" → "Niveau 6", "REPRISE" → "Sans niveau – …").
  const exportLabels = labelsByCode(
    source
      .records(FICHIERS.exportStandard2024)
      .map(
        (get) =>
          [
            clean(get('Nomenclature_Europe_Niveau')),
            clean(get('Nomenclature_Europe_Intitule')),
          ] as [string, string],
      )
      .filter(([code]) => code !== ''),
  );

  const entrees = new Map<string, NiveauEntry>();
  const correspondance = new Map<Niveau1969, number[]>(NIVEAUX_1969.map((n) => [n, []]));
  for (const row of rows) {
    const europe = Number(row.code);
    if (!Number.isInteger(europe) || europe < 1 || europe > 8 || String(europe) !== row.code) {
      throw new Error(`${FICHIERS.niveaux} : niveau inattendu ${JSON.stringify(row.code)}`);
    }
    const niveau1969 = row.niveau1969 === '' ? null : (row.niveau1969 as Niveau1969);
    if (niveau1969 !== null) {
      const levels = correspondance.get(niveau1969);
      if (!levels) throw new Error(`${FICHIERS.niveaux} : niveau 1969 inconnu ${row.niveau1969}`);
      levels.push(europe);
    }
    const description = DESCRIPTIONS_D6113_19[row.code];
    if (description === undefined) throw new Error(`Niveau ${row.code} sans description`);
    const libelle = `Niveau ${europe}`;
    const seen = row.codeExport === '' ? undefined : exportLabels.get(row.codeExport)?.libelle;
    if (seen !== undefined && seen !== libelle) {
      remarques.push(`Niveaux : l'export écrit « ${seen} » pour ${row.codeExport}.`);
    }
    entrees.set(row.code, {
      code: row.code,
      europe,
      nomenclature_1969: niveau1969,
      code_export: row.codeExport === '' ? null : row.codeExport,
      libelle,
      description,
    });
  }
  if (entrees.size !== 8)
    throw new Error(`${FICHIERS.niveaux} : ${entrees.size} niveaux, 8 attendus`);

  const sansNiveau = new Map<SansNiveau, string | null>(
    (['REPRISE', 'AUCUN'] as const).map((code) => [code, exportLabels.get(code)?.libelle ?? null]),
  );
  for (const [code, libelle] of sansNiveau) {
    if (libelle === null)
      remarques.push(`Niveaux : aucun libellé de l'export n'est connu pour ${code} (null).`);
  }

  const json = toJson([
    [
      'source',
      'Cadre national des certifications professionnelles : décret n° 2019-14 du 8 janvier 2019 et Code du travail, ' +
        "art. D6113-18 à D6113-20 (table des niveaux transcrite ; descriptions d'après l'art. D6113-19) ; " +
        "libellés de l'export RNCP/RS de France compétences (échantillon du 2024-02-22). Détail : SOURCES.md.",
    ],
    [
      'licence',
      `Textes officiels : aucune licence indiquée. Export France compétences : ${LICENCE_EXPORT}.`,
    ],
    ['genere_par', GENERE_PAR],
    ['correspondance_1969', correspondance],
    ['sans_niveau', sansNiveau],
    ['entrees', sortedMap(entrees)],
  ]);
  const inconnus = [...sansNiveau].filter(([, libelle]) => libelle === null).map(([code]) => code);
  return {
    json,
    count: entrees.size,
    facts: { entrees: entrees.size, sansLibelle: list(inconnus) },
  };
}
