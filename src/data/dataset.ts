/**
 * A labelled data set and the instance JSON it becomes (docs/format.md, "Instance JSON"):
 * a `layered` preset network with `classes` score outputs and examples `{"x": [...],
 * "label": c}`. The text is a function of the data and the options only, so the same
 * arguments give the same bytes.
 */
import { InputError } from '../model/errors.js';
import { Rational } from '../model/rational.js';
import { Rng, seedFrom } from '../random/rng.js';

export interface LabelledExample {
  /** Input values, exact. */
  x: Rational[];
  /** Class index, 0..classes-1. */
  label: number;
}

export interface WeightRange {
  min: number;
  max: number;
}

export interface LayeredSpec {
  /** Units per hidden layer ([] = the score units read the inputs). */
  hidden: number[];
  /** Integer weights in [min, max] (threshold any integer); absent = real weights. */
  weights?: WeightRange;
}

export interface InstanceText {
  name: string;
  description: string;
  inputs: number;
  classes: number;
  spec: LayeredSpec;
  examples: readonly LabelledExample[];
}

/** Hidden layers by default: one layer of 16 units, the architecture of the BNN papers' 784-16-10. */
export const DEFAULT_HIDDEN: readonly number[] = [16];
/** Weights by default: ternary, {-1, 0, 1}. */
export const DEFAULT_WEIGHTS: WeightRange = { min: -1, max: 1 };

/**
 * The instance JSON text: one example per line, numbers written as trainsat writes them
 * (Rational.toJSON: integers as numbers, other rationals as "p/q" in lowest terms).
 */
export function layeredInstanceText(d: InstanceText): string {
  const network: Record<string, unknown> = { preset: 'layered', inputs: d.inputs, hidden: d.spec.hidden, classes: d.classes };
  if (d.spec.weights) network.weights = { min: d.spec.weights.min, max: d.spec.weights.max };
  const lines = [
    '{',
    `  "name": ${JSON.stringify(d.name)},`,
    `  "description": ${JSON.stringify(d.description)},`,
    `  "network": ${JSON.stringify(network)},`,
    '  "examples": [',
    d.examples.map((e) => `    {"x":${JSON.stringify(e.x.map((v) => v.toJSON()))},"label":${e.label}}`).join(',\n'),
    '  ]',
    '}',
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

/** `--hidden`: comma-separated positive unit counts ("16", "16,16"); "" or "none" for no hidden layer. */
export function parseHidden(text: string | undefined): number[] {
  if (text === undefined) return [...DEFAULT_HIDDEN];
  const t = text.trim();
  if (t === '' || t === 'none') return [];
  return t.split(',').map((s) => {
    const v = s.trim();
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100_000) {
      throw new InputError(`--hidden takes comma-separated positive unit counts such as 16 or 16,16 ("" or none: no hidden layer), got '${text}'`);
    }
    return Number(v);
  });
}

/** `--weights`: an integer range MIN..MAX ("-1..1", "-3..3"), or "real" for real weights. */
export function parseWeights(text: string | undefined): WeightRange | undefined {
  if (text === undefined) return { ...DEFAULT_WEIGHTS };
  const t = text.trim();
  if (t === 'real') return undefined;
  const m = /^(-?\d{1,15})\.\.(-?\d{1,15})$/.exec(t);
  if (m === null) throw new InputError(`--weights takes an integer range MIN..MAX such as -1..1, or real, got '${text}'`);
  const [min, max] = [Number(m[1]), Number(m[2])];
  if (min > max) throw new InputError(`--weights: MIN must be at most MAX, got '${text}'`);
  return { min: min === 0 ? 0 : min, max: max === 0 ? 0 : max };
}

/** An exact threshold or value given as text: an integer, a decimal or "p/q". */
export function parseRationalOption(text: string, option: string): Rational {
  try {
    return Rational.parse(text);
  } catch {
    throw new InputError(`${option} takes a number such as 0.5 or 128/255, got '${text}'`);
  }
}

/** 1 when v >= t, else 0. */
export function binarize(v: Rational, t: Rational): Rational {
  return v.cmp(t) >= 0 ? Rational.ONE : Rational.ZERO;
}

/** A non-negative integer option, or an InputError naming it. */
export function countOption(value: unknown, option: string, min = 0): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) {
    throw new InputError(`${option} must be an integer >= ${min}, got ${String(value)}`);
  }
  return n;
}

/**
 * A stratified random split: for each class, its items in a random order drawn from
 * `seed` and the class (an Rng of its own per class, so one class's draw does not depend
 * on the others'), the first `trainCount(c, n)` go to training, the next `testCount(c, n)`
 * to test. Both lists are grouped by class, each class's items in their original order.
 * Disjoint by construction.
 */
export function stratifiedSplit<T>(
  byClass: readonly (readonly T[])[],
  seed: number,
  source: string,
  counts: (c: number, n: number) => { train: number; test: number },
): { train: { item: T; label: number }[]; test: { item: T; label: number }[] } {
  const train: { item: T; label: number }[] = [];
  const test: { item: T; label: number }[] = [];
  byClass.forEach((items, c) => {
    const { train: k, test: t } = counts(c, items.length);
    const order = Array.from({ length: items.length }, (_, i) => i);
    Rng.fromSeed(seedFrom(source, seed, c)).shuffle(order);
    const take = (from: number, count: number, into: typeof train) =>
      order
        .slice(from, from + count)
        .sort((a, b) => a - b)
        .forEach((i) => into.push({ item: items[i], label: c }));
    take(0, k, train);
    take(k, t, test);
  });
  return { train, test };
}
