/**
 * A floating-point point of the LP encoding (src/encode/lp.ts), as a MIP solver returns
 * it, turned into exact network parameters and checked by exact evaluation. The
 * weight-box ladder (./ladder.ts) decodes every solver's point with it, so HiGHS's and the
 * bench's CBC's are accepted on the same terms.
 *
 * Integer weights and lookup tables are rounded; real weights are made exact first by
 * nearby small-denominator rationals, then by the exact value of the doubles, each with
 * and without a half-margin shift of the threshold. The first candidate that passes
 * checkParameters (exact rational evaluation) is returned; none: null. Unchecked weights
 * are never returned.
 */
import type { LpWithNames } from '../encode/lp.js';
import { checkParameters } from '../model/evaluate.js';
import { Rational } from '../model/rational.js';
import type { Instance, Parameters } from '../model/types.js';

/** A column's value in the solver's point (a column the solver left out: 0). */
export type LpValue = (col: string) => number;

/** A rational within `tol` of x with the smallest denominator the continued fraction finds (den <= maxDen), or null. */
export function nearbyRational(x: number, tol = 1e-6, maxDen = 1_000_000n): Rational | null {
  if (!Number.isFinite(x)) return null;
  const neg = x < 0;
  let v = Math.abs(x);
  // Convergents h/k of the continued fraction of |x|.
  let h0 = 0n;
  let h1 = 1n;
  let k0 = 1n;
  let k1 = 0n;
  for (let step = 0; step < 64; step++) {
    const a = Math.floor(v);
    if (a > Number.MAX_SAFE_INTEGER) return null;
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > maxDen) return null;
    if (Math.abs(Number(h1) / Number(k1) - Math.abs(x)) <= tol) return Rational.of(neg ? -h1 : h1, k1);
    const frac = v - a;
    if (frac <= 0) break;
    v = 1 / frac;
  }
  return null;
}

/** Builds parameters from column values; `real` makes a real weight exact (null: give up). */
export function buildParameters(
  instance: Instance,
  names: LpWithNames,
  value: LpValue,
  real: (x: number) => Rational | null,
  shift: boolean,
): Parameters | null {
  const params: Parameters = {};
  for (const u of instance.network.units) {
    if (u.kind === 'lookup') {
      params[u.id] = { table: Array.from({ length: 2 ** u.inputs.length }, (_, r) => (value(names.tableVar(u.id, r)) > 0.5 ? 1 : 0)) };
    } else if (u.kind === 'threshold' || u.kind === 'score') {
      const exact = (x: number): Rational | null => (u.integerWeights ? (Number.isFinite(x) ? Rational.of(BigInt(Math.round(x))) : null) : real(x));
      const weights: Rational[] = [];
      for (let j = 0; j < u.inputs.length; j++) {
        const w = exact(value(names.weightVar(u.id, j)));
        if (!w) return null;
        weights.push(w);
      }
      let threshold = exact(value(names.thresholdVar(u.id)));
      if (!threshold) return null;
      // The LP asks S <= -1 for output 0, i.e. w.z - t <= -1/scale: lowering t by half of
      // that margin keeps both sides strict under small rounding errors in the weights.
      if (shift && !u.integerWeights) threshold = threshold.sub(Rational.of(1n, 2n * names.scale(u.id)));
      params[u.id] = { weights, threshold };
    }
  }
  return params;
}

/** The candidates tried in turn: how (for notes), the real-to-rational map, the threshold shift. */
const ATTEMPTS: readonly [string, (x: number) => Rational | null, boolean][] = [
  ['nearby rationals', (x) => nearbyRational(x), false],
  ['nearby rationals, threshold lowered by half the margin', (x) => nearbyRational(x), true],
  ['exact doubles', (x) => (Number.isFinite(x) ? Rational.fromNumber(x) : null), false],
  ['exact doubles, threshold lowered by half the margin', (x) => (Number.isFinite(x) ? Rational.fromNumber(x) : null), true],
];

/**
 * The first exact candidate made from the point `value` that passes checkParameters, with
 * how it was made (e.g. 'nearby rationals'); null when none passes.
 */
export function decodeLpPoint(instance: Instance, names: LpWithNames, value: LpValue): { parameters: Parameters; how: string } | null {
  for (const [how, real, shift] of ATTEMPTS) {
    const candidate = buildParameters(instance, names, value, real, shift);
    if (candidate && checkParameters(instance, candidate).ok) return { parameters: candidate, how };
  }
  return null;
}
