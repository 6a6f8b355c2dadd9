/**
 * Checking a DRUP proof while it is being produced, on a second thread, so that a checked
 * proof costs little more wall-clock time than the solve (Node only: a worker thread).
 *
 * A worker checks the proof forward (ForwardRupStream, ./rup-worker.ts) as the solver's
 * clauses are handed to it, and publishes the length of the prefix it has accepted. When the
 * proof is complete, `finish` checks it backwards from the end (checkDrupBackward) in this
 * thread while the worker goes on, and stops as soon as the walk reaches the prefix the worker
 * has accepted. Acceptance is sound either way: every clause the refutation uses is either in
 * that prefix (RUP with respect to the input and the clauses before it, checked forward) or
 * was checked backwards against the input and the clauses before it, so by induction on the
 * position every one of them, and the empty clause, follows from the input. When the worker
 * accepts the empty clause first, the proof is accepted without the backward walk.
 *
 * Without the compiled worker (running from TypeScript sources) or when it fails, the check
 * is the backward check alone: the same verdicts, just not overlapped with the solve.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lratFromHints, type LratProof } from './lrat.js';
import { checkDrupBackward, checkedForwardOnly } from './rup-backward.js';
import { checkDrup, type CnfForCheck, type DrupResult, type ProofStep } from './rup.js';

/** Literals buffered before a batch is posted to the worker. */
const BATCH_LITERALS = 4096;

/** What `finish` reports beside the verdict. */
export interface ConcurrentCheckResult {
  result: DrupResult;
  /** How many leading proof clauses the worker had accepted when the check ended. */
  forward: number;
  /** Whether the worker ran (false: the backward check alone). */
  concurrent: boolean;
}

export class ConcurrentDrupCheck {
  /** The proof so far, as added. */
  readonly proof: ProofStep[] = [];
  private readonly worker: Worker | null;
  private readonly progress: Int32Array;
  private batch: number[] = [];
  private failed = false;
  /** Batches posted to the worker, and answered by it. */
  private posted = 0;
  private answered = 0;
  private onAnswer: (() => void) | null = null;
  /** The worker's hints, once asked for (finish with `lrat`). */
  private forwardHints: { data: Int32Array; start: Int32Array } | null = null;

  /**
   * Starts the worker on the input (see the file comment for when it does not start); with
   * `hints`, the worker keeps every check's LRAT hints, for `finish` with `lrat`.
   */
  constructor(
    private readonly cnf: CnfForCheck,
    opts: { hints?: boolean } = {},
  ) {
    this.progress = new Int32Array(new SharedArrayBuffer(8));
    const path = fileURLToPath(new URL('./rup-worker.js', import.meta.url));
    let worker: Worker | null = null;
    if (existsSync(path)) {
      worker = new Worker(path, { workerData: { cnf, progress: this.progress, hints: opts.hints === true } });
      // A failed worker only means no forward prefix: the backward check does the rest.
      worker.on('error', () => {
        this.failed = true;
        this.onAnswer?.();
      });
      worker.on('message', (msg: null | { data: Int32Array; start: Int32Array }) => {
        if (msg === null) this.answered++;
        else this.forwardHints = msg;
        this.onAnswer?.();
      });
    }
    this.worker = worker;
  }

  /** Appends the next proof clause (copied) and hands it to the worker in batches. */
  add(clause: ArrayLike<number>): void {
    const copy = Array.from(clause);
    this.proof.push({ kind: 'add', clause: copy });
    if (!this.worker || this.failed) return;
    for (const l of copy) this.batch.push(l);
    this.batch.push(0);
    if (this.batch.length >= BATCH_LITERALS) this.flush();
  }

  private flush(): void {
    if (!this.worker || this.batch.length === 0) return;
    const data = Int32Array.from(this.batch);
    this.batch = [];
    this.worker.postMessage(data, [data.buffer]);
    this.posted++;
  }

  /**
   * Resolves once the worker has dealt with every clause added so far (or failed): for tests,
   * which need a known forward prefix; `finish` does not wait.
   */
  async caughtUp(): Promise<void> {
    this.flush();
    while (this.worker && !this.failed && this.answered < this.posted) {
      await new Promise<void>((resolve) => {
        this.onAnswer = resolve;
      });
    }
    this.onAnswer = null;
  }

  /** The proof clauses the worker has accepted, from the first on. */
  private verifiedBelow(): number {
    return this.failed ? 0 : Atomics.load(this.progress, 0);
  }

  /**
   * Checks the proof (its clauses as added; ending with the empty clause when it is a
   * refutation) and stops the worker. Call once. With `lrat`, when the proof is accepted,
   * fills `lrat` with an LRAT proof of what the refutation needs (lratFromHints): hints of
   * the clauses checked backwards from this thread, of the others from the worker (which
   * then must have been started with `hints`).
   */
  async finish(opts: { lrat?: LratProof } = {}): Promise<ConcurrentCheckResult> {
    this.flush();
    try {
      const concurrent = this.worker !== null && !this.failed;
      if (!concurrent) return { result: checkDrupBackward(this.cnf, this.proof, { lrat: opts.lrat }), forward: 0, concurrent };
      const hints = opts.lrat ? new Map<number, ArrayLike<number>>() : undefined;
      const result = checkDrupBackward(this.cnf, this.proof, { verifiedBelow: () => this.verifiedBelow(), hints });
      const forward = this.verifiedBelow();
      if (result.ok && opts.lrat && hints) {
        const fw = await this.workerHints();
        const emptyAt = this.proof.findIndex((s) => s.clause.length === 0);
        try {
          opts.lrat.steps = lratFromHints(this.cnf.clauses.length, this.proof, emptyAt, (i) => {
            const h = hints.get(i);
            if (h) return h;
            return fw && i + 1 < fw.start.length ? fw.data.subarray(fw.start[i], fw.start[i + 1]) : undefined;
          }).steps;
        } catch {
          // The worker's hints do not cover its prefix (it failed, or kept none): the
          // backward check alone, over the whole proof.
          return { result: checkDrupBackward(this.cnf, this.proof, { lrat: opts.lrat }), forward, concurrent };
        }
      }
      return { result, forward, concurrent };
    } finally {
      await this.dispose();
    }
  }

  /** Stops the worker's checking and fetches its hints (null if it failed). */
  private async workerHints(): Promise<{ data: Int32Array; start: Int32Array } | null> {
    Atomics.store(this.progress, 1, 1);
    this.worker?.postMessage('hints');
    while (!this.failed && this.forwardHints === null) {
      await new Promise<void>((resolve) => {
        this.onAnswer = resolve;
      });
    }
    this.onAnswer = null;
    return this.forwardHints;
  }

  /** Stops the worker (also when the proof is not needed after all). */
  async dispose(): Promise<void> {
    if (this.worker) await this.worker.terminate();
  }
}

/**
 * checkDrupProof (./rup-backward.ts) on two threads: an add-only proof is checked forward by
 * the worker from its start and backwards here from its end, until they meet; a rejection
 * is the forward checker's, naming the first step that is not RUP. Proofs with deletions,
 * and `forward`, are checked forward here.
 */
export async function checkDrupProofConcurrently(cnf: CnfForCheck, proof: readonly ProofStep[], opts: { forward?: boolean } = {}): Promise<DrupResult> {
  if (checkedForwardOnly(proof, opts)) return checkDrup(cnf, proof);
  const check = new ConcurrentDrupCheck(cnf);
  for (const s of proof) check.add(s.clause);
  const { result } = await check.finish();
  return result.ok ? result : checkDrup(cnf, proof);
}
