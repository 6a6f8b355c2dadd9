/**
 * One interface for every SAT backend (IPASIR-like: add clauses, solve under
 * assumptions with a budget, read the model).
 *
 * Contract:
 *  - variables are positive integers; literals are DIMACS integers;
 *  - `solve` never guesses: a budget that runs out returns 'unknown';
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

export interface SolveOptions {
  assumptions?: readonly number[];
  /** Wall-clock budget in milliseconds. */
  timeoutMs?: number;
  /** Conflict budget (backends that support it). */
  conflicts?: number;
}

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
