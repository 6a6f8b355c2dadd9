/**
 * Gradient-descent training of a network on its examples: the smooth relaxation
 * of relaxed.ts, binary cross-entropy (softmax cross-entropy on the scores of a network
 * with classes), Adam, random restarts. What counts is the exact
 * check: after training, each restart's network is hardened (harden.ts), converted to
 * exact rationals and evaluated with checkParameters; a restart *succeeds* only if that
 * check passes (all examples right, or at least `minCorrect`). So GD can never claim an
 * instance the exact solver proves untrainable, and a test of exactly that is a
 * consistency check of both sides.
 *
 * Reproducibility: restart r draws its initial parameters (and mini-batch order) from
 * the generator of `seed` jumped r + 1 times (src/random/rng.ts), so a run is a function of the
 * instance and the options, and restart r does not depend on how many restarts run.
 *
 * During a restart the hardened network is evaluated in floating point every `checkEvery`
 * epochs (cheap) and the best one is kept; when that count reaches the requirement, the
 * exact check runs, and on success the restart stops early. At the end of a restart its
 * best hardened network is checked exactly if it could succeed or raise the best accuracy
 * (the float count is only a filter: success and `bestAccuracy` come from exact checks).
 * `stopAtFirstSuccess` also skips the remaining restarts.
 *
 * Networks with classes (layered multi-class networks) train their integer-weight units the
 * way gradient-descent baselines for binarized and integer networks do: latent real
 * parameters, a forward and backward pass with the weights rounded and clipped to the
 * integer range [min, max] and the thresholds rounded to integers, and the gradient with
 * respect to those rounded values applied to the latent ones (the straight-through
 * estimator), the latent weights kept in [min, max] (Courbariaux, Bengio & David,
 * "BinaryConnect: Training Deep Neural Networks with binary weights during propagations",
 * NeurIPS 2015; Hubara, Courbariaux, Soudry, El-Yaniv & Bengio, "Binarized Neural
 * Networks", NeurIPS 2016). Their hidden threshold units are relaxed to sigmoids as above,
 * with the gain of relaxed.ts. Weights of inputs that are 0 on every example get no
 * gradient; they start (and stay) 0, so they do not sway unseen inputs. Real-weight units
 * train as in single-output networks.
 */
import { checkParameters } from '../model/evaluate.js';
import type { Instance, Parameters } from '../model/types.js';
import { HardEvaluator, hardenTheta, quantizeIntegerUnits, toParameters } from './harden.js';
import { CompiledNetwork, Workspace, type CompiledUnit } from './relaxed.js';
import { Rng } from '../random/rng.js';

export interface GDOptions {
  /** Random restarts (default 20). */
  restarts?: number;
  /** Passes over the examples per restart (default 300). */
  epochs?: number;
  /** Adam learning rate (default 0.1). */
  lr?: number;
  /** Seed of the run (default 0). */
  seed?: number;
  /** Examples per step; 0 or >= m means full batch (default). */
  batchSize?: number;
  /** Temperature at the first epoch (default 1) and at the last (default 0.1), annealed geometrically. */
  temperatureStart?: number;
  temperatureEnd?: number;
  /** Evaluate the hardened network every this many epochs (default 10; the last epoch always). */
  checkEvery?: number;
  /** Stop at the end of the first successful restart (default false: run all restarts). */
  stopAtFirstSuccess?: boolean;
  /** Stop within a restart as soon as its hardened network passes the exact check (default true). */
  earlyStop?: boolean;
  /** Wall-clock budget in ms; restarts stop when it is spent (the running one is finished). */
  timeoutMs?: number;
  /** Adam's beta1, beta2 (defaults 0.9, 0.999). */
  beta1?: number;
  beta2?: number;
  /** Called after every restart. */
  onProgress?: (p: GDProgress) => void;
  /** Called after every epoch with its relaxed loss (a live loss curve, e.g. the playground's). */
  onEpoch?: (e: GDEpoch) => void;
  /** Called at every optimiser step with the relaxed loss before the step (for checking the trainer against another framework). */
  onStep?: (restart: number, step: number, loss: number) => void;
}

/** One epoch of one restart: the relaxed loss of its last step. */
export interface GDEpoch {
  /** 0-based restart index. */
  restart: number;
  /** 0-based epoch index within the restart. */
  epoch: number;
  loss: number;
}

