/**
 * Exact best fit: the largest k such that some parameters get k examples fully right,
 * with evidence both ways: parameters fitting k examples (evaluated exactly,
 * src/model/evaluate.ts) and a proof that k + 1 cannot be fitted (an `untrainable`
 * answer on the instance with `minCorrect: k + 1`).
 *
 * Why: a "no" from the loading problem says nothing about how close the best network
 * gets. This is Judd's approximate loading ("Neural Network Design and the Complexity of
 * Learning", 1990: fit at least k of the examples) turned into an optimisation problem,
 * i.e. MaxSAT with one soft constraint per example (the example is fully correct) over
 * the hard constraints of the network.
 *
 * Algorithm. "At least k examples correct" is a cardinality constraint over the
 * per-example `correct` literals of the circuit encoder (src/encode/circuit.ts). One
 * totalizer over them (Bailleux & Boufkhad, "Efficient CNF encoding of Boolean cardinality
 * constraints", CP 2003; src/cnf/cardinality.ts `unaryCount`, fully defined, so its j-th
 * output is "at least j correct") turns each bound into one literal, and a single
 * incremental solver decides the bounds in turn, keeping what it learned:
 * The search starts with the plain decision (every example must fit; the first step of
 * an UNSAT-SAT search): a trainable instance is settled at the decision's cost, and an
 * untrainable one has the bound m - 1, often the optimum, which the search below then
 * reaches with SAT answers only. Then:
 *  - 'linear' (SAT-UNSAT, the default): solve; each model fits k' examples (counted
 *    exactly); require k' + 1 as a unit clause; the first UNSAT proves k' optimal. The
 *    linear search of MaxSAT solvers such as SAT4J and QMaxSAT (Le Berre & Parrain, "The
 *    Sat4j library, release 2.2", JSAT 2010; Koshimura et al., "QMaxSAT", JSAT 2012).
 *  - 'binary' (SAT and hybrid backends): bisection between the best fit found and the best
 *    bound proved, each middle bound an assumption; a SAT answer raises the lower bound to
 *    the exact count and an UNSAT one becomes a unit clause "fewer than mid" (Fu & Malik,
 *    "On solving the partial MAX-SAT problem", SAT 2006, and Marques-Silva & Planes,
 *    "Algorithms for maximum satisfiability using unsatisfiable cores", DATE 2008, discuss
 *    both searches and the core-guided ones built on them).
 * On the hybrid backend (real weights) the skeleton and its CDCL engine stay open between
 * bounds (src/exact/hybrid.ts HybridFitSession), so its certified theory lemmas are
 * reused; it takes a kept bound as a unit clause and binary search's middle bounds as
 * assumptions. Backends without an incremental interface (highs, layerwise) run the
 * same linear search with `decide` (src/decide.ts) on `{...instance, minCorrect: k}`.
 * For networks with an output-normal-form site (src/exact/output-normal-form.ts) the hybrid
 * search runs on the AND and the NAND variant in turn, the second starting above the first
 * one's best: a set of examples is fitted by the network iff it is fitted by one variant.
 *
 * Never a wrong answer: every model's parameters are evaluated exactly and the count that
 * evaluation gives is the lower bound (a model fitting fewer than its bound is an internal
 * error); an upper bound comes only from an UNSAT answer; a budget that runs out leaves
 * the bounds proved so far, `optimal` only when they meet.
 */
import { decide, chooseBackend, VerificationError } from '../decide.js';
import { encodeLoading } from '../encode/loading.js';
import { unaryCount } from '../cnf/cardinality.js';
import { checkParameters } from '../model/evaluate.js';
import { validatedInstance } from '../model/parse.js';
import type { Instance, Parameters, Status } from '../model/types.js';
import type { UnknownReason } from '../solvers/types.js';

export type MaxFitStrategy = 'linear' | 'binary';
export const MAX_FIT_STRATEGIES: readonly MaxFitStrategy[] = ['linear', 'binary'];

export interface MaxFitOptions {
  /** As for decide: 'auto' (default), 'hybrid', a SAT backend, 'highs', 'layerwise'. */
  backend?: string;
  /** Wall-clock budget in milliseconds for the whole search. */
  timeoutMs?: number;
  symmetryBreaking?: boolean;
  /** 'linear' or 'binary' (bisection; every backend); default binary on the hybrid, linear elsewhere. */
  strategy?: MaxFitStrategy;
  /** Called whenever a bound improves. */
  onBound?: (bound: FitBound) => void;
}

