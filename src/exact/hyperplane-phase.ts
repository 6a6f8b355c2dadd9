/**
 * Hyperplane phases: the decision phase of a unit's unassigned outputs is read off the
 * separator the theory just found for the outputs already assigned.
 *
 * What. After a theory check finds a unit's needed labelled points separable, the float
 * direction w of the LP (separation.ts) and the midpoint threshold t between the two sides
 * (t = (min over positives of w.x + max over negatives of w.x) / 2) classify every other
 * point of the unit; the SAT engine's saved phase of each unassigned output literal is set
 * to that class. The next decisions on the unit then extend a labelling that one hyperplane
 * already realizes, instead of the phase-saving guess, which need not be separable at all.
 *
 * Why. On layered networks (several hidden layers of real-weight threshold units) the
 * labels of the examples constrain a first-layer unit only weakly (through the functions
 * of the layers above, which the search chooses too), so most of a first-layer unit's
 * outputs are decisions, and a decision that no hyperplane extends is found only by a
 * theory conflict a few decisions later. Guessing with the current hyperplane is the
 * LP-guided phase selection of SMT solvers: the Boolean atoms of a linear constraint
 * take the values of the simplex's current assignment (de Moura & Bjorner, "Z3: An
 * Efficient SMT Solver", TACAS 2008; the arithmetic solver of Dutertre & de Moura, CAV
 * 2006, keeps such an assignment), and the phase-setting heuristics of local-search
 * guided CDCL (Cai & Zhang, "Deep Cooperation of CDCL and Local Search for SAT", SAT 2021).
 *
 * Soundness: a phase is only the first value tried by a decision; every answer still comes
 * from the search and the certified theory, so no answer changes, only the order of the
 * search.
 */
import { isConst, type ThresholdTheory } from './skeleton.js';
import type { LabelledPoints } from './separation.js';

/**
 * Sets, through `setPhase(variable, value)`, the phase of every unassigned output literal
 * of `th` (points mode: per pattern; table mode: per cube vertex) to the side of the
 * hyperplane (w, midpoint threshold over the points `ids`) its point lies on. `val(l)`: 1
 * true, -1 false, 0 unassigned. Does nothing when `ids` has no point on some side.
 */
export function setHyperplanePhases(
  th: ThresholdTheory,
  pts: LabelledPoints,
  ids: readonly number[],
  w: Float64Array,
  val: (l: number) => number,
  setPhase: (v: number, value: boolean) => void,
): void {
  // Points that stay the same objects from check to check (table mode, or points mode on
  // fixed points) keep their sums w.x while the separator is the same object.
  const fixed = th.mode === 'table' || th.constant;
  const sums = fixed ? sumsFor(th, pts.float, w) : null;
  const { minPos: minP, maxNeg: maxN } = sideSums(pts, ids, w, sums);
  if (minP === Infinity || maxN === -Infinity) return;
  const t = (minP + maxN) / 2;
  const lits = th.mode === 'table' ? th.table : th.out;
  for (let i = 0; i < lits.length; i++) {
    const l = lits[i];
    if (val(l) !== 0) continue;
    // Points mode: the point's coordinates must be known, i.e. its literal inputs assigned.
    if (th.mode === 'points' && !th.constant && th.rows[i].some((x) => !isConst(x) && val(x.l) === 0)) continue;
    const above = (sums ? sums[i] : dot(w, pts.float[i], pts.float[i].length)) >= t;
    setPhase(Math.abs(l), l > 0 ? above : !above);
  }
}

/** Per unit: its points, the last separator seen and every point's w.x under it. */
const lastSums = new WeakMap<ThresholdTheory, { points: readonly Float64Array[]; w: Float64Array; sums: Float64Array }>();

/** Every point's w.x (the same sums as `dot`), computed again only for a new separator or point set. */
function sumsFor(th: ThresholdTheory, points: readonly Float64Array[], w: Float64Array): Float64Array {
  const last = lastSums.get(th);
  if (last && last.w === w && last.points === points) return last.sums;
  const sums = last && last.sums.length === points.length ? last.sums : new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) sums[i] = dot(w, points[i], points[i].length);
  lastSums.set(th, { points, w, sums });
  return sums;
}

/** w.x over the first `n` coordinates. */
export function dot(w: Float64Array, x: Float64Array, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += w[j] * x[j];
  return s;
}

/**
 * The smallest w.x over the points of `ids` labelled 1 and the largest over those labelled 0
 * (Infinity and -Infinity when a side has none): where a threshold on w may be drawn.
 */
function sideSums(pts: LabelledPoints, ids: readonly number[], w: Float64Array, sums: Float64Array | null): { minPos: number; maxNeg: number } {
  let minPos = Infinity;
  let maxNeg = -Infinity;
  for (const i of ids) {
    const s = sums ? sums[i] : dot(w, pts.float[i], pts.float[i].length);
    if (pts.labels[i] === 1) minPos = Math.min(minPos, s);
    else maxNeg = Math.max(maxNeg, s);
  }
  return { minPos, maxNeg };
}
