/**
 * Planted-satisfiable random k-SAT: draw an assignment, then draw each clause uniformly
 * among the k-clauses over k distinct variables that the assignment satisfies (of the
 * 2^k sign patterns for the chosen variables, exactly one falsifies the assignment; the
 * pattern index is drawn among the other 2^k - 1).
 *
 * Why the answer is right: every clause has a literal that is true under the planted
 * assignment, so the formula is `satisfiable` and the assignment is a witness.
 *
 * Shrinking keeps the answer: clauses are built in `.map` from the (possibly shrunk)
 * assignment and pattern indices, so every candidate is again satisfied by its own
 * (possibly shrunk) planted assignment.
 */
import fc from 'fast-check';
import type { Cnf } from '../../reductions/problems/sat.js';
import type { KnownCnf } from './types.js';

export interface PlantedCnfOptions {
  /** Variables (default 3..10). */
  minVars?: number;
  maxVars?: number;
  /** Clauses (default 1..4 * maxVars). */
  minClauses?: number;
  maxClauses?: number;
  /** Literals per clause (default 3; at most the number of variables). */
  k?: number;
}

export function checkCnfRange(what: string, min: number, max: number, least: number): void {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < least || max < min) {
    throw new RangeError(`${what} must satisfy ${least} <= min <= max, got ${min}..${max}`);
  }
}

/** `k` distinct variables (1-based) out of `n`, chosen without replacement by the picks. */
export function pickVariables(n: number, k: number, picks: readonly number[]): number[] {
  const free = Array.from({ length: n }, (_, i) => i + 1);
  return Array.from({ length: k }, (_, j) => free.splice((picks[j] ?? 0) % free.length, 1)[0]);
}

/** Planted random k-SAT: `{cnf, expected: 'satisfiable', witness: the planted assignment}`. */
export function plantedCnf(opts: PlantedCnfOptions = {}): fc.Arbitrary<KnownCnf> {
  const minVars = opts.minVars ?? Math.min(3, opts.maxVars ?? 3);
  const maxVars = opts.maxVars ?? Math.max(10, minVars);
  const minClauses = opts.minClauses ?? 1;
  const maxClauses = opts.maxClauses ?? Math.max(4 * maxVars, minClauses);
  const k = opts.k ?? 3;
  checkCnfRange('vars', minVars, maxVars, 1);
  checkCnfRange('clauses', minClauses, maxClauses, 0);
  if (!Number.isInteger(k) || k < 1 || k > 30) throw new RangeError(`k must be an integer from 1 to 30, got ${k}`);
  const clause = fc.record({
    picks: fc.array(fc.nat(), { minLength: k, maxLength: k }),
    pattern: fc.nat(),
  });
  return fc
    .record({
      n: fc.integer({ min: minVars, max: maxVars }),
      assignment: fc.array(fc.boolean(), { minLength: maxVars, maxLength: maxVars }),
      clauses: fc.array(clause, { minLength: minClauses, maxLength: maxClauses, size: 'max' }),
    })
    .map(({ n, assignment, clauses }): KnownCnf => {
      const witness = assignment.slice(0, n);
      const kk = Math.min(k, n);
      const cnf: Cnf = {
        numVars: n,
        clauses: clauses.map(({ picks, pattern }) => {
          const vars = pickVariables(n, kk, picks);
          // Bit j of `truth` says whether literal j is true under the witness; 0 (all false) is excluded.
          const truth = (pattern % (2 ** kk - 1)) + 1;
          return vars.map((v, j) => {
            const litTrue = ((truth >> j) & 1) === 1;
            return litTrue === witness[v - 1] ? v : -v;
          });
        }),
      };
      if (!cnf.clauses.every((c) => c.some((l) => (l > 0) === witness[Math.abs(l) - 1]))) {
        throw new Error('internal error: a planted clause is falsified by the planted assignment');
      }
      return {
        cnf,
        expected: 'satisfiable',
        witness,
        reason: `every clause was drawn among the ${kk}-clauses satisfied by the planted assignment (the witness)`,
        family: 'planted',
      };
    });
}
