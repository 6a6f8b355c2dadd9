/**
 * The values the arbitraries of `trainsat/arbitraries` produce: an instance (or a CNF) together
 * with its answer, known by construction rather than computed by the code under test, and,
 * for YES answers, a witness that proves it.
 *
 * Nothing here is an arbitrary; the other files of this folder build the generators.
 */
import type { Cnf } from '../../reductions/problems/sat.js';
import type { SetSplitting } from '../../reductions/problems/set-splitting.js';
import type { Instance, Parameters } from '../model/types.js';

export type { Cnf } from '../../reductions/problems/sat.js';
export type { SetSplitting } from '../../reductions/problems/set-splitting.js';

/** How an instance with a known answer was made. */
export type InstanceFamily = 'planted' | 'parity' | 'contradiction' | 'unsplittable' | 'reduction';

/** A trainsat instance whose answer is known without running any solver on it. */
export interface KnownInstance {
  instance: Instance;
  expected: 'trainable' | 'untrainable';
  /**
   * For `trainable`: parameters under which every example's outputs equal its `y`
   * (already checked with `checkParameters`). For `untrainable`: null.
   */
  witness: Parameters | null;
  /** One line on why the answer is right, e.g. "examples[2] and examples[5] have the same x but different y". */
  reason: string;
  family: InstanceFamily;
  /** For reduction-derived instances: the source instance that was brute-forced. */
  source?: { problem: 'set-splitting'; instance: SetSplitting } | { problem: '3sat'; instance: Cnf };
}

/** A planted instance: trainable, with the planted parameters as the witness. */
export interface PlantedInstance extends KnownInstance {
  expected: 'trainable';
  witness: Parameters;
  family: 'planted';
}

/** An instance that is untrainable by construction (parity, contradiction, unsplittable). */
export interface UntrainableInstance extends KnownInstance {
  expected: 'untrainable';
  witness: null;
  family: 'parity' | 'contradiction' | 'unsplittable';
}

/** How a CNF with a known status was made. */
export type CnfFamily = 'planted' | 'pigeonhole' | 'random-unsat';

/**
 * A CNF (DIMACS conventions: variables 1..numVars, literal v or -v) with a known status.
 */
export interface KnownCnf {
  cnf: Cnf;
  expected: 'satisfiable' | 'unsatisfiable';
  /** For `satisfiable`: `witness[v - 1]` is the value of variable v in a model. Else null. */
  witness: boolean[] | null;
  reason: string;
  family: CnfFamily;
}