/** The bounds proved at one moment: some parameters fit `lower` examples, none fit `upper + 1`. */
export interface FitBound {
  lower: number;
  upper: number;
  time_ms: number;
}

export interface MaxFitResult {
  /**
   * About fitting every example: 'trainable' when all fit, 'untrainable' once fewer than
   * all are proved to be the most (upper < total), else 'unknown'.
   */
  status: Status;
  /** The most examples fitted by parameters found (checked). */
  best: number;
  /** The best upper bound proved: no parameters fit upper + 1 examples. */
  upper: number;
  /** best === upper: the optimum, proved both ways. */
  optimal: boolean;
  /** The number of examples. */
  total: number;
  /** Parameters fitting `best` examples (null only when the budget ran out before any model). */
  parameters: Parameters | null;
  /** The examples those parameters get wrong (0-based). */
  missed: number[];
  /** Every improvement of the bounds, in order. */
  bounds: FitBound[];
  /** The backend that ran (what 'auto' stood for). */
  backend: string;
  /** The search that ran: 'linear' or 'binary', with the engine ('incremental' or 'decide'); 'decision' when the plain decision settled it. */
  method: string;
  /** Solver calls. */
  solves: number;
  time_ms: number;
  /** Why the search stopped before the optimum, when it did. */
  unknown?: UnknownReason;
}

/** The answer of one bound query. */
type BoundAnswer = { status: 'sat'; parameters: Parameters | null } | { status: 'unsat' } | { status: 'unknown'; unknown?: UnknownReason };

/**
 * One engine deciding "at least k examples correct" for the bounds a search asks about.
 * `query(k, keep)`: with keep, the bound is permanent (asked only when every later query
 * is at least k); without, an assumption. `forbid(k)` makes "at least k" permanently false.
 */
interface BoundEngine {
  readonly incremental: boolean;
  readonly assumptions: boolean;
  query(k: number, keep: boolean, deadline: number): Promise<BoundAnswer>;
  forbid(k: number): void;
  dispose(): void;
}

const SAT_BACKENDS = (b: string) => b === 'cadical' || b === 'minisat' || b.startsWith('external:');

/** The backend 'auto' stands for here: as for a `minCorrect` instance (hybrid for real weights, else CaDiCaL). */
function maxFitBackend(instance: Instance, requested: string): string {
  return requested === 'auto' ? chooseBackend({ ...instance, minCorrect: 0 }) : requested;
}

/** The bit-blasted CNF of the instance, a totalizer over its correct literals, on one SAT solver. */
async function satEngine(instance: Instance, backend: string, symmetryBreaking: boolean): Promise<BoundEngine> {
  const { createSolver } = await import('../solvers/index.js');
  const enc = encodeLoading({ ...instance, minCorrect: 0 }, { symmetryBreaking, shareSums: true });
  const count = unaryCount(enc.cnf, enc.correct);
  const solver = await createSolver(backend);
  solver.addClauses(enc.cnf.clauses);
  return {
    incremental: true,
    assumptions: true,
    async query(k, keep, deadline) {
      const lit = k > 0 ? count[k - 1] : undefined;
      if (lit !== undefined && keep) solver.addClause([lit]);
      const timeoutMs = Number.isFinite(deadline) ? Math.max(0, deadline - performance.now()) : undefined;
      const r = await solver.solve({ timeoutMs, assumptions: lit !== undefined && !keep ? [lit] : [] });
      if (r === 'sat') return { status: 'sat', parameters: enc.decode((v) => solver.value(v)) };
      if (r === 'unsat') return { status: 'unsat' };
      return { status: 'unknown', unknown: solver.unknownReason() ?? undefined };
    },
    forbid(k) {
      if (k > 0) solver.addClause([-count[k - 1]]);
    },
    dispose: () => solver.dispose(),
  };
}

