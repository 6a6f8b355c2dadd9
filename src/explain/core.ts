/**
 * Why an instance is untrainable: a minimal untrainable core of examples, i.e. a set of
 * examples that no parameters fit together while every proper subset can be fitted.
 * Minimality needs only the single deletions: fittability is monotone (parameters that fit
 * a set fit each of its subsets), so if every core-minus-one-example is fittable, so is
 * every proper subset.
 *
 * The core is the analogue of a minimal unsatisfiable subset (MUS) of clauses with
 * examples in the role of clauses, and it is found the way MUSes are, with an oracle
 * "can these examples be fitted together?". Two oracles:
 *
 * Incremental (the hybrid backend, CaDiCaL, MiniSat): one engine kept open, a selector
 * literal per example (the encoder's per-example `correct` literal), each question a solve
 * under the assumptions "these examples are correct" (src/exact/hybrid.ts
 * HybridSubsetSession; the SAT solvers' assumptions and failedAssumptions(),
 * src/solvers/types.ts). Clauses learned and certified theory lemmas carry over from one
 * question to the next, and a refutation names the assumptions it used: a subset of the
 * examples that is itself untrainable. The search, after the MUS extractors built on
 * assumption-based SAT solvers (Marques-Silva & Lynce, "On Improving MUS Extraction
 * Algorithms", SAT 2011; Belov & Marques-Silva, "MUSer2", JSAT 2012):
 *  1. Solve with every example assumed: fitted: trainable (checked exactly); refuted: the
 *     failed assumptions are the first core (usually far smaller than the instance),
 *     re-solved under itself while that shrinks it.
 *  2. Deletion filter with clause-set refinement: for each example e of the core C, solve
 *     C minus e; fitted: e is necessary and the parameters are its witness; refuted: C
 *     becomes the failed subset of C minus e (every example outside it is dropped at once).
 *     A kept witness that misfits no example of C but e settles e without a solve (the
 *     witness-reuse counterpart of model rotation, Marques-Silva & Lynce 2011).
 *  3. The final core is decided afresh by `decide` (with certify, by the certified
 *     decision), so its `untrainable` rests on the backend's own checked answer.
 *
 * By `decide` (the other backends: highs, layerwise, external solvers; and under a
 * decision budget, whose first decision is always the whole instance's), on sub-instances
 * made of a subset of the examples, every `trainable` answer on the way checked exactly
 * there:
 *  1. The whole instance is decided. Trainable: no core. Unknown: no core.
 *  2. Grow a small untrainable set cheaply, counterexample-guided: start from no examples;
 *     while the set S is trainable with parameters P, add examples P misfits (P fits
 *     every example of S, so at least one of the rest is misfitted, as the whole instance
 *     is untrainable): the first ceil(|S|/3) + 1 of them in index order, so S grows
 *     geometrically and the steps are few. Only examples the fitted network gets wrong
 *     are added, so S stays smaller than the instance, and its decisions are on smaller
 *     sub-instances. Every P is kept as a witness, with the examples it misfits.
 *  3. Deletion filter over S (the basic deletion-based MUS algorithm, Bakker et al. 1993,
 *     Chinneck & Dravnieks 1991 for infeasible linear systems): for each example e of the
 *     current core C, C minus e is decided; untrainable: e is dropped; trainable: e is
 *     necessary (transition example), and the parameters found fit C minus e. Witnesses
 *     are consulted first as above. In particular an example added alone in the last
 *     step of 2 is necessary by the witness of the step before.
 *
 * Evidence, checked before returning: the last `untrainable` decision was made on exactly
 * the core's examples, and for every core example a witness is evaluated exactly, example
 * by example (checkParameters), on the core minus that example. `minimal` is true only
 * when every core example has such a witness; a budget that runs out (timeoutMs,
 * maxDecisions) returns the last core a decision refuted with `minimal: false` (or
 * `unknown` when the incremental oracle has refuted a core that no decision has yet).
 */
