/**
 * Incremental separability of one unit's points, in float64: the general simplex of
 * Dutertre & de Moura ("A Fast Linear-Arithmetic Solver for DPLL(T)", CAV 2006) on the
 * margin system in weight space.
 *
 * Variables: the weights w_0..w_{d-1} and the threshold t (free), and one slack per point,
 * s_i = w.p_i - t. A point labelled 1 asserts the bound s_i >= 0, a point labelled 0 the
 * bound s_i <= -1 (the margin; the system is a cone, so 1 is no loss), a point not in the
 * question asserts nothing. Every slack keeps its row for good, so
 *  - dropping a point (backtracking, a point no longer cared about) only removes a bound:
 *    the current assignment stays feasible and nothing is pivoted;
 *  - adding or relabelling a point sets a bound, and `check` repairs the assignment with
 *    a few pivots from where the last check left it.
 * That is what a CDCL search does between two checks of the same unit, and why this beats
 * solving the hull LP of float-lp.ts from scratch on sparse high-dimensional points
 * (set-splitting instances at n = 40: ~120 pivots of a 42 x 270 tableau per check there).
 *
 * Revised form: there are many more points (m) than variables (n0 = d + 1), and every row
 * is s_i = p_i.w - t. So instead of the m x n0 tableau only the n0 x n0 basis inverse M is
 * kept (the originals in terms of the n0 nonbasic variables), with the points as sparse
 * rows; a basic slack's value is p_i.w - t from the originals' values, and its tableau row
 * is p_i^T M, both read off when needed. A pivot updates M in n0^2 steps instead of the
 * tableau's m * n0, and the repair scan costs the points' nonzeros (set splitting: 2 to 4
 * per point out of 31 to 41). The pivots are the same as the full tableau's, so the
 * pivot counts are too (docs/measurements.md has the time saved).
 *
 * `check` answers 'separable' with the current weights, or 'conflict' with the bounds of
 * the row that cannot be repaired: a basic slack out of bounds whose row's nonbasic
 * variables all sit at bounds that block it. Those points and the row's coefficients are
 * a Farkas combination (positives' and negatives' multipliers, each side summing to 1 after
 * scaling, as float-lp.ts reports them); nothing here is trusted, the caller re-derives
 * every conflict exactly (farkas.ts) and checks every separator.
 *
 * Pivot rules. A repair step picks a basic slack out of its bounds (the leaving variable)
 * and a nonbasic variable of its row that may move in the needed direction (the entering
 * one). Whether a conflict exists does not depend on these choices, only how many pivots
 * it takes to find the answer (and which separator or conflict row is found):
 *  - leaving: the slack furthest out of its bounds (Dantzig's largest infeasibility, the
 *    usual dual simplex choice);
 *  - entering: steepest edge in weight space (after Goldfarb & Reid, "A practicable
 *    steepest-edge simplex algorithm", Math. Programming 12, 1977): moving nonbasic
 *    variable k by delta moves the originals (w, t) by delta * M e_k and s_i by delta *
 *    a_k, so |a_k| / |M e_k| is how far s_i moves per unit of distance travelled in
 *    (w, t) space; the largest wins. The column norms are computed only for the candidates.
 * These have no termination guarantee, so after `blandAfter` pivots in one check both
 * choices switch to Bland's rule (smallest variable index), which terminates in exact
 * arithmetic (Bland, "New finite pivoting rules for the simplex method", Math. Oper. Res.
 * 2, 1977; Dutertre & de Moura use it throughout); in floats an iteration cap turns a
 * runaway into 'failed'. docs/measurements.md has the pivot counts of both rules.
 */

export type IncrementalResult =
  | { kind: 'separable'; w: Float64Array }
  | { kind: 'conflict'; support: number[]; multipliers: number[] }
  | { kind: 'failed' };

const EPS = 1e-9;

