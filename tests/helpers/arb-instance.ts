/**
 * fast-check arbitrary of tiny, valid instances covering every unit kind, real and
 * integer weights, with and without minCorrect: small enough for brute force.
 */
import fc from 'fast-check';
import { Rational } from '../../src/model/rational.js';
import type { Instance, Unit, UnitKind } from '../../src/model/types.js';

const KINDS: UnitKind[] = ['threshold', 'threshold', 'lookup', 'and', 'or', 'nand', 'nor', 'xor', 'not', 'fixed-threshold'];

export interface TinyOptions {
  maxInputs?: number;
  maxUnits?: number;
  maxExamples?: number;
  kinds?: UnitKind[];
  minCorrect?: boolean;
  integerWeights?: boolean;
}

export function tinyInstance(o: TinyOptions = {}): fc.Arbitrary<Instance> {
  const maxInputs = o.maxInputs ?? 3;
  const maxUnits = o.maxUnits ?? 3;
  const maxExamples = o.maxExamples ?? 6;
  const kinds = o.kinds ?? KINDS;
  return fc
    .record({
      n: fc.integer({ min: 1, max: maxInputs }),
      unitSeeds: fc.array(
        fc.record({
          kind: fc.constantFrom(...kinds),
          picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
          intW: o.integerWeights === false ? fc.constant(null) : fc.option(fc.record({ lo: fc.integer({ min: -2, max: 0 }), hi: fc.integer({ min: 0, max: 2 }) }), { freq: 3 }),
          fixedW: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }),
          fixedT: fc.integer({ min: -2, max: 3 }),
        }),
        { minLength: 1, maxLength: maxUnits },
      ),
      rows: fc.array(fc.tuple(fc.array(fc.boolean(), { minLength: maxInputs, maxLength: maxInputs }), fc.boolean(), fc.boolean()), {
        minLength: 1,
        maxLength: maxExamples,
      }),
      twoOutputs: fc.boolean(),
      minCorrect: o.minCorrect === false ? fc.constant(null) : fc.option(fc.nat(), { freq: 3 }),
    })
    .map(({ n, unitSeeds, rows, twoOutputs, minCorrect }) => {
      const nodes = Array.from({ length: n }, (_, i) => `x${i}`);
      const units: Unit[] = [];
      unitSeeds.forEach((s, idx) => {
        const id = `u${idx}`;
        const maxFan = s.kind === 'lookup' ? 2 : 3;
        let inputs = [...new Set(s.picks.map((p) => nodes[p % nodes.length]))].slice(0, maxFan);
        if (s.kind === 'not') inputs = inputs.slice(0, 1);
        const unit: Unit = { id, kind: s.kind, inputs };
        if (s.kind === 'threshold' && s.intW) unit.integerWeights = { min: s.intW.lo, max: s.intW.hi };
        if (s.kind === 'fixed-threshold') {
          unit.weights = inputs.map((_, i) => Rational.of(s.fixedW[i]));
          unit.threshold = Rational.of(s.fixedT);
        }
        units.push(unit);
        nodes.push(id);
      });
      const last = units[units.length - 1].id;
      const outputs = twoOutputs && units.length > 1 ? [units[0].id, last] : [last];
      const examples = rows.map(([x, y0, y1]) => ({
        x: x.slice(0, n).map((b) => (b ? Rational.ONE : Rational.ZERO)),
        y: (outputs.length === 2 ? [y0, y1] : [y0]).map((b) => (b ? 1 : 0)) as (0 | 1)[],
      }));
      const inst: Instance = { network: { inputs: n, units, outputs }, examples };
      if (minCorrect !== null) inst.minCorrect = Math.max(0, examples.length - (minCorrect % 3));
      return inst;
    });
}
