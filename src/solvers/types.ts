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
 *  - a backend that cannot hold the formula throws `SolverCapacityError`, never crashes.
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
