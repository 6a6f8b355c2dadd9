/**
 * The gradient-descent trainer (src/gd/train.ts) checked against a standard framework,
 * TensorFlow.js on its CPU backend (a devDependency, used here only), on the same relaxed
 * networks: layered real-weight threshold networks with a threshold output (the `deep`
 * sweep family, src/sweep/deep.ts), instances proved trainable by the exact solver.
 *
 * 1. Same loss curve: the relaxation written in TF.js ops (hidden unit sigma((a.W - t)/T),
 *    output logit u = (a.w - t)/T, loss mean(softplus(u) - y u), temperature annealed
 *    geometrically from T0 to T1 over the epochs), TF.js's Adam with the trainer's
 *    beta1, beta2, epsilon and learning rate, started from the trainer's initial weights
 *    (src/gd/train.ts initTheta, the same random stream per restart). The trainer's loss
 *    at every step (GDOptions.onStep) against TF.js's: TF.js computes in float32, the
 *    trainer in float64, so the curves agree to float32 precision at first and may drift
 *    apart where the dynamics amplify rounding; the table shows both.
 * 2. Success over many seeds: a restart succeeds when its hardened network (w.z >= t,
 *    the weights as they are) passes exact evaluation (checkParameters) at one of the
 *    checks every 10 epochs; per instance, the share of restarts that succeed for
 *    (a) the trainer, (b) TF.js with the same relaxation, schedule and initial weights,
 *    (c) TF.js with a textbook recipe: Glorot-uniform weights, zero thresholds, plain
 *    sigmoid (T = 1, no annealing), Adam at lr 0.01.
 * 3. An honest sweep of the trainer's learning rate and temperature schedule: the share of
 *    restarts that succeed, summed over the instances, for every pair.
 *
 * Options: --seeds N restarts per instance and method (default 20), --epochs E (default
 * 300), --n N inputs (default 6), --quick (fewer instances and settings).
 * Run: npm run bench -- gdref
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decide } from '../../src/decide.js';
import { exampleMatrices, GD_DEFAULTS, initTheta, trainGD } from '../../src/gd/train.js';
import { CompiledNetwork } from '../../src/gd/relaxed.js';
import { toParameters } from '../../src/gd/harden.js';
import { checkParameters } from '../../src/model/evaluate.js';
import type { Instance } from '../../src/model/types.js';
import { Rng } from '../../src/random/rng.js';
import { generateInstance, sweepItems } from '../../src/sweep/families.js';
import { table } from '../lib.js';

export const description = 'GD trainer vs TensorFlow.js CPU on the same relaxed deep networks: loss curves, success over seeds, lr x temperature sweep';

interface Options {
  seeds: number;
  epochs: number;
  n: number;
  quick: boolean;
}

function parse(args: string[]): Options {
  const o: Options = { seeds: 20, epochs: GD_DEFAULTS.epochs, n: 6, quick: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--seeds') o.seeds = Number(args[++i]);
    else if (a === '--epochs') o.epochs = Number(args[++i]);
    else if (a === '--n') o.n = Number(args[++i]);
    else if (a === '--quick') o.quick = true;
    else throw new Error(`gdref suite: unknown option '${a}' (see bench/suites/gdref.ts)`);
  }
  return o;
}

interface Case {
  name: string;
  instance: Instance;
  hidden: number[];
}

/** Trainable deep instances: random and planted labels, depths 1..3, width 3, m/n 3 and 5. */
async function cases(o: Options): Promise<Case[]> {
  const items = sweepItems({ family: 'deep', preset: 'layered', inputs: o.n, ratios: o.quick ? [4] : [3, 5], perPoint: 1, seed: 7, depths: o.quick ? [1, 2] : [1, 2, 3], widths: [3], labels: ['random', 'planted'] });
  const out: Case[] = [];
  for (const item of items) {
    const { instance } = generateInstance(item);
    const r = await decide(instance, { timeoutMs: 20_000 });
    if (r.status === 'trainable') out.push({ name: item.id.replace(/:s\d+$/, ''), instance, hidden: item.hidden! });
  }
  return out;
}

/** The trainer's initial parameters of restart r (train.ts: the seed's stream jumped r + 1 times). */
function initialTheta(inst: Instance, seed: number, r: number): Float64Array {
  const net = new CompiledNetwork(inst);
  const { X, m } = exampleMatrices(inst);
  const jumps = Rng.fromSeed(seed);
  for (let i = 0; i <= r; i++) jumps.jump();
  const theta = new Float64Array(net.paramCount);
  initTheta(net, X, m, jumps.clone(), theta);
  return theta;
}

/** Layer shapes of theta (train.ts layout: per unit, its weights then its threshold). */
function layerSizes(inst: Instance, hidden: number[]): number[] {
  return [inst.network.inputs, ...hidden, 1];
}

