/**
 * The default backend: CaDiCaL 3 compiled to WebAssembly (cadical-wasm).
 *
 * Clauses are kept in the shared store (base.ts) and streamed into CaDiCaL at `solve`
 * time, incrementally (only what was added since the last solve). Streaming calls the
 * wasm export `ccadical_add` once per literal, which is faster than `Cadical#addClause`
 * and `addDimacs` (the latter also re-tokenises the text with a regex and rejects the
 * SATLIB `%` trailer; figures in docs/measurements.md), so the raw export is used when
 * present and the public API is the fallback.
 *
 * Budgets: `conflicts` is CaDiCaL's own per-solve limit; `timeoutMs` is a terminate
 * callback polling a deadline. Either running out gives 'unknown'. The solver is quiet.
 *
 * Progress (`onProgress`): `solve` is one synchronous wasm call, so reports come from the
 * same terminate callback, which CaDiCaL polls throughout search. cadical-wasm exposes no
 * statistics, so conflicts are counted through the learned-clause callback: conflict
 * analysis learns one clause per conflict (a conflict at the root learns the empty
 * clause), so the count is the number of conflicts, less the few that learn nothing
 * (under a conflict budget of N the count stays just below N: tests/solvers/progress.test.ts).
 * Counting costs one call into JavaScript per conflict, and only runs with `onProgress`.
 *
 * All solvers share one wasm module (compiled once), whose output is captured, never
 * printed. The module's memory tops out at 2 GB (what fits: ./capacity.ts and
 * docs/measurements.md). A
 * formula that certainly exceeds it is a SolverCapacityError before anything is fed. If
 * the module aborts anyway (near the limit, or when search learns clauses), its state is
 * undefined: the solver is marked broken, the module is dropped so
 * later solvers get a fresh one, and the abort becomes a SolverCapacityError (input is
 * validated first, so memory is what is left to run out).
 *
 * DRUP proofs (`trainsat sat --proof`, `solve --certify` on the bit-blasted CNF): CaDiCaL's learned-clause callback (`onLearn` below,
 * cadical-wasm's setLearn with an unbounded length) reports the clauses conflict analysis
 * learns, including the final empty clause. That stream is a DRUP proof (every clause RUP
 * with respect to the input plus the clauses reported before it) only under
 * DRUP_PROOF_OPTIONS, found empirically with src/exact/rup.ts on all 52 SATLIB uuf50..uuf175
 * instances (tests/exact/rup.test.ts re-checks it):
 *  - default options: 51 of 52 streams are rejected, from the first few dozen clauses on;
 *  - `otfs: false` (on-the-fly self-subsumption strengthens antecedent clauses in place
 *    during conflict analysis, and the strengthened clauses are never reported, so learned
 *    clauses resolved from them are not RUP): fixes all uuf50..uuf125, but 9 larger ones
 *    still fail midway: inprocessing (vivification, subsumption/strengthening, probing,
 *    elimination, ternary resolution, decomposition, ...) derives clauses or rewrites
 *    literals without reporting through the learn callback;
 *  - disabling only vivify and subsume on top is not enough (7 still fail); disabling
 *    vivify, subsume, probe, elim, ternary and decompose is (0 fail), and so is the master
 *    switch `inprocessing: false`, which is what is used, with those passes also switched
 *    off explicitly in case a pass escapes the master switch in some version.
 *  - With inprocessing on and every pass off but one (44 unsatisfiable SATLIB and random
 *    3-/5-SAT CNFs, docs/measurements.md): otfs, vivify, probe, elim and congruence each
 *    produce streams that are not DRUP proofs. The others produced no invalid stream there,
 *    but most of them never ran on those CNFs, and the ones that derive clauses (ternary
 *    and subsumption strengthening add merge resolvents, decompose, sweep, backbone and
 *    instantiate derive units and equivalences, factor adds variables) are not RUP-safe in
 *    general: a clause derived from unreported clauses need not be RUP from the reported
 *    ones. Only passes that merely delete clauses (transred, eagersubsume, block, cover,
 *    condition) are safe by construction, as the checker keeps every clause; switching
 *    them on (with inprocessing) did not make search faster, so inprocessing stays off.
 * Lucky phases are harmless (they find models, they do not learn unreported clauses).
 * Clause deletions are not reported either, so the proof never deletes: the checker then
 * works on a superset of the solver's database, which cannot make a RUP check fail.
 */
import { Cadical, createModule, type CadicalModule, type SolverOptions } from 'cadical-wasm';
import { StoredClauseSolver, type Budget, type RunResult } from './base.js';
import { cadicalCapacityError, cadicalLimitText } from './capacity.js';
import { PROGRESS_INTERVAL_MS, SolverCapacityError, type SolverProgress } from './types.js';

/**
 * CaDiCaL options under which the learned-clause stream is a DRUP proof (see the file
 * comment). Search without inprocessing is slower on hard instances, so only proof runs
 * use them.
 */
