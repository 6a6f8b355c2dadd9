/**
 * Real networks and the behaviour they induce, for the encoding-completeness property:
 * a random network (every unit kind, units reading units at any depth, real-weight and
 * integer-weight threshold units mixed), random examples whose network inputs are 0/1,
 * integers or rationals (0/1 wherever a gate, a lookup unit or an output reads them),
 * random parameters (rational real weights; integers inside an `integerWeights` range;
 * thresholds often placed exactly on a weighted sum seen on the examples, so that ties
 * w.z = t, where the unit outputs 1, are common), and every unit's output on every
 * example, computed by exact evaluation (src/model/evaluate.ts).
 *
 * The labels are the network's own outputs, so the instance is trainable by construction
 * (the parameters are a witness). With `minCorrect`, some examples get a wrong label and
 * minCorrect counts the others: the behaviour gets exactly those right.
 */
import fc from 'fast-check';
import { booleanInputs } from '../../src/arbitraries/inputs.js';
import { evaluateUnit } from '../../src/model/evaluate.js';
import { expandPreset, PRESET_NAMES, type PresetName } from '../../src/model/presets.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, IntegerRange, Network, Parameters, Unit, UnitKind } from '../../src/model/types.js';

export interface PlantedBehaviour {
  instance: Instance;
  params: Parameters;
  /** behaviour.get(unit id)[e]: the unit's output on example e under `params`. */
  behaviour: Map<string, (0 | 1)[]>;
  /** Per example: every output matches its label. */
  correct: boolean[];
}

export type InputKind = 'bool' | 'int' | 'rational';

export interface BehaviourOptions {
  maxInputs?: number;
  maxUnits?: number;
  maxExamples?: number;
  kinds?: readonly UnitKind[];
  inputKinds?: readonly InputKind[];
  /** Allow integer-weight threshold units (default true). */
  integerWeights?: boolean;
  /** Allow real-weight threshold units (default true). */
  realWeights?: boolean;
  /** Sometimes flip labels and ask for minCorrect (default true). */
  minCorrect?: boolean;
}

const ALL_KINDS: readonly UnitKind[] = ['threshold', 'threshold', 'threshold', 'threshold', 'threshold', 'lookup', 'and', 'or', 'nand', 'nor', 'xor', 'not', 'fixed-threshold'];
const RANGES: readonly IntegerRange[] = [
  { min: -2, max: 2 },
  { min: 0, max: 1 },
  { min: -1, max: 3 },
  { min: -3, max: 0 },
];

const rational = (maxNum: number, maxDen: number) =>
  fc.record({ num: fc.integer({ min: -maxNum, max: maxNum }), den: fc.integer({ min: 1, max: maxDen }) }).map(({ num, den }) => Rational.of(num, den));

/** A value once in `every` draws, null otherwise. */
const rarely = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const unitDraw = fc.record({
  kind: fc.nat(),
  /** Read the previous unit (so that networks are deep more often than not). */
  chain: fc.nat({ max: 2 }),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  weightKind: fc.nat({ max: RANGES.length }),
  fixedWeights: fc.array(rational(4, 3), { minLength: 3, maxLength: 3 }),
  fixedThreshold: rational(6, 3),
  realWeights: fc.array(rational(5, 3), { minLength: 3, maxLength: 3 }),
  realThreshold: rational(6, 3),
  intWeights: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }),
  intThreshold: fc.integer({ min: -3, max: 3 }),
  /** Place the threshold on the weighted sum of this example (when it fits), else random. */
  onSum: fc.option(fc.nat(), { freq: 2 }),
  table: fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: 8, maxLength: 8 }),
});

const valueDraw = fc.record({ bit: fc.integer({ min: 0, max: 1 }), int: fc.integer({ min: -3, max: 3 }), rat: rational(6, 4) });

