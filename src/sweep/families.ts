/**
 * Families of generated instances for sweeps and the bench: `drawInstance` draws one from a
 * seeded stream; in a sweep each instance is a pure function of its id, so a sweep can be
 * split across machines and resumed.
 *
 *  - `random`: m = round(ratio * n) distinct random points of {0,1}^n with uniformly random
 *    0/1 labels, on a preset network (or, for the bench, m independent points, repeats
 *    allowed). The classical capacity experiment: trainable at small
 *    m/n, untrainable beyond the architecture's capacity.
 *  - `set-splitting`: a random Set Splitting instance with n elements and round(ratio * n)
 *    sets of `setSize` distinct elements each, reduced to the Blum-Rivest network
 *    (reductions/: blum-rivest-and, or blum-rivest with its gadget). Trainable iff the sets
 *    can be split; m = n + 1 + sets examples (plus the gadget's for blum-rivest).
 *  - `planted`: m distinct random points labelled by a random network of the same
 *    architecture (weights ~ N(0, 1) rounded to multiples of 1/8, hyperplanes through the
 *    cube's centre plus noise), so trainable by construction; the planted parameters are
 *    checked exactly and kept as the witness.
 *  - `deep`: layered real-weight threshold networks of several depths and widths, with
 *    random or planted labels (deep.ts, the depth atlas).
 *
 * Sweep order (deterministic): for each ratio in the given order, instances k = 0..K-1
 * (deep: for each ratio, each labelling and each shape, instances k = 0..K-1).
 * The instance id names everything that determines it:
 *   `<family>:<preset>:n<n>:r<ratio>:k<k>:s<seed>` (+ `:z<setSize>` for set-splitting);
 * its random stream is seeded with seedFrom(id).
 */
import { evaluateOutputs } from '../model/evaluate.js';
import { expandPreset, type PresetName } from '../model/presets.js';
import { Rational } from '../model/rational.js';
import type { Example, Instance, Network, Parameters } from '../model/types.js';
import { Rng, seedFrom } from '../random/rng.js';
import { setSplittingToBlumRivest } from '../../reductions/set-splitting-to-blum-rivest.js';
import { setSplittingToBlumRivestAnd } from '../../reductions/set-splitting-to-blum-rivest-and.js';
import { deepShapes, deepSpecProblems, type DeepLabels, type DeepSet } from './deep.js';

export { parseShard, shardItems } from './shards.js';

export type Family = 'random' | 'set-splitting' | 'planted' | 'deep';
export const FAMILIES: readonly Family[] = ['random', 'set-splitting', 'planted', 'deep'];

export interface SweepSpec {
  family: Family;
  preset: PresetName;
  /** n: inputs (random, planted) or elements (set-splitting). */
  inputs: number;
  /** m/n for random and planted; sets per element for set-splitting. */
  ratios: number[];
  /** Instances per ratio (K). */
  perPoint: number;
  seed: number;
  /** set-splitting: elements per set (default 3). */
  setSize?: number;
  /** deep: hidden layers of the grid and of the equal-parameter set (deep.ts). */
  depths?: number[];
  /** deep: widths of the grid. */
  widths?: number[];
  /** deep: labellings (default both). */
  labels?: DeepLabels[];
  /** deep: trainable parameters of the equal-parameter set. */
  params?: number;
}

export interface SweepItem {
  id: string;
  /** Position in the sweep order (0-based); shards split on it. */
  index: number;
  family: Family;
  preset: PresetName;
  n: number;
  ratio: number;
  /** k: which instance of this ratio. */
  k: number;
  seed: number;
  setSize?: number;
  /** deep: the hidden layers' widths, how the labels are drawn, the shape sets it belongs to, its parameter count. */
  hidden?: number[];
  labels?: DeepLabels;
  sets?: DeepSet[];
  params?: number;
}

export interface GeneratedInstance {
  instance: Instance;
  /** planted: the parameters that produced the labels (checked exactly). */
  planted?: Parameters;
}

