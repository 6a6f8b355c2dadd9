/**
 * The SAT encoding of the loading problem against brute force (src/model/bruteforce.ts),
 * on random tiny instances of every unit kind; decoded parameters must pass exact
 * evaluation; the cadical and minisat backends must agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide as decideWith, type DecideOptions } from '../../src/decide.js';
import { encodeLoading } from '../../src/encode/loading.js';
import { bruteForce } from '../../src/model/bruteforce.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';

// These tests are about the bit-blasted encoding, so they pin its backend (the default
// 'auto' would send real-weight instances to the hybrid procedure, tested in tests/exact).
const decide = (inst: Instance, opts: DecideOptions = {}) => decideWith(inst, { backend: 'cadical', ...opts });

const bits = (v: number[]) => v.map((b) => (b ? Rational.ONE : Rational.ZERO));

function preset(kind: 'perceptron' | 'blum-rivest' | 'blum-rivest-and', n: number, rows: [number[], number][]): Instance {
  const all = Array.from({ length: n }, (_, i) => `x${i}`);
  const units =
    kind === 'perceptron'
      ? [{ id: 'out', kind: 'threshold' as const, inputs: all }]
      : [
          { id: 'h1', kind: 'threshold' as const, inputs: all },
          { id: 'h2', kind: 'threshold' as const, inputs: all },
          { id: 'out', kind: kind === 'blum-rivest' ? ('threshold' as const) : ('and' as const), inputs: ['h1', 'h2'] },
        ];
  return {
    network: { inputs: n, units, outputs: ['out'] },
    examples: rows.map(([x, y]) => ({ x: bits(x), y: [y as 0 | 1] })),
  };
}

const XOR: [number[], number][] = [
  [[0, 0], 0],
  [[0, 1], 1],
  [[1, 0], 1],
  [[1, 1], 0],
];

describe('loading-problem encoding', () => {
  it('XOR: untrainable on a perceptron, trainable on both 3-node networks', async () => {
    expect((await decide(preset('perceptron', 2, XOR))).status).toBe('untrainable');
    const r = await decide(preset('blum-rivest-and', 2, XOR));
    expect(r.status).toBe('trainable');
    expect(checkParameters(preset('blum-rivest-and', 2, XOR), r.parameters!).ok).toBe(true);
    expect((await decide(preset('blum-rivest', 2, XOR))).status).toBe('trainable');
  });

  it('3-parity on blum-rivest-and: the encoding agrees with brute force', async () => {
    const par3: [number[], number][] = [];
    for (let i = 0; i < 8; i++) {
      const x = [(i >> 2) & 1, (i >> 1) & 1, i & 1];
      par3.push([x, x.reduce((a, b) => a ^ b, 0)]);
    }
    const viaBrute = bruteForce(preset('blum-rivest-and', 3, par3)).status;
    expect((await decide(preset('blum-rivest-and', 3, par3))).status).toBe(viaBrute);
  });

  it('symmetry breaking orders h1/h2 of the Blum-Rivest networks', () => {
    expect(encodeLoading(preset('blum-rivest-and', 2, XOR)).stats.symmetricGroups).toEqual([['h1', 'h2']]);
    expect(encodeLoading(preset('blum-rivest', 2, XOR)).stats.symmetricGroups).toEqual([['h1', 'h2']]);
    expect(encodeLoading(preset('perceptron', 2, XOR)).stats.symmetricGroups).toEqual([]);
  });

  it('examples with identical inputs share one output literal per unit', () => {
    const rows: [number[], number][] = [...XOR, ...XOR, ...XOR];
    const enc = encodeLoading(preset('blum-rivest-and', 2, rows));
    expect(enc.stats.patterns.h1).toBe(4);
  });

  it('agrees with brute force on random tiny instances (all unit kinds, minCorrect, integer weights)', async () => {
    await fc.assert(
      fc.asyncProperty(tinyInstance(), fc.boolean(), async (inst, sym) => {
        const expected = bruteForce(inst).status;
        const r = await decide(inst, { symmetryBreaking: sym });
        expect(r.status).toBe(expected);
        if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with brute force on random labelings for the three presets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('perceptron' as const, 'blum-rivest' as const, 'blum-rivest-and' as const),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (kind, n, rows) => {
          const inst = preset(kind, n, rows.map(([x, y]) => [x.slice(0, n), y]));
          const expected = bruteForce(inst).status;
          expect((await decide(inst)).status).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('cadical and minisat backends agree (differential)', async () => {
    await fc.assert(
      fc.asyncProperty(tinyInstance({ maxUnits: 4, maxExamples: 8 }), async (inst) => {
        const a = await decide(inst, { backend: 'cadical' });
        const b = await decide(inst, { backend: 'minisat' });
        expect(a.status).toBe(b.status);
      }),
      { numRuns: 100 },
    );
  });

  it('integer inputs: points on a line are separable iff the labels are monotone in one direction', async () => {
    const line = (labels: number[]): Instance => ({
      network: { inputs: 1, units: [{ id: 'out', kind: 'threshold', inputs: ['x0'] }], outputs: ['out'] },
      examples: labels.map((y, i) => ({ x: [Rational.of(i * 3 - 4)], y: [y as 0 | 1] })),
    });
    expect((await decide(line([0, 0, 1, 1]))).status).toBe('trainable');
    expect((await decide(line([1, 1, 0, 0]))).status).toBe('trainable');
    expect((await decide(line([0, 1, 0, 1]))).status).toBe('untrainable');
    const half: Instance = {
      network: { inputs: 1, units: [{ id: 'out', kind: 'threshold', inputs: ['x0'] }], outputs: ['out'] },
      examples: [
        { x: [Rational.of(1, 2)], y: [1] },
        { x: [Rational.of(1, 3)], y: [0] },
      ],
    };
    const r = await decide(half);
    expect(r.status).toBe('trainable');
    expect(checkParameters(half, r.parameters!).ok).toBe(true);
  });
});