export const DRUP_PROOF_OPTIONS: Readonly<SolverOptions> = Object.freeze({
  otfs: false,
  inprocessing: false,
  vivify: false,
  subsume: false,
  probe: false,
  elim: false,
  ternary: false,
  decompose: false,
  congruence: false,
  sweep: false,
  factor: false,
  backbone: 0,
  instantiate: false,
});

let sharedModule: Promise<CadicalModule> | null = null;

/** The last lines the wasm module printed (abort reasons), kept out of stdout/stderr. */
const moduleOutput: string[] = [];

function loadModule(): Promise<CadicalModule> {
  if (!sharedModule) {
    // Output goes to a small buffer: stdout carries `trainsat sat`'s answer, and a quiet
    // CaDiCaL prints nothing except abort reasons, which become exception messages.
    const note = (text: string): void => {
      moduleOutput.push(text);
      if (moduleOutput.length > 20) moduleOutput.shift();
    };
    const p = createModule({ print: note, printErr: note });
    sharedModule = p;
    p.catch(() => {
      if (sharedModule === p) sharedModule = null;
    });
  }
  return sharedModule;
}

/** The wasm exports used for bulk streaming; absent in other builds of cadical-wasm. */
interface RawExports {
  _ccadical_add?: (ptr: number, lit: number) => void;
  _ccadical_val?: (ptr: number, lit: number) => number;
  _ccadical_vars?: (ptr: number) => number;
}

export class CadicalSolver extends StoredClauseSolver {
  readonly name = 'cadical';
  private fed = 0;
  private fedVars = 0;
  private broken: Error | null = null;
  private deadline = Infinity;
  private terminateInstalled = false;
  /** The proof callback given to onLearn (null: none). */
  private proofLearn: ((clause: number[]) => void) | null = null;
  private learnInstalled = false;
  /** Clauses learned in the current solve (about one per conflict). */
  private learned = 0;
  private progress: ((p: SolverProgress) => void) | null = null;
  private nextProgress = 0;
  private progressError: { error: unknown } | null = null;

  private constructor(
    private readonly mod: CadicalModule,
    private readonly solver: Cadical,
  ) {
    super();
  }

  /** A quiet CaDiCaL instance; `options` are CaDiCaL options (see cadical-wasm's SolverOptions). */
  static async create(options: SolverOptions = {}): Promise<CadicalSolver> {
    const mod = await loadModule();
    return new CadicalSolver(mod, new Cadical(mod, { quiet: true, ...options }));
  }

  /**
   * Passes every clause CaDiCaL learns from now on, of any length, to `cb` (null stops).
   * Together they form a DRUP proof only for a solver created with DRUP_PROOF_OPTIONS.
   */
  onLearn(cb: ((clause: number[]) => void) | null): void {
    this.proofLearn = cb;
    this.syncLearn(false);
  }

  /** Installs the learned-clause callback while a proof or a conflict count needs it. */
  private syncLearn(counting: boolean): void {
    const want = counting || this.proofLearn !== null;
    if (want === this.learnInstalled && !want) return;
    const proof = this.proofLearn;
    this.solver.setLearn(
      2 ** 31 - 1,
      !want
        ? null
        : counting
          ? (clause) => {
              this.learned++;
              proof?.(clause);
            }
          : proof,
    );
    this.learnInstalled = want;
  }

  /** CaDiCaL's terminate callback: reports progress when due; true once the deadline has passed. */
  private poll(): boolean {
    const now = Date.now();
    if (this.progress !== null && now >= this.nextProgress) {
      this.nextProgress = now + PROGRESS_INTERVAL_MS;
      try {
        this.progress({ conflicts: this.learned });
      } catch (error) {
        // Thrown again once solve has returned: an exception must not unwind through wasm.
        this.progressError = { error };
        return true;
      }
    }
    return now > this.deadline;
  }

  private get ptr(): number | undefined {
    const p = (this.solver as unknown as { _ptr?: unknown })._ptr;
    return typeof p === 'number' && p !== 0 ? p : undefined;
  }

  /** Streams clauses added since the last solve into CaDiCaL. */
  private feed(): void {
    // Declared variables first: CaDiCaL sizes its per-variable arrays exactly when it
    // grows from nothing, but doubles them (copying) when it grows from a few variables,
    // which made `p cnf 11500000 1` abort at the memory limit.
    if (this.declaredVars > this.fedVars) {
      this.solver.ensureVars(this.declaredVars);
      this.fedVars = this.declaredVars;
    }
    const flat = this.store.flat;
    if (this.fed < flat.length) {
      const raw = this.mod as unknown as RawExports;
      const ptr = this.ptr;
      if (typeof raw._ccadical_add === 'function' && ptr !== undefined) {
        const add = raw._ccadical_add;
        for (let j = this.fed; j < flat.length; j++) add(ptr, flat[j]);
      } else {
        let start = this.fed;
        for (let j = this.fed; j < flat.length; j++) {
          if (flat[j] === 0) {
            this.solver.addClause(flat.subarray(start, j));
            start = j + 1;
          }
        }
      }
      this.fed = flat.length;
    }
  }

