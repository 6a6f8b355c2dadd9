/**
 * The float separation LP (src/exact/float-lp.ts) and the exact rational LP
 * (src/exact/rational-lp.ts): feasible and infeasible sets, degenerate cases (identical
 * points, duplicates, one coordinate, constant coordinates), and agreement of the two on
 * random point sets. A float 'separable' must come with a direction that separates; a
 * float 'conflict' must have a support whose exact certificate checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCertificate, recoverCertificate } from '../../src/exact/farkas.js';
import { floatGap, separateFloat } from '../../src/exact/float-lp.js';
import { separateExact, separatesExactly } from '../../src/exact/rational-lp.js';
import { thresholdFor } from '../../src/exact/separation.js';
import { all, pointSet, pts } from './helpers.js';

const CUBE2 = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

describe('separation LP', () => {
  it('AND on the square is separable; the direction separates exactly', () => {
    const p = pts(CUBE2, [0, 0, 0, 1]);
    const r = separateFloat(p.float, p.labels, all(p), 2);
    expect(r.kind).toBe('separable');
    if (r.kind !== 'separable') return;
    expect(floatGap(p.float, p.labels, all(p), r.w)).toBeGreaterThan(0);
    const e = separateExact(p.exact, p.labels, all(p), 2);
    expect(e.kind).toBe('separable');
    if (e.kind === 'separable') expect(separatesExactly(p.exact, p.labels, all(p), e.w)).toBe(true);
  });

  it('XOR is not: the conflict is all four points with multipliers 1/2', () => {
    const p = pts(CUBE2, [0, 1, 1, 0]);
    const r = separateFloat(p.float, p.labels, all(p), 2);
    expect(r.kind).toBe('conflict');
    if (r.kind !== 'conflict') return;
    expect([...r.support].sort()).toEqual([0, 1, 2, 3]);
    const cert = recoverCertificate(r.support.map((i) => p.exact[i]), r.support.map((i) => p.labels[i] as 0 | 1));
    expect(cert).not.toBeNull();
    expect(cert!.multipliers.map(String)).toEqual(['1/2', '1/2', '1/2', '1/2']);
    const e = separateExact(p.exact, p.labels, all(p), 2);
    expect(e.kind).toBe('conflict');
    if (e.kind === 'conflict') expect(checkCertificate(e.certificate)).toBe(true);
  });

  it('one point with both labels is a conflict of size 2 (also when it is the only point)', () => {
    const p = pts([[1, 0, 1], [0, 0, 0], [1, 0, 1]], [1, 0, 0]);
    const r = separateFloat(p.float, p.labels, all(p), 3);
    expect(r.kind).toBe('conflict');
    if (r.kind === 'conflict') expect([...r.support].sort()).toEqual([0, 2]);
    const q = pts([[2, 3], [2, 3]], [1, 0]);
    const s = separateFloat(q.float, q.labels, all(q), 2);
    expect(s).toMatchObject({ kind: 'conflict', support: [0, 1] });
  });

  it('duplicate points with the same label and constant coordinates are harmless', () => {
    const p = pts([[0, 5, 1], [0, 5, 1], [1, 5, 0], [1, 5, 0]], [1, 1, 0, 0]);
    const r = separateFloat(p.float, p.labels, all(p), 3);
    expect(r.kind).toBe('separable');
  });

  it('single-label and empty subsets are separable without pivots', () => {
    const p = pts([[0], [1], [2]], [1, 1, 1]);
    expect(separateFloat(p.float, p.labels, all(p), 1)).toMatchObject({ kind: 'separable', pivots: 0 });
    expect(separateFloat(p.float, p.labels, [], 1)).toMatchObject({ kind: 'separable', pivots: 0 });
  });

  it('alternating labels on a line: a conflict of three collinear points', () => {
    const p = pts([[0], [1], [2]], [1, 0, 1]);
    const r = separateFloat(p.float, p.labels, all(p), 1);
    expect(r.kind).toBe('conflict');
    if (r.kind === 'conflict') expect(r.support.length).toBe(3);
  });

  it('rational coordinates are decided exactly', () => {
    // 1/3 and 2/3 labelled 1 around 1/2 labelled 0: the midpoint of the positives.
    const p = pts([['1/3'], ['2/3'], ['1/2']], [1, 1, 0]);
    const e = separateExact(p.exact, p.labels, all(p), 1);
    expect(e.kind).toBe('conflict');
    const q = pts([['1/3'], ['2/3'], ['7/10']], [1, 1, 0]);
    expect(separateExact(q.exact, q.labels, all(q), 1).kind).toBe('separable');
  });

  it('float and exact LPs agree on random point sets; answers carry valid evidence', () => {
    fc.assert(
      fc.property(pointSet(), (p) => {
        const ids = all(p);
        const f = separateFloat(p.float, p.labels, ids, p.dim);
        const e = separateExact(p.exact, p.labels, ids, p.dim);
        expect(f.kind).not.toBe('failed');
        expect(f.kind).toBe(e.kind);
        if (f.kind === 'separable') {
          expect(floatGap(p.float, p.labels, ids, f.w)).toBeGreaterThan(0);
        }
        if (e.kind === 'separable') {
          const t = thresholdFor(p, ids, e.w);
          expect(t).not.toBeNull();
        } else {
          expect(checkCertificate(e.certificate)).toBe(true);
          expect(e.support.length).toBeLessThanOrEqual(p.dim + 2);
        }
        if (f.kind === 'conflict') {
          expect(f.support.length).toBeLessThanOrEqual(p.dim + 2);
          const cert = recoverCertificate(f.support.map((i) => p.exact[i]), f.support.map((i) => p.labels[i] as 0 | 1));
          expect(cert).not.toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });
});
