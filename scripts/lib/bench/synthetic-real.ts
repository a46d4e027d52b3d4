/**
 * The `real` profile of the synthetic export (./synthetic.ts): fiches drawn in the proportions of the
 * national export (./synthetic-profile.ts, ./synthetic-draws.ts), written out of the samples' texts
 * and codes (./synthetic-pools.ts), each to its share of the size budget.
 *
 * Over 300 lines: one loop writes a fiche element by element in the samples' order, and every
 * element takes its share of the same fiche's budget; split, its parts would pass that state around.
 */
import type { XNode } from '../../../src/lib/import/tree.ts';
import { NATIONAL_EXPORT } from './national-figures.ts';
import { type GenerateOptions, type GeneratedExport } from './synthetic.ts';
import {
  LEVEL_LABEL,
  dateIn,
  pad2,
  pickBlocs,
  pickDistinct,
  pickWeighted,
  pools,
  textOfSize,
} from './synthetic-pools.ts';
import { drawFiches } from './synthetic-draws.ts';
import { GROUPS, REAL_PROFILE, quotas, segmentsMean, type Group } from './synthetic-profile.ts';
import {
  Counter,
  HEADER,
  HTML_ELEMENTS,
  escapeXml,
  htmlBody,
  leafText,
  numeroOf,
  output,
  random,
  serialize,
  type FicheCounts,
  type Rewrite,
  type Tally,
} from './synthetic-writing.ts';

const SKIPPED = new Set([
  'NOUVELLES_CERTIFICATIONS',
  'ANCIENNES_CERTIFICATIONS',
  'NOUVELLE_CERTIFICATION',
  'ANCIENNE_CERTIFICATION',
  'PARTENAIRES',
  'CORRESPONDANCES',
]);

