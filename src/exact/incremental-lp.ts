/**
 * Incremental separability of one unit's points, in float64: the general simplex of
 * Dutertre & de Moura ("A Fast Linear-Arithmetic Solver for DPLL(T)", CAV 2006) on the
 * margin system in weight space.
 *
 * Variables: the weights w_0..w_{d-1} and the threshold t (free), and one slack per point,
 * s_i = w.p_i - t. A point labelled 1 asserts the bound s_i >= 0, a point labelled 0 the
 * bound s_i <= -1 (the margin; the system is a cone, so 1 is no loss), a point not in the
 * question asserts nothing. The tableau keeps every slack row for good, so
 *  - dropping a point (backtracking, a point no longer cared about) only removes a bound:
 *    the current assignment stays feasible and nothing is pivoted;
 *  - adding or relabelling a point sets a bound, and `check` repairs the assignment with
 *    a few pivots from where the last check left it.
 * That is what a CDCL search does between two checks of the same unit, and why this beats
 * solving the hull LP of float-lp.ts from scratch on sparse high-dimensional points
 * (set-splitting instances at n = 40: ~120 pivots of a 42 x 270 tableau per check there).
 *
 * `check` answers 'separable' with the current weights, or 'conflict' with the bounds of
 * the row that cannot be repaired: a basic slack out of bounds whose row's nonbasic
 * variables all sit at bounds that block it. Those points and the row's coefficients are
 * a Farkas combination (positives' and negatives' multipliers, each side summing to 1 after
 * scaling, as float-lp.ts reports them); nothing here is trusted, the caller re-derives
 * every conflict exactly (farkas.ts) and checks every separator. Bland's rule (smallest
 * variable index) for both choices makes the repair loop terminate in exact arithmetic;
 * in floats an iteration cap turns a runaway into 'failed'.
 */

export type IncrementalResult =
  | { kind: 'separable'; w: Float64Array }
  | { kind: 'conflict'; support: number[]; multipliers: number[] }
  | { kind: 'failed' };

const EPS = 1e-9;

export class IncrementalSeparation {
  /** Number of original variables: d weights and the threshold (index d). */
  private readonly n0: number;
  /** Variable ids: 0..n0-1 originals, n0 + i the slack of point i. */
  private readonly nVars: number;
  /** basicRow[v]: the tableau row of basic variable v, or -1 if v is nonbasic. */
  private readonly basicRow: Int32Array;
  /** rowVar[r]: the basic variable of row r. */
  private readonly rowVar: Int32Array;
  /** colVar[j]: the nonbasic variable of column j; colOf[v] its column (-1 if basic). */
  private readonly colVar: Int32Array;
  private readonly colOf: Int32Array;
  /** Dense tableau: row r says rowVar[r] = sum_j A[r][j] * colVar[j]. */
  private readonly A: Float64Array;
  private readonly value: Float64Array;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  pivots = 0;

  constructor(
    points: readonly Float64Array[],
    private readonly dim: number,
  ) {
    const m = points.length;
    this.n0 = dim + 1;
    this.nVars = this.n0 + m;
    this.basicRow = new Int32Array(this.nVars).fill(-1);
    this.rowVar = new Int32Array(m);
    this.colVar = new Int32Array(this.n0);
    this.colOf = new Int32Array(this.nVars).fill(-1);
    this.A = new Float64Array(m * this.n0);
    this.value = new Float64Array(this.nVars);
    this.lower = new Float64Array(this.nVars).fill(-Infinity);
    this.upper = new Float64Array(this.nVars).fill(Infinity);
    for (let j = 0; j < this.n0; j++) {
      this.colVar[j] = j;
      this.colOf[j] = j;
    }
    for (let i = 0; i < m; i++) {
      const v = this.n0 + i;
      this.rowVar[i] = v;
      this.basicRow[v] = i;
      const row = i * this.n0;
      for (let c = 0; c < dim; c++) this.A[row + c] = points[i][c];
      this.A[row + dim] = -1;
    }
  }

  /** Sets point i's bound: 1 (s_i >= 0), 0 (s_i <= -1) or null (none). */
  setLabel(i: number, label: 0 | 1 | null): void {
    const v = this.n0 + i;
    this.lower[v] = label === 1 ? 0 : -Infinity;
    this.upper[v] = label === 0 ? -1 : Infinity;
    // A nonbasic variable must sit within its bounds: move it, updating the basic ones.
    if (this.basicRow[v] < 0) {
      const target = this.value[v] < this.lower[v] ? this.lower[v] : this.value[v] > this.upper[v] ? this.upper[v] : this.value[v];
      if (target !== this.value[v]) this.update(v, target);
    }
  }

