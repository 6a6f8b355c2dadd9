/**
 * Exact rational numbers over BigInt. Every `trainable` answer is checked with these,
 * never with floating point.
 *
 * Invariant: `den > 0n` and `gcd(|num|, den) === 1n` (canonical form), so equality is
 * structural.
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /** The exact value of a finite double (every double is a dyadic rational). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return Rational.of(BigInt(x));
    let den = 1n;
    let v = x;
    while (!Number.isInteger(v)) {
      v *= 2;
      den *= 2n;
    }
    return Rational.of(BigInt(v), den);
  }

  /**
   * Parses "3", "-7/2", "0.25", "1.5e-3" exactly (a decimal is the fraction it spells,
   * not the nearest double). Exponents are limited to |e| <= 10000 so a hostile string
   * cannot ask for a gigantic BigInt. Throws RangeError on anything else.
   */
  static parse(s: string): Rational {
    const t = s.trim();
    let m = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(t);
    if (m) {
      if (BigInt(m[2]) === 0n) throw new RangeError(`zero denominator in "${s}"`);
      return Rational.of(BigInt(m[1]), BigInt(m[2]));
    }
    m = /^([+-]?)(\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (m && (m[2] !== '' || m[3] !== undefined)) {
      const frac = m[3] ?? '';
      const exp = m[4] === undefined ? 0 : Number(m[4]);
      if (!(Math.abs(exp) <= 10000)) throw new RangeError(`exponent out of range in "${s}"`);
      const n = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
      const e = exp - frac.length;
      return e >= 0 ? Rational.of(n * 10n ** BigInt(e)) : Rational.of(n, 10n ** BigInt(-e));
    }
    throw new RangeError(`not a rational number: "${s}"`);
  }

  // Integer operands (most of them: 0/1 inputs, rounded weights) skip the gcd: an integer
  // over 1 is already canonical.
  add(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num + o.num, 1n);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num - o.num, 1n);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  /** this / o; throws RangeError when o is zero. */
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  /** -1, 0 or 1 as this <, =, > o. */
  cmp(o: Rational): number {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  /** A close double (within a few ulps; for display and heuristics only, never for decisions). */
  toNumber(): number {
    if (this.num === 0n) return 0;
    // Integers that doubles hold exactly (the common case: 0/1 inputs) skip the long division.
    if (this.den === 1n && this.num <= 9007199254740991n && this.num >= -9007199254740991n) return Number(this.num);
    const neg = this.num < 0n;
    const n = neg ? -this.num : this.num;
    // q = floor(n / d * 2^s) has about 64 significant bits; value = q * 2^-s.
    const s = 64 - (n.toString(2).length - this.den.toString(2).length);
    const q = s >= 0 ? (n << BigInt(s)) / this.den : n / (this.den << BigInt(-s));
    const v = Number(q) * 2 ** -s;
    return neg ? -v : v;
  }
  /** JSON form: a number when it is a safe integer, else the exact string "p/q". */
  toJSON(): number | string {
    if (this.den === 1n && this.num <= BigInt(Number.MAX_SAFE_INTEGER) && this.num >= BigInt(-Number.MAX_SAFE_INTEGER)) {
      return Number(this.num);
    }
    return this.toString();
  }
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Least common multiple of positive integers (denominators). */
export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
