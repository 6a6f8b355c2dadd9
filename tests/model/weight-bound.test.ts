import fc from 'fast-check';
/**
 * Weight bounds: W(k) for k = 1..5 is verified by counting the distinct Boolean functions
 * realizable with integer weights in [-W, W] and thresholds in [-kW, kW + 1]; the counts
 * must equal the number of threshold functions (OEIS A000609). W(k) - 1 must give fewer
 * for k = 3, 4, 5 (the bound is tight there). Beyond 7, W(k) is Muroga's bound, checked
 * against the formula evaluated in floating point.
 */
import { describe, expect, test } from 'vitest';
import { lcm, Rational } from '../../src/model/rational.js';
import { anyThresholdRange, booleanRanges, booleanWeightBound, completeBox, integerInputRanges, integerInputWeightBound, type InputDomain } from '../../src/model/weight-bound.js';

const A000609 = [2, 4, 14, 104, 1882, 94572];

/** Number of distinct functions {0,1}^k -> {0,1} of the form [w.z >= t], |w_i| <= W, t in [tLo, tHi]. */
function countFunctions(k: number, W: number, tLo: number, tHi: number): number {
  const points = 2 ** k;
  const seen = new Set<number>();
  const w = new Array<number>(k).fill(-W);
  const sums = new Array<number>(points);
  const order = Array.from({ length: points }, (_, p) => p);
  for (;;) {
    for (let p = 0; p < points; p++) {
      let s = 0;
      for (let j = 0; j < k; j++) if ((p >> j) & 1) s += w[j];
      sums[p] = s;
    }
    order.sort((a, b) => sums[b] - sums[a]);
    // Function for threshold t: the points with sum >= t, a prefix of `order`.
    let mask = 0;
    let next = 0;
    for (let t = tHi; t >= tLo; t--) {
      while (next < points && sums[order[next]] >= t) mask += 2 ** order[next++];
      seen.add(mask);
    }
    let j = 0;
    while (j < k && w[j] === W) w[j++] = -W;
    if (j === k) break;
    w[j]++;
  }
  return seen.size;
}

function countWithBound(k: number, W: number): number {
  return countFunctions(k, W, -k * W, k * W + 1);
}

describe('W(k) against A000609', () => {
  test('published small values', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((k) => booleanWeightBound(k))).toEqual([1n, 1n, 2n, 3n, 5n, 9n, 18n]);
  });
  for (let k = 1; k <= 5; k++) {
    test(`k = ${k}: W = ${booleanWeightBound(k)} realizes all ${A000609[k]} threshold functions`, () => {
      const W = Number(booleanWeightBound(k));
      expect(countWithBound(k, W)).toBe(A000609[k]);
      // booleanRanges describes the same ranges
      const r = booleanRanges(k);
      expect(r.weight).toEqual([BigInt(-W), BigInt(W)]);
      expect(r.threshold).toEqual([BigInt(-k * W), BigInt(k * W + 1)]);
      // a wider range finds nothing new (the count is the true number of threshold functions)
      if (k <= 4) expect(countWithBound(k, W + 1)).toBe(A000609[k]);
    });
  }
  for (const k of [3, 4, 5]) {
    test(`k = ${k}: W - 1 is not enough (the bound is tight)`, () => {
      const W = Number(booleanWeightBound(k));
      expect(countWithBound(k, W - 1)).toBeLessThan(A000609[k]);
    });
  }
});

