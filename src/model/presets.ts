/**
 * Network presets (docs/format.md, "Presets"): short names for the architectures the theory is
 * about, expanded to explicit units so every later stage sees one kind of network.
 *
 *  - `perceptron`: one threshold unit `out` over x0..x{n-1};
 *  - `blum-rivest`: threshold units `h1`, `h2` over all inputs and a threshold unit `out`
 *    over [h1, h2] (Blum and Rivest, "Training a 3-node neural network is NP-complete", 1992);
 *  - `blum-rivest-and`: the same with `out = and(h1, h2)`;
 *  - `layered`: fully connected layers of threshold units `h{l}_{j}` (l, j from 1; layer 1
 *    reads x0..x{n-1}, layer l reads every unit of layer l - 1), then either `classes` score
 *    units `o0..o{C-1}` (outputs in class order, network.classes = C) or one threshold unit
 *    `out`, reading the last hidden layer (the inputs when there is none).
 * Outputs are ["out"] except for layered networks with classes. An optional `integerWeights`
 * range applies to every threshold and score unit of the preset.
 */
import type { IntegerRange, Network, Unit } from './types.js';

export type PresetName = 'perceptron' | 'blum-rivest' | 'blum-rivest-and' | 'layered';
export const PRESET_NAMES: readonly PresetName[] = ['perceptron', 'blum-rivest', 'blum-rivest-and', 'layered'];

export interface PresetOptions {
  integerWeights?: IntegerRange;
  /** layered: the widths of the hidden layers, each >= 1 (default none). */
  hidden?: readonly number[];
  /** layered: the number of classes C >= 2 (default: one 0/1 output `out`). */
  classes?: number;
}

/** The input node names x0..x{n-1}. */
export function inputNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `x${i}`);
}

/** Expands a preset to an explicit network (units in topological order). */
export function expandPreset(name: PresetName, inputs: number, opts: PresetOptions = {}): Network {
  if (!Number.isInteger(inputs) || inputs < 0) {
    throw new RangeError(`preset input count must be a natural number, got ${inputs}`);
  }
  const xs = inputNames(inputs);
  const weighted = (id: string, kind: 'threshold' | 'score', ins: string[]): Unit => {
    const u: Unit = { id, kind, inputs: ins };
    const iw = opts.integerWeights;
    if (iw) u.integerWeights = iw.anyThreshold ? { min: iw.min, max: iw.max, anyThreshold: true } : { min: iw.min, max: iw.max };
    return u;
  };
  const threshold = (id: string, ins: string[]): Unit => weighted(id, 'threshold', ins);
  let units: Unit[];
  switch (name) {
    case 'perceptron':
      units = [threshold('out', xs)];
      break;
    case 'blum-rivest':
      units = [threshold('h1', [...xs]), threshold('h2', [...xs]), threshold('out', ['h1', 'h2'])];
      break;
    case 'blum-rivest-and':
      units = [threshold('h1', [...xs]), threshold('h2', [...xs]), { id: 'out', kind: 'and', inputs: ['h1', 'h2'] }];
      break;
    case 'layered':
      return layered(xs, opts, weighted);
    default: {
      const never: never = name;
      throw new RangeError(`unknown preset: ${String(never)}`);
    }
  }
  return { inputs, units, outputs: ['out'] };
}

function layered(xs: string[], opts: PresetOptions, weighted: (id: string, kind: 'threshold' | 'score', ins: string[]) => Unit): Network {
  const units: Unit[] = [];
  let previous = xs;
  (opts.hidden ?? []).forEach((width, l) => {
    if (!Number.isInteger(width) || width < 1) throw new RangeError(`hidden layer ${l + 1} must have at least one unit, got ${width}`);
    const layer = Array.from({ length: width }, (_, j) => `h${l + 1}_${j + 1}`);
    for (const id of layer) units.push(weighted(id, 'threshold', [...previous]));
    previous = layer;
  });
  const classes = opts.classes;
  if (classes === undefined) {
    units.push(weighted('out', 'threshold', [...previous]));
    return { inputs: xs.length, units, outputs: ['out'] };
  }
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classes must be an integer >= 2, got ${classes}`);
  const outputs = Array.from({ length: classes }, (_, c) => `o${c}`);
  for (const id of outputs) units.push(weighted(id, 'score', [...previous]));
  return { inputs: xs.length, units, outputs, classes };
}
