/**
 * The brute-force reference decider: classic facts (XOR is not linearly separable, the
 * 3-node network fits it, 104 of the 256 labelings of the 3-cube are threshold functions),
 * minCorrect, integer ranges with rational inputs, the work budget, and a property test
 * against naive enumeration of every parameter combination on random tiny networks.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bruteForce, BruteForceBudgetError } from '../../src/model/bruteforce.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, LookupParams, ThresholdParams } from '../../src/model/types.js';
import { arbInstance, arbNetwork } from '../helpers/model-arbitraries.js';
import { allTables, someChoiceFits, type UnitChoices } from '../helpers/naive-enumeration.js';

const XOR = [
  { x: [0, 0], y: [0] },
  { x: [0, 1], y: [1] },
  { x: [1, 0], y: [1] },
  { x: [1, 1], y: [0] },
];

function preset(name: string, n: number, examples: unknown[], extra: Record<string, unknown> = {}): Instance {
  return parseInstanceValue({ network: { preset: name, inputs: n, ...extra }, examples });
}

function cube(n: number, label: (i: number) => number) {
  return Array.from({ length: 2 ** n }, (_, i) => ({
    x: Array.from({ length: n }, (_, j) => (i >> (n - 1 - j)) & 1),
    y: [label(i)],
  }));
}

function expectTrainable(inst: Instance) {
  const r = bruteForce(inst);
  expect(r.status).toBe('trainable');
  expect(r.params).not.toBeNull();
  const check = checkParameters(inst, r.params!);
  expect(check.ok).toBe(true);
  return r.params!;
}

describe('classic cases', () => {
  test('XOR on a perceptron is untrainable', () => {
    expect(bruteForce(preset('perceptron', 2, XOR))).toMatchObject({ status: 'untrainable', params: null });
  });
  test('XOR on blum-rivest-and and on blum-rivest is trainable, with checked parameters', () => {
    const p = expectTrainable(preset('blum-rivest-and', 2, XOR));
    expect(Object.keys(p).sort()).toEqual(['h1', 'h2']);
    const q = expectTrainable(preset('blum-rivest', 2, XOR));
    expect(Object.keys(q).sort()).toEqual(['h1', 'h2', 'out']);
  });
  test('minCorrect = 3 makes XOR on a perceptron trainable; 4 does not', () => {
    const p = expectTrainable({ ...preset('perceptron', 2, XOR), minCorrect: 3 });
    expect(checkParameters(preset('perceptron', 2, XOR), p).correct).toBe(3);
    expect(bruteForce({ ...preset('perceptron', 2, XOR), minCorrect: 4 }).status).toBe('untrainable');
  });
  test('a perceptron fits 14 of the 16 labelings of the square (all but XOR, XNOR)', () => {
    const fit: number[] = [];
    for (let f = 0; f < 16; f++) {
      if (bruteForce(preset('perceptron', 2, cube(2, (i) => (f >> i) & 1))).status === 'trainable') fit.push(f);
    }
    expect(fit.length).toBe(14);
    expect([0b0110, 0b1001].some((f) => fit.includes(f))).toBe(false);
  });
  test('a perceptron fits 104 of the 256 labelings of the 3-cube (A000609)', () => {
    let fit = 0;
    for (let f = 0; f < 256; f++) {
      const inst = preset('perceptron', 3, cube(3, (i) => (f >> i) & 1));
      const r = bruteForce(inst);
      if (r.status === 'trainable') {
        fit++;
        expect(checkParameters(inst, r.params!).ok).toBe(true);
      }
    }
    expect(fit).toBe(104);
  });
  test('the 3-node networks fit every labeling of the square', () => {
    for (const name of ['blum-rivest', 'blum-rivest-and']) {
      for (let f = 0; f < 16; f++) expectTrainable(preset(name, 2, cube(2, (i) => (f >> i) & 1)));
    }
  });
  test('inconsistent examples are untrainable, unless minCorrect allows it', () => {
    const ex = [{ x: [1, 0], y: [1] }, { x: [1, 0], y: [0] }];
    expect(bruteForce(preset('blum-rivest', 2, ex)).status).toBe('untrainable');
    expectTrainable({ ...preset('blum-rivest', 2, ex), minCorrect: 1 });
  });
  test('no examples: trainable with any parameters', () => {
    expectTrainable(preset('blum-rivest-and', 3, []));
  });
});

describe('integer weights', () => {
  test('range [0, 0]: only the constant 1 (0 >= 0)', () => {
    const w0 = { integerWeights: { min: 0, max: 0 } };
    expectTrainable(preset('perceptron', 2, cube(2, () => 1), w0));
    expect(bruteForce(preset('perceptron', 2, cube(2, () => 0), w0)).status).toBe('untrainable');
  });
  test('rational inputs are compared exactly', () => {
    // label 1 on x = 1/2 and 0 on x = 0 needs w/2 >= t >= 1, i.e. w >= 2
    const ex = [{ x: ['1/2'], y: [1] }, { x: [0], y: [0] }];
    expect(bruteForce(preset('perceptron', 1, ex, { integerWeights: { min: 0, max: 1 } })).status).toBe('untrainable');
    const p = expectTrainable(preset('perceptron', 1, ex, { integerWeights: { min: 0, max: 2 } }));
    expect((p.out as ThresholdParams).weights[0].eq(Rational.of(2))).toBe(true);
  });
  test('integer inputs beyond 0/1', () => {
    const ex = [{ x: [3], y: [1] }, { x: [1], y: [0] }, { x: [-2], y: [0] }];
    expectTrainable(preset('perceptron', 1, ex, { integerWeights: { min: -2, max: 2 } }));
    const ex2 = [{ x: [3], y: [0] }, { x: [1], y: [1] }, { x: [-2], y: [0] }];
    expect(bruteForce(preset('perceptron', 1, ex2, { integerWeights: { min: -5, max: 5 } })).status).toBe('untrainable');
  });
});

describe('limits', () => {
  test('real weights on non-0/1 inputs are refused', () => {
    expect(() => bruteForce(preset('perceptron', 1, [{ x: [2], y: [1] }]))).toThrow(/does not support real weights/);
  });
  test('the work budget is enforced', () => {
    expect(() => bruteForce(preset('blum-rivest', 3, cube(3, (i) => i % 2)), { maxWork: 500 })).toThrow(BruteForceBudgetError);
  });
  test('units that reach no output get valid parameters without being searched', () => {
    const inst = parseInstanceValue({
      network: {
        inputs: 2,
        units: [
          { id: 'dead', kind: 'threshold', inputs: ['x0', 'x1'], integerWeights: { min: 2, max: 5 } },
          { id: 'g', kind: 'lookup', inputs: ['x0', 'x1'] },
          { id: 'dead2', kind: 'lookup', inputs: ['dead', 'g'] },
        ],
        outputs: ['g'],
      },
      examples: XOR,
    });
    const p = expectTrainable(inst);
    expect((p.dead as ThresholdParams).threshold.eq(Rational.of(2))).toBe(true);
    expect((p.dead2 as LookupParams).table).toEqual([0, 0, 0, 0]);
    expect((p.g as LookupParams).table).toEqual([0, 1, 1, 0]);
  });
});

/** Weighted towards trainable units so that they often read each other. */
const KINDS = ['threshold', 'threshold', 'lookup', 'lookup', 'and', 'xor', 'not', 'or', 'nand', 'nor', 'fixed-threshold'] as const;