/** The hybrid procedure kept open (HybridFitSession): bounds as unit clauses or as assumptions. */
async function hybridEngine(instance: Instance, symmetryBreaking: boolean): Promise<BoundEngine> {
  const { HybridFitSession } = await import('../exact/hybrid.js');
  const session = new HybridFitSession(instance, { symmetryBreaking });
  return {
    incremental: true,
    assumptions: true,
    async query(k, keep, deadline) {
      if (keep) session.require(k);
      const r = keep ? session.solve(deadline) : session.solve(deadline, k);
      if (r === 'sat') return { status: 'sat', parameters: session.parameters };
      return r === 'unsat' ? { status: 'unsat' } : { status: 'unknown' };
    },
    forbid: (k) => session.forbid(k),
    dispose() {},
  };
}

/** `decide` on `{...instance, minCorrect: k}`, one fresh run per bound. */
function decideEngine(instance: Instance, backend: string, symmetryBreaking: boolean): BoundEngine {
  return {
    incremental: false,
    assumptions: true,
    async query(k, _keep, deadline) {
      const timeoutMs = Number.isFinite(deadline) ? Math.max(0, deadline - performance.now()) : undefined;
      const r = await decide({ ...instance, minCorrect: k }, { backend, timeoutMs, symmetryBreaking });
      if (r.status === 'trainable') return { status: 'sat', parameters: r.parameters };
      if (r.status === 'untrainable') return { status: 'unsat' };
      return { status: 'unknown', unknown: r.unknown };
    },
    forbid() {},
    dispose() {},
  };
}

/** The state of a search shared by its variants: the best parameters and the bounds. */
class FitRecord {
  best = 0;
  parameters: Parameters | null = null;
  missed: number[] = [];
  readonly bounds: FitBound[] = [];
  solves = 0;
  unknown?: UnknownReason;

  constructor(
    private readonly instance: Instance,
    private readonly t0: number,
    private readonly onBound?: (b: FitBound) => void,
  ) {}

  /** Takes a model's parameters, claimed to fit at least k examples: the exact count, or an internal error. */
  accept(parameters: Parameters | null, k: number, backend: string): number {
    const check = parameters ? checkParameters({ ...this.instance, minCorrect: k }, parameters) : null;
    if (!check?.ok) {
      const what = check ? `parameters fitting ${check.correct} examples${check.violations.length ? ` (${check.violations.join('; ')})` : ''}` : 'no parameters';
      throw new VerificationError(`internal error: the ${backend} backend claimed at least ${k} examples fitted with ${what}. No answer is printed. Please report this instance.`);
    }
    if (this.parameters === null || check.correct > this.best) {
      this.best = check.correct;
      this.parameters = parameters;
      this.missed = check.failures.map((f) => f.example);
    }
    return check.correct;
  }

  note(upper: number): void {
    const last = this.bounds[this.bounds.length - 1];
    if (last && last.lower === this.best && last.upper === upper) return;
    const b = { lower: this.best, upper, time_ms: Math.round(performance.now() - this.t0) };
    this.bounds.push(b);
    this.onBound?.(b);
  }
}

/**
 * One search on one engine, above the best fit already recorded (found by another engine
 * or variant) and up to `top` (no parameters fit top + 1, already proved): returns the
 * upper bound it proved for this engine's network (`top` when it proved none).
 */
async function searchEngine(
  engine: BoundEngine,
  strategy: MaxFitStrategy,
  rec: FitRecord,
  top: number,
  deadline: number,
  backend: string,
  upperElsewhere: () => number,
  complete: (p: Parameters) => Parameters,
): Promise<number> {
  let lo = rec.parameters === null ? -1 : rec.best; // -1: no model yet
  let hi = top;
  const binary = strategy === 'binary' && engine.assumptions;
  while (lo < hi) {
    // Linear: the next bound above the best; binary: the middle once a model is known.
    const k = lo < 0 ? 0 : binary ? Math.ceil((lo + 1 + hi) / 2) : lo + 1;
    const keep = !binary || k === lo + 1;
    rec.solves++;
    const r = await engine.query(k, keep, deadline);
    if (r.status === 'unknown') {
      rec.unknown = r.unknown;
      return hi;
    }
    if (r.status === 'unsat') {
      hi = k - 1;
      if (binary) engine.forbid(k);
    } else {
      lo = Math.max(lo, rec.accept(r.parameters && complete(r.parameters), k, backend));
      lo = Math.max(lo, rec.best);
    }
    rec.note(Math.max(hi, upperElsewhere()));
  }
  return hi;
}

