/**
 * The circuit encoder's two modes (src/encode/circuit.ts): what each one encodes and how
 * (bit-blasted boxes, theory units, relevance, lookup tables, shared patterns), and that
 * both see the same input patterns on random tiny instances.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeOf } from '../../src/cnf/arith.js';
import { encodeCircuit, isConst } from '../../src/encode/circuit.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, Unit } from '../../src/model/types.js';
import { completeBox } from '../../src/model/weight-bound.js';
import { tinyInstance } from '../helpers/arb-instance.js';

const bits = (v: number[]) => v.map((b) => (b ? Rational.ONE : Rational.ZERO));

/** h1, h2 threshold units on x0, x1; an unread lookup; out = threshold(h1, h2). */
function hidden(extra: Unit[] = []): Instance {
  return {
    network: {
      inputs: 2,
      units: [
        { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1'] },
        { id: 'h2', kind: 'threshold', inputs: ['x0', 'x1'] },
        { id: 'unread', kind: 'lookup', inputs: ['x0'] },
        ...extra,
        { id: 'out', kind: 'threshold', inputs: ['h1', 'h2'] },
      ],
      outputs: ['out'],
    },
    examples: [
      { x: bits([0, 0]), y: [0] },
      { x: bits([0, 1]), y: [1] },
      { x: bits([1, 0]), y: [1] },
      { x: bits([0, 1]), y: [1] },
      { x: bits([1, 1]), y: [0] },
    ],
  };
}

describe('circuit encoder', () => {
  it("'bit-blast': every unit encoded, real weights in the complete box, tables allocated whole", () => {
    const c = encodeCircuit(hidden(), { realWeights: 'bit-blast' });
    expect(c.theories).toEqual([]);
    expect(c.irrelevant).toEqual([]);
    expect(c.patterns).toEqual({ h1: 4, h2: 4, unread: 2, out: 4 });
    expect(c.thresholds.map((t) => t.unit.id)).toEqual(['h1', 'h2', 'out']);
    for (const t of c.thresholds) {
      const box = completeBox(t.unit, 'boolean');
      for (const w of t.weights) expect(rangeOf(w)).toEqual({ min: box.weight[0], max: box.weight[1] });
      expect(rangeOf(t.threshold)).toEqual({ min: box.threshold[0], max: box.threshold[1] });
    }
    expect([...c.lookups[0].entries.keys()]).toEqual([0, 1]);
    expect(c.symmetricGroups).toEqual([['h1', 'h2']]);
    expect(c.polarityFixed).toEqual([]);
  });

  it("'theory': real weights left to the theory, unread units left out, complement symmetry fixed", () => {
    const c = encodeCircuit(hidden(), { realWeights: 'theory' });
    expect(c.thresholds).toEqual([]);
    expect(c.irrelevant.map((u) => u.id)).toEqual(['unread']);
    expect(c.patterns).toEqual({ h1: 4, h2: 4, out: 4 });
    expect(c.theories.map((t) => [t.unit.id, t.mode, t.constant])).toEqual([
      ['h1', 'points', true],
      ['h2', 'points', true],
      ['out', 'table', false],
    ]);
    expect(c.theories[2].table).toHaveLength(4);
    expect(c.circuit.map((n) => n.src)).toEqual([[-1, -1], [-1, -1], [0, 1]]);
    expect(c.outputNodes).toEqual([2]);
    expect(c.symmetricGroups).toEqual([['h1', 'h2']]);
    expect(c.polarityFixed).toEqual(['h1', 'h2']);
    // tableMaxFanin 0: the output unit is a 'points' theory too.
    const points = encodeCircuit(hidden(), { realWeights: 'theory', tableMaxFanin: 0 });
    expect(points.theories.map((t) => t.mode)).toEqual(['points', 'points', 'points']);
  });

  it("'theory': integer weights are bit-blasted in their declared box; lookup entries on first use", () => {
    const inst = hidden([{ id: 'g', kind: 'lookup', inputs: ['x0', 'h1'] }]);
    inst.network.units[1] = { ...inst.network.units[1], integerWeights: { min: -1, max: 3 } };
    inst.network.units.find((u) => u.id === 'out')!.inputs = ['g', 'h2'];
    const c = encodeCircuit(inst, { realWeights: 'theory' });
    expect(c.thresholds.map((t) => t.unit.id)).toEqual(['h2']);
    expect(rangeOf(c.thresholds[0].weights[0])).toEqual({ min: -1n, max: 3n });
    // g reads (x0, h1): x0 = 0 selects entries 0..1 only, x0 = 1 entries 2..3.
    expect(c.lookups.map((l) => l.unit.id)).toEqual(['g']);
    expect(c.lookups[0].entries.size).toBe(4);
    const noX1 = encodeCircuit({ ...inst, examples: inst.examples.filter((ex) => ex.x[0].eq(Rational.ZERO)) }, { realWeights: 'theory' });
    expect([...noX1.lookups[0].entries.keys()].sort()).toEqual([0, 1]);
    // h1 is read by a lookup only: its complement is absorbed; h2 (integer weights) is not a theory.
    expect(c.polarityFixed).toEqual(['h1']);
  });

  it('examples with the same inputs share outputs; units reading the same inputs share patterns', () => {
    for (const realWeights of ['bit-blast', 'theory'] as const) {
      const c = encodeCircuit(hidden(), { realWeights });
      const h1 = c.values.get('h1')!;
      expect(h1[1]).toBe(h1[3]);
      expect(new Set(h1).size).toBe(4);
      expect(c.circuit[0].rows).toBe(c.circuit[1].rows);
      expect(Array.from(c.circuit[0].patOf)).toEqual([0, 1, 2, 1, 3]);
    }
  });

  it('fixed gates on constant inputs fold to constants; outputs become unit clauses or a correct literal', () => {
    const inst: Instance = {
      network: { inputs: 2, units: [{ id: 'a', kind: 'and', inputs: ['x0', 'x1'] }], outputs: ['a'] },
      examples: [
        { x: bits([1, 1]), y: [1] },
        { x: bits([0, 1]), y: [1] },
      ],
    };
    const c = encodeCircuit(inst, { realWeights: 'bit-blast' });
    expect(c.values.get('a')!.every(isConst)).toBe(true);
    expect(c.cnf.clauses).toContainEqual([]); // example 1 is wrong whatever the parameters
    const some = encodeCircuit({ ...inst, minCorrect: 1 }, { realWeights: 'bit-blast' });
    expect(some.cnf.clauses).not.toContainEqual([]);
    expect(some.correct).toEqual([1, -1]);
  });

  it('both modes see the same patterns on every unit an output depends on', () => {
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        const blasted = encodeCircuit(inst, { realWeights: 'bit-blast' });
        const theory = encodeCircuit(inst, { realWeights: 'theory' });
        for (const [id, n] of Object.entries(theory.patterns)) expect(blasted.patterns[id]).toBe(n);
        const encoded = new Set(Object.keys(theory.patterns));
        for (const u of inst.network.units) {
          const trainable = u.kind === 'threshold' || u.kind === 'lookup';
          expect(encoded.has(u.id) || (trainable && theory.irrelevant.includes(u)) || !trainable).toBe(true);
        }
        expect(Object.keys(blasted.patterns)).toEqual(inst.network.units.map((u) => u.id));
      }),
      { numRuns: 150 },
    );
  });
});
