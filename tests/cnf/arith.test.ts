/**
 * Bit-vector arithmetic against bigint arithmetic. Inputs are bit-vectors of fresh
 * variables, negated variables, constant bits, newInt ranges or constants; they are fixed
 * to values by unit assumptions, and the result must (a) be fully defined (exactly one
 * model) and (b) decode with valueOf to the exact result. newInt/assertRange must admit
 * exactly the values of their range; comparisons must match bigint comparison.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CnfBuilder, FALSE, TRUE, type Lit } from '../../src/cnf/builder.js';
import {
  add, assertRange, constBV, geq, geqConst, minWidth, mulBit, mulConst, negate, newInt,
  rangeOf, signExtend, sub, sum, valueOf, type BitVec,
} from '../../src/cnf/arith.js';
import { Dpll, litTrue } from '../helpers/cnf-brute.js';

// ---------- input specifications ----------

type BitSpec = '0' | '1' | 'v' | 'n';
type InSpec =
  | { kind: 'bits'; pattern: BitSpec[]; assign: boolean[] }
  | { kind: 'int'; min: bigint; max: bigint; pick: number }
  | { kind: 'const'; value: bigint };

const bitsArb = fc.integer({ min: 1, max: 5 }).chain((w) =>
  fc.record({
    kind: fc.constant('bits' as const),
    pattern: fc.array(fc.constantFrom<BitSpec>('v', 'v', 'v', 'n', '0', '1'), { minLength: w, maxLength: w }),
    assign: fc.array(fc.boolean(), { minLength: w, maxLength: w }),
  }),
);
const intArb = fc
  .tuple(fc.bigInt({ min: -20n, max: 20n }), fc.bigInt({ min: 0n, max: 25n }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([min, span, pick]) => ({ kind: 'int' as const, min, max: min + span, pick }));
const constArb = fc.bigInt({ min: -20n, max: 20n }).map((value) => ({ kind: 'const' as const, value }));
const inArb: fc.Arbitrary<InSpec> = fc.oneof({ weight: 3, arbitrary: bitsArb }, { weight: 2, arbitrary: intArb }, { weight: 1, arbitrary: constArb });

interface Input {
  bv: BitVec;
  value: bigint;
  as: Lit[];
}

/** Assumptions fixing the bits of bv to `value` (two's complement), or null if impossible. */
function fix(bv: readonly Lit[], value: bigint): Lit[] | null {
  const w = bv.length;
  if (value < -(1n << BigInt(w - 1)) || value >= 1n << BigInt(w - 1)) return null;
  const as: Lit[] = [];
  for (let i = 0; i < w; i++) {
    const one = ((value >> BigInt(i)) & 1n) === 1n;
    const l = one ? bv[i] : -bv[i];
    if (l === FALSE) return null;
    if (l !== TRUE) as.push(l);
  }
  return as;
}

function build(b: CnfBuilder, s: InSpec): Input {
  if (s.kind === 'const') return { bv: constBV(s.value), value: s.value, as: [] };
  if (s.kind === 'int') {
    const bv = newInt(b, s.min, s.max);
    const span = Number(s.max - s.min) + 1;
    const value = s.min + BigInt(Math.min(span - 1, Math.floor(s.pick * span)));
    return { bv, value, as: fix(bv, value)! };
  }
  const bv: Lit[] = s.pattern.map((p) => (p === '0' ? FALSE : p === '1' ? TRUE : p === 'v' ? b.newVar() : -b.newVar()));
  const as: Lit[] = [];
  bv.forEach((l, i) => {
    if (l !== TRUE && l !== FALSE) as.push(s.assign[i] ? l : -l);
  });
  const model = (v: number) => as.includes(v);
  return { bv, value: valueOf(bv, model), as };
}

/** Solves under `as`, asserting exactly one model, and returns a decoder. */
function solveUnique(b: CnfBuilder, as: Lit[]): { val: (x: readonly Lit[]) => bigint; lit: (l: Lit) => boolean } {
  const r = new Dpll(b.build()).count(as, 2);
  expect(r.count).toBe(1);
  const m = r.model!;
  const val = (x: readonly Lit[]): bigint => {
    const v = valueOf(x, (u) => m[u]);
    // The declared range must hold in the model (decoders and folding rely on it).
    const rg = rangeOf(x);
    expect(v >= rg.min && v <= rg.max, `value ${v} outside declared range [${rg.min}, ${rg.max}]`).toBe(true);
    return v;
  };
  return { val, lit: (l) => litTrue(m, l) };
}

