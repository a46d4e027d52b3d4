/**
 * Converting HTML to Markdown is the costly part of an import (the XML parser alone reads about
 * 100 MB/s): the main thread parses the export and hands each FICHE to a small pool of worker threads.
 * With `jobs: 0` everything runs in the main thread (simplest to debug).
 *
 * `submit()` returns once the fiche has been handed over; `drain()` waits for every result. The number
 * of fiches in flight is bounded, so memory does not grow with the export.
 */
import { Worker } from 'node:worker_threads';
import type { FicheResult, ProcessOptions } from './process.ts';
import type { FicheSource } from './xml.ts';

export class FichePool {
  private readonly workers: { worker: Worker; busy: number; pending: string[] }[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly options: ProcessOptions;
  private readonly onResult: (result: FicheResult) => void;
  private readonly maxInFlight: number;
  private inFlight = 0;
  private failure: Error | undefined;

  constructor(jobs: number, options: ProcessOptions, onResult: (result: FicheResult) => void) {
    this.options = options;
    this.onResult = onResult;
    this.maxInFlight = Math.max(1, jobs) * 8;
    for (let i = 0; i < jobs; i++) {
      const slot = {
        worker: new Worker(new URL('./worker.ts', import.meta.url), {
          workerData: options,
          // A worker holds a few fiches at a time; a bounded heap keeps the import's memory flat.
          resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
        }),
        busy: 0,
        pending: [] as string[],
      };
      slot.worker.on('message', (message: { result: FicheResult }) => {
        slot.busy--;
        slot.pending.shift();
        this.inFlight--;
        this.onResult(message.result);
        this.wake();
      });
      slot.worker.on('error', (error) => {
        // Out of memory on a giant fiche, or a bug: the import stops, nothing is put in place.
        this.failure = new Error(
          `Un fil de conversion s’est arrêté (${error.message}) pendant les fiches ${slot.pending.join(', ') || '(aucune)'}`,
        );
        this.wake();
      });
      this.workers.push(slot);
    }
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private async waitUntil(condition: () => boolean): Promise<void> {
    while (!condition()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  async submit(fiche: FicheSource): Promise<void> {
    if (this.workers.length === 0) {
      // Loaded only here: with workers, the main thread never needs the converter (nor its memory).
      const { processFiche } = await import('./process.ts');
      this.onResult(processFiche(fiche, this.options));
      return;
    }
    await this.waitUntil(() => this.inFlight < this.maxInFlight);
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    slot.pending.push(fiche.numero ?? `ligne ${fiche.line}`);
    this.inFlight++;
    slot.worker.postMessage({ fiche });
  }

  async drain(): Promise<void> {
    await this.waitUntil(() => this.inFlight === 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers.length = 0;
  }
}
