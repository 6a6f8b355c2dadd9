/**
 * Exact bounded-integer arithmetic on bit-vectors of literals ("bit-blasting").
 *
 * Why: the integer-weight encoding of a threshold unit needs `sum_i w_i * z_i >= t` per
 * training example, where the w_i and t are unknown bounded integers and z_i is a
 * constant 0/1 or a literal. This module turns such sums into CNF with no overflow.
 *
 * Representation: `BitVec = Lit[]`, signed two's complement, least significant bit
 * first; a vector of width w holds a value in [-2^(w-1), 2^(w-1) - 1] and its top bit is
 * the sign (weight -2^(w-1)). Bits may be the constants TRUE/FALSE; constants are folded
 * everywhere, so a constant BitVec produces no clauses. The empty vector reads as 0.
 * BitVecs are treated as immutable values.
 *
 * Ranges: every BitVec has a structural range (from its constant bits). Results of this
 * module, and integers made by `newInt`/`assertRange`, additionally carry a declared
 * range that holds in every model of the clauses posted so far; it is kept in a WeakMap
 * keyed by the array. Results are cut to the minimal width that holds their range, and
 * `geq`/`geqConst` fold to constants when ranges decide them.
 *
 * Encodings and costs (for non-constant inputs; folding only makes them cheaper):
 *  - full adder: Tseitin sum (xor3: 1 var, 8 clauses) and carry (majority: 1 var,
 *    6 clauses), i.e. 2 vars / 14 clauses, as in the adder networks of Eén & Sörensson,
 *    "Translating pseudo-Boolean constraints into SAT", JSAT 2006. One input FALSE gives
 *    a half adder (2 vars / 7 clauses), two inputs FALSE a pass-through (0 / 0).
 *  - add/sub of widths wx >= wy: ripple carry over w = min(wx + 1, width of the range)
 *    positions: about (w-1) full adders + one xor3 for the top bit (no carry out):
 *    <= 2w - 1 vars, <= 14w - 6 clauses. sub(x, y) = x + ~y + 1 (carry-in TRUE), so
 *    it costs the same as add; negate(x) = 0 - x costs about w half adders.
 *  - sum: constant terms are added up first; the rest are combined pairwise, narrowest
 *    first (a balanced tree for equal widths; Huffman-style otherwise), so the total
 *    adder width is minimal for the tree shape. n terms of width w: n-1 adders.
 *  - mulBit: one AND per non-constant bit (1 var / 3 clauses each).
 *  - mulConst: non-adjacent form (canonical signed digits, Reitwiesner 1960) of c, so
 *    a constant with d non-zero digits costs d-1 adders/subtractors; 0, +-1 and powers
 *    of two cost nothing beyond a negation (for negative c).
 *  - geq / geqConst: one comparator chain from the LSB, g' = maj(x_i, -y_i, g) (the carry
 *    chain of x - y), with the sign bits swapped for signed order: <= w vars, <= 6w
 *    clauses; for a constant each step is an AND or OR: <= w-1 vars, <= 3(w-1) clauses.
 *  - assertRange / newInt: the lexicographic comparison with a constant as plain clauses
 *    (no auxiliary variables): <= w clauses per bound.
 */
import { CnfBuilder, FALSE, TRUE, type Lit } from './builder.js';

export type BitVec = Lit[];

export interface Range {
  min: bigint;
  max: bigint;
}

const declared = new WeakMap<readonly Lit[], Range>();

const pow2 = (k: number): bigint => 1n << BigInt(k);

/** Smallest width w >= 1 whose two's complement range [-2^(w-1), 2^(w-1)-1] holds [min, max]. */
export function minWidth(min: bigint, max: bigint): number {
  let w = 1;
  while (min < -pow2(w - 1) || max > pow2(w - 1) - 1n) w++;
  return w;
}

function isConstLit(l: Lit): boolean {
  return l === TRUE || l === FALSE;
}

/** Bit i of x with sign extension (the empty vector is 0). */
function bit(x: readonly Lit[], i: number): Lit {
  if (x.length === 0) return FALSE;
  return x[Math.min(i, x.length - 1)];
}