/** theta -> per layer W (in x out) and t (out), float32. */
function toLayers(theta: Float64Array, sizes: number[]): { W: Float32Array; t: Float32Array }[] {
  const layers: { W: Float32Array; t: Float32Array }[] = [];
  let off = 0;
  for (let l = 1; l < sizes.length; l++) {
    const inN = sizes[l - 1];
    const outN = sizes[l];
    const W = new Float32Array(inN * outN);
    const t = new Float32Array(outN);
    for (let u = 0; u < outN; u++) {
      for (let j = 0; j < inN; j++) W[j * outN + u] = theta[off + j];
      t[u] = theta[off + inN];
      off += inN + 1;
    }
    layers.push({ W, t });
  }
  return layers;
}

/** Back to the trainer's layout (float64). */
function fromLayers(vals: { W: Float32Array | Float64Array; t: Float32Array | Float64Array }[], sizes: number[], P: number): Float64Array {
  const theta = new Float64Array(P);
  let off = 0;
  for (let l = 1; l < sizes.length; l++) {
    const inN = sizes[l - 1];
    const outN = sizes[l];
    for (let u = 0; u < outN; u++) {
      for (let j = 0; j < inN; j++) theta[off + j] = vals[l - 1].W[j * outN + u];
      theta[off + inN] = vals[l - 1].t[u];
      off += inN + 1;
    }
  }
  return theta;
}

interface TfRun {
  losses: number[];
  success: boolean;
}

/**
 * Trains the relaxation in TF.js from `theta0`: Adam(lr, 0.9, 0.999, 1e-8), full batch,
 * temperature T0 -> T1 geometric; every 10 epochs (and at the last) the weights are
 * hardened as they are and checked exactly; stops at the first success.
 */
function trainTf(c: Case, theta0: Float64Array, o: { epochs: number; lr: number; T0: number; T1: number; recordLosses?: boolean }): TfRun {
  const inst = c.instance;
  const sizes = layerSizes(inst, c.hidden);
  const { X, Y, m } = exampleMatrices(inst);
  const P = theta0.length;
  return tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(X), [m, inst.network.inputs]);
    const y = tf.tensor2d(Float32Array.from(Y), [m, 1]);
    const layers = toLayers(theta0, sizes).map((L, l) => ({
      W: tf.variable(tf.tensor2d(L.W, [sizes[l], sizes[l + 1]])),
      t: tf.variable(tf.tensor1d(L.t)),
    }));
    const opt = tf.train.adam(o.lr, 0.9, 0.999, 1e-8);
    const losses: number[] = [];
    let success = false;
    for (let ep = 0; ep < o.epochs; ep++) {
      const T = o.epochs > 1 ? o.T0 * (o.T1 / o.T0) ** (ep / (o.epochs - 1)) : o.T1;
      const loss = opt.minimize(() => {
        let a: tf.Tensor2D = x;
        for (let l = 0; l < layers.length; l++) {
          const u = tf.div(tf.sub(tf.matMul(a, layers[l].W), layers[l].t), T) as tf.Tensor2D;
          if (l === layers.length - 1) return tf.mean(tf.sub(tf.softplus(u), tf.mul(y, u))) as tf.Scalar;
          a = tf.sigmoid(u);
        }
        throw new Error('unreachable');
      }, true)!;
      if (o.recordLosses) losses.push(loss.dataSync()[0]);
      loss.dispose();
      if ((ep + 1) % 10 === 0 || ep === o.epochs - 1) {
        const vals = layers.map((L) => ({ W: L.W.dataSync() as Float32Array, t: L.t.dataSync() as Float32Array }));
        const p = toParameters(new CompiledNetwork(inst), fromLayers(vals, sizes, P));
        if (p && checkParameters(inst, p).ok) {
          success = true;
          if (!o.recordLosses) break;
        }
      }
    }
    opt.dispose();
    for (const L of layers) {
      L.W.dispose();
      L.t.dispose();
    }
    return { losses, success };
  });
}

/** Glorot-uniform weights, zero thresholds (the textbook initialisation of a dense layer). */
function glorotTheta(sizes: number[], P: number, rng: Rng): Float64Array {
  const layers = [];
  for (let l = 1; l < sizes.length; l++) {
    const lim = Math.sqrt(6 / (sizes[l - 1] + sizes[l]));
    const W = Float32Array.from({ length: sizes[l - 1] * sizes[l] }, () => (2 * rng.float() - 1) * lim);
    layers.push({ W, t: new Float32Array(sizes[l]) });
  }
  return fromLayers(layers, sizes, P);
}

/**
 * Registers TF.js's own gradient functions. tfjs-core's Node entry point leaves them out
 * (the @tensorflow/tfjs bundle registers them), and its ES module files import without file
 * extensions, which Node does not resolve; so its register_all_gradients module is bundled
 * with esbuild into a temporary file and imported. The registry is global (globalThis), so
 * the bundle's copy registers into the engine used here.
 */