export class IncrementalSeparation {
  /** Number of original variables: d weights and the threshold (index d). */
  private readonly n0: number;
  /** Point i's row of the margin system, sparse: s_i = sum_k rowVal[k] * original rowIdx[k], k in rowStart[i]..rowStart[i+1]. */
  private readonly rowStart: Int32Array;
  private readonly rowIdx: Int32Array;
  private readonly rowVal: Float64Array;
  /** colVar[j]: the nonbasic variable of column j (v < n0 an original, n0 + i the slack of point i); colOf[v] its column, -1 if basic. */
  private readonly colVar: Int32Array;
  private readonly colOf: Int32Array;
  /**
   * The basis inverse, n0 x n0 and dense: original c = sum_j M[c * n0 + j] * (nonbasic variable of column j).
   * Invariant: a nonbasic original c has row c = the unit vector of its column.
   */
  private readonly M: Float64Array;
  /** Values of the originals (maintained) and of the nonbasic slacks (basic slacks are read off the originals). */
  private readonly orig: Float64Array;
  private readonly slack: Float64Array;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  /** Scratch: the tableau row of the slack being repaired, over the columns. */
  private readonly row: Float64Array;
  pivots = 0;
  /** Checks that switched to Bland's rule (after blandAfter pivots). */
  blandChecks = 0;
  /** The last answer while no bound has changed since: a check then costs nothing (about 40% of the checks in a search). */
  private last: { kind: 'separable'; w: Float64Array } | null = null;
  /** The margin of the last separable answer, or a lower bound on it (gap). */
  private lastGap = NaN;
  /**
   * Whether every bounded slack was within its bounds at the last full scan and no variable
   * has moved since: then only the slacks whose bounds were set since (`pending`) can be
   * out of bounds, and a check looks at those alone. scanMinP / scanMaxN: the min over
   * slacks bounded below (labelled 1) and max over those bounded above at that scan,
   * widened by the pending ones a quick check accepted.
   */
  private clean = false;
  private readonly pending: Int32Array;
  private pendingLen = 0;
  private readonly isPending: Uint8Array;
  private scanMinP = Infinity;
  private scanMaxN = -Infinity;
  /** The value of the slack leavingRow chose. */
  private leavingValue = 0;
  /** Whether every point is a 0/1 vector (slackValue then adds without multiplying). */
  private readonly binary: boolean;
  /**
   * 0/1 points with at most 3 ones each (the reductions of set splitting and 3SAT): point
   * i's ones at coordinates ones[3i], ones[3i + 1], ones[3i + 2], padded with index n0, a
   * slot of `orig` that stays 0; null otherwise.
   */
  private readonly ones: Int32Array | null = null;

  /**
   * `blandAfter`: pivots in one check after which both pivot choices follow Bland's rule
   * (0: Bland throughout, as Dutertre & de Moura). The default gives the steepest-edge
   * rules room for what one bound change usually needs (measured: under 2 (d + 1) on the
   * bench's families, docs/measurements.md).
   */
  constructor(
    points: readonly Float64Array[],
    private readonly dim: number,
    private readonly blandAfter = 4 * (dim + 1) + 20,
  ) {
    const m = points.length;
    const n0 = dim + 1;
    this.n0 = n0;
    this.rowStart = new Int32Array(m + 1);
    let nnz = 0;
    let binary = true;
    for (const p of points) {
      for (let c = 0; c < dim; c++) {
        if (p[c] === 0) continue;
        nnz++;
        if (p[c] !== 1) binary = false;
      }
    }
    this.binary = binary;
    let widest = 0;
    for (const p of points) {
      let k = 0;
      for (let c = 0; c < dim; c++) if (p[c] !== 0) k++;
      if (k > widest) widest = k;
    }
    if (binary && widest <= 3) {
      const ones = new Int32Array(3 * m).fill(n0);
      points.forEach((p, i) => {
        let k = 0;
        for (let c = 0; c < dim; c++) if (p[c] !== 0) ones[3 * i + k++] = c;
      });
      this.ones = ones;
    }
    this.rowIdx = new Int32Array(nnz + m);
    this.rowVal = new Float64Array(nnz + m);
    let at = 0;
    for (let i = 0; i < m; i++) {
      this.rowStart[i] = at;
      const p = points[i];
      for (let c = 0; c < dim; c++) {
        if (p[c] === 0) continue;
        this.rowIdx[at] = c;
        this.rowVal[at++] = p[c];
      }
      this.rowIdx[at] = dim;
      this.rowVal[at++] = -1;
    }
    this.rowStart[m] = at;
    this.colVar = new Int32Array(n0);
    this.colOf = new Int32Array(n0 + m).fill(-1);
    this.M = new Float64Array(n0 * n0);
    for (let j = 0; j < n0; j++) {
      this.colVar[j] = j;
      this.colOf[j] = j;
      this.M[j * n0 + j] = 1;
    }
    // One slot more than the originals: the padding of `ones`, always 0.
    this.orig = new Float64Array(n0 + 1);
    this.slack = new Float64Array(m);
    this.lower = new Float64Array(m).fill(-Infinity);
    this.upper = new Float64Array(m).fill(Infinity);
    this.row = new Float64Array(n0);
    this.pending = new Int32Array(m);
    this.isPending = new Uint8Array(m);
  }