/** Checks a spec; returns a list of problems (empty when fine). */
export function specProblems(spec: SweepSpec): string[] {
  const p: string[] = [];
  const n = spec.inputs;
  if (!Number.isInteger(n) || n < 1) p.push(`--inputs must be a positive integer, got ${n}`);
  if (!Number.isInteger(spec.perPoint) || spec.perPoint < 1) p.push(`--per-point must be a positive integer, got ${spec.perPoint}`);
  if (spec.ratios.length === 0) p.push('--ratios must list at least one ratio');
  for (const r of spec.ratios) if (!(Number.isFinite(r) && r > 0)) p.push(`ratios must be positive numbers, got ${r}`);
  if (spec.family === 'deep') p.push(...deepSpecProblems(deepSpec(spec)));
  if (spec.family === 'set-splitting') {
    if (spec.preset === 'perceptron') p.push('the set-splitting family reduces to blum-rivest-and or blum-rivest, not perceptron');
    const z = spec.setSize ?? 3;
    if (!Number.isInteger(z) || z < 1 || z > n) p.push(`--set-size must be an integer in [1, ${n}], got ${z}`);
  } else if (Number.isInteger(n) && n >= 1 && n <= 52) {
    for (const r of spec.ratios) {
      if (Math.round(r * n) > 2 ** n) p.push(`ratio ${r} asks for ${Math.round(r * n)} distinct points of {0,1}^${n}, which has only ${2 ** n}`);
    }
  }
  return p;
}

/** The deep fields of a spec, with their defaults (depths 1..4, widths 2..4, both labellings). */
function deepSpec(spec: SweepSpec) {
  return {
    inputs: spec.inputs,
    ratios: spec.ratios,
    perPoint: spec.perPoint,
    seed: spec.seed,
    depths: spec.depths ?? [1, 2, 3, 4],
    widths: spec.widths ?? (spec.params === undefined ? [2, 3, 4] : []),
    labels: spec.labels ?? ['random', 'planted'],
    params: spec.params,
  };
}

/** Every item of the sweep, in sweep order. */
export function sweepItems(spec: SweepSpec): SweepItem[] {
  const items: SweepItem[] = [];
  if (spec.family === 'deep') {
    const d = deepSpec(spec);
    const shapes = deepShapes(d);
    for (const ratio of spec.ratios) {
      for (const labels of d.labels) {
        for (const shape of shapes) {
          for (let k = 0; k < spec.perPoint; k++) {
            const id = `deep:${labels}:n${spec.inputs}:h${shape.hidden.join('-')}:r${ratio}:k${k}:s${spec.seed}`;
            items.push({ id, index: items.length, family: 'deep', preset: 'layered', n: spec.inputs, ratio, k, seed: spec.seed, hidden: shape.hidden, labels, sets: shape.sets, params: shape.params });
          }
        }
      }
    }
    return items;
  }
  const setSize = spec.family === 'set-splitting' ? (spec.setSize ?? 3) : undefined;
  for (const ratio of spec.ratios) {
    for (let k = 0; k < spec.perPoint; k++) {
      const id =
        `${spec.family}:${spec.preset}:n${spec.inputs}:r${ratio}:k${k}:s${spec.seed}` + (setSize !== undefined ? `:z${setSize}` : '');
      items.push({ id, index: items.length, family: spec.family, preset: spec.preset, n: spec.inputs, ratio, k, seed: spec.seed, setSize });
    }
  }
  return items;
}

/** m distinct random points of {0,1}^n (m <= 2^n). */
export function randomPoints(rng: Rng, n: number, m: number): (0 | 1)[][] {
  if (n <= 52 && m > 2 ** n) throw new RangeError(`cannot draw ${m} distinct points of {0,1}^${n}`);
  const pts: (0 | 1)[][] = [];
  if (n <= 20 && m * 4 > 2 ** n) {
    // dense: a random subset of the whole cube
    const all = Array.from({ length: 2 ** n }, (_, i) => i);
    rng.shuffle(all);
    for (let a = 0; a < m; a++) pts.push(Array.from({ length: n }, (_, j) => ((all[a] >> (n - 1 - j)) & 1) as 0 | 1));
    return pts;
  }
  const seen = new Set<string>();
  while (pts.length < m) {
    const p = Array.from({ length: n }, () => rng.int(0, 1) as 0 | 1);
    const key = p.join('');
    if (seen.has(key)) continue;
    seen.add(key);
    pts.push(p);
  }
  return pts;
}

