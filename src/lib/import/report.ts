/**
 * The import report: what was written, left unchanged, skipped because edited by hand, what failed and
 * why, the elements the importer did not know, and what it leaves out on purpose. Printed as a French
 * summary and, with `--report FILE`, written as JSON (the `ImportReport` shape below).
 */
import type { Avertissement } from './reader.ts';
import { LAISSES_DE_COTE } from './elements.ts';
import type { Decision, FicheResult } from './process.ts';

export interface ImportReport {
  fichier: string;
  flux: string;
  version_flux?: string;
  date_flux?: string;
  sortie: string;
  options: { only?: string[]; force: boolean; jobs: number };
  totaux: {
    lues: number;
    ecrites: number;
    nouvelles: number;
    mises_a_jour: number;
    forcees: number;
    inchangees: number;
    modifiees_a_la_main: number;
    echecs: number;
    passees: number;
  };
  /** Files written (new, updated, or overwritten with --force), by number. */
  ecrites: { numero: string; fichier: string; statut: Decision }[];
  /**
   * Files left alone because they were edited by hand since their last import; `source_modifiee`: the
   * export's text of the fiche changed since that import (an editor has something to reconcile).
   */
  modifiees_a_la_main: { numero: string; fichier: string; source_modifiee?: true }[];
  echecs: { numero: string | null; ligne: number; raisons: string[] }[];
  /** --only numbers that the export does not hold. */
  non_trouvees: string[];
  avertissements: (Avertissement & { numero: string })[];
  /** Counted by kind over the whole export (the detailed list above stops at 2,000 entries). */
  avertissements_par_type: { element: string; message: string; nombre: number }[];
  elements_inconnus: { element: string; nombre: number; fiches: string[] }[];
  laisses_de_cote: typeof LAISSES_DE_COTE;
  /** Where the import stopped early (--only, every number found): the rest of the file was not read. */
  lecture_partielle: boolean;
  mesures: { octets_lus: number; secondes: number; mo_par_seconde: number; memoire_max_mo: number };
}

const MAX_DETAILS = 2000;

export class ReportBuilder {
  readonly report: ImportReport;
  private readonly unknown = new Map<string, { nombre: number; fiches: string[] }>();
  private readonly warningKinds = new Map<
    string,
    { element: string; message: string; nombre: number }
  >();

  constructor(
    base: Pick<ImportReport, 'fichier' | 'flux' | 'sortie' | 'options'> & { date_flux?: string },
  ) {
    this.report = {
      ...base,
      totaux: {
        lues: 0,
        ecrites: 0,
        nouvelles: 0,
        mises_a_jour: 0,
        forcees: 0,
        inchangees: 0,
        modifiees_a_la_main: 0,
        echecs: 0,
        passees: 0,
      },
      ecrites: [],
      modifiees_a_la_main: [],
      echecs: [],
      non_trouvees: [],
      avertissements: [],
      avertissements_par_type: [],
      elements_inconnus: [],
      laisses_de_cote: LAISSES_DE_COTE,
      lecture_partielle: false,
      mesures: { octets_lus: 0, secondes: 0, mo_par_seconde: 0, memoire_max_mo: 0 },
    };
  }

  unknownElement(element: string, numero: string, count = 1): void {
    let entry = this.unknown.get(element);
    if (!entry) {
      entry = { nombre: 0, fiches: [] };
      this.unknown.set(element, entry);
    }
    entry.nombre += count;
    if (entry.fiches.length < 20 && !entry.fiches.includes(numero)) entry.fiches.push(numero);
  }

  failure(numero: string | undefined, ligne: number, raisons: string[]): void {
    this.report.totaux.echecs++;
    this.report.echecs.push({ numero: numero ?? null, ligne, raisons });
  }

  add(result: FicheResult): void {
    const t = this.report.totaux;
    t.lues++;
    for (const path of result.inconnus)
      this.unknownElement(
        path,
        result.numero ?? `ligne ${String(result.kind === 'echec' ? result.ligne : 0)}`,
      );
    if (result.kind === 'echec') {
      this.failure(result.numero, result.ligne, result.raisons);
      return;
    }
    for (const a of result.avertissements) {
      const key = `${a.element}\u0000${a.message}`;
      const kind = this.warningKinds.get(key) ?? {
        element: a.element,
        message: a.message,
        nombre: 0,
      };
      kind.nombre += a.nombre;
      this.warningKinds.set(key, kind);
      if (this.report.avertissements.length < MAX_DETAILS)
        this.report.avertissements.push({ numero: result.numero, ...a });
    }
    this.decide(result.numero, result.fichier, result.decision);
    if (result.sourceModifiee) this.report.modifiees_a_la_main.at(-1)!.source_modifiee = true;
  }

