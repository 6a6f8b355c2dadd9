/**
 * fast-check arbitrary of small real-weight networks whose threshold units over the inputs
 * have fan-in 3 or 4 (complete weight bound W = 2 or 3, weight-bound.ts), so that a weight
 * bound of 1 (src/encode/lp.ts, weightBound) really cuts their box: a perceptron, or two
 * hidden units with an AND or a threshold output (fan-in 2, never cut), on random 0/1
 * rows with random labels. Small enough for brute force.
 */
import fc from 'fast-check';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';

export const wideThresholdInstance: fc.Arbitrary<Instance> = fc
  .record({
    n: fc.integer({ min: 3, max: 4 }),
    shape: fc.constantFrom('perceptron', 'and', 'threshold'),
    rows: fc.array(fc.tuple(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.boolean()), { minLength: 1, maxLength: 7 }),
  })
  .map(({ n, shape, rows }) => {
    const xs = Array.from({ length: n }, (_, i) => `x${i}`);
    const units: Instance['network']['units'] =
      shape === 'perceptron'
        ? [{ id: 'out', kind: 'threshold', inputs: xs }]
        : [
            { id: 'h1', kind: 'threshold', inputs: xs },
            { id: 'h2', kind: 'threshold', inputs: xs },
            { id: 'out', kind: shape, inputs: ['h1', 'h2'] },
          ];
    return {
      network: { inputs: n, units, outputs: ['out'] },
      examples: rows.map(([x, y]) => ({ x: x.slice(0, n).map((b) => Rational.of(b ? 1 : 0)), y: [y ? 1 : 0] as (0 | 1)[] })),
    };
  });