/** The value of x if all its bits are constants, else undefined. */
function constValue(x: readonly Lit[]): bigint | undefined {
  for (const l of x) if (!isConstLit(l)) return undefined;
  return valueOf(x, () => false);
}

/** The range implied by the constant bits of x alone. */
function structuralRange(x: readonly Lit[]): Range {
  const w = x.length;
  let min = 0n;
  let max = 0n;
  for (let i = 0; i < w; i++) {
    const weight = i === w - 1 ? -pow2(i) : pow2(i);
    const l = x[i];
    if (l === TRUE) {
      min += weight;
      max += weight;
    } else if (l !== FALSE) {
      if (weight < 0n) min += weight;
      else max += weight;
    }
  }
  return { min, max };
}

/** Bounds on the value of x that hold in every model of the clauses posted by this module. */
export function rangeOf(x: readonly Lit[]): Range {
  const s = structuralRange(x);
  const d = declared.get(x);
  if (!d) return s;
  const min = d.min > s.min ? d.min : s.min;
  const max = d.max < s.max ? d.max : s.max;
  // An empty intersection means the clauses are unsatisfiable; any bound is then sound,
  // but keep min <= max so callers need not care.
  return min <= max ? { min, max } : s;
}

/** Drops top bits that merely repeat the sign (x[w-1] === x[w-2]). */
function normalize(x: Lit[]): Lit[] {
  let w = x.length;
  while (w >= 2 && x[w - 1] === x[w - 2]) w--;
  return w === x.length ? x : x.slice(0, w);
}

/** Records `r` as a declared range of x (intersected with what is known) and returns x. */
function withRange(x: Lit[], r: Range): Lit[] {
  const s = structuralRange(x);
  const old = declared.get(x);
  let min = r.min > s.min ? r.min : s.min;
  let max = r.max < s.max ? r.max : s.max;
  if (old) {
    if (old.min > min) min = old.min;
    if (old.max < max) max = old.max;
  }
  if (min > s.min || max < s.max) declared.set(x, { min, max });
  return x;
}

/** x cut to the minimal width its range needs (sound: the cut bits repeat the sign). */
function view(x: readonly Lit[]): Lit[] {
  if (x.length === 0) return [FALSE];
  const r = rangeOf(x);
  const w = Math.min(x.length, minWidth(r.min, r.max));
  const v = normalize(x.slice(0, w));
  return withRange(v, r);
}

/** A constant bit-vector (no clauses). Minimal width if `width` is omitted. */
export function constBV(value: bigint, width?: number): BitVec {
  const w = width ?? minWidth(value, value);
  if (!Number.isInteger(w) || w < 1) throw new RangeError(`constBV: bad width ${width}`);
  if (value < -pow2(w - 1) || value > pow2(w - 1) - 1n) {
    throw new RangeError(`constBV: ${value} does not fit in ${w} bits`);
  }
  const out: Lit[] = [];
  for (let i = 0; i < w; i++) out.push(((value >> BigInt(i)) & 1n) === 1n ? TRUE : FALSE);
  return out;
}

/**
 * A fresh integer constrained to [min, max], of minimal width. Bits shared by every value
 * of the range are constants; the bounds are posted as plain clauses (no auxiliary
 * variables), so the integer has exactly max - min + 1 models.
 */
export function newInt(b: CnfBuilder, min: bigint, max: bigint): BitVec {
  if (min > max) throw new RangeError(`newInt: empty range [${min}, ${max}]`);
  const w = minWidth(min, max);
  const lo = constBV(min, w);
  const hi = constBV(max, w);
  const x: Lit[] = new Array<Lit>(w);
  // Same sign => two's complement patterns are ordered like the values, so every value
  // in between shares the common top bits of min and max.
  let i = w - 1;
  for (; i >= 0 && lo[i] === hi[i]; i--) x[i] = lo[i];
  for (; i >= 0; i--) x[i] = b.newVar();
  const out = normalize(x);
  assertRange(b, out, min, max);
  return out;
}

