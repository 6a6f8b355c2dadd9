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
 *  - `integerWeights.min <= integerWeights.max`.
 */
import type { Rational } from './rational.js';

/** Trainable kinds have parameters; fixed kinds compute a known function. */
export type TrainableKind = 'threshold' | 'lookup';
export type GateKind = 'and' | 'or' | 'nand' | 'nor' | 'xor' | 'not';
export type UnitKind = TrainableKind | GateKind | 'fixed-threshold';

export const GATE_KINDS: readonly GateKind[] = ['and', 'or', 'nand', 'nor', 'xor', 'not'];
export const UNIT_KINDS: readonly UnitKind[] = ['threshold', 'lookup', 'fixed-threshold', ...GATE_KINDS];

/** True for the fixed Boolean gates (and, or, nand, nor, xor, not). */
export function isGateKind(kind: UnitKind): kind is GateKind {
  return (GATE_KINDS as readonly string[]).includes(kind);
}

/** True for the kinds that have trained parameters (threshold, lookup). */
export function isTrainableKind(kind: UnitKind): kind is TrainableKind {
  return kind === 'threshold' || kind === 'lookup';
}

export interface IntegerRange {
  min: number;
  max: number;
}

export interface Unit {
  id: string;
  kind: UnitKind;
  /** Node names: `x<i>` for network input i, otherwise the id of an earlier unit. */
  inputs: string[];
  /** threshold only: weights and threshold are integers in [min, max]. Absent = real weights. */
  integerWeights?: IntegerRange;
  /** fixed-threshold only. */
  weights?: Rational[];
  /** fixed-threshold only. */
  threshold?: Rational;
}

export interface Network {
  inputs: number;
  units: Unit[];
  /** Unit ids (or input names) whose values are compared with each example's `y`. */
  outputs: string[];
}

export interface Example {
  /** Input values; exact rationals (0/1 in most instances). */
  x: Rational[];
  /** Expected outputs, one 0/1 per network output. */
  y: (0 | 1)[];
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