/** Every parameter combination of every trainable unit (integer weights in [-1, 1]). */
function naive(inst: Instance): boolean {
  const choices: UnitChoices[] = [];
  for (const u of inst.network.units) {
    const k = u.inputs.length;
    if (u.kind === 'lookup') {
      choices.push({ id: u.id, opts: allTables(k) });
    } else if (u.kind === 'threshold') {
      const opts: ThresholdParams[] = [];
      for (let c = 0; c < 3 ** (k + 1); c++) {
        const digits = Array.from({ length: k + 1 }, (_, j) => (Math.floor(c / 3 ** j) % 3) - 1);
        opts.push({ weights: digits.slice(0, k).map((d) => Rational.of(d)), threshold: Rational.of(digits[k]) });
      }
      choices.push({ id: u.id, opts });
    }
  }
  return someChoiceFits(inst, choices);
}

function combos(inst: Instance): number {
  let c = 1;
  for (const u of inst.network.units) {
    const k = u.inputs.length;
    if (u.kind === 'lookup') c *= 2 ** 2 ** k;
    if (u.kind === 'threshold') c *= 3 ** (k + 1);
  }
  return c;
}

describe('property: brute force agrees with naive enumeration', () => {
  test('random tiny networks with integer weights in [-1, 1]', () => {
    let trainable = 0;
    let untrainable = 0;
    let stacked = 0; // cases where a trainable unit reads another unit
    fc.assert(
      fc.property(
        arbNetwork({ maxInputs: 2, maxUnits: 3, maxFanIn: 2, integerWeights: { min: -1, max: 1 }, kinds: KINDS }).chain((net) =>
          arbInstance(net, 4),
        ),
        (inst) => {
          fc.pre(combos(inst) <= 6000);
          if (inst.network.units.some((u) => (u.kind === 'threshold' || u.kind === 'lookup') && u.inputs.some((s) => !s.startsWith('x')))) stacked++;
          const r = bruteForce(inst);
          const expected = naive(inst);
          expect(r.status).toBe(expected ? 'trainable' : 'untrainable');
          if (r.params) expect(checkParameters(inst, r.params).ok).toBe(true);
          if (expected) trainable++;
          else untrainable++;
        },
      ),
      { numRuns: 1000 },
    );
    // both answers occur, so the comparison means something
    expect(trainable).toBeGreaterThan(10);
    expect(untrainable).toBeGreaterThan(10);
    expect(stacked).toBeGreaterThan(20);
  });
});
