/**
 * The separation LP of float-lp.ts solved in exact rational (BigInt) arithmetic.
 *
 * Same formulation (L1 distance between the convex hulls of the label-1 and label-0
 * points, see float-lp.ts), same starting basis, Bland's rule throughout (terminates
 * without cycling; speed does not matter here). It is the fallback whenever floating
 * point is not convincing: a float conflict whose support does not yield an exact Farkas
 * certificate, a float separator that fails exact evaluation after rounding, or a float
 * LP that gave up. Its answers are exact:
 *  - 'conflict': an exact Farkas certificate (checked with farkas.ts before returning);
 *  - 'separable': an exact direction w with min w.p > max w.n (checked before returning).
 */
import { Rational } from '../model/rational.js';
import { checkCertificate, type FarkasCertificate } from './farkas.js';

export type ExactLpResult =
  | { kind: 'conflict'; certificate: FarkasCertificate; support: number[] }
  | { kind: 'separable'; w: Rational[] };

/** Exact w.z. */
export function dotExact(w: readonly Rational[], z: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  for (let c = 0; c < w.length; c++) {
    if (w[c].num !== 0n && z[c].num !== 0n) s = s.add(w[c].mul(z[c]));
  }
  return s;
}

/** True iff min over label-1 points of w.p > max over label-0 points of w.n (exactly). */
export function separatesExactly(points: readonly Rational[][], labels: ArrayLike<number>, ids: readonly number[], w: readonly Rational[]): boolean {
  let minP: Rational | null = null;
  let maxN: Rational | null = null;
  for (const i of ids) {
    const s = dotExact(w, points[i]);
    if (labels[i] === 1) {
      if (minP === null || s.cmp(minP) < 0) minP = s;
    } else if (maxN === null || s.cmp(maxN) > 0) maxN = s;
  }
  return minP === null || maxN === null || minP.cmp(maxN) > 0;
}

/** Decides separability of the points `ids` exactly. */
export function separateExact(points: readonly Rational[][], labels: ArrayLike<number>, ids: readonly number[], dim: number): ExactLpResult {
  const pos = ids.filter((i) => labels[i] === 1);
  const neg = ids.filter((i) => labels[i] !== 1);
  if (pos.length === 0 || neg.length === 0) return { kind: 'separable', w: new Array<Rational>(dim).fill(Rational.ZERO) };
  const cols = [...pos, ...neg];
  const np = cols.length;
  const d = dim;
  const R = d + 2;
  const trk = np + 2 * d;
  const rhsCol = trk + R;
  const W = rhsCol + 1;
  const Z = Rational.ZERO;
  const T: Rational[][] = Array.from({ length: R + 1 }, () => new Array<Rational>(W).fill(Z));
  for (let j = 0; j < np; j++) {
    const p = points[cols[j]];
    const isPos = j < pos.length;
    for (let c = 0; c < d; c++) T[c][j] = isPos ? p[c] : p[c].neg();
    T[isPos ? d : d + 1][j] = Rational.ONE;
  }
  for (let c = 0; c < d; c++) {
    T[c][np + 2 * c] = Rational.ONE.neg();
    T[c][np + 2 * c + 1] = Rational.ONE;
  }
  for (let r = 0; r < R; r++) T[r][trk + r] = Rational.ONE;
  T[d][rhsCol] = Rational.ONE;
  T[d + 1][rhsCol] = Rational.ONE;
  const basis = new Array<number>(R).fill(-1);
  const pivot = (r: number, j: number) => {
    const inv = Rational.ONE.div(T[r][j]);
    for (let q = 0; q < W; q++) if (T[r][q].num !== 0n) T[r][q] = T[r][q].mul(inv);
    for (let i = 0; i <= R; i++) {
      if (i === r) continue;
      const f = T[i][j];
      if (f.num === 0n) continue;
      for (let q = 0; q < W; q++) if (T[r][q].num !== 0n) T[i][q] = T[i][q].sub(f.mul(T[r][q]));
    }
    basis[r] = j;
  };
  pivot(d, 0);
  pivot(d + 1, pos.length);
  for (let c = 0; c < d; c++) pivot(c, T[c][rhsCol].num < 0n ? np + 2 * c : np + 2 * c + 1);
  for (let q = 0; q < W; q++) T[R][q] = q >= np && q < trk ? Rational.ONE : Z;
  for (let r = 0; r < R; r++) {
    if (basis[r] >= np && basis[r] < trk) for (let q = 0; q < W; q++) T[R][q] = T[R][q].sub(T[r][q]);
  }
  for (;;) {
    let enter = -1;
    for (let q = 0; q < trk; q++) {
      if (T[R][q].num < 0n) {
        enter = q;
        break;
      }
    }
    if (enter < 0) break;
    let leave = -1;
    let ratio: Rational | null = null;
    for (let r = 0; r < R; r++) {
      const a = T[r][enter];
      if (a.num <= 0n) continue;
      const t = T[r][rhsCol].div(a);
      const c = ratio === null ? -1 : t.cmp(ratio);
      if (c < 0 || (c === 0 && basis[r] < basis[leave])) {
        ratio = t;
        leave = r;
      }
    }
    if (leave < 0) throw new Error('internal error: the exact separation LP is unbounded');
    pivot(leave, enter);
  }
  const z = T[R][rhsCol].neg();
  if (z.num === 0n) {
    const support: number[] = [];
    const multipliers: Rational[] = [];
    for (let r = 0; r < R; r++) {
      const j = basis[r];
      if (j < np && T[r][rhsCol].num > 0n) {
        support.push(cols[j]);
        multipliers.push(T[r][rhsCol]);
      }
    }
    const certificate: FarkasCertificate = {
      points: support.map((i) => points[i]),
      labels: support.map((i) => (labels[i] === 1 ? 1 : 0)),
      multipliers,
    };
    if (!checkCertificate(certificate)) throw new Error('internal error: the exact separation LP produced an invalid certificate');
    return { kind: 'conflict', certificate, support };
  }
  const w: Rational[] = [];
  for (let c = 0; c < d; c++) w.push(T[R][trk + c]);
  if (!separatesExactly(points, labels, ids, w)) throw new Error('internal error: the exact separation LP produced an invalid separator');
  return { kind: 'separable', w };
}
