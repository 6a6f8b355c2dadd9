/**
 * Exact evaluation of a network (docs/format.md, "Units"), in BigInt rationals only: this is
 * the check every `trainable` answer must pass before it is printed, so it never touches
 * floating point.
 *
 *  - threshold / fixed-threshold: 1 iff w.z >= t;
 *  - lookup: table[i] with i = sum_j z_j 2^(k-1-j) (first input = most significant bit);
 *  - and / or / nand / nor / xor (parity of all inputs) / not;
 *  - score (the outputs of a network with `classes`): the rational w.z - t. The predicted
 *    class is the one whose score is strictly greater than every other class's; when the
 *    greatest score is shared there is none (a tie), so an example is fitted iff its label's
 *    score is strictly the greatest.
 * Lookup and gate inputs must be 0/1 (a RangeError otherwise; validated instances
 * guarantee it).
 */
import { Rational } from './rational.js';
import { isLookupParams, isTrainableKind, type Instance, type LookupParams, type Network, type Parameters, type ThresholdParams, type Unit } from './types.js';

/** An example the parameters get wrong: its 0/1 outputs, or with `classes` its class. */
export type CheckFailure = OutputsFailure | ClassFailure;

export interface OutputsFailure {
  example: number;
  expected: (0 | 1)[];
  got: (0 | 1)[];
}

export interface ClassFailure {
  example: number;
  label: number;
  /** The class with the strictly greatest score, or null when the greatest score is tied. */
  predicted: number | null;
}

/** What the network says on one input: the predicted class (null: tie) or the 0/1 outputs. */
export type Prediction = number | null | (0 | 1)[];

export interface CheckResult {
  /** At least `required` examples fully correct and no violations. */
  ok: boolean;
  /** Fully correct examples (0, with no failures listed, when missing or mis-shaped parameters prevent evaluation). */
  correct: number;
  required: number;
  total: number;
  failures: CheckFailure[];
  /** Parameters that are missing, mis-shaped, or outside a unit's integerWeights range. */
  violations: string[];
}

function bit(r: Rational, what: () => string): 0 | 1 {
  if (r.num === 0n) return 0;
  if (r.num === 1n && r.den === 1n) return 1;
  throw new RangeError(`${what()} must be 0 or 1, got ${r.toString()}`);
}

function weightedSum(weights: readonly Rational[], z: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  for (let j = 0; j < z.length; j++) {
    if (z[j].num !== 0n) s = s.add(weights[j].mul(z[j]));
  }
  return s;
}

function weightedSumAtLeast(weights: readonly Rational[], threshold: Rational, z: readonly Rational[]): 0 | 1 {
  return weightedSum(weights, z).cmp(threshold) >= 0 ? 1 : 0;
}

/** The weights and threshold of a threshold or score unit, checked against its fan-in. */
function weightedParams(unit: Unit, params: ThresholdParams | LookupParams | undefined): ThresholdParams {
  const k = unit.inputs.length;
  if (!params || isLookupParams(params)) throw new RangeError(`${unit.kind} unit "${unit.id}" needs weights and a threshold`);
  if (params.weights.length !== k) throw new RangeError(`${unit.kind} unit "${unit.id}" needs ${k} weights, got ${params.weights.length}`);
  return params;
}

/** The score w.z - t of a score unit on input values z. */
export function unitScore(unit: Unit, params: ThresholdParams | LookupParams | undefined, z: readonly Rational[]): Rational {
  if (unit.kind !== 'score') throw new RangeError(`unit "${unit.id}" is a ${unit.kind} unit, not a score unit`);
  if (z.length !== unit.inputs.length) throw new RangeError(`unit "${unit.id}" has ${unit.inputs.length} inputs, got ${z.length} values`);
  const p = weightedParams(unit, params);
  return weightedSum(p.weights, z).sub(p.threshold);
}

