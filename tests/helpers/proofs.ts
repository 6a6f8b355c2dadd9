/**
 * The proof tests' inputs: small CNFs with random add-only proofs (fast-check), uniform
 * random 3-SAT, and CaDiCaL's learned-clause stream on a CNF.
 */
import fc from 'fast-check';
import type { SolverOptions } from 'cadical-wasm';
import type { ProofStep } from '../../src/exact/rup.js';
import { Rng } from '../../src/random/rng.js';
import { createCadical, DRUP_PROOF_OPTIONS } from '../../src/solvers/cadical.js';

export const add = (clause: number[]): ProofStep => ({ kind: 'add', clause });

/** Small CNFs with random add-only proofs (some steps RUP, some not). */
export const smallProof = (maxVars: number, maxSteps = 12) =>
  fc.integer({ min: 1, max: maxVars }).chain((n) => {
    const lit = fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v));
    return fc.record({
      numVars: fc.constant(n),
      clauses: fc.array(fc.array(lit, { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 16 }),
      proof: fc.array(fc.array(lit, { minLength: 0, maxLength: 3 }).map(add), { maxLength: maxSteps }),
    });
  });

/** Uniform random 3-SAT, `ratio` clauses per variable (unsatisfiable mostly, above 4.26). */
export function random3Sat(numVars: number, ratio: number, seed: number): { numVars: number; clauses: number[][] } {
  const rng = Rng.fromSeed(seed);
  const clauses: number[][] = [];
  for (let i = 0; i < Math.round(ratio * numVars); i++) {
    const vs = new Set<number>();
    while (vs.size < 3) vs.add(rng.int(1, numVars));
    clauses.push([...vs].map((v) => (rng.int(0, 1) ? v : -v)));
  }
  return { numVars, clauses };
}

/** CaDiCaL's learned clauses on the CNF (with the empty clause appended on UNSAT when missing). */
export async function learnedStream(cnf: { numVars: number; clauses: number[][] }, options: SolverOptions = DRUP_PROOF_OPTIONS): Promise<{ status: string; proof: ProofStep[] }> {
  const s = await createCadical(options);
  const proof: ProofStep[] = [];
  try {
    s.onLearn((c) => proof.push(add(Array.from(c))));
    s.ensureVars(cnf.numVars);
    s.addClauses(cnf.clauses);
    const status = await s.solve();
    if (status === 'unsat' && proof.at(-1)?.clause.length !== 0) proof.push(add([]));
    return { status, proof };
  } finally {
    s.dispose();
  }
}

/** CaDiCaL's proofs of those of random3Sat(numVars, ratio, seed), seed = 1..seeds, that are unsatisfiable. */
export async function* unsatRandom3Sat(numVars: number, ratio: number, seeds: number): AsyncGenerator<{ seed: number; cnf: { numVars: number; clauses: number[][] }; proof: ProofStep[] }> {
  for (let seed = 1; seed <= seeds; seed++) {
    const cnf = random3Sat(numVars, ratio, seed);
    const { status, proof } = await learnedStream(cnf);
    if (status === 'unsat') yield { seed, cnf, proof };
  }
}
