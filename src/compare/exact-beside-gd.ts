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
 *
 * Fit and test accuracy: the parameters of each side (the exact solution when trainable;
 * GD's restart with the most examples fitted) are evaluated exactly (checkParameters) on
 * the training examples and, when given, on a test instance with the same network: the
 * fraction of its examples they get fully right (with classes, the label's score strictly
 * the greatest), whatever its `minCorrect`.
 */
import { decide, type DecideOptions, type DecideResult } from '../decide.js';
import { explainUntrainable } from '../explain/core.js';
import { trainGD, type GDOptions, type GDResult } from '../gd/train.js';
import { checkParameters } from '../model/evaluate.js';
import { instanceToJSON } from '../model/serialize.js';
import type { Instance, Network, Parameters } from '../model/types.js';

export interface ExactBesideGDOptions {
  /** Exact backend, as `decide` takes it. */
  backend: string;
  /** Exact solver budget, ms; 'unknown' when it runs out. */
  timeoutMs?: number;
  gd: GDOptions;
  /** Parameters the examples were labelled with, if planted. */
  planted?: Parameters;
  /** Held-out examples on the same network (see sameNetwork). */
  test?: Instance;
  /** Progress of the exact decision (DecideOptions.onProgress). */
  onProgress?: DecideOptions['onProgress'];
  /** Called when the exact decision is done and gradient descent starts. */
  onGradientDescent?: () => void;
  /** On untrainable, also a minimal core of examples (src/explain/core.ts), within the same budget. */
  core?: boolean;
}

/** The size of an untrainable instance's core, and whether it was shown minimal. */
export interface CoreSize {
  size: number;
  minimal: boolean;
}

/** Examples fully right by exact evaluation, out of the examples of a set. */
export interface Accuracy {
  correct: number;
  total: number;
  /** correct / total (1 for no examples). */
  accuracy: number;
}

/** How one side's parameters do: on the training examples, and on the test examples if any. */
export interface Fit {
  train: Accuracy;
  test?: Accuracy;
}

export interface ExactBesideGD {
  exact: DecideResult;
  gd: GDResult;
  /** False when the two contradict each other or the planted parameters (file comment). */
  consistent: boolean;
  /** The exact solution's fit, when the answer is trainable. */
  exactFit: Fit | null;
  /** The fit of GD's best parameters (null only when no restart ran). */
  gdFit: Fit | null;
  /** With `core`, on untrainable instances without minCorrect: the core found. */
  core?: CoreSize;
}

/** The examples of `instance` that `params` get fully right, by exact evaluation (minCorrect ignored). */
export function accuracyOf(instance: Instance, params: Parameters): Accuracy {
  const { correct, total } = checkParameters({ ...instance, minCorrect: undefined }, params);
  return { correct, total, accuracy: total > 0 ? correct / total : 1 };
}

/** `params` on the training instance and the test instance, if any. */
export function fitOf(instance: Instance, params: Parameters, test?: Instance): Fit {
  const fit: Fit = { train: accuracyOf(instance, params) };
  if (test) fit.test = accuracyOf(test, params);
  return fit;
}

/** True when the two networks are the same (units, kinds, inputs, weight ranges, outputs, classes). */
export function sameNetwork(a: Network, b: Network): boolean {
  const json = (network: Network) => JSON.stringify(instanceToJSON({ network, examples: [] }).network);
  return json(a) === json(b);
}

/** Runs the exact solver, then GD, on `instance` and checks them against each other. */
export async function exactBesideGD(instance: Instance, opts: ExactBesideGDOptions): Promise<ExactBesideGD> {
  const exact = await decide(instance, { backend: opts.backend, timeoutMs: opts.timeoutMs, onProgress: opts.onProgress });
  let core: CoreSize | undefined;
  if (opts.core && exact.status === 'untrainable' && instance.minCorrect === undefined) {
    const x = await explainUntrainable(instance, { backend: opts.backend, timeoutMs: opts.timeoutMs, decided: exact });
    if (x.core) core = { size: x.core.length, minimal: x.minimal };
  }
  opts.onGradientDescent?.();
  const gd = trainGD(instance, opts.gd);
  const plantedOk = opts.planted ? checkParameters(instance, opts.planted).ok : true;
  const consistent = plantedOk && !(exact.status === 'untrainable' && (gd.successes > 0 || opts.planted !== undefined));
  const exactFit = exact.status === 'trainable' && exact.parameters ? fitOf(instance, exact.parameters, opts.test) : null;
  const gdFit = gd.bestParameters ? fitOf(instance, gd.bestParameters, opts.test) : null;
  return { exact, gd, consistent, exactFit, gdFit, ...(core ? { core } : {}) };
}