/** The output of one unit on input values z (params: the unit's own, for trainable units). */
export function evaluateUnit(unit: Unit, params: ThresholdParams | LookupParams | undefined, z: readonly Rational[]): 0 | 1 {
  const k = unit.inputs.length;
  if (z.length !== k) throw new RangeError(`unit "${unit.id}" has ${k} inputs, got ${z.length} values`);
  const bits = (): (0 | 1)[] => z.map((v, j) => bit(v, () => `input ${unit.inputs[j]} of ${unit.kind} unit "${unit.id}"`));
  switch (unit.kind) {
    case 'score':
      throw new RangeError(`score unit "${unit.id}" has a rational value, not 0/1 (unitScore computes it)`);
    case 'threshold': {
      const p = weightedParams(unit, params);
      return weightedSumAtLeast(p.weights, p.threshold, z);
    }
    case 'fixed-threshold': {
      if (!unit.weights || unit.threshold === undefined || unit.weights.length !== k) {
        throw new RangeError(`fixed-threshold unit "${unit.id}" lacks ${k} weights and a threshold`);
      }
      return weightedSumAtLeast(unit.weights, unit.threshold, z);
    }
    case 'lookup': {
      if (!params || !isLookupParams(params)) throw new RangeError(`lookup unit "${unit.id}" needs a table`);
      if (params.table.length !== 2 ** k) throw new RangeError(`lookup unit "${unit.id}" needs a table of ${2 ** k} entries, got ${params.table.length}`);
      let i = 0;
      for (const b of bits()) i = i * 2 + b;
      return params.table[i];
    }
    case 'and':
      return bits().every((b) => b === 1) ? 1 : 0;
    case 'or':
      return bits().some((b) => b === 1) ? 1 : 0;
    case 'nand':
      return bits().every((b) => b === 1) ? 0 : 1;
    case 'nor':
      return bits().some((b) => b === 1) ? 0 : 1;
    case 'xor':
      return (bits().reduce<number>((a, b) => a ^ b, 0) as 0 | 1);
    case 'not': {
      if (k !== 1) throw new RangeError(`not unit "${unit.id}" needs exactly 1 input, got ${k}`);
      return bits()[0] === 1 ? 0 : 1;
    }
    default: {
      const never: never = unit.kind;
      throw new RangeError(`unknown unit kind ${String(never)}`);
    }
  }
}

/** The value of a node: network input `x<i>` (a rational) or a unit already computed. */
function nodeValue(name: string, x: readonly Rational[], values: ReadonlyMap<string, 0 | 1>): Rational {
  const v = values.get(name);
  if (v !== undefined) return v === 1 ? Rational.ONE : Rational.ZERO;
  const i = inputIndex(name);
  if (i >= 0 && i < x.length) return x[i];
  throw new RangeError(`unknown node "${name}"`);
}

/** i for a network input name `x<i>`, else -1 (memoized: evaluation asks once per input per example). */
const inputIndexCache = new Map<string, number>();
function inputIndex(name: string): number {
  let i = inputIndexCache.get(name);
  if (i === undefined) {
    const m = /^x(\d+)$/.exec(name);
    i = m ? Number(m[1]) : -1;
    if (inputIndexCache.size < 100_000) inputIndexCache.set(name, i);
  }
  return i;
}

/**
 * The value of every 0/1 unit of the network on input x, keyed by unit id (score units,
 * which no unit reads, are left out: classScores computes them).
 */
export function evaluateNetwork(network: Network, params: Parameters, x: readonly Rational[]): Map<string, 0 | 1> {
  if (x.length !== network.inputs) throw new RangeError(`the network has ${network.inputs} inputs, got ${x.length} values`);
  const values = new Map<string, 0 | 1>();
  for (const u of network.units) {
    if (u.kind === 'score') continue;
    const z = u.inputs.map((name) => nodeValue(name, x, values));
    values.set(u.id, evaluateUnit(u, isTrainableKind(u.kind) ? params[u.id] : undefined, z));
  }
  return values;
}

/** The network outputs on input x (an output naming an input must be 0/1 there); not for networks with classes. */
export function evaluateOutputs(network: Network, params: Parameters, x: readonly Rational[]): (0 | 1)[] {
  if (network.classes !== undefined) throw new RangeError('the outputs of a network with classes are scores: predict gives its class');
  const values = evaluateNetwork(network, params, x);
  return network.outputs.map((name) => bit(nodeValue(name, x, values), () => `output ${name}`));
}

/** The scores of the classes on input x, in class order (a network with classes). */
export function classScores(network: Network, params: Parameters, x: readonly Rational[]): Rational[] {
  if (network.classes === undefined) throw new RangeError('the network has no classes (its outputs are 0/1)');
  const values = evaluateNetwork(network, params, x);
  const byId = new Map(network.units.map((u) => [u.id, u]));
  return network.outputs.map((id) => {
    const u = byId.get(id);
    if (u === undefined) throw new RangeError(`unknown output "${id}"`);
    return unitScore(u, params[id], u.inputs.map((name) => nodeValue(name, x, values)));
  });
}

/** The class whose score is strictly greater than every other's, or null when the greatest is tied. */
export function argmaxClass(scores: readonly Rational[]): number | null {
  let best: number | null = null;
  let tied = false;
  scores.forEach((s, c) => {
    const d = best === null ? 1 : s.cmp(scores[best]);
    if (d > 0) {
      best = c;
      tied = false;
    } else if (d === 0) tied = true;
  });
  return tied ? null : best;
}

