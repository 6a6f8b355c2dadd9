/**
 * The separability oracle: float LP for speed, exact rationals for every claim.
 *
 * `SeparationOracle.check` answers, for labelled points, either
 *  - 'conflict': a minimal non-separable subset with an exact Farkas certificate that
 *    passed farkas.ts. Minimality matters for speed (short clauses, fewer cuts:
 *    docs/measurements.md). The float LP's optimal basic solution has a
 *    support of at most d + 2 points (Kirchberger) whose columns are independent. The
 *    exact multipliers are first reconstructed from the float ones and checked in BigInt
 *    integers (farkas.ts, recoverFromFloat); positive multipliers on columns of full rank
 *    (rank modulo a prime) PROVE the support minimal, and no further LP is needed. (On
 *    random 14-dimensional instances most minimal conflicts have the full d + 2 points;
 *    a deletion filter there costs ~16 LPs per conflict and drops nothing.) Otherwise
 *    (float noise, degenerate supports) a deletion filter shrinks it: drop a point,
 *    re-solve, keep the drop if the rest is still non-separable; a point found necessary
 *    stays necessary in every subset (separability is hereditary), so one pass suffices.
 *    The exact multipliers come from solving the small linear system on the final support;
 *    if that fails, the exact rational LP decides (and if the subset turns out separable
 *    after all, the whole set is decided exactly).
 *  - 'separable': a float direction (a hint only; weights are produced and checked
 *    exactly by `exactThreshold`).
 * A cache of recent separators per unit avoids most LPs: during the search a unit's
 * point set mostly grows by a point or two between checks. (Units whose points stay the
 * same objects use their incremental simplex instead, see `incremental`.)
 *
 * `exactThreshold` turns a direction into exact parameters: it rounds the direction to
 * small integers (scales 1, 2, 3, ... then powers of two), picks the threshold exactly
 * from the exact weighted sums, and checks separation exactly; if no rounding works it
 * solves the exact rational LP. Its answer is either checked weights or an exact conflict.
 */
import { Rational } from '../model/rational.js';
import type { ThresholdParams } from '../model/types.js';
import { recoverCertificate, recoverCertificateEx, recoverFromFloat, type FarkasCertificate } from './farkas.js';
import { floatGap, separateFloat } from './float-lp.js';
import { IncrementalSeparation } from './incremental-lp.js';
import { dotExact, separateExact } from './rational-lp.js';

/** Labelled points: exact and float coordinates of each, labels 0/1. */
export interface LabelledPoints {
  exact: Rational[][];
  float: Float64Array[];
  labels: Uint8Array;
  dim: number;
}

export type CheckResult =
  | { kind: 'separable'; w: Float64Array }
  | { kind: 'conflict'; support: number[]; certificate: FarkasCertificate };

export interface OracleStats {
  /** Float LPs solved (full sets and deletion-filter subsets). */
  lps: number;
  /** Simplex pivots over all float LPs. */
  pivots: number;
  /** LP calls avoided by the separator cache. */
  cacheHits: number;
  /** Exact rational LPs (fallbacks). */
  exactLps: number;
  /** Float conflicts whose exact recovery failed (then decided exactly). */
  recoveryFailures: number;
  /** Exactly checked certificates produced. */
  certificates: number;
}

const CACHE_SIZE = 8;

export class SeparationOracle {
  readonly stats: OracleStats = { lps: 0, pivots: 0, cacheHits: 0, exactLps: 0, recoveryFailures: 0, certificates: 0 };
  private readonly cache = new Map<string, Float64Array[]>();
  /** Per unit: its incremental simplex and each point's asserted state (-1 none, 0, 1). */
  private readonly incs = new Map<string, { points: readonly Float64Array[]; lp: IncrementalSeparation; state: Int8Array; want: Int8Array }>();

