/** The `heavy` profile of the synthetic export (./synthetic.ts): the 13 samples repeated, for stress. */
import type { XNode } from '../../../src/lib/import/tree.ts';
import { type GenerateOptions, type GeneratedExport } from './synthetic.ts';
import {
  Counter,
  HEADER,
  childOf,
  countsOf,
  numeroOf,
  output,
  partner,
  random,
  serialize,
  type Tally,
} from './synthetic-writing.ts';

// ------------------------------------------------------------------ heavy: the samples repeated

export async function generateHeavy(
  options: GenerateOptions,
  templates: XNode[],
): Promise<GeneratedExport> {
  const seed = options.seed ?? 1;
  const allPartners = templates.flatMap(
    (t) => childOf(t, 'PARTENAIRES')?.children.filter((c) => c.name === 'PARTENAIRE') ?? [],
  );
  const next = random(seed);
  const out = output(options, 'heavy', seed);
  const counter = new Counter('heavy', seed, out.path, options.fiches);
  const tally: Tally = { juryBytes: 0 };
  await out.write(HEADER);
  for (let i = 0; i < options.fiches; i++) {
    const template = templates[Math.floor(next() * templates.length)]!;
    const old = numeroOf(template);
    const prefix = old.startsWith('RS') ? 'RS' : 'RNCP';
    const numero = `${prefix}${100000 + i}`;

    let fiche: XNode = {
      ...template,
      children: template.children.map((c) => {
        if (c.name === 'ID_FICHE') return { ...c, text: String(900000 + i) };
        if (c.name === 'NUMERO_FICHE') return { ...c, text: numero };
        return c;
      }),
    };
    // One fiche in 40 holds between 1,000 and 2,500 partners.
    let partners = childOf(fiche, 'PARTENAIRES')?.children.length ?? 0;
    if (next() < 1 / 40) {
      partners = 1000 + Math.floor(next() * 1500);
      const list = Array.from({ length: partners }, (_, k) =>
        partner(allPartners[k % allPartners.length]!, k),
      );
      const withoutPartners = fiche.children.filter(
        (c) => c.name !== 'PARTENAIRES' && c.name !== 'EXISTENCE_PARTENAIRES',
      );
      fiche = {
        ...fiche,
        children: [
          ...withoutPartners.slice(0, 8),
          { name: 'EXISTENCE_PARTENAIRES', text: 'Oui', children: [], line: 0 },
          { name: 'PARTENAIRES', text: '', children: list, line: 0 },
          ...withoutPartners.slice(8),
        ],
      };
    }
    counter.add(countsOf(fiche, numero, partners));
    const parts: string[] = [];
    serialize(
      fiche,
      '  ',
      { from: new RegExp(`${old}(?!\\d)`, 'g'), to: numero, next, doubleEscape: 0.05, tally },
      parts,
    );
    await out.write(parts.join(''));
  }
  await out.write('</FICHES>\n');
  await out.close();
  return counter.finish(out.bytes, tally.juryBytes);
}