  /** Sets point i's bound: 1 (s_i >= 0), 0 (s_i <= -1) or null (none). */
  setLabel(i: number, label: 0 | 1 | null): void {
    this.last = null;
    this.lower[i] = label === 1 ? 0 : -Infinity;
    this.upper[i] = label === 0 ? -1 : Infinity;
    if (label !== null && !this.isPending[i]) {
      this.isPending[i] = 1;
      this.pending[this.pendingLen++] = i;
    }
    // A nonbasic variable must sit within its bounds: move it, updating the basic ones.
    const j = this.colOf[this.n0 + i];
    if (j >= 0) {
      const x = this.slack[i];
      const target = x < this.lower[i] ? this.lower[i] : x > this.upper[i] ? this.upper[i] : x;
      if (target !== x) this.move(j, target - x);
    }
  }

  /**
   * The separator's float margin: min of w.p over the points labelled 1 minus max over those
   * labelled 0 (the threshold cancels), as floatGap in float-lp.ts but on the sparse rows;
   * read off by the last check's scans. After a check that looked at the new bounds only,
   * points whose bounds were dropped since the last full scan still count, so it may be
   * below the margin, never above (and at least 1 - 2e-9 after 'separable', as every
   * bound holds to within EPS). After a bound change without a check: a full scan now.
   */
  gap(): number {
    if (!this.last) this.leavingRow(false);
    return this.lastGap;
  }

  /**
   * The quick check while clean: the slacks with new bounds, read off the unmoved
   * originals, all within their bounds (then the margin is updated), or false.
   */
  private pendingHold(): boolean {
    const { lower, upper, pending } = this;
    let minP = this.scanMinP;
    let maxN = this.scanMaxN;
    for (let k = 0; k < this.pendingLen; k++) {
      const q = pending[k];
      const lo = lower[q];
      const hi = upper[q];
      if (lo === -Infinity && hi === Infinity) continue;
      const s = this.slackValue(q);
      if (s < lo - EPS || s > hi + EPS) return false;
      if (lo === 0) {
        if (s < minP) minP = s;
      } else if (s > maxN) maxN = s;
    }
    this.scanMinP = minP;
    this.scanMaxN = maxN;
    this.lastGap = minP - maxN;
    this.clearPending();
    return true;
  }

  private clearPending(): void {
    for (let k = 0; k < this.pendingLen; k++) this.isPending[this.pending[k]] = 0;
    this.pendingLen = 0;
  }

  /** s_i from the originals' values. */
  private slackValue(i: number): number {
    const { rowIdx, rowVal, orig } = this;
    const ones = this.ones;
    if (ones) {
      // The same sum as the loop below (adding the padding's 0 changes no float sum).
      const b = 3 * i;
      return 0 + orig[ones[b]] + orig[ones[b + 1]] + orig[ones[b + 2]] - orig[this.dim];
    }
    let s = 0;
    if (this.binary) {
      // Every coefficient is 1 but the threshold's -1, the row's last entry: the same sum
      // without the multiplications (1 * x and -1 * x are exact).
      const e = this.rowStart[i + 1] - 1;
      for (let k = this.rowStart[i]; k < e; k++) s += orig[rowIdx[k]];
      return s - orig[rowIdx[e]];
    }
    for (let k = this.rowStart[i], e = this.rowStart[i + 1]; k < e; k++) s += rowVal[k] * orig[rowIdx[k]];
    return s;
  }

