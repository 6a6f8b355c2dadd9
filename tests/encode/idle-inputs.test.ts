/**
 * An input that is 0 on every example adds nothing to a weighted sum, so the encoders
 * leave its weight out; the decoded parameters must still give it a weight the unit
 * allows. With an integer range that excludes 0 that is the nearest bound, never 0.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';

const BACKENDS = ['auto', 'hybrid', 'cadical', 'minisat', 'highs'] as const;

const instance = (range: { min: number; max: number }, examples: object[]) =>
  parseInstance(
    JSON.stringify({
      network: {
        inputs: 2,
        units: [
          { id: 'u0', kind: 'threshold', inputs: ['x0', 'x0', 'x1'], integerWeights: range },
          { id: 'u1', kind: 'threshold', inputs: ['x1', 'u0'] },
        ],
        outputs: ['u1'],
      },
      examples,
    }),
    'idle.json',
  );

const cases = [
  ['no examples, range [2, 5]', instance({ min: 2, max: 5 }, [])],
  ['x0 always 0, range [2, 5]', instance({ min: 2, max: 5 }, [{ x: [0, 1], y: [1] }, { x: [0, 0], y: [0] }])],
  ['x0 always 0, range [-4, -1]', instance({ min: -4, max: -1 }, [{ x: [0, 1], y: [0] }, { x: [0, 0], y: [1] }])],
] as const;

describe('weights of inputs that are 0 on every example', () => {
  for (const [name, inst] of cases) {
    for (const backend of BACKENDS) {
      it(`${name}: ${backend} answers trainable with weights inside the range`, async () => {
        const r = await decide(inst, { backend });
        expect(r.status).toBe('trainable');
        expect(checkParameters(inst, r.parameters!).ok).toBe(true);
        const { min, max } = inst.network.units[0].integerWeights!;
        for (const w of (r.parameters!.u0 as { weights: { toNumber(): number }[] }).weights) {
          expect(w.toNumber()).toBeGreaterThanOrEqual(min);
          expect(w.toNumber()).toBeLessThanOrEqual(max);
        }
      });
    }
  }
});
