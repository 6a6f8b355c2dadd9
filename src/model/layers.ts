/**
 * The layer structure of a network, when it has one: fully connected layers, each unit
 * reading every node of the layer before, in order (the layered preset's shape, whatever the
 * unit names).
 */
import type { Instance, Network, Unit } from './types.js';

export const inputNames = (n: number) => Array.from({ length: n }, (_, i) => `x${i}`);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The layers of a fully connected network: each reads every node of the one before. */
export interface Layers {
  /** The hidden layers' units, first layer first. */
  hidden: Unit[][];
  /** The output units: the C score units, or the one threshold output. */
  output: Unit[];
}


/**
 * The layers of `network` when it is fully connected layer by layer (the layered preset's
 * shape, whatever the unit names) and every unit has integer weights; otherwise null.
 */
export function layersOf(network: Network): Layers | null {
  if (!network.units.every((u) => (u.kind === 'threshold' || u.kind === 'score') && u.integerWeights)) return null;
  const outputs = new Set(network.outputs);
  if (outputs.size !== network.outputs.length) return null;
  const hidden: Unit[][] = [];
  let previous = inputNames(network.inputs);
  let rest = network.units.filter((u) => !outputs.has(u.id));
  while (rest.length > 0) {
    const layer = rest.filter((u) => sameList(u.inputs, previous));
    if (layer.length === 0) return null;
    hidden.push(layer);
    previous = layer.map((u) => u.id);
    rest = rest.filter((u) => !layer.includes(u));
  }
  const output = network.outputs.map((id) => network.units.find((u) => u.id === id));
  if (output.some((u) => !u || !sameList(u.inputs, previous))) return null;
  return { hidden, output: output as Unit[] };
}

/**
 * True when the network is layered with integer weights and every hidden layer is at least
 * as wide as the classes (one unit per class; one unit without classes), with every example
 * to be fitted: the shape the layer-by-layer witness search (src/backends/layerwise.ts)
 * gives one-vs-rest targets to.
 */
export function oneVsRestShaped(instance: Instance, layers = layersOf(instance.network)): boolean {
  const targets = instance.network.classes ?? 1;
  return layers !== null && layers.hidden.every((layer) => layer.length >= targets) && instance.minCorrect === undefined;
}

