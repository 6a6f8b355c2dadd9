/**
 * The exact answer beside gradient descent on one instance: `decide` says whether the
 * network can fit the examples, `trainGD` tries to fit them from random starts, and the
 * two are held against each other.
 *
 * Consistency: every GD success is a set of hardened weights that passed exact evaluation
 * (src/gd/train.ts), so it proves the instance trainable. GD succeeding where the exact
 * answer is `untrainable` is therefore a bug in one of the two; so is a planted instance
 * (labelled by known parameters, trainable by construction) whose parameters fail the exact
 * check or that the exact solver calls `untrainable`. GD failing on a trainable instance is
 * no contradiction: it is what the comparison measures.
 */
import { decide, type DecideResult } from '../decide.js';
import { trainGD, type GDOptions, type GDResult } from '../gd/train.js';
import { checkParameters } from '../model/evaluate.js';
import type { Instance, Parameters } from '../model/types.js';

export interface ExactBesideGDOptions {
  /** Exact backend, as `decide` takes it. */
  backend: string;
  /** Exact solver budget, ms; 'unknown' when it runs out. */
  timeoutMs?: number;
  gd: GDOptions;
  /** Parameters the examples were labelled with, if planted. */
  planted?: Parameters;
}

export interface ExactBesideGD {
  exact: DecideResult;
  gd: GDResult;
  /** False when the two contradict each other or the planted parameters (file comment). */
  consistent: boolean;
}

/** Runs the exact solver, then GD, on `instance` and checks them against each other. */
export async function exactBesideGD(instance: Instance, opts: ExactBesideGDOptions): Promise<ExactBesideGD> {
  const exact = await decide(instance, { backend: opts.backend, timeoutMs: opts.timeoutMs });
  const gd = trainGD(instance, opts.gd);
  const plantedOk = opts.planted ? checkParameters(instance, opts.planted).ok : true;
  const consistent = plantedOk && !(exact.status === 'untrainable' && (gd.successes > 0 || opts.planted !== undefined));
  return { exact, gd, consistent };
}
