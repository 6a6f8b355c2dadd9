/**
 * Reduction-derived instances (src/arbitraries/reduction.ts): the expected answer is
 * re-derived by the test's own brute force on the source (tests/reductions/helpers.ts, not
 * src/arbitraries/brute.ts), checked against `decide`, and witnesses pass the exact check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reductionInstance } from '../../src/arbitraries/index.js';
import type { Cnf } from '../../reductions/problems/sat.js';
import type { SetSplitting } from '../../reductions/problems/set-splitting.js';
import { decide } from '../../src/decide.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { bruteModel } from '../helpers/cnf-brute.js';
import { bruteSetSplitting } from '../reductions/helpers.js';

describe('reductionInstance', () => {
  it('expected = brute force on the source; witnesses check', () => {
    const answers = new Set<string>();
    fc.assert(
      fc.property(reductionInstance(), (v) => {
        expect(v.family).toBe('reduction');
        const src = v.source!;
        const yes = src.problem === 'set-splitting' ? bruteSetSplitting(src.instance as SetSplitting) !== null : bruteModel(src.instance as Cnf) !== null;
        expect(v.expected).toBe(yes ? 'trainable' : 'untrainable');
        if (yes) expect(checkParameters(v.instance, v.witness!).ok).toBe(true);
        else expect(v.witness).toBeNull();
        answers.add(`${src.problem}:${v.expected}`);
      }),
      { numRuns: 300, seed: 31 },
    );
    expect(answers.size).toBe(4);
  });

  it('decide agrees (both sources, both targets)', async () => {
    await fc.assert(
      fc.asyncProperty(reductionInstance({ maxElements: 4, maxVars: 2, maxClauses: 4 }), async (v) => {
        expect((await decide(v.instance)).status).toBe(v.expected);
      }),
      { numRuns: 30, seed: 32 },
    );
  });

  it('options select the source and the target', () => {
    for (const v of fc.sample(reductionInstance({ sources: ['3sat'], targets: ['blum-rivest'] }), { seed: 33, numRuns: 20 })) {
      expect(v.source?.problem).toBe('3sat');
      expect(v.instance.network.units.map((u) => u.kind)).toEqual(['threshold', 'threshold', 'threshold']);
    }
    expect(() => reductionInstance({ sources: [] })).toThrow(RangeError);
  });
});
