/**
 * What each fiche of the `real` synthetic export is, drawn before any is written (./synthetic-real.ts
 * writes them): its kind (répertoire, active or not, level) in the national proportions, its counts
 * of partners, blocs and certificateurs by stratified draws, its share of the size budget, and the
 * lineage between inactive fiches and their active successors. Only typed arrays: a few bytes a fiche.
 */
import {
  GROUPS,
  REAL_PROFILE as P,
  quantile,
  quotas,
  shuffle,
  type Group,
} from './synthetic-profile.ts';

export interface Draws {
  /** 1–6 active RNCP of level 3–8, 7 active RS, 8 inactive RNCP, 9 inactive RS. */
  kind: Uint8Array;
  groupOf: (kind: number) => Group;
  isRs: (i: number) => boolean;
  isActive: (i: number) => boolean;
  partnerCount: Uint16Array;
  blocCount: Uint8Array;
  certCount: Uint8Array;
  /** Where each fiche's size falls in its group's distribution (0–1). */
  sizeU: Float32Array;
  /** The level of an inactive RNCP fiche (0 for the others). */
  inactiveLevel: Uint8Array;
  /** The active fiche that follows an inactive one, or -1. */
  successor: Int32Array;
  /** The inactive fiches that an active one follows. */
  predecessors: Map<number, number[]>;
}

/** Draws the `n` fiches with `next`, always in the same order: the same seed, the same export. */
export function drawFiches(n: number, next: () => number): Draws {
  // 1. Each fiche's kind, in exact proportions, shuffled: 1–6 active RNCP of level 3–8, 7 active RS,
  //    8 inactive RNCP, 9 inactive RS.
  const kind = new Uint8Array(n);
  {
    let at = 0;
    for (const [k, q] of quotas(n).entries()) kind.fill(k + 1, at, (at += q.count));
    shuffle(kind, next);
  }
  const groupOf = (k: number): Group =>
    k <= 6 ? 'rncpActive' : k === 7 ? 'rsActive' : k === 8 ? 'rncpInactive' : 'rsInactive';
  const isRs = (i: number) => kind[i] === 7 || kind[i] === 9;
  const isActive = (i: number) => kind[i]! <= 7;

  // 2. Stratified draws within each group: quantiles (k + u) / m in a shuffled order, so that the
  //    counts follow their distribution closely even on a few thousand fiches.
  const stratified = (): Float32Array => {
    const u = new Float32Array(n);
    for (const group of GROUPS) {
      const members: number[] = [];
      for (let i = 0; i < n; i++) if (groupOf(kind[i]!) === group) members.push(i);
      const order = new Uint32Array(members.length).map((_, k) => k);
      shuffle(order, next);
      members.forEach((i, k) => (u[i] = (order[k]! + next()) / members.length));
    }
    return u;
  };
  const partnerCount = new Uint16Array(n);
  const blocCount = new Uint8Array(n);
  const certCount = new Uint8Array(n);
  const sizeU = stratified();
  {
    const uPartners = stratified();
    const uBlocs = stratified();
    const uCerts = stratified();
    for (let i = 0; i < n; i++) {
      const group = groupOf(kind[i]!);
      partnerCount[i] = quantile(P.partners[group], uPartners[i]!);
      blocCount[i] = quantile(P.blocs[group], uBlocs[i]!);
      certCount[i] = quantile(P.certificateurs, uCerts[i]!);
    }
    // A catalogue of a hundred fiches or more has its fiche with over 1,000 partners, as the real one.
    if (n >= 100 && !partnerCount.some((c) => c > 1000)) {
      let top = -1;
      for (let i = 0; i < n; i++)
        if (kind[i]! <= 6 && (top < 0 || uPartners[i]! > uPartners[top]!)) top = i;
      if (top >= 0) partnerCount[top] = 1001 + Math.floor(next() * 1500);
    }
  }

  // 3. Lineage: an inactive fiche names an active successor of the same répertoire and level.
  const inactiveLevel = new Uint8Array(n);
  const successor = new Int32Array(n).fill(-1);
  const predecessors = new Map<number, number[]>();
  {
    const actives = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (kind[i] === 8) inactiveLevel[i] = quantile(P.inactiveLevels, next());
      if (!isActive(i)) continue;
      const key = isRs(i) ? 'RS' : `RNCP${kind[i]! + 2}`;
      const same = actives.get(key);
      if (same) same.push(i);
      else actives.set(key, [i]);
    }
    for (let i = 0; i < n; i++) {
      if (isActive(i) || next() >= P.lineage) continue;
      const candidates =
        actives.get(isRs(i) ? 'RS' : `RNCP${inactiveLevel[i]}`) ??
        (isRs(i) ? undefined : [3, 4, 5, 6, 7].flatMap((l) => actives.get(`RNCP${l}`) ?? []));
      if (!candidates || candidates.length === 0) continue;
      const s = candidates[Math.floor(next() * candidates.length)]!;
      successor[i] = s;
      const earlier = predecessors.get(s);
      if (earlier) earlier.push(i);
      else predecessors.set(s, [i]);
    }
  }

  return {
    kind,
    groupOf,
    isRs,
    isActive,
    partnerCount,
    blocCount,
    certCount,
    sizeU,
    inactiveLevel,
    successor,
    predecessors,
  };
}
