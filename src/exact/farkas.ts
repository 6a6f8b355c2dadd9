/**
 * Farkas certificates of non-separability, checked in exact rational (BigInt) arithmetic.
 *
 * A threshold unit must output 1 on points P and 0 on points N. With real weights this is
 * possible iff the margin system  w.p - t >= 0 (p in P),  w.n - t <= -1 (n in N)  has a
 * solution (scale any strict separator). Farkas' lemma: it has none iff there are
 * multipliers a_p >= 0, b_n >= 0 with
 *
 *     sum_p a_p p = sum_n b_n n,    sum_p a_p = sum_n b_n = 1,
 *
 * i.e. a convex combination of points of P equals a convex combination of points of N
 * (the hulls meet). Indeed, adding a_p times the first rows and b_n times the second
 * gives  w.(sum b n - sum a p) - t (sum b - sum a) <= -sum b,  that is 0 <= -1.
 * Kirchberger's theorem bounds the support of some such certificate by d + 2 points.
 *
 * `checkCertificate`, or for integer points the same condition scaled to integers
 * (`integerCertificate`), is the only gate for theory conflicts: a blocking clause is
 * added only for a set of labelled points whose certificate passed it. `recoverCertificate`
 * turns a floating-point support into exact multipliers by solving the small linear
 * system above exactly (fraction-free elimination in integers); for a minimal conflict
 * the system has a unique solution (if the columns were dependent, moving along the null
 * space would zero a multiplier and give a smaller conflict).
 */
import { lcm, Rational } from '../model/rational.js';

/** Labelled points (label 1 = the unit outputs 1 there) and one multiplier per point. */
export interface FarkasCertificate {
  points: Rational[][];
  labels: (0 | 1)[];
  multipliers: Rational[];
}

/** Why a certificate fails, or null if it proves that the labelled points are not separable. */
export function certificateError(cert: FarkasCertificate): string | null {
  const { points, labels, multipliers } = cert;
  const n = points.length;
  if (labels.length !== n || multipliers.length !== n) return 'points, labels and multipliers differ in length';
  if (n === 0) return 'empty certificate';
  const dim = points[0].length;
  if (points.some((p) => p.length !== dim)) return 'points of different dimensions';
  if (holdsScaled(cert)) return null;
  let sumPos = Rational.ZERO;
  let sumNeg = Rational.ZERO;
  const comb: Rational[] = new Array<Rational>(dim).fill(Rational.ZERO);
  for (let i = 0; i < n; i++) {
    const m = multipliers[i];
    if (m.num < 0n) return `multiplier ${i} is negative (${m})`;
    if (m.num === 0n) continue;
    const sign = labels[i] === 1 ? 1 : -1;
    if (sign === 1) sumPos = sumPos.add(m);
    else sumNeg = sumNeg.add(m);
    for (let c = 0; c < dim; c++) {
      const v = points[i][c];
      if (v.num === 0n) continue;
      const t = m.mul(v);
      comb[c] = sign === 1 ? comb[c].add(t) : comb[c].sub(t);
    }
  }
  if (!sumPos.eq(Rational.ONE)) return `multipliers of label-1 points sum to ${sumPos}, not 1`;
  if (!sumNeg.eq(Rational.ONE)) return `multipliers of label-0 points sum to ${sumNeg}, not 1`;
  for (let c = 0; c < dim; c++) {
    if (comb[c].num !== 0n) return `coordinate ${c}: the combinations differ by ${comb[c]}`;
  }
  return null;
}

/**
 * The conditions of certificateError for integer points, scaled by the common denominator
 * L of the multipliers: with A_i = L m_i (integers), sum of A_i over each label equals L,
 * and sum_i sign_i A_i p_i = 0. The same conditions times L, in BigInt integers without
 * the gcd of every rational step. False when they fail or do not apply (a non-integer
 * coordinate, a negative multiplier): certificateError then decides, and says why.
 */
