/**
 * Gradient descent on multi-class layered networks (src/gd/train.ts with classes): the
 * parameters it reports are exact (integers in the declared range for integer-weight units),
 * the fit it reports is the fit of exact evaluation, runs are reproducible from the seed,
 * and it fits easy instances with integer and with real weights. The test accuracy that
 * `compare` reports (src/compare/exact-beside-gd.ts) against a hand-computed case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { accuracyOf, fitOf, sameNetwork } from '../../src/compare/exact-beside-gd.js';
import { quantizeIntegerUnits } from '../../src/gd/harden.js';
import { CompiledNetwork } from '../../src/gd/relaxed.js';
import { trainGD, type GDResult } from '../../src/gd/train.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import { isLookupParams, type Instance, type Parameters } from '../../src/model/types.js';

const R = (v: number) => Rational.of(v);
const withoutTimes = (r: GDResult) => JSON.stringify({ ...r, time_ms: 0, firstSuccess_ms: 0 }, (_k, v) => (v instanceof Rational ? v.toString() : v));

/** Every weight of every unit in [min, max] and an integer; every threshold an integer (and in range unless any). */
function expectIntegerParameters(instance: Instance, params: Parameters): void {
  for (const u of instance.network.units) {
    const p = params[u.id];
    if (!u.integerWeights) continue;
    expect(p && !isLookupParams(p)).toBe(true);
    if (!p || isLookupParams(p)) continue;
    const { min, max, anyThreshold } = u.integerWeights;
    for (const w of p.weights) {
      expect(w.isInteger()).toBe(true);
      expect(w.toNumber()).toBeGreaterThanOrEqual(min);
      expect(w.toNumber()).toBeLessThanOrEqual(max);
    }
    expect(p.threshold.isInteger()).toBe(true);
    if (!anyThreshold) expect(min <= p.threshold.toNumber() && p.threshold.toNumber() <= max).toBe(true);
  }
}

/**
 * A one-hot input per class, 3 classes, weights in [-1, 1] (or real): the identity fits. A
 * fourth input is 0 on every example.
 */
function oneHotInstance(integer: boolean, hidden: number[] = []): Instance {
  const network = expandPreset('layered', 4, { hidden, classes: 3, ...(integer ? { integerWeights: { min: -1, max: 1, anyThreshold: true } } : {}) });
  const examples = [0, 1, 2].map((c) => ({ x: [0, 1, 2, 3].map((j) => R(j === c ? 1 : 0)), y: [] as (0 | 1)[], label: c }));
  return { network, examples };
}

