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
  /** Hulls meet: `support` (indices into `points`) with multipliers. */
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
  const pos = ids.filter((i) => labels[i] === 1);
  const neg = ids.filter((i) => labels[i] !== 1);
  if (pos.length === 0 || neg.length === 0) return { kind: 'separable', w: new Float64Array(dim), gap: Infinity, pivots: 0 };
  const lp = new SeparationLp(points, labels, ids, dim);
  if (lp.dims.length === 0) {
    // Every point is the same point: one positive and one negative conflict.
    return { kind: 'conflict', support: [pos[0], neg[0]], multipliers: [1, 1], pivots: 0 };
  }
  lp.start([...pos, ...neg]);
  return lp.finish(lp.optimize(), ids);
}

/**
 * The L1 separation LP as a dense tableau over the varying coordinates of a point set.
 * Columns: 2d residuals, R trackers (the identity of the raw rows, so they hold B^-1 and
 * their reduced costs give the dual), then one column per point; rows: d coordinates,
 * sum a = 1, sum b = 1, objective.
 */
class SeparationLp {
  readonly dims: number[] = [];
  private readonly d: number;
  private readonly R: number;
  private readonly stride: number;
  private readonly T: Float64Array;
  private readonly rhs: Float64Array;
  private readonly basis: Int32Array;
  private readonly colPoint: number[] = [];
  private W = 0; // columns in use
  private readonly nz: Int32Array;
  readonly tolZ: number;
  private readonly scale: number;
  pivots = 0;

