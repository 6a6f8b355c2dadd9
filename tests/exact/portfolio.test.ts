/**
 * The search components of the hybrid's 3-node frontier work: the time-sliced portfolio of
 * CDCL engines sharing theory clauses (src/exact/portfolio.ts) and model-guided phases
 * (src/exact/model-phase.ts). Checked against brute force on random CNFs with a lazy
 * theory (each member reveals hidden clauses only when violated, like the LP layer) and on
 * tiny network instances (every strategy of decideHybrid); a fixed instance is decided the
 * same way twice (determinism: same counts, same parameters).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cdcl, type TheoryHook } from '../../src/exact/cdcl.js';
import { decideHybrid } from '../../src/exact/hybrid.js';
import { ModelPhases } from '../../src/exact/model-phase.js';
import { solvePortfolio } from '../../src/exact/portfolio.js';
import type { ThresholdTheory } from '../../src/exact/skeleton.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { expandPreset, type PresetName } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { Rng } from '../../src/random/rng.js';
import { drawInstance } from '../../src/sweep/families.js';
import { bruteSatisfiable } from '../helpers/cnf-brute.js';
import { bruteStatus } from '../helpers/brute-status.js';

const clauseArb = (n: number) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: n }), fc.boolean()), { minLength: 1, maxLength: 4 }).map((c) => c.map(([v, s]) => (s ? v : -v)));

/** A theory that reveals the hidden clauses the engine's assignment violates (one at a time on partial assignments). */
function lazyTheory(s: Cdcl, hidden: number[][]): TheoryHook {
  return {
    check(complete) {
      const out = hidden.filter((c) => c.every((l) => s.litValue(l) === -1));
      if (!complete && out.length > 1) out.length = 1;
      return out;
    },
  };
}

/** A tiny preset network on random 0/1 points with random labels. */
const presetInstance = fc
  .record({
    preset: fc.constantFrom<PresetName>('blum-rivest-and', 'blum-rivest', 'perceptron'),
    n: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(fc.tuple(fc.nat(15), fc.boolean()), { minLength: 1, maxLength: 9 }),
  })
  .map(({ preset, n, rows }): Instance => ({
    network: expandPreset(preset, n),
    examples: rows.map(([x, y]) => ({ x: Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)), y: [y ? 1 : 0] })),
  }));

describe('portfolio of CDCL engines', () => {
  it('agrees with brute force on random CNFs whose hidden clauses each member reveals lazily and shares', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.array(clauseArb(n), { maxLength: 30 }), fc.array(clauseArb(n), { maxLength: 30 }))),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        ([n, visible, hidden], k, firstSlice) => {
          const members = Array.from({ length: k }, (_, i) => {
            const cdcl = new Cdcl(n);
            // Different phases per member, so they search differently.
            for (let v = 1; v <= n; v++) cdcl.setPhase(v, (v + i) % 2 === 0);
            for (const c of visible) cdcl.addClause(c);
            return { cdcl, theory: lazyTheory(cdcl, hidden) };
          });
          const r = solvePortfolio(members, Infinity, { firstSlice, growth: 1.3 });
          const all = [...visible, ...hidden];
          expect(r.status).toBe(bruteSatisfiable({ numVars: n, clauses: all }) ? 'sat' : 'unsat');
          if (r.status === 'sat') {
            const s = members[r.member].cdcl;
            for (const c of all) expect(c.some((l) => s.litValue(l) === 1)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a passed deadline gives unknown', () => {
    const members = [0, 1].map(() => {
      const cdcl = new Cdcl(3);
      cdcl.addClause([1, 2]);
      return { cdcl, theory: lazyTheory(cdcl, []) };
    });
    expect(solvePortfolio(members, performance.now() - 1).status).toBe('unknown');
  });
});

describe('model-guided phases', () => {
  it('follow the side of the separator and flip the nearer literal of a clause they falsify', () => {
    // Two units over the points 0, 1, 2 of the line (dim 1); outputs a_p = var p + 1, b_p = var p + 4.
    const phases = new Map<number, boolean>();
    const assigned = new Map<number, number>([[1, 1], [4, 1]]);
    const target = {
      litValue: (l: number) => (l > 0 ? 1 : -1) * (assigned.get(Math.abs(l)) ?? 0),
      setPhase: (v: number, b: boolean) => void phases.set(v, b),
    };
    // Clauses "not a_p or not b_p": each point must be rejected by one unit.
    const mp = new ModelPhases(target, 6, [[-2, -5], [-3, -6]]);
    const pts = { exact: [], float: [0, 1, 2].map((x) => Float64Array.of(x)), labels: Uint8Array.of(1, 0, 0), dim: 1 };
    const unit = (out: number[]) => ({ mode: 'points', constant: true, out }) as unknown as ThresholdTheory;
    // Unit a: w = -1 (point 0 labelled 1 is needed): 1 and 2 lie below; unit b: w = 1, needs 0 labelled 1 and 2 labelled 1 (nothing below).
    mp.observe(unit([1, 2, 3]), pts, [0], Float64Array.of(-1));
    mp.observe(unit([4, 5, 6]), { ...pts, labels: Uint8Array.of(1, 1, 1) }, [0], Float64Array.of(1));
    mp.commit();
    // a rejects points 1 and 2 (phase false), b accepts them: no clause is falsified.
    expect(phases.get(2)).toBe(false);
    expect(phases.get(3)).toBe(false);
    expect(phases.get(5)).toBe(true);
    // Now both accept point 1 and 2: the clause is falsified, and the literal nearer its hyperplane flips.
    mp.observe(unit([1, 2, 3]), { ...pts, labels: Uint8Array.of(1, 1, 1) }, [0], Float64Array.of(2));
    mp.commit();
    expect(mp.flipped).toBeGreaterThan(0);
    for (const [a, b] of [[2, 5], [3, 6]]) expect(phases.get(a) && phases.get(b)).toBe(false);
  });
});

describe('hybrid search strategies', () => {
  it('the default, the portfolio, and one engine with and without model phases, agree with brute force on tiny instances', async () => {
    await fc.assert(
      fc.asyncProperty(presetInstance, async (inst) => {
        const expected = bruteStatus(inst, 3e6);
        if (expected === null) return;
        for (const opts of [{}, { portfolio: true }, { portfolio: false, modelPhases: true }, { portfolio: false, modelPhases: false }]) {
          const r = await decideHybrid(inst, opts);
          expect(r.status).toBe(expected);
          if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  it('is deterministic: the same instance is decided with the same counts and parameters', async () => {
    const inst = drawInstance(Rng.fromSeed(7), { family: 'random', preset: 'blum-rivest-and', n: 9, size: 40, name: 'det' }).instance;
    const a = await decideHybrid(inst, { portfolio: true });
    const b = await decideHybrid(inst, { portfolio: true });
    expect(a.status).not.toBe('unknown');
    expect(b.status).toBe(a.status);
    for (const k of ['decisions', 'sat_conflicts', 'theory_checks', 'conflicts', 'lemmas', 'lps', 'pivots'] as const) expect(b.stats[k]).toBe(a.stats[k]);
    expect(JSON.stringify(b.parameters)).toBe(JSON.stringify(a.parameters));
  });
});
