/**
 * Output normal form: a real-weight threshold unit of fan-in 2 that reads two hidden
 * real-weight threshold units, each read by nothing else, may be taken to be AND or NAND.
 * The hybrid then decides at most two networks whose output is a fixed gate, instead of
 * one whose output is any of the 14 threshold functions of two inputs.
 *
 * Why it is exact. Let O read hidden units H1, H2 that nothing else reads.
 *  1. On a finite set of examples the complement of a threshold unit is a threshold unit
 *     on the same inputs: [w.z >= t] is false exactly where w.z <= t - d for the smallest
 *     gap d > 0, i.e. where (-w).z >= -t + d. So H_i may be replaced by NOT H_i, and by
 *     a constant (zero weights), without leaving the class of H_i.
 *  2. The threshold functions of two Boolean inputs are the 16 functions minus XOR and
 *     XNOR, and each of those 14 is AND(l1, l2) or NOT AND(l1, l2) with each l_i one of
 *     h_i, NOT h_i, 0, 1: constants and single literals are ANDs with constants, the four
 *     ANDs of literals are ANDs, and the four ORs of literals are NOT AND of the opposite
 *     literals (De Morgan).
 * So for every setting of the weights there is one with the same function of the examples
 * at O in which O computes AND or NAND of (possibly complemented or constant) hidden units;
 * the converse holds because AND and NAND are themselves threshold functions. O's own
 * consumers and the network's outputs see the same function, so the instance is trainable
 * iff one of the two variants is. For the Blum–Rivest network this is the observation that
 * a 3-node threshold network fits y iff a 2-term AND of threshold units fits y or NOT y
 * (Blum & Rivest 1988 work with the AND form for this reason). The two AND problems are
 * together faster to decide than the general one (docs/measurements.md).
 *
 * A `trainable` answer's parameters are for the original instance (the variant's, with the
 * gate's weights at O); decide (src/decide.ts) evaluates them exactly, as it does every
 * backend's. Certified runs (`certify`) do not use this: their checker rebuilds the skeleton
 * of the original network, and the argument above is not part of the certificate.
 */
import type { Instance, Parameters, ThresholdParams, Unit } from '../model/types.js';
import { Rational } from '../model/rational.js';

/** A unit O that the normal form applies to. */
export interface NormalFormSite {
  unit: Unit;
  /** The gates to try, in order. */
  order: ['and', 'nand'] | ['nand', 'and'];
}

/** Parameters realizing the gate as a threshold unit (1 iff w.z >= t). */
export const GATE_PARAMS: Record<'and' | 'nand', ThresholdParams> = {
  and: { weights: [Rational.ONE, Rational.ONE], threshold: Rational.of(2n) },
  nand: { weights: [Rational.of(-1n), Rational.of(-1n)], threshold: Rational.of(-1n) },
};

const realThreshold = (u: Unit | undefined): u is Unit => u !== undefined && u.kind === 'threshold' && u.integerWeights === undefined;

/** The first unit the normal form applies to, or null. */
export function findNormalFormSite(instance: Instance): NormalFormSite | null {
  const { units, outputs } = instance.network;
  const byId = new Map(units.map((u) => [u.id, u]));
  const readers = new Map<string, number>();
  for (const u of units) for (const name of u.inputs) readers.set(name, (readers.get(name) ?? 0) + 1);
  for (const o of units) {
    if (!realThreshold(o) || o.inputs.length !== 2 || o.inputs[0] === o.inputs[1]) continue;
    const ok = o.inputs.every((h) => realThreshold(byId.get(h)) && readers.get(h) === 1 && !outputs.includes(h));
    if (!ok) continue;
    // Try first the gate whose forced side is the larger: with AND, examples labelled 1
    // force both hidden units to 1 and the search is over those labelled 0 (and the
    // other way round for NAND), so the side with fewer examples is the smaller search.
    const j = outputs.indexOf(o.id);
    let ones = 0;
    if (j >= 0 && instance.minCorrect === undefined) for (const ex of instance.examples) ones += ex.y[j];
    const zeros = instance.examples.length - ones;
    return { unit: o, order: j >= 0 && instance.minCorrect === undefined && ones < zeros ? ['nand', 'and'] : ['and', 'nand'] };
  }
  return null;
}

/** The instance with the site's unit replaced by the fixed gate. */
export function withGate(instance: Instance, site: NormalFormSite, gate: 'and' | 'nand'): Instance {
  const units = instance.network.units.map((u) => (u.id === site.unit.id ? { id: u.id, kind: gate, inputs: [...u.inputs] } : u));
  return { ...instance, network: { ...instance.network, units } };
}

/** What a decision procedure returns, as far as this layer needs it. */
export interface Decided<S> {
  status: 'trainable' | 'untrainable' | 'unknown';
  parameters: Parameters | null;
  time_ms: number;
  stats: S;
}

/**
 * Decides `instance` by `decide` on its normal-form variants (recursively, so several
 * sites are all normalized), sharing `timeoutMs`. `merge` combines the stats of the runs
 * made. Returns null when no site applies (the caller decides the instance itself).
 */
export async function decideInNormalForm<S>(
  instance: Instance,
  timeoutMs: number | undefined,
  decide: (inst: Instance, timeoutMs: number | undefined) => Promise<Decided<S>>,
  merge: (runs: S[], tried: { unit: string; gate: 'and' | 'nand'; status: string }[]) => S,
): Promise<Decided<S> | null> {
  const site = findNormalFormSite(instance);
  if (!site) return null;
  const t0 = performance.now();
  const runs: S[] = [];
  const tried: { unit: string; gate: 'and' | 'nand'; status: string }[] = [];
  let sawUnknown = false;
  for (const gate of site.order) {
    const left = timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - (performance.now() - t0));
    const r = await decide(withGate(instance, site, gate), left);
    runs.push(r.stats);
    tried.push({ unit: site.unit.id, gate, status: r.status });
    if (r.status === 'trainable') {
      const parameters: Parameters | null = r.parameters && { ...r.parameters, [site.unit.id]: GATE_PARAMS[gate] };
      return { status: 'trainable', parameters, time_ms: Math.round(performance.now() - t0), stats: merge(runs, tried) };
    }
    if (r.status === 'unknown') {
      sawUnknown = true;
      if (timeoutMs !== undefined && performance.now() - t0 >= timeoutMs) break;
    }
  }
  return { status: sawUnknown ? 'unknown' : 'untrainable', parameters: null, time_ms: Math.round(performance.now() - t0), stats: merge(runs, tried) };
}
