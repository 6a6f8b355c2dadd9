/**
 * The separation LP in float64: a small dense tableau simplex, written for one job.
 *
 * Question: can the points labelled 1 be separated from the points labelled 0 by a
 * hyperplane (w.z >= t for label 1, w.z <= t - 1 for label 0, real w and t)? We solve the
 * "L1 distance between convex hulls" LP, which answers it from both sides at once:
 *
 *   minimise  sum_c (s+_c + s-_c)
 *   subject to  sum_i a_i p_i - sum_j b_j n_j - s+ + s- = 0     (one row per coordinate)
 *               sum_i a_i = 1,  sum_j b_j = 1,   a, b, s+, s- >= 0
 *
 * (p_i the points labelled 1, n_j those labelled 0).
 *  - Optimum 0: a convex combination of positives equals one of negatives, i.e. the
 *    convex hulls meet, which by Farkas' lemma is exactly the certificate that the margin
 *    system above has no solution (multiply the positive rows by a_i, the negative rows by
 *    b_j, add: 0 <= -1). A basic optimal solution has at most (dimension + 2) non-zeros:
 *    Kirchberger's theorem ("two finite sets are strictly separable iff every subset of at
 *    most d + 2 of their points is") in LP form. The support is the conflict.
 *  - Optimum z > 0: the hulls are disjoint. The optimal dual (y, u, v) has |y|_inf <= 1,
 *    y.p_i + u <= 0, -y.n_j + v <= 0 and u + v = z, so w = -y separates:
 *    w.p_i >= u > -v >= w.n_j.
 *
 * Why this formulation: it has an obvious feasible starting basis (one positive, one
 * negative, a residual per coordinate), so there is no phase 1, and every answer (either
 * side) comes with the data the exact layer needs. Why a dedicated simplex: the LPs are
 * tiny (<= 22 rows, <= a few hundred columns) and there are thousands of them; a generic
 * LP library call costs far more than the pivots (see notes/hybrid-exact-measurements.md).
 *
 * Numerics: Dantzig pricing with a switch to Bland's rule after a run of degenerate
 * pivots (no cycling), tolerances relative to the data, and an iteration cap. Nothing
 * here is trusted: a 'conflict' is re-derived in exact rationals (farkas.ts) and a
 * 'separable' is only a hint until the final weights pass exact evaluation. When the
 * numbers are not convincing either way the answer is 'failed' and the caller falls back
 * to the exact rational LP (rational-lp.ts).
 */

export type FloatLpResult =
  /** Hulls meet: `support` (indices into the input subset's point ids) with multipliers. */
  | { kind: 'conflict'; support: number[]; multipliers: number[]; pivots: number }
  /** Hulls disjoint: direction w (full dimension) with min w.p - max w.n = gap > 0. */
  | { kind: 'separable'; w: Float64Array; gap: number; pivots: number }
  /** Not decided in floating point (iteration cap or inconsistent numbers). */
  | { kind: 'failed'; pivots: number };

const EPS_PIVOT = 1e-9;
const EPS_COST = 1e-10;

/**
 * Decides separability of `ids` (indices into `points`/`labels`) in float64.
 * `points[i]` has `dim` coordinates.
 */
