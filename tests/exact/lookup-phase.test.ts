/**
 * Lookup phases (src/exact/lookup-phase.ts): the row chosen is allowed by the table, the
 * required output and the outputs already assigned, and no allowed row is nearer to the
 * separators; the phases set on a width-two variant make every open example's outputs a
 * row whose table value is the example's label; and the hybrid answers as brute force with
 * the technique on and off.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideHybrid } from '../../src/exact/hybrid.js';
import { bestRow, findLookupSites, setLookupPhases, type Separator } from '../../src/exact/lookup-phase.js';
import { buildSkeleton } from '../../src/exact/skeleton.js';
import { findWidthTwoSite, widthTwoVariant } from '../../src/exact/width-two-normal-form.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { bruteStatus } from '../helpers/brute-status.js';

const bit = (r: number, u: number, k: number) => (r >> (k - 1 - u)) & 1;
const score = (r: number, d: number[]) => Math.min(...d.map((x, u) => (bit(r, u, d.length) ? x : -x)));

describe('lookup phases', () => {
  it('bestRow picks an allowed row that no allowed row beats, and -1 only when none is allowed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((k) =>
          fc.tuple(
            fc.array(fc.constantFrom(0, 1), { minLength: 1 << k, maxLength: 1 << k }),
            fc.constantFrom(0 as const, 1 as const),
            fc.array(fc.constantFrom(-1, 0, 1), { minLength: k, maxLength: k }),
            fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k }),
          ),
        ),
        ([table, required, fixed, distance]) => {
          const k = distance.length;
          const allowed = (r: number) => table[r] === required && fixed.every((f, u) => f === -1 || f === bit(r, u, k));
          const r = bestRow(table, required, fixed, distance);
          const rows = Array.from({ length: 1 << k }, (_, i) => i).filter(allowed);
          if (rows.length === 0) {
            expect(r).toBe(-1);
            return;
          }
          expect(allowed(r)).toBe(true);
          for (const q of rows) expect(score(q, distance)).toBeLessThanOrEqual(score(r, distance));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('under XOR the pair follows the firmer separator: (1, 0) when unit 1 is sure and unit 2 barely disagrees', () => {
    const xor = [0, 1, 1, 0];
    // Label 1: the rows 01 and 10. Unit 1 says 1 by 3, unit 2 says 1 by 0.5: 10 scores -0.5, 01 scores -3.
    expect(bestRow(xor, 1, [-1, -1], [3, 0.5])).toBe(0b10);
    // Unit 2 already 1: only 01 is left.
    expect(bestRow(xor, 1, [-1, 1], [3, 0.5])).toBe(0b01);
    // Label 0 and both sure of 1: 11.
    expect(bestRow(xor, 0, [-1, -1], [2, 1])).toBe(0b11);
  });

  it('on a width-two variant, the phases set give every open example a row its label allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(15), fc.boolean()), { minLength: 2, maxLength: 12 }),
        fc.array(fc.constantFrom(0, 1), { minLength: 4, maxLength: 4 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (rows, table, ws, t) => {
          const n = 4;
          const inst: Instance = {
            network: expandPreset('layered', n, { hidden: [2, 2] }),
            examples: rows.map(([x, y]) => ({ x: Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)), y: [y ? 1 : 0] as (0 | 1)[] })),
          };
          const variant = widthTwoVariant(inst, findWidthTwoSite(inst)!);
          const sk = buildSkeleton(variant);
          const sites = findLookupSites(sk);
          expect(sites.length).toBe(1);
          const site = sites[0];
          expect(site.theories.length).toBe(2);
          // The table and the examples' outputs assigned, the hidden outputs open.
          const values = new Map<number, number>();
          site.entries.forEach((l, r) => values.set(Math.abs(l), (table[r] === 1) === l > 0 ? 1 : -1));
          site.examples.forEach((ex, j) => values.set(Math.abs(ex.out), (rows[j][1] ? 1 : -1) * (ex.out > 0 ? 1 : -1)));
          const val = (l: number) => (values.get(Math.abs(l)) ?? 0) * (l > 0 ? 1 : -1);
          const separators: Separator[] = [0, 1].map((u) => ({ w: Float64Array.from(ws.slice(4 * u, 4 * u + 4)), t, norm: 1 }));
          const points = site.theories.map((th) => sk.theories[th].rows.map((r) => Float64Array.from(r.map((v) => ('c' in v ? v.c.toNumber() : 0)))));
          const phases = new Map<number, boolean>();
          setLookupPhases(site, val, separators, points, (v, b) => phases.set(v, b));
          for (const ex of site.examples) {
            const outs = ex.outs.map((l) => (val(l) !== 0 ? val(l) === 1 : phases.has(Math.abs(l)) ? phases.get(Math.abs(l)) === l > 0 : null));
            const y = val(ex.out) === 1 ? 1 : 0;
            const allowedRows = [0, 1, 2, 3].filter((r) => table[r] === y);
            if (allowedRows.length === 0) continue;
            expect(outs.every((o) => o !== null)).toBe(true);
            expect(table[(outs[0] ? 2 : 0) + (outs[1] ? 1 : 0)]).toBe(y);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the hybrid agrees with brute force on tiny width-two instances, with lookup phases on and off', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom([2, 2], [2, 2, 2], [2, 3]),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.nat(7), fc.boolean()), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (hidden, n, rows, lookupPhases) => {
          const inst: Instance = {
            network: expandPreset('layered', n, { hidden }),
            examples: rows.map(([x, y]) => ({ x: Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)), y: [y ? 1 : 0] as (0 | 1)[] })),
          };
          const expected = bruteStatus(inst, 200_000);
          if (expected === null) return;
          compared++;
          const r = await decideHybrid(inst, { lookupPhases });
          expect(r.status).toBe(expected);
          if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
    expect(compared).toBeGreaterThan(30);
  }, 60_000);
});