describe("Muroga's bound beyond 7", () => {
  test('booleanWeightBound(k) = ceil((k+1)^((k+1)/2) / 2^k) for k = 8..20', () => {
    for (let k = 8; k <= 20; k++) {
      const f = Math.ceil((k + 1) ** ((k + 1) / 2) / 2 ** k);
      expect(booleanWeightBound(k), `k = ${k}`).toBe(BigInt(f));
    }
    expect(booleanWeightBound(8)).toBe(77n); // 9^4.5 / 2^8 = 19683 / 256 = 76.89
    expect(booleanWeightBound(9)).toBe(196n); // 10^5 / 2^9 = 195.3125
  });
  test('exact ceiling for large k: ((W-1) 2^k)^2 < (k+1)^(k+1) <= (W 2^k)^2, k = 8..80', () => {
    for (let k = 8; k <= 80; k++) {
      const W = booleanWeightBound(k);
      const p = BigInt(k + 1) ** BigInt(k + 1);
      const s = 1n << BigInt(k);
      expect(((W - 1n) * s) ** 2n < p, `k = ${k}`).toBe(true);
      expect(p <= (W * s) ** 2n, `k = ${k}`).toBe(true);
    }
  });
  test('the bound is non-decreasing and rejects bad fan-ins', () => {
    for (let k = 1; k < 40; k++) expect(booleanWeightBound(k + 1) >= booleanWeightBound(k)).toBe(true);
    expect(() => booleanWeightBound(-1)).toThrow(RangeError);
    expect(() => booleanWeightBound(1.5)).toThrow(RangeError);
  });
  test('integer-input bound is Hadamard: ceil(sqrt((k+1)^(k+1))) * M^(k+1)', () => {
    expect(integerInputWeightBound(1, 1n)).toBe(2n); // sqrt(4) = 2
    expect(integerInputWeightBound(2, 3n)).toBe(6n * 27n); // ceil(sqrt(27)) = 6
    expect(integerInputWeightBound(2, 0n)).toBe(6n); // M is at least 1
  });
  test('one integer input: every labelling a real threshold realizes is realized with w in [-1, 1] and t in the range', () => {
    // On a line, real w, t realize exactly: all 1, all 0, {z >= c} and {z <= c}; a
    // labelling is one of these iff no 0 lies between two 1s (or it is constant).
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -9, max: 9 }), fc.boolean()), { minLength: 1, maxLength: 7 }), (pts) => {
        const labels = new Map<number, boolean>();
        for (const [z, y] of pts) labels.set(z, labels.has(z) ? labels.get(z)! && y : y);
        const ones = [...labels].filter(([, y]) => y).map(([z]) => z);
        const zeros = [...labels].filter(([, y]) => !y).map(([z]) => z);
        // Real-realizable: every 0 is below all 1s, or above all 1s.
        const realizable =
          ones.length === 0 || zeros.length === 0 || zeros.every((z) => z < Math.min(...ones)) || zeros.every((z) => z > Math.max(...ones));
        const maxAbs = BigInt(Math.max(...[...labels.keys()].map(Math.abs)));
        const r = integerInputRanges(1, maxAbs);
        expect(r.weight).toEqual([-1n, 1n]);
        let found = false;
        for (let w = r.weight[0]; w <= r.weight[1] && !found; w++) {
          for (let t = r.threshold[0]; t <= r.threshold[1] && !found; t++) {
            found = [...labels].every(([z, y]) => (w * BigInt(z) >= t) === y);
          }
        }
        expect(found).toBe(realizable);
      }),
    );
  });
  test('no input: the threshold range realizes both constants', () => {
    const r = integerInputRanges(0, 5n);
    expect(r.threshold[0] <= 0n && 1n <= r.threshold[1]).toBe(true);
    expect(integerInputRanges(3, 2n).weight[1]).toBe(integerInputWeightBound(3, 2n));
  });
  test('completeBox: the declared integer range, else the complete range for the input domain', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.bigInt({ min: 0n, max: 50n }), fc.integer({ min: -5, max: 0 }), fc.integer({ min: 0, max: 5 }), (k, maxAbs, lo, hi) => {
        const inputs = Array.from({ length: k }, (_, i) => `x${i}`);
        expect(completeBox({ inputs }, 'boolean')).toEqual(booleanRanges(k));
        expect(completeBox({ inputs }, { maxAbs })).toEqual(integerInputRanges(k, maxAbs));
        const declared = { inputs, integerWeights: { min: lo, max: hi } };
        const box = { weight: [BigInt(lo), BigInt(hi)], threshold: [BigInt(lo), BigInt(hi)] };
        expect(completeBox(declared, 'boolean')).toEqual(box);
        expect(completeBox(declared, { maxAbs })).toEqual(box);
      }),
    );
  });
  test('anyThreshold: weights in the declared range, the threshold in [k min(a,0), k max(b,0) + 1] on 0/1 inputs', () => {
    const inputs = ['x0', 'x1', 'x2', 'x3'];
    expect(completeBox({ inputs, integerWeights: { min: -1, max: 1, anyThreshold: true } }, 'boolean')).toEqual({ weight: [-1n, 1n], threshold: [-4n, 5n] });
    expect(completeBox({ inputs, integerWeights: { min: 2, max: 3, anyThreshold: true } }, 'boolean')).toEqual({ weight: [2n, 3n], threshold: [0n, 13n] });
    expect(completeBox({ inputs, integerWeights: { min: -3, max: -1, anyThreshold: true } }, 'boolean')).toEqual({ weight: [-3n, -1n], threshold: [-12n, 1n] });
    // Scaled inputs |s z| <= M: the unscaled sums reach k * max|w| * M / s.
    expect(completeBox({ inputs, integerWeights: { min: -1, max: 2, anyThreshold: true } }, { maxAbs: 6n, scale: 4n })).toEqual({ weight: [-1n, 2n], threshold: [-12n, 13n] });
    expect(completeBox({ inputs: ['x0'], integerWeights: { min: -1, max: 1, anyThreshold: true } }, { maxAbs: 3n, scale: 2n })).toEqual({ weight: [-1n, 1n], threshold: [-2n, 2n] });
  });
  test('anyThreshold: every labelling some integer threshold gives, one in the range gives (0/1, integer and rational inputs)', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 1 }).map((v) => Rational.of(v)), fc.integer({ min: -4, max: 4 }).map((v) => Rational.of(v)), fc.record({ n: fc.integer({ min: -7, max: 7 }), d: fc.integer({ min: 1, max: 3 }) }).map(({ n, d }) => Rational.of(n, d)));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.array(value, { minLength: k, maxLength: k }), { minLength: 1, maxLength: 6 }))),
        fc.integer({ min: -3, max: 1 }),
        fc.integer({ min: 0, max: 3 }),
        ([k, points], lo, width) => {
          const range = { min: lo, max: lo + width, anyThreshold: true };
          const boolean = points.every((z) => z.every((v) => v.den === 1n && (v.num === 0n || v.num === 1n)));
          let scale = 1n;
          for (const z of points) for (const v of z) scale = lcm(scale, v.den);
          let maxAbs = 1n;
          for (const z of points) for (const v of z) maxAbs = [maxAbs, (v.num * scale) / v.den, -(v.num * scale) / v.den].reduce((a, b) => (a > b ? a : b));
          const domain: InputDomain = boolean ? 'boolean' : { maxAbs, scale };
          const [tLo, tHi] = anyThresholdRange(k, range, domain);
          const w = new Array<number>(k).fill(range.min);
          for (;;) {
            const sums = points.map((z) => z.reduce((s, v, j) => s.add(v.mul(Rational.of(w[j]))), Rational.ZERO));
            const labelling = (t: bigint) => sums.map((s) => (s.cmp(Rational.of(t)) >= 0 ? '1' : '0')).join('');
            const inRange = new Set<string>();
            for (let t = tLo; t <= tHi; t++) inRange.add(labelling(t));
            for (let t = -60n; t <= 60n; t++) expect(inRange.has(labelling(t)), `w = ${w}, t = ${t}`).toBe(true);
            let j = 0;
            while (j < k && w[j] === range.max) w[j++] = range.min;
            if (j === k) break;
            w[j]++;
          }
        },
      ),
    );
  });
});
