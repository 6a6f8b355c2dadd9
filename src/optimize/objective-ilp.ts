/**
 * The objectives of docs/format.md ("Objectives") for a layered integer-weight network
 * without hidden layers (score units with `classes`, or threshold outputs), as an integer
 * linear program solved by HiGHS, with optimality proved in exact arithmetic.
 *
 * Without hidden layers every example gives linear rows in the weights, so the objective is
 * an integer program (the MIP view of Toro Icarte et al., "Training Binarized Neural Networks
 * using MIP and CP", CP 2019, restricted to one layer):
 *  - columns: per output unit u, an integer weight w_uj in [a, b] for each input j that is
 *    non-zero on some example (the others take the allowed value nearest 0, docs/format.md),
 *    an integer threshold t_u, for max-margin an integer margin M in [0, marginUpperBound],
 *    and for min-weights (when 0 lies in [a, b]) a binary z_uj with a z_uj <= w_uj <= b z_uj,
 *    so w_uj != 0 forces z_uj = 1; the objective is sum z (min-weights) or -M (max-margin);
 *  - rows, with D the common denominator of an example's inputs (so every row is integer
 *    and a strict inequality is ">= 1"): with classes, for an example of label l and every
 *    other class c, D (score_l - score_c) - D M >= 1 (score_l - score_c > M); a threshold
 *    output that must fire: D (w.x - t) - D M >= 0, one that must not: D (w.x - t) + D M <= -1.
 *    For min-weights, M is the constant `minMargin` (0: fitted), the second stage of a
 *    lexicographic objective (largest margin, then fewest weights at that margin, as in
 *    Bernardelli, Gualandi, Lau & Milanesi, "The BeMi Stardust", LION 2023).
 *  - an any-integer threshold is boxed to |t| <= 4R + Mmax + 2, R = the largest |w.x| on an
 *    example (sum over inputs of the largest |weight| times the largest |x_j|): this loses no
 *    network. With classes, thresholds matter only through differences, and shifting all
 *    by one integer keeps every row; two classes that label examples have thresholds less
 *    than 2R apart (each row with M >= 0), so after a shift these lie in [0, 2R); a class
 *    labelling no example only appears as "the other class", where raising its threshold
 *    keeps every row and any t >= 4R + M + 1 satisfies them, so it can be clipped into
 *    [0, 4R + M + 1]. A threshold output with both labels has |t| <= R + M; with one label,
 *    moving t away from the sums keeps every row, and R + M + 1 beyond them is enough.
 *
 * HiGHS's point is rounded to integers and checked by exact evaluation (checkParameters);
 * its value is recomputed from the parameters. Optimality is never taken from HiGHS's
 * status: the relaxation's duals give an exact bound (src/mip/linear-program.ts, dualBound),
 * rounded to an integer (the objective is integer), and `optimal` is claimed only when that
 * bound equals the value found. HiGHS's own status is reported beside it.
 */
import { dualBound, type LinearProgram, type LpColumn, type LpRow } from '../mip/linear-program.js';
import { solveWithHighs } from '../mip/highs-program.js';
import { checkParameters } from '../model/evaluate.js';
import { InputError } from '../model/errors.js';
import { layersOf } from '../model/layers.js';
import { validatedInstance } from '../model/parse.js';
import { lcm, Rational } from '../model/rational.js';
import type { Instance, Parameters, Status, Unit } from '../model/types.js';
import type { UnknownReason } from '../solvers/types.js';
import { checkObjectiveInstance, marginUpperBound, type ObjectiveName, type ObjectiveReport, type ObjectiveStep } from './objective.js';
import { networkMargin, nonzeroWeights } from './objective-values.js';

export interface SingleLayerOptions {
  /** Wall-clock budget in milliseconds for the integer program and its relaxation together. */
  timeoutMs?: number;
  /** min-weights only: the margin every network must keep (default 0: fit every example). */
  minMargin?: number;
}

export interface SingleLayerResult {
  /** trainable: checked parameters found; unknown: none (HiGHS's budget, failure or claim of no point). */
  status: Extract<Status, 'trainable' | 'unknown'>;
  parameters: Parameters | null;
  objective: ObjectiveReport & { minMargin?: number };
  /** HiGHS's status on the integer program, a claim only (optimality is `objective.optimal`). */
  solverStatus: string;
  unknown?: UnknownReason;
  time_ms: number;
  stats: { columns: number; rows: number; ilp_ms: number; lp_ms: number };
}

/** True when the network is layered with integer weights and has no hidden layer. */
export function isSingleLayer(instance: Instance): boolean {
  const layers = layersOf(instance.network);
  return layers !== null && layers.hidden.length === 0;
}

