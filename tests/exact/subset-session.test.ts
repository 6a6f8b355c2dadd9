/**
 * The hybrid's subset session (src/exact/hybrid.ts HybridSubsetSession): one engine asked
 * about many subsets of the examples in turn, under assumptions. Against brute force
 * (src/model/bruteforce.ts) on random small instances of the presets (the blum-rivest ones
 * are decided as their output-normal-form variants) and of every unit kind: a 'sat'
 * answer's parameters fit the subset (exact evaluation); an 'unsat' answer's failed subset
 * lies within the subset and brute force finds it untrainable. (Every example must be
 * fitted here: the tiny instances' minCorrect is dropped.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridSubsetSession } from '../../src/exact/hybrid.js';
import { subInstance } from '../../src/explain/core.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { tinyInstance } from '../helpers/arb-instance.js';
import { presetLabelling } from '../helpers/arb-preset.js';
import { bruteStatus } from '../helpers/brute-status.js';

/** Subsets of the examples (as masks over the first 8), asked in turn. */
const subsetsArb = fc.array(fc.nat(255), { minLength: 1, maxLength: 6 });

describe('hybrid subset session', () => {
  it('answers every subset like brute force on one engine; failed subsets are untrainable subsets', () => {
    let refuted = 0;
    let fitted = 0;
    fc.assert(
      fc.property(fc.oneof(presetLabelling(), tinyInstance({ maxExamples: 6 }).map(({ minCorrect: _bound, ...inst }) => inst)), subsetsArb, fc.boolean(), (inst, masks, phase) => {
        const session = new HybridSubsetSession(inst, { phase });
        const m = inst.examples.length;
        // The whole instance first, as explain asks, then the random subsets.
        for (const mask of [(1 << m) - 1, ...masks]) {
          const subset = Array.from({ length: m }, (_, e) => e).filter((e) => (mask >> e) & 1);
          const r = session.solve(subset);
          expect(r.status).not.toBe('unknown');
          const expected = bruteStatus(subInstance(inst, subset));
          if (r.status === 'sat') {
            fitted++;
            expect(checkParameters(subInstance(inst, subset), r.parameters).ok).toBe(true);
            if (expected !== null) expect(expected).toBe('trainable');
          } else if (r.status === 'unsat') {
            refuted++;
            if (expected !== null) expect(expected).toBe('untrainable');
            for (const e of r.failed) expect(subset).toContain(e);
            expect(new Set(r.failed).size).toBe(r.failed.length);
            const failedStatus = bruteStatus(subInstance(inst, r.failed));
            if (failedStatus !== null) expect(failedStatus).toBe('untrainable');
          }
        }
      }),
      { numRuns: 150, seed: 16 },
    );
    expect(refuted).toBeGreaterThan(10);
    expect(fitted).toBeGreaterThan(10);
  }, 60_000);
});
