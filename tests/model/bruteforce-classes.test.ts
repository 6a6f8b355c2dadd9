/**
 * Brute force on multi-class networks (score outputs, the argmax fit rule with ties as
 * misses): hand-computed cases, planted layered instances (trainable by construction), and
 * a property test against naive enumeration of every weight and threshold in complete
 * ranges on random tiny networks of every unit kind.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { bruteForce } from '../../src/model/bruteforce.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import type { Instance, Network, Parameters, ThresholdParams, Unit } from '../../src/model/types.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { arbNetwork } from '../helpers/model-arbitraries.js';
import { allTables, someChoiceFits, type UnitChoices } from '../helpers/naive-enumeration.js';

function layered(inputs: number, hidden: number[], classes: number, weights: { min: number; max: number } | undefined, examples: unknown[]): Instance {
  return parseInstanceValue({ network: { preset: 'layered', inputs, hidden, classes, ...(weights ? { weights } : {}) }, examples });
}

function expectTrainable(inst: Instance): Parameters {
  const r = bruteForce(inst);
  expect(r.status).toBe('trainable');
  expect(checkParameters(inst, r.params!)).toMatchObject({ ok: true, violations: [] });
  return r.params!;
}

describe('hand-computed multi-class cases', () => {
  const XOR = [
    { x: [0, 0], label: 0 },
    { x: [0, 1], label: 1 },
    { x: [1, 0], label: 1 },
    { x: [1, 1], label: 0 },
  ];
  test('two classes on the inputs are a linear threshold: XOR no, AND yes; a hidden layer fits XOR', () => {
    const w = { min: -1, max: 1 };
    expect(bruteForce(layered(2, [], 2, w, XOR)).status).toBe('untrainable');
    expectTrainable(layered(2, [], 2, w, XOR.map((e, i) => ({ ...e, label: i === 3 ? 1 : 0 }))));
    expectTrainable(layered(2, [2], 2, w, XOR));
  });

  // Scores on one input x in {0, 1, 2}, labels 0, 1, 2: class 1 must win in the middle.
  // With weights in [-1, 1]: class 0 wins at 0 and class 1 at 1 need, with slopes -1, 0, 1,
  // t0 < t1 and t1 < t0 + 1: no integers. With [-2, 2]: t = (0, 1, 4) works
  // (scores -2x, -1, 2x - 4).
  const line = [
    { x: [0], label: 0 },
    { x: [1], label: 1 },
    { x: [2], label: 2 },
  ];
  test('the middle class of three on a line needs weights in [-2, 2]', () => {
    expect(bruteForce(layered(1, [], 3, { min: -1, max: 1 }, line)).status).toBe('untrainable');
    const p = expectTrainable(layered(1, [], 3, { min: -2, max: 2 }, line));
    expect(Object.keys(p).sort()).toEqual(['o0', 'o1', 'o2']);
  });

  test('rational inputs are compared exactly, with integer thresholds', () => {
    // o1 - o0 = v x - d (v = w1 - w0, d = t1 - t0). x = 1/2 labelled 1, x = 3/2 labelled 0:
    // v = -1, d = -1 (scores differ by 1/2 and -1/2).
    const ex = [
      { x: ['1/2'], label: 1 },
      { x: ['3/2'], label: 0 },
    ];
    expectTrainable(layered(1, [], 2, { min: -1, max: 1 }, ex));
    // with weights in [0, 0] the scores are constants: one class wins everywhere
    expect(bruteForce(layered(1, [], 2, { min: 0, max: 0 }, ex)).status).toBe('untrainable');
    // x = 1/3 labelled 1, x = 1/2 labelled 0 need v/3 > d > v/2 with v in [-2, 2]: d strictly
    // between -1/2 and -1/3 or between -1 and -2/3, no integer (real thresholds would do).
    const close = [
      { x: ['1/3'], label: 1 },
      { x: ['1/2'], label: 0 },
    ];
    expect(bruteForce(layered(1, [], 2, { min: -1, max: 1 }, close)).status).toBe('untrainable');
  });

  test('a tie for the greatest score is a miss', () => {
    // No inputs, thresholds in [0, 0]: both scores are 0, a tie on every example.
    const tied: Instance = parseInstanceValue({
      network: {
        inputs: 0,
        classes: 2,
        units: [
          { id: 'a', kind: 'score', inputs: [], integerWeights: { min: 0, max: 0 } },
          { id: 'b', kind: 'score', inputs: [], integerWeights: { min: 0, max: 0 } },
        ],
        outputs: ['a', 'b'],
      },
      examples: [{ x: [], label: 0 }],
    });
    expect(bruteForce(tied).status).toBe('untrainable');
    expect(bruteForce({ ...tied, minCorrect: 0 }).status).toBe('trainable');
    // With any integer thresholds, t_a < t_b breaks the tie.
    const any = structuredClone(tied);
    for (const u of any.network.units) u.integerWeights = { min: 0, max: 0, anyThreshold: true };
    const p = expectTrainable(any);
    expect((p.a as ThresholdParams).threshold.cmp((p.b as ThresholdParams).threshold)).toBeLessThan(0);
  });

  test('equal inputs with different labels: untrainable, unless minCorrect allows it', () => {
    const ex = [
      { x: [1, 0], label: 0 },
      { x: [1, 0], label: 2 },
      { x: [0, 1], label: 1 },
    ];
    const inst = layered(2, [1], 3, { min: -1, max: 1 }, ex);
    expect(bruteForce(inst).status).toBe('untrainable');
    const p = expectTrainable({ ...inst, minCorrect: 2 });
    expect(checkParameters(inst, p).correct).toBe(2);
  });

  test('score units with real weights are refused', () => {
    expect(() => bruteForce(layered(1, [], 2, undefined, line.slice(0, 2)))).toThrow(/real weights/);
  });
});

describe('planted layered instances', () => {
  test('brute force says trainable, with parameters that pass the exact check', () => {
    let decided = 0;
    fc.assert(
      fc.property(layeredInstance({ maxInputs: 2, maxWidth: 2, maxClasses: 3, maxExamples: 5 }), (v) => {
        const r = bruteStatus(v.instance, 2_000_000);
        if (r === null) return;
        decided++;
        expect(r).toBe('trainable');
      }),
      { numRuns: 60, seed: 41 },
    );
    expect(decided).toBeGreaterThan(40);
  });
});

// ---------------------------------------------------------------------------------------
// naive enumeration

/** Hidden kinds, weighted towards trainable ones. */
const KINDS = ['threshold', 'threshold', 'lookup', 'and', 'xor', 'not', 'or', 'nand', 'nor', 'fixed-threshold'] as const;

