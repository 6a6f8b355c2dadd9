/**
 * Cardinality constraints (sum of literals >= / <= / = k) behind one interface with
 * interchangeable encodings, in the style of PySAT's `CardEnc`.
 *
 * Why: the encoder needs "at least k examples correct" (Judd's approximate loading,
 * `minCorrect`) and small at-most/exactly constraints; having two encodings behind one
 * signature lets tests cross-check them and lets benchmarks pick the faster one.
 *
 * Encodings:
 *  - 'totalizer' (default): Bailleux & Boufkhad, "Efficient CNF encoding of Boolean
 *    cardinality constraints", CP 2003. A balanced binary tree whose node for a set S
 *    holds the unary count of S. Outputs are truncated at the bound that matters
 *    (k-simplification, as in Büttner & Rintanen 2005 / Ogawa et al. 2013), so a node
 *    over s leaves has min(s, clip) outputs. Cost per internal node with children of
 *    ka, kb outputs and m = min(clip, ka + kb) outputs: m variables and at most
 *    (ka+1)(kb+1) clauses per direction; overall O(n * clip) variables and
 *    O(n * clip^2) clauses worst case (O(n log n) clauses for clip = 1, 2).
 *  - 'seqcounter': Sinz, "Towards an optimal CNF encoding of Boolean cardinality
 *    constraints", CP 2005 (LTseq). Registers s(i, j) <- "at least j of the first i
 *    literals". We only create the registers that can influence the final check (a
 *    window of width k on each row, and j <= i), so at most k(n-k) variables and
 *    about 2k(n-k) + n clauses; at-least constraints use sum(l) >= k <=> sum(-l) <= n-k.
 *
 * Both at-most/at-least encodings are one-directional (the auxiliary variables are
 * implied by the inputs in one direction only), which is all a posted constraint needs.
 * `unaryCount` instead returns a fully defined counter (both directions) that can be
 * used under assumptions or negated.
 *
 * Constants among the literals are folded (TRUE shifts k, FALSE is dropped); trivially
 * true constraints add nothing and trivially false ones add the empty clause.
 */
import { CnfBuilder, FALSE, TRUE, type Lit } from './builder.js';

export type CardEncoding = 'totalizer' | 'seqcounter';
export const CARD_ENCODINGS: readonly CardEncoding[] = ['totalizer', 'seqcounter'];

/** Splits `lits` into the non-constant literals and the number of TRUE constants. */
function strip(lits: readonly Lit[]): { vars: Lit[]; trues: number } {
  const vars: Lit[] = [];
  let trues = 0;
  for (const l of lits) {
    if (l === TRUE) trues++;
    else if (l !== FALSE) vars.push(l);
  }
  return { vars, trues };
}

/**
 * Totalizer over non-constant `lits`, truncated at `clip` outputs (clip >= 1).
 * out[j-1] is implied by "count >= j" when `up`, and implies it when `down`, where the
 * count is clipped at `clip`. Leaves use the literal itself (no variable).
 */
function totalizer(b: CnfBuilder, lits: readonly Lit[], clip: number, up: boolean, down: boolean): Lit[] {
  const build = (lo: number, hi: number): Lit[] => {
    if (hi - lo === 1) return [lits[lo]];
    const mid = (lo + hi) >> 1;
    return merge(b, build(lo, mid), build(mid, hi), clip, up, down);
  };
  return lits.length === 0 ? [] : build(0, lits.length);
}

/** One totalizer node: unary sum of the unary (clipped) counts A and B. */
function merge(b: CnfBuilder, A: Lit[], B: Lit[], clip: number, up: boolean, down: boolean): Lit[] {
  const ka = A.length;
  const kb = B.length;
  const m = Math.min(clip, ka + kb);
  // a(0) = TRUE (count >= 0), a(i) = A[i-1], a(i) = FALSE beyond the clipped count.
  const a = (i: number): Lit => (i === 0 ? TRUE : i > ka ? FALSE : A[i - 1]);
  const bb = (i: number): Lit => (i === 0 ? TRUE : i > kb ? FALSE : B[i - 1]);
  const R = b.newVars(m);
  for (let j = 1; j <= m; j++) {
    if (up) {
      // a(i) & b(l) -> r(j) for i + l = j.
      for (let i = Math.max(0, j - kb); i <= Math.min(j, ka); i++) {
        b.addClause([-a(i), -bb(j - i), R[j - 1]]);
      }
    }
    if (down) {
      // -a(i+1) & -b(l+1) -> -r(j) for i + l = j - 1.
      for (let i = Math.max(0, j - 1 - kb); i <= Math.min(j - 1, ka); i++) {
        b.addClause([a(i + 1), bb(j - i), -R[j - 1]]);
      }
    }
  }
  return R;
}

/**
 * Sinz's sequential counter posting sum(lits) <= k, for non-constant lits and
 * 1 <= k < lits.length. Register reg(i, j) (1-based prefix length i) is implied by
 * "at least j of x_1..x_i are true"; only registers with j >= k - (n-1-i) can reach the
 * final check, so only those are created.
 */
