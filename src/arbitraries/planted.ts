/**
 * Planted-trainable instances: draw an architecture (a preset or a small random DAG),
 * draw parameters for it (thresholds placed between the weighted sums on the drawn inputs,
 * so that units are rarely constant), draw example inputs, and label every example with the network's
 * own outputs under those parameters (exact rational evaluation, `evaluateOutputs`).
 *
 * Why the answer is right: the planted parameters fit every example by construction, so
 * the instance is `trainable` and they are a witness. The witness is re-checked with
 * `checkParameters` (the same exact check every `trainable` answer of trainsat passes)
 * before the value is returned.
 *
 * Shrinking keeps the answer: labels are computed inside `.map` from the (possibly shrunk)
 * network, parameters and inputs, so fast-check can remove units, inputs, examples or
 * shrink weights, and each candidate is relabelled consistently: it is trainable again,
 * with its own witness.
 */
import fc from 'fast-check';
import { checkParameters, evaluateOutputs } from '../model/evaluate.js';
import type { Instance } from '../model/types.js';
import { inputRows, rowsToInputs } from './inputs.js';
import { MAX_RANDOM_LOOKUP_FANIN, networkArbitrary, resolveNetworkOptions, type NetworkOptions } from './network.js';
import { parameterPool, plantParameters } from './parameters.js';
import type { PlantedInstance } from './types.js';

export interface PlantedOptions extends NetworkOptions {
  /** Number of examples (default 1..8; fewer with `distinctInputs`). */
  minExamples?: number;
  maxExamples?: number;
  /** Planted weights are integers in [-maxWeight, maxWeight] (default 3). */
  maxWeight?: number;
  /**
   * Integer range of the input values (default 0/1). Wider values only reach inputs that
   * feed threshold units alone; the others stay 0/1.
   */
  inputValues?: { min: number; max: number };
  /** Drop repeated input vectors (default false: repeats carry equal labels). */
  distinctInputs?: boolean;
  /**
   * Keep only instances whose examples have at least two different label vectors (default
   * false). Implemented with `.filter` (drawn values that fail are drawn again, and shrinking
   * stays among instances that pass), so it needs `minExamples >= 2`.
   */
  mixedLabels?: boolean;
}

/** Planted instances: `{instance, expected: 'trainable', witness, reason, family: 'planted'}`. */
export function plantedInstance(opts: PlantedOptions = {}): fc.Arbitrary<PlantedInstance> {
  const net = resolveNetworkOptions(opts);
  const minExamples = opts.minExamples ?? 1;
  const maxExamples = opts.maxExamples ?? Math.max(8, minExamples);
  const maxWeight = opts.maxWeight ?? 3;
  const values = opts.inputValues ?? { min: 0, max: 1 };
  const maxAbs = Math.max(1, Math.abs(values.min), Math.abs(values.max));
  const width = Math.max(net.maxInputs, net.maxFanIn, 2);
  if (opts.mixedLabels && minExamples < 2) throw new RangeError('mixedLabels needs minExamples >= 2');
  const arb = fc
    .record({
      network: networkArbitrary(net),
      pool: parameterPool({
        slots: Math.max(net.maxUnits, 3),
        weightsPerSlot: width,
        lookupFanIn: Math.min(net.maxFanIn, MAX_RANDOM_LOOKUP_FANIN),
        maxWeight,
        maxThreshold: 2 * maxWeight * maxAbs,
      }),
      rows: inputRows({ width: net.maxInputs, minRows: minExamples, maxRows: maxExamples, values }),
    })
    .map(({ network, pool, rows }): PlantedInstance => {
      const xs = rowsToInputs(network, rows, opts.distinctInputs ?? false);
      const witness = plantParameters(network, pool, xs);
      const examples = xs.map((x) => ({ x, y: evaluateOutputs(network, witness, x) }));
      const instance: Instance = { network, examples };
      const check = checkParameters(instance, witness);
      if (!check.ok) {
        throw new Error(`internal error: planted parameters fail their own examples (${check.correct}/${check.total}; ${check.violations.join('; ')})`);
      }
      return {
        instance,
        expected: 'trainable',
        witness,
        reason: 'every label is the output of the planted parameters (the witness) on that example',
        family: 'planted',
      };
    });
  return opts.mixedLabels ? arb.filter((v) => new Set(v.instance.examples.map((e) => e.y.join())).size >= 2) : arb;
}
