/**
 * Solving a source problem through a reduction to trainsat's problem: reduce the source,
 * decide the network instance with `decide`, and map found weights back to a source
 * solution, which is checked against the source.
 *
 * The answers carry over by the reduction's "iff": trainable means the source is a YES
 * instance (and the lowered solution shows it, once its check passes), untrainable means a
 * NO instance, unknown says nothing. `decide` checks every `trainable` answer by exact
 * evaluation before it is returned, so the lowering starts from parameters that fit.
 */
import type { DecideOptions, DecideResult } from '../src/decide.js';
import type { Instance, Parameters } from '../src/model/types.js';
import type { Reduction } from './reduction.js';

export interface SolvedViaReduction<SSol> {
  /** The reduced instance that was decided (`reduction.reduce(source)`). */
  target: Instance;
  /** `decide`'s answer on the target. */
  decision: DecideResult;
  /** The source's answer: trainable is YES, untrainable NO. */
  answer: 'yes' | 'no' | 'unknown';
  /** With a YES answer: the found parameters mapped back to the source. */
  lowered?: {
    solution: SSol;
    /** The source problem's check of `solution` (false is an error in the reduction). */
    valid: boolean;
    /** How the parameters map back, step by step (`reduction.explainLowering`). */
    steps: string[];
  };
}

/** Reduce -> decide -> lower -> check, for one source instance. */
export async function solveViaReduction<S, SSol>(
  reduction: Reduction<S, SSol, Instance, Parameters>,
  source: S,
  options: DecideOptions = {},
): Promise<SolvedViaReduction<SSol>> {
  const { decide } = await import('../src/decide.js');
  const target = reduction.reduce(source);
  const decision = await decide(target, options);
  if (decision.status !== 'trainable') return { target, decision, answer: decision.status === 'untrainable' ? 'no' : 'unknown' };
  const params = decision.parameters!;
  const steps = reduction.explainLowering(source, params);
  const solution = reduction.lowerSolution(source, params);
  return { target, decision, answer: 'yes', lowered: { solution, valid: reduction.checkSource(source, solution), steps } };
}