/** A random tiny multi-class network: Boolean units of every kind, then C score units. */
function arbClassNetwork(): fc.Arbitrary<Network> {
  return fc
    .record({
      base: arbNetwork({ maxInputs: 2, maxUnits: 2, maxFanIn: 2, integerWeights: { min: -1, max: 1 }, kinds: KINDS }),
      anyHidden: fc.boolean(),
      scores: fc.array(fc.record({ picks: fc.array(fc.nat(), { maxLength: 2 }), any: fc.boolean() }), { minLength: 2, maxLength: 3 }),
    })
    .map(({ base, anyHidden, scores }) => {
      const units: Unit[] = base.units.map((u) => (u.kind === 'threshold' && anyHidden ? { ...u, integerWeights: { min: -1, max: 1, anyThreshold: true } } : u));
      const nodes = [...Array.from({ length: base.inputs }, (_, j) => `x${j}`), ...units.map((u) => u.id)];
      const outputs = scores.map((s, c) => {
        const id = `o${c}`;
        const inputs = [...new Set(s.picks.map((p) => nodes[p % nodes.length]))];
        units.push({ id, kind: 'score', inputs, integerWeights: s.any ? { min: -1, max: 1, anyThreshold: true } : { min: -1, max: 1 } });
        return id;
      });
      return { inputs: base.inputs, units, outputs, classes: outputs.length };
    });
}