  /** Moves the nonbasic variable of column j by delta; the originals follow (column j of M). */
  private move(j: number, delta: number): void {
    const { M, n0, orig } = this;
    this.clean = false;
    for (let c = 0; c < n0; c++) orig[c] += M[c * n0 + j] * delta;
    const v = this.colVar[j];
    if (v >= n0) this.slack[v - n0] += delta;
  }

  /** this.row := the tableau row of slack i, s_i = sum_j row[j] * (nonbasic variable of column j). */
  private tableauRow(i: number): void {
    const { rowIdx, rowVal, M, n0, row } = this;
    row.fill(0);
    for (let k = this.rowStart[i], e = this.rowStart[i + 1]; k < e; k++) {
      const a = rowVal[k];
      const base = rowIdx[k] * n0;
      for (let j = 0; j < n0; j++) row[j] += a * M[base + j];
    }
  }

  /**
   * Slack i (basic, its tableau row in this.row) enters the nonbasic set at column j, whose
   * variable becomes basic: x_j = (s_i - sum_{k != j} row[k] x_k) / row[j], substituted into M.
   */
  private pivot(i: number, j: number): void {
    this.pivots++;
    const { M, n0, row } = this;
    const inv = 1 / row[j];
    for (let c = 0; c < n0; c++) {
      const base = c * n0;
      const f = M[base + j];
      if (f === 0) continue;
      const g = f * inv;
      // Unrolled by 4: this loop is most of the time at d = 40 (docs/measurements.md).
      let k = 0;
      for (; k + 3 < n0; k += 4) {
        M[base + k] -= g * row[k];
        M[base + k + 1] -= g * row[k + 1];
        M[base + k + 2] -= g * row[k + 2];
        M[base + k + 3] -= g * row[k + 3];
      }
      for (; k < n0; k++) M[base + k] -= g * row[k];
      M[base + j] = g;
    }
    const leaving = this.colVar[j];
    this.colOf[leaving] = -1;
    this.colVar[j] = n0 + i;
    this.colOf[n0 + i] = j;
  }

  /** Repairs the assignment against the current bounds (see the module comment). */
  check(maxPivots = 50 * (this.slack.length + this.n0) + 200): IncrementalResult {
    if (this.last) return this.last;
    if (this.clean && this.pendingHold()) {
      this.last = { kind: 'separable', w: this.orig.slice(0, this.dim) };
      return this.last;
    }
    const start = this.pivots;
    for (;;) {
      const done = this.pivots - start;
      if (done > maxPivots) return { kind: 'failed' };
      const bland = done >= this.blandAfter;
      if (bland && done === this.blandAfter) this.blandChecks++;
      const i = this.leavingRow(bland);
      if (i < 0) {
        this.last = { kind: 'separable', w: this.orig.slice(0, this.dim) };
        return this.last;
      }
      const s = this.leavingValue;
      const increase = s < this.lower[i];
      this.tableauRow(i);
      const j = this.enteringColumn(increase, bland);
      if (j < 0) return this.explain(i);
      const target = increase ? this.lower[i] : this.upper[i];
      // Move column j's variable so that s_i reaches its bound, then swap roles.
      this.move(j, (target - s) / this.row[j]);
      this.pivot(i, j);
      this.slack[i] = target;
      // Now and then, recompute the originals from the nonbasic values, so that rounding
      // does not pile up.
      if ((this.pivots & 63) === 0) this.refresh();
    }
  }