/** The program of the module comment and how to read parameters back from its point. */
export interface SingleLayerProgram {
  lp: LinearProgram;
  /** Weights fixed outside the program that count as non-zero (min-weights). */
  constant: number;
  decode(value: (j: number) => number): Parameters;
}

const floorOf = (r: Rational): bigint => {
  const q = r.num / r.den;
  return q * r.den > r.num ? q - 1n : q;
};
const ceilDiv = (r: Rational): bigint => -floorOf(r.neg());

/** The allowed integer nearest 0 in [a, b]. */
const idleWeight = (a: number, b: number): number => (a > 0 ? a : b < 0 ? b : 0);

/** Builds the program of the module comment (`name`, with `minMargin` for min-weights). */
export function singleLayerProgram(instance: Instance, name: ObjectiveName, minMargin = 0): SingleLayerProgram {
  const { network, examples } = instance;
  const layers = layersOf(network);
  if (layers === null || layers.hidden.length > 0) throw new InputError('the integer program needs a layered integer-weight network without hidden layers', 'network');
  const units = layers.output;
  const n = network.inputs;
  const active = Array.from({ length: n }, (_, j) => j).filter((j) => examples.some((e) => e.x[j].num !== 0n));
  const scale = examples.map((e) => e.x.reduce((d, v) => lcm(d, v.den), 1n));
  const abs = (v: Rational) => (v.num < 0n ? v.neg() : v);
  const maxAbs = active.map((j) => examples.reduce((m, e) => (abs(e.x[j]).cmp(m) > 0 ? abs(e.x[j]) : m), Rational.ZERO));
  let R = Rational.ZERO;
  for (const u of units) {
    const W = Rational.of(Math.max(Math.abs(u.integerWeights!.min), Math.abs(u.integerWeights!.max)));
    const s = maxAbs.reduce((acc, v) => acc.add(W.mul(v)), Rational.ZERO);
    if (s.cmp(R) > 0) R = s;
  }
  const marginMax = name === 'max-margin' ? marginUpperBound(instance) : BigInt(minMargin);
  const tBox = 4n * ceilDiv(R) + marginMax + 2n;

  const columns: LpColumn[] = [];
  const rows: LpRow[] = [];
  const objective: [number, bigint][] = [];
  const add = (c: LpColumn) => columns.push(c) - 1;
  let constant = 0;
  const w: number[][] = [];
  const t: number[] = [];
  units.forEach((u: Unit) => {
    const { min: a, max: b, anyThreshold } = u.integerWeights!;
    w.push(
      active.map(() => {
        const col = add({ lo: BigInt(a), hi: BigInt(b), integer: true });
        if (name === 'min-weights') {
          if (a < b && a <= 0 && b >= 0) {
            const z = add({ lo: 0n, hi: 1n, integer: true });
            rows.push({ terms: [[col, 1n], [z, -BigInt(b)]], sense: '<=', rhs: 0n });
            rows.push({ terms: [[col, 1n], [z, -BigInt(a)]], sense: '>=', rhs: 0n });
            objective.push([z, 1n]);
          } else if (a > 0 || b < 0 || a === b) {
            if (a !== 0 || b !== 0) constant++;
          }
        }
        return col;
      }),
    );
    if (idleWeight(a, b) !== 0) constant += n - active.length;
    t.push(add(anyThreshold ? { lo: -tBox, hi: tBox, integer: true } : { lo: BigInt(a), hi: BigInt(b), integer: true }));
  });
  const margin = name === 'max-margin' ? add({ lo: 0n, hi: marginMax, integer: true }) : -1;
  if (margin >= 0) objective.push([margin, -1n]);
  const fixedMargin = BigInt(minMargin);

  // The terms sum_j D x_j w_uj - D t_u of unit k on example e, times `sign`.
  const linear = (k: number, e: number, sign: bigint): [number, bigint][] => {
    const D = scale[e];
    const x = examples[e].x;
    const terms: [number, bigint][] = [];
    active.forEach((j, i) => {
      if (x[j].num !== 0n) terms.push([w[k][i], (sign * D * x[j].num) / x[j].den]);
    });
    terms.push([t[k], -sign * D]);
    return terms;
  };
  examples.forEach((e, ei) => {
    const D = scale[ei];
    if (network.classes !== undefined) {
      const l = e.label!;
      units.forEach((_, c) => {
        if (c === l) return;
        const terms = [...linear(l, ei, 1n), ...linear(c, ei, -1n)];
        if (margin >= 0) terms.push([margin, -D]);
        rows.push({ terms, sense: '>=', rhs: 1n + D * fixedMargin });
      });
    } else {
      units.forEach((_, k) => {
        const terms = linear(k, ei, 1n);
        if (e.y[k] === 1) {
          if (margin >= 0) terms.push([margin, -D]);
          rows.push({ terms, sense: '>=', rhs: D * fixedMargin });
        } else {
          if (margin >= 0) terms.push([margin, D]);
          rows.push({ terms, sense: '<=', rhs: -1n - D * fixedMargin });
        }
      });
    }
  });

  const decode = (value: (j: number) => number): Parameters => {
    const params: Parameters = {};
    units.forEach((u, k) => {
      const { min: a, max: b } = u.integerWeights!;
      const round = (col: number) => {
        const c = columns[col];
        const v = BigInt(Math.round(value(col)));
        return Rational.of(v < c.lo ? c.lo : v > c.hi ? c.hi : v);
      };
      const weights = Array.from({ length: n }, () => Rational.of(idleWeight(a, b)));
      active.forEach((j, i) => (weights[j] = round(w[k][i])));
      params[u.id] = { weights, threshold: round(t[k]) };
    });
    return params;
  };
  return { lp: { columns, rows, objective }, constant, decode };
}

