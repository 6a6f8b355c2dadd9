/**
 * fast-check generators of small random networks, parameters and examples for the model
 * tests (evaluation vs. a float reference, brute force vs. naive enumeration, JSON
 * round trips). Networks are built from plain numbers so shrinking stays meaningful:
 * unit i picks its inputs among x0..x{n-1} and the units before it, so the result is a
 * valid DAG by construction.
 */
import fc from 'fast-check';
import { Rational } from '../../src/model/rational.js';
import type { Example, Instance, LookupParams, Network, Parameters, ThresholdParams, Unit, UnitKind } from '../../src/model/types.js';

export interface NetworkOptions {
  maxInputs?: number;
  maxUnits?: number;
  maxFanIn?: number;
  kinds?: readonly UnitKind[];
  /** integerWeights for every threshold unit (absent: real weights). */
  integerWeights?: { min: number; max: number };
}

const ALL_KINDS: readonly UnitKind[] = ['threshold', 'lookup', 'fixed-threshold', 'and', 'or', 'nand', 'nor', 'xor', 'not'];

export function arbNetwork(opts: NetworkOptions = {}): fc.Arbitrary<Network> {
  const maxInputs = opts.maxInputs ?? 3;
  const maxUnits = opts.maxUnits ?? 4;
  const maxFanIn = opts.maxFanIn ?? 3;
  const kinds = opts.kinds ?? ALL_KINDS;
  const unitSpec = fc.record({
    kind: fc.constantFrom(...kinds),
    picks: fc.array(fc.nat(), { minLength: 0, maxLength: maxFanIn }),
    fixedW: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: maxFanIn, maxLength: maxFanIn }),
    fixedT: fc.integer({ min: -2, max: 3 }),
  });
  return fc
    .record({
      n: fc.integer({ min: 1, max: maxInputs }),
      units: fc.array(unitSpec, { minLength: 1, maxLength: maxUnits }),
      extraOutputs: fc.array(fc.nat(), { maxLength: 1 }),
    })
    .map(({ n, units: specs, extraOutputs }) => {
      const units: Unit[] = [];
      specs.forEach((s, i) => {
        const avail = [...Array.from({ length: n }, (_, j) => `x${j}`), ...units.map((u) => u.id)];
        let picks = s.picks;
        if (s.kind === 'not') picks = [picks[0] ?? i];
        const inputs = picks.map((p) => avail[p % avail.length]);
        const u: Unit = { id: `u${i}`, kind: s.kind, inputs };
        if (s.kind === 'threshold' && opts.integerWeights) u.integerWeights = { ...opts.integerWeights };
        if (s.kind === 'fixed-threshold') {
          u.weights = inputs.map((_, j) => Rational.of(s.fixedW[j]));
          u.threshold = Rational.of(s.fixedT);
        }
        units.push(u);
      });
      const outputs = [units[units.length - 1].id, ...extraOutputs.map((p) => units[p % units.length].id)];
      return { inputs: n, units, outputs };
    });
}

/** Indices of network inputs that must be 0/1 (they feed a lookup or gate unit, or are outputs). */
export function booleanInputs(network: Network): Set<number> {
  const s = new Set<number>();
  for (const u of network.units) {
    if (u.kind === 'threshold' || u.kind === 'fixed-threshold') continue;
    for (const name of u.inputs) if (/^x\d+$/.test(name)) s.add(Number(name.slice(1)));
  }
  for (const name of network.outputs) if (/^x\d+$/.test(name)) s.add(Number(name.slice(1)));
  return s;
}

/** Random integer parameters for every trainable unit (weights and thresholds in [-3, 3]). */
export function arbParams(network: Network, range = 3): fc.Arbitrary<Parameters> {
  const parts: Record<string, fc.Arbitrary<ThresholdParams | LookupParams>> = {};
  for (const u of network.units) {
    const k = u.inputs.length;
    if (u.kind === 'lookup') {
      parts[u.id] = fc
        .array(fc.constantFrom<0 | 1>(0, 1), { minLength: 2 ** k, maxLength: 2 ** k })
        .map((table) => ({ table }));
    } else if (u.kind === 'threshold') {
      const lo = u.integerWeights?.min ?? -range;
      const hi = u.integerWeights?.max ?? range;
      parts[u.id] = fc
        .record({
          w: fc.array(fc.integer({ min: lo, max: hi }), { minLength: k, maxLength: k }),
          t: fc.integer({ min: lo, max: hi }),
        })
        .map(({ w, t }) => ({ weights: w.map((v) => Rational.of(v)), threshold: Rational.of(t) }));
    }
  }
  return fc.record(parts) as fc.Arbitrary<Parameters>;
}

/** A random input vector: 0/1 where required, small integers (-2..2) elsewhere. */
export function arbInput(network: Network, allBoolean = false): fc.Arbitrary<Rational[]> {
  const bool = booleanInputs(network);
  return fc.tuple(
    ...Array.from({ length: network.inputs }, (_, i) =>
      allBoolean || bool.has(i) ? fc.integer({ min: 0, max: 1 }) : fc.integer({ min: -2, max: 2 }),
    ),
  ).map((xs) => xs.map((v) => Rational.of(v)));
}

/** A random instance over the network: distinct or repeated 0/1 examples with random labels. */
export function arbInstance(network: Network, maxExamples = 4): fc.Arbitrary<Instance> {
  const example: fc.Arbitrary<Example> = fc.record({
    x: arbInput(network, true),
    y: fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: network.outputs.length, maxLength: network.outputs.length }),
  });
  return fc.array(example, { minLength: 0, maxLength: maxExamples }).chain((examples) =>
    fc.option(fc.integer({ min: 0, max: examples.length }), { nil: undefined }).map((minCorrect) => {
      const inst: Instance = { network, examples };
      if (minCorrect !== undefined) inst.minCorrect = minCorrect;
      return inst;
    }),
  );
}
