/** Small point-set helpers for the tests of src/exact. */
import fc from 'fast-check';
import type { LabelledPoints } from '../../src/exact/separation.js';
import { Rational } from '../../src/model/rational.js';

/** Labelled points from plain numbers (or "p/q" strings). */
export function pts(rows: (number | string)[][], labels: number[]): LabelledPoints {
  const exact = rows.map((r) => r.map((v) => (typeof v === 'string' ? Rational.parse(v) : Rational.fromNumber(v))));
  return {
    exact,
    float: exact.map((p) => Float64Array.from(p, (x) => x.toNumber())),
    labels: Uint8Array.from(labels),
    dim: rows[0]?.length ?? 0,
  };
}

export const all = (p: LabelledPoints) => Array.from({ length: p.labels.length }, (_, i) => i);

/** Random labelled point sets: small integer (or 0/1) coordinates, with duplicates likely. */
export function pointSet(opts: { boolean?: boolean; maxDim?: number; maxPoints?: number } = {}): fc.Arbitrary<LabelledPoints> {
  const maxDim = opts.maxDim ?? 4;
  const coord = opts.boolean ? fc.integer({ min: 0, max: 1 }) : fc.integer({ min: -2, max: 2 });
  return fc.integer({ min: 1, max: maxDim }).chain((d) =>
    fc
      .array(fc.tuple(fc.array(coord, { minLength: d, maxLength: d }), fc.integer({ min: 0, max: 1 })), {
        minLength: 1,
        maxLength: opts.maxPoints ?? 9,
      })
      .map((rows) => pts(rows.map((r) => r[0]), rows.map((r) => r[1]))),
  );
}
