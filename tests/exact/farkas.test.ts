/**
 * Farkas certificates (src/exact/farkas.ts): the exact check accepts correct certificates
 * and rejects every kind of mutation; exact recovery from a support (Gaussian
 * elimination) and from float multipliers (rational reconstruction) only ever returns
 * checked certificates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateError, checkCertificate, recoverCertificate, recoverCertificateEx, recoverFromFloat, solveExact, type FarkasCertificate } from '../../src/exact/farkas.js';
import { separateFloat } from '../../src/exact/float-lp.js';
import { separateExact } from '../../src/exact/rational-lp.js';
import { Rational } from '../../src/model/rational.js';
import { all, pointSet } from './helpers.js';

const R = (s: string | number) => (typeof s === 'number' ? Rational.of(s) : Rational.parse(s));

/** XOR on the square: (0,1) + (1,0) = (0,0) + (1,1), halves on both sides. */
function xorCert(): FarkasCertificate {
  return {
    points: [[0, 1], [1, 0], [0, 0], [1, 1]].map((p) => p.map(R)),
    labels: [1, 1, 0, 0],
    multipliers: ['1/2', '1/2', '1/2', '1/2'].map(R),
  };
}

describe('Farkas certificates', () => {
  it('accepts a correct certificate', () => {
    expect(certificateError(xorCert())).toBeNull();
    expect(checkCertificate(xorCert())).toBe(true);
    // Zero multipliers on extra points are allowed.
    const c = xorCert();
    c.points.push([R(5), R(7)]);
    c.labels.push(1);
    c.multipliers.push(Rational.ZERO);
    expect(checkCertificate(c)).toBe(true);
  });

  it('rejects mutated certificates', () => {
    const mutations: ((c: FarkasCertificate) => void)[] = [
      (c) => (c.multipliers[0] = R('1/3')),
      (c) => (c.multipliers[0] = R('-1/2')),
      (c) => (c.labels[0] = 0),
      (c) => (c.points[3][1] = R('3/4')),
      (c) => (c.multipliers = c.multipliers.map((m) => m.mul(R(2)))),
      (c) => c.points[0].push(R(1)),
      (c) => c.multipliers.pop(),
      (c) => {
        c.points = [];
        c.labels = [];
        c.multipliers = [];
      },
    ];
    for (const mutate of mutations) {
      const c = xorCert();
      mutate(c);
      expect(checkCertificate(c)).toBe(false);
      expect(certificateError(c)).toMatch(/./);
    }
  });

  it('solveExact solves, detects inconsistency and reports free variables', () => {
    const A = [[R(1), R(1)], [R(1), R(-1)]];
    const s = solveExact(A, [R(3), R(1)]);
    expect(s!.x.map(String)).toEqual(['2', '1']);
    expect(s!.unique).toBe(true);
    expect(solveExact([[R(1), R(1)], [R(2), R(2)]], [R(1), R(3)])).toBeNull();
    expect(solveExact([[R(1), R(1)]], [R(1)])!.unique).toBe(false);
  });

  it('solveExact (fraction-free) agrees with Gauss-Jordan over the rationals on random systems, rank-deficient and inconsistent ones included', () => {
    // Reference: textbook Gauss-Jordan with Rational arithmetic, free variables at 0.
    const reference = (A: Rational[][], rhs: Rational[]) => {
      const rows = A.length;
      const cols = A[0].length;
      const M = A.map((row, r) => [...row, rhs[r]]);
      const piv: number[] = [];
      let r = 0;
      for (let c = 0; c < cols && r < rows; c++) {
        const p = M.findIndex((row, i) => i >= r && row[c].num !== 0n);
        if (p < 0) continue;
        [M[r], M[p]] = [M[p], M[r]];
        const inv = Rational.ONE.div(M[r][c]);
        M[r] = M[r].map((v) => v.mul(inv));
        for (let i = 0; i < rows; i++) if (i !== r) M[i] = M[i].map((v, q) => v.sub(M[i][c].mul(M[r][q])));
        piv.push(c);
        r++;
      }
      if (M.slice(r).some((row) => row[cols].num !== 0n)) return null;
      const x = new Array<Rational>(cols).fill(Rational.ZERO);
      piv.forEach((c, i) => (x[c] = M[i][cols]));
      return { x, unique: piv.length === cols };
    };
    const entry = fc.oneof(
      fc.integer({ min: -3, max: 3 }).map((v) => R(v)),
      fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 6 })).map(([a, b]) => Rational.of(BigInt(a), BigInt(b))),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((rows) =>
          fc.integer({ min: 1, max: 7 }).chain((cols) =>
            fc.tuple(
              fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
              fc.array(entry, { minLength: rows, maxLength: rows }),
              // Duplicate a row (or a scaled copy) to make rank-deficient systems common.
              fc.option(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: -2, max: 2 }))),
            ),
          ),
        ),
        ([A, rhs, dup]) => {
          if (dup && A.length > 1) {
            const [from, to, k] = [dup[0] % A.length, dup[1] % A.length, R(dup[2])];
            A[to] = A[from].map((v) => v.mul(k));
            rhs[to] = rhs[from].mul(k);
          }
          const got = solveExact(A, rhs);
          const want = reference(A, rhs);
          expect(got === null).toBe(want === null);
          if (got && want) {
            expect(got.unique).toBe(want.unique);
            expect(got.x.map(String)).toEqual(want.x.map(String));
            A.forEach((row, r) => expect(row.reduce((acc, a, c) => acc.add(a.mul(got.x[c])), Rational.ZERO).eq(rhs[r])).toBe(true));
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('the check agrees with the definition over the rationals on random certificates, valid by construction or perturbed', () => {
    // The definition, written out: multipliers >= 0, each side sums to 1, combinations equal.
    const holds = (c: FarkasCertificate) => {
      if (c.multipliers.some((m) => m.num < 0n)) return false;
      const sum = (label: 0 | 1) => c.multipliers.reduce((a, m, i) => (c.labels[i] === label ? a.add(m) : a), Rational.ZERO);
      if (!sum(1).eq(Rational.ONE) || !sum(0).eq(Rational.ONE)) return false;
      return c.points[0].every((_, k) => c.points.reduce((a, p, i) => (c.labels[i] === 1 ? a.add(c.multipliers[i].mul(p[k])) : a.sub(c.multipliers[i].mul(p[k]))), Rational.ZERO).num === 0n);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((dim) =>
          fc.record({
            // Weights below 0 too: an affine combination with the sums right is not a certificate.
            pos: fc.array(fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: dim, maxLength: dim }), fc.integer({ min: -2, max: 5 })), { minLength: 1, maxLength: 4 }),
            neg: fc.array(fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: dim, maxLength: dim }), fc.integer({ min: 1, max: 5 })), { minLength: 0, maxLength: 3 }),
            lastWeight: fc.integer({ min: 1, max: 5 }),
            perturb: fc.option(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: -2, max: 2 })), { nil: undefined }),
          }),
        ),
        ({ pos, neg, lastWeight, perturb }) => {
          // Label-1 side: weights normalized to sum 1; label-0 side: the given points and one
          // more that makes the two combinations equal (integer or not, as it falls).
          const norm = (ws: number[]) => ws.map((w) => Rational.of(BigInt(w), BigInt(ws.reduce((a, b) => a + b, 0))));
          if (pos.reduce((t, [, w]) => t + w, 0) <= 0) return;
          const a = norm(pos.map(([, w]) => w));
          const b = norm([...neg.map(([, w]) => w), lastWeight]);
          const dim = pos[0][0].length;
          const target = Array.from({ length: dim }, (_, k) => pos.reduce((acc, [p], i) => acc.add(a[i].mul(Rational.of(p[k]))), Rational.ZERO));
          const last = target.map((t, k) => neg.reduce((acc, [p], j) => acc.sub(b[j].mul(Rational.of(p[k]))), t).div(b[b.length - 1]));
          const c: FarkasCertificate = {
            points: [...pos.map(([p]) => p.map((v) => Rational.of(v))), ...neg.map(([p]) => p.map((v) => Rational.of(v))), last],
            labels: [...pos.map(() => 1 as const), ...neg.map(() => 0 as const), 0],
            multipliers: [...a, ...b],
          };
          expect(holds(c)).toBe(a.every((m) => m.num >= 0n));
          if (perturb) {
            const [i, k, d] = perturb;
            const at = i % c.points.length;
            if (k % 2 === 0) c.points[at][k % dim] = c.points[at][k % dim].add(Rational.of(d));
            else c.multipliers[at] = c.multipliers[at].add(Rational.of(BigInt(d), 3n));
          }
          expect(certificateError(c) === null).toBe(holds(c));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('recovered certificates always check; random mutations of them never do', () => {
    fc.assert(
      fc.property(pointSet(), fc.nat(), fc.integer({ min: 1, max: 5 }), (p, which, delta) => {
        const e = separateExact(p.exact, p.labels, all(p), p.dim);
        if (e.kind !== 'conflict') return;
        const labels = e.support.map((i) => p.labels[i] as 0 | 1);
        const pointsS = e.support.map((i) => p.exact[i]);
        const rec = recoverCertificateEx(pointsS, labels);
        if (rec) expect(checkCertificate(rec.certificate)).toBe(true);
        const c = e.certificate;
        const i = which % c.multipliers.length;
        const bad: FarkasCertificate = { ...c, multipliers: c.multipliers.map((m, j) => (j === i ? m.add(Rational.of(delta, 7)) : m)) };
        expect(checkCertificate(bad)).toBe(false);
        const flipped: FarkasCertificate = { ...c, labels: c.labels.map((l, j) => (j === i ? ((1 - l) as 0 | 1) : l)) };
        expect(checkCertificate(flipped)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('reconstruction from float multipliers returns checked certificates or nothing', () => {
    fc.assert(
      fc.property(pointSet({ boolean: true, maxDim: 6, maxPoints: 14 }), (p) => {
        const f = separateFloat(p.float, p.labels, all(p), p.dim);
        if (f.kind !== 'conflict') return;
        const pointsS = f.support.map((i) => p.exact[i]);
        const labels = f.support.map((i) => p.labels[i] as 0 | 1);
        const r = recoverFromFloat(pointsS, labels, f.multipliers);
        expect(r).not.toBeNull();
        expect(checkCertificate(r!.certificate)).toBe(true);
        expect(r!.minimal).toBe(true);
        // Nonsense approximations are refused, never "repaired" into a false claim.
        const noisy = f.multipliers.map((m, j) => (j === 0 ? m * 1.37 + 0.01 : m));
        const q = recoverFromFloat(pointsS, labels, noisy);
        if (q) expect(checkCertificate(q.certificate)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a valid certificate on dependent columns is accepted but not called minimal', () => {
    // 0 and 2 (label 1) against 1 and 3 (label 0): 1/4*0 + 3/4*2 = 3/4*1 + 1/4*3 = 3/2.
    const pointsS = [[R(0)], [R(2)], [R(1)], [R(3)]];
    const r = recoverFromFloat(pointsS, [1, 1, 0, 0], [0.25, 0.75, 0.75, 0.25]);
    expect(r).not.toBeNull();
    expect(checkCertificate(r!.certificate)).toBe(true);
    expect(r!.minimal).toBe(false);
    expect(recoverCertificateEx(pointsS, [1, 1, 0, 0])?.minimal ?? false).toBe(false);
  });

  it('recoverCertificate refuses a separable support', () => {
    const pointsS = [[R(0)], [R(1)]];
    expect(recoverCertificate(pointsS, [1, 0])).toBeNull();
  });
});