function holdsScaled(cert: FarkasCertificate): boolean {
  const { points, labels, multipliers } = cert;
  let L = 1n;
  for (const m of multipliers) {
    if (m.num < 0n) return false;
    if (m.den !== 1n) L = lcm(L, m.den);
  }
  const dim = points[0].length;
  const comb = new Array<bigint>(dim).fill(0n);
  let sumPos = 0n;
  let sumNeg = 0n;
  for (let i = 0; i < points.length; i++) {
    const m = multipliers[i];
    if (m.num === 0n) continue;
    const a = m.num * (L / m.den);
    const pos = labels[i] === 1;
    if (pos) sumPos += a;
    else sumNeg += a;
    const p = points[i];
    for (let c = 0; c < dim; c++) {
      const v = p[c];
      if (v.num === 0n) continue;
      if (v.den !== 1n) return false;
      comb[c] += pos ? a * v.num : -(a * v.num);
    }
  }
  return sumPos === L && sumNeg === L && comb.every((x) => x === 0n);
}

/** True iff the certificate proves that its labelled points are not linearly separable. */
export function checkCertificate(cert: FarkasCertificate): boolean {
  return certificateError(cert) === null;
}

/**
 * Solves A x = rhs exactly (A: rows x cols). Returns one solution with the free variables
 * at 0, or null if the system is inconsistent. `unique` says whether there were no free
 * variables.
 *
 * Fraction-free Gaussian elimination (Bareiss, "Sylvester's identity and multistep
 * integer-preserving Gaussian elimination", Math. Comp. 22, 1968): each row is first
 * scaled to integers, then every step replaces M[i][q], for the rows i below the pivot, by
 * (p M[i][q] - M[i][c] M[r][q]) / p', p the new pivot and p' the previous one. Every
 * entry stays an integer (a minor of the scaled matrix, so each division is exact), and
 * the last pivot is the determinant of the pivot rows and columns; back substitution
 * then yields the solution times that determinant in integers (Cramer's rule). No gcd is
 * taken during elimination, which is what made elimination over Rationals slow on
 * conflicts of 20 to 30 points.
 */
export function solveExact(A: Rational[][], rhs: Rational[]): { x: Rational[]; unique: boolean } | null {
  const sol = solveIntegerSystem(A, rhs);
  if (!sol) return null;
  const x = new Array<Rational>(sol.numerators.length).fill(Rational.ZERO);
  sol.numerators.forEach((num, c) => {
    if (num !== 0n) x[c] = Rational.of(num, sol.denominator);
  });
  return { x, unique: sol.unique };
}

/**
 * The solution of solveExact as integers: x[c] = numerators[c] / denominator, with
 * denominator > 0 (not reduced).
 */
function solveIntegerSystem(A: Rational[][], rhs: Rational[]): { numerators: bigint[]; denominator: bigint; unique: boolean } | null {
  const rows = A.length;
  const cols = rows === 0 ? 0 : A[0].length;
  const M: bigint[][] = A.map((row, r) => {
    const all = [...row, rhs[r]];
    let l = 1n;
    for (const v of all) if (v.den !== 1n) l = lcm(l, v.den);
    return all.map((v) => (l === 1n ? v.num : v.num * (l / v.den)));
  });
  // Forward elimination: rows below the pivot only.
  const pivCol: number[] = [];
  let prev = 1n;
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let p = -1;
    for (let i = r; i < rows; i++) {
      if (M[i][c] !== 0n) {
        p = i;
        break;
      }
    }
    if (p < 0) continue;
    [M[r], M[p]] = [M[p], M[r]];
    const pr = M[r];
    const piv = pr[c];
    for (let i = r + 1; i < rows; i++) {
      const row = M[i];
      const f = row[c];
      row[c] = 0n;
      for (let q = c + 1; q <= cols; q++) {
        const v = f === 0n || pr[q] === 0n ? piv * row[q] : piv * row[q] - f * pr[q];
        row[q] = v === 0n ? 0n : exactQuotient(v, prev);
      }
    }
    prev = piv;
    pivCol.push(c);
    r++;
  }
  for (let i = r; i < rows; i++) if (M[i][cols] !== 0n) return null;
  // Back substitution with the free variables at 0. The pivot rows and columns form a
  // square system whose determinant is the last pivot D (Bareiss), so by Cramer's rule
  // X = D x is integral, and each step's division is exact.
  const D = prev;
  const numerators = new Array<bigint>(cols).fill(0n);
  for (let i = r - 1; i >= 0; i--) {
    const row = M[i];
    let acc = D * row[cols];
    for (let k = i + 1; k < r; k++) {
      const c = pivCol[k];
      if (row[c] !== 0n && numerators[c] !== 0n) acc -= row[c] * numerators[c];
    }
    numerators[pivCol[i]] = acc === 0n ? 0n : exactQuotient(acc, row[pivCol[i]]);
  }
  if (D < 0n) for (let c = 0; c < cols; c++) numerators[c] = -numerators[c];
  return { numerators, denominator: D < 0n ? -D : D, unique: pivCol.length === cols };
}

