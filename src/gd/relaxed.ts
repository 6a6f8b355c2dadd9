/**
 * The smooth relaxation of a network, compiled to flat typed arrays, with a forward pass,
 * binary cross-entropy on the outputs and a hand-written reverse pass (backpropagation
 * over the unit DAG). Everything is vectorised over examples: every node owns one column
 * of `cap` values (one per example of the current batch), and the passes loop over those
 * columns, so the inner loops allocate nothing.
 *
 * Relaxation of each unit kind (z = the unit's input values, in [0, 1] for units):
 *  - threshold: sigma((w.z - t) / T), T the (annealed) temperature; parameters w, t.
 *  - lookup: the multilinear extension of the table, with entry i relaxed to
 *    p_i = sigma(theta_i):  f(z) = sum_i p_i prod_j (z_j if bit j of i is 1 else 1 - z_j),
 *    bit j of i being input j's bit (first input = most significant bit, as in the model).
 *    It is computed by folding the table one input at a time (last input first).
 *  - and = prod z_j; or = 1 - prod (1 - z_j); nand = 1 - and; nor = prod (1 - z_j);
 *    xor = (1 - prod (1 - 2 z_j)) / 2 (the multilinear parity); not = 1 - z.
 *    These agree with the gates on 0/1 inputs.
 *  - score (an output of a network with classes): g (w.z - t), the score itself, not squashed.
 *  - fixed-threshold: sigma((w.z - t + c) / T) with its fixed w, t. The hard unit outputs 1
 *    at w.z = t, where a sigmoid gives 1/2, so the boundary is shifted by c = half the
 *    smallest gap t - w.z > 0 over the 0/1 input vectors (for fan-in <= 16; else c = 0):
 *    then the relaxation rounds to the hard unit at every 0/1 input vector.
 *
 * g is the unit's gain: 1, except in networks with classes, where train.ts sets it to
 * 1 / sqrt(the mean of sum_j z_j^2 over the examples) so that a unit with hundreds of inputs
 * does not start saturated (the scaling of Glorot & Bengio, "Understanding the difficulty of
 * training deep feedforward neural networks", AISTATS 2010); a threshold unit then reads
 * sigma(g (w.z - t) / T).
 *
 * Loss: the mean over examples of the summed binary cross-entropy of each output. When
 * an output is a (fixed-)threshold unit the loss is taken from its logit u (softplus(u) -
 * y u, gradient sigma(u) - y), which never saturates; other outputs use the clamped
 * probability. With classes (targets one-hot), the loss is the softmax cross-entropy of
 * the scores, log sum_c e^{s_c} - s_label, gradient softmax(s) - onehot(label).
 *
 * Network inputs that are 0 are skipped: the batch keeps, per input, the examples where it
 * is non-zero (a compressed sparse column list), and the weighted sums read only those.
 *
 * Parameter vector layout (`theta`): per trainable unit, in network order: threshold and
 * score -> [w_0 .. w_{k-1}, t]; lookup -> [theta_0 .. theta_{2^k - 1}].
 */
import type { Instance, IntegerRange, UnitKind } from '../model/types.js';

export interface CompiledUnit {
  id: string;
  kind: UnitKind;
  /** This unit's node index (inputs are nodes 0..n-1, unit i is node n + i). */
  node: number;
  /** Node indices of its inputs. */
  inputs: Int32Array;
  /** Offset of its parameters in theta (trainable units), else -1. */
  offset: number;
  /** Number of parameters (k + 1 for threshold and score, 2^k for lookup, 0 for fixed units). */
  size: number;
  integerWeights?: IntegerRange;
  /** Threshold and score units: the gain g of the weighted sum (file comment); 1 unless set. */
  gain: number;
  /** fixed-threshold: weights, threshold, and the boundary shift c. */
  fixedWeights?: Float64Array;
  fixedThreshold?: number;
  fixedShift?: number;
}

