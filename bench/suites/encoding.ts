/**
 * Size of the bit-blasted loading-problem encoding for blum-rivest-and with n Boolean
 * inputs and m examples (random points, repeats allowed, random labels: the `random`
 * family of src/sweep/families.ts; fixed seeds), with and without
 * the memoized sharing of partial sums, beside the weight bound W(n) that drives the
 * bit widths. Sizes only; no solving, so it runs in seconds.
 */
import { encodeLoading } from '../../src/encode/loading.js';
import { booleanWeightBound } from '../../src/model/weight-bound.js';
import { Rng } from '../../src/random/rng.js';
import { drawInstance } from '../../src/sweep/families.js';
import { table } from '../lib.js';

export const description = 'encoding size: vars/clauses of blum-rivest-and for n inputs, m examples, with and without sum sharing';

export async function run(args: string[]): Promise<void> {
  if (args.length) throw new Error(`encoding suite: no options expected, got ${args.join(' ')}`);
  const rows: string[][] = [];
  for (const n of [4, 8, 12, 16, 20]) {
    for (const f of [2, 4, 8]) {
      const m = f * n;
      const { instance: inst } = drawInstance(Rng.fromSeed(1000 * n + m), {
        family: 'random',
        preset: 'blum-rivest-and',
        n,
        size: m,
        repeatPoints: true,
        name: `bra-n${n}-m${m}`,
      });
      const shared = encodeLoading(inst).stats;
      const plain = encodeLoading(inst, { shareSums: false }).stats;
      rows.push([
        String(n),
        String(m),
        String(booleanWeightBound(n)),
        String(shared.vars),
        String(shared.clauses),
        String(plain.vars),
        String(plain.clauses),
        (plain.clauses / shared.clauses).toFixed(2),
      ]);
    }
  }
  console.log(table(['n', 'm', 'W(n)', 'vars', 'clauses', 'vars (no sharing)', 'clauses (no sharing)', 'saved'], rows));
}
