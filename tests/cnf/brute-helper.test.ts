/**
 * Checks the test oracle itself (tests/helpers/cnf-brute.ts): the DPLL model counter
 * must agree with exhaustive enumeration, and both, on satisfiability, with logic-solver
 * (MiniSat compiled to JavaScript), an independent implementation.
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { bruteCount, bruteModel, bruteSatisfiable, Dpll, satisfies } from '../helpers/cnf-brute.js';
import { smallCnf } from '../helpers/small-cnf.js';

// logic-solver ships no type declarations; load it through require with a minimal type.
interface LogicSolver {
  require(f: unknown): void;
  solve(): unknown;
}
const Logic = createRequire(import.meta.url)('logic-solver') as {
  Solver: new () => LogicSolver;
  or(terms: string[]): unknown;
};

const cnfArb = smallCnf(9, 25, 4);

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

  it('DPLL and enumeration satisfiability agree with logic-solver; the enumerated model satisfies the clauses', () => {
    fc.assert(
      fc.property(cnfArb, (cnf) => {
        const sat = logicSat(cnf);
        expect(new Dpll(cnf).count([], 1).count === 1).toBe(sat);
        expect(bruteSatisfiable(cnf)).toBe(sat);
        const model = bruteModel(cnf);
        expect(model !== null).toBe(sat);
        if (model) expect(satisfies(cnf.clauses, [false, ...model])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
