/**
 * The `minisat` backend: MiniSat as shipped inside logic-solver (compiled to asm.js by
 * Emscripten, with a fixed 64 MB heap), used for differential testing against CaDiCaL.
 *
 * logic-solver's public API speaks formulas, not clauses, so this backend drives the
 * compiled MiniSat module (`logic-solver/minisat.js`) directly: clauses are written into its
 * heap and passed to its `addClause`, the same entry point logic-solver's own wrapper uses.
 * Its `solveAssuming` takes one positive variable, so assumptions go through a fresh
 * selector variable s (clauses ¬s ∨ a for each assumption, solve assuming s, then retire
 * s); user variables are mapped to MiniSat variables so selectors never collide with
 * variables added later.
 *
 * The heap cannot grow: a formula that does not fit makes the module abort. The abort is
 * caught (and its console output suppressed), the module is discarded, and the caller gets
 * a SolverCapacityError instead of a crash.
 *
 * MiniSat here has no conflict budget and cannot be interrupted. A `timeoutMs` budget is
 * honoured by solving in a worker thread that is terminated when the deadline passes
 * ('unknown'; a worker that dies before the deadline is an error, not a timeout); without
 * a timeout, solving is in-process and incremental. `conflicts` is
 * ignored (the answer is then exact, never a guess).
 *
 * The engine is kept as plain JavaScript source (MINISAT_ENGINE) so the very same code runs
 * in-process and in the worker, whatever transpiler loaded this file.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { StoredClauseSolver, budgetReason, type Budget, type RunResult } from './base.js';
import { MINISAT_LIMITS } from './capacity.js';
import { SolverCapacityError } from './types.js';
import { MAX_TIMER_MS } from './clauses.js';

/** Emscripten module factory of logic-solver's MiniSat. */
type MinisatFactory = () => unknown;

interface MinisatEngine {
  /** Adds flat, 0-terminated clauses over user variables. */
  add(flat: Int32Array, from: number): void;
  /** Solves under user-literal assumptions. */
  solve(assumptions: number[]): boolean;
  /** model[v] = 1 iff user variable v is true, for v in 1..maxVar. */
  model(maxVar: number): Uint8Array;
}

type CreateEngine = (factory: MinisatFactory) => MinisatEngine;

/**
 * The engine, as source of a function returning `createEngine`. An abort of the module
 * surfaces as an Error with `capacity: true`; after it the engine refuses all calls.
 */
const MINISAT_ENGINE = `
return function createEngine(factory) {
  var C = factory();
  // abort() prints through these before throwing; keep stdout clean.
  C.print = function () {};
  C.printErr = function () {};
  var dead = null;
  function guard(f) {
    if (dead) throw dead;
    try {
      return f();
    } catch (e) {
      if (typeof e === 'string' && e.indexOf('abort(') === 0) {
        dead = new Error('MiniSat aborted: its fixed 64 MB heap is exhausted');
        dead.capacity = true;
        throw dead;
      }
      throw e;
    }
  }
  guard(function () { C._createTheSolver(); });
  var lastModel = null;             // MiniSat's model after the last 'sat', by MiniSat variable
  // user variable -> MiniSat variable (1-based), 0 = none: dense below DENSE, sparse above
  var DENSE = 1 << 22;
  var map = new Int32Array(1024);
  var sparse = new Map();
  var next = 1;
  var bufCap = 0;
  var buf = 0;
  function internal(v) {
    if (v >= DENSE) {
      var sv = sparse.get(v);
      if (sv === undefined) { sv = next++; sparse.set(v, sv); }
      return sv;
    }
    if (v >= map.length) {
      var cap = map.length;
      while (cap <= v) cap *= 2;
      var nm = new Int32Array(cap);
      nm.set(map);
      map = nm;
    }
    var iv = map[v];
    if (iv === 0) { iv = next++; map[v] = iv; }
    return iv;
  }
  function clauseBuffer(len) {
    if (len > bufCap) {
      if (buf) C._free(buf);
      bufCap = Math.max(64, len * 2);
      buf = C._malloc(bufCap * 4);
      if (!buf) throw 'abort() malloc';
    }
    return buf;
  }
  function addInternal(lits) {
    var p = clauseBuffer(lits.length + 1) >> 2;
    var H = C.HEAP32;
    for (var i = 0; i < lits.length; i++) H[p + i] = lits[i];
    H[p + lits.length] = 0;
    C._addClause(p << 2);
  }
  return {
    add: function (flat, from) {
      guard(function () {
        var lits = [];
        for (var j = from; j < flat.length; j++) {
          var l = flat[j];
          if (l === 0) { addInternal(lits); lits.length = 0; }
          else lits.push(l > 0 ? internal(l) : -internal(-l));
        }
        if (lits.length) addInternal(lits);
      });
    },
    solve: function (assumptions) {
      return guard(function () {
        lastModel = null;
        if (assumptions.length === 0) {
          var r0 = C._solve() ? true : false;
          lastModel = r0 ? readModel() : null;
          return r0;
        }
        var s = next++;
        C._ensureVar(s);
        for (var i = 0; i < assumptions.length; i++) {
          var a = assumptions[i];
          addInternal([-s, a > 0 ? internal(a) : -internal(-a)]);
        }
        var r = C._solveAssuming(s) ? true : false;
        lastModel = r ? readModel() : null;
        C._retireVar(s);
        return r;
      });
    },
    model: function (maxVar) {
      var sol = lastModel || new Uint8Array(0);
      var out = new Uint8Array(maxVar + 1);
      for (var v = 1; v <= maxVar && v < map.length; v++) {
        var iv = map[v];
        if (iv !== 0 && iv <= sol.length) out[v] = sol[iv - 1];
      }
      sparse.forEach(function (iv, v) {
        if (v <= maxVar && iv <= sol.length) out[v] = sol[iv - 1];
      });
      return out;
    },
  };
  function readModel() {
    var n = C._getNumVars();
    var p = C._getSolution();
    var out = new Uint8Array(n);
    var H = C.HEAP8;
    for (var i = 0; i < n; i++) out[i] = H[p + i] === 0 ? 1 : 0;   // 0 is l_True
    return out;
  }
};
`;