  /** Records the final outcome of a fiche (also called when a rename is refused at the last moment). */
  decide(numero: string, fichier: string, decision: Decision): void {
    const t = this.report.totaux;
    switch (decision) {
      case 'inchangee':
        t.inchangees++;
        return;
      case 'modifiee_a_la_main':
        t.modifiees_a_la_main++;
        this.report.modifiees_a_la_main.push({ numero, fichier });
        return;
      case 'nouvelle':
        t.nouvelles++;
        break;
      case 'mise_a_jour':
        t.mises_a_jour++;
        break;
      case 'forcee':
        t.forcees++;
        break;
    }
    t.ecrites++;
    this.report.ecrites.push({ numero, fichier, statut: decision });
  }

  /** Undoes the « written » count of a fiche whose rename was refused (edited during the import). */
  unwrite(numero: string, decision: Decision): void {
    const t = this.report.totaux;
    t.ecrites--;
    if (decision === 'nouvelle') t.nouvelles--;
    else if (decision === 'mise_a_jour') t.mises_a_jour--;
    else if (decision === 'forcee') t.forcees--;
    this.report.ecrites = this.report.ecrites.filter((e) => e.numero !== numero);
  }

  finish(measures: ImportReport['mesures']): ImportReport {
    const r = this.report;
    const byNumero = (a: { numero: string | null }, b: { numero: string | null }) =>
      (a.numero ?? '').localeCompare(b.numero ?? '', 'fr', { numeric: true });
    r.ecrites.sort(byNumero);
    r.modifiees_a_la_main.sort(byNumero);
    r.echecs.sort((a, b) => a.ligne - b.ligne);
    r.avertissements.sort(byNumero);
    r.avertissements_par_type = [...this.warningKinds.values()].sort((a, b) => b.nombre - a.nombre);
    r.elements_inconnus = [...this.unknown.entries()]
      .map(([element, e]) => ({ element, nombre: e.nombre, fiches: e.fiches }))
      .sort((a, b) => b.nombre - a.nombre);
    r.mesures = measures;
    return r;
  }
}

function list<T>(items: T[], show: (item: T) => string, max = 20): string {
  const lines = items.slice(0, max).map((i) => `  - ${show(i)}`);
  if (items.length > max) lines.push(`  … et ${items.length - max} autres (voir --report)`);
  return lines.join('\n');
}

/** The French summary printed at the end of an import. */
export function formatReport(r: ImportReport): string {
  const t = r.totaux;
  const out: string[] = [];
  out.push(
    `Import de ${r.flux}${r.version_flux ? ` (flux V${r.version_flux})` : ''} vers ${r.sortie}`,
  );
  out.push(
    `  ${t.lues} fiche(s) lue(s) : ${t.ecrites} écrite(s) (${t.nouvelles} nouvelle(s), ${t.mises_a_jour} mise(s) à jour, ${t.forcees} forcée(s)), ` +
      `${t.inchangees} inchangée(s), ${t.modifiees_a_la_main} modifiée(s) à la main et laissée(s), ${t.echecs} en échec` +
      (t.passees > 0 ? `, ${t.passees} passée(s) (hors --only)` : ''),
  );
  if (r.lecture_partielle)
    out.push('  Lecture arrêtée dès que toutes les fiches demandées ont été trouvées.');
  if (r.ecrites.length > 0 && r.ecrites.length <= 50)
    out.push(
      'Fichiers écrits :\n' +
        list(r.ecrites, (e) => `${e.fichier} (${e.statut.replace(/_/g, ' ')})`, 50),
    );
  if (r.modifiees_a_la_main.length > 0) {
    out.push(
      'Modifiées à la main depuis leur dernier import, non écrasées (relancez avec --force pour les écraser) :',
    );
    out.push(list(r.modifiees_a_la_main, (m) => `${m.numero} : ${m.fichier}`));
  }
  if (r.echecs.length > 0) {
    out.push('Fiches non importées :');
    out.push(
      list(
        r.echecs,
        (e) => `${e.numero ?? '(sans numéro)'} (ligne ${e.ligne}) : ${e.raisons.join(' ; ')}`,
      ),
    );
  }
  if (r.non_trouvees.length > 0) out.push(`Absentes de l’export : ${r.non_trouvees.join(', ')}`);
  if (r.elements_inconnus.length > 0) {
    out.push('Éléments inconnus ou inattendus (non importés) :');
    out.push(
      list(
        r.elements_inconnus,
        (u) => `${u.element} : ${u.nombre} fois (${u.fiches.slice(0, 5).join(', ')})`,
      ),
    );
  }
  if (r.avertissements_par_type.length > 0) {
    out.push('Valeurs laissées de côté ou corrigées :');
    out.push(
      list(r.avertissements_par_type, (a) => `${a.element} : ${a.message} (${a.nombre} fois)`),
    );
  }
  out.push('Laissé de côté à dessein :');
  out.push(list([...r.laisses_de_cote], (l) => `${l.element} — ${l.raison}`));
  const m = r.mesures;
  out.push(
    `Lu ${(m.octets_lus / 1e6).toFixed(1)} Mo en ${m.secondes.toFixed(1)} s (${m.mo_par_seconde.toFixed(1)} Mo/s), mémoire maximale ${m.memoire_max_mo.toFixed(0)} Mo.`,
  );
  return out.join('\n');
}
