/**
 * Brute-force optima of the `--objective` objectives on tiny layered integer-weight
 * networks (integer inputs, at most one hidden layer), sharing no code with the encoder or
 * with src/optimize: every unit's integer weights in range and thresholds in a range wide
 * enough for the margins these tests reach, enumerated with plain numbers. Given the hidden
 * units' output vectors, the units are independent (the weight count is a sum over units,
 * the margin a minimum), so per hidden output vector only the best unit is kept.
 */
import type { Instance } from '../../src/model/types.js';

/** Extra threshold room beyond the reachable sums: larger than any margin of these tests. */
const ROOM = 12;

interface Behaviour {
  out: number[];
  count: number;
  margin: number;
}

const margin1 = (p: number) => (p >= 0 ? Math.floor(p) : Math.ceil(-p) - 1);

function* vectors(k: number, lo: number, hi: number): Generator<number[]> {
  const v = new Array<number>(k).fill(lo);
  for (;;) {
    yield [...v];
    let i = 0;
    while (i < k && v[i] === hi) v[i++] = lo;
    if (i === k) return;
    v[i]++;
  }
}

/** The best threshold unit per output vector on the rows (key: the vector). */
function thresholdBehaviours(rows: number[][], lo: number, hi: number, name: 'min-weights' | 'max-margin'): Map<string, Behaviour> {
  const k = rows[0]?.length ?? 0;
  const best = new Map<string, Behaviour>();
  const maxAbs = Math.max(1, ...rows.flat().map(Math.abs));
  const reach = k * Math.max(-lo, hi) * maxAbs;
  for (const w of vectors(k, lo, hi)) {
    const sums = rows.map((z) => z.reduce((s, v, i) => s + v * w[i], 0));
    const count = w.filter((x) => x !== 0).length;
    for (let t = -reach - ROOM; t <= reach + 1 + ROOM; t++) {
      const out = sums.map((s) => (s >= t ? 1 : 0));
      const margin = Math.min(...sums.map((s) => margin1(s - t)));
      const key = out.join('');
      const b = best.get(key);
      if (!b || (name === 'min-weights' ? count < b.count : margin > b.margin)) best.set(key, { out, count, margin });
    }
  }
  return best;
}

/** The optimum of `name` over the fitting parameters, or null when none fits. */
export function bruteObjective(instance: Instance, name: 'min-weights' | 'max-margin'): number | null {
  const net = instance.network;
  const ex = instance.examples;
  const w = net.units[0].integerWeights!;
  const [lo, hi] = [w.min, w.max];
  const hiddenUnits = net.units.filter((u) => !net.outputs.includes(u.id));
  const width = hiddenUnits.length;
  if (width > 0 && hiddenUnits.some((u) => u.inputs.some((id) => !id.startsWith('x')))) throw new Error('brute force: one hidden layer at most');
  const xs = ex.map((e) => e.x.map((v) => {
    if (v.den !== 1n) throw new Error('brute force: integer inputs only');
    return Number(v.num);
  }));
  const hidden = width > 0 ? [...thresholdBehaviours(xs, lo, hi, name).values()] : [];
  const better = (a: number, b: number | null) => b === null || (name === 'min-weights' ? a < b : a > b);
  let best: number | null = null;
  const combos = width === 0 ? [[] as Behaviour[]] : [...vectors(width, 0, hidden.length - 1)].map((ix) => ix.map((i) => hidden[i]));
  for (const combo of combos) {
    const rows = width === 0 ? xs : ex.map((_, e) => combo.map((b) => b.out[e]));
    const hCount = combo.reduce((s, b) => s + b.count, 0);
    const hMargin = Math.min(Infinity, ...combo.map((b) => b.margin));
    const out = net.classes === undefined ? singleOutput(rows, ex.map((e) => e.y[0]), lo, hi, name) : classOutput(rows, ex.map((e) => e.label!), net.classes, lo, hi, name);
    if (out === null) continue;
    const v = name === 'min-weights' ? hCount + out : Math.min(hMargin, out);
    if (better(v, best)) best = v;
  }
  return best;
}

function singleOutput(rows: number[][], y: number[], lo: number, hi: number, name: 'min-weights' | 'max-margin'): number | null {
  const b = thresholdBehaviours(rows, lo, hi, name).get(y.join(''));
  return b === undefined ? null : name === 'min-weights' ? b.count : b.margin;
}

/** Score units: weights per class, thresholds t_0 = 0 (adding one integer to all changes nothing) and t_c in a range. */
function classOutput(rows: number[][], labels: number[], C: number, lo: number, hi: number, name: 'min-weights' | 'max-margin'): number | null {
  const k = rows[0]?.length ?? 0;
  const R = k * Math.max(-lo, hi) * Math.max(1, ...rows.flat().map(Math.abs)) + ROOM;
  const ws = [...vectors(k, lo, hi)];
  let best: number | null = null;
  for (const choice of vectors(C, 0, ws.length - 1)) {
    const W = choice.map((i) => ws[i]);
    const count = W.flat().filter((x) => x !== 0).length;
    const S = rows.map((z) => W.map((wc) => wc.reduce((s, wi, i) => s + wi * z[i], 0)));
    for (const ts of vectors(C - 1, -R, R)) {
      const t = [0, ...ts];
      let m = Infinity;
      for (let e = 0; e < rows.length && m >= 0; e++) {
        const l = labels[e];
        for (let c = 0; c < C; c++) if (c !== l) m = Math.min(m, Math.ceil(S[e][l] - t[l] - (S[e][c] - t[c])) - 1);
      }
      if (m < 0) continue;
      const v = name === 'min-weights' ? count : m;
      if (best === null || (name === 'min-weights' ? v < best : v > best)) best = v;
    }
  }
  return best;
}