  /** Moves nonbasic variable v to x, keeping every row equation true. */
  private update(v: number, x: number): void {
    const j = this.colOf[v];
    const delta = x - this.value[v];
    const { A, n0 } = this;
    for (let r = 0; r < this.rowVar.length; r++) {
      const a = A[r * n0 + j];
      if (a !== 0) this.value[this.rowVar[r]] += a * delta;
    }
    this.value[v] = x;
  }

  /** Pivots basic variable of row r with the nonbasic variable of column j. */
  private pivot(r: number, j: number): void {
    this.pivots++;
    const { A, n0 } = this;
    const rowR = r * n0;
    const a = A[rowR + j];
    const leaving = this.rowVar[r];
    const entering = this.colVar[j];
    // Row r solved for the entering variable: entering = (leaving - sum_{k != j} a_k x_k) / a.
    for (let k = 0; k < n0; k++) A[rowR + k] = k === j ? 1 / a : -A[rowR + k] / a;
    for (let q = 0; q < this.rowVar.length; q++) {
      if (q === r) continue;
      const rowQ = q * n0;
      const f = A[rowQ + j];
      if (f === 0) continue;
      for (let k = 0; k < n0; k++) A[rowQ + k] = k === j ? f * A[rowR + k] : A[rowQ + k] + f * A[rowR + k];
    }
    this.rowVar[r] = entering;
    this.basicRow[entering] = r;
    this.basicRow[leaving] = -1;
    this.colVar[j] = leaving;
    this.colOf[leaving] = j;
    this.colOf[entering] = -1;
  }

  /** Repairs the assignment against the current bounds (see the module comment). */
  check(maxPivots = 50 * (this.rowVar.length + this.n0) + 200): IncrementalResult {
    const { A, n0, value, lower, upper } = this;
    const start = this.pivots;
    for (;;) {
      if (this.pivots - start > maxPivots) return { kind: 'failed' };
      // Bland: the smallest basic variable out of its bounds.
      let r = -1;
      let v = Infinity;
      for (let q = 0; q < this.rowVar.length; q++) {
        const x = this.rowVar[q];
        if (x < v && (value[x] < lower[x] - EPS || value[x] > upper[x] + EPS)) {
          v = x;
          r = q;
        }
      }
      if (r < 0) {
        const w = new Float64Array(this.dim);
        for (let c = 0; c < this.dim; c++) w[c] = value[c];
        return { kind: 'separable', w };
      }
      const increase = value[v] < lower[v];
      const rowR = r * n0;
      // The smallest nonbasic variable that can move v towards its bound.
      let j = -1;
      let best = Infinity;
      for (let k = 0; k < n0; k++) {
        const a = A[rowR + k];
        if (Math.abs(a) <= EPS) continue;
        const x = this.colVar[k];
        const up = increase === a > 0; // x must go up
        const can = up ? value[x] < upper[x] - EPS : value[x] > lower[x] + EPS;
        if (can && x < best) {
          best = x;
          j = k;
        }
      }
      if (j < 0) return this.explain(r, v);
      const target = increase ? lower[v] : upper[v];
      const a = A[rowR + j];
      const x = this.colVar[j];
      // Move x so that v reaches its bound (every basic value follows), then swap roles.
      this.update(x, value[x] + (target - value[v]) / a);
      value[v] = target;
      this.pivot(r, j);
      // Now and then, recompute the basic values from the nonbasic ones, so that rounding
      // does not pile up.
      if ((this.pivots & 63) === 0) this.refresh();
    }
  }

  /** Basic values recomputed from the nonbasic ones. */
  private refresh(): void {
    const { A, n0, value } = this;
    for (let q = 0; q < this.rowVar.length; q++) {
      const row = q * n0;
      let s = 0;
      for (let k = 0; k < n0; k++) s += A[row + k] * value[this.colVar[k]];
      value[this.rowVar[q]] = s;
    }
  }

  /**
   * The conflict of row r: v = sum_k a_k x_k is out of its bound and every x_k with a_k != 0
   * is at the bound that blocks it (all are slacks, the free originals never block).
   */
  private explain(r: number, v: number): IncrementalResult {
    const { A, n0 } = this;
    const rowR = r * n0;
    // In the sum v - sum_k a_k x_k = 0, the bounds combine into 0 <= (negative): the
    // multipliers are 1 for v and |a_k| for the others.
    const support: number[] = [v - n0];
    const mult: number[] = [1];
    for (let k = 0; k < n0; k++) {
      const a = A[rowR + k];
      if (Math.abs(a) <= EPS) continue;
      const x = this.colVar[k];
      if (x < n0) return { kind: 'failed' }; // a free variable would not block: numbers are off
      support.push(x - n0);
      mult.push(Math.abs(a));
    }
    return { kind: 'conflict', support, multipliers: mult };
  }
}