/**
 * What the network says on input x: with classes, the predicted class (null on a tie for the
 * greatest score); otherwise the 0/1 outputs.
 */
export function predict(network: Network, params: Parameters, x: readonly Rational[]): Prediction {
  return network.classes === undefined ? evaluateOutputs(network, params, x) : argmaxClass(classScores(network, params, x));
}

/**
 * Problems with the parameters themselves, independent of the examples: missing or
 * mis-shaped parameters for trainable units, parameters for unknown or fixed units, and
 * integer weights/thresholds outside a unit's integerWeights range (or not integers).
 * `shapeOk` is false when evaluation is impossible.
 */
export function parameterViolations(network: Network, params: Parameters): { violations: string[]; shapeOk: boolean } {
  const violations: string[] = [];
  let shapeOk = true;
  const byId = new Map(network.units.map((u) => [u.id, u]));
  for (const id of Object.keys(params)) {
    const u = byId.get(id);
    if (!u) violations.push(`parameters given for unknown unit "${id}"`);
    else if (!isTrainableKind(u.kind)) violations.push(`parameters given for unit "${id}", ${u.kind === 'fixed-threshold' ? 'a fixed-threshold unit' : `a fixed gate (${u.kind})`}`);
  }
  for (const u of network.units) {
    if (!isTrainableKind(u.kind)) continue;
    const p = Object.hasOwn(params, u.id) ? params[u.id] : undefined;
    const k = u.inputs.length;
    if (p === undefined) {
      violations.push(`${u.kind} unit "${u.id}": no parameters`);
      shapeOk = false;
      continue;
    }
    if (u.kind === 'lookup') {
      if (!isLookupParams(p)) {
        violations.push(`lookup unit "${u.id}": expected a table, got weights`);
        shapeOk = false;
      } else if (p.table.length !== 2 ** k || p.table.some((b) => b !== 0 && b !== 1)) {
        violations.push(`lookup unit "${u.id}": expected a table of ${2 ** k} zeros and ones`);
        shapeOk = false;
      }
      continue;
    }
    const unit = `${u.kind} unit "${u.id}"`;
    if (isLookupParams(p)) {
      violations.push(`${unit}: expected weights and a threshold, got a table`);
      shapeOk = false;
      continue;
    }
    if (p.weights.length !== k) {
      violations.push(`${unit}: expected ${k} weights, got ${p.weights.length}`);
      shapeOk = false;
      continue;
    }
    const range = u.integerWeights;
    if (range) {
      const lo = Rational.of(BigInt(range.min));
      const hi = Rational.of(BigInt(range.max));
      const check = (v: Rational, what: string, inRange: boolean) => {
        if (!v.isInteger()) violations.push(`${unit}: ${what} ${v.toString()} is not an integer (integerWeights)`);
        else if (inRange && (v.cmp(lo) < 0 || v.cmp(hi) > 0)) {
          violations.push(`${unit}: ${what} ${v.toString()} is outside integerWeights [${range.min}, ${range.max}]`);
        }
      };
      p.weights.forEach((w, j) => check(w, `weight ${j}`, true));
      // "threshold": "any": the threshold is any integer.
      check(p.threshold, 'threshold', !range.anyThreshold);
    }
  }
  return { violations, shapeOk };
}

/**
 * Exact check of parameters against an instance: counts the fully correct examples (with
 * classes: those whose label's score is strictly the greatest) and lists the failing ones. `ok` iff at least `minCorrect ?? examples.length` examples are
 * correct and there are no violations.
 */
export function checkParameters(instance: Instance, params: Parameters): CheckResult {
  const { network, examples } = instance;
  const total = examples.length;
  const required = instance.minCorrect ?? total;
  const { violations, shapeOk } = parameterViolations(network, params);
  if (!shapeOk) return { ok: false, correct: 0, required, total, failures: [], violations };
  let correct = 0;
  const failures: CheckFailure[] = [];
  examples.forEach((ex, e) => {
    if (network.classes !== undefined) {
      const label = ex.label;
      if (label === undefined) throw new RangeError(`examples[${e}] has no label (the network has classes)`);
      const predicted = argmaxClass(classScores(network, params, ex.x));
      if (predicted === label) correct++;
      else failures.push({ example: e, label, predicted });
      return;
    }
    const got = evaluateOutputs(network, params, ex.x);
    if (got.length === ex.y.length && got.every((g, i) => g === ex.y[i])) correct++;
    else failures.push({ example: e, expected: [...ex.y], got });
  });
  return { ok: correct >= required && violations.length === 0, correct, required, total, failures, violations };
}