async function registerTfGradients(): Promise<void> {
  const require = createRequire(import.meta.url);
  const entry = join(require.resolve('@tensorflow/tfjs-core/package.json'), '..', 'dist', 'register_all_gradients.js');
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  const outfile = join(mkdtempSync(join(tmpdir(), 'trainsat-gdref-')), 'gradients.mjs');
  esbuild.buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error' });
  await import(pathToFileURL(outfile).href);
}

const pct = (a: number, b: number) => (b > 0 ? `${Math.round((100 * a) / b)}%` : '-');

export async function run(args: string[]): Promise<void> {
  const o = parse(args);
  await registerTfGradients();
  await tf.setBackend('cpu');
  const cs = await cases(o);
  console.log(`gdref: ${cs.length} trainable instances (deep family, n = ${o.n}); ${o.seeds} restarts each; ${o.epochs} epochs; TF.js ${tf.version_core} (${tf.getBackend()})`);

  // 1. loss curves from the same initial weights
  const curveRows: string[][] = [];
  const seed = 11;
  for (const c of cs) {
    const ours: number[] = [];
    trainGD(c.instance, { restarts: 1, epochs: o.epochs, seed, earlyStop: false, onStep: (_r, _s, loss) => ours.push(loss) });
    const ref = trainTf(c, initialTheta(c.instance, seed, 0), { epochs: o.epochs, lr: GD_DEFAULTS.lr, T0: GD_DEFAULTS.temperatureStart, T1: GD_DEFAULTS.temperatureEnd, recordLosses: true }).losses;
    const rel = (i: number) => Math.abs(ours[i] - ref[i]) / Math.max(1e-3, Math.abs(ours[i]));
    const maxRel = (k: number) => Math.max(...Array.from({ length: Math.min(k, ours.length) }, (_, i) => rel(i)));
    curveRows.push([c.name, ours[0].toFixed(6), ref[0].toFixed(6), maxRel(10).toExponential(1), maxRel(100).toExponential(1), maxRel(o.epochs).toExponential(1), ours[ours.length - 1].toFixed(4), ref[ref.length - 1].toFixed(4)]);
  }
  console.log('\n1. Loss curves, same relaxation and initial weights (relative difference |ours - tf| / max(1e-3, ours)):');
  console.log(table(['instance', 'loss[0] ours', 'loss[0] tf', 'max rel, steps 1-10', '1-100', `1-${o.epochs}`, 'final ours', 'final tf'], curveRows));

  // 2. success over seeds
  const succRows: string[][] = [];
  const totals = [0, 0, 0];
  for (const c of cs) {
    const P = new CompiledNetwork(c.instance).paramCount;
    const sizes = layerSizes(c.instance, c.hidden);
    const ours = trainGD(c.instance, { restarts: o.seeds, epochs: o.epochs, seed }).successes;
    let same = 0;
    let textbook = 0;
    const rng = Rng.fromSeed(seed + 1);
    for (let r = 0; r < o.seeds; r++) {
      if (trainTf(c, initialTheta(c.instance, seed, r), { epochs: o.epochs, lr: GD_DEFAULTS.lr, T0: GD_DEFAULTS.temperatureStart, T1: GD_DEFAULTS.temperatureEnd }).success) same++;
      if (trainTf(c, glorotTheta(sizes, P, rng), { epochs: o.epochs, lr: 0.01, T0: 1, T1: 1 }).success) textbook++;
    }
    totals[0] += ours;
    totals[1] += same;
    totals[2] += textbook;
    succRows.push([c.name, pct(ours, o.seeds), pct(same, o.seeds), pct(textbook, o.seeds)]);
  }
  const all = o.seeds * cs.length;
  succRows.push(['all', pct(totals[0], all), pct(totals[1], all), pct(totals[2], all)]);
  console.log(`\n2. Share of ${o.seeds} restarts whose hardened network passes exact evaluation:`);
  console.log(table(['instance', 'trainsat GD', 'TF.js, same relaxation and init', 'TF.js textbook (Glorot, T = 1, lr 0.01)'], succRows));

  // 3. learning rate x temperature schedule, the trainer
  const lrs = o.quick ? [0.03, 0.1, 0.3] : [0.01, 0.03, 0.1, 0.3, 1];
  const temps: [number, number][] = o.quick ? [[1, 0.1], [1, 1]] : [[1, 1], [1, 0.1], [1, 0.01], [3, 0.3], [0.3, 0.03]];
  const sweepRows: string[][] = [];
  for (const [T0, T1] of temps) {
    const row = [`T ${T0} -> ${T1}`];
    for (const lr of lrs) {
      let s = 0;
      for (const c of cs) s += trainGD(c.instance, { restarts: o.seeds, epochs: o.epochs, seed, lr, temperatureStart: T0, temperatureEnd: T1 }).successes;
      row.push(pct(s, all));
    }
    sweepRows.push(row);
  }
  console.log(`\n3. trainsat GD, share of restarts that fit (all ${cs.length} instances), by temperature schedule and learning rate (default: T 1 -> 0.1, lr 0.1):`);
  console.log(table(['schedule', ...lrs.map((lr) => `lr ${lr}`)], sweepRows));
}
