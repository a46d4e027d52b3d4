/**
 * Peak memory of a process and everything it starts (Astro's build, Pagefind's Rust service,
 * Chromium's renderers): the resident sets of the whole tree, summed, sampled from /proc on Linux.
 * `/usr/bin/time -v` would only give the largest single process, and a stage's cost is the sum.
 */
import { readFileSync, readdirSync } from 'node:fs';

const PAGE_BYTES = 4096;

/** Parent of each live process, from /proc/<pid>/stat (the field after the parenthesised name). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      map.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return map;
}

function residentBytes(pid: number): number {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(statm[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** The summed resident set of `root` and its descendants, in bytes (0 once it has ended). */
export function treeResidentBytes(root: number): number {
  const parentOf = parents();
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentOf) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  let total = 0;
  const stack = parentOf.has(root) ? [root] : [];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += residentBytes(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface TreeSampler {
  /** Stops sampling and returns the highest sum seen, in bytes. */
  stop: () => number;
}

/** Samples the tree of `root` every `intervalMs` until stopped; does nothing where /proc is absent. */
export function sampleTree(root: number, intervalMs = 200): TreeSampler {
  let peak = 0;
  let available = true;
  const sample = () => {
    if (!available) return;
    try {
      peak = Math.max(peak, treeResidentBytes(root));
    } catch {
      available = false;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
