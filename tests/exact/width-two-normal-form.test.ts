/**
 * The width-two normal form (src/exact/width-two-normal-form.ts): where it applies, that
 * the upper part's parameters built for each of the 16 lookup tables compute that table,
 * and that the hybrid with it agrees with brute force and with the hybrid without it on
 * tiny layered instances.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideHybrid } from '../../src/exact/hybrid.js';
import { findWidthTwoSite, upperParameters } from '../../src/exact/width-two-normal-form.js';
import { checkParameters, evaluateOutputs } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, Parameters } from '../../src/model/types.js';
import { bruteStatus } from '../helpers/brute-status.js';

const layered = (n: number, hidden: number[], extra: { integerWeights?: boolean } = {}): Instance => {
  const network = expandPreset('layered', n, { hidden });
  if (extra.integerWeights) network.units[0] = { ...network.units[0], integerWeights: { min: -1, max: 1 } };
  return { network, examples: [{ x: Array.from({ length: n }, () => Rational.ONE), y: [1] }] };
};

describe('width-two normal form', () => {
  it('applies to layered networks with two first-layer units and later layers of two or more', () => {
    for (const hidden of [[2, 2], [2, 3], [2, 2, 2], [2, 4, 3]]) expect(findWidthTwoSite(layered(3, hidden))).not.toBeNull();
    for (const hidden of [[2], [3, 2], [2, 1], [2, 2, 1], [1, 2]]) expect(findWidthTwoSite(layered(3, hidden))).toBeNull();
    expect(findWidthTwoSite(layered(3, [2, 2], { integerWeights: true }))).toBeNull();
    expect(findWidthTwoSite({ network: expandPreset('blum-rivest', 3), examples: [] })).toBeNull();
    expect(findWidthTwoSite({ network: expandPreset('layered', 3, { hidden: [2, 2], classes: 3 }), examples: [] })).toBeNull();
  });

  it('the upper parameters compute every lookup table of the first layer, at every depth', () => {
    for (const hidden of [[2, 2], [2, 3], [2, 2, 2], [2, 3, 2, 2]]) {
      const inst = layered(2, hidden);
      const site = findWidthTwoSite(inst)!;
      for (let code = 0; code < 16; code++) {
        const table = [0, 1, 2, 3].map((i) => ((code >> (3 - i)) & 1) as 0 | 1);
        // First layer: h1_1 = x0, h1_2 = x1.
        const params: Parameters = {
          [site.first[0].id]: { weights: [Rational.ONE, Rational.ZERO], threshold: Rational.ONE },
          [site.first[1].id]: { weights: [Rational.ZERO, Rational.ONE], threshold: Rational.ONE },
          ...upperParameters(site, table),
        };
        for (const a of [0, 1]) {
          for (const b of [0, 1]) {
            const out = evaluateOutputs(inst.network, params, [Rational.of(BigInt(a)), Rational.of(BigInt(b))]);
            expect(out).toEqual([table[2 * a + b]]);
          }
        }
      }
    }
  });

  it('the hybrid with it agrees with brute force and with the hybrid without it on tiny layered instances', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          hidden: fc.constantFrom([2, 2], [2, 3], [2, 2, 2]),
          n: fc.integer({ min: 1, max: 3 }),
          rows: fc.array(fc.tuple(fc.nat(7), fc.boolean()), { minLength: 1, maxLength: 8 }),
        }),
        async ({ hidden, n, rows }) => {
          const inst: Instance = {
            network: expandPreset('layered', n, { hidden }),
            examples: rows.map(([x, y]) => ({ x: Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)), y: [y ? 1 : 0] as (0 | 1)[] })),
          };
          const r = await decideHybrid(inst);
          if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
          expect(r.status).toBe((await decideHybrid(inst, { outputNormalForm: false })).status);
          const expected = bruteStatus(inst, 200_000);
          if (expected === null) return;
          compared++;
          expect(r.status).toBe(expected);
        },
      ),
      { numRuns: 50 },
    );
    expect(compared).toBeGreaterThan(12);
  }, 60_000);
});
