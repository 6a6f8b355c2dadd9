/**
 * The data model of a trainability instance (docs/format.md: "Semantics", "Instance JSON").
 *
 * Invariants of a *validated* instance (established by `parseInstance`):
 *  - unit ids are unique, never of the form `x<digits>` (those name network inputs) and
 *    never the name of an Object.prototype property (`__proto__`, `constructor`, ...), so a
 *    plain object keyed by unit id (Parameters, encoder tables) holds only own entries;
 *  - sizes are within parse.ts LIMITS (inputs, units, fan-in, examples, weight ranges);
 *  - every unit reads only input nodes `x0..x{n-1}` or units listed before it,
 *    so `units` is in topological order and the network is a DAG;
 *  - every example has `x.length === network.inputs` and `y.length === outputs.length`;
 *  - `y` entries are 0/1; inputs feeding lookup or gate units are 0/1 on every example;
 *  - `fixed-threshold` units carry `weights` (one per input) and `threshold`;
 *  - `integerWeights.min <= integerWeights.max`;
 *  - `score` units appear only as outputs of a network with `classes`, are read by no
 *    unit, and such a network's outputs are exactly its `classes` score units; its
 *    examples carry `label` in 0..classes-1 and `y = []`.
 */
import type { Rational } from './rational.js';

/** Trainable kinds have parameters; fixed kinds compute a known function. */
export type TrainableKind = 'threshold' | 'lookup' | 'score';
export type GateKind = 'and' | 'or' | 'nand' | 'nor' | 'xor' | 'not';
export type UnitKind = TrainableKind | GateKind | 'fixed-threshold';

export const GATE_KINDS: readonly GateKind[] = ['and', 'or', 'nand', 'nor', 'xor', 'not'];
/** The kinds whose output is 0/1 (every kind but score). */
export const BOOLEAN_UNIT_KINDS: readonly Exclude<UnitKind, 'score'>[] = ['threshold', 'lookup', 'fixed-threshold', ...GATE_KINDS];
export const UNIT_KINDS: readonly UnitKind[] = [...BOOLEAN_UNIT_KINDS, 'score'];

/** True for the fixed Boolean gates (and, or, nand, nor, xor, not). */
export function isGateKind(kind: UnitKind): kind is GateKind {
  return (GATE_KINDS as readonly string[]).includes(kind);
}

/** True for the kinds that have trained parameters (threshold, lookup, score). */
export function isTrainableKind(kind: UnitKind): kind is TrainableKind {
  return kind === 'threshold' || kind === 'lookup' || kind === 'score';
}

/** True for the kinds whose parameters are weights and a threshold (threshold, score). */
export function isWeightedKind(kind: UnitKind): kind is 'threshold' | 'score' {
  return kind === 'threshold' || kind === 'score';
}

export interface IntegerRange {
  min: number;
  max: number;
  /**
   * The threshold is any integer (JSON `"threshold": "any"`), not one in [min, max]: the
   * encoders bound it by the complete range, the sums the weights can reach plus one.
   */
  anyThreshold?: boolean;
}

export interface Unit {
  id: string;
  kind: UnitKind;
  /** Node names: `x<i>` for network input i, otherwise the id of an earlier unit. */
  inputs: string[];
  /**
   * threshold and score: weights are integers in [min, max], and so is the threshold unless
   * `anyThreshold` (then any integer). Absent = real weights and threshold.
   */
  integerWeights?: IntegerRange;
  /** fixed-threshold only. */
  weights?: Rational[];
  /** fixed-threshold only. */
  threshold?: Rational;
}

export interface Network {
  inputs: number;
  units: Unit[];
  /**
   * Without `classes`: unit ids (or input names) whose 0/1 values are compared with each
   * example's `y`. With `classes`: the C score units, class c's score is outputs[c].
   */
  outputs: string[];
  /**
   * Multi-class output: C >= 2 score units (kind 'score', value w.z - t) and examples with
   * a `label` in 0..C-1; an example is fitted iff its label's score is strictly greater
   * than every other class's (a tie is a miss). Absent = 0/1 outputs compared with `y`.
   */
  classes?: number;
}

export interface Example {
  /** Input values; exact rationals (0/1 in most instances). */
  x: Rational[];
  /** Expected outputs, one 0/1 per network output; empty when the network has `classes`. */
  y: (0 | 1)[];
  /** With `classes`: the class, 0..classes-1 (JSON `"label"` instead of `"y"`). */
  label?: number;
}

export type Answer = 'trainable' | 'untrainable';

export interface Instance {
  name?: string;
  description?: string;
  /** Known answer recorded by the instance author (curated instances). Never used to decide. */
  expected?: Answer;
  network: Network;
  examples: Example[];
  /** Judd's approximate loading: at least this many examples fully correct. Absent = all. */
  minCorrect?: number;
}

export interface ThresholdParams {
  weights: Rational[];
  threshold: Rational;
}

export interface LookupParams {
  /** table[i] with i = sum_j z_j 2^(k-1-j): the first input is the most significant bit. */
  table: (0 | 1)[];
}

/**
 * A solution: parameters for every trainable unit, keyed by unit id (safe as a plain
 * object because validated ids are never Object.prototype property names).
 */
export type Parameters = Record<string, ThresholdParams | LookupParams>;

export function isLookupParams(p: ThresholdParams | LookupParams): p is LookupParams {
  return (p as LookupParams).table !== undefined;
}

/** The outcome of a decision procedure, before or after verification. */
export type Status = 'trainable' | 'untrainable' | 'unknown';