  /**
   * The basic slack to repair: the one furthest out of its bounds, or with `bland` the
   * smallest index out of its bounds; -1 when none is (the originals are free). Its value
   * goes to leavingValue. A full scan leaves the margin (see gap) in lastGap; one that
   * finds none out of bounds makes the state clean.
   */
  private leavingRow(bland: boolean): number {
    const { n0, lower, upper, colOf } = this;
    const m = this.slack.length;
    let i = -1;
    let worst = 0;
    let minP = Infinity;
    let maxN = -Infinity;
    for (let q = 0; q < m; q++) {
      const lo = lower[q];
      const hi = upper[q];
      if (lo === -Infinity && hi === Infinity) continue;
      // A nonbasic slack's value is its own (the originals are derived from it).
      const basic = colOf[n0 + q] < 0;
      const s = basic ? this.slackValue(q) : this.slack[q];
      if (lo === 0) {
        if (s < minP) minP = s;
      } else if (s > maxN) maxN = s;
      if (!basic) continue;
      const out = s < lo - EPS ? lo - s : s > hi + EPS ? s - hi : 0;
      if (out > worst) {
        worst = out;
        i = q;
        this.leavingValue = s;
        if (bland) return i;
      }
    }
    this.lastGap = minP - maxN;
    if (i < 0) {
      this.scanMinP = minP;
      this.scanMaxN = maxN;
      this.clean = true;
      this.clearPending();
    }
    return i;
  }

  /**
   * The column (of this.row, slack i's tableau row) whose nonbasic variable enters: among
   * those that can move s_i towards its bound (a free original always can; a slack only
   * away from the bound it sits at), the steepest edge in (w, t) space, or with `bland`
   * the smallest variable index. -1 when none can (a conflict).
   */
  private enteringColumn(increase: boolean, bland: boolean): number {
    const { n0, row, colVar, M } = this;
    let j = -1;
    let best = -Infinity;
    for (let k = 0; k < n0; k++) {
      const a = row[k];
      if (Math.abs(a) <= EPS) continue;
      const x = colVar[k];
      if (x >= n0) {
        const up = increase === a > 0; // x must go up
        const val = this.slack[x - n0];
        if (!(up ? val < this.upper[x - n0] - EPS : val > this.lower[x - n0] + EPS)) continue;
      }
      let score: number;
      if (bland) score = -x;
      else {
        let norm2 = 0;
        for (let c = 0; c < n0; c++) {
          const v = M[c * n0 + k];
          norm2 += v * v;
        }
        score = (a * a) / norm2;
      }
      if (score > best) {
        best = score;
        j = k;
      }
    }
    return j;
  }

  /** The originals recomputed from the nonbasic values (a nonbasic original keeps its own). */
  private refresh(): void {
    const { M, n0, orig, colVar } = this;
    const x = new Float64Array(n0);
    for (let j = 0; j < n0; j++) x[j] = colVar[j] < n0 ? orig[colVar[j]] : this.slack[colVar[j] - n0];
    for (let c = 0; c < n0; c++) {
      if (this.colOf[c] >= 0) continue;
      let v = 0;
      for (let j = 0; j < n0; j++) v += M[c * n0 + j] * x[j];
      orig[c] = v;
    }
  }

  /**
   * The conflict of slack i (its tableau row in this.row): s_i = sum_k a_k x_k is out of its
   * bound and every x_k with a_k != 0 is at the bound that blocks it (all are slacks, the
   * free originals never block).
   */
  private explain(i: number): IncrementalResult {
    const { n0, row } = this;
    // In the sum s_i - sum_k a_k x_k = 0, the bounds combine into 0 <= (negative): the
    // multipliers are 1 for s_i and |a_k| for the others.
    const support: number[] = [i];
    const mult: number[] = [1];
    for (let k = 0; k < n0; k++) {
      const a = row[k];
      if (Math.abs(a) <= EPS) continue;
      const x = this.colVar[k];
      if (x < n0) return { kind: 'failed' }; // a free variable would not block: numbers are off
      support.push(x - n0);
      mult.push(Math.abs(a));
    }
    return { kind: 'conflict', support, multipliers: mult };
  }
}
