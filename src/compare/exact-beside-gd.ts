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
 *
 * Regret (with `maxFit`): the most examples any parameters fit (exact best fit,
 * src/optimize/max-fit.ts; the total when the answer is trainable, searched only on
 * untrainable instances) against the most GD's restarts fit (exact evaluation of its best
 * restart): GD's regret is the optimum minus GD's best, in examples. GD fitting more
 * examples than the proved upper bound would again be a bug in one of the two.
 */
import { decide, type DecideOptions, type DecideResult } from '../decide.js';
import { explainUntrainable, type ExplainProgress } from '../explain/core.js';
import { maxFit, type FitBound } from '../optimize/max-fit.js';
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
  /** Called when the core search (`core`) or the best-fit search (`maxFit`) starts. */
  onStage?: (stage: 'core' | 'best fit') => void;
  /** Progress of the core search (ExplainOptions.onProgress). */
  onCoreProgress?: (progress: ExplainProgress) => void;
  /** Each improved bound of the best-fit search (MaxFitOptions.onBound). */
  onBound?: (bound: FitBound) => void;
  /** On untrainable, also a minimal core of examples (src/explain/core.ts), within the same budget. */
  core?: boolean;
  /** Also the exact best fit (on untrainable instances a search with the same budget) and GD's regret. */
  maxFit?: boolean;
  /** GD restarts until this budget is used: 'exact' (the exact decision's time) or ms; gd.restarts is then ignored. */
  gdBudget?: 'exact' | number;
}

/** The size of an untrainable instance's core, and whether it was shown minimal. */
export interface CoreSize {
  size: number;
  minimal: boolean;
}

/** The exact best fit, as far as it was proved: some parameters fit `best` examples, none fit `upper + 1`. */
export interface BestFit {
  best: number;
  upper: number;
  optimal: boolean;
  /** The search's time (0 when the decision settled it: trainable). */
  time_ms: number;
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
  /** With `maxFit`: the exact best fit (null when the decision was unknown). */
  bestFit?: BestFit | null;
  /** With `maxFit`: the optimum minus GD's best training fit, in examples (null unless both are known and the optimum proved). */
  regret?: number | null;
  /** With `gdBudget`: the wall-clock time GD was given, ms. */
  gdBudget_ms?: number;
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
    opts.onStage?.('core');
    const x = await explainUntrainable(instance, { backend: opts.backend, timeoutMs: opts.timeoutMs, decided: exact, ...(opts.onCoreProgress ? { onProgress: opts.onCoreProgress } : {}) });
    if (x.core) core = { size: x.core.length, minimal: x.minimal };
  }
  const bestFit = opts.maxFit ? await exactBestFit(instance, exact, opts) : undefined;
  opts.onGradientDescent?.();
  const gdBudgetMs = opts.gdBudget === undefined ? undefined : opts.gdBudget === 'exact' ? exact.time_ms : opts.gdBudget;
  const gd = trainGD(instance, gdBudgetMs === undefined ? opts.gd : { ...opts.gd, ...equalBudgetGD(gdBudgetMs) });
  const plantedOk = opts.planted ? checkParameters(instance, opts.planted).ok : true;
  const exactFit = exact.status === 'trainable' && exact.parameters ? fitOf(instance, exact.parameters, opts.test) : null;
  const gdFit = gd.bestParameters ? fitOf(instance, gd.bestParameters, opts.test) : null;
  const gdBest = gdFit?.train.correct;
  const overBound = bestFit != null && gdBest !== undefined && gdBest > bestFit.upper;
  const consistent = plantedOk && !overBound && !(exact.status === 'untrainable' && (gd.successes > 0 || opts.planted !== undefined));
  const withCore = { ...(core ? { core } : {}), ...(gdBudgetMs !== undefined ? { gdBudget_ms: gdBudgetMs } : {}) };
  if (bestFit === undefined) return { exact, gd, consistent, exactFit, gdFit, ...withCore };
  const regret = bestFit?.optimal && gdBest !== undefined ? bestFit.best - gdBest : null;
  return { exact, gd, consistent, exactFit, gdFit, ...withCore, bestFit, regret };
}

/** GD options for an equal-budget run of `budgetMs`: restarts without a count, stopped by the clock. */
export function equalBudgetGD(budgetMs: number): Pick<GDOptions, 'restarts' | 'timeoutMs' | 'stopAtFirstSuccess'> {
  return { restarts: Number.MAX_SAFE_INTEGER, timeoutMs: Math.max(0, budgetMs), stopAtFirstSuccess: false };
}

/** The exact best fit beside the decision: the total when trainable, a search on untrainable, null on unknown. */
async function exactBestFit(instance: Instance, exact: DecideResult, opts: ExactBesideGDOptions): Promise<BestFit | null> {
  const total = instance.examples.length;
  // With minCorrect the decision is about fitting that many, not every example.
  const aboutAll = instance.minCorrect === undefined;
  if (exact.status === 'trainable' && aboutAll) return { best: total, upper: total, optimal: true, time_ms: 0 };
  if (exact.status === 'unknown') return null;
  opts.onStage?.('best fit');
  const r = await maxFit(instance, { backend: opts.backend, timeoutMs: opts.timeoutMs, ...(opts.onBound ? { onBound: opts.onBound } : {}) });
  // An untrainable decision already proved that not every example fits.
  const upper = exact.status === 'untrainable' && aboutAll ? Math.min(r.upper, total - 1) : r.upper;
  return { best: r.best, upper, optimal: r.parameters !== null && r.best === upper, time_ms: r.time_ms };
}
