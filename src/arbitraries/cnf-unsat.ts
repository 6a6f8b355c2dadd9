/**
 * Unsatisfiable CNFs of both families: scrambled pigeonhole formulas (`pigeonholeCnf`) and
 * small random k-CNFs completed to unsatisfiability under brute force (`randomUnsatCnf`).
 *
 * Why the answer is right: each family's file proves its own; this only chooses.
 */
import fc from 'fast-check';
import { pigeonholeCnf, type PigeonholeOptions } from './cnf-pigeonhole.js';
import { randomUnsatCnf, type RandomUnsatOptions } from './cnf-random-unsat.js';
import type { KnownCnf } from './types.js';

export type UnsatFamily = 'pigeonhole' | 'random-unsat';
export const UNSAT_FAMILIES: readonly UnsatFamily[] = ['pigeonhole', 'random-unsat'];

export interface UnsatCnfOptions {
  /** Families to draw from (default both). */
  families?: readonly UnsatFamily[];
  pigeonhole?: PigeonholeOptions;
  random?: RandomUnsatOptions;
}

export function unsatCnf(opts: UnsatCnfOptions = {}): fc.Arbitrary<KnownCnf> {
  const families = opts.families ?? UNSAT_FAMILIES;
  if (families.length === 0) throw new RangeError('families must not be empty');
  const arbs = families.map((f) => {
    if (f === 'pigeonhole') return pigeonholeCnf(opts.pigeonhole);
    if (f === 'random-unsat') return randomUnsatCnf(opts.random);
    throw new RangeError(`unknown unsatisfiable family "${String(f)}" (expected one of ${UNSAT_FAMILIES.join(', ')})`);
  });
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}