/** The largest number of examples some parameters fit, with the bounds proved (see the file comment). */
export async function maxFit(input: Instance, opts: MaxFitOptions = {}): Promise<MaxFitResult> {
  // The file's own minCorrect does not matter here: the search is over every bound.
  const { minCorrect: _bound, ...all } = input;
  const instance = validatedInstance(all);
  const backend = maxFitBackend(instance, opts.backend ?? 'auto');
  // Default: bisection on the hybrid, whose open engine takes assumptions and where the
  // linear search's steps of one example each are costly; SAT-UNSAT elsewhere.
  const strategy = opts.strategy ?? (backend === 'hybrid' ? 'binary' : 'linear');
  const symmetryBreaking = opts.symmetryBreaking !== false;
  const total = instance.examples.length;
  const t0 = performance.now();
  const deadline = opts.timeoutMs === undefined ? Infinity : t0 + opts.timeoutMs;
  const rec = new FitRecord(instance, t0, opts.onBound);

  // The networks searched: the instance, or its output-normal-form variants on the hybrid.
  let variants: { instance: Instance; gate?: { unit: string; params: Parameters[string] } }[] = [{ instance }];
  if (backend === 'hybrid') {
    const { findNormalFormSite, withGate, GATE_PARAMS } = await import('../exact/output-normal-form.js');
    const site = findNormalFormSite(instance);
    if (site) variants = site.order.map((gate) => ({ instance: withGate(instance, site, gate), gate: { unit: site.unit.id, params: GATE_PARAMS[gate] } }));
  }
  // First the plain decision (every example), the first step of an UNSAT-SAT search: it
  // settles trainable instances at the decision's cost, and on untrainable ones the bound
  // m - 1 it proves is often the optimum, which the search then reaches with SAT answers only.
  let top = total;
  rec.solves++;
  const plain = await decide(instance, { backend, timeoutMs: opts.timeoutMs, symmetryBreaking });
  if (plain.status === 'trainable') rec.accept(plain.parameters, total, backend);
  if (plain.status === 'untrainable') top = total - 1;
  if (plain.status !== 'unknown') rec.note(top);
  const uppers = variants.map(() => top);
  let engineKind = '';
  let searched: MaxFitStrategy = 'linear';
  for (let i = 0; i < variants.length && !(rec.parameters !== null && rec.best >= top) && performance.now() <= deadline; i++) {
    const v = variants[i];
    const engine = backend === 'hybrid' ? await hybridEngine(v.instance, symmetryBreaking) : SAT_BACKENDS(backend) ? await satEngine(v.instance, backend, symmetryBreaking) : decideEngine(v.instance, backend, symmetryBreaking);
    engineKind = engine.incremental ? 'incremental' : 'decide';
    if (strategy === 'binary' && engine.assumptions) searched = 'binary';
    // A variant's parameters are the original network's with the gate's weights at its site.
    const gate = v.gate;
    const complete = gate ? (p: Parameters): Parameters => ({ ...p, [gate.unit]: gate.params }) : (p: Parameters) => p;
    try {
      uppers[i] = await searchEngine(engine, strategy, rec, top, deadline, backend, () => Math.max(...uppers.map((u, j) => (j === i ? -1 : u))), complete);
    } finally {
      engine.dispose();
    }
    if (rec.unknown !== undefined || performance.now() > deadline) break;
  }
  const upper = rec.best === top && rec.parameters !== null ? top : Math.max(rec.parameters === null ? 0 : rec.best, ...uppers);
  rec.note(upper);
  const optimal = rec.parameters !== null && rec.best === upper;
  const status: Status = rec.parameters !== null && rec.best === total ? 'trainable' : upper < total ? 'untrainable' : 'unknown';
  const unknown = optimal ? undefined : (rec.unknown ?? (opts.timeoutMs !== undefined ? { kind: 'budget' as const, message: `the time budget (${opts.timeoutMs / 1000} s) ran out before the best fit was proved` } : undefined));
  return {
    status,
    best: rec.best,
    upper,
    optimal,
    total,
    parameters: rec.parameters,
    missed: rec.parameters === null ? [] : rec.missed,
    bounds: rec.bounds,
    backend,
    method: engineKind ? `${searched} (${engineKind})` : 'decision',
    solves: rec.solves,
    time_ms: Math.round(performance.now() - t0),
    ...(unknown ? { unknown } : {}),
  };
}
