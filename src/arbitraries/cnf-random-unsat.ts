/**
 * Small random unsatisfiable k-CNFs, checked by brute force: draw random k-clauses over
 * k distinct variables, list every model of them by enumerating all 2^n assignments, and
 * while a model remains, insert a random k-clause that this model falsifies (so it is
 * removed) at a drawn position.
 *
 * Why the answer is right: the loop ends only when exhaustive enumeration finds no
 * assignment satisfying every clause, so the formula is `unsatisfiable`; each added clause
 * removes at least one model, so the loop ends. The enumeration (brute.ts) shares no code
 * with trainsat's solvers.
 *
 * Shrinking keeps the answer: the completion runs inside `.map`, so a shrunk set of random
 * clauses (or fewer variables) is completed again until it is unsatisfiable.
 */
import fc from 'fast-check';
import type { Cnf } from '../../reductions/problems/sat.js';
import { clauseMasks, MAX_BRUTE_VARS, satisfiesMasks } from './brute.js';
import { checkCnfRange, pickVariables } from './cnf-planted.js';
import type { KnownCnf } from './types.js';

export interface RandomUnsatOptions {
  /** Variables (default 3..8, at most 20: every assignment is enumerated). */
  minVars?: number;
  maxVars?: number;
  /** Random clauses before the completion (default 0..5 * maxVars); the completion adds more. */
  minClauses?: number;
  maxClauses?: number;
  /** Literals per clause (default 3; at most the number of variables). */
  k?: number;
}

/** Random unsatisfiable k-CNFs: `{cnf, expected: 'unsatisfiable', witness: null}`. */
export function randomUnsatCnf(opts: RandomUnsatOptions = {}): fc.Arbitrary<KnownCnf> {
  const minVars = opts.minVars ?? Math.min(3, opts.maxVars ?? 3);
  const maxVars = opts.maxVars ?? Math.max(8, minVars);
  const minClauses = opts.minClauses ?? 0;
  const maxClauses = opts.maxClauses ?? Math.max(5 * maxVars, minClauses);
  const k = opts.k ?? 3;
  checkCnfRange('vars', minVars, maxVars, 1);
  checkCnfRange('clauses', minClauses, maxClauses, 0);
  if (maxVars > MAX_BRUTE_VARS) throw new RangeError(`random unsatisfiable formulas are checked by brute force: at most ${MAX_BRUTE_VARS} variables, got ${maxVars}`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const clause = fc.record({ picks: fc.array(fc.nat(), { minLength: k, maxLength: k }), negate: fc.array(fc.boolean(), { minLength: k, maxLength: k }) });
  return fc
    .record({
      n: fc.integer({ min: minVars, max: maxVars }),
      clauses: fc.array(clause, { minLength: minClauses, maxLength: maxClauses, size: 'max' }),
      completion: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
    })
    .map(({ n, clauses: drawn, completion }): KnownCnf => {
      const kk = Math.min(k, n);
      const clauses = drawn.map(({ picks, negate }) => pickVariables(n, kk, picks).map((v, j) => (negate[j] ? -v : v)));
      const masks = clauseMasks({ numVars: n, clauses });
      let models: number[] = [];
      for (let a = 0; a < 2 ** n; a++) if (satisfiesMasks(masks, a)) models.push(a);
      const random = (j: number) => completion[j % completion.length] + j;
      let added = 0;
      for (let j = 0; models.length > 0; j++) {
        const model = models[random(3 * j) % models.length];
        const picks = Array.from({ length: kk }, (_, t) => random(3 * j + 1 + t));
        // The literal of v that is false under the model.
        const c = pickVariables(n, kk, picks).map((v) => (((model >> (v - 1)) & 1) === 1 ? -v : v));
        clauses.splice(random(3 * j + 2) % (clauses.length + 1), 0, c);
        const [m] = clauseMasks({ numVars: n, clauses: [c] });
        models = models.filter((a) => satisfiesMasks([m], a));
        added++;
      }
      const cnf: Cnf = { numVars: n, clauses };
      return {
        cnf,
        expected: 'unsatisfiable',
        witness: null,
        reason: `${drawn.length} random ${kk}-clauses${added > 0 ? ` plus ${added} clause${added === 1 ? '' : 's'} each falsified by a remaining model` : ''}; enumerating all 2^${n} assignments finds no model`,
        family: 'random-unsat',
      };
    });
}