export async function generateReal(
  options: GenerateOptions,
  templates: XNode[],
): Promise<GeneratedExport> {
  const seed = options.seed ?? 1;
  const n = options.fiches;
  const P = REAL_PROFILE;
  const pool = pools(templates);
  const next = random(seed);
  // 1–3. What each fiche is (kind, counts, lineage), drawn first.
  const draws = drawFiches(n, next);
  const { kind, groupOf, isRs, isActive, partnerCount, blocCount, certCount, sizeU } = draws;
  const { inactiveLevel, successor, predecessors } = draws;
  const numero = (i: number) => `${isRs(i) ? 'RS' : 'RNCP'}${100000 + i}`;

  // 4. Sizes: a target of XML apart from partners per fiche, active fiches longer; the gap between
  //    target and result is carried over to the next fiches so that the mean holds.
  const partnerBytes =
    pool.partners.reduce((s, p) => s + partnerXml(p, 0).length, 0) / pool.partners.length;
  const share = (g: Group) => quotas(NATIONAL_EXPORT.fiches).filter((q) => q.group === g);
  const groupShare = Object.fromEntries(
    GROUPS.map((g) => [g, share(g).reduce((s, q) => s + q.count, 0) / NATIONAL_EXPORT.fiches]),
  ) as Record<Group, number>;
  const meanPartners = GROUPS.reduce((s, g) => s + groupShare[g] * segmentsMean(P.partners[g]), 0);
  const targetMean = NATIONAL_EXPORT.bytes / NATIONAL_EXPORT.fiches - meanPartners * partnerBytes;
  const factorMean = GROUPS.reduce((s, g) => s + groupShare[g] * P.sizeFactor[g], 0);
  let sizeCarry = 0;
  let juryCarry = 0;

  const out = output(options, 'real', seed);
  const counter = new Counter('real', seed, out.path, n);
  const tally: Tally = { juryBytes: 0 };
  let withoutSiretAccumulator = next();
  let partnerCursor = 0;
  await out.write(HEADER);

  for (let i = 0; i < n; i++) {
    const rs = isRs(i);
    const active = isActive(i);
    const group = groupOf(kind[i]!);
    const level = rs ? undefined : active ? kind[i]! + 2 : inactiveLevel[i];
    const list = rs ? pool.rs : pool.rncp;
    const template = list[Math.floor(next() * list.length)]!;
    const old = numeroOf(template);
    const num = numero(i);
    const rw: Rewrite = {
      from: new RegExp(`${old}(?!\\d)`, 'g'),
      to: num,
      next,
      doubleEscape: P.doubleEscape,
      tally,
    };
    const counts: FicheCounts = {
      numero: num,
      rs,
      active,
      level,
      bytes: 0,
      partners: partnerCount[i]!,
      blocs: blocCount[i]!,
      certificateurs: certCount[i]!,
      withoutSiret: 0,
      nsf: 1 + pickWeighted(P.nsf, next()),
      rome: rs ? 0 : 1 + pickWeighted(P.rome, next()),
      formacodes: 1 + pickWeighted(P.formacodes, next()),
    };
    const key = rs ? 'rs' : 'rncp';

    // Fixed parts first, texts as slots filled once the budget is known.
    const parts: (string | { element: string })[] = [];
    const ind = '    ';
    const leaf = (name: string, text: string) =>
      parts.push(`${ind}<${name}>${escapeXml(text)}</${name}>\n`);
    const codeList = (list: string, item: string, entries: [string, string][]) => {
      if (entries.length === 0) return;
      parts.push(`${ind}<${list}>\n`);
      for (const [code, libelle] of entries)
        parts.push(
          `${ind}  <${item}>\n${ind}    <CODE>${escapeXml(code)}</CODE>\n${ind}    <LIBELLE>${escapeXml(libelle)}</LIBELLE>\n${ind}  </${item}>\n`,
        );
      parts.push(`${ind}</${list}>\n`);
    };
    const lineage = (list: string, item: string, numeros: string[]) => {
      if (numeros.length === 0) return;
      parts.push(`${ind}<${list}>\n`);
      for (const nu of numeros)
        parts.push(
          `${ind}  <${item}>\n${ind}    <ID_FICHE_${item}>${nu}</ID_FICHE_${item}>\n${ind}  </${item}>\n`,
        );
      parts.push(`${ind}</${list}>\n`);
    };
    const textSlots: string[] = [];
    const juryVoies: string[] = [];

    for (const c of template.children) {
      const name = c.name;
      if (SKIPPED.has(name)) continue;
      if (name === 'ID_FICHE') leaf(name, String(900000 + i));
      else if (name === 'NUMERO_FICHE') {
        leaf(name, num);
        const later = successor[i]! >= 0 ? [numero(successor[i]!)] : [];
        const earlier = (predecessors.get(i) ?? []).map(numero);
        lineage('NOUVELLES_CERTIFICATIONS', 'NOUVELLE_CERTIFICATION', later);
        lineage('ANCIENNES_CERTIFICATIONS', 'ANCIENNE_CERTIFICATION', earlier);
        counter.result.lineageLinks += later.length;
      } else if (name === 'INTITULE') {
        const titles = pool.titles[key];
        leaf(name, titles[Math.floor(next() * titles.length)]!);
      } else if (name === 'ETAT_FICHE') leaf(name, 'Publiée');
      else if (name === 'ACTIF') leaf(name, active ? 'Oui' : 'Non');
      else if (name === 'FORMACODES')
        codeList(name, 'FORMACODE', pickDistinct(pool.formacodes[key], counts.formacodes, next));
      else if (name === 'CODES_NSF')
        codeList(name, 'NSF', pickDistinct(pool.nsf[key], counts.nsf, next));
      else if (name === 'CODES_ROME') {
        if (!rs) codeList(name, 'ROME', pickDistinct(pool.rome, counts.rome, next));
      } else if (name === 'NOMENCLATURE_EUROPE') {
        if (level !== undefined)
          parts.push(
            `${ind}<${name}>\n${ind}  <NIVEAU>NIV${level}</NIVEAU>\n${ind}  <LIBELLE>${LEVEL_LABEL(level)}</LIBELLE>\n${ind}</${name}>\n`,
          );
      } else if (name === 'CERTIFICATEURS') {
        parts.push(`${ind}<CERTIFICATEURS>\n`);
        for (const [nom, siret] of pickDistinct(pool.organisations, counts.certificateurs, next)) {
          withoutSiretAccumulator += P.withoutSiret;
          const bare = withoutSiretAccumulator >= 1;
          if (bare) {
            withoutSiretAccumulator -= 1;
            counts.withoutSiret++;
          }
          parts.push(
            `${ind}  <CERTIFICATEUR>\n` +
              (bare ? '' : `${ind}    <SIRET_CERTIFICATEUR>${siret}</SIRET_CERTIFICATEUR>\n`) +
              `${ind}    <NOM_CERTIFICATEUR>${escapeXml(nom)}</NOM_CERTIFICATEUR>\n` +
              `${ind}    <ETAT_CERTIFICATEUR>Actif</ETAT_CERTIFICATEUR>\n` +
              `${ind}    <DATE_DERNIERE_MODIFICATION_ETAT>${dateIn(2019, 2026, next)}</DATE_DERNIERE_MODIFICATION_ETAT>\n` +
              `${ind}  </CERTIFICATEUR>\n`,
          );
        }
        parts.push(`${ind}</CERTIFICATEURS>\n`);
      } else if (name === 'EXISTENCE_PARTENAIRES') {
        leaf(name, counts.partners > 0 ? 'Oui' : 'Non');
        if (counts.partners > 0) {
          // Written straight away: the only part that can be large, kept out of the size budget.
          const partnerParts = [`${ind}<PARTENAIRES>\n`];
          for (let k = 0; k < counts.partners; k++) {
            const p = pool.partners[(partnerCursor + k) % pool.partners.length]!;
            partnerParts.push(partnerXml(p, partnerCursor + k));
          }
          partnerCursor = (partnerCursor + counts.partners) % 100000;
          partnerParts.push(`${ind}</PARTENAIRES>\n`);
          parts.push(partnerParts.join(''));
        }
      } else if (name.startsWith('SI_JURY_')) {
        const open = leafText(c, 'ACTIF') === 'Oui';
        if (open) juryVoies.push(name);
        parts.push({ element: name });
      } else if (name === 'BLOCS_COMPETENCES') {
        if (counts.blocs > 0) {
          const blocParts: string[] = [];
          serializeBlocs(pickBlocs(pool.blocs, counts.blocs, next), num, rw, blocParts);
          parts.push(blocParts.join(''));
        }
      } else if (name === 'DATE_FIN_ENREGISTREMENT')
        leaf(name, active ? dateIn(2027, 2031, next) : dateIn(2012, 2025, next));
      else if (HTML_ELEMENTS.has(name) && c.text.trim() !== '') {
        textSlots.push(name);
        parts.push({ element: name });
      } else {
        const own: string[] = [];
        serialize(c, ind, rw, own);
        parts.push(own.join(''));
      }
    }
    // RNCP templates all have blocs and a level; should one lack them, the fiche goes without.
    if (!template.children.some((c) => c.name === 'BLOCS_COMPETENCES')) counts.blocs = 0;

    // Juries: a composition shared by the open voies, as most fiches do.
    const juryTarget = P.juryBytes[group] * (0.3 + 0.7 * -Math.log(1 - Math.min(next(), 0.999)));
    const juryWanted = Math.max(0, juryTarget + juryCarry);
    const perVoie = juryVoies.length > 0 ? juryWanted / juryVoies.length : 0;
    const compositionLines =
      pool.lines.get('COMPOSITION')?.[key] ?? pool.lines.get('COMPOSITION')?.all ?? [];
    const composition = perVoie >= 60 ? textOfSize(compositionLines, perVoie, next) : '';
    const juryWritten = composition ? Buffer.byteLength(composition) * juryVoies.length : 0;
    juryCarry = Math.max(-4 * P.juryBytes[group], juryWanted - juryWritten);
    const juryXml = new Map<string, string>();
    for (const voie of template.children.filter((c) => c.name.startsWith('SI_JURY_'))) {
      const open = juryVoies.includes(voie.name);
      const date = leafText(voie, 'DATE_DERNIERE_MODIFICATION');
      juryXml.set(
        voie.name,
        `${ind}<${voie.name}>\n${ind}  <ACTIF>${open ? 'Oui' : 'Non'}</ACTIF>\n` +
          (open && composition
            ? `${ind}  <COMPOSITION>${htmlBody(composition, rw, 'COMPOSITION')}</COMPOSITION>\n`
            : '') +
          (date
            ? `${ind}  <DATE_DERNIERE_MODIFICATION>${date}</DATE_DERNIERE_MODIFICATION>\n`
            : '') +
          `${ind}</${voie.name}>\n`,
      );
    }

    // Texts: what the fiche has left of its size target, shared as the samples share it.
    let fixed = 0;
    for (const p of parts) {
      if (typeof p === 'string') fixed += Buffer.byteLength(p);
      else if (juryXml.has(p.element)) fixed += Buffer.byteLength(juryXml.get(p.element)!);
    }
    const partnersWritten = parts
      .filter((p): p is string => typeof p === 'string' && p.startsWith(`${ind}<PARTENAIRES>`))
      .reduce((s, p) => s + Buffer.byteLength(p), 0);
    const shape = 0.4 + 0.6 * -Math.log(1 - Math.min(sizeU[i]!, 0.99999));
    const target = ((targetMean * P.sizeFactor[group]) / factorMean) * shape;
    const wanted = Math.max(0, target + Math.max(-0.6 * target, Math.min(target, sizeCarry)));
    const weights = pool.weights[key];
    const weightSum = textSlots.reduce((s, e) => s + (weights.get(e) ?? 1), 0);
    const budget = Math.max(0, wanted - (fixed - partnersWritten) - 60 * textSlots.length);
    const texts = new Map<string, string>();
    for (const element of textSlots) {
      const lines = pool.lines.get(element)?.[key] ?? pool.lines.get(element)?.all ?? [];
      const size = Math.min(
        64_000,
        Math.max(60, (budget * (weights.get(element) ?? 1)) / weightSum),
      );
      texts.set(
        element,
        `${ind}<${element}>${htmlBody(textOfSize(lines, size, next), rw, element)}</${element}>\n`,
      );
    }
    const xml =
      `  <FICHE>\n` +
      parts
        .map((p) =>
          typeof p === 'string' ? p : (juryXml.get(p.element) ?? texts.get(p.element) ?? ''),
        )
        .join('') +
      `  </FICHE>\n`;
    const written = Buffer.byteLength(xml);
    sizeCarry += target - (written - partnersWritten);
    counter.add(counts);
    await out.write(xml);
  }
  await out.write('</FICHES>\n');
  await out.close();
  return counter.finish(out.bytes, tally.juryBytes);
}

