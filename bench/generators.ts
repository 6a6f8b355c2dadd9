/**
 * Seeded CNF generators for benchmarks and tests: uniform random k-SAT (fixed clause
 * length, distinct variables per clause, random signs) and the pigeonhole formulas
 * PHP(p, h) (p pigeons, h holes; unsatisfiable iff p > h, and exponentially hard for
 * resolution, hence for CDCL solvers). Same seed, same formula, on every machine: the
 * PRNG is a 32-bit mulberry32, not Math.random.
 */
import type { Cnf } from '../src/cnf/builder.js';

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform random k-SAT: `numClauses` clauses of `k` distinct variables out of `numVars`. */
export function randomKSat(numVars: number, numClauses: number, k: number, seed: number): Cnf {
  if (k > numVars) throw new RangeError(`k = ${k} exceeds the ${numVars} variables`);
  const r = rng(seed);
  const clauses: number[][] = [];
  for (let i = 0; i < numClauses; i++) {
    const c: number[] = [];
    while (c.length < k) {
      const v = 1 + Math.floor(r() * numVars);
      if (c.includes(v) || c.includes(-v)) continue;
      c.push(r() < 0.5 ? -v : v);
    }
    clauses.push(c);
  }
  return { numVars, clauses };
}

/** PHP(p, h): variable (i*h + j + 1) says pigeon i sits in hole j. Unsatisfiable iff p > h. */
export function pigeonhole(pigeons: number, holes: number): Cnf {
  const x = (i: number, j: number): number => i * holes + j + 1;
  const clauses: number[][] = [];
  for (let i = 0; i < pigeons; i++) {
    const c: number[] = [];
    for (let j = 0; j < holes; j++) c.push(x(i, j));
    clauses.push(c);
  }
  for (let j = 0; j < holes; j++) {
    for (let i = 0; i < pigeons; i++) {
      for (let i2 = i + 1; i2 < pigeons; i2++) clauses.push([-x(i, j), -x(i2, j)]);
    }
  }
  return { numVars: pigeons * holes, clauses };
}
