/**
 * Width-two normal form: a layered network whose first hidden layer has two units and
 * whose later layers have at least two units each is decided as the network in which
 * everything above the first layer is ONE lookup unit of those two units.
 *
 * What. Network: inputs -> H (two real-weight threshold units reading only network
 * inputs) -> L_2 -> ... -> L_d -> out, every unit of L_l (l >= 2) and `out` a real-weight
 * threshold unit reading exactly the units of the layer below, |L_l| >= 2, d >= 2, one
 * output. Its variant: the units of H, and `out` a lookup unit reading H.
 *
 * Why it is exact. The upper part computes, at `out`, some Boolean function of the two
 * outputs of H on every input, so every behaviour of the network is one of the variant.
 * Conversely every function f of two bits is computed by the upper part: the 14 threshold
 * functions of two bits directly (the first unit of L_2 computes f, the first unit of each
 * later layer and `out` copy the first unit below, every other unit has zero weights), and
 * XOR = AND(OR, NAND), XNOR = OR(AND, NOR) in two layers (L_2 computes the inner pair, the
 * first unit of L_3, or `out` when d = 2, the outer gate, then copies). The threshold
 * functions of two Boolean inputs are the 16 functions minus XOR and XNOR (Muroga,
 * "Threshold Logic and its Applications", 1971). So the network is trainable iff the
 * variant is, and `upperParameters` turns the variant's table into the upper part's
 * weights; the result is evaluated exactly (checkParameters) before it is returned.
 *
 * Why it is faster. The hybrid decides the upper layers in table mode, and many settings
 * of their tables give the same function of H: the search refutes each of them on its
 * own. The lookup has four entries, one per function value, and nothing redundant. On
 * random labellings of 2-2 networks the XOR functions are where the refutations are hard
 * (docs/measurements.md): the normal form keeps only them and the threshold functions.
 *
 * Certified runs (`certify`) do not use this: their checker rebuilds the skeleton of the
 * original network, and the argument above is not part of the certificate.
 */
import { checkParameters } from '../model/evaluate.js';
import { Rational } from '../model/rational.js';
import type { Instance, Parameters, ThresholdParams, Unit } from '../model/types.js';

/** The layers of a network the normal form applies to. */
export interface WidthTwoSite {
  /** The two units of the first hidden layer. */
  first: [Unit, Unit];
  /** The layers L_2 .. L_d (unit ids in input order of the layer above). */
  upper: Unit[][];
  out: Unit;
}

const realThreshold = (u: Unit | undefined): u is Unit => u !== undefined && u.kind === 'threshold' && u.integerWeights === undefined;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The site of the normal form in `instance`, or null when its network is not of that shape. */
export function findWidthTwoSite(instance: Instance): WidthTwoSite | null {
  const { units, outputs } = instance.network;
  if (outputs.length !== 1 || instance.network.classes !== undefined) return null;
  if (!units.every(realThreshold)) return null;
  const isInput = (name: string) => /^x\d+$/.test(name);
  const first = units.filter((u) => u.inputs.every(isInput));
  if (first.length !== 2) return null;
  const out = units.find((u) => u.id === outputs[0]);
  if (!out || first.includes(out)) return null;
  // Walk up from the first layer: each next layer is the set of units reading exactly the
  // layer below (in its order).
  const layers: Unit[][] = [first];
  const placed = new Set(first.map((u) => u.id));
  for (;;) {
    const below = layers[layers.length - 1].map((u) => u.id);
    const next = units.filter((u) => !placed.has(u.id) && sameList(u.inputs, below));
    if (next.length === 0) break;
    next.forEach((u) => placed.add(u.id));
    layers.push(next);
  }
  if (placed.size !== units.length) return null;
  const top = layers[layers.length - 1];
  if (top.length !== 1 || top[0] !== out) return null;
  const upper = layers.slice(1, -1);
  if (upper.length === 0 || upper.some((l) => l.length < 2)) return null;
  return { first: [first[0], first[1]], upper, out };
}

