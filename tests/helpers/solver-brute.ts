/**
 * Oracles and generators for the solver tests: brute-force satisfiability of tiny CNFs
 * (independent of every backend), a model checker over clause arrays, and a fast-check
 * arbitrary of random small CNFs (including empty clauses, duplicate and complementary
 * literals, unused variables: the corner cases a backend wrapper gets wrong).
 */
import fc from 'fast-check';

export interface SmallCnf {
  numVars: number;
  clauses: number[][];
}

/** Whether `model` (model[v] for v >= 1) satisfies every clause. */
export function satisfies(clauses: readonly (readonly number[])[], model: ArrayLike<boolean | number>): boolean {
  return clauses.every((c) => c.some((l) => (l > 0 ? !!model[l] : !model[-l])));
}

/** Exhaustive search over all 2^numVars assignments (numVars <= 20). */
export function bruteForceSat(cnf: SmallCnf): boolean {
  if (cnf.numVars > 20) throw new RangeError('brute force is for tiny formulas');
  const masks = cnf.clauses.map((c) => {
    let pos = 0;
    let neg = 0;
    for (const l of c) {
      if (l > 0) pos |= 1 << (l - 1);
      else neg |= 1 << (-l - 1);
    }
    return [pos, neg] as const;
  });
  const total = 1 << cnf.numVars;
  outer: for (let a = 0; a < total; a++) {
    for (const [pos, neg] of masks) {
      if ((a & pos) === 0 && (~a & neg) === 0) continue outer;
    }
    return true;
  }
  return false;
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
