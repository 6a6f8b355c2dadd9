/**
 * Arbitrary parameters for a network: integer weights and thresholds for threshold and
 * score units (clipped into a unit's `integerWeights` range when it has one), a truth table
 * for lookup units; fixed units get none.
 *
 * Why this is right: integer parameters are legal for every threshold unit (real weights
 * include the integers; integer-weight units get values inside their range), and a table of
 * 2^k zeros and ones is legal for a k-input lookup unit, so `parameterViolations` finds
 * nothing to complain about.
 *
 * With example inputs at hand (`plantParameters(network, pool, inputs)`), each threshold is
 * not taken from the pool but placed *between* the unit's weighted sums on those inputs
 * (above the smallest one, at a drawn one of the others), so that planted units are not
 * constant on the examples whenever their weights allow it: planted labels then use both
 * values instead of being mostly all-0 or all-1.
 *
 * Parameters are drawn as a fixed-size *pool* of plain numbers that does not depend on the
 * network (one slot per unit index) and cut to size by `plantParameters`. This keeps
 * `plantedInstance` free of `chain`: fast-check shrinks the network and the pool
 * independently, and every combination still gives well-formed parameters.
 */
import fc from 'fast-check';
import { evaluateUnit } from '../model/evaluate.js';
import { Rational } from '../model/rational.js';
import { isWeightedKind, type Network, type Parameters } from '../model/types.js';

/** Raw material for one unit's parameters. */
export interface UnitParameterDraw {
  weights: number[];
  threshold: number;
  /** Which weighted sum becomes the threshold when example inputs are given. */
  cut: number;
  table: (0 | 1)[];
}

export interface ParameterPoolOptions {
  /** Number of slots (units); unit i uses slot i (default 4). */
  slots?: number;
  /** Weights per slot: the largest threshold fan-in it can serve (default 4). */
  weightsPerSlot?: number;
  /** Largest lookup fan-in it can serve: tables have 2^this entries (default 3). */
  lookupFanIn?: number;
  /** Weights are integers in [-maxWeight, maxWeight] (default 3). */
  maxWeight?: number;
  /** Thresholds are integers in [-maxThreshold, maxThreshold] (default 2 * maxWeight). */
  maxThreshold?: number;
}

function nat(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  return v;
}

/** A pool of parameter material; shrinks towards zero weights, zero thresholds, all-0 tables. */
export function parameterPool(opts: ParameterPoolOptions = {}): fc.Arbitrary<UnitParameterDraw[]> {
  const slots = nat('slots', opts.slots ?? 4);
  const perSlot = nat('weightsPerSlot', opts.weightsPerSlot ?? 4);
  const lookupFanIn = nat('lookupFanIn', opts.lookupFanIn ?? 3);
  const maxWeight = nat('maxWeight', opts.maxWeight ?? 3);
  const maxThreshold = nat('maxThreshold', opts.maxThreshold ?? 2 * maxWeight);
  if (lookupFanIn > 16) throw new RangeError(`lookupFanIn must be at most 16, got ${lookupFanIn}`);
  const slot = fc.record({
    weights: fc.array(fc.integer({ min: -maxWeight, max: maxWeight }), { minLength: perSlot, maxLength: perSlot }),
    threshold: fc.integer({ min: -maxThreshold, max: maxThreshold }),
    cut: fc.nat(),
    table: fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: 2 ** lookupFanIn, maxLength: 2 ** lookupFanIn }),
  });
  return fc.array(slot, { minLength: slots, maxLength: slots });
}

const clip = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * Parameters for every trainable unit of `network`, read from the pool (unit i uses slot
 * i mod the pool size; missing weights or table entries read as 0). With `inputs` (the
 * examples' x), thresholds are placed between the weighted sums seen on them (see the
 * file comment). Deterministic.
 */
export function plantParameters(network: Network, pool: readonly UnitParameterDraw[], inputs?: readonly (readonly Rational[])[]): Parameters {
  const params: Parameters = {};
  // values[e]: node name -> value on example e (inputs, then units as they are planted).
  const values = (inputs ?? []).map((x) => new Map<string, Rational>(x.map((v, i) => [`x${i}`, v])));
  network.units.forEach((u, i) => {
    const k = u.inputs.length;
    const slot = pool.length > 0 ? pool[i % pool.length] : { weights: [], threshold: 0, cut: 0, table: [] };
    if (u.kind === 'lookup') {
      params[u.id] = { table: Array.from({ length: 2 ** k }, (_, j) => (slot.table.length > 0 ? slot.table[j % slot.table.length] : 0)) };
    } else if (isWeightedKind(u.kind)) {
      const r = u.integerWeights;
      const fit = (v: number) => (r ? clip(v, r.min, r.max) : v);
      const weights = Array.from({ length: k }, (_, j) => Rational.of(fit(slot.weights[j] ?? 0)));
      let threshold = Rational.of(fit(slot.threshold));
      const sums = distinctSorted(values.map((val) => u.inputs.reduce((s, name, j) => s.add(weights[j].mul(val.get(name) ?? Rational.ZERO)), Rational.ZERO)));
      // Under integerWeights the threshold must stay an integer (in range unless "threshold": "any"); sums of integers are integers.
      const allowed = (t: Rational) => !r || (t.isInteger() && (r.anyThreshold || (t.cmp(Rational.of(r.min)) >= 0 && t.cmp(Rational.of(r.max)) <= 0)));
      // A score unit's threshold is its sum on one example (score 0 there), so that no class's score is far above the others'.
      const t = u.kind === 'score' ? sums[slot.cut % Math.max(1, sums.length)] : sums.length >= 2 ? sums[1 + (slot.cut % (sums.length - 1))] : undefined;
      if (t !== undefined && allowed(t)) threshold = t;
      params[u.id] = { weights, threshold };
    }
    // Score units are read by no unit.
    if (u.kind === 'score') return;
    for (const val of values) {
      const z = u.inputs.map((name) => val.get(name) ?? Rational.ZERO);
      val.set(u.id, evaluateUnit(u, params[u.id], z) === 1 ? Rational.ONE : Rational.ZERO);
    }
  });
  return params;
}

function distinctSorted(xs: Rational[]): Rational[] {
  const sorted = [...xs].sort((a, b) => a.cmp(b));
  return sorted.filter((v, i) => i === 0 || !v.eq(sorted[i - 1]));
}

/** Arbitrary parameters for a given network (weights in [-maxWeight, maxWeight]). */
export function parametersFor(network: Network, opts: Pick<ParameterPoolOptions, 'maxWeight' | 'maxThreshold'> = {}): fc.Arbitrary<Parameters> {
  const maxFan = Math.max(1, ...network.units.map((u) => (isWeightedKind(u.kind) ? u.inputs.length : 0)));
  const lookupFan = Math.max(0, ...network.units.map((u) => (u.kind === 'lookup' ? u.inputs.length : 0)));
  return parameterPool({ ...opts, slots: Math.max(1, network.units.length), weightsPerSlot: maxFan, lookupFanIn: lookupFan }).map((pool) =>
    plantParameters(network, pool),
  );
}
