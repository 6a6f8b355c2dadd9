/**
 * Optimal weights for layered integer-weight networks (docs/format.md, "Objectives"):
 * among the parameters that fit every example, the fewest non-zero weights ('min-weights',
 * the min-weight objective of Toro Icarte, Illanes, Castro, Cire, McIlraith & Beck,
 * "Training Binarized Neural Networks using MIP and CP", CP 2019) or the largest margin
 * ('max-margin': the largest integer M such that on every example every threshold unit
 * clears its threshold by M, w.z - t >= M when it fires and w.z - t < -M when it does not,
 * and the label's score exceeds every other class's by more than M; networkMargin).
 *
 * Method (SAT-UNSAT linear search, e.g. the linear search of Eén & Sörensson's MiniSat+,
 * "Translating pseudo-Boolean constraints into SAT", JSAT 2006):
 *  1. a witness by `decide` (auto: the layerwise backend for these networks), checked;
 *  2. min-weights only: exact improvements that keep every unit's outputs (pruneWeights)
 *     and, per unit, the fewest weights that give the same outputs (./objective-units.ts);
 *  3. one incremental CaDiCaL on the bit-blasted CNF (src/encode/loading.ts; with a margin
 *     variable for max-margin, CircuitOptions.margin), the objective bounded by an
 *     assumption literal: "fewer non-zero weights than the best" (a totalizer over the
 *     non-zero indicators, or an adder sum when the totalizer would be large) or "margin
 *     above the best". Every model is decoded, checked by exact evaluation, and its value
 *     recomputed from the parameters (never read from the solver's counter); it becomes the
 *     new best. An unsatisfiable bound proves the best optimal.
 * With a budget, the best found and the best bound proved so far are returned, and
 * `optimal` is true only after that proof. Symmetry breaking between interchangeable
 * hidden units (src/encode/symmetry.ts) keeps the optimum: both objectives are invariant
 * under permuting hidden units (their weights move with them).
 */
import { decide } from '../decide.js';
import { encodeLoading, type LoadingEncoding } from '../encode/loading.js';
import type { Lit } from '../cnf/builder.js';
import { FALSE, TRUE } from '../cnf/builder.js';
import { geqConst, sum, type BitVec } from '../cnf/arith.js';
import { unaryCount } from '../cnf/cardinality.js';
import { InputError, VerificationError } from '../model/errors.js';
import { checkParameters } from '../model/evaluate.js';
import { layersOf } from '../model/layers.js';
import { validatedInstance } from '../model/parse.js';
import { Rational } from '../model/rational.js';
import type { Instance, Parameters, Status, ThresholdParams } from '../model/types.js';
import { createSolver, type UnknownReason } from '../solvers/index.js';
import { improveUnits } from './objective-units.js';
import { pruneWeights } from './objective-values.js';

export { networkMargin, nonzeroWeights, objectiveValue } from './objective-values.js';
import { networkMargin, nonzeroWeights } from './objective-values.js';

export type ObjectiveName = 'min-weights' | 'max-margin';
export const OBJECTIVE_NAMES: readonly ObjectiveName[] = ['min-weights', 'max-margin'];

/** How the count of non-zero weights is bounded in CNF. */
export type WeightCounter = 'totalizer' | 'adder' | 'auto';

/** Largest totalizer (indicator literals times the bound it counts up to) that 'auto' builds. */
export const TOTALIZER_AUTO_LIMIT = 200_000;

/** One improvement of the best value or of the bound. */
export interface ObjectiveStep {
  /**
   * What gave it: the witness, an exact improvement, a model of the CNF, or a proof (unsat);
   * for single-layer networks (./objective-ilp.ts) the integer program's checked point
   * ('ilp') or the exact bound from its relaxation's duals ('lp-dual').
   */
  by: 'witness' | 'prune' | 'units' | 'sat' | 'unsat' | 'ilp' | 'lp-dual';
  /** The best value found so far (null before the witness). */
  value: number | null;
  /** The best bound proved so far: lower for min-weights, upper for max-margin. */
  bound: number;
  /** Milliseconds since the start. */
  ms: number;
}

/** The objective part of the answer (`--json` key "objective"). */
export interface ObjectiveReport {
  name: ObjectiveName;
  /** The objective of the returned parameters, recomputed from them; null without parameters. */
  value: number | null;
  /** True only when the bound equals the value, i.e. optimality was proved. */
  optimal: boolean;
  /** The best bound proved: no fitting network has fewer non-zero weights / a larger margin. */
  bound: number | null;
  history: ObjectiveStep[];
}