/** Optimizes `name` over the networks that fit `input` (and keep `minMargin`) by the module comment's method. */
export async function optimizeSingleLayer(input: Instance, name: ObjectiveName, opts: SingleLayerOptions = {}): Promise<SingleLayerResult> {
  const instance = validatedInstance(input);
  checkObjectiveInstance(instance, name);
  if (!isSingleLayer(instance)) throw new InputError('the integer program needs a layered integer-weight network without hidden layers', 'network');
  const minMargin = name === 'min-weights' ? (opts.minMargin ?? 0) : 0;
  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  const left = () => (opts.timeoutMs === undefined ? undefined : Math.max(1, opts.timeoutMs - elapsed()));
  const program = singleLayerProgram(instance, name, minMargin);
  const { lp, constant } = program;
  const history: ObjectiveStep[] = [];
  const minimize = name === 'min-weights';
  const trivial = minimize ? 0 : Number(marginUpperBound(instance));
  let bound = trivial;
  let value: number | null = null;
  let parameters: Parameters | null = null;

  // The integer program: a point, rounded and checked.
  const budget = left();
  const ilp = await solveWithHighs(lp, { timeLimitMs: budget === undefined ? undefined : budget * 0.75 });
  if (ilp.value) {
    const params = program.decode(ilp.value);
    const margin = networkMargin(instance, params);
    if (margin !== null && margin >= minMargin) {
      parameters = params;
      value = minimize ? nonzeroWeights(instance, params) : margin;
    }
  }
  history.push({ by: 'ilp', value, bound, ms: Math.round(elapsed()) });

  // The relaxation's duals: an exact bound.
  let lpMs = 0;
  if (parameters) {
    const relaxed = await solveWithHighs(lp, { relax: true, timeLimitMs: left() });
    lpMs = relaxed.ms;
    if (relaxed.status === 'Optimal') {
      const b = dualBound(lp, relaxed.dual);
      const proved = minimize ? Number(ceilDiv(b)) + constant : Number(floorOf(b.neg()));
      if (minimize ? proved > value! : proved < value!) {
        throw new Error(`internal error: the exact dual bound ${proved} contradicts the checked ${name} value ${value}`);
      }
      if (minimize ? proved > bound : proved < bound) bound = proved;
      history.push({ by: 'lp-dual', value, bound, ms: Math.round(elapsed()) });
    }
  }
  const report = { name, value, optimal: value !== null && value === bound, bound, history, ...(minMargin > 0 ? { minMargin } : {}) };
  const stats = { columns: lp.columns.length, rows: lp.rows.length, ilp_ms: Math.round(ilp.ms), lp_ms: Math.round(lpMs) };
  if (!parameters) {
    const claim = ilp.status === 'Infeasible' ? 'HiGHS claims no network fits (floating point, not certified)' : `HiGHS stopped with status ${ilp.status} without a point that passes exact evaluation`;
    const kind: UnknownReason['kind'] = ilp.status === 'Time limit reached' ? 'budget' : ilp.value ? 'precision' : 'solver';
    return { status: 'unknown', parameters: null, objective: { ...report, bound: null }, solverStatus: ilp.status, unknown: { kind, message: claim }, time_ms: Math.round(elapsed()), stats };
  }
  if (!checkParameters(instance, parameters).ok) throw new Error('internal error: parameters of the integer program fail exact evaluation after they passed it');
  return { status: 'trainable', parameters, objective: report, solverStatus: ilp.status, time_ms: Math.round(elapsed()), stats };
}
