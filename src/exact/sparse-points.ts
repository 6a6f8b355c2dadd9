/**
 * Sparse rows of a fixed point set, and the dot products of a direction with every point.
 *
 * The points a real-weight threshold unit sees on constant inputs are fixed for a whole
 * search, and in the reductions of set splitting and 3SAT they are 0/1 vectors with two to
 * four ones among 30 to 40 coordinates. The theory's per-check work that reads every point
 * (the side sums of a separator, model-phase.ts) then costs the nonzeros instead of m * d.
 * The sums equal the dense loop's exactly: the nonzero terms are added in the same order,
 * and a skipped term w_j * 0 is a zero, which leaves a float sum unchanged for finite w.
 */

/** Compressed sparse rows: point i's nonzeros are val[k] at coordinate idx[k], k in start[i]..start[i + 1]. */
export interface SparsePoints {
  start: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

const cache = new WeakMap<readonly Float64Array[], SparsePoints>();

/** The sparse rows of `points` (built once per array of points, then cached). */
export function sparsePoints(points: readonly Float64Array[]): SparsePoints {
  let sp = cache.get(points);
  if (sp) return sp;
  let nnz = 0;
  for (const p of points) for (let c = 0; c < p.length; c++) if (p[c] !== 0) nnz++;
  const start = new Int32Array(points.length + 1);
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let at = 0;
  for (let i = 0; i < points.length; i++) {
    start[i] = at;
    const p = points[i];
    for (let c = 0; c < p.length; c++) {
      if (p[c] === 0) continue;
      idx[at] = c;
      val[at++] = p[c];
    }
  }
  start[points.length] = at;
  sp = { start, idx, val };
  cache.set(points, sp);
  return sp;
}

/** out[i] := w . p_i for every point (`out` at least as long as the number of points). */
export function sparseDots(sp: SparsePoints, w: Float64Array, out: Float64Array): void {
  const { start, idx, val } = sp;
  const m = start.length - 1;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = start[i], e = start[i + 1]; k < e; k++) s += w[idx[k]] * val[k];
    out[i] = s;
  }
}
