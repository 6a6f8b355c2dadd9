/**
 * Minimal conflicts (src/exact/separation.ts): the oracle's answer agrees with the exact
 * LP; every conflict comes with a checked certificate, has at most dim + 2 points
 * (Kirchberger), and is minimal: every proper subset is separable (decided exactly).
 * Exact weights from `exactThreshold` separate exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCertificate } from '../../src/exact/farkas.js';
import { dotExact, separateExact } from '../../src/exact/rational-lp.js';
import { SeparationOracle } from '../../src/exact/separation.js';
import { all, pointSet, pts } from './helpers.js';

describe('minimal conflicts', () => {
  it('conflicts are certified, small and minimal; separators are exact', () => {
    const oracle = new SeparationOracle();
    fc.assert(
      fc.property(fc.oneof(pointSet(), pointSet({ boolean: true, maxDim: 5, maxPoints: 14 })), (p) => {
        const ids = all(p);
        const exact = separateExact(p.exact, p.labels, ids, p.dim);
        const r = oracle.check(p);
        expect(r.kind).toBe(exact.kind);
        if (r.kind === 'conflict') {
          expect(checkCertificate(r.certificate)).toBe(true);
          expect(r.support.length).toBeLessThanOrEqual(p.dim + 2);
          for (const drop of r.support) {
            const sub = r.support.filter((i) => i !== drop);
            expect(separateExact(p.exact, p.labels, sub, p.dim).kind).toBe('separable');
          }
        } else {
          const t = oracle.exactThreshold(p, r.w);
          expect(t.kind).toBe('params');
          if (t.kind !== 'params') return;
          ids.forEach((i) => {
            const s = dotExact(t.params.weights, p.exact[i]);
            expect(s.cmp(t.params.threshold) >= 0 ? 1 : 0).toBe(p.labels[i]);
          });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a non-minimal float support is shrunk by the deletion filter', () => {
    // Two overlapping conflicts on a line: 0(1) 1(0) 2(1) 3(0); any three alternating points conflict.
    const p = pts([[0], [1], [2], [3]], [1, 0, 1, 0]);
    const oracle = new SeparationOracle();
    const small = oracle.shrink(p, [0, 1, 2, 3], [1, 1, 1, 1]);
    expect(small.length).toBe(3);
  });

  it('exact weights of rounded float directions are small integers', () => {
    const p = pts([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 1]);
    const oracle = new SeparationOracle();
    const r = oracle.check(p);
    expect(r.kind).toBe('separable');
    if (r.kind !== 'separable') return;
    const t = oracle.exactThreshold(p, r.w);
    expect(t.kind).toBe('params');
    if (t.kind === 'params') {
      expect(t.params.weights.every((w) => w.isInteger())).toBe(true);
      expect(t.params.threshold.isInteger()).toBe(true);
    }
  });
});