const requireCjs = createRequire(import.meta.url);
let engineFactory: CreateEngine | null = null;
let minisatFactory: MinisatFactory | null = null;

function loadEngine(): { createEngine: CreateEngine; factory: MinisatFactory } {
  if (!engineFactory) engineFactory = new Function(MINISAT_ENGINE)() as CreateEngine;
  if (!minisatFactory) minisatFactory = requireCjs('logic-solver/minisat.js') as MinisatFactory;
  return { createEngine: engineFactory, factory: minisatFactory };
}

/** Worker body: build a fresh engine, solve once, post the answer back. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const createEngine = new Function(workerData.engine)();
const factory = require(workerData.factoryPath);
parentPort.once('message', (msg) => {
  try {
    const eng = createEngine(factory);
    eng.add(msg.flat, 0);
    const sat = eng.solve(msg.assumptions);
    const model = sat ? eng.model(msg.maxVar) : null;
    parentPort.postMessage({ sat, model });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e), capacity: !!(e && e.capacity) });
  }
});
`;

export class MinisatSolver extends StoredClauseSolver {
  readonly name = 'minisat';
  private engine: MinisatEngine | null = null;
  private fed = 0;
  private broken: Error | null = null;

  private capacityError(during: string): SolverCapacityError {
    return new SolverCapacityError(
      `the minisat backend (MiniSat in logic-solver, fixed 64 MB heap) ran out of memory ${during} ` +
        `(${this.store.maxVar} variables, ${this.store.numClauses} clauses; it holds ${MINISAT_LIMITS}); use --backend cadical for formulas this large`,
    );
  }

  protected async run(assumptions: number[], budget: Budget): Promise<RunResult> {
    if (this.broken) throw this.broken;
    if (budget.timeoutMs !== undefined) return this.runInWorker(assumptions, budget.timeoutMs);
    const { createEngine, factory } = loadEngine();
    let stage = 'while adding clauses';
    try {
      if (!this.engine) this.engine = createEngine(factory);
      this.engine.add(this.store.flat, this.fed);
      this.fed = this.store.flat.length;
      stage = 'while solving';
      const sat = this.engine.solve(assumptions);
      if (!sat) return { status: 'unsat' };
      let n = this.numVars;
      for (const a of assumptions) n = Math.max(n, Math.abs(a));
      return { status: 'sat', model: this.engine.model(n) };
    } catch (e) {
      if ((e as { capacity?: boolean })?.capacity) {
        this.engine = null;
        this.broken = this.capacityError(stage);
        throw this.broken;
      }
      throw e;
    }
  }

  /** One-shot solve in a worker thread, terminated at the deadline. */
  private async runInWorker(assumptions: number[], timeoutMs: number): Promise<RunResult> {
    let n = this.numVars;
    for (const a of assumptions) n = Math.max(n, Math.abs(a));
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { engine: MINISAT_ENGINE, factoryPath: requireCjs.resolve('logic-solver/minisat.js') },
    });
    const flat = this.store.flat.slice();
    try {
      return await new Promise<RunResult>((resolve, reject) => {
        const timer = setTimeout(() => resolve({ status: 'unknown', reason: budgetReason({ timeoutMs }) }), Math.min(timeoutMs, MAX_TIMER_MS));
        worker.once('message', (msg: { sat?: boolean; model?: Uint8Array | null; error?: string; capacity?: boolean }) => {
          clearTimeout(timer);
          if (msg.error !== undefined) {
            reject(msg.capacity ? this.capacityError('while solving') : new Error(`minisat worker failed: ${msg.error}`));
          } else if (msg.sat) {
            resolve({ status: 'sat', model: msg.model ?? new Uint8Array(0) });
          } else {
            resolve({ status: 'unsat' });
          }
        });
        // A worker that dies (out of memory, a crash) is a failure, not a budget that ran out.
        worker.once('error', (e) => {
          clearTimeout(timer);
          reject(new Error(`the minisat worker failed: ${e.message}`));
        });
        worker.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`the minisat worker exited (code ${code}) without an answer`));
        });
        worker.postMessage({ flat, assumptions, maxVar: n }, [flat.buffer]);
      });
    } finally {
      await worker.terminate();
    }
  }

  protected override release(): void {
    this.engine = null;
  }
}

/** A MiniSat solver (logic-solver's asm.js build). */
export async function createMinisat(): Promise<MinisatSolver> {
  return new MinisatSolver();
}
