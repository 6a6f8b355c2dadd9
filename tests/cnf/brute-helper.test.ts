/**
 * Checks the test oracle itself (tests/helpers/cnf-brute.ts): the DPLL model counter
 * must agree with exhaustive enumeration and, on satisfiability, with logic-solver
 * (MiniSat compiled to JavaScript), an independent implementation.
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bruteCount, Dpll } from '../helpers/cnf-brute.js';

// logic-solver ships no type declarations; load it through require with a minimal type.
interface LogicSolver {
  require(f: unknown): void;
  solve(): unknown;
}
const Logic = createRequire(import.meta.url)('logic-solver') as {
  Solver: new () => LogicSolver;
  or(terms: string[]): unknown;
};

const cnfArb = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.record({
      numVars: fc.constant(n),
      clauses: fc.array(
        fc.array(
          fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v)),
          { minLength: 0, maxLength: 4 },
        ),
        { maxLength: 25 },
      ),
    }),
  );

function logicSat(cnf: { numVars: number; clauses: number[][] }): boolean {
  const s = new Logic.Solver();
  for (const c of cnf.clauses) s.require(Logic.or(c.map((l) => (l > 0 ? `v${l}` : `-v${-l}`))));
  return s.solve() !== null;
}

describe('cnf-brute oracle', () => {
  it('DPLL counts agree with exhaustive enumeration', () => {
    fc.assert(
      fc.property(cnfArb, (cnf) => {
        const exact = bruteCount(cnf);
        expect(new Dpll(cnf).count([], 1 << 12).count).toBe(exact);
        expect(new Dpll(cnf).count([], 2).count).toBe(Math.min(exact, 2));
      }),
      { numRuns: 400 },
    );
  });

  it('DPLL models satisfy the clauses and the assumptions', () => {
    fc.assert(
      fc.property(cnfArb, fc.array(fc.integer({ min: -9, max: 9 }).filter((l) => l !== 0), { maxLength: 3 }), (cnf, as) => {
        const assumptions = as.filter((l) => Math.abs(l) <= cnf.numVars);
        const r = new Dpll(cnf).count(assumptions, 1);
        const withUnits = { numVars: cnf.numVars, clauses: [...cnf.clauses, ...assumptions.map((l) => [l])] };
        expect(r.count).toBe(Math.min(bruteCount(withUnits), 1));
        if (r.model) {
          const t = (l: number) => (l > 0 ? r.model![l] : !r.model![-l]);
          for (const c of withUnits.clauses) expect(c.some(t)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('DPLL satisfiability agrees with logic-solver', () => {
    fc.assert(
      fc.property(cnfArb, (cnf) => {
        expect(new Dpll(cnf).count([], 1).count === 1).toBe(logicSat(cnf));
      }),
      { numRuns: 200 },
    );
  });
});