/** a / b for an exact division (the algorithms above guarantee it; a failure is a bug). */
function exactQuotient(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (q * b !== a) throw new Error('fraction-free elimination: inexact division');
  return q;
}

/**
 * Exact multipliers for the labelled points `support` (each label must occur), from the
 * linear system sum a p - sum b n = 0, sum a = 1, sum b = 1. Returns a checked
 * certificate, or null if the system's basic solution is not one (inconsistent, or a
 * negative multiplier): the caller then falls back to the exact LP.
 */
export function recoverCertificate(points: Rational[][], labels: (0 | 1)[]): FarkasCertificate | null {
  return recoverCertificateEx(points, labels)?.certificate ?? null;
}

/**
 * As recoverCertificate, and says whether the certificate proves the points a MINIMAL
 * conflict: when the system has a unique solution and every multiplier is positive, no
 * proper subset is a conflict (a conflict T inside S would give a second solution, zero
 * outside T, so the columns would be dependent). A basic optimal solution of the float LP
 * has independent columns, so its support is usually minimal already.
 */
export function recoverCertificateEx(points: Rational[][], labels: (0 | 1)[]): { certificate: FarkasCertificate; minimal: boolean } | null {
  const n = points.length;
  if (n === 0) return null;
  const dim = points[0].length;
  const A: Rational[][] = [];
  const rhs: Rational[] = [];
  for (let c = 0; c < dim; c++) {
    A.push(points.map((p, i) => (labels[i] === 1 ? p[c] : p[c].neg())));
    rhs.push(Rational.ZERO);
  }
  A.push(labels.map((l) => (l === 1 ? Rational.ONE : Rational.ZERO)));
  rhs.push(Rational.ONE);
  A.push(labels.map((l) => (l === 0 ? Rational.ONE : Rational.ZERO)));
  rhs.push(Rational.ONE);
  const sol = solveIntegerSystem(A, rhs);
  if (!sol) return null;
  const minimal = sol.unique && sol.numerators.every((m) => m > 0n);
  if (points.every((p) => p.every((v) => v.den === 1n))) {
    const certificate = integerCertificate(points, labels, sol.numerators);
    return certificate ? { certificate, minimal } : null;
  }
  const cert: FarkasCertificate = { points, labels, multipliers: sol.numerators.map((m) => (m === 0n ? Rational.ZERO : Rational.of(m, sol.denominator))) };
  if (!checkCertificate(cert)) return null;
  return { certificate: cert, minimal };
}

/**
 * The certificate with multipliers A_i / sum_{label 1} A_j, for integer points and
 * integer A_i >= 0, checked in BigInt integers (no gcd until the multipliers are made):
 * sum_{label 1} A_i = sum_{label 0} A_j > 0 and sum A_i p_i = sum A_j n_j. This is
 * certificateError's condition scaled by the common denominator. Null when it fails.
 */
function integerCertificate(points: Rational[][], labels: (0 | 1)[], A: readonly bigint[]): FarkasCertificate | null {
  const n = points.length;
  const dim = points[0].length;
  if (A.some((a) => a < 0n)) return null;
  let sPos = 0n;
  let sNeg = 0n;
  const comb = new Array<bigint>(dim).fill(0n);
  for (let i = 0; i < n; i++) {
    if (A[i] === 0n) continue;
    const sign = labels[i] === 1 ? 1n : -1n;
    if (sign === 1n) sPos += A[i];
    else sNeg += A[i];
    for (let c = 0; c < dim; c++) {
      const v = points[i][c].num;
      if (v !== 0n) comb[c] += sign * A[i] * v;
    }
  }
  if (sPos !== sNeg || sPos === 0n || comb.some((x) => x !== 0n)) return null;
  return { points, labels, multipliers: A.map((a) => (a === 0n ? Rational.ZERO : Rational.of(a, sPos))) };
}

const PRIME = 67108859; // 2^26 - 5: products of two residues stay below 2^53
/** Coordinates recoverFromFloat takes: integers of at most 40 bits. */
const COORD_LIMIT = 1n << 40n;

/** x modulo PRIME, in 0..PRIME-1, for an integer x of at most 53 bits. */
const residue = (x: number) => ((x % PRIME) + PRIME) % PRIME;