  /** Decides separability of the points `subset` (default all); on conflict returns a minimal certified subset. */
  check(pts: LabelledPoints, cacheKey?: string, subset?: number[]): CheckResult {
    const ids = subset ?? Array.from({ length: pts.labels.length }, (_, i) => i);
    let hasPos = false;
    let hasNeg = false;
    for (const i of ids) {
      if (pts.labels[i] === 1) hasPos = true;
      else hasNeg = true;
    }
    if (!hasPos || !hasNeg) return { kind: 'separable', w: new Float64Array(pts.dim) };
    const cached = cacheKey !== undefined ? this.cache.get(cacheKey) : undefined;
    // A unit whose incremental simplex is warm neither reads nor fills the separator
    // cache: the simplex's own assignment is a better cache (free while no bound changed,
    // a few pivots when one did), and trying 8 dense separators first cost more than it
    // saved.
    const warm = cacheKey !== undefined && this.incs.get(cacheKey)?.points === pts.float;
    if (cached && !warm) {
      for (const w of cached) {
        if (floatGap(pts.float, pts.labels, ids, w) > 1e-7) {
          this.stats.cacheHits++;
          return { kind: 'separable', w };
        }
      }
    }
    const r = (cacheKey !== undefined && this.incremental(pts, ids, cacheKey)) || this.lp(pts, ids);
    if (r.kind === 'separable') {
      if (cacheKey !== undefined && !warm) {
        const list = cached ?? [];
        list.unshift(r.w);
        if (list.length > CACHE_SIZE) list.pop();
        this.cache.set(cacheKey, list);
      }
      return { kind: 'separable', w: r.w };
    }
    if (r.kind === 'conflict') {
      // A basic solution's support is minimal as it stands when its exact system has a
      // unique positive solution (farkas.ts); otherwise shrink it first.
      const sp = r.support.map((i) => pts.exact[i]);
      const sl = r.support.map((i) => (pts.labels[i] === 1 ? 1 : 0) as 0 | 1);
      const direct = recoverFromFloat(sp, sl, r.multipliers) ?? recoverCertificateEx(sp, sl);
      if (direct?.minimal) {
        this.stats.certificates++;
        return { kind: 'conflict', support: r.support, certificate: direct.certificate };
      }
      return this.certify(pts, this.shrink(pts, r.support, r.multipliers), ids);
    }
    return this.decideExactly(pts, ids);
  }

  /**
   * The unit's incremental simplex (incremental-lp.ts), when its points are the same
   * objects as last time (first-layer and table-mode units: only labels change): bounds
   * are updated for the points whose state changed and the assignment repaired. Null when
   * not applicable or undecided (the caller then solves the hull LP).
   */
  private incremental(pts: LabelledPoints, ids: number[], key: string) {
    let st = this.incs.get(key);
    if (!st || st.points !== pts.float) {
      const m = pts.float.length;
      st = { points: pts.float, lp: new IncrementalSeparation(pts.float, pts.dim), state: new Int8Array(m).fill(-1), want: new Int8Array(m) };
      this.incs.set(key, st);
    }
    const want = st.want.fill(-1);
    for (const i of ids) want[i] = pts.labels[i] === 1 ? 1 : 0;
    for (let i = 0; i < want.length; i++) {
      if (want[i] !== st.state[i]) {
        st.lp.setLabel(i, want[i] === -1 ? null : (want[i] as 0 | 1));
        st.state[i] = want[i];
      }
    }
    this.stats.lps++;
    const before = st.lp.pivots;
    const r = st.lp.check();
    this.stats.pivots += st.lp.pivots - before;
    if (r.kind === 'failed') {
      this.incs.delete(key);
      return null;
    }
    if (r.kind === 'separable') {
      const gap = st.lp.gap();
      return gap > 1e-7 ? { kind: 'separable' as const, w: r.w, gap, pivots: 0 } : null;
    }
    // Multipliers per side scaled to sum 1, as the hull LP reports them.
    let sp = 0;
    let sn = 0;
    r.support.forEach((i, k) => (pts.labels[i] === 1 ? (sp += r.multipliers[k]) : (sn += r.multipliers[k])));
    if (!(sp > 0 && sn > 0)) return null;
    const multipliers = r.support.map((i, k) => r.multipliers[k] / (pts.labels[i] === 1 ? sp : sn));
    return { kind: 'conflict' as const, support: r.support, multipliers, pivots: 0 };
  }

  /** Float LP on a subset; 'failed' when floating point cannot decide. */
  private lp(pts: LabelledPoints, ids: number[]) {
    this.stats.lps++;
    const r = separateFloat(pts.float, pts.labels, ids, pts.dim);
    this.stats.pivots += r.pivots;
    return r;
  }

  /** Deletion filter: a subset of `support` in which no point can be dropped (per float LP). */
  shrink(pts: LabelledPoints, support: number[], multipliers: number[]): number[] {
    let cur = support;
    let mult = multipliers;
    const necessary = new Set<number>();
    for (;;) {
      // Try the point with the smallest multiplier first: it is the likeliest to be spare.
      let x = -1;
      let best = Infinity;
      cur.forEach((i, j) => {
        if (!necessary.has(i) && mult[j] < best) {
          best = mult[j];
          x = i;
        }
      });
      if (x < 0) return cur;
      const test = cur.filter((i) => i !== x);
      let pos = false;
      let neg = false;
      for (const i of test) {
        if (pts.labels[i] === 1) pos = true;
        else neg = true;
      }
      if (!pos || !neg) {
        necessary.add(x);
        continue;
      }
      const r = this.lp(pts, test);
      if (r.kind === 'conflict') {
        cur = r.support;
        mult = r.multipliers;
      } else necessary.add(x);
    }
  }