export interface OptimizeOptions {
  /** Wall-clock budget in milliseconds for the whole run (witness included). */
  timeoutMs?: number;
  /** Symmetry breaking between interchangeable hidden units (default true). */
  symmetryBreaking?: boolean;
  /** min-weights: the CNF counter (default 'auto'). */
  counter?: WeightCounter;
  /** min-weights: the per-unit improvement step (default true). */
  unitSteps?: boolean;
  /** The backend of the witness search (`decide`; default auto). */
  backend?: string;
  /** Start from these parameters instead of a `decide` witness (they must fit). */
  start?: Parameters;
  /** Progress: the phase, the best value and bound, and the SAT search's counts. */
  onProgress?: (p: ObjectiveProgress) => void;
}

export interface ObjectiveProgress {
  phase: 'witness' | 'improving' | 'encoding' | 'searching';
  value?: number;
  bound?: number;
  vars?: number;
  clauses?: number;
  conflicts?: number;
  elapsedMs: number;
}

export interface OptimizeResult {
  status: Status;
  /** For trainable: the best parameters found (checked by exact evaluation). */
  parameters: Parameters | null;
  objective: ObjectiveReport;
  unknown?: UnknownReason;
  time_ms: number;
  stats: { witness_backend: string; witness_ms: number; vars?: number; clauses?: number; sat_calls: number; counter?: 'totalizer' | 'adder' };
}

/** Throws InputError unless the objectives apply: a layered integer-weight network fitting every example. */
export function checkObjectiveInstance(instance: Instance, name: string): void {
  if (!OBJECTIVE_NAMES.includes(name as ObjectiveName)) {
    throw new InputError(`unknown objective "${name}" (use ${OBJECTIVE_NAMES.join(' or ')})`, '--objective');
  }
  if (layersOf(instance.network) === null) {
    throw new InputError(`--objective ${name} needs a layered network with integer weights (the layered preset with "weights", docs/format.md)`, 'network');
  }
  if (instance.minCorrect !== undefined) {
    throw new InputError(`--objective ${name} optimizes networks that fit every example: drop minCorrect`, 'minCorrect');
  }
  if (name === 'max-margin') marginUpperBound(instance);
}

/**
 * An upper bound on the margin of every network that fits the instance: M < D, D = max over
 * output units of W * sum_i (max_e z_ei - min_e z_ei) (W = the largest |weight|; a hidden
 * unit's value spans 0..1), a bound on |w.z_e - w.z_f| for any two examples. With classes,
 * take e labelled a and f labelled b != a: (S_a(e) - S_b(e)) + (S_b(f) - S_a(f)) > 2M and
 * the thresholds cancel, so 2M < 2D; with one threshold output, e with y = 1 and f with
 * y = 0 give w.z_e - w.z_f > 2M. Without two such examples the margin is unbounded (a
 * constant network's threshold can be moved arbitrarily far): InputError.
 */
export function marginUpperBound(instance: Instance): bigint {
  const { network, examples } = instance;
  const layers = layersOf(network)!;
  const mixed =
    network.classes !== undefined
      ? new Set(examples.map((e) => e.label)).size >= 2
      : network.outputs.some((_, j) => examples.some((e) => e.y[j] === 1) && examples.some((e) => e.y[j] === 0));
  if (!mixed) throw new InputError('max-margin is unbounded unless two examples have different labels (a constant network can clear its thresholds by any margin)', 'examples');
  let d = Rational.ZERO;
  for (const unit of layers.output) {
    const w = unit.integerWeights!;
    const W = Rational.of(Math.max(Math.abs(w.min), Math.abs(w.max)));
    let span = Rational.ZERO;
    if (layers.hidden.length > 0) span = Rational.of(unit.inputs.length);
    else {
      for (let i = 0; i < network.inputs; i++) {
        let lo = examples[0].x[i];
        let hi = lo;
        for (const e of examples) {
          if (e.x[i].cmp(lo) < 0) lo = e.x[i];
          if (e.x[i].cmp(hi) > 0) hi = e.x[i];
        }
        span = span.add(hi.sub(lo));
      }
    }
    const s = W.mul(span);
    if (s.cmp(d) > 0) d = s;
  }
  // The largest integer M < d.
  const ceil = (d.num + d.den - 1n) / d.den;
  return ceil > 0n ? ceil - 1n : 0n;
}