/** A network compiled for the relaxation: node indices, parameter offsets. */
export class CompiledNetwork {
  readonly inputs: number;
  readonly units: CompiledUnit[];
  readonly nodes: number;
  /** Node index of each output. */
  readonly outputs: Int32Array;
  readonly paramCount: number;
  /** Largest fan-in of any unit. */
  readonly maxFanIn: number;
  /** Largest lookup table (2^k), 0 if there are no lookups. */
  readonly maxTable: number;
  /** The number of classes (outputs are score units), or undefined for 0/1 outputs. */
  readonly classes: number | undefined;

  constructor(instance: Instance) {
    const net = instance.network;
    const n = net.inputs;
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) index.set(`x${i}`, i);
    let offset = 0;
    let maxFanIn = 0;
    let maxTable = 0;
    this.units = net.units.map((u, i) => {
      const node = n + i;
      const inputs = Int32Array.from(u.inputs, (name) => {
        const v = index.get(name);
        if (v === undefined) throw new RangeError(`unit "${u.id}" reads unknown node "${name}"`);
        return v;
      });
      index.set(u.id, node);
      const k = inputs.length;
      maxFanIn = Math.max(maxFanIn, k);
      const cu: CompiledUnit = { id: u.id, kind: u.kind, node, inputs, offset: -1, size: 0, gain: 1 };
      if (u.kind === 'threshold' || u.kind === 'score') {
        cu.offset = offset;
        cu.size = k + 1;
        if (u.integerWeights) {
          cu.integerWeights = { min: u.integerWeights.min, max: u.integerWeights.max };
          if (u.integerWeights.anyThreshold) cu.integerWeights.anyThreshold = true;
        }
      } else if (u.kind === 'lookup') {
        cu.offset = offset;
        cu.size = 2 ** k;
        maxTable = Math.max(maxTable, cu.size);
      } else if (u.kind === 'fixed-threshold') {
        const w = Float64Array.from(u.weights ?? [], (r) => r.toNumber());
        const t = u.threshold?.toNumber() ?? 0;
        cu.fixedWeights = w;
        cu.fixedThreshold = t;
        cu.fixedShift = boundaryShift(w, t);
      }
      offset += cu.size;
      return cu;
    });
    this.inputs = n;
    this.nodes = n + net.units.length;
    this.paramCount = offset;
    this.maxFanIn = maxFanIn;
    this.maxTable = maxTable;
    this.classes = net.classes;
    this.outputs = Int32Array.from(net.outputs, (name) => {
      const v = index.get(name);
      if (v === undefined) throw new RangeError(`unknown output node "${name}"`);
      return v;
    });
  }
}

/** Half the smallest positive gap t - w.z over z in {0,1}^k (0 when k > 16 or no such z). */
function boundaryShift(w: Float64Array, t: number): number {
  const k = w.length;
  if (k > 16) return 0;
  let gap = Infinity;
  for (let mask = 0; mask < 2 ** k; mask++) {
    let s = 0;
    for (let j = 0; j < k; j++) if (mask & (1 << j)) s += w[j];
    if (s < t) gap = Math.min(gap, t - s);
  }
  return Number.isFinite(gap) ? gap / 2 : 0;
}