function checkWidth(x: readonly Lit[]): void {
  // A result is never wider than needed for its declared range.
  const r = rangeOf(x);
  expect(x.length).toBeLessThanOrEqual(Math.max(1, minWidth(r.min, r.max)));
}

// ---------- tests ----------

describe('constants', () => {
  it('constBV round-trips with minimal width and rejects misfits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), (v) => {
        const x = constBV(v);
        expect(valueOf(x, () => false)).toBe(v);
        expect(x.length).toBe(minWidth(v, v));
        if (x.length > 1) expect(() => constBV(v, x.length - 1)).toThrow();
        expect(valueOf(constBV(v, x.length + 3), () => false)).toBe(v);
      }),
    );
    expect(constBV(0n)).toEqual([FALSE]);
    expect(constBV(-1n)).toEqual([TRUE]);
    expect(constBV(1n)).toEqual([TRUE, FALSE]);
    expect(minWidth(-8n, 7n)).toBe(4);
    expect(minWidth(-9n, 7n)).toBe(5);
    expect(minWidth(0n, 8n)).toBe(5);
  });

  it('operations on constant bit-vectors emit no clauses and no variables', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -50n, max: 50n }), { minLength: 2, maxLength: 6 }), fc.bigInt({ min: -30n, max: 30n }), (vs, c) => {
        const b = new CnfBuilder();
        const xs = vs.map((v) => constBV(v));
        const k = (x: readonly Lit[]) => valueOf(x, () => false);
        expect(k(add(b, xs[0], xs[1]))).toBe(vs[0] + vs[1]);
        expect(k(sub(b, xs[0], xs[1]))).toBe(vs[0] - vs[1]);
        expect(k(negate(b, xs[0]))).toBe(-vs[0]);
        expect(k(sum(b, xs))).toBe(vs.reduce((a, v) => a + v, 0n));
        expect(k(mulConst(b, xs[0], c))).toBe(vs[0] * c);
        expect(k(mulBit(b, xs[0], TRUE))).toBe(vs[0]);
        expect(k(mulBit(b, xs[0], FALSE))).toBe(0n);
        expect(geq(b, xs[0], xs[1])).toBe(vs[0] >= vs[1] ? TRUE : FALSE);
        expect(geqConst(b, xs[0], c)).toBe(vs[0] >= c ? TRUE : FALSE);
        expect(b.clauses.length).toBe(1);
        expect(b.numVars).toBe(1);
      }),
    );
  });
});