function arbClassInstance(): fc.Arbitrary<Instance> {
  return arbClassNetwork().chain((network) =>
    fc
      .record({
        examples: fc.array(
          fc.record({ x: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: network.inputs, maxLength: network.inputs }), label: fc.nat(network.classes! - 1) }),
          { minLength: 1, maxLength: 4 },
        ),
        slack: fc.nat(1),
      })
      .map(({ examples, slack }) => {
        const inst: Instance = { network, examples: examples.map((e) => ({ x: e.x.map((v) => Rational.of(v)), y: [], label: e.label })) };
        if (slack > 0) inst.minCorrect = examples.length - 1;
        return parseInstanceValue(instanceToJSON(inst));
      }),
  );
}

const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** Every weight vector in [-1, 1]^k with each of the thresholds `ts`. */
function weighted(k: number, ts: number[]): ThresholdParams[] {
  const out: ThresholdParams[] = [];
  for (let c = 0; c < 3 ** k; c++) {
    const weights = Array.from({ length: k }, (_, j) => Rational.of((Math.floor(c / 3 ** j) % 3) - 1));
    for (const t of ts) out.push({ weights, threshold: Rational.of(t) });
  }
  return out;
}

/**
 * The parameters naive enumeration tries for each trainable unit (0/1 inputs, weights in
 * [-1, 1], so a unit of fan-in k has sums in [-k, k]):
 *  - threshold: thresholds in [-1, 1], or with "any" in [-k, k + 1] (others act as an end);
 *  - score: thresholds in [-1, 1], or with "any" within (C - 1)(2B + 1) of that range, B the
 *    largest k: sort a solution's thresholds; a gap wider than 2B + 1 separates classes that
 *    never win from the others, and shrinking it to 2B + 1 (moving the side that has no
 *    bounded threshold) changes no comparison; so every "any" threshold can be brought
 *    within C - 1 such gaps of [-1, 1] (of 0 when all are "any", after a common shift).
 */
function candidates(network: Network): UnitChoices[] {
  const C = network.classes!;
  const scoreUnits = network.units.filter((u) => u.kind === 'score');
  const B = Math.max(0, ...scoreUnits.map((u) => u.inputs.length));
  const allAny = scoreUnits.every((u) => u.integerWeights!.anyThreshold);
  const reach = (C - 1) * (2 * B + 1);
  const anyScore = allAny ? range(0, reach) : range(-1 - reach, 1 + reach);
  return network.units.flatMap((u): UnitChoices[] => {
    const k = u.inputs.length;
    if (u.kind === 'lookup') return [{ id: u.id, opts: allTables(k) }];
    if (u.kind === 'threshold') return [{ id: u.id, opts: weighted(k, u.integerWeights!.anyThreshold ? range(-k, k + 1) : range(-1, 1)) }];
    if (u.kind === 'score') return [{ id: u.id, opts: weighted(k, u.integerWeights!.anyThreshold ? anyScore : range(-1, 1)) }];
    return [];
  });
}

describe('property: brute force agrees with naive enumeration on multi-class networks', () => {
  test('random tiny networks of every unit kind, integer weights in [-1, 1], bounded and any thresholds', () => {
    const seen = { trainable: 0, untrainable: 0, any: 0, stacked: 0, threeClasses: 0 };
    fc.assert(
      fc.property(arbClassInstance(), (inst) => {
        fc.pre(candidates(inst.network).reduce((n, c) => n * c.opts.length, 1) <= 20000);
        const r = bruteForce(inst);
        const expected = someChoiceFits(inst, candidates(inst.network));
        expect(r.status).toBe(expected ? 'trainable' : 'untrainable');
        if (r.params) expect(checkParameters(inst, r.params).ok).toBe(true);
        seen[expected ? 'trainable' : 'untrainable']++;
        if (inst.network.units.some((u) => u.kind === 'score' && u.integerWeights!.anyThreshold)) seen.any++;
        if (inst.network.units.some((u) => u.kind === 'score' && u.inputs.some((s) => !s.startsWith('x')))) seen.stacked++;
        if (inst.network.classes === 3) seen.threeClasses++;
      }),
      { numRuns: 300 },
    );
    // both answers and both threshold rules occur, so the comparison means something
    expect(seen.trainable).toBeGreaterThan(10);
    expect(seen.untrainable).toBeGreaterThan(10);
    expect(seen.any).toBeGreaterThan(10);
    expect(seen.stacked).toBeGreaterThan(10);
    expect(seen.threeClasses).toBeGreaterThan(10);
  });
});