/** Numerically stable logistic function. */
export function sigmoid(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/** log(1 + e^u) without overflow. */
function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

const EPS = 1e-12;

/**
 * The non-zero entries of n columns (column j at act[j * cap .. j * cap + count)): column j
 * is non-zero at the rows row[start[j] .. start[j + 1]) (ascending), with the values val at
 * the same places.
 */
export interface SparseColumns {
  start: Int32Array;
  row: Int32Array;
  val: Float64Array;
}

export function sparseColumns(act: Float64Array, n: number, cap: number, count: number): SparseColumns {
  let nnz = 0;
  for (let j = 0; j < n; j++) for (let b = 0; b < count; b++) if (act[j * cap + b] !== 0) nnz++;
  const start = new Int32Array(n + 1);
  const row = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let p = 0;
  for (let j = 0; j < n; j++) {
    start[j] = p;
    for (let b = 0; b < count; b++) {
      const v = act[j * cap + b];
      if (v !== 0) {
        row[p] = b;
        val[p++] = v;
      }
    }
  }
  start[n] = p;
  return { start, row, val };
}

/**
 * Buffers for one batch size, and the passes. `loadBatch` copies the inputs and targets of
 * the chosen examples into the columns; `lossAndGrad` then runs forward + backward.
 */
export class Workspace {
  readonly cap: number;
  /** Node values, node v at [v * cap, v * cap + count). */
  readonly act: Float64Array;
  /** Pre-activations u of (fixed-)threshold units, same layout. */
  private readonly pre: Float64Array;
  /** dLoss / d(node value). */
  private readonly gAct: Float64Array;
  /** dLoss / du taken directly from the loss (threshold outputs). */
  private readonly gPre: Float64Array;
  /** Targets: output o at [o * cap, o * cap + count). */
  readonly targets: Float64Array;
  /** Is output o's loss taken from its logit? */
  private readonly logitOutput: Uint8Array;
  /** The non-zero network inputs of the batch (sparseColumns). */
  private nz: SparseColumns;
  // per-unit scratch
  private readonly gateVals: Float64Array;
  private readonly gateTmp: Float64Array;
  private readonly prefix: Float64Array;
  private readonly suffix: Float64Array;
  private readonly table: Float64Array;
  private readonly gTable: Float64Array;
  private readonly levels: Float64Array;
  private readonly gLevels: Float64Array;
  count = 0;

  constructor(
    readonly net: CompiledNetwork,
    capacity: number,
  ) {
    const cap = Math.max(1, capacity);
    this.cap = cap;
    const size = net.nodes * cap;
    this.act = new Float64Array(size);
    this.pre = new Float64Array(size);
    this.gAct = new Float64Array(size);
    this.gPre = new Float64Array(size);
    this.targets = new Float64Array(net.outputs.length * cap);
    this.nz = sparseColumns(this.act, net.inputs, cap, 0);
    this.logitOutput = Uint8Array.from(net.outputs, (v) => {
      if (v < net.inputs) return 0;
      const kind = net.units[v - net.inputs].kind;
      return kind === 'threshold' || kind === 'fixed-threshold' ? 1 : 0;
    });
    const k = net.maxFanIn;
    this.gateVals = new Float64Array(k + 1);
    this.gateTmp = new Float64Array(cap);
    this.prefix = new Float64Array(k + 1);
    this.suffix = new Float64Array(k + 1);
    this.table = new Float64Array(Math.max(1, net.maxTable));
    this.gTable = new Float64Array(Math.max(1, net.maxTable));
    this.levels = new Float64Array(Math.max(1, 2 * net.maxTable));
    this.gLevels = new Float64Array(Math.max(1, 2 * net.maxTable));
  }

  /**
   * Loads examples into the columns: X is example-major (example e's input j at
   * X[e * n + j]), Y likewise (output o at Y[e * outs + o]); `idx` picks the examples
   * (null: the first `count`).
   */
  loadBatch(X: Float64Array, Y: Float64Array, idx: Int32Array | null, count: number): void {
    const n = this.net.inputs;
    const outs = this.net.outputs.length;
    const cap = this.cap;
    if (count > cap) throw new RangeError(`batch of ${count} exceeds capacity ${cap}`);
    this.count = count;
    for (let b = 0; b < count; b++) {
      const e = idx ? idx[b] : b;
      for (let j = 0; j < n; j++) this.act[j * cap + b] = X[e * n + j];
      for (let o = 0; o < outs; o++) this.targets[o * cap + b] = Y[e * outs + o];
    }
    this.nz = sparseColumns(this.act, n, cap, count);
  }

  /** The relaxed forward pass over the loaded batch. */
  forward(theta: Float64Array, T: number): void {
    const { act, pre, cap, count } = this;
    for (const u of this.net.units) {
      const out = u.node * cap;
      const ins = u.inputs;
      const k = ins.length;
      switch (u.kind) {
        case 'threshold':
        case 'score':
        case 'fixed-threshold': {
          let w: Float64Array;
          let wOff: number;
          let bias: number;
          if (u.kind !== 'fixed-threshold') {
            w = theta;
            wOff = u.offset;
            bias = -theta[u.offset + k];
          } else {
            w = u.fixedWeights!;
            wOff = 0;
            bias = u.fixedShift! - u.fixedThreshold!;
          }
          for (let e = 0; e < count; e++) pre[out + e] = bias;
          const { start: nzStart, row: nzRow, val: nzVal } = this.nz;
          const n = this.net.inputs;
          for (let j = 0; j < k; j++) {
            const wj = w[wOff + j];
            const src = ins[j];
            if (src < n) {
              for (let p = nzStart[src], end = nzStart[src + 1]; p < end; p++) pre[out + nzRow[p]] += wj * nzVal[p];
            } else {
              const col = src * cap;
              for (let e = 0; e < count; e++) pre[out + e] += wj * act[col + e];
            }
          }
          if (u.kind === 'score') {
            const g = u.gain;
            for (let e = 0; e < count; e++) {
              pre[out + e] *= g;
              act[out + e] = pre[out + e];
            }
            break;
          }
          const invT = u.gain / T;
          for (let e = 0; e < count; e++) {
            const s = pre[out + e] * invT;
            pre[out + e] = s;
            act[out + e] = sigmoid(s);
          }
          break;
        }
        case 'lookup': {
          const size = u.size;
          const table = this.table;
          for (let i = 0; i < size; i++) table[i] = sigmoid(theta[u.offset + i]);
          for (let e = 0; e < count; e++) act[out + e] = this.foldLookup(ins, e, size, false);
          break;
        }
        case 'not': {
          const src = ins[0] * cap;
          for (let e = 0; e < count; e++) act[out + e] = 1 - act[src + e];
          break;
        }
        default: {
          // and / or / nand / nor / xor: a product of per-input factors, then an affine map
          const kind = u.kind;
          for (let e = 0; e < count; e++) act[out + e] = 1;
          for (let j = 0; j < k; j++) {
            const src = ins[j] * cap;
            if (kind === 'and' || kind === 'nand') for (let e = 0; e < count; e++) act[out + e] *= act[src + e];
            else if (kind === 'xor') for (let e = 0; e < count; e++) act[out + e] *= 1 - 2 * act[src + e];
            else for (let e = 0; e < count; e++) act[out + e] *= 1 - act[src + e];
          }
          if (kind === 'nand' || kind === 'or') for (let e = 0; e < count; e++) act[out + e] = 1 - act[out + e];
          else if (kind === 'xor') for (let e = 0; e < count; e++) act[out + e] = (1 - act[out + e]) / 2;
          break;
        }
      }
    }
  }

  /**
   * Folds the relaxed table (in this.table) along example e's inputs. With `keep`, every
   * level is left in this.levels (level l, of size 2^(k-l), at offset levelOffset(l)).
   */
  private foldLookup(ins: Int32Array, e: number, size: number, keep: boolean): number {
    const { act, cap, levels, table } = this;
    const k = ins.length;
    if (k === 0) return table[0];
    if (keep) for (let i = 0; i < size; i++) levels[i] = table[i];
    let cur = keep ? levels : table;
    let curOff = 0;
    let len = size;
    let nextOff = keep ? size : 0;
    for (let l = 0; l < k; l++) {
      const z = act[ins[k - 1 - l] * cap + e];
      const half = len >> 1;
      // Without `keep`, fold in place in `levels` (after the first level, read from it).
      for (let i = 0; i < half; i++) {
        const a = cur[curOff + 2 * i];
        const b = cur[curOff + 2 * i + 1];
        levels[nextOff + i] = a + z * (b - a);
      }
      cur = levels;
      curOff = nextOff;
      if (keep) nextOff += half;
      len = half;
    }
    return cur[curOff];
  }

  /**
   * Forward pass, loss and gradient over the loaded batch: returns the mean loss per
   * example and writes dLoss/dtheta into `grad` (overwritten).
   */
  lossAndGrad(theta: Float64Array, T: number, grad: Float64Array): number {
    this.forward(theta, T);
    const { act, pre, gAct, gPre, cap, count, targets } = this;
    const net = this.net;
    const n = net.inputs;
    grad.fill(0);
    gAct.fill(0, n * cap);
    gPre.fill(0, n * cap);
    const inv = count > 0 ? 1 / count : 0;
    let loss = 0;
    const outputs = net.outputs;
    if (net.classes !== undefined) {
      loss = this.softmaxCrossEntropy(inv);
      return this.backward(theta, T, grad, loss * inv);
    }
    for (let o = 0; o < outputs.length; o++) {
      const v = outputs[o];
      const col = v * cap;
      const tcol = o * cap;
      if (this.logitOutput[o]) {
        for (let e = 0; e < count; e++) {
          const y = targets[tcol + e];
          const uu = pre[col + e];
          loss += softplus(uu) - y * uu;
          gPre[col + e] += (act[col + e] - y) * inv;
        }
      } else {
        // targets are 0/1, so one logarithm per example
        for (let e = 0; e < count; e++) {
          const y = targets[tcol + e];
          const p = Math.min(1 - EPS, Math.max(EPS, act[col + e]));
          loss -= Math.log(y === 1 ? p : 1 - p);
          if (v >= n) gAct[col + e] += ((p - y) / (p * (1 - p))) * inv;
        }
      }
    }
    return this.backward(theta, T, grad, loss * inv);
  }

  /**
   * The softmax cross-entropy of the score outputs against the one-hot targets, summed over
   * the batch; writes (softmax - target) * inv into the outputs' gPre.
   */
  private softmaxCrossEntropy(inv: number): number {
    const { act, gPre, cap, count, targets } = this;
    const outputs = this.net.outputs;
    const C = outputs.length;
    let loss = 0;
    for (let e = 0; e < count; e++) {
      let top = -Infinity;
      for (let o = 0; o < C; o++) top = Math.max(top, act[outputs[o] * cap + e]);
      let sum = 0;
      for (let o = 0; o < C; o++) sum += Math.exp(act[outputs[o] * cap + e] - top);
      const logSum = top + Math.log(sum);
      for (let o = 0; o < C; o++) {
        const s = act[outputs[o] * cap + e];
        const y = targets[o * cap + e];
        if (y === 1) loss += logSum - s;
        gPre[outputs[o] * cap + e] += (Math.exp(s - logSum) - y) * inv;
      }
    }
    return loss;
  }

  /** The reverse pass, after the loss has seeded gPre / gAct; returns `loss`. */
  private backward(theta: Float64Array, T: number, grad: Float64Array, loss: number): number {
    const { act, gAct, gPre, cap, count } = this;
    const net = this.net;
    const n = net.inputs;
    // reverse pass
    const units = net.units;
    for (let ui = units.length - 1; ui >= 0; ui--) {
      const u = units[ui];
      const out = u.node * cap;
      const ins = u.inputs;
      const k = ins.length;
      switch (u.kind) {
        case 'threshold':
        case 'score':
        case 'fixed-threshold': {
          // d u / d (w.z - t): g / T for a threshold unit, g for a score (no temperature)
          const invT = u.kind === 'score' ? u.gain : u.gain / T;
          // gPre[out + e] becomes dL/du for this unit (downstream part + direct loss part);
          // a score is read by no unit, so its gPre is the loss's alone
          if (u.kind !== 'score') {
            for (let e = 0; e < count; e++) {
              const a = act[out + e];
              gPre[out + e] += gAct[out + e] * a * (1 - a);
            }
          }
          const trainable = u.kind !== 'fixed-threshold';
          const w = trainable ? theta : u.fixedWeights!;
          const wOff = trainable ? u.offset : 0;
          const { start: nzStart, row: nzRow, val: nzVal } = this.nz;
          for (let j = 0; j < k; j++) {
            const src = ins[j] * cap;
            if (trainable) {
              let gw = 0;
              if (ins[j] < n) {
                for (let p = nzStart[ins[j]], end = nzStart[ins[j] + 1]; p < end; p++) gw += gPre[out + nzRow[p]] * nzVal[p];
              } else {
                for (let e = 0; e < count; e++) gw += gPre[out + e] * act[src + e];
              }
              grad[u.offset + j] += gw * invT;
            }
            if (ins[j] >= n) {
              const f = w[wOff + j] * invT;
              for (let e = 0; e < count; e++) gAct[src + e] += gPre[out + e] * f;
            }
          }
          if (trainable) {
            let gt = 0;
            for (let e = 0; e < count; e++) gt -= gPre[out + e];
            grad[u.offset + k] += gt * invT;
          }
          break;
        }
        case 'lookup': {
          const size = u.size;
          const { table, gTable, levels, gLevels } = this;
          for (let i = 0; i < size; i++) {
            table[i] = sigmoid(theta[u.offset + i]);
            gTable[i] = 0;
          }
          for (let e = 0; e < count; e++) {
            const g = gAct[out + e];
            if (g === 0) continue;
            if (k === 0) {
              gTable[0] += g;
              continue;
            }
            this.foldLookup(ins, e, size, true);
            // level l at offset off[l]: off[0] = 0, off[l+1] = off[l] + size >> l
            let off = 2 * size - 2; // offset of level k (size 1)
            gLevels[off] = g;
            let len = 1;
            for (let l = k - 1; l >= 0; l--) {
              const prevLen = len * 2;
              const prevOff = off - prevLen;
              const j = k - 1 - l;
              const src = ins[j] * cap + e;
              const z = act[src];
              let gz = 0;
              for (let i = 0; i < len; i++) {
                const gn = gLevels[off + i];
                gz += gn * (levels[prevOff + 2 * i + 1] - levels[prevOff + 2 * i]);
                gLevels[prevOff + 2 * i] = gn * (1 - z);
                gLevels[prevOff + 2 * i + 1] = gn * z;
              }
              if (ins[j] >= n) gAct[src] += gz;
              off = prevOff;
              len = prevLen;
            }
            for (let i = 0; i < size; i++) gTable[i] += gLevels[i];
          }
          for (let i = 0; i < size; i++) grad[u.offset + i] += gTable[i] * table[i] * (1 - table[i]);
          break;
        }
        case 'not': {
          if (ins[0] >= n) {
            const src = ins[0] * cap;
            for (let e = 0; e < count; e++) gAct[src + e] -= gAct[out + e];
          }
          break;
        }
        default: {
          const kind = u.kind;
          // out = a + b * prod_j f(z_j): d out / d z_j = b * f'(z_j) * prod_{l != j} f(z_l)
          const b = kind === 'and' || kind === 'nor' ? 1 : kind === 'xor' ? -0.5 : -1;
          const fprime = kind === 'and' || kind === 'nand' ? 1 : kind === 'xor' ? -2 : -1;
          const scale = b * fprime;
          if (k <= 4) {
            // small fan-in: d out / d z_j = scale * prod_{l != j} f(z_l), vectorised over examples
            const tmp = this.gateTmp;
            for (let j = 0; j < k; j++) {
              if (ins[j] < n) continue;
              for (let e = 0; e < count; e++) tmp[e] = gAct[out + e] * scale;
              for (let l = 0; l < k; l++) {
                if (l === j) continue;
                const src = ins[l] * cap;
                if (kind === 'and' || kind === 'nand') for (let e = 0; e < count; e++) tmp[e] *= act[src + e];
                else if (kind === 'xor') for (let e = 0; e < count; e++) tmp[e] *= 1 - 2 * act[src + e];
                else for (let e = 0; e < count; e++) tmp[e] *= 1 - act[src + e];
              }
              const dst = ins[j] * cap;
              for (let e = 0; e < count; e++) gAct[dst + e] += tmp[e];
            }
            break;
          }
          // larger fan-in: prefix and suffix products per example
          const { gateVals, prefix, suffix } = this;
          for (let e = 0; e < count; e++) {
            const g = gAct[out + e];
            if (g === 0) continue;
            for (let j = 0; j < k; j++) {
              const z = act[ins[j] * cap + e];
              gateVals[j] = kind === 'and' || kind === 'nand' ? z : kind === 'xor' ? 1 - 2 * z : 1 - z;
            }
            prefix[0] = 1;
            for (let j = 0; j < k; j++) prefix[j + 1] = prefix[j] * gateVals[j];
            suffix[k] = 1;
            for (let j = k - 1; j >= 0; j--) suffix[j] = suffix[j + 1] * gateVals[j];
            for (let j = 0; j < k; j++) {
              if (ins[j] >= n) gAct[ins[j] * cap + e] += g * scale * prefix[j] * suffix[j + 1];
            }
          }
          break;
        }
      }
    }
    return loss;
  }
}
