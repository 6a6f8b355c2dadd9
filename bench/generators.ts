/**
 * Seeded uniform random k-SAT for benchmarks and tests: fixed clause length, distinct
 * variables per clause, random signs. Same seed, same formula, on every machine: drawn from
 * the library's seeded generator (src/random/rng.ts), not Math.random. Pigeonhole formulas
 * come from src/arbitraries/cnf-pigeonhole.ts, training instances from
 * src/sweep/families.ts.
 */
import type { Cnf } from '../src/cnf/builder.js';
import { Rng } from '../src/random/rng.js';

/** Uniform random k-SAT: `numClauses` clauses of `k` distinct variables out of `numVars`. */
export function randomKSat(numVars: number, numClauses: number, k: number, seed: number): Cnf {
  if (k > numVars) throw new RangeError(`k = ${k} exceeds the ${numVars} variables`);
  const r = Rng.fromSeed(seed);
  const clauses: number[][] = [];
  for (let i = 0; i < numClauses; i++) {
    const c: number[] = [];
    while (c.length < k) {
      const v = r.int(1, numVars);
      if (c.includes(v) || c.includes(-v)) continue;
      c.push(r.float() < 0.5 ? -v : v);
    }
    clauses.push(c);
  }
  return { numVars, clauses };
}