/** Optimizes `name` over the parameters that fit `instance` (see the module comment). */
export async function optimize(input: Instance, name: ObjectiveName, opts: OptimizeOptions = {}): Promise<OptimizeResult> {
  const instance = validatedInstance(input);
  checkObjectiveInstance(instance, name);
  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  const left = () => (opts.timeoutMs === undefined ? undefined : Math.max(0, opts.timeoutMs - elapsed()));
  const expired = () => opts.timeoutMs !== undefined && elapsed() >= opts.timeoutMs;
  const report = opts.onProgress;
  const minimize = name === 'min-weights';
  const valueOfParams = (p: Parameters): number => {
    if (minimize) return nonzeroWeights(instance, p);
    const m = networkMargin(instance, p);
    if (m === null) throw new VerificationError('internal error: parameters that fit the instance have no margin');
    return m;
  };
  const upper = minimize ? undefined : Number(marginUpperBound(instance));
  let bound = minimize ? 0 : upper!;
  const history: ObjectiveStep[] = [];
  let best: Parameters | null = null;
  let bestValue: number | null = null;
  const stats: OptimizeResult['stats'] = { witness_backend: 'start', witness_ms: 0, sat_calls: 0 };
  // `ties`: parameters as good as the best replace it (the per-unit step: each unit at its own optimum).
  const record = (by: ObjectiveStep['by'], params: Parameters | null, ties = false) => {
    if (params) {
      const check = checkParameters(instance, params);
      if (!check.ok) throw new VerificationError(`internal error: the ${by} step of --objective ${name} gave parameters that fail exact evaluation (${check.correct}/${check.total} correct). Please report this instance.`);
      const v = valueOfParams(params);
      if (bestValue !== null && !(minimize ? v < bestValue : v > bestValue) && !(ties && v === bestValue)) return;
      best = params;
      bestValue = v;
    }
    history.push({ by, value: bestValue, bound, ms: Math.round(elapsed()) });
    report?.({ phase: by === 'sat' || by === 'unsat' ? 'searching' : 'improving', value: bestValue ?? undefined, bound, elapsedMs: elapsed() });
  };
  const done = (status: Status, unknown?: UnknownReason): OptimizeResult => ({
    status,
    parameters: status === 'trainable' ? best : null,
    objective: { name, value: status === 'trainable' ? bestValue : null, optimal: status === 'trainable' && bestValue === bound, bound: status === 'untrainable' ? null : bound, history },
    ...(unknown ? { unknown } : {}),
    time_ms: Math.round(elapsed()),
    stats,
  });

  // 1. A witness.
  if (opts.start) record('witness', opts.start);
  else {
    report?.({ phase: 'witness', elapsedMs: elapsed() });
    const w = await decide(instance, { backend: opts.backend, timeoutMs: left(), symmetryBreaking: opts.symmetryBreaking });
    stats.witness_backend = w.backend;
    stats.witness_ms = w.time_ms;
    if (w.status !== 'trainable') return done(w.status, w.unknown);
    record('witness', w.parameters);
  }
  const optimal = () => bestValue === bound;

  // 2. Exact improvements: pruning (min-weights), then each unit on its own.
  if (minimize && !optimal()) record('prune', pruneWeights(instance, best!));
  if (opts.unitSteps !== false && !optimal() && !expired()) {
    const deadline = opts.timeoutMs === undefined ? undefined : t0 + opts.timeoutMs;
    const improved = await improveUnits(instance, best!, name, { deadline, bound: upper === undefined ? undefined : BigInt(upper), optimize });
    if (improved) record('units', minimize ? pruneWeights(instance, improved) : improved, true);
  }
  if (optimal() || expired()) return done('trainable');

  // 3. The SAT-UNSAT search on one incremental CaDiCaL.
  report?.({ phase: 'encoding', value: bestValue!, bound, elapsedMs: elapsed() });
  const enc = encodeLoading(instance, { symmetryBreaking: opts.symmetryBreaking !== false, shareSums: true, ...(minimize ? {} : { margin: { max: BigInt(upper!) } }) });
  const b = enc.cnf;
  // The literal "the objective is better than `target`", or null when no network can be.
  let require: (target: number) => Lit | null;
  if (minimize) {
    const { lits, constant } = nonzeroIndicators(instance, enc);
    const room = bestValue! - constant;
    const counter = opts.counter === 'totalizer' || opts.counter === 'adder' ? opts.counter : lits.length * room <= TOTALIZER_AUTO_LIMIT ? 'totalizer' : 'adder';
    stats.counter = counter;
    if (counter === 'totalizer') {
      const atLeast = unaryCount(b, lits, Math.max(0, room));
      require = (target) => (target - constant < 0 ? null : target - constant < atLeast.length ? -atLeast[target - constant] : FALSE);
    } else {
      const total: BitVec = lits.length === 0 ? [] : sum(b, lits.map((l) => [l, FALSE]));
      require = (target) => (target - constant < 0 ? null : -geqConst(b, total, BigInt(target - constant + 1)));
    }
  } else {
    const margin = enc.margin!;
    require = (target) => (target > upper! ? null : geqConst(b, margin, BigInt(target)));
  }
  const solver = await createSolver('cadical');
  let sent = 0;
  const flush = () => {
    solver.addClauses(b.clauses.slice(sent));
    sent = b.clauses.length;
  };
  try {
    for (;;) {
      const target = minimize ? bestValue! - 1 : bestValue! + 1;
      const lit = require(target);
      if (lit === null) {
        bound = bestValue!;
        record('unsat', null);
        break;
      }
      flush();
      stats.vars = b.numVars;
      stats.clauses = b.clauses.length;
      if (expired()) return done('trainable');
      stats.sat_calls++;
      const size = { vars: b.numVars, clauses: b.clauses.length };
      report?.({ phase: 'searching', value: bestValue!, bound, ...size, elapsedMs: elapsed() });
      const r = await solver.solve({
        assumptions: [lit],
        timeoutMs: left(),
        ...(report ? { onProgress: (p) => report({ phase: 'searching', value: bestValue!, bound, ...size, ...p, elapsedMs: elapsed() }) } : {}),
      });
      if (r === 'unknown') return done('trainable');
      if (r === 'unsat') {
        bound = bestValue!;
        record('unsat', null);
        break;
      }
      let params = enc.decode((v) => solver.value(v));
      if (minimize) params = pruneWeights(instance, sparsestGroups(instance, enc, params));
      const before: number | null = bestValue;
      record('sat', params);
      if (bestValue === before) {
        // The encoding promised a strictly better value: a model that is not one is a bug.
        throw new VerificationError(`internal error: a model of the ${name} bound ${target} decoded to parameters with value ${valueOfParams(params)}. Please report this instance.`);
      }
      if (optimal()) break;
    }
  } finally {
    solver.dispose();
  }
  return done('trainable');
}