/** The variant: the first layer, and `out` a lookup unit of it. */
export function widthTwoVariant(instance: Instance, site: WidthTwoSite): Instance {
  const lookup: Unit = { id: site.out.id, kind: 'lookup', inputs: site.first.map((u) => u.id) };
  return { ...instance, network: { ...instance.network, units: [...site.first, lookup] } };
}

type Bits = (a: 0 | 1, b: 0 | 1) => 0 | 1;

/** Integer weights (w1, w2) and threshold t in {-1, 0, 1} x {-2..2} computing f of two bits, or null (XOR, XNOR). */
function twoInputThreshold(f: Bits): [number, number, number] | null {
  for (const w1 of [1, 0, -1]) {
    for (const w2 of [1, 0, -1]) {
      for (const t of [-2, -1, 0, 1, 2]) {
        let ok = true;
        for (const a of [0, 1] as const) for (const b of [0, 1] as const) if ((w1 * a + w2 * b >= t ? 1 : 0) !== f(a, b)) ok = false;
        if (ok) return [w1, w2, t];
      }
    }
  }
  return null;
}

/** A threshold unit of fan-in k reading its first two inputs with (w1, w2, t), the rest with weight 0. */
function unitParams(k: number, [w1, w2, t]: [number, number, number]): ThresholdParams {
  const weights = new Array<Rational>(k).fill(Rational.ZERO);
  weights[0] = Rational.of(BigInt(w1));
  weights[1] = Rational.of(BigInt(w2));
  return { weights, threshold: Rational.of(BigInt(t)) };
}

const COPY: [number, number, number] = [1, 0, 1];
const ALWAYS_ONE: [number, number, number] = [0, 0, 0];

/**
 * Parameters of the upper part computing the lookup `table` of the first layer's two
 * outputs (table[2a + b], a the first unit), as in the file comment.
 */
export function upperParameters(site: WidthTwoSite, table: readonly (0 | 1)[]): Parameters {
  const f: Bits = (a, b) => table[2 * a + b];
  const direct = twoInputThreshold(f);
  // Inner pair (first two units of L_2) and the outer gate reading them.
  let inner: [[number, number, number], [number, number, number]];
  let outer: [number, number, number];
  if (direct) {
    inner = [direct, ALWAYS_ONE];
    outer = COPY;
  } else if (f(0, 0) === 0) {
    inner = [twoInputThreshold((a, b) => (a | b) as 0 | 1)!, twoInputThreshold((a, b) => (1 - (a & b)) as 0 | 1)!];
    outer = twoInputThreshold((a, b) => (a & b) as 0 | 1)!;
  } else {
    inner = [twoInputThreshold((a, b) => (a & b) as 0 | 1)!, twoInputThreshold((a, b) => (1 - (a | b)) as 0 | 1)!];
    outer = twoInputThreshold((a, b) => (a | b) as 0 | 1)!;
  }
  const params: Parameters = {};
  const layers = [...site.upper, [site.out]];
  layers.forEach((layer, l) => {
    layer.forEach((u, j) => {
      const k = u.inputs.length;
      let p: [number, number, number] = ALWAYS_ONE;
      if (l === 0 && j < 2) p = inner[j];
      else if (l === 1 && j === 0) p = outer;
      else if (l > 1 && j === 0) p = COPY;
      params[u.id] = unitParams(k, p);
    });
  });
  return params;
}

/**
 * Decides `instance` through its width-two variant when it has the shape (null
 * otherwise: the caller decides it itself). A trainable answer carries the original
 * network's parameters, checked exactly here; should they ever fail that check, null is
 * returned too, and the caller decides the original network.
 */
export async function decideInWidthTwoForm<R extends { status: string; parameters: Parameters | null }>(
  instance: Instance,
  decide: (variant: Instance) => Promise<R>,
): Promise<R | null> {
  const site = findWidthTwoSite(instance);
  if (!site) return null;
  const r = await decide(widthTwoVariant(instance, site));
  if (r.status !== 'trainable') return r;
  const lookup = r.parameters?.[site.out.id];
  if (!r.parameters || !lookup || !('table' in lookup)) return null;
  const parameters: Parameters = { ...r.parameters, ...upperParameters(site, lookup.table) };
  if (!checkParameters(instance, parameters).ok) return null;
  return { ...r, parameters };
}
