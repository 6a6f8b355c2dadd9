/**
 * Exact evaluation: hand-computed cases (XOR on blum-rivest-and with known weights, the
 * lookup bit order, every gate kind, fixed thresholds, minCorrect, integerWeights
 * violations), and a property: on random small networks with small integer parameters
 * and inputs, exact evaluation agrees with an independent float evaluation.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkParameters, evaluateNetwork, evaluateOutputs, evaluateUnit } from '../../src/model/evaluate.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Network, Parameters, Unit } from '../../src/model/types.js';
import { arbInput, arbNetwork, arbParams } from '../helpers/model-arbitraries.js';

const R = (n: number, d = 1) => Rational.of(n, d);
const bits = (...v: number[]) => v.map((b) => R(b));

const XOR = [
  { x: [0, 0], y: [0] },
  { x: [0, 1], y: [1] },
  { x: [1, 0], y: [1] },
  { x: [1, 1], y: [0] },
];

describe('hand-computed cases', () => {
  // h1 = x0 + x1 >= 1 (or), h2 = -x0 - x1 >= -1 (nand); out = and(h1, h2) = xor.
  const xorParams: Parameters = {
    h1: { weights: [R(1), R(1)], threshold: R(1) },
    h2: { weights: [R(-1), R(-1)], threshold: R(-1) },
  };
  const inst = parseInstanceValue({ network: { preset: 'blum-rivest-and', inputs: 2 }, examples: XOR });

  test('XOR on blum-rivest-and with known weights', () => {
    const r = checkParameters(inst, xorParams);
    expect(r).toEqual({ ok: true, correct: 4, required: 4, total: 4, failures: [], violations: [] });
    const v = evaluateNetwork(inst.network, xorParams, bits(1, 1));
    expect([...v]).toEqual([
      ['h1', 1],
      ['h2', 0],
      ['out', 0],
    ]);
  });

  test('wrong weights are reported per example', () => {
    const p: Parameters = { ...xorParams, h2: { weights: [R(-1), R(-1)], threshold: R(0) } }; // h2 = nor
    const r = checkParameters(inst, p);
    expect(r.ok).toBe(false);
    expect(r.correct).toBe(2);
    expect(r.failures).toEqual([
      { example: 1, expected: [1], got: [0] },
      { example: 2, expected: [1], got: [0] },
    ]);
  });

  test('minCorrect: 2 of 4 is enough when minCorrect is 2, not when 3', () => {
    const p: Parameters = { ...xorParams, h2: { weights: [R(-1), R(-1)], threshold: R(0) } };
    expect(checkParameters({ ...inst, minCorrect: 2 }, p).ok).toBe(true);
    expect(checkParameters({ ...inst, minCorrect: 3 }, p).ok).toBe(false);
  });

  test('threshold is w.z >= t, exactly, with rationals', () => {
    const u: Unit = { id: 't', kind: 'threshold', inputs: ['x0', 'x1'] };
    const p = { weights: [R(1, 3), R(1, 3)], threshold: R(2, 3) };
    expect(evaluateUnit(u, p, bits(1, 1))).toBe(1); // 2/3 >= 2/3 (a float sum 1/3+1/3 is fine here, but equality must hold)
    expect(evaluateUnit(u, p, bits(1, 0))).toBe(0);
    expect(evaluateUnit(u, { weights: [R(1, 10), R(2, 10)], threshold: R(3, 10) }, bits(1, 1))).toBe(1); // 0.1+0.2 < 0.3 in floats
    expect(evaluateUnit(u, p, [R(3, 2), R(1, 2)])).toBe(1);
    expect(evaluateUnit(u, p, [R(3, 2), R(1, 3)])).toBe(0); // 1/2 + 1/9 < 2/3
  });

  test('lookup: first input is the most significant bit', () => {
    const u: Unit = { id: 'g', kind: 'lookup', inputs: ['x0', 'x1', 'x2'] };
    for (let i = 0; i < 8; i++) {
      const table = Array.from({ length: 8 }, (_, j) => (j === i ? 1 : 0)) as (0 | 1)[];
      const z = bits((i >> 2) & 1, (i >> 1) & 1, i & 1);
      expect(evaluateUnit(u, { table }, z)).toBe(1);
      // every other input pattern reads a 0
      for (let j = 0; j < 8; j++) if (j !== i) expect(evaluateUnit(u, { table }, bits((j >> 2) & 1, (j >> 1) & 1, j & 1))).toBe(0);
    }
    // table [0,0,1,0] on (x0, x1) is x0 AND NOT x1
    const g2: Unit = { id: 'g', kind: 'lookup', inputs: ['x0', 'x1'] };
    expect(evaluateUnit(g2, { table: [0, 0, 1, 0] }, bits(1, 0))).toBe(1);
    expect(evaluateUnit(g2, { table: [0, 0, 1, 0] }, bits(0, 1))).toBe(0);
  });

  test('every gate kind on every 3-bit input', () => {
    const expected: Record<string, (b: number[]) => number> = {
      and: (b) => (b.every((v) => v) ? 1 : 0),
      or: (b) => (b.some((v) => v) ? 1 : 0),
      nand: (b) => (b.every((v) => v) ? 0 : 1),
      nor: (b) => (b.some((v) => v) ? 0 : 1),
      xor: (b) => b.reduce((a, v) => a ^ v, 0),
    };
    const table: Record<string, number[]> = { and: [], or: [], nand: [], nor: [], xor: [] };
    for (const kind of Object.keys(expected)) {
      const u = { id: 'g', kind, inputs: ['x0', 'x1', 'x2'] } as Unit;
      for (let i = 0; i < 8; i++) {
        const b = [(i >> 2) & 1, (i >> 1) & 1, i & 1];
        const got = evaluateUnit(u, undefined, bits(...b));
        expect(got).toBe(expected[kind](b));
        table[kind].push(got);
      }
    }
    // spelled out, so a shared mistake in `expected` would still show
    expect(table).toEqual({
      and: [0, 0, 0, 0, 0, 0, 0, 1],
      or: [0, 1, 1, 1, 1, 1, 1, 1],
      nand: [1, 1, 1, 1, 1, 1, 1, 0],
      nor: [1, 0, 0, 0, 0, 0, 0, 0],
      xor: [0, 1, 1, 0, 1, 0, 0, 1],
    });
    const not: Unit = { id: 'n', kind: 'not', inputs: ['x0'] };
    expect([evaluateUnit(not, undefined, bits(0)), evaluateUnit(not, undefined, bits(1))]).toEqual([1, 0]);
    const and0: Unit = { id: 'a', kind: 'and', inputs: [] };
    const or0: Unit = { id: 'o', kind: 'or', inputs: [] };
    expect([evaluateUnit(and0, undefined, []), evaluateUnit(or0, undefined, [])]).toEqual([1, 0]);
  });

  test('gates reject non-0/1 inputs', () => {
    const u: Unit = { id: 'a', kind: 'and', inputs: ['x0'] };
    expect(() => evaluateUnit(u, undefined, [R(2)])).toThrow(RangeError);
  });

  test('fixed-threshold uses its own weights; outputs may name inputs', () => {
    const inst2 = parseInstanceValue({
      network: {
        inputs: 2,
        units: [{ id: 'f', kind: 'fixed-threshold', inputs: ['x0', 'x1'], weights: ['1/2', 2], threshold: '5/2' }],
        outputs: ['f', 'x1'],
      },
      examples: [
        { x: [1, 1], y: [1, 1] },
        { x: [3, 1], y: [1, 1] },
        { x: [2, 0], y: [0, 0] },
        { x: [0, 1], y: [0, 0] },
      ],
    });
    expect(evaluateOutputs(inst2.network, {}, inst2.examples[0].x)).toEqual([1, 1]);
    const r = checkParameters(inst2, {});
    expect(r.correct).toBe(3);
    expect(r.failures).toEqual([{ example: 3, expected: [0, 0], got: [0, 1] }]);
  });

  test('integerWeights violations make ok false even when every example is right', () => {
    const inst3 = parseInstanceValue({
      network: { preset: 'blum-rivest-and', inputs: 2, integerWeights: { min: -1, max: 0 } },
      examples: XOR,
    });
    const r = checkParameters(inst3, xorParams);
    expect(r.correct).toBe(4);
    expect(r.ok).toBe(false);
    expect(r.violations).toEqual([
      'threshold unit "h1": weight 0 1 is outside integerWeights [-1, 0]',
      'threshold unit "h1": weight 1 1 is outside integerWeights [-1, 0]',
      'threshold unit "h1": threshold 1 is outside integerWeights [-1, 0]',
    ]);
    const frac: Parameters = { ...xorParams, h1: { weights: [R(-1, 2), R(0)], threshold: R(-1) } };
    expect(checkParameters(inst3, frac).violations).toContain('threshold unit "h1": weight 0 -1/2 is not an integer (integerWeights)');
  });

  test('missing, mis-shaped and extra parameters are violations', () => {
    const r1 = checkParameters(inst, { h1: xorParams.h1 });
    expect(r1.ok).toBe(false);
    expect(r1.violations).toEqual(['threshold unit "h2": no parameters']);
    const r2 = checkParameters(inst, { ...xorParams, h2: { table: [0, 1, 1, 0] } });
    expect(r2.violations).toEqual(['threshold unit "h2": expected weights and a threshold, got a table']);
    const r3 = checkParameters(inst, { ...xorParams, out: { table: [0, 0, 0, 1] }, zz: { table: [0] } });
    expect(r3.ok).toBe(false);
    expect(r3.correct).toBe(4);
    expect(r3.violations).toEqual(['parameters given for unit "out", a fixed gate (and)', 'parameters given for unknown unit "zz"']);
  });
});

/** Independent float evaluation of a network (values stay small integers). */
function floatEval(network: Network, params: Parameters, x: number[]): Map<string, number> {
  const v = new Map<string, number>();
  const val = (name: string) => (v.has(name) ? v.get(name)! : x[Number(name.slice(1))]);
  for (const u of network.units) {
    const z = u.inputs.map(val);
    let out: number;
    switch (u.kind) {
      case 'threshold': {
        const p = params[u.id] as { weights: Rational[]; threshold: Rational };
        out = z.reduce((s, zi, j) => s + zi * Number(p.weights[j].num), 0) >= Number(p.threshold.num) ? 1 : 0;
        break;
      }
      case 'fixed-threshold':
        out = z.reduce((s, zi, j) => s + zi * Number(u.weights![j].num), 0) >= Number(u.threshold!.num) ? 1 : 0;
        break;
      case 'lookup': {
        const t = (params[u.id] as { table: number[] }).table;
        out = t[parseInt(z.map(String).join('') || '0', 2)];
        break;
      }
      case 'and':
        out = Math.min(1, ...z);
        break;
      case 'or':
        out = Math.max(0, ...z);
        break;
      case 'nand':
        out = 1 - Math.min(1, ...z);
        break;
      case 'nor':
        out = 1 - Math.max(0, ...z);
        break;
      case 'xor':
        out = z.reduce((a, b) => a + b, 0) % 2;
        break;
      case 'not':
        out = 1 - z[0];
        break;
    }
    v.set(u.id, out);
  }
  return v;
}

describe('property: exact evaluation agrees with float evaluation on small integers', () => {
  test('random networks, parameters and inputs', () => {
    let ones = 0;
    let total = 0;
    fc.assert(
      fc.property(
        arbNetwork({ maxInputs: 4, maxUnits: 6, maxFanIn: 3 }).chain((net) => fc.tuple(fc.constant(net), arbParams(net), arbInput(net))),
        ([net, params, x]) => {
          const exact = evaluateNetwork(net, params, x);
          const approx = floatEval(net, params, x.map((r) => Number(r.num)));
          expect([...exact]).toEqual([...approx]);
          for (const b of exact.values()) {
            ones += b;
            total++;
          }
        },
      ),
      { numRuns: 500 },
    );
    // the generator exercises both output values
    expect(ones).toBeGreaterThan(total / 10);
    expect(ones).toBeLessThan(total - total / 10);
  });
});