import { chooseBackend, decide, VerificationError, type DecideResult } from '../decide.js';
import type { DrupProof } from '../exact/certificate.js';
import type { HybridProof, SubsetAnswer } from '../exact/hybrid.js';
import { encodeLoading } from '../encode/loading.js';
import { InputError } from '../model/errors.js';
import { checkParameters } from '../model/evaluate.js';
import { validatedInstance } from '../model/parse.js';
import type { Instance, Parameters } from '../model/types.js';
import type { UnknownReason } from '../solvers/types.js';

export interface ExplainOptions {
  /** The backend of every decision ('auto' by default; see DecideOptions.backend). */
  backend?: string;
  /** Wall-clock budget of the whole explanation, in milliseconds. */
  timeoutMs?: number;
  /** At most this many decisions (a budget counted in oracle calls; tests use it). */
  maxDecisions?: number;
  symmetryBreaking?: boolean;
  /**
   * Decide the final core once more with a recorded proof (DecideOptions.certify), so the
   * result carries a certificate for the core instance (`coreInstance`).
   */
  certify?: boolean;
  /**
   * The whole instance's decision, when the caller has already made it (solve --core): an
   * `untrainable` answer of decide on this instance, so step 1 is skipped.
   */
  decided?: DecideResult;
  /** Called after every decision: what is being done, and the core so far. */
  onProgress?: (progress: ExplainProgress) => void;
}

export interface ExplainProgress {
  phase: 'deciding' | 'growing' | 'minimising' | 'certifying';
  /** Examples in the current candidate set (growing) or core (minimising). */
  size: number;
  decisions: number;
  elapsedMs: number;
}

/** The decision that showed the core alone untrainable. */
export interface UntrainableEvidence {
  backend: string;
  time_ms: number;
}

/** For one core example: parameters fitting the core without it (checked exactly). */
export interface FitEvidence {
  example: number;
  parameters: Parameters;
}

export interface ExplainResult {
  status: 'trainable' | 'untrainable' | 'unknown';
  /** 0-based example indices of the original instance, ascending (untrainable only). */
  core: number[] | null;
  /** Every core example has a checked witness in `fits` (dropping any one is fittable). */
  minimal: boolean;
  /** For `trainable`: the whole instance's parameters (checked by decide). */
  parameters: Parameters | null;
  /** The core alone is untrainable: the decision that said so (null when no core). */
  untrainable: UntrainableEvidence | null;
  /** Per core example with a witness, in core order. */
  fits: FitEvidence[];
  /** The core as an instance of its own (examples in core order). */
  coreInstance: Instance | null;
  /** With `certify`, when the core's certified decision answered: its proof. */
  certificate?: HybridProof | DrupProof;
  /** The backend the whole instance was decided with. */
  backend: string;
  decisions: number;
  time_ms: number;
  /** Why there is no core, or why the core is not known to be minimal. */
  unknown?: UnknownReason;
}

/** The instance restricted to the given examples, in the given order. */
export function subInstance(instance: Instance, examples: readonly number[], name?: string): Instance {
  const { expected: _expected, ...rest } = instance;
  return { ...rest, ...(name !== undefined ? { name } : {}), examples: examples.map((e) => instance.examples[e]) };
}

interface Witness {
  parameters: Parameters;
  /** Misfitted[e]: the parameters get example e wrong. */
  misfitted: boolean[];
}

class BudgetOut extends Error {
  constructor(readonly reason: UnknownReason) {
    super(reason.message);
  }
}

/** Questions "can these examples be fitted together?" on one instance, on an engine kept open. */
interface SubsetOracle {
  solve(examples: readonly number[], deadline: number): Promise<SubsetAnswer>;
  dispose(): void;
}

