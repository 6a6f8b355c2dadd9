/**
 * The layer-by-layer backend for layered networks with integer weights: a witness search
 * that decides one unit at a time, then the complete search.
 *
 * Witness search. Every hidden layer is given a target code: unit j of a layer (j from 0)
 * fires exactly on the examples of class j (one-vs-rest; without classes, the first unit
 * fires exactly on the examples with y = 1), and the units beyond the classes are idle
 * (every weight and the threshold the allowed value nearest 0). Each targeted unit is then
 * a one-unit loading problem on the previous layer's exact outputs, and the output layer
 * a loading problem on the last hidden layer's codes; all are MIPs of src/encode/lp.ts
 * solved by HiGHS (src/backends/mip.ts), whose points are made exact and checked there.
 * Layer by layer, the network's outputs on the examples are computed exactly from the
 * parameters found so far, so the assembled parameters fit the instance iff the output
 * layer's problem was fitted; decide checks them again on the whole instance. This is the
 * one-vs-rest decomposition of multi-class learning (e.g. Rifkin & Klautau, "In defense of
 * one-vs-all classification", JMLR 2004) used as a search space: sound, since any fitted
 * parameters are a witness, and incomplete, since a network may fit the examples with
 * other hidden codes.
 *
 * Complete search. When a target cannot be fitted, or HiGHS gives no answer (with a
 * budget, the witness search stops at half of it), the whole instance goes to the
 * bit-blasted CNF on CaDiCaL (./bitblast.ts) with the budget left:
 * its `untrainable` is as good as the CNF (and certifiable), its `trainable` is checked.
 * HiGHS's floating-point infeasibility claims are never taken as an answer here.
 */
import { evaluateUnit } from '../model/evaluate.js';
import { inputNames, layersOf, oneVsRestShaped } from '../model/layers.js';
import { validatedInstance } from '../model/parse.js';
import { Rational } from '../model/rational.js';
import type { Example, Instance, IntegerRange, Parameters, ThresholdParams, Unit } from '../model/types.js';
import { bitblastBackend } from './bitblast.js';
import { highsBackend } from './mip.js';
import type { Backend, BackendOptions, BitblastStats } from './types.js';

/** Statistics of the layer-by-layer backend. */
export interface LayerwiseStats {
  /** Which search answered: 'witness' (layer by layer) or 'complete' (the whole CNF). */
  stage: 'witness' | 'complete';
  /** Problems solved by the witness search (one per targeted unit, and the output layer). */
  subproblems: number;
  witness_ms: number;
  /** Why the witness search stopped without parameters, when it did. */
  witness_note?: string;
  /** The complete search's statistics, when it ran. */
  complete?: BitblastStats;
  encode_ms: number;
  solve_ms: number;
}

/** The allowed integer nearest 0. */
const idleValue = (r: IntegerRange): number => Math.min(Math.max(0, r.min), r.max);

/** The parameters of an idle unit: every weight and the threshold the allowed value nearest 0. */
function idleParameters(unit: Unit): ThresholdParams {
  const v = Rational.of(BigInt(idleValue(unit.integerWeights!)));
  return { weights: unit.inputs.map(() => v), threshold: v };
}

/** The unit alone, reading inputs x0..x{k-1}. */
const alone = (unit: Unit): Unit => ({ ...unit, inputs: inputNames(unit.inputs.length) });

