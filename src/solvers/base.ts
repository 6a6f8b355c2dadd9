/**
 * The part of the SatSolver contract every backend shares, so each backend only says how
 * to run its engine.
 *
 * A backend extends `StoredClauseSolver` and implements `run(assumptions, budget)`. This
 * class keeps the clauses (ClauseStore), validates literals, normalises budgets, and above
 * all checks every 'sat' model against all clauses and assumptions before `solve` returns
 * (types.ts: a model is never reported unchecked). It also serves `value`, `model` and
 * `failedAssumptions` from the last answer.
 */
import { ClauseStore, budget, checkLiteral, modelToBooleans, verifyModel } from './clauses.js';
import { SolverCapacityError, type SatSolver, type SatStatus, type SolveOptions, type SolverProgress, type UnknownReason } from './types.js';

/**
 * Largest variable a solver accepts: models are dense arrays indexed by variable, and no
 * backend here can hold anywhere near this many variables anyway.
 */
export const MAX_SOLVER_VARS = 2 ** 27;

export interface Budget {
  /** Wall-clock budget in milliseconds (undefined: none). */
  timeoutMs?: number;
  /** Conflict budget (undefined: none). */
  conflicts?: number;
  /** Progress reports while the engine runs (SolveOptions.onProgress). */
  onProgress?: (progress: SolverProgress) => void;
}

export interface RunResult {
  status: SatStatus;
  /** For 'sat': model[v] = 1 iff variable v is true (any length; missing variables read false). */
  model?: Uint8Array;
  /** For 'unsat' under assumptions: the failed subset (default: all assumptions). */
  failed?: number[];
  /**
   * For 'unknown': why. Default: the budget, when one was given; a backend returning
   * 'unknown' without any budget must say why (otherwise the reason is 'solver').
   */
  reason?: UnknownReason;
}

/** The reason of an 'unknown' that ran out of the budget given. */
export function budgetReason(budget: Budget): UnknownReason {
  const parts = [
    ...(budget.timeoutMs !== undefined ? [`the time budget (${budget.timeoutMs / 1000} s)`] : []),
    ...(budget.conflicts !== undefined ? [`the conflict budget (${budget.conflicts})`] : []),
  ];
  return { kind: 'budget', message: `${parts.join(' or ')} ran out before an answer was found` };
}

export abstract class StoredClauseSolver implements SatSolver {
  abstract readonly name: string;
  protected readonly store = new ClauseStore();
  protected declaredVars = 0;
  protected disposed = false;
  private lastModel: Uint8Array | null = null;
  private lastFailed: number[] = [];
  private lastUnknown: UnknownReason | null = null;
  private lastMaxVar = 0;

  /** Runs the engine on all stored clauses under `assumptions`. */
  protected abstract run(assumptions: number[], budget: Budget): Promise<RunResult>;

  /** Frees engine resources (called once by dispose). */
  protected release(): void {}

  protected live(): void {
    if (this.disposed) throw new Error(`the ${this.name} solver has been disposed`);
  }

  /** Largest variable in a clause, a declaration, or the last assumptions. */
  get numVars(): number {
    return Math.max(this.store.maxVar, this.declaredVars);
  }

  /** Number of clauses added so far. */
  get numClauses(): number {
    return this.store.numClauses;
  }

  addClause(lits: readonly number[]): void {
    this.live();
    this.store.add(lits);
  }

  addClauses(clauses: Iterable<readonly number[]>): void {
    this.live();
    for (const c of clauses) this.store.add(c);
  }

  addFlat(flat: Int32Array): void {
    this.live();
    this.store.addFlat(flat);
  }

  ensureVars(n: number): void {
    this.live();
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 2) throw new RangeError(`ensureVars: invalid variable count ${n}`);
    if (n > this.declaredVars) this.declaredVars = n;
  }

  async solve(opts: SolveOptions = {}): Promise<SatStatus> {
    this.live();
    const assumptions = [...(opts.assumptions ?? [])];
    let maxVar = this.numVars;
    for (const a of assumptions) {
      checkLiteral(a);
      if (Math.abs(a) > maxVar) maxVar = Math.abs(a);
    }
    this.lastModel = null;
    this.lastFailed = [];
    this.lastUnknown = null;
    if (maxVar > MAX_SOLVER_VARS) {
      throw new SolverCapacityError(`the ${this.name} backend supports variables up to ${MAX_SOLVER_VARS}; the formula uses variable ${maxVar}`);
    }
    const limits: Budget = { timeoutMs: budget(opts.timeoutMs), conflicts: budget(opts.conflicts), onProgress: opts.onProgress };
    const r = await this.run(assumptions, limits);
    if (r.status === 'unknown') {
      this.lastUnknown =
        r.reason ??
        (limits.timeoutMs !== undefined || limits.conflicts !== undefined
          ? budgetReason(limits)
          : { kind: 'solver', message: `the ${this.name} backend stopped without an answer (no budget was given)` });
    }
    if (r.status === 'sat') {
      const model = r.model ?? new Uint8Array(0);
      verifyModel(this.name, this.store.flat, model, assumptions);
      this.lastModel = model;
      this.lastMaxVar = maxVar;
    } else if (r.status === 'unsat') {
      this.lastFailed = r.failed ? [...r.failed] : assumptions;
    }
    return r.status;
  }

  private needModel(): Uint8Array {
    if (!this.lastModel) throw new Error(`the ${this.name} solver has no model: the last solve() did not answer 'sat'`);
    return this.lastModel;
  }

  value(v: number): boolean {
    const m = this.needModel();
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`value(): variables are integers >= 1, got ${v}`);
    return v < m.length && m[v] === 1;
  }

  model(): boolean[] {
    return modelToBooleans(this.needModel(), this.lastMaxVar);
  }

  /** The last model as bytes (model[v] = 1 iff v is true), without copying; for bulk output. */
  modelBytes(): Uint8Array {
    return this.needModel();
  }

  failedAssumptions(): number[] {
    return [...this.lastFailed];
  }

  unknownReason(): UnknownReason | null {
    return this.lastUnknown;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lastModel = null;
    this.release();
  }
}