/**
 * The incremental oracle for the backend the whole instance was decided with: the hybrid
 * session (src/exact/hybrid.ts HybridSubsetSession), or CaDiCaL / MiniSat on the
 * bit-blasted encoding with a selector per example (the encoder's `correct` literals,
 * src/encode/loading.ts, built as for `minCorrect: 0`) under assumptions, failed
 * assumptions read back with `failedAssumptions()` (src/solvers/types.ts). Null for the
 * other backends (highs, layerwise, external solvers): they go through `decide`.
 */
async function openOracle(instance: Instance, backend: string, symmetryBreaking: boolean): Promise<SubsetOracle | null> {
  if (backend === 'hybrid') {
    const { HybridSubsetSession } = await import('../exact/hybrid.js');
    const session = new HybridSubsetSession(instance, { symmetryBreaking });
    return { solve: async (examples, deadline) => session.solve(examples, deadline), dispose() {} };
  }
  if (backend !== 'cadical' && backend !== 'minisat') return null;
  const { createSolver } = await import('../solvers/index.js');
  const enc = encodeLoading({ ...instance, minCorrect: 0 }, { symmetryBreaking });
  const solver = await createSolver(backend);
  solver.addClauses(enc.cnf.clauses);
  return {
    async solve(examples, deadline) {
      // One assumption per distinct selector (examples sharing one stand or fall together).
      const exampleOf = new Map<number, number>();
      for (const e of examples) if (!exampleOf.has(enc.correct[e])) exampleOf.set(enc.correct[e], e);
      const timeoutMs = Number.isFinite(deadline) ? Math.max(0, deadline - performance.now()) : undefined;
      const r = await solver.solve({ timeoutMs, assumptions: [...exampleOf.keys()] });
      if (r === 'sat') return { status: 'sat', parameters: enc.decode((v) => solver.value(v)) };
      if (r === 'unsat') {
        const failed = new Set(solver.failedAssumptions());
        return { status: 'unsat', failed: [...exampleOf].filter(([l]) => failed.has(l)).map(([, e]) => e) };
      }
      return { status: 'unknown', unknown: solver.unknownReason() ?? undefined };
    },
    dispose: () => solver.dispose(),
  };
}