export function separateFloat(points: readonly Float64Array[], labels: ArrayLike<number>, ids: readonly number[], dim: number): FloatLpResult {
  const pos: number[] = [];
  const neg: number[] = [];
  for (const i of ids) (labels[i] === 1 ? pos : neg).push(i);
  if (pos.length === 0 || neg.length === 0) {
    return { kind: 'separable', w: new Float64Array(dim), gap: Infinity, pivots: 0 };
  }
  // Coordinates that vary over the subset (constant ones contribute 0 to every row).
  const dims: number[] = [];
  let scale = 1;
  for (let c = 0; c < dim; c++) {
    const v0 = points[ids[0]][c];
    let varies = false;
    for (const i of ids) {
      const v = points[i][c];
      if (v !== v0) varies = true;
      const a = Math.abs(v);
      if (a > scale) scale = a;
    }
    if (varies) dims.push(c);
  }
  const d = dims.length;
  if (d === 0) {
    // Every point is the same point: one positive and one negative conflict.
    return { kind: 'conflict', support: [pos[0], neg[0]], multipliers: [1, 1], pivots: 0 };
  }
  const cols = [...pos, ...neg];
  const np = cols.length;
  const R = d + 2; // constraint rows
  const nRes = 2 * d;
  const trk = np + nRes; // first tracker column (identity of the raw system: B^-1)
  const rhsCol = trk + R;
  const W = rhsCol + 1;
  const T = new Float64Array((R + 1) * W);
  const obj = R * W;
  for (let j = 0; j < np; j++) {
    const p = points[cols[j]];
    const isPos = j < pos.length;
    for (let c = 0; c < d; c++) T[c * W + j] = isPos ? p[dims[c]] : -p[dims[c]];
    T[(isPos ? d : d + 1) * W + j] = 1;
  }
  for (let c = 0; c < d; c++) {
    T[c * W + np + 2 * c] = -1; // s+_c
    T[c * W + np + 2 * c + 1] = 1; // s-_c
  }
  for (let r = 0; r < R; r++) T[r * W + trk + r] = 1;
  T[d * W + rhsCol] = 1;
  T[(d + 1) * W + rhsCol] = 1;
  const basis = new Int32Array(R);
  let pivots = 0;

  const pivot = (r: number, j: number) => {
    pivots++;
    const rowR = r * W;
    const inv = 1 / T[rowR + j];
    for (let q = 0; q < W; q++) T[rowR + q] *= inv;
    T[rowR + j] = 1;
    for (let i = 0; i <= R; i++) {
      if (i === r) continue;
      const rowI = i * W;
      const f = T[rowI + j];
      if (f === 0) continue;
      for (let q = 0; q < W; q++) {
        const x = T[rowR + q];
        if (x !== 0) T[rowI + q] -= f * x;
      }
      T[rowI + j] = 0;
    }
    basis[r] = j;
  };

  // Starting basis: the positive and negative nearest to each other (fewer pivots), and a
  // residual per coordinate with the sign that makes it non-negative.
  let i0 = 0;
  let j0 = pos.length;
  if (pos.length * neg.length <= 4096) {
    let best = Infinity;
    for (let a = 0; a < pos.length; a++) {
      const pa = points[pos[a]];
      for (let b = 0; b < neg.length; b++) {
        const nb = points[neg[b]];
        let dist = 0;
        for (let c = 0; c < d && dist < best; c++) dist += Math.abs(pa[dims[c]] - nb[dims[c]]);
        if (dist < best) {
          best = dist;
          i0 = a;
          j0 = pos.length + b;
        }
      }
    }
  }
  pivot(d, i0);
  pivot(d + 1, j0);
  for (let c = 0; c < d; c++) {
    const rhs = T[c * W + rhsCol];
    pivot(c, rhs < 0 ? np + 2 * c : np + 2 * c + 1);
  }
  // Objective row: reduced costs c_j - c_B B^-1 A_j (c = 1 on residual columns).
  for (let q = 0; q < W; q++) T[obj + q] = q >= np && q < trk ? 1 : 0;
  for (let r = 0; r < R; r++) {
    const bj = basis[r];
    if (bj >= np && bj < trk) {
      const rowR = r * W;
      for (let q = 0; q < W; q++) T[obj + q] -= T[rowR + q];
    }
  }
  for (let r = 0; r < R; r++) T[obj + basis[r]] = 0;

  const maxPivots = 50 * (R + trk) + 200;
  let degenerate = 0;
  for (;;) {
    if (pivots > maxPivots) return { kind: 'failed', pivots };
    const bland = degenerate > 2 * R + 10;
    let enter = -1;
    let best = -EPS_COST;
    for (let q = 0; q < trk; q++) {
      const dq = T[obj + q];
      if (dq < best) {
        enter = q;
        if (bland) break;
        best = dq;
      }
    }
    if (enter < 0) break;
    let leave = -1;
    let ratio = Infinity;
    let pivEl = 0;
    for (let r = 0; r < R; r++) {
      const a = T[r * W + enter];
      if (a <= EPS_PIVOT) continue;
      const rhs = Math.max(0, T[r * W + rhsCol]);
      const t = rhs / a;
      if (t < ratio - 1e-12 || (t <= ratio + 1e-12 && (bland ? basis[r] < basis[leave] : a > pivEl))) {
        ratio = t;
        leave = r;
        pivEl = a;
      }
    }
    if (leave < 0) return { kind: 'failed', pivots }; // unbounded: impossible, numbers are off
    degenerate = ratio <= 1e-12 ? degenerate + 1 : 0;
    pivot(leave, enter);
    for (let r = 0; r < R; r++) {
      const k = r * W + rhsCol;
      if (T[k] < 0 && T[k] > -1e-9) T[k] = 0;
    }
  }
  const z = -T[obj + rhsCol];
  const tolZ = 1e-9 * scale * (d + 1);
  if (z <= tolZ) {
    const support: number[] = [];
    const multipliers: number[] = [];
    for (let r = 0; r < R; r++) {
      const j = basis[r];
      const v = T[r * W + rhsCol];
      if (j < np && v > 1e-12) {
        support.push(cols[j]);
        multipliers.push(v);
      }
    }
    const hasPos = support.some((i) => labels[i] === 1);
    const hasNeg = support.some((i) => labels[i] !== 1);
    if (!hasPos || !hasNeg) return { kind: 'failed', pivots };
    return { kind: 'conflict', support, multipliers, pivots };
  }
  // Dual: y_r = -(reduced cost of tracker r); w = -y on the varying coordinates.
  const w = new Float64Array(dim);
  for (let c = 0; c < d; c++) w[dims[c]] = T[obj + trk + c];
  const gap = floatGap(points, labels, ids, w);
  if (!(gap > 1e-9 * scale)) return { kind: 'failed', pivots };
  return { kind: 'separable', w, gap, pivots };
}

/** min over label-1 points of w.p minus max over label-0 points of w.n (Infinity if a side is empty). */
export function floatGap(points: readonly Float64Array[], labels: ArrayLike<number>, ids: readonly number[], w: Float64Array): number {
  let minP = Infinity;
  let maxN = -Infinity;
  const k = w.length;
  for (const i of ids) {
    const p = points[i];
    let s = 0;
    for (let c = 0; c < k; c++) s += w[c] * p[c];
    if (labels[i] === 1) {
      if (s < minP) minP = s;
    } else if (s > maxN) maxN = s;
  }
  return minP - maxN;
}
