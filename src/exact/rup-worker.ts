/**
 * Worker thread body of ConcurrentDrupCheck (./rup-concurrent.ts): checks the proof forward
 * (ForwardRupStream) as its clauses arrive, and publishes how far it got.
 *
 * workerData: `cnf` (the input, CnfForCheck), `hints` (keep every accepted clause's LRAT
 * hints) and `progress`, an Int32Array on shared memory: progress[0] the number of leading
 * proof clauses accepted (each RUP with respect to the input and the clauses before it);
 * the main thread sets progress[1] to 1 to make the worker stop checking. Messages: Int32Array
 * batches of proof clauses, each ended by a 0, each answered with null once dealt with; and
 * 'hints', answered with { data, start } (ForwardRupStream.allHints).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CnfForCheck } from './rup.js';
import { ForwardRupStream } from './rup-backward.js';

const { cnf, progress, hints } = workerData as { cnf: CnfForCheck; progress: Int32Array; hints: boolean };
const stream = new ForwardRupStream(cnf, { hints });
let clause: number[] = [];

parentPort?.on('message', (msg: Int32Array | 'hints') => {
  if (msg === 'hints') {
    const all = stream.allHints();
    parentPort?.postMessage(all, [all.data.buffer as ArrayBuffer, all.start.buffer as ArrayBuffer]);
    return;
  }
  checkBatch(msg);
  parentPort?.postMessage(null);
});

function checkBatch(batch: Int32Array): void {
  if (stream.stopped || stream.complete) return;
  for (let k = 0; k < batch.length; k++) {
    const l = batch[k];
    if (l !== 0) {
      clause.push(l);
      continue;
    }
    if (Atomics.load(progress, 1) !== 0) return;
    const ok = stream.push(clause);
    clause = [];
    if (!ok) return;
    Atomics.store(progress, 0, stream.verified);
    if (stream.complete) return;
  }
}
