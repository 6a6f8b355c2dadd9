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

  /** Parses "3", "-7/2", "0.25" exactly. Throws RangeError on anything else. */
  static parse(s: string): Rational {
    const t = s.trim();
    let m = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(t);
    if (m) {
      if (BigInt(m[2]) === 0n) throw new RangeError(`zero denominator in "${s}"`);
      return Rational.of(BigInt(m[1]), BigInt(m[2]));
    }
    m = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(t);
    if (m && (m[2] !== '' || m[3] !== undefined)) {
      const frac = m[3] ?? '';
      const n = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
      return Rational.of(n, 10n ** BigInt(frac.length));
    }
    throw new RangeError(`not a rational number: "${s}"`);
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
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

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