function seqAtMost(b: CnfBuilder, lits: readonly Lit[], k: number): void {
  const n = lits.length;
  let prev: Lit[] = []; // prev[j] = reg(i-1, j) for j in [lo(i-1), min(i-1, k)]
  let prevLo = 1;
  const reg = (row: Lit[], rowLo: number, i: number, j: number): Lit => {
    if (j <= 0) return TRUE;
    if (j > i) return FALSE;
    if (j < rowLo) throw new Error('seqcounter: register outside window');
    return row[j];
  };
  for (let i = 1; i <= n; i++) {
    const x = lits[i - 1];
    // Forbid the (k+1)-th true literal: x_i & reg(i-1, k) -> false.
    b.addClause([-x, -reg(prev, prevLo, i - 1, k)]);
    if (i === n) break;
    const lo = Math.max(1, k - (n - 1 - i));
    const hi = Math.min(i, k);
    const row: Lit[] = [];
    for (let j = lo; j <= hi; j++) {
      const r = b.newVar();
      row[j] = r;
      b.addClause([-x, -reg(prev, prevLo, i - 1, j - 1), r]);
      b.addClause([-reg(prev, prevLo, i - 1, j), r]);
    }
    prev = row;
    prevLo = lo;
  }
}

/** sum(vars) <= k for non-constant vars, 0 < k < n, using `enc`. */
function atMostCore(b: CnfBuilder, vars: readonly Lit[], k: number, enc: CardEncoding): void {
  const n = vars.length;
  if (enc === 'seqcounter') {
    // The register window already has k(n-k) cells, symmetric in k and n-k, so no
    // side needs choosing.
    seqAtMost(b, vars, k);
    return;
  }
  if (k + 1 <= n - k) {
    const out = totalizer(b, vars, k + 1, true, false);
    b.addClause([-out[k]]);
  } else {
    // sum(x) <= k  <=>  sum(-x) >= n - k.
    const neg = vars.map((l) => -l);
    const out = totalizer(b, neg, n - k, false, true);
    b.addClause([out[n - k - 1]]);
  }
}

function checkK(k: number): void {
  if (!Number.isFinite(k)) throw new RangeError(`cardinality bound must be finite, got ${k}`);
}

/** Posts sum(lits) <= k. */
export function atMost(b: CnfBuilder, lits: readonly Lit[], k: number, enc: CardEncoding = 'totalizer'): void {
  checkK(k);
  const { vars, trues } = strip(lits);
  const kk = Math.floor(k) - trues;
  const n = vars.length;
  if (kk < 0) b.addClause([]);
  else if (kk >= n) return;
  else if (kk === 0) for (const l of vars) b.addClause([-l]);
  else if (kk === n - 1) b.addClause(vars.map((l) => -l));
  else atMostCore(b, vars, kk, enc);
}

/** Posts sum(lits) >= k. */
export function atLeast(b: CnfBuilder, lits: readonly Lit[], k: number, enc: CardEncoding = 'totalizer'): void {
  // sum(l) >= k  <=>  sum(-l) <= n - k  (constants negate to constants, folded there).
  checkK(k);
  atMost(b, lits.map((l) => -l), lits.length - Math.ceil(k), enc);
}

/** Posts sum(lits) = k. */
export function exactly(b: CnfBuilder, lits: readonly Lit[], k: number, enc: CardEncoding = 'totalizer'): void {
  checkK(k);
  const { vars, trues } = strip(lits);
  const kk = k - trues;
  const n = vars.length;
  if (!Number.isInteger(kk) || kk < 0 || kk > n) {
    b.addClause([]);
    return;
  }
  if (kk === 0 || kk === n) {
    for (const l of vars) b.addClause([kk === 0 ? -l : l]);
    return;
  }
  if (enc === 'totalizer') {
    // One shared tree with both directions, counting whichever side is smaller.
    if (kk + 1 <= n - kk + 1) {
      const out = totalizer(b, vars, kk + 1, true, true);
      b.addClause([out[kk - 1]]);
      if (kk < out.length) b.addClause([-out[kk]]);
    } else {
      const neg = vars.map((l) => -l);
      const kn = n - kk;
      const out = totalizer(b, neg, kn + 1, true, true);
      b.addClause([out[kn - 1]]);
      if (kn < out.length) b.addClause([-out[kn]]);
    }
    return;
  }
  atMost(b, vars, kk, enc);
  atLeast(b, vars, kk, enc);
}

/**
 * Unary counter: out[i] <-> (number of true lits >= i+1), for i < min(upTo, lits.length).
 * Fully defined (both directions), so it is usable under assumptions and negation.
 * Built as a totalizer truncated at `upTo`.
 */
export function unaryCount(b: CnfBuilder, lits: readonly Lit[], upTo: number = lits.length): Lit[] {
  checkK(upTo);
  const len = Math.max(0, Math.min(Math.floor(upTo), lits.length));
  const { vars, trues } = strip(lits);
  const out: Lit[] = [];
  for (let i = 0; i < Math.min(trues, len); i++) out.push(TRUE);
  const rest = len - out.length;
  if (rest > 0 && vars.length > 0) out.push(...totalizer(b, vars, rest, true, true).slice(0, rest));
  while (out.length < len) out.push(FALSE);
  return out;
}
