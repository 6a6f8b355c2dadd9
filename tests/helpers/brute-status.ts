/**
 * The brute-force oracle (src/model/bruteforce.ts) within a work budget, for property tests
 * that compare a backend with it on random small instances: the status, or null when the
 * instance is over the budget (the test then skips it and counts what it compared).
 */
import { bruteForce, BruteForceBudgetError } from '../../src/model/bruteforce.js';
import type { Instance } from '../../src/model/types.js';

export function bruteStatus(inst: Instance, maxWork = 300_000): 'trainable' | 'untrainable' | null {
  try {
    return bruteForce(inst, { maxWork }).status;
  } catch (e) {
    if (e instanceof BruteForceBudgetError) return null;
    throw e;
  }
}

/** bruteStatus as a solver's answer on the encoded formula: 'sat' iff trainable. */
export function bruteSat(inst: Instance, maxWork?: number): 'sat' | 'unsat' | null {
  const s = bruteStatus(inst, maxWork);
  return s === null ? null : s === 'trainable' ? 'sat' : 'unsat';
}