export interface GDProgress {
  restart: number;
  restarts: number;
  successes: number;
  bestAccuracy: number;
}

export interface RestartResult {
  success: boolean;
  /** Examples fully right by the best hardened network of this restart (floating-point evaluation). */
  correct: number;
  /** The same count by exact evaluation, when it ran (on success candidates and on candidates for the best accuracy). */
  checkedCorrect: number | null;
  epochs: number;
  /** Relaxed loss at the last epoch run. */
  loss: number;
}

export interface GDResult {
  /** Restarts run (fewer than asked when stopAtFirstSuccess or timeoutMs cut the run short). */
  restarts: number;
  successes: number;
  /** Best fraction of examples fully right over the restarts (by exact evaluation), in [0, 1]. */
  bestAccuracy: number;
  bestCorrect: number;
  total: number;
  /** Index (0-based) of the first successful restart, or null. */
  firstSuccessRestart: number | null;
  /** Milliseconds from the start to the first success, or null. */
  firstSuccess_ms: number | null;
  time_ms: number;
  /** Epochs run, summed over restarts. */
  epochs: number;
  /** The first successful restart's parameters (checked exactly), or null. */
  parameters: Parameters | null;
  /**
   * Parameters of a restart that fits `bestCorrect` examples by exact evaluation (the first
   * such), or, when no restart was checked exactly, the first restart's hardened network;
   * null only when no restart ran or its parameters are not finite.
   */
  bestParameters: Parameters | null;
  perRestart: RestartResult[];
}

export const GD_DEFAULTS = {
  restarts: 20,
  epochs: 300,
  lr: 0.1,
  seed: 0,
  batchSize: 0,
  temperatureStart: 1,
  temperatureEnd: 0.1,
  checkEvery: 10,
} as const;

/**
 * The examples as example-major Float64Arrays (X: m x n, Y: m x outputs); with classes, Y
 * holds each example's label one-hot.
 */
export function exampleMatrices(instance: Instance): { X: Float64Array; Y: Float64Array; m: number } {
  const n = instance.network.inputs;
  const outs = instance.network.outputs.length;
  const m = instance.examples.length;
  const X = new Float64Array(m * n);
  const Y = new Float64Array(m * outs);
  instance.examples.forEach((ex, e) => {
    for (let j = 0; j < n; j++) X[e * n + j] = ex.x[j].toNumber();
    if (instance.network.classes !== undefined) Y[e * outs + (ex.label ?? 0)] = 1;
    else for (let o = 0; o < outs; o++) Y[e * outs + o] = ex.y[o];
  });
  return { X, Y, m };
}

/**
 * Initial parameters: threshold weights ~ N(0, 1) with the threshold through the mean of
 * the unit's inputs plus N(0, 1/4) noise (the hyperplane starts through the data, not
 * beside it); lookup logits ~ N(0, 1); integer-weight units clipped to their range.
 */
export function initTheta(net: CompiledNetwork, X: Float64Array, m: number, rng: Rng, theta: Float64Array): void {
  const n = net.inputs;
  const mean = new Float64Array(n).fill(0.5);
  if (m > 0) {
    mean.fill(0);
    for (let e = 0; e < m; e++) for (let j = 0; j < n; j++) mean[j] += X[e * n + j] / m;
  }
  for (const u of net.units) {
    if (u.kind === 'threshold' || u.kind === 'score') {
      const k = u.size - 1;
      let t = 0;
      for (let j = 0; j < k; j++) {
        const w = rng.normal();
        theta[u.offset + j] = w;
        t += w * (u.inputs[j] < n ? mean[u.inputs[j]] : 0.5);
      }
      theta[u.offset + k] = t + 0.5 * rng.normal();
      if (u.integerWeights) clipLatent(theta, u);
    } else if (u.kind === 'lookup') {
      for (let i = 0; i < u.size; i++) theta[u.offset + i] = rng.normal();
    }
  }
}

/** Clips an integer-weight unit's latent weights, and its threshold unless any integer, to [min, max]. */
function clipLatent(a: Float64Array, u: CompiledUnit): void {
  const { min, max, anyThreshold } = u.integerWeights!;
  const len = anyThreshold ? u.size - 1 : u.size;
  for (let i = u.offset; i < u.offset + len; i++) a[i] = Math.min(max, Math.max(min, a[i]));
}