describe('GD on layered multi-class networks', () => {
  it('planted instances: integer parameters in range, the reported fit is exact evaluation, the same seed gives the same run', () => {
    fc.assert(
      fc.property(layeredInstance({ maxExamples: 8 }), fc.integer({ min: 0, max: 1000 }), ({ instance }, seed) => {
        const opts = { restarts: 2, epochs: 40, seed };
        const r = trainGD(instance, opts);
        expect(r.bestParameters).not.toBeNull();
        const params = r.bestParameters!;
        expectIntegerParameters(instance, params);
        const check = checkParameters(instance, params);
        expect(check.violations).toEqual([]);
        expect(check.correct).toBe(r.bestCorrect);
        expect(fitOf(instance, params).train).toEqual({ correct: r.bestCorrect, total: r.total, accuracy: r.total ? r.bestCorrect / r.total : 1 });
        expect(r.successes > 0).toBe(r.bestCorrect >= r.total);
        if (r.parameters) expect(checkParameters(instance, r.parameters).ok).toBe(true);
        expect(withoutTimes(trainGD(instance, opts))).toBe(withoutTimes(r));
      }),
      { numRuns: 25 },
    );
  });

  it('fits one-hot classes with integer weights (straight through) and with real weights, with and without a hidden layer', () => {
    for (const integer of [true, false]) {
      for (const hidden of [[], [3]]) {
        const instance = oneHotInstance(integer, hidden);
        const r = trainGD(instance, { restarts: 5, epochs: 200, seed: 1 });
        expect(r.successes).toBeGreaterThan(0);
        expect(checkParameters(instance, r.parameters!).ok).toBe(true);
        if (integer) expectIntegerParameters(instance, r.parameters!);
        for (const u of instance.network.units) {
          const p = r.parameters![u.id];
          if (isLookupParams(p)) continue;
          // real weights are written as integers too (scaled by a power of 2)
          expect([...p.weights, p.threshold].every((v) => v.isInteger())).toBe(true);
          // the input that is always 0 keeps weight 0
          const j = u.inputs.indexOf('x3');
          if (j >= 0) expect(p.weights[j].toNumber()).toBe(0);
        }
      }
    }
  });

  it('the straight-through passes see weights rounded and clipped to the range, thresholds rounded (clipped unless any integer)', () => {
    const network = expandPreset('layered', 2, { hidden: [1], classes: 2, integerWeights: { min: -1, max: 2, anyThreshold: true } });
    network.units[1].integerWeights = { min: -1, max: 2 };
    const net = new CompiledNetwork({ network, examples: [] });
    // h1_1: [w0, w1, t] (any threshold); o0: [w, t] (threshold in range); o1: [w, t]
    const theta = Float64Array.from([2.6, -0.4, -7.6, -3.2, 5.5, 0.49, -1.5]);
    const out = new Float64Array(theta.length);
    quantizeIntegerUnits(net, theta, out);
    expect([...out]).toEqual([2, -0, -8, -1, 2, 0, -1]);
  });

  it('a tied greatest score is a miss in the fit GD reports', () => {
    // two identical inputs with different labels: at most one of them can be fitted
    const instance = oneHotInstance(true);
    instance.examples.push({ x: instance.examples[0].x, y: [], label: 1 });
    const r = trainGD(instance, { restarts: 3, epochs: 100, seed: 4 });
    expect(r.successes).toBe(0);
    expect(r.bestCorrect).toBeLessThanOrEqual(3);
    expect(checkParameters(instance, r.bestParameters!).correct).toBe(r.bestCorrect);
  });

  it('test accuracy of given parameters on a hand-made test set', () => {
    // 2 inputs, no hidden layer, 2 classes: s0 = x0 - 0, s1 = x1 - 0
    const network = expandPreset('layered', 2, { classes: 2, integerWeights: { min: -1, max: 1, anyThreshold: true } });
    const params: Parameters = {
      o0: { weights: [R(1), R(0)], threshold: R(0) },
      o1: { weights: [R(0), R(1)], threshold: R(0) },
    };
    const ex = (x0: number, x1: number, label: number) => ({ x: [R(x0), R(x1)], y: [] as (0 | 1)[], label });
    // (1,0): s = (1,0) -> class 0; (0,1) -> class 1; (1,1): tie -> miss; (0,0): tie -> miss
    const test: Instance = { network, examples: [ex(1, 0, 0), ex(0, 1, 0), ex(1, 1, 1), ex(0, 0, 0), ex(0, 1, 1)], minCorrect: 5 };
    expect(accuracyOf(test, params)).toEqual({ correct: 2, total: 5, accuracy: 0.4 });
    const train: Instance = { network, examples: [ex(1, 0, 0), ex(0, 1, 1)] };
    expect(fitOf(train, params, test)).toEqual({ train: { correct: 2, total: 2, accuracy: 1 }, test: { correct: 2, total: 5, accuracy: 0.4 } });
    expect(sameNetwork(train.network, test.network)).toBe(true);
    expect(sameNetwork(train.network, expandPreset('layered', 2, { classes: 2 }))).toBe(false);
    expect(sameNetwork(train.network, expandPreset('layered', 2, { classes: 3, integerWeights: { min: -1, max: 1, anyThreshold: true } }))).toBe(false);
  });
});