/** x widened to `width` bits by repeating its sign bit. */
export function signExtend(x: BitVec, width: number): BitVec {
  if (width < x.length) throw new RangeError(`signExtend: width ${width} < ${x.length}`);
  const out = x.slice();
  while (out.length < width) out.push(bit(x, x.length));
  const d = declared.get(x);
  return d ? withRange(out, d) : out;
}

/** x + y + cin over `w` bit positions (the last computes only the sum bit). */
function ripple(b: CnfBuilder, x: readonly Lit[], y: readonly Lit[], cin: Lit, w: number): Lit[] {
  const out: Lit[] = [];
  let c = cin;
  for (let i = 0; i < w; i++) {
    const a = bit(x, i);
    const d = bit(y, i);
    out.push(b.xor3(a, d, c));
    if (i < w - 1) c = b.maj(a, d, c);
  }
  return out;
}

/**
 * x + y + (cin ? 1 : 0) for already-cut x, y, with `r` a range that holds for the result.
 * Width: min(max(wx, wy) + 1, minWidth(r)).
 */
function addCore(b: CnfBuilder, x: Lit[], y: Lit[], cin: Lit, r: Range): BitVec {
  const cx = constValue(x);
  const cy = constValue(y);
  if (cx !== undefined && cy !== undefined) return constBV(cx + cy + (cin === TRUE ? 1n : 0n));
  if (cin === FALSE && cx === 0n) return withRange(y, r);
  if (cin === FALSE && cy === 0n) return withRange(x, r);
  const w = Math.min(Math.max(x.length, y.length) + 1, minWidth(r.min, r.max));
  return withRange(normalize(ripple(b, x, y, cin, w)), r);
}

const bitNot = (x: readonly Lit[]): Lit[] => x.map((l) => -l);

function addRanges(x: Range, y: Range): Range {
  return { min: x.min + y.min, max: x.max + y.max };
}

function intersect(r: Range, hint?: Range): Range {
  if (!hint) return r;
  return {
    min: hint.min > r.min ? hint.min : r.min,
    max: hint.max < r.max ? hint.max : r.max,
  };
}

function addImpl(b: CnfBuilder, x: BitVec, y: BitVec, hint?: Range): BitVec {
  const vx = view(x);
  const vy = view(y);
  return addCore(b, vx, vy, FALSE, intersect(addRanges(rangeOf(vx), rangeOf(vy)), hint));
}

function subImpl(b: CnfBuilder, x: BitVec, y: BitVec, hint?: Range): BitVec {
  const vx = view(x);
  const vy = view(y);
  const rx = rangeOf(vx);
  const ry = rangeOf(vy);
  const r = intersect({ min: rx.min - ry.max, max: rx.max - ry.min }, hint);
  const cy = constValue(vy);
  if (cy !== undefined) return addCore(b, vx, constBV(-cy), FALSE, r);
  return addCore(b, vx, bitNot(vy), TRUE, r);
}

/** x + y, exact (width at most max(wx, wy) + 1). Ripple-carry full adders. */
export function add(b: CnfBuilder, x: BitVec, y: BitVec): BitVec {
  return addImpl(b, x, y);
}

/** x - y, exact: x + ~y + 1. */
export function sub(b: CnfBuilder, x: BitVec, y: BitVec): BitVec {
  return subImpl(b, x, y);
}

/** -x, exact (-(-2^(w-1)) needs one more bit). */
export function negate(b: CnfBuilder, x: BitVec): BitVec {
  return subImpl(b, [FALSE], x);
}

/**
 * Sum of all terms, exact; [] -> 0. Constant terms are added up in bigint first; the
 * rest are combined two at a time, narrowest first (balanced for equal widths).
 */