/**
 * Rank modulo PRIME of an integer matrix given by its residues (a lower bound on its rank
 * over Q). Eliminates in place.
 */
function rankModP(A: number[][]): number {
  const rows = A.length;
  const cols = rows ? A[0].length : 0;
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let p = -1;
    for (let i = r; i < rows && p < 0; i++) if (A[i][c] !== 0) p = i;
    if (p < 0) continue;
    [A[r], A[p]] = [A[p], A[r]];
    const inv = modInverse(A[r][c]);
    const pr = A[r];
    // Forward elimination only: rows below the pivot.
    for (let i = r + 1; i < rows; i++) {
      const ri = A[i];
      if (ri[c] === 0) continue;
      const f = (ri[c] * inv) % PRIME;
      for (let q = c; q < cols; q++) {
        if (pr[q] !== 0) ri[q] = (ri[q] - ((f * pr[q]) % PRIME) + PRIME) % PRIME;
      }
    }
    r++;
  }
  return r;
}

function modInverse(a: number): number {
  // Extended Euclid on small non-negative integers (exact in doubles).
  let [r0, r1] = [PRIME, a % PRIME];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return ((t0 % PRIME) + PRIME) % PRIME;
}

/**
 * Fast path of recoverCertificateEx for integer points: reconstructs exact multipliers
 * from the float LP's approximate ones (a common denominator found by continued
 * fractions), then checks the scaled certificate in BigInt integers:
 *   A_i > 0 integers,  sum_{label 1} A_i = sum_{label 0} A_j,  sum A_i p_i = sum A_j n_j.
 * Minimality as in recoverCertificateEx: positive multipliers and independent columns;
 * independence is proved by the rank modulo a prime (rank mod p <= rank over Q, so full
 * rank mod p means full rank). Null when any step fails: the caller uses the general path.
 */
export function recoverFromFloat(points: Rational[][], labels: (0 | 1)[], approx: readonly number[]): { certificate: FarkasCertificate; minimal: boolean } | null {
  const n = points.length;
  if (n === 0 || approx.length !== n) return null;
  const dim = points[0].length;
  // Integer coordinates only; and which coordinates are non-zero in some point.
  const used = new Uint8Array(dim);
  for (const p of points) {
    for (let c = 0; c < dim; c++) {
      const v = p[c];
      // A zero coordinate adds nothing below, whatever its form: one comparison for it.
      if (v.num === 0n) continue;
      if (v.den !== 1n || v.num > COORD_LIMIT || v.num < -COORD_LIMIT) return null;
      used[c] = 1;
    }
  }
  const max = Math.max(...approx);
  if (!(max > 0)) return null;
  const lam = approx.map((x) => x / max);
  let D = 1;
  for (const x of lam) {
    const y = x * D;
    if (Math.abs(y - Math.round(y)) < 1e-6 * Math.max(1, D / 1e6)) continue;
    const q = denominatorOf(y - Math.floor(y));
    if (q === 0) return null;
    D *= q;
    if (D > 2 ** 50) return null;
  }
  const A = lam.map((x) => BigInt(Math.round(x * D)));
  if (A.some((a) => a <= 0n)) return null;
  const certificate = integerCertificate(points, labels, A);
  if (!certificate) return null;
  // Coordinates that are 0 in every point add only zero rows: leave them out.
  const M: number[][] = [];
  for (let c = 0; c < dim; c++) if (used[c]) M.push(points.map((p, i) => residue((labels[i] === 1 ? 1 : -1) * Number(p[c].num))));
  M.push(labels.map((l) => (l === 1 ? 1 : 0)));
  M.push(labels.map((l) => (l === 0 ? 1 : 0)));
  return { certificate, minimal: rankModP(M) === n };
}

/** Smallest q <= 2^40 with x*q within 1e-9 of an integer (continued fractions), or 0. */
function denominatorOf(x: number): number {
  let h0 = 0;
  let h1 = 1;
  let k0 = 1;
  let k1 = 0;
  let y = x;
  for (let it = 0; it < 64; it++) {
    const a = Math.floor(y);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > 2 ** 40) return 0;
    if (k1 > 0 && Math.abs(x * k1 - Math.round(x * k1)) < 1e-9 * Math.max(1, k1 / 1e3)) return k1;
    const f = y - a;
    if (f < 1e-15) return k1 || 0;
    y = 1 / f;
  }
  return 0;
}
