/**
 * One interface for every SAT solver (IPASIR-like: add clauses, solve under
 * assumptions with a budget, read the model).
 *
 * Contract:
 *  - variables are positive integers; literals are DIMACS integers;
 *  - `solve` never guesses: a budget that runs out returns 'unknown', and so does a solver
 *    that stops without an answer for a reason of its own (an external solver printing
 *    `s UNKNOWN`); `unknownReason()` then says which, so a failure is never reported as a
 *    budget that ran out;
 *  - after 'sat', `value(v)` is the value of variable v in a model of all clauses
 *    added so far (and of the assumptions); variables never mentioned read as false;
 *  - after 'unsat' under assumptions, `failedAssumptions()` is a subset of them that is
 *    already unsatisfiable together with the clauses (where the backend supports it);
 *  - a backend that cannot hold the formula throws `SolverCapacityError`, never crashes;
 *  - every 'sat' answer is checked against all clauses added (and the assumptions) before
 *    `solve` returns it; a model that fails the check throws `ModelCheckError` (a solver
 *    bug), it is never reported.
 */
export type SatStatus = 'sat' | 'unsat' | 'unknown';

/**
 * Why an answer is 'unknown' (SAT solvers, MIP solvers, the decision backends, `decide`):
 *  - 'budget': the time or conflict budget that was given ran out;
 *  - 'solver': the solver stopped without an answer for a reason of its own: it failed
 *    (an error, a crash, out of memory, its input could not be read) or answered
 *    "unknown" by itself before any budget ran out;
 *  - 'precision': a floating-point solver cannot decide the program as written: its
 *    numbers are beyond what it represents, its tolerances cannot carry its verdict, or its
 *    point fails the exact check.
 * `message` says what happened, in a form fit for the user.
 */
export interface UnknownReason {
  kind: 'budget' | 'solver' | 'precision';
  message: string;
}

/**
 * One line for a user on why there is no answer: the budget (with the advice to give more
 * time) or what really happened. Without a reason, it says that none was reported rather
 * than guess one.
 */
export function describeUnknown(reason: UnknownReason | null | undefined): string {
  if (!reason) return 'no answer, and the backend gave no reason';
  if (reason.kind === 'budget') return `${reason.message}; try a larger --timeout`;
  return `no answer: ${reason.message}`;
}

export interface SolveOptions {
  assumptions?: readonly number[];
  /** Wall-clock budget in milliseconds. */
  timeoutMs?: number;
  /** Conflict budget (backends that support it). */
  conflicts?: number;
  /**
   * Called while the solver runs, at most every PROGRESS_INTERVAL_MS, and once when it
   * stops; each call's counts are at least the previous call's. Backends that cannot call
   * back while they run (a synchronous solver without a polling hook) never call it.
   */
  onProgress?: (progress: SolverProgress) => void;
}

/** What a running solver reports (SolveOptions.onProgress). */
export interface SolverProgress {
  /** Conflicts so far in this solve, when the backend can count them. */
  conflicts?: number;
}

/** Least time between two progress reports of a running solver, in milliseconds. */
export const PROGRESS_INTERVAL_MS = 100;

export interface SatSolver {
  readonly name: string;
  addClause(lits: readonly number[]): void;
  addClauses(clauses: Iterable<readonly number[]>): void;
  /** Bulk form: clauses flat in one array, each terminated by 0 (as `parseDimacs` returns). */
  addFlat(flat: Int32Array): void;
  /** Declares variables 1..n, so `model()` covers them even if no clause mentions them. */
  ensureVars(n: number): void;
  solve(opts?: SolveOptions): Promise<SatStatus>;
  /** After 'sat': the value of variable v (v >= 1). */
  value(v: number): boolean;
  /** After 'sat': model[v] for v in 1..maxVar (index 0 unused). */
  model(): boolean[];
  failedAssumptions(): number[];
  /** After 'unknown': why there is no answer (null after 'sat' or 'unsat'). */
  unknownReason(): UnknownReason | null;
  dispose(): void;
}

export class SolverCapacityError extends Error {
  override name = 'SolverCapacityError';
}

export class UnknownBackendError extends Error {
  override name = 'UnknownBackendError';
}

/** A backend returned a 'sat' model that falsifies a clause or an assumption (a solver bug). */
export class ModelCheckError extends Error {
  override name = 'ModelCheckError';
}

/**
 * What `--proof` writes: `drat`, every clause CaDiCaL learned (no deletions); `drat-trimmed`,
 * only the clauses the refutation uses, each deleted after its last use; `lrat`, the same
 * clauses with the ids of the clauses that check each one.
 */
export const PROOF_FORMATS = ['drat', 'drat-trimmed', 'lrat'] as const;
export type ProofFormat = (typeof PROOF_FORMATS)[number];