/** One partner of the samples under a SIRET of its own. */
function partnerXml(p: XNode, index: number): string {
  const ind = '      ';
  let xml = `${ind}<PARTENAIRE>\n`;
  for (const c of p.children) {
    let text = c.text.trim();
    if (c.name === 'SIRET_PARTENAIRE' && /^\d{14}$/.test(text))
      text = `${text.slice(0, 9)}${String(index % 100000).padStart(5, '0')}`;
    xml += `${ind}  <${c.name}>${escapeXml(text)}</${c.name}>\n`;
  }
  return `${xml}${ind}</PARTENAIRE>\n`;
}

/** Blocs renumbered for their fiche: RNCP100123BC01… */
function serializeBlocs(blocs: XNode[], numero: string, rw: Rewrite, parts: string[]): void {
  const ind = '    ';
  parts.push(`${ind}<BLOCS_COMPETENCES>\n`);
  blocs.forEach((bloc, j) => {
    const renamed: XNode = {
      ...bloc,
      children: bloc.children.map((c) =>
        c.name === 'CODE' ? { ...c, text: `${numero}BC${pad2(j + 1)}` } : c,
      ),
    };
    serialize(renamed, `${ind}  `, rw, parts);
  });
  parts.push(`${ind}</BLOCS_COMPETENCES>\n`);
}
