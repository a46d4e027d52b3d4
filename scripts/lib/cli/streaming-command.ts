/**
 * What the two commands that read an export as a stream (`npm run import`, `npm run sync`) share:
 *
 * - a bounded heap. V8 sizes its heap after the bytes that flow through the main thread (the whole
 *   export), not after what it keeps (a few MB): left alone it grew to 200 MB on a 600 MB export. A
 *   command started without the limits starts itself again with them and exits with the child's code.
 * - Ctrl-C or a kill exits normally (code 130), so that the command removes its staging folder:
 *   nothing is ever half-written.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Restarts the command `script` (its `import.meta.url`) under `heapFlags` unless they are set. */
export function runWithBoundedHeap(script: string, heapFlags: readonly string[]): void {
  if (!heapFlags.every((flag) => process.execArgv.includes(flag))) {
    const child = spawnSync(
      process.execPath,
      [...heapFlags, ...process.execArgv, fileURLToPath(script), ...process.argv.slice(2)],
      { stdio: 'inherit' },
    );
    process.exit(child.status ?? (child.signal === 'SIGINT' ? 130 : 1));
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
}
