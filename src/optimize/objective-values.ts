/**
 * The objectives of `--objective` computed from parameters by exact rational evaluation,
 * never from a solver's counters (docs/format.md, "Objectives"), and one exact improvement:
 *  - nonzeroWeights: the number of non-zero weights of every weighted unit (thresholds are
 *    not weights), Toro Icarte et al.'s min-weight objective (CP 2019);
 *  - networkMargin: the largest integer M with, on every example, w.z - t >= M for every
 *    threshold unit that fires, w.z - t < -M for every one that does not, and the label's
 *    score greater than every other class's score by more than M; null when the parameters
 *    do not fit every example;
 *  - pruneWeights: greedy zeroing of weights that keeps every threshold unit's output on
 *    every example and every example fitted by the score units, so the network still fits.
 */
import { checkParameters } from '../model/evaluate.js';
import { Rational } from '../model/rational.js';
import type { Instance, Parameters, ThresholdParams, Unit } from '../model/types.js';

/** Per weighted unit: its input values and its pre-activation w.z - t on every example. */
export interface UnitValues {
  unit: Unit;
  z: Rational[][];
  pre: Rational[];
}

const isWeighted = (u: Unit) => u.kind === 'threshold' || u.kind === 'score';

/** Exact forward pass of a network of threshold and score units (the layered preset's kinds). */
export function forwardValues(instance: Instance, params: Parameters): UnitValues[] {
  const { network, examples } = instance;
  const out: UnitValues[] = [];
  const values = examples.map((e) => {
    const m = new Map<string, Rational>();
    e.x.forEach((v, i) => m.set(`x${i}`, v));
    return m;
  });
  for (const unit of network.units) {
    if (!isWeighted(unit)) throw new RangeError(`unit "${unit.id}" is a ${unit.kind} unit: objectives need threshold and score units`);
    const p = params[unit.id] as ThresholdParams;
    const z = values.map((m) => unit.inputs.map((id) => m.get(id)!));
    const pre = z.map((zs) => zs.reduce((s, v, i) => (v.num === 0n ? s : s.add(p.weights[i].mul(v))), Rational.ZERO).sub(p.threshold));
    if (unit.kind === 'threshold') values.forEach((m, e) => m.set(unit.id, pre[e].num >= 0n ? Rational.ONE : Rational.ZERO));
    out.push({ unit, z, pre });
  }
  return out;
}

/** The number of non-zero weights over every weighted unit. */
export function nonzeroWeights(instance: Instance, params: Parameters): number {
  let n = 0;
  for (const unit of instance.network.units) {
    if (!isWeighted(unit)) continue;
    for (const w of (params[unit.id] as ThresholdParams).weights) if (w.num !== 0n) n++;
  }
  return n;
}

const floor = (r: Rational): bigint => {
  const q = r.num / r.den;
  return q * r.den > r.num ? q - 1n : q;
};
/** The largest integer M < r. */
const below = (r: Rational): bigint => -floor(r.neg()) - 1n;

/** The network's margin (module comment), or null when the parameters miss an example. */
export function networkMargin(instance: Instance, params: Parameters): number | null {
  if (!checkParameters(instance, params).ok) return null;
  const { network, examples } = instance;
  let m: bigint | null = null;
  const take = (v: bigint) => {
    if (m === null || v < m) m = v;
  };
  const units = forwardValues(instance, params);
  for (const { unit, pre } of units) {
    if (unit.kind === 'threshold') for (const p of pre) take(p.num >= 0n ? floor(p) : below(p.neg()));
  }
  if (network.classes !== undefined) {
    const score = new Map(units.filter((u) => u.unit.kind === 'score').map((u) => [u.unit.id, u.pre]));
    const classes = network.outputs.map((id) => score.get(id)!);
    examples.forEach((e, i) => {
      classes.forEach((s, c) => {
        if (c !== e.label) take(below(classes[e.label!][i].sub(s[i])));
      });
    });
  }
  return m === null ? null : Number(m);
}

/** The value of an objective for fitting parameters (null: they do not fit). */
export function objectiveValue(name: 'min-weights' | 'max-margin', instance: Instance, params: Parameters): number | null {
  if (name === 'max-margin') return networkMargin(instance, params);
  return checkParameters(instance, params).ok ? nonzeroWeights(instance, params) : null;
}

/**
 * Greedy exact pruning (module comment): each non-zero weight in turn is set to 0 when 0
 * is allowed and the change keeps every threshold unit's outputs (so everything downstream
 * is unchanged) and, for score units, every example's label strictly ahead.
 */
export function pruneWeights(instance: Instance, params: Parameters): Parameters {
  const out: Parameters = { ...params };
  const { network, examples } = instance;
  const units = forwardValues(instance, params);
  const zeroAllowed = (u: Unit) => u.integerWeights!.min <= 0 && u.integerWeights!.max >= 0;
  for (const { unit, z, pre } of units) {
    if (unit.kind !== 'threshold' || !zeroAllowed(unit)) continue;
    const weights = [...(params[unit.id] as ThresholdParams).weights];
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (w.num === 0n) continue;
      const next = pre.map((p, e) => (z[e][i].num === 0n ? p : p.sub(w.mul(z[e][i]))));
      if (next.every((p, e) => p.num >= 0n === pre[e].num >= 0n)) {
        weights[i] = Rational.ZERO;
        next.forEach((p, e) => (pre[e] = p));
      }
    }
    out[unit.id] = { ...(params[unit.id] as ThresholdParams), weights };
  }
  if (network.classes === undefined) return out;
  const scoreUnits = network.outputs.map((id) => units.find((u) => u.unit.id === id)!);
  const scores = scoreUnits.map((u) => u.pre);
  const fitted = (e: number) => {
    const l = examples[e].label!;
    return scores.every((s, c) => c === l || scores[l][e].cmp(s[e]) > 0);
  };
  scoreUnits.forEach(({ unit, z }, c) => {
    if (!zeroAllowed(unit)) return;
    const weights = [...(params[unit.id] as ThresholdParams).weights];
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (w.num === 0n) continue;
      const before = scores[c];
      scores[c] = before.map((p, e) => (z[e][i].num === 0n ? p : p.sub(w.mul(z[e][i]))));
      if (examples.every((_, e) => fitted(e))) weights[i] = Rational.ZERO;
      else scores[c] = before;
    }
    out[unit.id] = { ...(params[unit.id] as ThresholdParams), weights };
  });
  return out;
}