/** The layer-by-layer backend; `complete` answers when the witness search does not (default CaDiCaL on the CNF). */
export function layerwiseBackend(complete: Backend = bitblastBackend('cadical'), witnessSolver: Backend = highsBackend()): Backend {
  return {
    async run(instance, opts) {
      const t0 = performance.now();
      const deadline = opts.timeoutMs === undefined ? undefined : t0 + opts.timeoutMs;
      const left = () => (deadline === undefined ? undefined : Math.max(0, Math.round(deadline - performance.now())));
      // The witness search stops at half the budget, so the complete search always gets a share.
      const witnessDeadline = opts.timeoutMs === undefined ? undefined : t0 + opts.timeoutMs / 2;
      const witnessLeft = () => (witnessDeadline === undefined ? undefined : Math.max(0, Math.round(witnessDeadline - performance.now())));
      const witness = await witnessSearch(instance, witnessSolver, { ...opts, timeoutMs: undefined }, witnessLeft);
      const t1 = performance.now();
      const base = { subproblems: witness.subproblems, witness_ms: Math.round(t1 - t0) };
      if (witness.parameters) {
        return {
          kind: 'layerwise',
          status: 'trainable',
          parameters: witness.parameters,
          stats: { stage: 'witness', ...base, encode_ms: 0, solve_ms: base.witness_ms },
        };
      }
      const budget = left();
      const run = await complete.run(instance, { ...opts, timeoutMs: budget });
      if (run.kind !== 'bitblast') throw new Error(`internal: the layer-by-layer backend's complete search must be bit-blasted, not ${run.kind}`);
      return {
        ...run,
        kind: 'layerwise',
        stats: { stage: 'complete', ...base, witness_note: witness.note, complete: run.stats, encode_ms: run.stats.encode_ms, solve_ms: base.witness_ms + run.stats.solve_ms },
      };
    },
  };
}

interface WitnessResult {
  parameters: Parameters | null;
  subproblems: number;
  note: string;
}

async function witnessSearch(instance: Instance, solver: Backend, opts: BackendOptions, left: () => number | undefined): Promise<WitnessResult> {
  const layers = layersOf(instance.network);
  if (!layers || !oneVsRestShaped(instance)) return { parameters: null, subproblems: 0, note: 'not a layered network with hidden layers at least as wide as the classes' };
  const { classes } = instance.network;
  const target = (e: Example, j: number): 0 | 1 => (classes !== undefined ? (e.label === j ? 1 : 0) : j === 0 ? e.y[0] : 0);
  const targets = classes ?? 1;
  const parameters: Parameters = {};
  let subproblems = 0;
  // The current layer's inputs on every example, exactly.
  let codes: Rational[][] = instance.examples.map((e) => e.x);
  const solveOne = async (sub: Instance): Promise<Parameters | string> => {
    const budget = left();
    if (budget === 0) return 'the budget ran out';
    subproblems++;
    const run = await solver.run(validatedInstance(sub), { ...opts, timeoutMs: budget });
    if (run.status === 'trainable' && run.parameters) return run.parameters;
    return run.status === 'untrainable' ? 'not fittable' : `no answer (${run.unknown?.message ?? 'unknown'})`;
  };
  for (const [l, layer] of layers.hidden.entries()) {
    for (const [j, unit] of layer.entries()) {
      if (j >= targets) {
        parameters[unit.id] = idleParameters(unit);
        continue;
      }
      const sub: Instance = {
        network: { inputs: unit.inputs.length, units: [alone(unit)], outputs: [unit.id] },
        examples: instance.examples.map((e, i) => ({ x: codes[i], y: [target(e, j)] })),
      };
      const found = await solveOne(sub);
      if (typeof found === 'string') return { parameters: null, subproblems, note: `hidden layer ${l + 1}, unit ${unit.id} (target: class ${j} against the rest): ${found}` };
      parameters[unit.id] = found[unit.id];
    }
    codes = codes.map((z) => layer.map((u) => Rational.of(BigInt(evaluateUnit(u, parameters[u.id], z)))));
  }
  const width = codes[0]?.length ?? (layers.hidden.at(-1)?.length ?? instance.network.inputs);
  const sub: Instance = {
    network: { inputs: width, units: layers.output.map(alone), outputs: instance.network.outputs, ...(classes !== undefined ? { classes } : {}) },
    examples: instance.examples.map((e, i) => ({ ...e, x: codes[i] })),
  };
  const found = await solveOne(sub);
  if (typeof found === 'string') return { parameters: null, subproblems, note: `output layer on the hidden codes: ${found}` };
  for (const u of layers.output) parameters[u.id] = found[u.id];
  return { parameters, subproblems, note: '' };
}
