/**
 * Fast-check arbitraries of small CNFs for the solver tests: random formulas (including
 * empty clauses, duplicate and complementary literals, unused variables: the corner cases
 * a backend wrapper gets wrong) and random 3-SAT near the satisfiability threshold. Their
 * oracle is tests/helpers/cnf-brute.ts.
 */
import fc from 'fast-check';

export interface SmallCnf {
  numVars: number;
  clauses: number[][];
}

/** Random CNFs over 1..maxVars variables, clause lengths 0..maxLen. */
export function smallCnf(maxVars = 12, maxClauses = 60, maxLen = 4): fc.Arbitrary<SmallCnf> {
  return fc.integer({ min: 1, max: maxVars }).chain((numVars) =>
    fc.record({
      numVars: fc.constant(numVars),
      clauses: fc.array(
        fc.array(
          fc.integer({ min: 1, max: numVars }).chain((v) => fc.constantFrom(v, -v)),
          { minLength: 0, maxLength: maxLen },
        ),
        { maxLength: maxClauses },
      ),
    }),
  );
}

/** Random 3-SAT near the threshold (4.26 clauses per variable): about half satisfiable. */
export function thresholdCnf(minVars = 5, maxVars = 12): fc.Arbitrary<SmallCnf> {
  return fc.integer({ min: minVars, max: maxVars }).chain((numVars) =>
    fc.record({
      numVars: fc.constant(numVars),
      clauses: fc.array(
        fc
          .uniqueArray(fc.integer({ min: 1, max: numVars }), { minLength: 3, maxLength: 3 })
          .chain((vs) => fc.tuple(...vs.map((v) => fc.constantFrom(v, -v)))),
        { minLength: Math.round(4.26 * numVars), maxLength: Math.round(4.26 * numVars) },
      ),
    }),
  );
}