  /**
   * A wasm abort. Literals are validated before they reach CaDiCaL, so its API checks cannot
   * fire; what remains is a failed allocation (C++ `new` aborts in this build), i.e. the
   * WebAssembly memory limit: a SolverCapacityError. Anything that is not an abort is
   * rethrown as is.
   */
  private onAbort(e: unknown, during: string): never {
    const msg = e instanceof Error ? e.message : String(e);
    const isAbort = (e instanceof Error && e.name === 'RuntimeError') || /abort|OOM|out of memory|memory access out of bounds/i.test(msg);
    // The module's heap may be corrupt: this solver is done, later solvers get a new module.
    void loadModule().then((m) => {
      if (m === this.mod) sharedModule = null;
    });
    const heap = (this.mod as unknown as { HEAP32?: Int32Array }).HEAP32?.byteLength;
    this.broken = isAbort
      ? new SolverCapacityError(
          `CaDiCaL (WebAssembly) aborted ${during} on ${this.numVars} variables and ${this.store.numClauses} clauses, ` +
            `most likely at its 2 GB memory limit${heap ? ` (heap ${Math.round(heap / 2 ** 20)} MB)` : ''}; ` +
            `${cadicalLimitText()}, less once search learns clauses; ` +
            `use a native solver for more (--backend external:NAME, e.g. external:kissat) ` +
            `[${[...moduleOutput.splice(0), msg].join(' ').trim()}]`,
        )
      : e instanceof Error
        ? e
        : new Error(msg);
    throw this.broken;
  }

  protected async run(assumptions: number[], budget: Budget): Promise<RunResult> {
    if (this.broken) throw this.broken;
    let vars = this.numVars;
    for (const a of assumptions) vars = Math.max(vars, Math.abs(a));
    const tooLarge = cadicalCapacityError(vars, this.store.numClauses, this.store.length - this.store.numClauses);
    if (tooLarge) throw tooLarge;
    try {
      this.feed();
    } catch (e) {
      this.onAbort(e, 'while adding clauses');
    }
    const progress = budget.onProgress ?? null;
    this.deadline = budget.timeoutMs !== undefined ? Date.now() + budget.timeoutMs : Infinity;
    this.progress = progress;
    this.progressError = null;
    this.learned = 0;
    this.nextProgress = Date.now() + PROGRESS_INTERVAL_MS;
    if ((budget.timeoutMs !== undefined || progress) && !this.terminateInstalled) {
      // CaDiCaL polls this throughout search (every 'terminateint' loop iterations).
      this.solver.setTerminate(() => this.poll());
      this.terminateInstalled = true;
    }
    if (progress) this.syncLearn(true);
    let res: string;
    try {
      res = this.solver.solve({
        assumptions,
        ...(budget.conflicts !== undefined ? { conflicts: Math.min(Math.floor(budget.conflicts), 2 ** 31 - 1) } : {}),
      });
    } catch (e) {
      this.onAbort(e, 'while solving');
    } finally {
      this.deadline = Infinity;
      this.progress = null;
      if (progress) this.syncLearn(false);
    }
    // Set by poll() during solve, which the type checker cannot see.
    const failed = this.progressError as { error: unknown } | null;
    if (failed) throw failed.error;
    progress?.({ conflicts: this.learned });
    if (res === 'satisfiable') return { status: 'sat', model: this.readModel(assumptions) };
    if (res === 'unsatisfiable') return { status: 'unsat', failed: assumptions.length ? this.solver.failedAssumptions() : [] };
    return { status: 'unknown' };
  }

  private readModel(assumptions: number[]): Uint8Array {
    let n = this.numVars;
    for (const a of assumptions) n = Math.max(n, Math.abs(a));
    const raw = this.mod as unknown as RawExports;
    const ptr = this.ptr;
    // CaDiCaL only answers for variables it knows; others are unconstrained (false).
    const known = typeof raw._ccadical_vars === 'function' && ptr !== undefined ? raw._ccadical_vars(ptr) : this.solver.vars();
    const model = new Uint8Array(n + 1);
    const top = Math.min(n, known);
    if (typeof raw._ccadical_val === 'function' && ptr !== undefined) {
      const val = raw._ccadical_val;
      for (let v = 1; v <= top; v++) model[v] = val(ptr, v) > 0 ? 1 : 0;
    } else {
      for (let v = 1; v <= top; v++) model[v] = this.solver.value(v) ? 1 : 0;
    }
    return model;
  }

  protected override release(): void {
    this.solver.dispose();
  }
}

/** A quiet CaDiCaL solver (the default backend). */
export function createCadical(options?: SolverOptions): Promise<CadicalSolver> {
  return CadicalSolver.create(options);
}

/**
 * CaDiCaL with DRUP_PROOF_OPTIONS, every clause it learns appended to `learned` (or passed
 * to it, when it is a function, which must copy what it keeps): on UNSAT, the clauses form a
 * DRUP proof of the clauses given to the solver (see the file header).
 */
export async function createProofCadical(learned: number[][] | ((clause: number[]) => void)): Promise<CadicalSolver> {
  const solver = await createCadical(DRUP_PROOF_OPTIONS);
  solver.onLearn(typeof learned === 'function' ? learned : (c) => learned.push(Array.from(c)));
  return solver;
}