/**
 * Networks with classes: each threshold and score unit's gain (relaxed.ts) from the mean
 * squared norm of its inputs over the examples (a unit input counts 1/2).
 */
function setGains(net: CompiledNetwork, X: Float64Array, m: number): void {
  const n = net.inputs;
  const sq = new Float64Array(n);
  for (let e = 0; e < m; e++) for (let j = 0; j < n; j++) sq[j] += (X[e * n + j] * X[e * n + j]) / m;
  for (const u of net.units) {
    if (u.kind !== 'threshold' && u.kind !== 'score') continue;
    let s = 0;
    for (const v of u.inputs) s += v < n ? sq[v] : 0.5;
    u.gain = 1 / Math.sqrt(Math.max(1, s));
  }
}

/** Zeroes the weights of network inputs that are 0 on every example (they get no gradient). */
function zeroUnusedInputs(net: CompiledNetwork, X: Float64Array, m: number, theta: Float64Array): void {
  const n = net.inputs;
  const used = new Uint8Array(n);
  for (let e = 0; e < m; e++) for (let j = 0; j < n; j++) if (X[e * n + j] !== 0) used[j] = 1;
  for (const u of net.units) {
    if (u.kind !== 'threshold' && u.kind !== 'score') continue;
    u.inputs.forEach((v, j) => {
      if (v < n && !used[v]) theta[u.offset + j] = 0;
    });
  }
}

