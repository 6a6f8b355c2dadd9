/**
 * Weight bounds that make bounded-integer encodings complete for real weights.
 *
 * A threshold unit with real weights that realizes a labelling of a finite set of points
 * can be rescaled to integer weights; these bounds say how large the integers must be.
 *
 *  - Boolean inputs (docs/format.md, "Deciding real weights exactly"): every threshold function of k Boolean inputs has
 *    an integer realization with max |w_i| <= W(k); W(1..7) = 1, 1, 2, 3, 5, 9, 18
 *    (exhaustively checked against the number of threshold functions, OEIS A000609; see
 *    tests/model/weight-bound.test.ts for k <= 4). For k >= 8 we use Muroga's bound
 *    (k+1)^((k+1)/2) / 2^k (Muroga, "Threshold Logic and its Applications", 1971).
 *    A dichotomy of a subset of the cube extends to a threshold function on the whole
 *    cube, so the bound holds for partial training sets too, and the threshold can be
 *    clipped to [-kW, kW + 1] (it only matters against sums in [-kW, kW]).
 *  - Integer inputs with |z_i| <= M: the margin system { w.z - t >= 0 (label 1),
 *    w.z - t <= -1 (label 0) } has integer coefficients of size <= max(M, 1) in k + 1
 *    unknowns. If it is feasible, a minimal face of its polyhedron holds a point whose
 *    coordinates are quotients of subdeterminants (Cramer's rule; Schrijver, "Theory of
 *    Linear and Integer Programming", 1986, section 8.5); multiplying by the |denominator|
 *    >= 1 keeps every constraint satisfied and gives integers bounded by the largest
 *    subdeterminant, which Hadamard's inequality bounds by (sqrt(k+1) * max(M,1))^(k+1).
 */

import { Rational } from './rational.js';
import type { IntegerRange } from './types.js';

const SMALL_W = [0, 1, 1, 2, 3, 5, 9, 18];

/**
 * Exact integer square root (floor) of a non-negative BigInt, by Newton's iteration from
 * above (a float start is only close for n < 2^104; stepping by 1 from it would not end).
 */
function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative number');
  if (n < 2n) return n;
  // Start at 2^ceil(bits/2) >= sqrt(n); Newton's steps decrease monotonically to floor(sqrt(n)).
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function ceilSqrt(n: bigint): bigint {
  const r = isqrt(n);
  return r * r === n ? r : r + 1n;
}

/** W(k): max |w_i| sufficient for every threshold function of k Boolean inputs. */
export function booleanWeightBound(k: number): bigint {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`fan-in must be a natural number, got ${k}`);
  if (k < SMALL_W.length) return BigInt(SMALL_W[k]);
  // ceil((k+1)^((k+1)/2) / 2^k) = ceil(ceilSqrt((k+1)^(k+1)) / 2^k)
  const root = ceilSqrt(BigInt(k + 1) ** BigInt(k + 1));
  const den = 1n << BigInt(k);
  return (root + den - 1n) / den;
}

/** Bound on |w_i| and |t| for k integer inputs of absolute value <= maxAbs (Hadamard). */
export function integerInputWeightBound(k: number, maxAbs: bigint): bigint {
  const m = maxAbs < 1n ? 1n : maxAbs;
  const r = BigInt(k + 1);
  // (sqrt(r) * m)^r = sqrt(r^r) * m^r
  return ceilSqrt(r ** r) * m ** r;
}

/**
 * Range of weights and threshold that is complete for real weights on k integer inputs of
 * absolute value <= maxAbs: every labelling of such points that some real w, t realize
 * (w.z >= t exactly on the 1-labelled points) is realized by integers in these ranges.
 *  - k = 0: the sum is 0; t = 0 gives all 1, t = 1 all 0.
 *  - k = 1: on a line a threshold function is constant, z >= c or z <= c. Constants are
 *    w = 0 with t = 0 or 1; z >= c is w = 1 with t the smallest 1-labelled z, z <= c is
 *    w = -1 with t = -(the largest 1-labelled z). So w in [-1, 1], t in [-M, M + 1]
 *    (M = max(maxAbs, 1)): the weight needs 2 bits instead of Hadamard's 2M^2.
 *  - k >= 2: Hadamard's bound for weights and threshold (integerInputWeightBound).
 */
export function integerInputRanges(k: number, maxAbs: bigint): { weight: [bigint, bigint]; threshold: [bigint, bigint] } {
  const m = maxAbs < 1n ? 1n : maxAbs;
  if (k === 0) return { weight: [0n, 0n], threshold: [0n, 1n] };
  if (k === 1) return { weight: [-1n, 1n], threshold: [-m, m + 1n] };
  const h = integerInputWeightBound(k, m);
  return { weight: [-h, h], threshold: [-h, h] };
}

/** Range of weights and threshold that is complete for real weights on Boolean inputs. */
export function booleanRanges(k: number): { weight: [bigint, bigint]; threshold: [bigint, bigint] } {
  const w = booleanWeightBound(k);
  const kw = BigInt(k) * w;
  return { weight: [-w, w], threshold: [-kw, kw + 1n] };
}

