/**
 * Worker thread of the importer: receives FICHE trees, answers with what `processFiche` did.
 * Started by `./pool.ts`; its options come in `workerData`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { processFiche, type ProcessOptions } from './process.ts';
import type { FicheSource } from './xml.ts';

const options = workerData as ProcessOptions;

parentPort!.on('message', (message: { fiche: FicheSource }) => {
  parentPort!.postMessage({ result: processFiche(message.fiche, options) });
});