export function plantedBehaviour(o: BehaviourOptions = {}): fc.Arbitrary<PlantedBehaviour> {
  const maxInputs = o.maxInputs ?? 3;
  const kinds = (o.kinds ?? ALL_KINDS).filter((k) => k !== 'threshold' || o.integerWeights !== false || o.realWeights !== false);
  // Rational inputs are the rarest in other tests and the easiest to get wrong: weight them up.
  const inputKinds = o.inputKinds ?? (['bool', 'int', 'rational', 'rational'] as const);
  return fc
    .record({
      n: fc.integer({ min: 1, max: maxInputs }),
      units: fc.array(unitDraw, { minLength: 1, maxLength: o.maxUnits ?? 4 }),
      columnKinds: fc.array(fc.constantFrom(...inputKinds), { minLength: maxInputs, maxLength: maxInputs }),
      pool: fc.array(fc.array(valueDraw, { minLength: maxInputs, maxLength: maxInputs }), { minLength: 1, maxLength: 5 }),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: o.maxExamples ?? 7 }),
      extraOutput: fc.option(fc.nat(), { freq: 3 }),
      /** Sometimes a network input is an output too (it must then be 0/1). */
      inputOutput: rarely(fc.nat(), 6),
      /** Sometimes a preset architecture instead of a random DAG. */
      preset: rarely(fc.constantFrom<PresetName>(...PRESET_NAMES), 4),
      flips: o.minCorrect === false ? fc.constant(null) : rarely(fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), 3),
    })
    .map((d) => {
      // Network.
      const nodes = Array.from({ length: d.n }, (_, i) => `x${i}`);
      const units: Unit[] = [];
      const realAllowed = o.realWeights !== false;
      const intAllowed = o.integerWeights !== false;
      d.units.forEach((s, i) => {
        const kind = kinds[s.kind % kinds.length];
        const maxFan = kind === 'not' ? 1 : 3;
        const picked = s.picks.map((p) => nodes[p % nodes.length]);
        if (s.chain > 0 && i > 0) picked.unshift(units[i - 1].id);
        const inputs = [...new Set(picked)].slice(0, maxFan);
        const u: Unit = { id: `u${i}`, kind, inputs };
        if (kind === 'threshold') {
          const useInt = intAllowed && (!realAllowed || s.weightKind < RANGES.length);
          if (useInt) u.integerWeights = { ...RANGES[s.weightKind % RANGES.length] };
        }
        if (kind === 'fixed-threshold') {
          u.weights = inputs.map((_, j) => s.fixedWeights[j]);
          u.threshold = s.fixedThreshold;
        }
        units.push(u);
        nodes.push(u.id);
      });
      const outputs = [units[units.length - 1].id];
      if (d.extraOutput !== null) {
        const id = units[d.extraOutput % units.length].id;
        if (!outputs.includes(id)) outputs.push(id);
      }
      if (d.inputOutput !== null) outputs.push(`x${d.inputOutput % d.n}`);
      const network: Network =
        d.preset !== null && (realAllowed || intAllowed)
          ? expandPreset(d.preset, d.n, realAllowed ? {} : { integerWeights: RANGES[0] })
          : { inputs: d.n, units, outputs };
      if (network.units !== units) {
        units.length = 0;
        units.push(...network.units);
      }

      // Examples' inputs.
      const bool = booleanInputs(network);
      const xs = d.picks.map((p) =>
        d.pool[p % d.pool.length].slice(0, d.n).map((v, i) => {
          const kind = bool.has(i) ? 'bool' : d.columnKinds[i];
          return kind === 'bool' ? Rational.of(v.bit) : kind === 'int' ? Rational.of(v.int) : v.rat;
        }),
      );

      // Parameters and behaviour, unit by unit.
      const params: Parameters = {};
      const behaviour = new Map<string, (0 | 1)[]>();
      const valueOf = (name: string, e: number): Rational => {
        const b = behaviour.get(name);
        if (b) return b[e] === 1 ? Rational.ONE : Rational.ZERO;
        return xs[e][Number(name.slice(1))];
      };
      units.forEach((u, i) => {
        const s = d.units[i % d.units.length];
        const k = u.inputs.length;
        const zs = xs.map((_, e) => u.inputs.map((name) => valueOf(name, e)));
        if (u.kind === 'lookup') params[u.id] = { table: Array.from({ length: 2 ** k }, (_, j) => s.table[j % s.table.length]) };
        if (u.kind === 'threshold') {
          const r = u.integerWeights;
          const weights = r
            ? Array.from({ length: k }, (_, j) => Rational.of(Math.min(r.max, Math.max(r.min, s.intWeights[j]))))
            : Array.from({ length: k }, (_, j) => s.realWeights[j]);
          let threshold = r ? Rational.of(Math.min(r.max, Math.max(r.min, s.intThreshold))) : s.realThreshold;
          if (s.onSum !== null && zs.length > 0) {
            const z = zs[s.onSum % zs.length];
            const sum = z.reduce((acc, v, j) => acc.add(weights[j].mul(v)), Rational.ZERO);
            if (!r || (sum.isInteger() && sum.cmp(Rational.of(r.min)) >= 0 && sum.cmp(Rational.of(r.max)) <= 0)) threshold = sum;
          }
          params[u.id] = { weights, threshold };
        }
        behaviour.set(
          u.id,
          zs.map((z) => evaluateUnit(u, params[u.id], z)),
        );
      });

      // Labels: the network's outputs, some flipped when minCorrect is asked for.
      const flips = d.flips;
      const correct = xs.map((_, e) => !(flips !== null && flips[e % flips.length]));
      const examples = xs.map((x, e) => ({
        x,
        y: network.outputs.map((id, j) => {
          const v = valueOf(id, e).num === 1n ? 1 : 0;
          return (j === 0 && !correct[e] ? 1 - v : v) as 0 | 1;
        }),
      }));
      const instance: Instance = { network, examples };
      if (flips !== null) instance.minCorrect = correct.filter(Boolean).length;
      // The generator only builds valid instances; the parser is the judge of that.
      parseInstanceValue(JSON.parse(JSON.stringify(toJson(instance))));
      return { instance, params, behaviour, correct };
    });
}

/** The instance as JSON (rationals as "p/q" strings). */
export function toJson(instance: Instance): unknown {
  const r = (v: Rational) => (v.den === 1n ? Number(v.num) : `${v.num}/${v.den}`);
  return {
    network: {
      inputs: instance.network.inputs,
      units: instance.network.units.map((u) => ({
        ...u,
        ...(u.weights ? { weights: u.weights.map(r) } : {}),
        ...(u.threshold !== undefined ? { threshold: r(u.threshold) } : {}),
      })),
      outputs: instance.network.outputs,
    },
    examples: instance.examples.map((ex) => ({ x: ex.x.map(r), y: ex.y })),
    ...(instance.minCorrect !== undefined ? { minCorrect: instance.minCorrect } : {}),
  };
}

/**
 * The mix the completeness tests draw from: everything, and half of the time networks of
 * mostly threshold units over non-integer inputs, where every input of a unit has to be
 * scaled consistently (units reading units and rational constants at once).
 */
export function plantedBehaviourMix(o: Omit<BehaviourOptions, 'kinds' | 'inputKinds'> = {}): fc.Arbitrary<PlantedBehaviour> {
  return fc.oneof(
    plantedBehaviour(o),
    plantedBehaviour({ ...o, kinds: ['threshold', 'threshold', 'threshold', 'and', 'lookup', 'fixed-threshold'], inputKinds: ['rational', 'rational', 'int'] }),
  );
}