/**
 * What a threshold unit's inputs can be: 0/1 only, or integers with |z| <= maxAbs that are
 * the inputs scaled by `scale` (default 1), i.e. the inputs themselves have |z| <= maxAbs / scale.
 */
export type InputDomain = 'boolean' | { maxAbs: bigint; scale?: bigint };

/** floor(a / b) for b > 0 (BigInt division truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b > a ? q - 1n : q;
}

/**
 * The weighted sums w.z that integer weights in [min, max] can reach on k inputs of the
 * domain, scaled (the sum of s * z_i terms): per input the extremes of w * z over the weight
 * range and the input's values (0/1, or [-maxAbs, maxAbs]).
 */
export function reachableSums(k: number, weights: IntegerRange, inputs: InputDomain): { min: bigint; max: bigint } {
  const a = BigInt(weights.min);
  const b = BigInt(weights.max);
  if (inputs === 'boolean') {
    return { min: BigInt(k) * (a < 0n ? a : 0n), max: BigInt(k) * (b > 0n ? b : 0n) };
  }
  const absW = -a > b ? -a : b;
  const reach = BigInt(k) * absW * inputs.maxAbs;
  return { min: -reach, max: reach };
}

/**
 * The threshold range complete for `anyThreshold`: with sums S in [lo, hi] (unscaled:
 * the scaled sums divided by s), t <= floor(lo) makes every example 1 like t = floor(lo),
 * and t > hi makes every example 0 like t = floor(hi) + 1, so integer thresholds outside
 * [floor(lo), floor(hi) + 1] add no behaviour.
 */
export function anyThresholdRange(k: number, weights: IntegerRange, inputs: InputDomain): [bigint, bigint] {
  const { min, max } = reachableSums(k, weights, inputs);
  const s = inputs === 'boolean' ? 1n : (inputs.scale ?? 1n);
  return [floorDiv(min, s), floorDiv(max, s) + 1n];
}

/**
 * The box of integer weights and threshold a threshold unit is searched in: the declared
 * `integerWeights` range for the weights, and for the threshold too unless `anyThreshold`
 * (then anyThresholdRange over its k inputs); or else the range complete for real weights
 * on its k inputs (booleanRanges on 0/1 inputs; integerInputRanges on inputs scaled to
 * integers, where the threshold is that of the scaled sum).
 */
/**
 * The allowed integer nearest 0: the weight of an input that is 0 on every example (it adds
 * nothing whatever its weight) and of an idle unit.
 */
export function idleWeight(range: IntegerRange): bigint {
  return range.min > 0 ? BigInt(range.min) : range.max < 0 ? BigInt(range.max) : 0n;
}

export function completeBox(
  unit: { inputs: readonly string[]; integerWeights?: IntegerRange },
  inputs: InputDomain,
): { weight: [bigint, bigint]; threshold: [bigint, bigint] } {
  const iw = unit.integerWeights;
  const k = unit.inputs.length;
  if (iw) {
    const weight: [bigint, bigint] = [BigInt(iw.min), BigInt(iw.max)];
    return { weight, threshold: iw.anyThreshold ? anyThresholdRange(k, iw, inputs) : weight };
  }
  return inputs === 'boolean' ? booleanRanges(k) : integerInputRanges(k, inputs.maxAbs);
}

/**
 * The threshold range complete for the `anyThreshold` score units of a multi-class network
 * (an example is fitted iff its label's score w_c.z - t_c is strictly the largest). Let D
 * be the span of every class's reachable unscaled sums (max over c of the largest minus min
 * over c of the smallest) and d = ceil(D). Take any fitting parameters, m a class of least
 * threshold, a "winner" a class that is the label of a fitted example:
 *  - a winner a beats m on its example, so t_a - t_m < S_a - S_m <= D: t_a <= t_m + max(0, d - 1);
 *  - lowering the threshold of a class b that wins nothing to t_m + 2d + 1 keeps it below every
 *    winner a on a's examples: S_b - t_b <= U_b - t_m - 2d - 1 < L_a - t_m - max(0, d - 1) <= S_a - t_a;
 *  - adding one integer to every threshold changes no comparison.
 * So every fitting assignment has a counterpart with every t_c in [-d, d + 1].
 */
export function scoreThresholdRange(units: readonly { k: number; weights: IntegerRange; inputs: InputDomain }[]): [bigint, bigint] {
  let lo: Rational | undefined;
  let hi: Rational | undefined;
  for (const u of units) {
    const { min, max } = reachableSums(u.k, u.weights, u.inputs);
    const s = u.inputs === 'boolean' ? 1n : (u.inputs.scale ?? 1n);
    const a = Rational.of(min, s);
    const b = Rational.of(max, s);
    if (lo === undefined || a.cmp(lo) < 0) lo = a;
    if (hi === undefined || b.cmp(hi) > 0) hi = b;
  }
  if (lo === undefined || hi === undefined) return [0n, 1n];
  const span = hi.sub(lo);
  const d = -floorDiv(-span.num, span.den);
  return [-d, d + 1n];
}

