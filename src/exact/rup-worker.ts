/**
 * Worker thread body of ConcurrentDrupCheck (./rup-concurrent.ts): checks the proof forward
 * (ForwardRupStream) as its clauses arrive, and publishes how far it got.
 *
 * workerData: `cnf` (the input, CnfForCheck) and `progress`, an Int32Array on shared memory:
 * progress[0] the number of leading proof clauses accepted (each RUP with respect to the input
 * and the clauses before it), progress[1] 1 once a clause was refused, 2 once the empty clause
 * was accepted. Messages: Int32Array batches of proof clauses, each ended by a 0; each batch
 * is answered with a message (null) once it has been dealt with.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CnfForCheck } from './rup.js';
import { ForwardRupStream } from './rup-backward.js';

const { cnf, progress } = workerData as { cnf: CnfForCheck; progress: Int32Array };
const stream = new ForwardRupStream(cnf);
let clause: number[] = [];

parentPort?.on('message', (batch: Int32Array) => {
  checkBatch(batch);
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
    const ok = stream.push(clause);
    clause = [];
    if (!ok) {
      Atomics.store(progress, 1, 1);
      return;
    }
    Atomics.store(progress, 0, stream.verified);
    if (stream.complete) {
      Atomics.store(progress, 1, 2);
      return;
    }
  }
}
