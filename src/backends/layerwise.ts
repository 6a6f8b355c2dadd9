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
 * Narrower networks. When no code scheme fits, the network with every hidden layer cut to
 * 1, 2, 3, 4, 6, ... units goes to the complete search's solver, in rounds of doubling
 * time slices, and its parameters are widened by idle units weighed 0 (narrowerWidths): a small
 * network is a far smaller CNF with fewer interchangeable units.
 *
 * Complete search. When a target cannot be fitted, or HiGHS gives no answer (with a
 * budget, the witness search stops at half of it), the whole instance goes to the
 * bit-blasted CNF on CaDiCaL (./bitblast.ts) with the budget left:
 * its `untrainable` is as good as the CNF (and certifiable), its `trainable` is checked.
 * HiGHS's floating-point infeasibility claims are never taken as an answer here.
 */
import { evaluateUnit } from '../model/evaluate.js';
import { inputNames, layersOf, oneVsRestShaped, type Layers } from '../model/layers.js';
import { validatedInstance } from '../model/parse.js';
import { Rational } from '../model/rational.js';
import type { Example, Instance, Parameters, ThresholdParams, Unit } from '../model/types.js';
import { idleWeight } from '../model/weight-bound.js';
import { bitblastBackend } from './bitblast.js';
import { highsBackend } from './mip.js';
import type { Backend, BackendOptions } from './types.js';

/** The parameters of an idle unit: every weight and the threshold the allowed value nearest 0. */
function idleParameters(unit: Unit): ThresholdParams {
  const v = Rational.of(idleWeight(unit.integerWeights!));
  return { weights: unit.inputs.map(() => v), threshold: v };
}

/** The unit alone, reading inputs x0..x{k-1}. */
const alone = (unit: Unit): Unit => ({ ...unit, inputs: inputNames(unit.inputs.length) });

