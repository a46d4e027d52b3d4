/**
 * The lineage of a fiche: the fiches it replaces (ANCIENNES_CERTIFICATIONS) and those that replace it
 * (NOUVELLES_CERTIFICATIONS), each given by its number. V2/V3 exports put ANCIENNE_/NOUVELLE_CERTIFICATION
 * directly under FICHE, holding the number, or an ID_FICHE_… child.
 */
import { F, type FicheReader } from '../reader.ts';
import { child, children, type XNode } from '../tree.ts';

function liens(fiche: XNode, r: FicheReader, kind: 'ANCIENNE' | 'NOUVELLE') {
  const idName = `ID_FICHE_${kind}_CERTIFICATION`;
  const items = [
    ...children(child(fiche, `${kind}S_CERTIFICATIONS`), `${kind}_CERTIFICATION`),
    ...children(fiche, `${kind}_CERTIFICATION`),
  ];
  const numeros: string[] = [];
  for (const item of items) {
    const raw = item.children.length > 0 ? r.value(item, idName, 'NUMERO_FICHE') : r.leaf(item);
    const n = r.numeroFiche(raw, `${F}/${kind}S_CERTIFICATIONS/${kind}_CERTIFICATION/${idName}`);
    if (n !== undefined && !numeros.includes(n)) numeros.push(n);
  }
  return numeros.map((n) => ({ numero: n }));
}

export function lignee(fiche: XNode, r: FicheReader) {
  return { precedentes: liens(fiche, r, 'ANCIENNE'), suivantes: liens(fiche, r, 'NOUVELLE') };
}