/** Trains `instance` by gradient descent with restarts; every success is checked exactly. */
export function trainGD(instance: Instance, opts: GDOptions = {}): GDResult {
  const t0 = performance.now();
  const restarts = opts.restarts ?? GD_DEFAULTS.restarts;
  const epochs = opts.epochs ?? GD_DEFAULTS.epochs;
  const lr = opts.lr ?? GD_DEFAULTS.lr;
  const seed = opts.seed ?? GD_DEFAULTS.seed;
  const T0 = opts.temperatureStart ?? GD_DEFAULTS.temperatureStart;
  const T1 = opts.temperatureEnd ?? GD_DEFAULTS.temperatureEnd;
  const checkEvery = opts.checkEvery ?? GD_DEFAULTS.checkEvery;
  const earlyStop = opts.earlyStop ?? true;
  const beta1 = opts.beta1 ?? 0.9;
  const beta2 = opts.beta2 ?? 0.999;
  if (!(restarts >= 0 && epochs >= 0 && lr > 0 && T0 > 0 && T1 > 0)) {
    throw new RangeError('trainGD: restarts and epochs must be >= 0; lr and temperatures > 0');
  }

  const net = new CompiledNetwork(instance);
  const { X, Y, m } = exampleMatrices(instance);
  const required = instance.minCorrect ?? m;
  const batch = opts.batchSize && opts.batchSize > 0 && opts.batchSize < m ? opts.batchSize : m;
  const fullBatch = batch === m;
  const ws = new Workspace(net, batch);
  if (fullBatch) ws.loadBatch(X, Y, null, m);
  const hardEval = new HardEvaluator(net, X, Y, m);
  const perm = new Int32Array(m).map((_, i) => i);

  const P = net.paramCount;
  const theta = new Float64Array(P);
  const grad = new Float64Array(P);
  const mom = new Float64Array(P);
  const vel = new Float64Array(P);
  const hard = new Float64Array(P);
  const bestHard = new Float64Array(P);
  const intUnits = net.units.filter((u) => u.integerWeights);
  const multiClass = net.classes !== undefined;
  if (multiClass) setGains(net, X, m);
  // the straight-through estimator (file comment): the passes see the rounded parameters
  const rounded = multiClass && intUnits.length > 0 ? new Float64Array(P) : null;

  // restart r uses the seed's stream jumped r + 1 times (`jumps` is kept one jump ahead)
  const jumps = Rng.fromSeed(seed);
  const perRestart: RestartResult[] = [];
  let successes = 0;
  let bestCorrect = 0;
  let firstSuccessRestart: number | null = null;
  let firstSuccessMs: number | null = null;
  let parameters: Parameters | null = null;
  let bestParameters: Parameters | null = null;
  let totalEpochs = 0;

  for (let r = 0; r < restarts; r++) {
    if (opts.timeoutMs !== undefined && r > 0 && performance.now() - t0 >= opts.timeoutMs) break;
    jumps.jump();
    const rng = jumps.clone();
    initTheta(net, X, m, rng, theta);
    if (multiClass) zeroUnusedInputs(net, X, m, theta);
    mom.fill(0);
    vel.fill(0);
    let step = 0;
    let b1t = 1;
    let b2t = 1;
    let bestFloat = -1;
    let success = false;
    let successParams: Parameters | null = null;
    let exactCorrect = -1;
    let loss = NaN;
    let ep = 0;
    for (; ep < epochs; ep++) {
      const T = epochs > 1 ? T0 * (T1 / T0) ** (ep / (epochs - 1)) : T1;
      if (!fullBatch) rng.shuffle(perm);
      for (let start = 0; start < m || (m === 0 && start === 0); start += batch) {
        const count = Math.min(batch, m - start);
        if (!fullBatch) ws.loadBatch(X, Y, perm.subarray(start, start + count), count);
        if (rounded) quantizeIntegerUnits(net, theta, rounded);
        loss = ws.lossAndGrad(rounded ?? theta, T, grad);
        opts.onStep?.(r, step, loss);
        step++;
        b1t *= beta1;
        b2t *= beta2;
        for (let i = 0; i < P; i++) {
          const g = grad[i];
          mom[i] = beta1 * mom[i] + (1 - beta1) * g;
          vel[i] = beta2 * vel[i] + (1 - beta2) * g * g;
          theta[i] -= (lr * (mom[i] / (1 - b1t))) / (Math.sqrt(vel[i] / (1 - b2t)) + 1e-8);
        }
        for (const u of intUnits) clipLatent(theta, u);
        if (m === 0) break;
      }
      opts.onEpoch?.({ restart: r, epoch: ep, loss });
      const last = ep === epochs - 1;
      if (last || (checkEvery > 0 && (ep + 1) % checkEvery === 0)) {
        hardenTheta(net, theta, hard);
        const c = hardEval.correct(hard);
        if (c > bestFloat) {
          bestFloat = c;
          bestHard.set(hard);
        }
        if (earlyStop && c >= required) {
          const p = toParameters(net, hard);
          const check = p ? checkParameters(instance, p) : null;
          if (check?.ok) {
            success = true;
            successParams = p;
            exactCorrect = check.correct;
            if (bestParameters === null || exactCorrect > bestCorrect) bestParameters = p;
            ep++;
            break;
          }
        }
      }
    }
    if (epochs === 0) {
      hardenTheta(net, theta, bestHard);
      bestFloat = hardEval.correct(bestHard);
    }
    // The exact check (BigInt arithmetic on dyadic weights) is the costly part of a short
    // restart: it runs when the float count says the restart may succeed or may raise the
    // best accuracy so far; otherwise this restart cannot change the result.
    if (!success && (bestFloat >= required || bestFloat > bestCorrect)) {
      const p = toParameters(net, bestHard);
      const check = p ? checkParameters(instance, p) : null;
      exactCorrect = check ? check.correct : 0;
      if (p && (bestParameters === null || exactCorrect > bestCorrect)) bestParameters = p;
      if (check?.ok) {
        success = true;
        successParams = p;
      }
    }
    if (r === 0 && bestParameters === null) bestParameters = toParameters(net, bestHard);
    totalEpochs += ep;
    bestCorrect = Math.max(bestCorrect, exactCorrect);
    perRestart.push({ success, correct: bestFloat, checkedCorrect: exactCorrect >= 0 ? exactCorrect : null, epochs: ep, loss });
    if (success) {
      successes++;
      if (firstSuccessRestart === null) {
        firstSuccessRestart = r;
        firstSuccessMs = performance.now() - t0;
        parameters = successParams;
      }
    }
    opts.onProgress?.({ restart: r + 1, restarts, successes, bestAccuracy: m > 0 ? bestCorrect / m : 1 });
    if (success && opts.stopAtFirstSuccess) break;
  }

  return {
    restarts: perRestart.length,
    successes,
    bestAccuracy: m > 0 ? bestCorrect / m : 1,
    bestCorrect,
    total: m,
    firstSuccessRestart,
    firstSuccess_ms: firstSuccessMs === null ? null : Math.round(firstSuccessMs),
    time_ms: Math.round(performance.now() - t0),
    epochs: totalEpochs,
    parameters,
    bestParameters,
    perRestart,
  };
}
