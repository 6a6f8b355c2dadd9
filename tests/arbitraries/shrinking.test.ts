/**
 * Shrinking keeps the known answer. Each test runs fast-check on a property that fails on
 * big values (a "solver" that is wrong beyond some size, the usual shape of a real bug),
 * lets fast-check shrink the counterexample, and checks that
 *  - shrinking happened and reached the smallest failing size,
 *  - every value the property saw (the random ones and every shrink candidate) still has
 *    its expected answer (witness check or independent brute force),
 *  - the final counterexample has its expected answer according to the exact solver.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contradictionInstance,
  parityInstance,
  pigeonhole,
  pigeonholeCnf,
  plantedCnf,
  plantedInstance,
  randomUnsatCnf,
  reductionInstance,
  unsplittableInstance,
  type KnownCnf,
  type KnownInstance,
} from '../../src/arbitraries/index.js';
import type { SetSplitting } from '../../reductions/problems/set-splitting.js';
import { decide } from '../../src/decide.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { bruteCount, bruteModel } from '../helpers/cnf-brute.js';
import { bruteSetSplitting, satisfies } from '../reductions/helpers.js';

/** Runs `arb` against a property that fails when `tooBig(value)`; returns the shrunk value and everything seen. */
function shrinkFailure<T>(arb: fc.Arbitrary<T>, tooBig: (v: T) => boolean, seed: number): { shrunk: T; seen: T[]; numShrinks: number } {
  const seen: T[] = [];
  const r = fc.check(
    fc.property(arb, (v) => {
      seen.push(v);
      return !tooBig(v);
    }),
    { seed, numRuns: 300 },
  );
  expect(r.failed).toBe(true);
  return { shrunk: r.counterexample![0], seen, numShrinks: r.numShrinks };
}

const bruteOf = (v: KnownInstance) => bruteStatus(v.instance, 200_000);

describe('shrinking keeps the known answer', () => {
  it('planted: shrinks the network and the examples together; every candidate is relabelled consistently', async () => {
    const { shrunk, seen, numShrinks } = shrinkFailure(
      plantedInstance({ maxInputs: 6, maxUnits: 4, maxExamples: 14 }),
      (v) => v.instance.examples.length >= 6 && v.instance.network.units.length >= 3,
      51,
    );
    expect(numShrinks).toBeGreaterThan(0);
    expect(shrunk.instance.examples).toHaveLength(6);
    expect(shrunk.instance.network.units).toHaveLength(3);
    for (const v of seen) expect(checkParameters(v.instance, v.witness).ok).toBe(true);
    expect((await decide(shrunk.instance)).status).toBe('trainable');
    expect(bruteOf(shrunk)).not.toBe('untrainable');
  });

  it('parity: only the extra examples and inputs shrink away, the parity core stays', async () => {
    const { shrunk, seen, numShrinks } = shrinkFailure(parityInstance({ maxInputs: 5, maxExtraExamples: 8 }), (v) => v.instance.examples.length >= 7, 52);
    expect(numShrinks).toBeGreaterThan(0);
    expect(shrunk.instance.examples).toHaveLength(7);
    let checked = 0;
    for (const v of seen) {
      const s = bruteOf(v);
      if (s !== null) {
        checked++;
        expect(s).toBe('untrainable');
      }
    }
    expect(checked).toBeGreaterThan(seen.length / 2);
    expect((await decide(shrunk.instance)).status).toBe('untrainable');
  });

  it('contradiction: the contradictory pair survives every shrink', async () => {
    const { shrunk, seen } = shrinkFailure(
      contradictionInstance({ maxInputs: 5, maxExamples: 10 }),
      (v) => v.instance.examples.length >= 5 && v.instance.network.inputs >= 3,
      53,
    );
    expect(shrunk.instance.examples).toHaveLength(5);
    expect(shrunk.instance.network.inputs).toBe(3);
    for (const v of seen) {
      const [, i, j] = /examples\[(\d+)\] and examples\[(\d+)\]/.exec(v.reason)!.map(Number);
      expect(v.instance.examples[i].x).toEqual(v.instance.examples[j].x);
      expect(v.instance.examples[i].y).not.toEqual(v.instance.examples[j].y);
    }
    expect((await decide(shrunk.instance)).status).toBe('untrainable');
  });

  it('unsplittable: extra elements and sets shrink, the core stays unsplittable', async () => {
    const { shrunk, seen, numShrinks } = shrinkFailure(
      unsplittableInstance({ maxElements: 8, maxExtraSets: 3 }),
      (v) => v.source!.instance.elements >= 6 && v.instance.examples.length >= 12,
      54,
    );
    expect(numShrinks).toBeGreaterThan(0);
    for (const v of seen) expect(bruteSetSplitting(v.source!.instance as SetSplitting)).toBeNull();
    expect(shrunk.source!.instance.elements).toBe(6);
    expect((await decide(shrunk.instance)).status).toBe('untrainable');
  });

  it('reduction-derived: every shrunk source is re-solved, so the label always matches', async () => {
    const { shrunk, seen } = shrinkFailure(reductionInstance({ sources: ['set-splitting'] }), (v) => v.expected === 'untrainable' && v.instance.network.inputs >= 4, 55);
    for (const v of seen) {
      const yes = bruteSetSplitting(v.source!.instance as SetSplitting) !== null;
      expect(v.expected).toBe(yes ? 'trainable' : 'untrainable');
    }
    expect((await decide(shrunk.instance)).status).toBe(shrunk.expected);
  });

  it('planted CNF: fewer variables and clauses, still satisfied by its own planted assignment', () => {
    const { shrunk, seen } = shrinkFailure<KnownCnf>(plantedCnf({ maxVars: 12, maxClauses: 50 }), (v) => v.cnf.numVars >= 6 && v.cnf.clauses.length >= 20, 56);
    expect(shrunk.cnf.numVars).toBe(6);
    expect(shrunk.cnf.clauses).toHaveLength(20);
    for (const v of seen) expect(satisfies(v.cnf, v.witness!)).toBe(true);
    expect(bruteModel(shrunk.cnf)).not.toBeNull();
  });

  it('unsatisfiable CNFs: shrunk random formulas are completed again; pigeonhole shrinks to fewer holes', () => {
    const a = shrinkFailure<KnownCnf>(randomUnsatCnf({ maxVars: 9 }), (v) => v.cnf.numVars >= 5, 57);
    expect(a.shrunk.cnf.numVars).toBe(5);
    for (const v of a.seen) expect(bruteCount(v.cnf)).toBe(0);
    const b = shrinkFailure<KnownCnf>(pigeonholeCnf({ maxHoles: 4 }), (v) => v.cnf.numVars >= 12, 58);
    expect(b.shrunk.cnf.numVars).toBe(12);
    // The scrambling shrinks away too: the counterexample is the textbook PHP(4, 3).
    expect(b.shrunk.cnf).toEqual(pigeonhole(3));
    for (const v of b.seen) if (v.cnf.numVars <= 12) expect(bruteCount(v.cnf)).toBe(0);
  });
});