export function sum(b: CnfBuilder, xs: readonly BitVec[]): BitVec {
  let constant = 0n;
  // A small binary heap ordered by (width, sequence number) for determinism.
  type Item = { v: Lit[]; seq: number };
  const heap: Item[] = [];
  let seq = 0;
  const less = (p: Item, q: Item): boolean =>
    p.v.length !== q.v.length ? p.v.length < q.v.length : p.seq < q.seq;
  const push = (v: Lit[]): void => {
    heap.push({ v, seq: seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = (): Lit[] => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top.v;
  };
  for (const x of xs) {
    const c = constValue(x);
    if (c !== undefined) constant += c;
    else push(view(x));
  }
  if (constant !== 0n || heap.length === 0) push(constBV(constant));
  while (heap.length > 1) {
    const x = pop();
    const y = pop();
    push(addImpl(b, x, y));
  }
  return pop();
}

/** l ? x : 0 (one AND gate per non-constant bit). */
export function mulBit(b: CnfBuilder, x: BitVec, l: Lit): BitVec {
  const vx = view(x);
  if (l === TRUE) return vx;
  if (l === FALSE || constValue(vx) === 0n) return [FALSE];
  const r = rangeOf(vx);
  const out = normalize(vx.map((xi) => b.and([xi, l])));
  return withRange(out, { min: r.min < 0n ? r.min : 0n, max: r.max > 0n ? r.max : 0n });
}

/** Non-adjacent form of c: digits in {-1, 0, 1}, LSB first, no two adjacent non-zero. */
function naf(c: bigint): number[] {
  const digits: number[] = [];
  while (c !== 0n) {
    if ((c & 1n) === 1n) {
      const d = (((c % 4n) + 4n) % 4n) === 1n ? 1 : -1;
      digits.push(d);
      c -= BigInt(d);
    } else {
      digits.push(0);
    }
    c >>= 1n;
  }
  return digits;
}

/** x * 2^k: k constant FALSE bits below x (no clauses). */
function shift(x: Lit[], k: number): Lit[] {
  if (k === 0) return x;
  const r = rangeOf(x);
  const out = [...new Array<Lit>(k).fill(FALSE), ...x];
  return withRange(out, { min: r.min * pow2(k), max: r.max * pow2(k) });
}

/**
 * x * c, exact. Shift-and-add over the non-adjacent form of c: positive digits are
 * added, negative digits subtracted; d non-zero digits cost d - 1 adders (plus one
 * negation when every digit is negative, e.g. c = -2^k).
 */
export function mulConst(b: CnfBuilder, x: BitVec, c: bigint): BitVec {
  const vx = view(x);
  const cx = constValue(vx);
  if (cx !== undefined) return constBV(cx * c);
  if (c === 0n) return [FALSE];
  if (c === 1n) return vx;
  const rx = rangeOf(vx);
  const p = rx.min * c;
  const q = rx.max * c;
  const exact: Range = p <= q ? { min: p, max: q } : { min: q, max: p };
  const digits = naf(c);
  const pos: Lit[][] = [];
  const neg: Lit[][] = [];
  digits.forEach((d, k) => {
    if (d === 1) pos.push(shift(vx, k));
    else if (d === -1) neg.push(shift(vx, k));
  });
  const ops = pos.length + neg.length - 1 + (pos.length === 0 ? 1 : 0);
  let done = 0;
  const hint = (): Range | undefined => (++done === ops ? exact : undefined);
  let acc: Lit[];
  if (pos.length === 0) {
    acc = subImpl(b, [FALSE], neg.shift()!, hint());
  } else {
    acc = pos[0];
    for (const t of pos.slice(1)) acc = addImpl(b, acc, t, hint());
  }
  for (const t of neg) acc = subImpl(b, acc, t, hint());
  return withRange(acc, exact);
}

/** Literal equivalent to (x >= c); a constant when the range of x decides it. */
export function geqConst(b: CnfBuilder, x: BitVec, c: bigint): Lit {
  const vx = view(x);
  const r = rangeOf(vx);
  if (c <= r.min) return TRUE;
  if (c > r.max) return FALSE;
  // min < c <= max, so c fits in the width of vx. Unsigned order after flipping the sign
  // bit: x >= c  <=>  u >= c + 2^(w-1). Chain from the LSB: g_{i+1} = K_i ? u_i & g_i : u_i | g_i.
  const w = vx.length;
  const K = c + pow2(w - 1);
  let g: Lit = TRUE;
  for (let i = 0; i < w; i++) {
    const u = i === w - 1 ? -vx[i] : vx[i];
    g = ((K >> BigInt(i)) & 1n) === 1n ? b.and([u, g]) : b.or([u, g]);
  }
  return g;
}

/** Literal equivalent to (x >= y), signed; a constant when the ranges decide it. */
export function geq(b: CnfBuilder, x: BitVec, y: BitVec): Lit {
  const vx = view(x);
  const vy = view(y);
  const rx = rangeOf(vx);
  const ry = rangeOf(vy);
  if (rx.min >= ry.max) return TRUE;
  if (rx.max < ry.min) return FALSE;
  const cy = constValue(vy);
  if (cy !== undefined) return geqConst(b, vx, cy);
  const cx = constValue(vx);
  if (cx !== undefined) return -geqConst(b, vy, cx + 1n);
  // x >= y  <=>  x - y >= 0: the carry chain of x + ~y + 1, with sign bits swapped.
  const w = Math.max(vx.length, vy.length);
  let g: Lit = TRUE;
  for (let i = 0; i < w; i++) {
    let a = bit(vx, i);
    let d = bit(vy, i);
    if (i === w - 1) {
      a = -a;
      d = -d;
    }
    g = b.maj(a, -d, g);
  }
  return g;
}

/**
 * x >= c as clauses without auxiliary variables (u = x with the sign bit flipped,
 * K = c + 2^(w-1)): for each i with K_i = 1, (u_i or OR_{j > i, K_j = 0} u_j).
 */
function postGeqConst(b: CnfBuilder, x: readonly Lit[], c: bigint): void {
  const w = x.length;
  if (c <= -pow2(w - 1)) return;
  if (c > pow2(w - 1) - 1n) {
    b.addClause([]);
    return;
  }
  const K = c + pow2(w - 1);
  const u = (i: number): Lit => (i === w - 1 ? -x[i] : x[i]);
  const k = (i: number): boolean => ((K >> BigInt(i)) & 1n) === 1n;
  for (let i = 0; i < w; i++) {
    if (!k(i)) continue;
    const cl = [u(i)];
    for (let j = i + 1; j < w; j++) if (!k(j)) cl.push(u(j));
    b.addClause(cl);
  }
}

/** x <= c as clauses: for each i with K_i = 0, (-u_i or OR_{j > i, K_j = 1} -u_j). */
function postLeqConst(b: CnfBuilder, x: readonly Lit[], c: bigint): void {
  const w = x.length;
  if (c >= pow2(w - 1) - 1n) return;
  if (c < -pow2(w - 1)) {
    b.addClause([]);
    return;
  }
  const K = c + pow2(w - 1);
  const u = (i: number): Lit => (i === w - 1 ? -x[i] : x[i]);
  const k = (i: number): boolean => ((K >> BigInt(i)) & 1n) === 1n;
  for (let i = 0; i < w; i++) {
    if (k(i)) continue;
    const cl = [-u(i)];
    for (let j = i + 1; j < w; j++) if (k(j)) cl.push(-u(j));
    b.addClause(cl);
  }
}

/** Constrains min <= x <= max (plain clauses, no auxiliary variables). */
export function assertRange(b: CnfBuilder, x: BitVec, min: bigint, max: bigint): void {
  if (min > max) {
    b.addClause([]);
    return;
  }
  const r = rangeOf(x);
  if (min > r.min) postGeqConst(b, x, min);
  if (max < r.max) postLeqConst(b, x, max);
  withRange(x, { min, max });
}

/** Decodes x from a model: value(v) is the truth of variable v (v >= 2); constants handled. */
export function valueOf(x: readonly Lit[], value: (v: number) => boolean): bigint {
  const w = x.length;
  let out = 0n;
  for (let i = 0; i < w; i++) {
    const l = x[i];
    const t = l === TRUE ? true : l === FALSE ? false : l > 0 ? value(l) : !value(-l);
    if (t) out += i === w - 1 ? -pow2(i) : pow2(i);
  }
  return out;
}