  constructor(
    private readonly points: readonly Float64Array[],
    private readonly labels: ArrayLike<number>,
    ids: readonly number[],
    private readonly dim: number,
  ) {
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
      if (varies) this.dims.push(c);
    }
    this.scale = scale;
    this.d = this.dims.length;
    this.R = this.d + 2;
    this.stride = 2 * this.d + this.R + ids.length;
    this.T = scratch((this.R + 1) * this.stride);
    this.rhs = new Float64Array(this.R + 1);
    this.basis = new Int32Array(this.R);
    this.nz = new Int32Array(this.stride);
    this.tolZ = 1e-9 * scale * (this.d + 1);
  }

  private get trk(): number {
    return 2 * this.d;
  }

  /** Raw column entry of point i in row r. */
  private raw(i: number, r: number): number {
    const d = this.d;
    const isPos = this.labels[i] === 1;
    if (r < d) return isPos ? this.points[i][this.dims[r]] : -this.points[i][this.dims[r]];
    if (r === d) return isPos ? 1 : 0;
    return isPos ? 0 : 1;
  }

  /** Sets up the raw tableau with the points `work` and the starting basis. */
  start(work: readonly number[]): void {
    const { d, R, stride, T, rhs, trk } = this;
    for (let c = 0; c < d; c++) {
      T[c * stride + 2 * c] = -1; // s+_c
      T[c * stride + 2 * c + 1] = 1; // s-_c
    }
    for (let r = 0; r < R; r++) T[r * stride + trk + r] = 1;
    rhs[d] = 1;
    rhs[d + 1] = 1;
    this.W = trk + R;
    for (const i of work) {
      const q = this.W++;
      this.colPoint[q] = i;
      for (let r = 0; r < R; r++) T[r * stride + q] = this.raw(i, r);
    }
    // Starting basis: the nearest positive/negative pair (fewer pivots), then a residual
    // per coordinate with the sign that makes it non-negative.
    const pos: number[] = [];
    const neg: number[] = [];
    for (let q = trk + R; q < this.W; q++) (this.labels[this.colPoint[q]] === 1 ? pos : neg).push(q);
    let qa = pos[0];
    let qb = neg[0];
    if (pos.length * neg.length <= 4096) {
      let best = Infinity;
      for (const a of pos) {
        const pa = this.points[this.colPoint[a]];
        for (const b of neg) {
          const nb = this.points[this.colPoint[b]];
          let dist = 0;
          for (let c = 0; c < d && dist < best; c++) dist += Math.abs(pa[this.dims[c]] - nb[this.dims[c]]);
          if (dist < best) {
            best = dist;
            qa = a;
            qb = b;
          }
        }
      }
    }
    this.pivot(d, qa);
    this.pivot(d + 1, qb);
    for (let c = 0; c < d; c++) this.pivot(c, rhs[c] < 0 ? 2 * c : 2 * c + 1);
    // Objective row: reduced costs c_j - c_B B^-1 A_j (c = 1 on residual columns).
    const obj = R * stride;
    for (let q = 0; q < this.W; q++) T[obj + q] = q < trk ? 1 : 0;
    rhs[R] = 0;
    for (let r = 0; r < R; r++) {
      if (this.basis[r] < trk) {
        for (let q = 0; q < this.W; q++) T[obj + q] -= T[r * stride + q];
        rhs[R] -= rhs[r];
      }
    }
    for (let r = 0; r < R; r++) T[obj + this.basis[r]] = 0;
  }

  private pivot(r: number, j: number): void {
    const { stride, T, rhs, R, nz } = this;
    this.pivots++;
    const rowR = r * stride;
    const inv = 1 / T[rowR + j];
    let cnt = 0;
    for (let q = 0; q < this.W; q++) {
      const x = T[rowR + q];
      if (x !== 0) {
        T[rowR + q] = x * inv;
        nz[cnt++] = q;
      }
    }
    rhs[r] *= inv;
    T[rowR + j] = 1;
    for (let i = 0; i <= R; i++) {
      if (i === r) continue;
      const rowI = i * stride;
      const f = T[rowI + j];
      if (f === 0) continue;
      for (let t = 0; t < cnt; t++) {
        const q = nz[t];
        T[rowI + q] -= f * T[rowR + q];
      }
      rhs[i] -= f * rhs[r];
      T[rowI + j] = 0;
    }
    this.basis[r] = j;
  }

  /** Primal simplex to optimality; false if it gave up (iteration cap, unboundedness). */
  optimize(): boolean {
    const { R, stride, T, rhs, trk } = this;
    const obj = R * stride;
    const maxPivots = this.pivots + 50 * (R + this.W) + 200;
    let degenerate = 0;
    for (;;) {
      if (this.pivots > maxPivots) return false;
      const bland = degenerate > 2 * R + 10;
      let enter = -1;
      let best = -EPS_COST;
      for (let q = 0; q < this.W; q++) {
        if (q >= trk && q < trk + R) continue; // trackers never enter
        const dq = T[obj + q];
        if (dq < best) {
          enter = q;
          if (bland) break;
          best = dq;
        }
      }
      if (enter < 0) return true;
      let leave = -1;
      let ratio = Infinity;
      let pivEl = 0;
      for (let r = 0; r < R; r++) {
        const a = T[r * stride + enter];
        if (a <= EPS_PIVOT) continue;
        const t = Math.max(0, rhs[r]) / a;
        if (t < ratio - 1e-12 || (t <= ratio + 1e-12 && (bland ? this.basis[r] < this.basis[leave] : a > pivEl))) {
          ratio = t;
          leave = r;
          pivEl = a;
        }
      }
      if (leave < 0) return false; // unbounded: impossible, the numbers are off
      degenerate = ratio <= 1e-12 ? degenerate + 1 : 0;
      this.pivot(leave, enter);
      for (let r = 0; r < R; r++) if (rhs[r] < 0 && rhs[r] > -1e-9) rhs[r] = 0;
    }
  }

  objective(): number {
    return -this.rhs[this.R];
  }

  /** w = -y on the varying coordinates (y_r = -reduced cost of tracker r). */
  dual(): Float64Array {
    const w = new Float64Array(this.dim);
    const obj = this.R * this.stride + this.trk;
    for (let c = 0; c < this.d; c++) w[this.dims[c]] = this.T[obj + c];
    return w;
  }

  /** The answer after optimize(); `all` = the ids the separator must be checked on. */
  finish(ok: boolean, all?: readonly number[]): FloatLpResult {
    if (!ok) return { kind: 'failed', pivots: this.pivots };
    const pivots = this.pivots;
    if (this.objective() <= this.tolZ) {
      const support: number[] = [];
      const multipliers: number[] = [];
      const trk = this.trk;
      for (let r = 0; r < this.R; r++) {
        const q = this.basis[r];
        const v = this.rhs[r];
        if (q >= trk + this.R && v > 1e-12) {
          support.push(this.colPoint[q]);
          multipliers.push(v);
        }
      }
      const hasPos = support.some((i) => this.labels[i] === 1);
      const hasNeg = support.some((i) => this.labels[i] !== 1);
      if (!hasPos || !hasNeg) return { kind: 'failed', pivots };
      return { kind: 'conflict', support, multipliers, pivots };
    }
    const w = this.dual();
    const ids = all ?? this.colPoint.slice(this.trk + this.R);
    const gap = floatGap(this.points, this.labels, ids, w);
    if (!(gap > 1e-9 * this.scale)) return { kind: 'failed', pivots };
    return { kind: 'separable', w, gap, pivots };
  }
}

/** One zeroed tableau buffer, reused across calls (the LPs are many and small). */
let buffer = new Float64Array(4096);
function scratch(n: number): Float64Array {
  if (buffer.length < n) buffer = new Float64Array(Math.max(n, 2 * buffer.length));
  const t = buffer.subarray(0, n);
  t.fill(0);
  return t;
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
