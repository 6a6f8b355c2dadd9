/**
 * `optimize` (src/optimize/objective.ts) against brute-force optima on tiny layered
 * integer-weight networks (tests/helpers/objective-brute.ts): the value equals the optimum
 * and is proved, the parameters fit and their value is recomputed from them; runs from a
 * worse start improve on it; runs cut short by a budget never claim optimality and keep
 * the bound on the right side of the optimum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, Parameters } from '../../src/model/types.js';
import { checkObjectiveInstance, networkMargin, nonzeroWeights, objectiveValue, optimize, type ObjectiveName } from '../../src/optimize/objective.js';
import { bruteObjective } from '../helpers/objective-brute.js';

const tiny = layeredInstance({ maxInputs: 2, maxLayers: 1, maxWidth: 2, maxClasses: 2, minExamples: 2, maxExamples: 5, mixedLabels: true });
// Integer inputs beyond 0/1 (the first layer's sums then step by more than 1).
const tinyInts = layeredInstance({ maxInputs: 2, maxLayers: 1, maxWidth: 1, maxClasses: 2, minExamples: 2, maxExamples: 4, mixedLabels: true, inputValues: { min: -1, max: 2 } });
const R = (n: number) => Rational.of(n);
const unit = (weights: number[], threshold: number) => ({ weights: weights.map(R), threshold: R(threshold) });

function expectChecked(instance: Instance, name: ObjectiveName, r: Awaited<ReturnType<typeof optimize>>): void {
  expect(r.status).toBe('trainable');
  expect(checkParameters(instance, r.parameters!).ok).toBe(true);
  expect(r.objective.value).toBe(objectiveValue(name, instance, r.parameters!));
  expect(r.objective.optimal).toBe(r.objective.value === r.objective.bound);
}

describe('optimize: equal to brute force on tiny layered networks', () => {
  for (const name of ['min-weights', 'max-margin'] as const) {
    it(`${name}: the proved optimum is the brute-force optimum (from the planted witness)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(tiny, tinyInts), async ({ instance, witness }) => {
          const r = await optimize(instance, name, { start: witness });
          expectChecked(instance, name, r);
          expect(r.objective.optimal).toBe(true);
          expect(r.objective.value).toBe(bruteObjective(instance, name));
        }),
        { numRuns: 12, seed: 16 },
      );
    }, 60_000);
  }

  it('from a decide witness too (min-weights and max-margin)', async () => {
    await fc.assert(
      fc.asyncProperty(tiny, async ({ instance }) => {
        for (const name of ['min-weights', 'max-margin'] as const) {
          const r = await optimize(instance, name);
          expectChecked(instance, name, r);
          expect(r.objective.value).toBe(bruteObjective(instance, name));
        }
      }),
      { numRuns: 4, seed: 3 },
    );
  }, 60_000);
});

// x0 AND x1 on a 2-2-out network (one threshold output), started from dense parameters.
const AND: Instance = {
  network: expandPreset('layered', 2, { hidden: [2], integerWeights: { min: -1, max: 1, anyThreshold: true } }),
  examples: [
    { x: [R(0), R(0)], y: [0] },
    { x: [R(0), R(1)], y: [0] },
    { x: [R(1), R(0)], y: [0] },
    { x: [R(1), R(1)], y: [1] },
  ],
};
const DENSE: Parameters = { h1_1: unit([1, 1], 2), h1_2: unit([1, 1], 2), out: unit([1, 1], 2) };

describe('optimize: improvements over the start, and budgets', () => {
  it('the optimum is strictly better than a dense start, and equal to brute force', async () => {
    expect(checkParameters(AND, DENSE).ok).toBe(true);
    expect(nonzeroWeights(AND, DENSE)).toBe(6);
    const r = await optimize(AND, 'min-weights', { start: DENSE });
    expectChecked(AND, 'min-weights', r);
    expect(r.objective.value).toBe(bruteObjective(AND, 'min-weights'));
    expect(r.objective.value).toBe(3);
    expect(r.objective.history[0]).toMatchObject({ by: 'witness', value: 6 });
    // Weights in [-3, 3] leave room for a margin: h = [3 x0 + 3 x1 >= 5], out = [3 h >= 2] has margin 1.
    const and3: Instance = { ...AND, network: expandPreset('layered', 2, { hidden: [2], integerWeights: { min: -3, max: 3, anyThreshold: true } }) };
    const m = await optimize(and3, 'max-margin', { start: DENSE });
    expectChecked(and3, 'max-margin', m);
    expect(networkMargin(and3, DENSE)).toBe(0);
    expect(m.objective.value).toBe(bruteObjective(and3, 'max-margin'));
    expect(m.objective.value).toBe(1);
    expect(m.objective.history.at(-1)!.by).toBe('unsat');
  }, 30_000);

  it('the SAT search alone (no per-unit step) reaches the same optimum', async () => {
    for (const counter of ['totalizer', 'adder'] as const) {
      const r = await optimize(AND, 'min-weights', { start: DENSE, unitSteps: false, counter });
      expectChecked(AND, 'min-weights', r);
      expect(r.objective.value).toBe(3);
      expect(r.objective.optimal).toBe(true);
    }
  }, 30_000);

  it('a budget that runs out gives the best found and a bound, never a claim of optimality', async () => {
    for (const name of ['min-weights', 'max-margin'] as const) {
      const opt = bruteObjective(AND, name)!;
      const r = await optimize(AND, name, { start: DENSE, timeoutMs: 0 });
      expectChecked(AND, name, r);
      expect(r.objective.optimal).toBe(false);
      expect(r.objective.value).toBe(objectiveValue(name, AND, DENSE));
      if (name === 'min-weights') expect(r.objective.bound!).toBeLessThanOrEqual(opt);
      else expect(r.objective.bound!).toBeGreaterThanOrEqual(opt);
    }
  });

  it('budget-limited runs keep value and bound on either side of the brute-force optimum', async () => {
    await fc.assert(
      fc.asyncProperty(tiny, fc.integer({ min: 0, max: 300 }), async ({ instance, witness }, ms) => {
        for (const name of ['min-weights', 'max-margin'] as const) {
          const opt = bruteObjective(instance, name)!;
          const r = await optimize(instance, name, { start: witness, timeoutMs: ms });
          expectChecked(instance, name, r);
          const [low, high] = name === 'min-weights' ? [r.objective.bound!, r.objective.value!] : [r.objective.value!, r.objective.bound!];
          expect(low).toBeLessThanOrEqual(opt);
          expect(high).toBeGreaterThanOrEqual(opt);
          if (r.objective.optimal) expect(r.objective.value).toBe(opt);
        }
      }),
      { numRuns: 6, seed: 5 },
    );
  }, 60_000);
});

describe('optimize: what the objectives apply to', () => {
  it('rejects networks that are not layered with integer weights, minCorrect, unknown names, unbounded margins', () => {
    const perceptron: Instance = { network: expandPreset('perceptron', 2), examples: AND.examples };
    expect(() => checkObjectiveInstance(perceptron, 'min-weights')).toThrow(/layered network with integer weights/);
    expect(() => checkObjectiveInstance({ ...AND, minCorrect: 3 }, 'min-weights')).toThrow(/minCorrect/);
    expect(() => checkObjectiveInstance(AND, 'max-fun')).toThrow(/unknown objective/);
    const oneLabel = { ...AND, examples: AND.examples.map((e) => ({ ...e, y: [1 as const] })) };
    expect(() => checkObjectiveInstance(oneLabel, 'max-margin')).toThrow(/unbounded/);
    expect(() => checkObjectiveInstance(oneLabel, 'min-weights')).not.toThrow();
  });

  it('an untrainable instance has no optimum', async () => {
    const xor: Instance = { network: expandPreset('layered', 2, { integerWeights: { min: -1, max: 1, anyThreshold: true } }), examples: AND.examples.map((e, i) => ({ ...e, y: [i === 1 || i === 2 ? 1 : 0] as (0 | 1)[] })) };
    const r = await optimize(xor, 'min-weights');
    expect(r.status).toBe('untrainable');
    expect(r.parameters).toBeNull();
    expect(r.objective).toMatchObject({ value: null, optimal: false, bound: null });
  });
});
