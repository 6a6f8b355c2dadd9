/**
 * The point set shared by Blum & Rivest's reductions (set splitting -> blum-rivest-and,
 * set splitting -> blum-rivest) and by its k-colour generalisation: for n elements and
 * sets c0..c(m-1), the training points in {0,1}^n are
 *
 *   - the origin, labelled 1;
 *   - the unit vector e_i for each element s_i, labelled 0;
 *   - the indicator vector of each set c_j (1 on the elements of c_j), labelled 1.
 *
 * The one deviation from the paper is the empty set: its indicator *is* the origin, so
 * labelling it 1 would silently drop the set, while an empty set can never be split (the
 * source is a NO instance). It is therefore written as the origin labelled **0**, which
 * contradicts examples[0]: the reduced instance is a NO instance, as it must be.
 *
 * Also here: the separating hyperplane of the forward maps, and the reading of the
 * hidden units used by the backward maps.
 */
import { evaluateNetwork } from '../src/model/evaluate.js';
import { Rational } from '../src/model/rational.js';
import type { Example, Instance, Parameters, ThresholdParams } from '../src/model/types.js';
import { distinct } from './problems/set-splitting.js';

export interface PointSet {
  examples: Example[];
  /** What each example stands for, by index. */
  meanings: string[];
}

export interface PointNames {
  /** What the coordinates stand for: set elements (the default) or hypergraph vertices. */
  kind?: 'element' | 'vertex';
  /** Name of element i, e.g. "s2" or "¬p1". */
  element(i: number): string;
  /** Name of set j, e.g. "c0". */
  set(j: number): string;
  /** Rendering of set j's members, e.g. "{s0, s1}". */
  members(j: number): string;
}

/** `name[lo..hi]`, `name[lo]`, or `no name` for an empty range (for descriptions). */
export function span(name: string, lo: number, hi: number): string {
  return hi < lo ? `no ${name}` : hi === lo ? `${name}[${lo}]` : `${name}[${lo}..${hi}]`;
}

/** The 0/1 vector as a compact string: "0110" (with a space before padding coordinates). */
export function bits(x: readonly Rational[], n = x.length): string {
  const s = x.map((v) => v.toString()).join('');
  return n < x.length ? `${s.slice(0, n)} ${s.slice(n)}` : s;
}

/**
 * The points of the construction, each followed by `pad` zero coordinates (room for
 * gadget coordinates). Order: origin, e_0..e_(n-1), then one point per set.
 */
export function confinementPoints(n: number, sets: readonly (readonly number[])[], names: PointNames, pad = 0): PointSet {
  const zero = () => new Array<Rational>(n + pad).fill(Rational.ZERO);
  const examples: Example[] = [{ x: zero(), y: [1] }];
  const meanings: string[] = ['the origin: every hidden unit must be on here (it is a positive point)'];
  for (let i = 0; i < n; i++) {
    const x = zero();
    x[i] = Rational.ONE;
    examples.push({ x, y: [0] });
    meanings.push(
      names.kind === 'vertex'
        ? `e_${i}, the unit vector of vertex ${names.element(i)}: some hidden unit must be off here; the first one that is gives ${names.element(i)}'s colour`
        : `e_${i}, the unit vector of element ${names.element(i)}: some hidden unit must be off here; which one says where ${names.element(i)} goes`,
    );
  }
  sets.forEach((set, j) => {
    const members = distinct(set);
    const x = zero();
    for (const i of members) x[i] = Rational.ONE;
    if (members.length === 0) {
      examples.push({ x, y: [0] });
      meanings.push(
        `${names.set(j)} = {} is empty: its indicator is the origin, labelled 0 here because an empty ${names.kind === 'vertex' ? 'edge never holds two colours' : 'set cannot be split'}; this contradicts examples[0], so no network fits`,
      );
    } else if (members.length === 1) {
      examples.push({ x, y: [1] });
      meanings.push(
        `${names.set(j)} = ${names.members(j)} is a singleton: its indicator is e_${members[0]}, labelled 1 here and 0 above; contradictory labels, so no network fits (${names.kind === 'vertex' ? 'a one-vertex edge is always monochromatic' : 'a singleton cannot be split'})`,
      );
    } else {
      examples.push({ x, y: [1] });
      meanings.push(`indicator of ${names.set(j)} = ${names.members(j)}: every hidden unit must be on here, so no unit can be off at all of ${names.members(j)}'s unit vectors`);
    }
  });
  return { examples, meanings };
}

/** Notes on duplicate sets (same point, same label: harmless), for explanations. */
export function duplicateNotes(sets: readonly (readonly number[])[], setName: (j: number) => string): string[] {
  const seen = new Map<string, number>();
  const notes: string[] = [];
  sets.forEach((set, j) => {
    const key = distinct(set).join(',');
    const first = seen.get(key);
    if (first === undefined) seen.set(key, j);
    else notes.push(`${setName(j)} repeats ${setName(first)}: the same point appears twice with the same label, which changes nothing`);
  });
  return notes;
}

/**
 * The forward map's hyperplane for one side of a partition: weight -1 on the elements of
 * the side, n elsewhere, threshold 0, i.e. h = [sum_i a_i x_i >= 0].
 *   origin: 0 >= 0, on.   e_i, i in side: -1 < 0, off.   e_i, i not in side: n >= 0, on.
 *   a set c that meets the complement of the side, with |c| <= n: the sum is at least
 *   n - (|c| - 1) >= 1, on.
 * `pad` extra weights follow (gadget coordinates).
 */
export function sideHyperplane(n: number, inSide: (i: number) => boolean, pad: readonly number[] = []): ThresholdParams {
  const weights: Rational[] = [];
  for (let i = 0; i < n; i++) weights.push(Rational.of(inSide(i) ? -1 : n));
  for (const w of pad) weights.push(Rational.of(w));
  return { weights, threshold: Rational.ZERO };
}

/**
 * For each listed unit: its output at the origin and at every e_i (padded with zeros to the
 * instance's input count). `switches[u][i]` is true iff unit u's output at e_i differs from
 * its output at the origin: that is what the backward maps read.
 */
export function readHiddenUnits(
  inst: Instance,
  params: Parameters,
  n: number,
  unitIds: readonly string[],
): { atOrigin: (0 | 1)[]; atE: (0 | 1)[][]; switches: boolean[][] } {
  const dim = inst.network.inputs;
  const origin = new Array<Rational>(dim).fill(Rational.ZERO);
  const v0 = evaluateNetwork(inst.network, params, origin);
  const atOrigin = unitIds.map((id) => v0.get(id)!);
  const atE: (0 | 1)[][] = unitIds.map(() => []);
  for (let i = 0; i < n; i++) {
    const x = origin.slice();
    x[i] = Rational.ONE;
    const v = evaluateNetwork(inst.network, params, x);
    unitIds.forEach((id, u) => atE[u].push(v.get(id)!));
  }
  const switches = atE.map((row, u) => row.map((b) => b !== atOrigin[u]));
  return { atOrigin, atE, switches };
}