describe('arithmetic on fixed inputs decodes to the exact result', () => {
  it('add / sub / negate', () => {
    fc.assert(
      fc.property(inArb, inArb, (sx, sy) => {
        const b = new CnfBuilder();
        const x = build(b, sx);
        const y = build(b, sy);
        const s = add(b, x.bv, y.bv);
        const d = sub(b, x.bv, y.bv);
        const n = negate(b, x.bv);
        expect(s.length).toBeLessThanOrEqual(Math.max(x.bv.length, y.bv.length) + 1);
        for (const r of [s, d, n]) checkWidth(r);
        const m = solveUnique(b, [...x.as, ...y.as]);
        expect(m.val(x.bv)).toBe(x.value);
        expect(m.val(y.bv)).toBe(y.value);
        expect(m.val(s)).toBe(x.value + y.value);
        expect(m.val(d)).toBe(x.value - y.value);
        expect(m.val(n)).toBe(-x.value);
      }),
      { numRuns: 400 },
    );
  });

  it('add / sub / geq exhaustively for widths 1..3 of free variables', () => {
    for (let wx = 1; wx <= 3; wx++) {
      for (let wy = 1; wy <= 3; wy++) {
        const b = new CnfBuilder();
        const x = b.newVars(wx);
        const y = b.newVars(wy);
        const s = add(b, x, y);
        const d = sub(b, x, y);
        const g = geq(b, x, y);
        const g2 = geq(b, y, x);
        const solver = new Dpll(b.build());
        for (let vx = -(1n << BigInt(wx - 1)); vx < 1n << BigInt(wx - 1); vx++) {
          for (let vy = -(1n << BigInt(wy - 1)); vy < 1n << BigInt(wy - 1); vy++) {
            const r = solver.count([...fix(x, vx)!, ...fix(y, vy)!]);
            expect(r.count).toBe(1);
            const val = (z: Lit[]) => valueOf(z, (v) => r.model![v]);
            expect(val(s)).toBe(vx + vy);
            expect(val(d)).toBe(vx - vy);
            expect(litTrue(r.model!, g)).toBe(vx >= vy);
            expect(litTrue(r.model!, g2)).toBe(vy >= vx);
          }
        }
      }
    }
  });

  it('negate of the most negative value widens', () => {
    const b = new CnfBuilder();
    const x = b.newVars(4);
    const n = negate(b, x);
    expect(n.length).toBe(5);
    const m = solveUnique(b, fix(x, -8n)!);
    expect(m.val(n)).toBe(8n);
  });

  it('sum of many terms (mixed kinds, constants folded)', () => {
    fc.assert(
      fc.property(fc.array(inArb, { maxLength: 14 }), (specs) => {
        const b = new CnfBuilder();
        const ins = specs.map((s) => build(b, s));
        const s = sum(b, ins.map((i) => i.bv));
        checkWidth(s);
        const m = solveUnique(b, ins.flatMap((i) => i.as));
        expect(m.val(s)).toBe(ins.reduce((a, i) => a + i.value, 0n));
      }),
      { numRuns: 200 },
    );
    const b = new CnfBuilder();
    expect(sum(b, [])).toEqual([FALSE]);
  });

  it('mulBit', () => {
    fc.assert(
      fc.property(inArb, fc.constantFrom<'t' | 'f' | 'v'>('t', 'f', 'v'), fc.boolean(), (sx, lk, lv) => {
        const b = new CnfBuilder();
        const x = build(b, sx);
        const l = lk === 't' ? TRUE : lk === 'f' ? FALSE : b.newVar();
        const p = mulBit(b, x.bv, l);
        checkWidth(p);
        const as = [...x.as, ...(lk === 'v' ? [lv ? l : -l] : [])];
        const m = solveUnique(b, as);
        expect(m.val(p)).toBe(m.lit(l) ? x.value : 0n);
      }),
      { numRuns: 300 },
    );
  });

  it('mulConst, including negative constants, 0, +-1 and powers of two', () => {
    const cArb = fc.oneof(
      fc.bigInt({ min: -40n, max: 40n }),
      fc.integer({ min: 0, max: 12 }).chain((k) => fc.constantFrom(1n << BigInt(k), -(1n << BigInt(k)))),
    );
    fc.assert(
      fc.property(inArb, cArb, (sx, c) => {
        const b = new CnfBuilder();
        const x = build(b, sx);
        const v0 = b.numVars;
        const p = mulConst(b, x.bv, c);
        checkWidth(p);
        const r = rangeOf(p);
        const rx = rangeOf(x.bv);
        // The declared range is the exact image of the input range.
        expect(r.min).toBe(c >= 0n ? rx.min * c : rx.max * c);
        expect(r.max).toBe(c >= 0n ? rx.max * c : rx.min * c);
        if (c === 0n || c === 1n || (c > 0n && (c & (c - 1n)) === 0n)) expect(b.numVars).toBe(v0);
        const m = solveUnique(b, x.as);
        expect(m.val(p)).toBe(x.value * c);
      }),
      { numRuns: 400 },
    );
  });

  it('signExtend keeps the value', () => {
    fc.assert(
      fc.property(inArb, fc.integer({ min: 0, max: 4 }), (sx, extra) => {
        const b = new CnfBuilder();
        const x = build(b, sx);
        const e = signExtend(x.bv, x.bv.length + extra);
        expect(e.length).toBe(x.bv.length + extra);
        const m = solveUnique(b, x.as);
        expect(m.val(e)).toBe(x.value);
      }),
    );
    expect(() => signExtend([TRUE, FALSE], 1)).toThrow();
  });

  it('a weighted sum like the encoder builds: sum_i w_i * z_i, 120 terms', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ w: fc.integer({ min: -9, max: 9 }), z: fc.constantFrom<'0' | '1' | 'l'>('0', '1', 'l'), zv: fc.boolean() }),
          { minLength: 120, maxLength: 120 },
        ),
        fc.integer({ min: -60, max: 60 }),
        (terms, t) => {
          const b = new CnfBuilder();
          const as: Lit[] = [];
          let expected = 0n;
          const prods = terms.map(({ w, z, zv }) => {
            const wv = newInt(b, -9n, 9n);
            as.push(...fix(wv, BigInt(w))!);
            if (z === '0') return mulBit(b, wv, FALSE);
            if (z === '1') {
              expected += BigInt(w);
              return wv;
            }
            const l = b.newVar();
            as.push(zv ? l : -l);
            if (zv) expected += BigInt(w);
            return mulBit(b, wv, l);
          });
          const s = sum(b, prods);
          const g = geqConst(b, s, BigInt(t));
          const m = solveUnique(b, as);
          expect(m.val(s)).toBe(expected);
          expect(m.lit(g)).toBe(expected >= BigInt(t));
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('comparisons', () => {
  it('geq and geqConst agree with bigint comparison (negatives, mixed widths)', () => {
    fc.assert(
      fc.property(inArb, inArb, fc.bigInt({ min: -40n, max: 40n }), (sx, sy, c) => {
        const b = new CnfBuilder();
        const x = build(b, sx);
        const y = build(b, sy);
        const g = geq(b, x.bv, y.bv);
        const h = geq(b, y.bv, x.bv);
        const gc = geqConst(b, x.bv, c);
        const m = solveUnique(b, [...x.as, ...y.as]);
        expect(m.lit(g)).toBe(x.value >= y.value);
        expect(m.lit(h)).toBe(y.value >= x.value);
        expect(m.lit(gc)).toBe(x.value >= c);
        // Fully defined: asserting the wrong value is unsatisfiable.
        const solver = new Dpll(b.build());
        for (const o of [g, h, gc]) {
          if (o === TRUE || o === FALSE) continue;
          expect(solver.count([...x.as, ...y.as, m.lit(o) ? -o : o], 1).count).toBe(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('geqConst folds when the declared range decides, and costs at most one chain', () => {
    const b = new CnfBuilder();
    const x = newInt(b, -5n, 5n);
    const n = b.clauses.length;
    expect(geqConst(b, x, 6n)).toBe(FALSE);
    expect(geqConst(b, x, -5n)).toBe(TRUE);
    expect(geq(b, x, constBV(-7n))).toBe(TRUE);
    expect(b.clauses.length).toBe(n);
    const v = b.numVars;
    geqConst(b, x, 2n);
    expect(b.numVars - v).toBeLessThanOrEqual(x.length - 1);
    const y = newInt(b, 10n, 20n);
    expect(geq(b, y, x)).toBe(TRUE);
  });
});

describe('newInt and assertRange', () => {
  it('newInt admits exactly the values in [min, max]', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -70n, max: 70n }), fc.bigInt({ min: 0n, max: 40n }), (min, span) => {
        const max = min + span;
        const b = new CnfBuilder();
        const x = newInt(b, min, max);
        expect(x.length).toBe(minWidth(min, max));
        const solver = new Dpll(b.build());
        expect(solver.count([], 1000).count).toBe(Number(span) + 1);
        const w = BigInt(x.length);
        for (let v = -(1n << (w - 1n)); v < 1n << (w - 1n); v++) {
          const as = fix(x, v);
          const ok = as !== null && solver.count(as, 2).count === 1;
          expect(ok).toBe(v >= min && v <= max);
        }
      }),
      { numRuns: 150 },
    );
    expect(() => newInt(new CnfBuilder(), 3n, 2n)).toThrow();
  });

  it('assertRange on free bits admits exactly the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.bigInt({ min: -40n, max: 40n }), fc.bigInt({ min: -40n, max: 40n }), (w, a, c) => {
        const [lo, hi] = a <= c ? [a, c] : [c, a];
        const b = new CnfBuilder();
        const x = b.newVars(w);
        const v0 = b.numVars;
        assertRange(b, x, lo, hi);
        expect(b.numVars).toBe(v0); // no auxiliary variables
        const solver = new Dpll(b.build());
        for (let v = -(1n << BigInt(w - 1)); v < 1n << BigInt(w - 1); v++) {
          expect(solver.count(fix(x, v)!, 2).count).toBe(v >= lo && v <= hi ? 1 : 0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('costs', () => {
  it('sum of 20 free 5-bit terms stays within the adder-network bound', () => {
    const b = new CnfBuilder();
    const xs = Array.from({ length: 20 }, () => b.newVars(5));
    const v0 = b.numVars;
    const c0 = b.clauses.length;
    const s = sum(b, xs);
    const vars = b.numVars - v0;
    const clauses = b.clauses.length - c0;
    // 19 adders; adder i of output width w uses <= 2w - 1 vars and <= 14w - 6 clauses.
    // Widths: 10 x 6, 5 x 7, 2 x 8, 1 x 8 (with the odd one), 1 x 9 -> sum of widths 137.
    expect(s.length).toBe(10); // [-320, 300] needs 10 bits
    expect(vars).toBeLessThanOrEqual(2 * 137 - 19);
    expect(clauses).toBeLessThanOrEqual(14 * 137 - 6 * 19);
    const v1 = b.numVars;
    geqConst(b, s, 17n);
    expect(b.numVars - v1).toBeLessThanOrEqual(s.length - 1);
  });
});