/**
 * Literals whose count plus `constant` is the number of non-zero weights of the decoded
 * parameters after sparsestGroups: per weight bit-vector "some bit set" (two's complement:
 * non-zero); per group of g inputs equal on every example (one integer W, their sum, in
 * [g lo, g hi]) the fewest non-zero members that sum to W, ceil(W / hi) for W > 0 and
 * ceil(-W / -lo) for W < 0, as the literals "W >= j hi + 1" and "W <= j lo - 1" for
 * j < g; weights fixed by the encoding (inputs 0 on every example: the idle weight) count
 * as their value says. Thresholds are not weights.
 */
function nonzeroIndicators(instance: Instance, enc: LoadingEncoding): { lits: Lit[]; constant: number } {
  const b = enc.cnf;
  const lits: Lit[] = [];
  let constant = 0;
  for (const unit of instance.network.units) {
    const bits = enc.parameterBits(unit.id);
    if (!bits || !('weights' in bits)) continue;
    const lo = BigInt(unit.integerWeights!.min);
    const hi = BigInt(unit.integerWeights!.max);
    const inGroup = new Set(bits.groups.flat());
    for (const members of bits.groups) {
      const W = bits.weights[members[0]];
      if (lo > 0n || hi < 0n) {
        constant += members.length;
        continue;
      }
      for (let j = 0n; j < BigInt(members.length); j++) {
        if (hi > 0n) lits.push(geqConst(b, W, j * hi + 1n));
        if (lo < 0n) lits.push(-geqConst(b, W, j * lo));
      }
    }
    // A weight is non-zero iff some bit of its two's complement is set (constants fold).
    bits.weights.forEach((w, i) => {
      if (!inGroup.has(i)) lits.push(b.or(w));
    });
  }
  return { lits: lits.filter((l) => l !== FALSE && l !== TRUE), constant: constant + lits.filter((l) => l === TRUE).length };
}

/**
 * The decoded parameters with every group of inputs equal on every example (which only
 * ever contributes the sum of its weights) split into the fewest non-zero weights: the
 * extreme allowed weight on as many members as needed, the rest of the sum on one more.
 */
function sparsestGroups(instance: Instance, enc: LoadingEncoding, params: Parameters): Parameters {
  const out: Parameters = { ...params };
  for (const unit of instance.network.units) {
    const bits = enc.parameterBits(unit.id);
    const p = params[unit.id] as ThresholdParams | undefined;
    if (!bits || !('weights' in bits) || !p || bits.groups.length === 0) continue;
    const lo = Rational.of(unit.integerWeights!.min);
    const hi = Rational.of(unit.integerWeights!.max);
    if (lo.num > 0n || hi.num < 0n) continue;
    const weights = [...p.weights];
    for (const members of bits.groups) {
      let rest = members.reduce((s, i) => s.add(weights[i]), Rational.ZERO);
      for (const i of members) {
        const take = rest.num > 0n ? (rest.cmp(hi) > 0 ? hi : rest) : rest.num < 0n ? (rest.cmp(lo) < 0 ? lo : rest) : Rational.ZERO;
        weights[i] = take;
        rest = rest.sub(take);
      }
    }
    out[unit.id] = { ...p, weights };
  }
  return out;
}
