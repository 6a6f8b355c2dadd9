/**
 * Pigeonhole formulas PHP(h+1, h): h+1 pigeons, h holes, variable p(i,j) = "pigeon i sits
 * in hole j"; one clause per pigeon (it sits somewhere) and one clause per hole and pair
 * of pigeons (not both there). Optionally scrambled: variables renamed by a drawn
 * permutation, some variables negated throughout, clauses reordered.
 *
 * Why the answer is right: a model would put h+1 pigeons into h holes with no hole shared,
 * which the pigeonhole principle forbids, so the formula is `unsatisfiable`. Renaming and
 * consistently negating variables map models to models and back, and clause order is
 * irrelevant, so scrambling keeps the status. (These formulas are also hard for resolution,
 * Haken 1985: a good stress test that stays small.)
 *
 * Shrinking keeps the answer: the formula is rebuilt in `.map` for the (possibly smaller)
 * number of holes, and the scrambling shrinks towards the plain formula.
 */
import fc from 'fast-check';
import type { Cnf } from '../../reductions/problems/sat.js';
import { checkCnfRange } from './cnf-planted.js';
import type { KnownCnf } from './types.js';

export interface PigeonholeOptions {
  /** Holes h (default 1..4); the formula has h(h+1) variables. */
  minHoles?: number;
  maxHoles?: number;
  /** Rename, negate and reorder (default true). */
  scramble?: boolean;
}

/**
 * The plain pigeonhole formula PHP(p, h) with p = `pigeons` (default h + 1) pigeons and h
 * holes: p(i,j) is variable i*h + j + 1. Unsatisfiable iff p > h.
 */
export function pigeonhole(h: number, pigeons = h + 1): Cnf {
  const v = (i: number, j: number) => i * h + j + 1;
  const clauses: number[][] = [];
  for (let i = 0; i < pigeons; i++) clauses.push(Array.from({ length: h }, (_, j) => v(i, j)));
  for (let j = 0; j < h; j++) for (let a = 0; a < pigeons; a++) for (let b = a + 1; b < pigeons; b++) clauses.push([-v(a, j), -v(b, j)]);
  return { numVars: h * pigeons, clauses };
}

/** The order of 0..n-1 sorted by the drawn keys (the identity when every key is 0). */
function orderBy(n: number, keys: readonly number[]): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
}

/** Pigeonhole formulas, optionally scrambled: `{cnf, expected: 'unsatisfiable', witness: null}`. */
export function pigeonholeCnf(opts: PigeonholeOptions = {}): fc.Arbitrary<KnownCnf> {
  const minHoles = opts.minHoles ?? 1;
  const maxHoles = opts.maxHoles ?? Math.max(4, minHoles);
  checkCnfRange('holes', minHoles, maxHoles, 1);
  if (maxHoles > 12) throw new RangeError(`at most 12 holes, got ${maxHoles}`);
  const scramble = opts.scramble ?? true;
  const maxVars = maxHoles * (maxHoles + 1);
  const maxClauses = maxHoles + 1 + (maxHoles * maxHoles * (maxHoles + 1)) / 2;
  const keys = (len: number) => (scramble ? fc.array(fc.nat(), { minLength: len, maxLength: len }) : fc.constant([] as number[]));
  return fc
    .record({
      h: fc.integer({ min: minHoles, max: maxHoles }),
      varKeys: keys(maxVars),
      negate: scramble ? fc.array(fc.boolean(), { minLength: maxVars, maxLength: maxVars }) : fc.constant([] as boolean[]),
      clauseKeys: keys(maxClauses),
    })
    .map(({ h, varKeys, negate, clauseKeys }): KnownCnf => {
      const plain = pigeonhole(h);
      const rename = new Array<number>(plain.numVars + 1);
      orderBy(plain.numVars, varKeys).forEach((old, i) => (rename[old + 1] = i + 1));
      const lit = (l: number) => {
        const v = Math.abs(l);
        const sign = (l > 0 ? 1 : -1) * (negate[v - 1] ? -1 : 1);
        return sign * rename[v];
      };
      const clauses = orderBy(plain.clauses.length, clauseKeys).map((c) => plain.clauses[c].map(lit));
      return {
        cnf: { numVars: plain.numVars, clauses },
        expected: 'unsatisfiable',
        witness: null,
        reason: `pigeonhole principle PHP(${h + 1}, ${h}): ${h + 1} pigeons cannot sit in ${h} hole${h === 1 ? '' : 's'} one per hole${scramble ? ' (variables renamed and negated consistently, clauses reordered)' : ''}`,
        family: 'pigeonhole',
      };
    });
}