export async function explainUntrainable(input: Instance, opts: ExplainOptions = {}): Promise<ExplainResult> {
  const instance = validatedInstance(input);
  if (instance.minCorrect !== undefined) {
    throw new InputError('explain needs every example to be fitted; an instance with minCorrect (approximate loading) has no core of examples', 'minCorrect');
  }
  const m = instance.examples.length;
  const t0 = performance.now();
  const deadline = opts.timeoutMs === undefined ? Infinity : t0 + opts.timeoutMs;
  let decisions = 0;
  let phase: ExplainProgress['phase'] = 'deciding';
  let size = m;
  const report = () => opts.onProgress?.({ phase, size, decisions, elapsedMs: performance.now() - t0 });

  /** One decision on a subset of the examples; throws BudgetOut when the budget is spent. */
  const decideOn = async (examples: readonly number[], certify = false): Promise<DecideResult> => {
    if (opts.maxDecisions !== undefined && decisions >= opts.maxDecisions) {
      throw new BudgetOut({ kind: 'budget', message: `the decision budget (${opts.maxDecisions}) ran out` });
    }
    const left = deadline - performance.now();
    if (left <= 0) throw new BudgetOut({ kind: 'budget', message: `the time budget (${opts.timeoutMs! / 1000} s) ran out` });
    decisions++;
    const r = await decide(subInstance(instance, examples), {
      backend: opts.backend,
      symmetryBreaking: opts.symmetryBreaking,
      certify,
      ...(Number.isFinite(left) ? { timeoutMs: Math.max(1, Math.floor(left)) } : {}),
    });
    report();
    if (r.status === 'unknown') throw new BudgetOut(r.unknown ?? { kind: 'budget', message: 'the decision stopped without an answer' });
    return r;
  };

  const all = Array.from({ length: m }, (_, e) => e);
  const result = (r: Partial<ExplainResult> & Pick<ExplainResult, 'status' | 'backend'>): ExplainResult => ({
    core: null,
    minimal: false,
    parameters: null,
    untrainable: null,
    fits: [],
    coreInstance: null,
    ...r,
    decisions,
    time_ms: Math.round(performance.now() - t0),
  });

  if (opts.decided !== undefined && opts.decided.status !== 'untrainable') throw new Error('explainUntrainable: `decided` must be an untrainable answer');
  const requested = opts.backend ?? 'auto';
  let backend = opts.decided?.backend ?? (requested === 'auto' ? chooseBackend(instance) : requested);
  const symmetryBreaking = opts.symmetryBreaking !== false;
  // The whole instance's decision: made by the incremental oracle itself when there is one
  // (its refutation is sound, and the core it leads to is decided afresh at the end), or
  // by `decide` (always under a decision budget, so a budget of one decision still
  // reports the whole instance as a decided core).
  let oracle = opts.decided === undefined && opts.maxDecisions === undefined ? await openOracle(instance, backend, symmetryBreaking) : null;
  let whole: DecideResult | null = opts.decided ?? null;
  let firstCore: number[] | null = null;
  let wholeSolveMs = 0;
  try {
    if (oracle) {
      if (performance.now() >= deadline) throw new BudgetOut({ kind: 'budget', message: `the time budget (${opts.timeoutMs! / 1000} s) ran out` });
      decisions++;
      const ts = performance.now();
      const r = await oracle.solve(all, deadline);
      wholeSolveMs = performance.now() - ts;
      report();
      if (r.status === 'unknown') throw new BudgetOut(r.unknown ?? { kind: 'budget', message: `the time budget (${opts.timeoutMs! / 1000} s) ran out` });
      if (r.status === 'sat') {
        oracle.dispose();
        const check = checkParameters(instance, r.parameters);
        if (!check.ok) throw new VerificationError(`internal error: the ${backend} session's parameters for the whole instance fail exact evaluation (${check.violations.join('; ')}). No answer is printed. Please report this instance.`);
        return result({ status: 'trainable', backend, parameters: r.parameters });
      }
      firstCore = r.failed;
    } else {
      whole ??= await decideOn(all);
      backend = whole.backend;
      if (whole.status === 'trainable') return result({ status: 'trainable', backend, parameters: whole.parameters });
      oracle = await openOracle(instance, backend, symmetryBreaking);
    }
  } catch (e) {
    oracle?.dispose();
    if (e instanceof BudgetOut) return result({ status: 'unknown', backend, unknown: e.reason });
    throw e;
  }

  // The best core so far, and the decision that showed it untrainable (none yet when the
  // oracle made the whole instance's decision).
  let core = all;
  let coreDecision: UntrainableEvidence | null = whole && { backend: whole.backend, time_ms: whole.time_ms };
  const witnesses: Witness[] = [];
  /** Keeps parameters as a witness, evaluated exactly on the examples `over` (the others count as misfitted). */
  const addWitness = (parameters: Parameters, over: readonly number[] = all): Witness => {
    const misfitted = new Array<boolean>(m).fill(true);
    for (const e of over) misfitted[e] = !checkParameters({ ...instance, examples: [instance.examples[e]] }, parameters).ok;
    const w = { parameters, misfitted };
    witnesses.push(w);
    return w;
  };
  /** A kept witness that misfits no example of `set` but `e`. */
  const witnessWithout = (set: readonly number[], e: number): Witness | undefined => witnesses.find((w) => set.every((f) => f === e || !w.misfitted[f]));

  const fitsOf = new Map<number, Witness>();
  let stopped: UnknownReason | undefined;
  // The set the last `decide` showed untrainable; the incremental path's core is decided once more at the end.
  let decidedCore: number[] | null = whole ? core : null;
  /**
   * Deletion filter over the core, in the given order: each example not settled by a kept
   * witness is asked about by `without(core minus it)`, which returns a refuted subset of
   * it (the new core) or a witness that fits it.
   */
  const deletionFilter = async (order: readonly number[], without: (rest: number[]) => Promise<number[] | Witness>): Promise<void> => {
    phase = 'minimising';
    for (const e of order) {
      if (!core.includes(e)) continue;
      size = core.length;
      const kept = witnessWithout(core, e);
      if (kept) {
        fitsOf.set(e, kept);
        continue;
      }
      const r = await without(core.filter((f) => f !== e));
      if (Array.isArray(r)) core = r;
      else fitsOf.set(e, r);
    }
  };
  try {
    if (oracle) {
      // Under a time budget, time is kept for the final decision of the core (which is
      // what lets a budget-stopped search report a core): four times the whole instance's
      // refutation, at most half of what is left.
      const now = performance.now();
      const searchDeadline = deadline - Math.min(4 * wholeSolveMs, (deadline - now) / 2);
      /** One solve under the assumptions "these examples are fitted"; one decision of the budget (one is kept for the final decision). */
      const ask = async (examples: readonly number[]): Promise<Exclude<SubsetAnswer, { status: 'unknown' }>> => {
        if (opts.maxDecisions !== undefined && decisions >= opts.maxDecisions - 1) {
          throw new BudgetOut({ kind: 'budget', message: `the decision budget (${opts.maxDecisions}) ran out` });
        }
        if (performance.now() >= searchDeadline) throw new BudgetOut({ kind: 'budget', message: `the time budget (${opts.timeoutMs! / 1000} s) ran out` });
        decisions++;
        const r = await oracle.solve(examples, searchDeadline);
        report();
        if (r.status === 'unknown') throw new BudgetOut(r.unknown ?? { kind: 'budget', message: `the time budget (${opts.timeoutMs! / 1000} s) ran out` });
        return r;
      };
      /**
       * The parameters of a 'sat' answer on `examples` as a witness over the core, checked
       * to fit them: evaluated exactly here, or, for the examples asked about, by the
       * session's own exact evaluation when it reports one (`checked`).
       */
      const witnessFor = ({ parameters, checked }: { parameters: Parameters; checked?: boolean }, examples: readonly number[]): Witness => {
        const asked = new Set(checked ? examples : []);
        const w = addWitness(parameters, core.filter((f) => !asked.has(f)));
        for (const f of asked) w.misfitted[f] = false;
        if (examples.some((f) => w.misfitted[f])) throw new VerificationError(`internal error: the ${backend} session's parameters for ${examples.length} examples fail exact evaluation on them. No answer is printed. Please report this instance.`);
        return w;
      };
      const refuted = (r: SubsetAnswer, what: string): number[] => {
        if (r.status !== 'unsat') throw new VerificationError(`internal error: ${what} was refuted and then fitted. No answer is printed. Please report this instance.`);
        return r.failed;
      };
      // A first core: the failed assumptions of the whole instance, shrunk while
      // re-solving under them gives fewer (each is refuted, so each smaller one is a core).
      phase = 'growing';
      size = m;
      let first = firstCore ?? refuted(await ask(all), 'the whole instance');
      while (first.length < core.length) {
        core = first;
        size = core.length;
        first = refuted(await ask(core), 'a core');
      }
      // Deletion filter on the same engine, with clause-set refinement: a refuted
      // core minus e is replaced by its failed assumptions (Marques-Silva & Lynce 2011).
      await deletionFilter([...core], async (rest) => {
        const r = await ask(rest);
        return r.status === 'unsat' ? r.failed : witnessFor(r, rest);
      });
    } else {
      // Grow: examples a fitted network gets wrong, until no parameters fit them all.
      phase = 'growing';
      const grown: number[] = [];
      for (;;) {
        size = grown.length;
        const r = await decideOn(grown);
        if (r.status === 'untrainable') {
          core = [...grown];
          decidedCore = core;
          coreDecision = { backend: r.backend, time_ms: r.time_ms };
          break;
        }
        const w = addWitness(r.parameters!);
        if (!w.misfitted.some((bad) => bad)) {
          throw new VerificationError('internal error: parameters fit every example of an instance decided untrainable. No answer is printed. Please report this instance.');
        }
        // Geometric growth: about a third of the set's size per step, so O(log m) steps.
        grown.push(...all.filter((e) => w.misfitted[e]).slice(0, Math.ceil(grown.length / 3) + 1));
      }
      // Deletion filter, last-added first (the last step's witness may already settle them).
      await deletionFilter([...core].reverse(), async (rest) => {
        const r = await decideOn(rest);
        if (r.status !== 'untrainable') return addWitness(r.parameters!);
        decidedCore = rest;
        coreDecision = { backend: r.backend, time_ms: r.time_ms };
        return rest;
      });
    }
  } catch (e) {
    if (!(e instanceof BudgetOut)) throw e;
    stopped = e.reason;
  } finally {
    oracle?.dispose();
  }

  // The incremental path's core is decided afresh (with certify, the certified decision
  // below does it); should that not finish, the last core a decision refuted is reported.
  let certificate: HybridProof | DrupProof | undefined;
  if (core !== decidedCore) {
    phase = opts.certify ? 'certifying' : 'deciding';
    size = core.length;
    try {
      const r = await decideOn([...core].sort((a, b) => a - b), opts.certify);
      if (r.status !== 'untrainable') throw new VerificationError(`internal error: a core refuted by the ${backend} session was decided ${r.status}. No answer is printed. Please report this instance.`);
      decidedCore = core;
      coreDecision = { backend: r.backend, time_ms: r.time_ms };
      certificate = r.certificate;
    } catch (e) {
      if (!(e instanceof BudgetOut)) throw e;
      stopped ??= e.reason;
      if (decidedCore === null) return result({ status: 'unknown', backend, unknown: e.reason });
      core = decidedCore;
      // Witnesses fit a smaller core minus their example, not necessarily this one.
      fitsOf.clear();
    }
  }

  // Witnesses kept from before a deletion still fit the smaller core minus their example.
  for (const e of core) {
    if (fitsOf.has(e)) continue;
    const w = witnessWithout(core, e);
    if (w) fitsOf.set(e, w);
  }
  const sorted = [...core].sort((a, b) => a - b);
  const coreInstance = subInstance(instance, sorted, `${instance.name ?? 'instance'}-core`);
  const fits: FitEvidence[] = [];
  for (const e of sorted) {
    const w = fitsOf.get(e);
    if (!w) continue;
    // A witness's misfitted flags are exact evaluations (checkParameters) example by
    // example, so they show it fitting the core without e; with nothing left to fit, the
    // parameters themselves are checked.
    const rest = sorted.filter((f) => f !== e);
    const ok = rest.length > 0 ? rest.every((f) => !w.misfitted[f]) : checkParameters(subInstance(instance, rest), w.parameters).ok;
    if (!ok) throw new VerificationError(`internal error: the witness for core example ${e} fails exact evaluation on the core without it. No answer is printed. Please report this instance.`);
    fits.push({ example: e, parameters: w.parameters });
  }
  const minimal = fits.length === sorted.length;

  if (opts.certify && !certificate) {
    phase = 'certifying';
    size = sorted.length;
    try {
      const r = await decideOn(sorted, true);
      if (r.status !== 'untrainable') throw new VerificationError(`internal error: the core was decided untrainable, then ${r.status}. No answer is printed. Please report this instance.`);
      certificate = r.certificate;
    } catch (e) {
      if (!(e instanceof BudgetOut)) throw e;
      stopped ??= e.reason;
    }
  }
  return result({
    status: 'untrainable',
    backend,
    core: sorted,
    minimal,
    untrainable: coreDecision,
    fits,
    coreInstance,
    ...(certificate ? { certificate } : {}),
    ...(stopped && (!minimal || (opts.certify && !certificate)) ? { unknown: stopped } : {}),
  });
}
