/**
 * Lookup phases: the decision phases of the hidden units below a lookup are chosen
 * together, as the row of the lookup's table that fits the example and that the units'
 * current separators come closest to.
 *
 * What. A lookup unit reads k real-weight threshold units (points mode, fixed points: the
 * first layer of the width-two normal form, width-two-normal-form.ts). Once its table
 * entries are assigned and an example's required output is known, the rows (o_1..o_k) the
 * example may take are those whose entry equals that output. After a theory check that
 * found every one of the k units separable, each unit has a float separator w_u with a
 * midpoint threshold t_u (hyperplane-phase.ts); its signed distance d_u(x) = (w_u.x - t_u)
 * / |w_u| says how firmly the separator puts x on a side. For every example whose k
 * outputs are not all assigned, the allowed row that agrees with the assigned outputs and
 * maximises min over u of (d_u(x) if o_u = 1 else -d_u(x)) is chosen, and the engine's
 * saved phase of each unassigned output is set to that row.
 *
 * Why. Under an XOR table, an example's label fixes neither first-layer output, only
 * whether they differ; the outputs are decided one unit at a time, each from its own
 * unit's separator (hyperplane phases), and where the two separators disagree with the
 * table the decision of the first unit forces the second to the side its separator does
 * not want. Choosing the pair jointly, by the weaker of the two distances, extends both
 * separators at once where that is possible and otherwise moves the point the least firmly
 * placed one. It is the LP-guided phase selection of SMT solvers (de Moura & Bjorner, "Z3:
 * An Efficient SMT Solver", TACAS 2008) applied to the units a lookup combines.
 *
 * Soundness: phases are only the first value a decision tries; no answer changes, only the
 * order of the search.
 */
import type { Lit } from '../cnf/builder.js';
import { isConst, type Skeleton } from './skeleton.js';

/** A lookup over real-weight threshold units with fixed points, read off the skeleton. */
export interface LookupSite {
  /** Indices into sk.theories of the lookup's inputs, in input order (first = most significant bit of a row). */
  theories: number[];
  /** Table entry literals by row (all 2^k of them). */
  entries: Lit[];
  /** Per example with literal inputs and output: the inputs' output literals, its pattern per input theory, and the lookup's output literal. */
  examples: { outs: Lit[]; patterns: number[]; out: Lit }[];
}

/** The largest fan-in handled (2^k rows are scored per example). */
const MAX_FANIN = 4;

/** Lookup units whose every input is a points-mode threshold theory on fixed points. */
export function findLookupSites(sk: Skeleton): LookupSite[] {
  const sites: LookupSite[] = [];
  for (const lk of sk.lookups) {
    const k = lk.unit.inputs.length;
    if (k < 1 || k > MAX_FANIN) continue;
    const theories = lk.unit.inputs.map((id) => sk.theories.findIndex((th) => th.unit.id === id));
    if (theories.some((t) => t < 0 || sk.theories[t].mode !== 'points' || !sk.theories[t].constant)) continue;
    const entries: Lit[] = [];
    for (let r = 0; r < 1 << k; r++) {
      const l = lk.entries.get(r);
      if (l === undefined) break;
      entries.push(l);
    }
    if (entries.length !== 1 << k) continue;
    const patternOf = theories.map((t) => new Map(sk.theories[t].out.map((l, i) => [l, i])));
    const values = lk.unit.inputs.map((id) => sk.values.get(id)!);
    const outValues = sk.values.get(lk.unit.id)!;
    const examples: LookupSite['examples'] = [];
    for (let j = 0; j < outValues.length; j++) {
      const o = outValues[j];
      const ins = values.map((v) => v[j]);
      if (isConst(o) || ins.some(isConst)) continue;
      const outs = ins.map((v) => (v as { l: Lit }).l);
      const patterns = outs.map((l, u) => patternOf[u].get(l) ?? -1);
      if (patterns.some((p) => p < 0)) continue;
      examples.push({ outs, patterns, out: o.l });
    }
    sites.push({ theories, entries, examples });
  }
  return sites;
}

/**
 * The row (bit u of the row, from the most significant, is unit u's output) whose table
 * value is `required`, that agrees with the assigned outputs (`fixed[u]`: -1 unassigned,
 * else 0/1), and that maximises the smallest signed distance (distance[u] for output 1,
 * -distance[u] for output 0); -1 when no row is allowed. Ties: the smallest row.
 */
export function bestRow(table: ArrayLike<number>, required: 0 | 1, fixed: ArrayLike<number>, distance: ArrayLike<number>): number {
  const k = distance.length;
  let best = -1;
  let bestScore = -Infinity;
  for (let r = 0; r < 1 << k; r++) {
    if (table[r] !== required) continue;
    let score = Infinity;
    let ok = true;
    for (let u = 0; u < k; u++) {
      const bit = (r >> (k - 1 - u)) & 1;
      if (fixed[u] !== -1 && fixed[u] !== bit) {
        ok = false;
        break;
      }
      score = Math.min(score, bit ? distance[u] : -distance[u]);
    }
    if (ok && score > bestScore) {
      bestScore = score;
      best = r;
    }
  }
  return best;
}

/** A unit's current separator: direction, midpoint threshold and |w|; null when it has none. */
export interface Separator {
  w: Float64Array;
  t: number;
  norm: number;
}

/**
 * Sets, through `setPhase`, the phase of every unassigned output below the site's lookup to
 * the row bestRow picks, when the table and the example's output are assigned and every
 * input unit has a separator. `val(l)`: 1 true, -1 false, 0 unassigned. `points[u]`: the
 * float points of input unit u, by pattern.
 */
export function setLookupPhases(
  site: LookupSite,
  val: (l: number) => number,
  separators: readonly (Separator | null)[],
  points: readonly (readonly Float64Array[])[],
  setPhase: (v: number, value: boolean) => void,
): void {
  const k = site.theories.length;
  if (separators.some((s) => s === null)) return;
  const table = new Uint8Array(1 << k);
  for (let r = 0; r < table.length; r++) {
    const v = val(site.entries[r]);
    if (v === 0) return;
    table[r] = v === 1 ? 1 : 0;
  }
  const fixed = new Int8Array(k);
  const distance = new Float64Array(k);
  for (const ex of site.examples) {
    const y = val(ex.out);
    if (y === 0) continue;
    let open = 0;
    for (let u = 0; u < k; u++) {
      const v = val(ex.outs[u]);
      fixed[u] = v === 0 ? -1 : v === 1 ? 1 : 0;
      if (v === 0) open++;
    }
    if (open === 0) continue;
    for (let u = 0; u < k; u++) {
      const s = separators[u]!;
      const x = points[u][ex.patterns[u]];
      let d = -s.t;
      for (let c = 0; c < s.w.length; c++) d += s.w[c] * x[c];
      distance[u] = d / s.norm;
    }
    const r = bestRow(table, y === 1 ? 1 : 0, fixed, distance);
    if (r < 0) continue;
    for (let u = 0; u < k; u++) {
      if (fixed[u] !== -1) continue;
      const l = ex.outs[u];
      const bit = ((r >> (k - 1 - u)) & 1) === 1;
      setPhase(Math.abs(l), l > 0 ? bit : !bit);
    }
  }
}
