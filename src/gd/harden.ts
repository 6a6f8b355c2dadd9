/**
 * From relaxed parameters back to a network of the model: threshold and score units keep
 * w and t as they are (integer-weight units are rounded and clipped to their range; an
 * any-integer threshold is only rounded), lookup
 * tables take entry i = 1 iff sigma(theta_i) >= 1/2. In a network with classes, real-weight
 * units are written as integers: a threshold unit's w and t times 2^s, rounded, with s such
 * that its largest |parameter| is about 2^24, and the score units with one such common s
 * when none has integer weights
 * (a positive factor changes neither w.z >= t nor which score is greatest; the rounding
 * moves a parameter by at most 2^-24 of the unit's largest, and the exact check judges the
 * result), so that exact evaluation runs on integers. `toParameters` converts the result
 * to exact rationals (every double is a dyadic rational), for checkParameters.
 *
 * `HardEvaluator` counts, in floating point, the examples the hardened network gets
 * right: a cheap filter that decides when the exact check is worth running. It never
 * decides success on its own.
 */
import { Rational } from '../model/rational.js';
import type { LookupParams, Parameters, ThresholdParams } from '../model/types.js';
import { sparseColumns, type CompiledNetwork, type CompiledUnit, type SparseColumns } from './relaxed.js';

/** Rounds and clips the integer-weight units of `theta` into `out` (same layout); the rest is copied. */
export function quantizeIntegerUnits(net: CompiledNetwork, theta: Float64Array, out: Float64Array): void {
  out.set(theta);
  for (const u of net.units) {
    if (!u.integerWeights) continue;
    const { min, max, anyThreshold } = u.integerWeights;
    for (let i = 0; i < u.size; i++) out[u.offset + i] = Math.min(max, Math.max(min, Math.round(theta[u.offset + i])));
    if (anyThreshold) out[u.offset + u.size - 1] = Math.round(theta[u.offset + u.size - 1]);
  }
}

/** Writes the hardened parameter vector of `theta` into `out` (same layout). */
export function hardenTheta(net: CompiledNetwork, theta: Float64Array, out: Float64Array): void {
  quantizeIntegerUnits(net, theta, out);
  for (const u of net.units) {
    if (u.kind === 'lookup') {
      for (let i = 0; i < u.size; i++) out[u.offset + i] = theta[u.offset + i] >= 0 ? 1 : 0;
    }
  }
  if (net.classes === undefined) return;
  for (const u of net.units) if (u.kind === 'threshold' && !u.integerWeights) scaleToIntegers([u], out);
  // the scores share one factor, so only when none of them is fixed to an integer range
  const scores = net.units.filter((u) => u.kind === 'score');
  if (scores.every((u) => !u.integerWeights)) scaleToIntegers(scores, out);
}

/** Multiplies the parameters of `units` by one power of 2 that brings the largest |value| near 2^24, and rounds them. */
function scaleToIntegers(units: CompiledUnit[], out: Float64Array): void {
  let top = 0;
  for (const u of units) for (let i = u.offset; i < u.offset + u.size; i++) top = Math.max(top, Math.abs(out[i]));
  if (!(top > 0 && Number.isFinite(top))) return;
  const factor = 2 ** (24 - Math.ceil(Math.log2(top)));
  if (!Number.isFinite(factor)) return;
  for (const u of units) for (let i = u.offset; i < u.offset + u.size; i++) out[i] = Math.round(out[i] * factor);
}

/** Exact parameters from a hardened vector (see hardenTheta); null if it holds a non-finite value. */
export function toParameters(net: CompiledNetwork, hard: Float64Array): Parameters | null {
  const params: Parameters = {};
  for (const u of net.units) {
    if (u.kind === 'threshold' || u.kind === 'score') {
      const k = u.size - 1;
      for (let i = 0; i < u.size; i++) if (!Number.isFinite(hard[u.offset + i])) return null;
      const weights = Array.from({ length: k }, (_, j) => Rational.fromNumber(hard[u.offset + j]));
      params[u.id] = { weights, threshold: Rational.fromNumber(hard[u.offset + k]) } satisfies ThresholdParams;
    } else if (u.kind === 'lookup') {
      params[u.id] = { table: Array.from({ length: u.size }, (_, i) => (hard[u.offset + i] >= 0.5 ? 1 : 0)) } satisfies LookupParams;
    }
  }
  return params;
}

