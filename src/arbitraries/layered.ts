/**
 * Planted multi-class layered instances: a small `layered` preset network (docs/format.md,
 * "Presets") with `classes` score outputs and integer weights in a small range (threshold
 * any integer), planted integer parameters in that range, example inputs, and each
 * example's label = the class the planted parameters score strictly highest (exact rational
 * evaluation, `predict`). Examples on which the greatest score is tied have no such class
 * and are dropped, so an instance may have fewer examples than drawn.
 *
 * Why the answer is right: the planted parameters fit every remaining example by
 * construction (its label is their argmax), their weights lie in the declared range and
 * their thresholds are integers, so the instance is `trainable` and they are a witness. The
 * witness is re-checked with `checkParameters` before the value is returned.
 *
 * Shrinking keeps the answer: the labels are computed inside `.map` from the (possibly
 * shrunk) architecture, parameter pool and inputs, so every shrunk candidate is relabelled
 * by its own witness.
 */
import fc from 'fast-check';
import { checkParameters, predict } from '../model/evaluate.js';
import { expandPreset } from '../model/presets.js';
import type { Example, Instance } from '../model/types.js';
import { inputRows, rowsToInputs } from './inputs.js';
import { parameterPool, plantParameters } from './parameters.js';
import type { PlantedInstance } from './types.js';

export interface LayeredOptions {
  /** Network inputs (default 1..3). */
  minInputs?: number;
  maxInputs?: number;
  /** Hidden layers (default 0..1) and the width of each (default 1..2). */
  maxLayers?: number;
  maxWidth?: number;
  /** Classes (default 2..3). */
  minClasses?: number;
  maxClasses?: number;
  /** The integer weight range of every unit (default {min: -1, max: 1}). */
  weights?: { min: number; max: number };
  /** Examples drawn, before tied ones are dropped (default 1..6). */
  minExamples?: number;
  maxExamples?: number;
  /** Integer range of the input values (default 0/1). */
  inputValues?: { min: number; max: number };
  /**
   * Keep only instances whose examples have at least two different labels (default false).
   * Implemented with `.filter` (about one draw in ten passes with the defaults), so it needs
   * `maxExamples >= 2`.
   */
  mixedLabels?: boolean;
}

function checkRange(name: string, lo: number, hi: number, least: number): void {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < least || hi < lo) {
    throw new RangeError(`${name} must be integers with ${least} <= min <= max, got ${lo}..${hi}`);
  }
}

/**
 * Planted multi-class layered instances: `{instance, expected: 'trainable', witness, reason,
 * family: 'planted'}`, where instance.network is a `layered` preset with `classes` and
 * integer weights ("threshold": "any") and every example has a `label`.
 */
export function layeredInstance(opts: LayeredOptions = {}): fc.Arbitrary<PlantedInstance> {
  const minInputs = opts.minInputs ?? 1;
  const maxInputs = opts.maxInputs ?? Math.max(3, minInputs);
  const maxLayers = opts.maxLayers ?? 1;
  const maxWidth = opts.maxWidth ?? 2;
  const minClasses = opts.minClasses ?? 2;
  const maxClasses = opts.maxClasses ?? Math.max(3, minClasses);
  const weights = opts.weights ?? { min: -1, max: 1 };
  const minExamples = opts.minExamples ?? 1;
  const maxExamples = opts.maxExamples ?? Math.max(6, minExamples);
  const values = opts.inputValues ?? { min: 0, max: 1 };
  checkRange('inputs', minInputs, maxInputs, 0);
  checkRange('hidden layers', 0, maxLayers, 0);
  checkRange('layer widths', 1, maxWidth, 1);
  checkRange('classes', minClasses, maxClasses, 2);
  checkRange('examples', minExamples, maxExamples, 0);
  if (!Number.isSafeInteger(weights.min) || !Number.isSafeInteger(weights.max) || weights.min > weights.max) {
    throw new RangeError(`weights must be integers with min <= max, got [${weights.min}, ${weights.max}]`);
  }
  if (opts.mixedLabels && maxExamples < 2) throw new RangeError('mixedLabels needs maxExamples >= 2');
  const maxWeight = Math.max(Math.abs(weights.min), Math.abs(weights.max));
  const arb = fc
    .record({
      inputs: fc.integer({ min: minInputs, max: maxInputs }),
      hidden: fc.array(fc.integer({ min: 1, max: maxWidth }), { maxLength: maxLayers }),
      classes: fc.integer({ min: minClasses, max: maxClasses }),
      pool: parameterPool({
        slots: maxLayers * maxWidth + maxClasses,
        weightsPerSlot: Math.max(maxInputs, maxWidth, 1),
        lookupFanIn: 0,
        maxWeight,
      }),
      rows: inputRows({ width: maxInputs, minRows: minExamples, maxRows: maxExamples, values }),
    })
    .map(({ inputs, hidden, classes, pool, rows }): PlantedInstance => {
      const network = expandPreset('layered', inputs, { hidden, classes, integerWeights: { ...weights, anyThreshold: true } });
      const xs = rowsToInputs(network, rows);
      const witness = plantParameters(network, pool, xs);
      const examples: Example[] = [];
      for (const x of xs) {
        const label = predict(network, witness, x);
        if (typeof label === 'number') examples.push({ x, y: [], label });
      }
      const instance: Instance = { network, examples };
      const check = checkParameters(instance, witness);
      if (!check.ok) {
        throw new Error(`internal error: planted layered parameters fail their own examples (${check.correct}/${check.total}; ${check.violations.join('; ')})`);
      }
      return {
        instance,
        expected: 'trainable',
        witness,
        reason: "every label is the class the planted parameters (the witness) score strictly highest on that example; tied examples were dropped",
        family: 'planted',
      };
    });
  return opts.mixedLabels ? arb.filter((v) => new Set(v.instance.examples.map((e) => e.label)).size >= 2) : arb;
}
