/**
 * Threshold units whose inputs mix non-integer constants (scaled to integers by their
 * common denominator) with the 0/1 outputs of other units: every input must be scaled,
 * the hidden ones too, or the encoding checks a different inequality than the network
 * computes. The first instance is fitted by weights [0, 1], threshold 1 (h = x1, out =
 * h >= 1), so every backend must say trainable and return parameters that check.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { encodeLoading } from '../../src/encode/loading.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';
import type { Instance } from '../../src/model/types.js';

const BACKENDS = ['auto', 'hybrid', 'cadical', 'minisat', 'highs'] as const;

function instance(hidden: object, out: object, examples: [(number | string)[], 0 | 1][]): Instance {
  return parseInstance(
    JSON.stringify({
      network: {
        inputs: 2,
        units: [{ id: 'h', inputs: ['x1'], ...hidden }, { id: 'out', inputs: ['x0', 'h'], ...out }],
        outputs: ['out'],
      },
      examples: examples.map(([x, y]) => ({ x, y: [y] })),
    }),
    'test.json',
  );
}

const HALF: [(number | string)[], 0 | 1][] = [
  [[0, 1], 1],
  [[0, 0], 0],
  [['1/2', 1], 1],
];

const integerOut = { kind: 'threshold', integerWeights: { min: 0, max: 1 } };
const cases: [string, Instance][] = [
  ['and hidden unit, integer-weight output', instance({ kind: 'and' }, integerOut, HALF)],
  ['threshold hidden unit, integer-weight output', instance({ kind: 'threshold' }, integerOut, HALF)],
  [
    'threshold hidden unit, real-weight output on x0 in {0, 1/2, 3/2}',
    instance({ kind: 'threshold' }, { kind: 'threshold' }, [
      [[0, 1], 1],
      [[0, 0], 0],
      [['3/2', 0], 1],
      [['1/2', 0], 0],
      [['1/2', 1], 1],
    ]),
  ],
];

describe('threshold units reading hidden units and non-integer inputs', () => {
  for (const [name, inst] of cases) {
    for (const backend of BACKENDS) {
      it(`${name}: ${backend} finds parameters that check`, async () => {
        const r = await decide(inst, { backend });
        expect(r.status).toBe('trainable');
        expect(checkParameters(inst, r.parameters!).ok).toBe(true);
      });
    }
  }

  it('a certified run says trainable, so no certificate of the wrong answer exists', async () => {
    const inst = cases[1][1];
    const r = await decide(inst, { certify: true });
    expect(r.status).toBe('trainable');
    expect(r.certificate).toBeUndefined();
  });
});

describe('one-input threshold units over rational inputs (bit-blasted)', () => {
  // blum-rivest on one input, 9 examples over 4 rationals with large denominators; the
  // labels alternate along the line, so no interval or complement of one fits them:
  // untrainable. Hadamard's bound on the weights (2M^2, M the largest scaled |x|) makes this
  // CNF about ten times larger and hard to refute; a one-input unit needs only w in [-1, 1].
  const xs = ['1234/577', '-991/313', '2718/1001', '3141/997'];
  const ys: (0 | 1)[] = [0, 1, 1, 0];
  const inst = parseInstance(
    JSON.stringify({ network: { preset: 'blum-rivest', inputs: 1 }, examples: Array.from({ length: 9 }, (_, i) => ({ x: [xs[i % 4]], y: [ys[i % 4]] })) }),
  );

  it('the CNF stays small: the weights of one-input units are 2-bit, not 2M^2-wide', () => {
    expect(encodeLoading(inst).stats.vars).toBeLessThan(4000);
  });

  for (const backend of ['hybrid', 'cadical', 'minisat'] as const) {
    it(`${backend} decides it: untrainable`, async () => {
      expect((await decide(inst, { backend, timeoutMs: 60_000 })).status).toBe('untrainable');
    });
  }
});