  /** Exact certificate for `support`, falling back to exact LPs when float was wrong. */
  private certify(pts: LabelledPoints, support: number[], all: number[]): CheckResult {
    const cert = recoverCertificate(
      support.map((i) => pts.exact[i]),
      support.map((i) => (pts.labels[i] === 1 ? 1 : 0)),
    );
    if (cert) {
      this.stats.certificates++;
      return { kind: 'conflict', support, certificate: cert };
    }
    this.stats.recoveryFailures++;
    this.stats.exactLps++;
    const sub = separateExact(pts.exact, pts.labels, support, pts.dim);
    if (sub.kind === 'conflict') {
      this.stats.certificates++;
      return { kind: 'conflict', support: sub.support, certificate: sub.certificate };
    }
    return this.decideExactly(pts, all);
  }

  /** The exact rational LP on `ids`. */
  decideExactly(pts: LabelledPoints, ids: number[]): CheckResult {
    this.stats.exactLps++;
    const r = separateExact(pts.exact, pts.labels, ids, pts.dim);
    if (r.kind === 'conflict') {
      this.stats.certificates++;
      return { kind: 'conflict', support: r.support, certificate: r.certificate };
    }
    return { kind: 'separable', w: Float64Array.from(r.w, (x) => x.toNumber()) };
  }

  /**
   * Exact parameters separating the labelled points `subset` (default all; w.p >= t on
   * label 1, w.n < t on label 0), from a float direction hint; or an exact conflict if there are none.
   */
  exactThreshold(pts: LabelledPoints, hint: Float64Array | null, subset?: number[]): { kind: 'params'; params: ThresholdParams } | CheckResult {
    const ids = subset ?? Array.from({ length: pts.labels.length }, (_, i) => i);
    if (hint) {
      let maxAbs = 0;
      for (const x of hint) maxAbs = Math.max(maxAbs, Math.abs(x));
      const scales = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16];
      for (let s = 32; s <= 2 ** 26; s *= 2) scales.push(s);
      if (maxAbs === 0) scales.length = 1;
      for (const F of scales) {
        const wi = Float64Array.from(hint, (x) => (maxAbs === 0 ? 0 : Math.round((x / maxAbs) * F)));
        if (floatGap(pts.float, pts.labels, ids, wi) <= 1e-9 * F && maxAbs !== 0) continue;
        const p = thresholdFor(pts, ids, Array.from(wi, (x) => Rational.of(BigInt(x))));
        if (p) return { kind: 'params', params: p };
      }
      const p = thresholdFor(pts, ids, Array.from(hint, (x) => Rational.fromNumber(x)));
      if (p) return { kind: 'params', params: p };
    }
    const r = separateExact(pts.exact, pts.labels, ids, pts.dim);
    this.stats.exactLps++;
    if (r.kind === 'conflict') {
      this.stats.certificates++;
      return { kind: 'conflict', support: r.support, certificate: r.certificate };
    }
    const p = thresholdFor(pts, ids, r.w);
    if (!p) throw new Error('internal error: an exact separator does not separate');
    return { kind: 'params', params: p };
  }
}

/**
 * The threshold for direction w, chosen exactly: an integer in (max w.n, min w.p] when
 * there is one, else min w.p. Null when w does not separate the points exactly.
 */
export function thresholdFor(pts: LabelledPoints, ids: number[], w: Rational[]): ThresholdParams | null {
  let minP: Rational | null = null;
  let maxN: Rational | null = null;
  for (const i of ids) {
    const s = dotExact(w, pts.exact[i]);
    if (pts.labels[i] === 1) {
      if (minP === null || s.cmp(minP) < 0) minP = s;
    } else if (maxN === null || s.cmp(maxN) > 0) maxN = s;
  }
  let t: Rational;
  if (minP === null && maxN === null) t = Rational.ZERO;
  else if (minP === null) t = floorR(maxN!).add(Rational.ONE);
  else if (maxN === null) t = floorR(minP);
  else {
    if (minP.cmp(maxN) <= 0) return null;
    const cand = floorR(maxN).add(Rational.ONE);
    t = cand.cmp(minP) <= 0 ? cand : minP;
  }
  return { weights: w, threshold: t };
}

function floorR(r: Rational): Rational {
  const q = r.num / r.den;
  return Rational.of(r.num < 0n && q * r.den !== r.num ? q - 1n : q);
}