/** Floating-point evaluation of the hardened network on all examples (with classes, Y one-hot). */
export class HardEvaluator {
  private readonly act: Float64Array;
  private readonly m: number;
  /** The non-zero network inputs, by input (relaxed.ts sparseColumns). */
  private readonly nz: SparseColumns;
  /** Weighted sums of the current unit, one per example. */
  private readonly sums: Float64Array;

  /** X example-major (m x n), Y example-major (m x outputs), as in Workspace.loadBatch. */
  constructor(
    private readonly net: CompiledNetwork,
    X: Float64Array,
    private readonly Y: Float64Array,
    m: number,
  ) {
    this.m = m;
    this.act = new Float64Array(Math.max(1, net.nodes * m));
    const n = net.inputs;
    for (let e = 0; e < m; e++) for (let j = 0; j < n; j++) this.act[j * m + e] = X[e * n + j];
    this.nz = sparseColumns(this.act, n, m, m);
    this.sums = new Float64Array(Math.max(1, m));
  }

  /** this.sums[e] = w.z on example e, for the weights w of a unit at w[off ..] (zero inputs skipped). */
  private weightedSums(ins: Int32Array, w: Float64Array, off: number): void {
    const { act, m, sums } = this;
    const { start, row, val } = this.nz;
    const n = this.net.inputs;
    sums.fill(0);
    for (let j = 0; j < ins.length; j++) {
      const wj = w[off + j];
      const src = ins[j];
      if (src < n) for (let p = start[src], end = start[src + 1]; p < end; p++) sums[row[p]] += wj * val[p];
      else for (let e = 0; e < m; e++) sums[e] += wj * act[src * m + e];
    }
  }

  /** Examples with every output right, for the hardened vector `hard` (see hardenTheta). */
  correct(hard: Float64Array): number {
    const { act, m, net } = this;
    for (const u of net.units) {
      const out = u.node * m;
      const ins = u.inputs;
      const k = ins.length;
      if (u.kind === 'score' || u.kind === 'threshold' || u.kind === 'fixed-threshold') {
        const fixed = u.kind === 'fixed-threshold';
        this.weightedSums(ins, fixed ? u.fixedWeights! : hard, fixed ? 0 : u.offset);
        const t = fixed ? u.fixedThreshold! : hard[u.offset + k];
        const sums = this.sums;
        if (u.kind === 'score') for (let e = 0; e < m; e++) act[out + e] = sums[e] - t;
        else for (let e = 0; e < m; e++) act[out + e] = sums[e] >= t ? 1 : 0;
        continue;
      }
      for (let e = 0; e < m; e++) {
        let v: number;
        switch (u.kind) {
          case 'lookup': {
            let i = 0;
            for (let j = 0; j < k; j++) i = 2 * i + (act[ins[j] * m + e] !== 0 ? 1 : 0);
            v = hard[u.offset + i];
            break;
          }
          case 'not':
            v = act[ins[0] * m + e] !== 0 ? 0 : 1;
            break;
          default: {
            let ones = 0;
            for (let j = 0; j < k; j++) if (act[ins[j] * m + e] !== 0) ones++;
            v =
              u.kind === 'and' ? +(ones === k)
              : u.kind === 'nand' ? +(ones !== k)
              : u.kind === 'or' ? +(ones > 0)
              : u.kind === 'nor' ? +(ones === 0)
              : ones & 1;
          }
        }
        act[out + e] = v;
      }
    }
    const outs = net.outputs;
    let correct = 0;
    if (net.classes !== undefined) {
      // fitted iff the label's score (the output whose target is 1) is strictly the greatest
      for (let e = 0; e < m; e++) {
        let label = 0;
        while (label < outs.length - 1 && this.Y[e * outs.length + label] !== 1) label++;
        const s = act[outs[label] * m + e];
        let ok = true;
        for (let o = 0; o < outs.length && ok; o++) ok = o === label || act[outs[o] * m + e] < s;
        if (ok) correct++;
      }
      return correct;
    }
    for (let e = 0; e < m; e++) {
      let ok = true;
      for (let o = 0; o < outs.length && ok; o++) ok = act[outs[o] * m + e] === this.Y[e * outs.length + o];
      if (ok) correct++;
    }
    return correct;
  }
}
