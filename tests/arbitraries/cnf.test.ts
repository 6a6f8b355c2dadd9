/**
 * CNFs with known status (planted k-SAT, pigeonhole, random unsat), every answer checked
 * independently: the tests' own DPLL model counter and brute force on small formulas,
 * CaDiCaL and MiniSat (src/solvers) on larger ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownCnf, pigeonhole, pigeonholeCnf, plantedCnf, randomUnsatCnf, unsatCnf, type KnownCnf } from '../../src/arbitraries/index.js';
import { createSolver } from '../../src/solvers/index.js';
import { bruteCount, Dpll } from '../helpers/cnf-brute.js';
import { satisfies } from '../reductions/helpers.js';

async function solve(v: KnownCnf, backend = 'cadical'): Promise<string> {
  const s = await createSolver(backend);
  try {
    s.ensureVars(v.cnf.numVars);
    s.addClauses(v.cnf.clauses);
    return await s.solve();
  } finally {
    s.dispose();
  }
}

const wellFormed = (v: KnownCnf) =>
  v.cnf.clauses.every((c) => c.length > 0 && c.every((l) => Number.isInteger(l) && l !== 0 && Math.abs(l) <= v.cnf.numVars));

describe('plantedCnf', () => {
  it('the witness satisfies every clause; clauses have k distinct variables', () => {
    fc.assert(
      fc.property(plantedCnf({ k: 3 }), (v) => {
        expect(v.expected).toBe('satisfiable');
        expect(wellFormed(v)).toBe(true);
        expect(v.witness).toHaveLength(v.cnf.numVars);
        expect(satisfies(v.cnf, v.witness!)).toBe(true);
        for (const c of v.cnf.clauses) expect(new Set(c.map(Math.abs)).size).toBe(Math.min(3, v.cnf.numVars));
      }),
      { numRuns: 300, seed: 41 },
    );
  });

  it('CaDiCaL says satisfiable on larger ones', async () => {
    await fc.assert(
      fc.asyncProperty(plantedCnf({ minVars: 40, maxVars: 60, minClauses: 150, maxClauses: 250 }), async (v) => {
        expect(await solve(v)).toBe('sat');
      }),
      { numRuns: 15, seed: 42 },
    );
  });

  it('clause signs are uniform among the satisfying patterns (no literal bias towards the witness beyond 4/7)', () => {
    const vals = fc.sample(fc.noBias(plantedCnf({ minVars: 30, maxVars: 30, minClauses: 100, maxClauses: 100 })), { seed: 43, numRuns: 20 });
    let agree = 0;
    let total = 0;
    for (const v of vals) for (const c of v.cnf.clauses) for (const l of c) {
      total++;
      if ((l > 0) === v.witness![Math.abs(l) - 1]) agree++;
    }
    // Uniform over the 7 satisfying sign patterns: each literal is true with probability 4/7.
    expect(agree / total).toBeGreaterThan(0.53);
    expect(agree / total).toBeLessThan(0.61);
  });
});

describe('unsatisfiable families', () => {
  it('pigeonhole: the plain formula has the textbook size; scrambled ones have no model (DPLL, brute force for tiny)', () => {
    expect(pigeonhole(2)).toEqual({ numVars: 6, clauses: [[1, 2], [3, 4], [5, 6], [-1, -3], [-1, -5], [-3, -5], [-2, -4], [-2, -6], [-4, -6]] });
    fc.assert(
      fc.property(pigeonholeCnf({ maxHoles: 3 }), (v) => {
        expect(v.expected).toBe('unsatisfiable');
        expect(wellFormed(v)).toBe(true);
        expect(new Dpll(v.cnf).count([], 1).count).toBe(0);
        if (v.cnf.numVars <= 12) expect(bruteCount(v.cnf)).toBe(0);
      }),
      { numRuns: 60, seed: 44 },
    );
  });

  it('pigeonhole up to 5 holes: CaDiCaL and MiniSat say unsatisfiable', async () => {
    await fc.assert(
      fc.asyncProperty(pigeonholeCnf({ minHoles: 4, maxHoles: 5 }), async (v) => {
        expect(await solve(v)).toBe('unsat');
        expect(await solve(v, 'minisat')).toBe('unsat');
      }),
      { numRuns: 6, seed: 45 },
    );
  });

  it('random unsat: brute force and DPLL find no model; k-uniform clauses', () => {
    fc.assert(
      fc.property(randomUnsatCnf({ maxVars: 10, k: 3 }), (v) => {
        expect(v.family).toBe('random-unsat');
        expect(wellFormed(v)).toBe(true);
        expect(bruteCount(v.cnf)).toBe(0);
        expect(new Dpll(v.cnf).count([], 1).count).toBe(0);
        for (const c of v.cnf.clauses) expect(new Set(c.map(Math.abs)).size).toBe(Math.min(3, v.cnf.numVars));
      }),
      { numRuns: 150, seed: 46 },
    );
  });

  it('random unsat with more variables: CaDiCaL agrees', async () => {
    await fc.assert(
      fc.asyncProperty(randomUnsatCnf({ minVars: 14, maxVars: 16, minClauses: 70, maxClauses: 90 }), async (v) => {
        expect(await solve(v)).toBe('unsat');
      }),
      { numRuns: 8, seed: 47 },
    );
  });

  it('unsatCnf and knownCnf mix the families; options are checked', () => {
    expect(new Set(fc.sample(unsatCnf(), { seed: 48, numRuns: 40 }).map((v) => v.family))).toEqual(new Set(['pigeonhole', 'random-unsat']));
    expect(new Set(fc.sample(knownCnf(), { seed: 48, numRuns: 40 }).map((v) => v.expected))).toEqual(new Set(['satisfiable', 'unsatisfiable']));
    expect(() => randomUnsatCnf({ maxVars: 21 })).toThrow(RangeError);
    expect(() => plantedCnf({ minVars: 5, maxVars: 4 })).toThrow(RangeError);
  });
});
