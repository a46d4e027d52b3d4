/** A validation thread: validates its share of the fiches and sends back what it found. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadReferentiels } from '../referentiels.ts';
import { validateFile } from './index.ts';

const { files, referentielsDir } = workerData as { files: string[]; referentielsDir?: string };
const referentiels = loadReferentiels(referentielsDir);
parentPort!.postMessage(files.map((file) => validateFile(file, referentiels)));
