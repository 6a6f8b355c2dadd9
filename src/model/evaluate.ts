/**
 * Exact evaluation of a network (docs/format.md, "Units"), in BigInt rationals only: this is
 * the check every `trainable` answer must pass before it is printed, so it never touches
 * floating point.
 *
 *  - threshold / fixed-threshold: 1 iff w.z >= t;
 *  - lookup: table[i] with i = sum_j z_j 2^(k-1-j) (first input = most significant bit);
 *  - and / or / nand / nor / xor (parity of all inputs) / not.
 * Lookup and gate inputs must be 0/1 (a RangeError otherwise; validated instances
 * guarantee it).
 */
import { Rational } from './rational.js';
import { isLookupParams, isTrainableKind, type Instance, type LookupParams, type Network, type Parameters, type ThresholdParams, type Unit } from './types.js';

export interface CheckFailure {
  example: number;
  expected: (0 | 1)[];
  got: (0 | 1)[];
}

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

function weightedSumAtLeast(weights: readonly Rational[], threshold: Rational, z: readonly Rational[]): 0 | 1 {
  let s = Rational.ZERO;
  for (let j = 0; j < z.length; j++) {
    if (z[j].num !== 0n) s = s.add(weights[j].mul(z[j]));
  }
  return s.cmp(threshold) >= 0 ? 1 : 0;
}

/** The output of one unit on input values z (params: the unit's own, for trainable units). */
export function evaluateUnit(unit: Unit, params: ThresholdParams | LookupParams | undefined, z: readonly Rational[]): 0 | 1 {
  const k = unit.inputs.length;
  if (z.length !== k) throw new RangeError(`unit "${unit.id}" has ${k} inputs, got ${z.length} values`);
  const bits = (): (0 | 1)[] => z.map((v, j) => bit(v, () => `input ${unit.inputs[j]} of ${unit.kind} unit "${unit.id}"`));
  switch (unit.kind) {
    case 'score':
      throw new Error(`unit ${unit.id}: score units (multi-class outputs) are not handled here yet`);
    case 'threshold': {
      if (!params || isLookupParams(params)) throw new RangeError(`threshold unit "${unit.id}" needs weights and a threshold`);
      if (params.weights.length !== k) throw new RangeError(`threshold unit "${unit.id}" needs ${k} weights, got ${params.weights.length}`);
      return weightedSumAtLeast(params.weights, params.threshold, z);
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

/** The value of every unit of the network on input x, keyed by unit id. */
export function evaluateNetwork(network: Network, params: Parameters, x: readonly Rational[]): Map<string, 0 | 1> {
  if (x.length !== network.inputs) throw new RangeError(`the network has ${network.inputs} inputs, got ${x.length} values`);
  const values = new Map<string, 0 | 1>();
  for (const u of network.units) {
    const z = u.inputs.map((name) => nodeValue(name, x, values));
    values.set(u.id, evaluateUnit(u, isTrainableKind(u.kind) ? params[u.id] : undefined, z));
  }
  return values;
}

/** The network outputs on input x (an output naming an input must be 0/1 there). */
export function evaluateOutputs(network: Network, params: Parameters, x: readonly Rational[]): (0 | 1)[] {
  const values = evaluateNetwork(network, params, x);
  return network.outputs.map((name) => bit(nodeValue(name, x, values), () => `output ${name}`));
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
    if (isLookupParams(p)) {
      violations.push(`threshold unit "${u.id}": expected weights and a threshold, got a table`);
      shapeOk = false;
      continue;
    }
    if (p.weights.length !== k) {
      violations.push(`threshold unit "${u.id}": expected ${k} weights, got ${p.weights.length}`);
      shapeOk = false;
      continue;
    }
    const range = u.integerWeights;
    if (range) {
      const lo = Rational.of(BigInt(range.min));
      const hi = Rational.of(BigInt(range.max));
      const check = (v: Rational, what: string) => {
        if (!v.isInteger()) violations.push(`threshold unit "${u.id}": ${what} ${v.toString()} is not an integer (integerWeights)`);
        else if (v.cmp(lo) < 0 || v.cmp(hi) > 0) {
          violations.push(`threshold unit "${u.id}": ${what} ${v.toString()} is outside integerWeights [${range.min}, ${range.max}]`);
        }
      };
      p.weights.forEach((w, j) => check(w, `weight ${j}`));
      check(p.threshold, 'threshold');
    }
  }
  return { violations, shapeOk };
}

/**
 * Exact check of parameters against an instance: counts the fully correct examples and
 * lists the failing ones. `ok` iff at least `minCorrect ?? examples.length` examples are
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
    const got = evaluateOutputs(network, params, ex.x);
    if (got.length === ex.y.length && got.every((g, i) => g === ex.y[i])) correct++;
    else failures.push({ example: e, expected: [...ex.y], got });
  });
  return { ok: correct >= required && violations.length === 0, correct, required, total, failures, violations };
}