/** The layer-by-layer backend; `complete` answers when the witness search does not (default CaDiCaL on the CNF). */
export function layerwiseBackend(complete: Backend = bitblastBackend('cadical'), witnessSolver: Backend = highsBackend()): Backend {
  return {
    async run(instance, opts) {
      const t0 = performance.now();
      const left = timeLeft(opts.timeoutMs);
      // The witness search stops at half the budget, so the complete search always gets a share.
      const witness = await witnessSearch(instance, witnessSolver, complete, { ...opts, timeoutMs: undefined }, timeLeft(opts.timeoutMs && opts.timeoutMs / 2));
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

/** Milliseconds left of a budget starting now (undefined without a budget). */
function timeLeft(budgetMs: number | undefined): () => number | undefined {
  if (budgetMs === undefined) return () => undefined;
  const deadline = performance.now() + budgetMs;
  return () => Math.max(0, Math.round(deadline - performance.now()));
}

interface WitnessResult {
  parameters: Parameters | null;
  subproblems: number;
  note: string;
}

/**
 * Target codes for the hidden units: per targeted unit, its wanted output on an example,
 * or null where any output will do.
 */
interface CodeScheme {
  name: string;
  targets: { describe: string; wants: (e: Example) => 0 | 1 | null }[];
}

/** One unit per class, firing on its class (without classes: one unit firing on y = 1). */
function oneVsRest(classes: number | undefined): CodeScheme {
  if (classes === undefined) return { name: 'the labels', targets: [{ describe: 'y', wants: (e) => e.y[0] }] };
  const targets = Array.from({ length: classes }, (_, c) => ({ describe: `class ${c} against the rest`, wants: (e: Example) => (e.label === c ? 1 : 0) as 0 | 1 }));
  return { name: 'one-vs-rest', targets };
}

/**
 * One unit per pair of classes a < b, firing on a and not on b, any output on the other
 * classes. Its codes always admit an output layer with weights in {-1, 0, 1}: class c's
 * score counts the pairwise votes for c, which only an example of c gives all of.
 */
function oneVsOne(classes: number): CodeScheme {
  const targets: CodeScheme['targets'] = [];
  for (let a = 0; a < classes; a++) {
    for (let b = a + 1; b < classes; b++) targets.push({ describe: `class ${a} against class ${b}`, wants: (e) => (e.label === a ? 1 : e.label === b ? 0 : null) });
  }
  return { name: 'one-vs-one', targets };
}

/**
 * The code schemes tried in turn, those the hidden layers are wide enough for: one-vs-rest
 * (C units), then one-vs-one (C (C - 1) / 2 units, for classes one unit cannot cut from
 * the rest, such as a class lying between two others).
 */
function codeSchemes(instance: Instance, layers: Layers): CodeScheme[] {
  const { classes } = instance.network;
  const schemes = [oneVsRest(classes)];
  if (classes !== undefined && classes > 2) schemes.push(oneVsOne(classes));
  const narrowest = Math.min(...layers.hidden.map((layer) => layer.length));
  return schemes.filter((s) => s.targets.length <= narrowest);
}

async function witnessSearch(instance: Instance, solver: Backend, complete: Backend, opts: BackendOptions, left: () => number | undefined): Promise<WitnessResult> {
  const layers = layersOf(instance.network);
  if (!layers || !oneVsRestShaped(instance, layers)) return { parameters: null, subproblems: 0, note: 'not a layered network with hidden layers at least as wide as the classes' };
  let subproblems = 0;
  const notes: string[] = [];
  const solveOne = async (sub: Instance): Promise<Parameters | string> => {
    const budget = left();
    if (budget === 0) return 'the budget ran out';
    subproblems++;
    const run = await solver.run(validatedInstance(sub), { ...opts, timeoutMs: budget });
    if (run.status === 'trainable' && run.parameters) return run.parameters;
    return run.status === 'untrainable' ? 'not fittable' : `no answer (${run.unknown?.message ?? 'unknown'})`;
  };
  for (const scheme of codeSchemes(instance, layers)) {
    const found = await withCodes(instance, layers, scheme, solveOne);
    if (typeof found !== 'string') return { parameters: found, subproblems, note: '' };
    notes.push(`${scheme.name}: ${found}`);
    if (left() === 0) return { parameters: null, subproblems, note: notes.join('; ') };
  }
  // Rounds over the widths still open, smallest first, with slices doubling from
  // NARROW_FIRST_SLICE_MS: a width proved untrainable leaves the rounds, and one that needs
  // a long proof does not hold up a wider one that fits at once. Without a budget the
  // rounds stop after a slice of NARROW_LAST_SLICE_MS.
  let open = narrowerWidths(instance, layers);
  const outcome = new Map<number, string>();
  for (let slice = NARROW_FIRST_SLICE_MS; open.length > 0; slice *= 2) {
    for (const width of open) {
      const budget = left();
      if (budget === 0) break;
      subproblems++;
      const run = await complete.run(narrowed(instance, layers, width), { ...opts, timeoutMs: budget === undefined ? slice : Math.min(slice, budget) });
      if (run.status === 'trainable' && run.parameters) return { parameters: widened(layers, width, run.parameters), subproblems, note: '' };
      outcome.set(width, run.status);
    }
    open = open.filter((w) => outcome.get(w) === 'unknown');
    if (left() === 0 || (left() === undefined && slice >= NARROW_LAST_SLICE_MS)) break;
  }
  notes.push(...[...outcome].map(([w, status]) => `width ${w}: ${status}`));
  return { parameters: null, subproblems, note: notes.join('; ') };
}

/** The first and (without a budget) the last time slice of a narrower network. */
export const NARROW_FIRST_SLICE_MS = 1_000;
export const NARROW_LAST_SLICE_MS = 8_000;

/**
 * Hidden widths tried below the network's own, when an idle unit (weights and threshold 0,
 * output 1 everywhere) can stand for a missing one, i.e. 0 is an allowed weight of every
 * unit: then parameters of the network with every hidden layer cut to its first w units,
 * widened by idle units that every reader weighs 0, compute the same outputs. Widths
 * 1, 2, 3, 4, 6, 8, 12, ... below the narrowest layer, smallest first: a narrower
 * network has a smaller CNF and fewer interchangeable units to search through.
 */
function narrowerWidths(instance: Instance, layers: Layers): number[] {
  if (layers.hidden.length === 0) return [];
  const units = instance.network.units;
  if (!units.every((u) => u.integerWeights!.min <= 0 && u.integerWeights!.max >= 0)) return [];
  const narrowest = Math.min(...layers.hidden.map((layer) => layer.length));
  const widths: number[] = [];
  for (let w = 1; w < narrowest; w = w < 4 ? w + 1 : w + (w >> 1)) widths.push(w);
  return widths;
}

/** The instance with every hidden layer cut to its first `width` units. */
function narrowed(instance: Instance, layers: Layers, width: number): Instance {
  const cut = layers.hidden.map((layer) => layer.slice(0, width));
  const units = cut.flatMap((layer, l) => layer.map((u) => (l === 0 ? u : { ...u, inputs: cut[l - 1].map((v) => v.id) })));
  const last = cut.at(-1)!.map((v) => v.id);
  units.push(...layers.output.map((u) => ({ ...u, inputs: last })));
  return { ...instance, network: { ...instance.network, units } };
}

/** Parameters of the narrowed network as parameters of the whole one: idle units (all 0, as narrowerWidths allows), weighed 0. */
function widened(layers: Layers, width: number, narrow: Parameters): Parameters {
  const zero = Rational.ZERO;
  const params: Parameters = {};
  const widen = (u: Unit) => {
    const p = narrow[u.id] as ThresholdParams;
    params[u.id] = { weights: u.inputs.map((_, i) => p.weights[i] ?? zero), threshold: p.threshold };
  };
  layers.hidden.forEach((layer, l) =>
    layer.forEach((u, j) => {
      if (j >= width) params[u.id] = idleParameters(u);
      else if (l === 0) params[u.id] = narrow[u.id];
      else widen(u);
    }),
  );
  layers.output.forEach(widen);
  return params;
}

/** Parameters fitting the instance with the scheme's hidden codes, or why there are none. */
async function withCodes(instance: Instance, layers: Layers, scheme: CodeScheme, solveOne: (sub: Instance) => Promise<Parameters | string>): Promise<Parameters | string> {
  const { classes } = instance.network;
  const parameters: Parameters = {};
  // The current layer's inputs on every example, exactly.
  let codes: Rational[][] = instance.examples.map((e) => e.x);
  for (const [l, layer] of layers.hidden.entries()) {
    for (const [j, unit] of layer.entries()) {
      const target = scheme.targets[j];
      if (!target) {
        parameters[unit.id] = idleParameters(unit);
        continue;
      }
      const examples = instance.examples.flatMap((e, i) => {
        const y = target.wants(e);
        return y === null ? [] : [{ x: codes[i], y: [y] }];
      });
      const sub: Instance = { network: { inputs: unit.inputs.length, units: [alone(unit)], outputs: [unit.id] }, examples };
      const found = await solveOne(sub);
      if (typeof found === 'string') return `hidden layer ${l + 1}, unit ${unit.id} (${target.describe}): ${found}`;
      parameters[unit.id] = found[unit.id];
    }
    codes = codes.map((z) => layer.map((u) => Rational.of(BigInt(evaluateUnit(u, parameters[u.id], z)))));
  }
  const width = layers.hidden.at(-1)?.length ?? instance.network.inputs;
  const sub: Instance = {
    network: { inputs: width, units: layers.output.map(alone), outputs: instance.network.outputs, ...(classes !== undefined ? { classes } : {}) },
    examples: instance.examples.map((e, i) => ({ ...e, x: codes[i] })),
  };
  const found = await solveOne(sub);
  if (typeof found === 'string') return `output layer on the hidden codes: ${found}`;
  for (const u of layers.output) parameters[u.id] = found[u.id];
  return parameters;
}
