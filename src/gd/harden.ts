/**
 * From relaxed parameters back to a network of the model: threshold units keep w and t
 * as they are (integer-weight units are rounded and clipped to their range), lookup
 * tables take entry i = 1 iff sigma(theta_i) >= 1/2. `toParameters` converts the result
 * to exact rationals (every double is a dyadic rational), for checkParameters.
 *
 * `HardEvaluator` counts, in floating point, the examples the hardened network gets
 * right: a cheap filter that decides when the exact check is worth running. It never
 * decides success on its own.
 */
import { Rational } from '../model/rational.js';
import type { LookupParams, Parameters, ThresholdParams } from '../model/types.js';
import type { CompiledNetwork } from './relaxed.js';

/** Writes the hardened parameter vector of `theta` into `out` (same layout). */
export function hardenTheta(net: CompiledNetwork, theta: Float64Array, out: Float64Array): void {
  out.set(theta);
  for (const u of net.units) {
    if (u.kind === 'threshold' && u.integerWeights) {
      const { min, max } = u.integerWeights;
      for (let i = 0; i < u.size; i++) out[u.offset + i] = Math.min(max, Math.max(min, Math.round(theta[u.offset + i])));
    } else if (u.kind === 'lookup') {
      for (let i = 0; i < u.size; i++) out[u.offset + i] = theta[u.offset + i] >= 0 ? 1 : 0;
    }
  }
}

/** Exact parameters from a hardened vector (see hardenTheta); null if it holds a non-finite value. */
export function toParameters(net: CompiledNetwork, hard: Float64Array): Parameters | null {
  const params: Parameters = {};
  for (const u of net.units) {
    if (u.kind === 'threshold') {
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

/** Floating-point evaluation of the hardened network on all examples. */
export class HardEvaluator {
  private readonly act: Float64Array;
  private readonly m: number;

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
  }

  /** Examples with every output right, for the hardened vector `hard` (see hardenTheta). */
  correct(hard: Float64Array): number {
    const { act, m, net } = this;
    for (const u of net.units) {
      const out = u.node * m;
      const ins = u.inputs;
      const k = ins.length;
      for (let e = 0; e < m; e++) {
        let v: number;
        switch (u.kind) {
          case 'threshold': {
            let s = 0;
            for (let j = 0; j < k; j++) s += hard[u.offset + j] * act[ins[j] * m + e];
            v = s >= hard[u.offset + k] ? 1 : 0;
            break;
          }
          case 'fixed-threshold': {
            let s = 0;
            for (let j = 0; j < k; j++) s += u.fixedWeights![j] * act[ins[j] * m + e];
            v = s >= u.fixedThreshold! ? 1 : 0;
            break;
          }
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
    for (let e = 0; e < m; e++) {
      let ok = true;
      for (let o = 0; o < outs.length && ok; o++) ok = act[outs[o] * m + e] === this.Y[e * outs.length + o];
      if (ok) correct++;
    }
    return correct;
  }
}