/** Random parameters for every trainable unit (threshold weights on a 1/8 grid; random tables). */
export function randomParameters(network: Network, rng: Rng): Parameters {
  const params: Parameters = {};
  const q = (x: number) => Rational.of(BigInt(Math.round(x * 8)), 8n);
  for (const u of network.units) {
    const k = u.inputs.length;
    if (u.kind === 'threshold') {
      const range = u.integerWeights;
      if (range) {
        params[u.id] = {
          weights: Array.from({ length: k }, () => Rational.of(rng.int(range.min, range.max))),
          threshold: Rational.of(rng.int(range.min, range.max)),
        };
      } else {
        const w = Array.from({ length: k }, () => rng.normal());
        const t = w.reduce((s, x) => s + x / 2, 0) + 0.5 * rng.normal();
        params[u.id] = { weights: w.map(q), threshold: q(t) };
      }
    } else if (u.kind === 'lookup') {
      params[u.id] = { table: Array.from({ length: 2 ** k }, () => rng.int(0, 1) as 0 | 1) };
    }
  }
  return params;
}

const bitsToX = (p: readonly (0 | 1)[]): Rational[] => p.map((b) => (b ? Rational.ONE : Rational.ZERO));

/** What determines one instance of a family, apart from the random stream. */
export interface FamilyDraw {
  family: Family;
  preset: PresetName;
  /** Inputs (random, planted) or elements (set-splitting). */
  n: number;
  /** Examples (random, planted) or sets (set-splitting). */
  size: number;
  /** set-splitting: elements per set (default 3). */
  setSize?: number;
  /** random: draw the points independently, repeats allowed (default false: distinct points). */
  repeatPoints?: boolean;
  /** deep: the hidden layers' widths and how the labels are drawn. */
  hidden?: number[];
  labels?: DeepLabels;
  name: string;
}

/** One instance of a family (see the file comment), drawn from `rng`. */
export function drawInstance(rng: Rng, d: FamilyDraw): GeneratedInstance {
  const n = d.n;
  switch (d.family) {
    case 'random': {
      const points = d.repeatPoints
        ? Array.from({ length: d.size }, () => Array.from({ length: n }, () => rng.int(0, 1) as 0 | 1))
        : randomPoints(rng, n, d.size);
      const examples: Example[] = points.map((p) => ({ x: bitsToX(p), y: [rng.int(0, 1) as 0 | 1] }));
      return { instance: { name: d.name, network: expandPreset(d.preset, n), examples } };
    }
    case 'deep':
    case 'planted': {
      const network = d.family === 'deep' ? expandPreset('layered', n, { hidden: d.hidden ?? [] }) : expandPreset(d.preset, n);
      if (d.family === 'deep' && d.labels === 'random') {
        const examples: Example[] = randomPoints(rng, n, d.size).map((p) => ({ x: bitsToX(p), y: [rng.int(0, 1) as 0 | 1] }));
        return { instance: { name: d.name, network, examples } };
      }
      const planted = randomParameters(network, rng);
      const examples: Example[] = randomPoints(rng, n, d.size).map((p) => {
        const x = bitsToX(p);
        return { x, y: evaluateOutputs(network, planted, x) };
      });
      return { instance: { name: d.name, network, examples }, planted };
    }
    case 'set-splitting': {
      const z = d.setSize ?? 3;
      const idx = Array.from({ length: n }, (_, i) => i);
      const sets: number[][] = [];
      for (let c = 0; c < d.size; c++) {
        // a random z-subset: partial Fisher-Yates
        for (let a = 0; a < z; a++) {
          const b = rng.int(a, n - 1);
          [idx[a], idx[b]] = [idx[b], idx[a]];
        }
        sets.push(idx.slice(0, z).sort((a, b) => a - b));
      }
      const source = { elements: n, sets, name: d.name };
      const reduction = d.preset === 'blum-rivest' ? setSplittingToBlumRivest : setSplittingToBlumRivestAnd;
      const instance = reduction.reduce(source);
      return { instance: { ...instance, name: d.name } };
    }
  }
}

/** The instance of a sweep item (deterministic in the item): its id seeds the stream. */
export function generateInstance(item: SweepItem): GeneratedInstance {
  return drawInstance(Rng.fromSeed(seedFrom(item.id)), {
    family: item.family,
    preset: item.preset,
    n: item.n,
    size: Math.round(item.ratio * item.n),
    setSize: item.setSize,
    hidden: item.hidden,
    labels: item.labels,
    name: item.id,
  });
}
