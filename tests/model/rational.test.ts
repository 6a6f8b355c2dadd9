/**
 * Exact rationals: canonical form, parse/format round trips, and arithmetic checked
 * against BigInt cross-multiplication (a/b op c/d computed by hand, compared as
 * fractions), plus the double conversions.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Rational } from '../../src/model/rational.js';

const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const pos = fc.bigInt({ min: 1n, max: 10n ** 30n });
const frac = fc.tuple(big, pos);

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** r equals p/q as fractions, and r is canonical. */
function sameValue(r: Rational, p: bigint, q: bigint): void {
  expect(r.den > 0n).toBe(true);
  expect(gcd(r.num, r.den)).toBe(r.num === 0n ? r.den : 1n);
  expect(r.num * q).toBe(p * r.den);
}

describe('canonical form', () => {
  test('of() normalises sign and common factors', () => {
    fc.assert(
      fc.property(big, fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).filter((d) => d !== 0n), (n, d) => {
        sameValue(Rational.of(n, d), n, d);
        if (n === 0n) expect(Rational.of(n, d).den).toBe(1n);
      }),
    );
  });
  test('equal values are structurally equal', () => {
    fc.assert(
      fc.property(frac, pos, ([n, d], k) => {
        expect(Rational.of(n * k, d * k).eq(Rational.of(n, d))).toBe(true);
      }),
    );
  });
  test('zero denominator is rejected', () => {
    expect(() => Rational.of(1n, 0n)).toThrow(RangeError);
  });
});

describe('arithmetic vs. cross-multiplication', () => {
  test('add, sub, mul, div', () => {
    fc.assert(
      fc.property(frac, frac, ([a, b], [c, d]) => {
        const x = Rational.of(a, b);
        const y = Rational.of(c, d);
        sameValue(x.add(y), a * d + c * b, b * d);
        sameValue(x.sub(y), a * d - c * b, b * d);
        sameValue(x.mul(y), a * c, b * d);
        sameValue(x.neg(), -a, b);
        if (c !== 0n) sameValue(x.div(y), a * d, b * c);
        else expect(() => x.div(y)).toThrow(RangeError);
      }),
    );
  });
  test('cmp is the sign of ad - cb', () => {
    fc.assert(
      fc.property(frac, frac, ([a, b], [c, d]) => {
        const s = a * d - c * b;
        expect(Rational.of(a, b).cmp(Rational.of(c, d))).toBe(s < 0n ? -1 : s > 0n ? 1 : 0);
      }),
    );
  });
});

describe('parse and format', () => {
  test('parse(toString(r)) === r and toString is "p" or "p/q"', () => {
    fc.assert(
      fc.property(frac, ([n, d]) => {
        const r = Rational.of(n, d);
        const s = r.toString();
        expect(s).toMatch(/^-?\d+(\/\d+)?$/);
        expect(Rational.parse(s).eq(r)).toBe(true);
      }),
    );
  });
  test('"p/q" with spaces and signs', () => {
    fc.assert(
      fc.property(big, pos, (n, d) => {
        sameValue(Rational.parse(`${n}/${d}`), n, d);
        sameValue(Rational.parse(` ${n} / ${d} `), n, d);
      }),
    );
    expect(Rational.parse(' -6 / 4 ').eq(Rational.of(-3n, 2n))).toBe(true);
    expect(Rational.parse('+6/4').eq(Rational.of(3n, 2n))).toBe(true);
  });
  test('decimals are exact: "m.f" is m.f, not a double', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 25 }), fc.boolean(), (m, scale, neg) => {
        const digits = m.toString().padStart(scale + 1, '0');
        const s = `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale ? '.' + digits.slice(digits.length - scale) : ''}`;
        sameValue(Rational.parse(s), neg ? -m : m, 10n ** BigInt(scale));
      }),
    );
    expect(Rational.parse('0.1').toString()).toBe('1/10');
    expect(Rational.parse('.5').toString()).toBe('1/2');
  });
  test('exponents', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n }), fc.integer({ min: -40, max: 40 }), (m, e) => {
        const r = Rational.parse(`${m}e${e}`);
        if (e >= 0) sameValue(r, m * 10n ** BigInt(e), 1n);
        else sameValue(r, m, 10n ** BigInt(-e));
      }),
    );
    expect(Rational.parse('1.5E+3').toString()).toBe('1500');
    expect(Rational.parse('-2.5e-1').toString()).toBe('-1/4');
  });
  test('garbage is rejected', () => {
    for (const s of ['', '+', '.', 'abc', '1/0', '1/-2', '1.2.3', '0x10', '1e', 'e5', '1e99999', '1/2/3', 'NaN', 'Infinity']) {
      expect(() => Rational.parse(s), s).toThrow(RangeError);
    }
  });
});

describe('doubles and JSON', () => {
  test('fromNumber is exact: toNumber gives the same double back', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) > 2 ** -1000), (x) => {
        expect(Rational.fromNumber(x).toNumber()).toBe(x === 0 ? 0 : x);
      }),
    );
    expect(Rational.fromNumber(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(Rational.fromNumber(-2.5).toString()).toBe('-5/2');
  });
  test('toNumber is close for huge and tiny fractions', () => {
    expect(Rational.of(10n ** 400n, 10n ** 399n).toNumber()).toBeCloseTo(10, 12);
    expect(Rational.of(1n, 3n).toNumber()).toBeCloseTo(1 / 3, 15);
    expect(Rational.of(10n ** 400n).toNumber()).toBe(Infinity);
  });
  test('toJSON is a number for safe integers and a parseable string otherwise', () => {
    fc.assert(
      fc.property(frac, ([n, d]) => {
        const r = Rational.of(n, d);
        const j = r.toJSON();
        if (typeof j === 'number') {
          expect(Number.isSafeInteger(j)).toBe(true);
          expect(BigInt(j)).toBe(r.num);
        } else {
          expect(Rational.parse(j).eq(r)).toBe(true);
        }
      }),
    );
    expect(Rational.of(2n ** 60n).toJSON()).toBe('1152921504606846976');
  });
});
