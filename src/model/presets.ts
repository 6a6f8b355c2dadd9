/**
 * Network presets (docs/format.md, "Presets"): short names for the architectures the theory is
 * about, expanded to explicit units so every later stage sees one kind of network.
 *
 *  - `perceptron`: one threshold unit `out` over x0..x{n-1};
 *  - `blum-rivest`: threshold units `h1`, `h2` over all inputs and a threshold unit `out`
 *    over [h1, h2] (Blum and Rivest, "Training a 3-node neural network is NP-complete", 1992);
 *  - `blum-rivest-and`: the same with `out = and(h1, h2)`.
 * Outputs are always ["out"]. An optional `integerWeights` range applies to every
 * threshold unit of the preset.
 */
import type { IntegerRange, Network, Unit } from './types.js';

export type PresetName = 'perceptron' | 'blum-rivest' | 'blum-rivest-and';
export const PRESET_NAMES: readonly PresetName[] = ['perceptron', 'blum-rivest', 'blum-rivest-and'];

export interface PresetOptions {
  integerWeights?: IntegerRange;
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
  const threshold = (id: string, ins: string[]): Unit => {
    const u: Unit = { id, kind: 'threshold', inputs: ins };
    if (opts.integerWeights) u.integerWeights = { min: opts.integerWeights.min, max: opts.integerWeights.max };
    return u;
  };
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
    default: {
      const never: never = name;
      throw new RangeError(`unknown preset: ${String(never)}`);
    }
  }
  return { inputs, units, outputs: ['out'] };
}
