/**
 * Enumerated weights (one selector per weight vector, the threshold in the order encoding)
 * against the adder sums and brute force: the same answers on tiny layered instances with
 * rational inputs and random labels, every model decoding to parameters that check. That
 * the encoding excludes no network is tests/encode/completeness.test.ts's property, which
 * fixes random parameters through parameterBits (the enumerated units' weight bit-vectors
 * are tied to their selectors, their thresholds are ladders).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { encodeLoading } from '../../src/encode/loading.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { Rational } from '../../src/model/rational.js';
import { bruteStatus } from '../helpers/brute-status.js';
import type { Instance } from '../../src/model/types.js';
import { createSolver } from '../../src/solvers/index.js';

const ADDERS = { enumerateWeights: { vectors: 0, clauses: 0 } };

async function solve(inst: Instance, opts: object): Promise<{ status: string; ok?: boolean; vars: number }> {
  const enc = encodeLoading(inst, opts);
  const s = await createSolver('cadical');
  try {
    s.addClauses(enc.cnf.clauses);
    const r = await s.solve({});
    const ok = r === 'sat' ? checkParameters(inst, enc.decode((v) => s.value(v))).ok : undefined;
    return { status: r, ok, vars: enc.stats.vars };
  } finally {
    s.dispose();
  }
}

const instances = fc
  .tuple(
    layeredInstance({ minExamples: 3, maxExamples: 6, maxWidth: 2, maxClasses: 2, inputValues: { min: -2, max: 3 } }),
    fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 6, maxLength: 6 }),
  )
  .map(([{ instance }, labels, dens]): Instance => ({
    ...instance,
    // Rational inputs: each example's values divided by a small denominator.
    examples: instance.examples.map((ex, e) => ({ ...ex, x: ex.x.map((v) => v.div(Rational.of(BigInt(dens[e])))), label: labels[e] % instance.network.classes! })),
  }));

describe('enumerated weights', () => {
  it('agree with the adder sums and with brute force; models decode to parameters that check', async () => {
    let differentCnf = 0;
    await fc.assert(
      fc.asyncProperty(instances, async (inst) => {
        const status = bruteStatus(inst, 2_000_000);
        if (status === null) return;
        const enumerated = await solve(inst, {});
        const adders = await solve(inst, ADDERS);
        const want = status === 'trainable' ? 'sat' : 'unsat';
        expect(enumerated.status, JSON.stringify(inst)).toBe(want);
        expect(adders.status).toBe(want);
        if (want === 'sat') expect(enumerated.ok && adders.ok).toBe(true);
        if (enumerated.vars !== adders.vars) differentCnf++;
      }),
      { numRuns: 60 },
    );
    expect(differentCnf).toBeGreaterThan(0);
  });
});
