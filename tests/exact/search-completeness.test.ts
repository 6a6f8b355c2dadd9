/**
 * The hybrid's search options never exclude a real network. The search techniques
 * (model phases, the portfolio, hyperplane phases, hidden tables first, complemented
 * conflicts, the width-two normal form, clause-database reduction down to a reduction
 * after every conflict that may delete any unlocked learned or theory clause (with the
 * clause arena compacted after each), theory
 * checks every third decision) and max-fit's bounds as assumptions change how
 * the skeleton is searched, not what it admits, so on labels produced by a real network
 * with random parameters every setting must answer `trainable` with parameters that pass
 * exact evaluation, and max-fit must fit at least the examples those parameters fit:
 *  - random networks of every unit kind, any depth, with 0/1, integer and rational inputs
 *    (tests/helpers/arb-behaviour.ts);
 *  - layered real-weight networks whose first layer has two units (the width-two normal
 *    form's site) on integer and rational inputs;
 *  - max-fit (bisection with its middle bounds as assumptions, and linear search) on 3-node
 *    networks with random labels: the best fit is at least what random parameters fit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parametersFor } from '../../src/arbitraries/parameters.js';
import { decideHybrid, type HybridOptions } from '../../src/exact/hybrid.js';
import { checkParameters, evaluateNetwork } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { maxFit } from '../../src/optimize/max-fit.js';
import { plantedBehaviourMix } from '../helpers/arb-behaviour.js';

const SEARCHES: HybridOptions[] = [
  {},
  { portfolio: true },
  { portfolio: false, modelPhases: true },
  { portfolio: false, modelPhases: false },
  { complementConflicts: true },
  { hyperplanePhases: false, hiddenTablesFirst: false },
  { widthTwoNormalForm: false },
  { clauseDeletion: false },
  // Every conflict reduces, and every reduction that deletes compacts the engine's clause arena.
  { clauseDeletion: { reduceBase: 1, reduceStep: 0, keepLbd: 0, compactAt: 0 } },
  { theoryInterval: 3 },
];

/** Clauses the most aggressive reduction deleted over a whole property (it must delete some). */
let deletedByEveryConflictReduction = 0;

async function expectTrainableEverywhere(instance: Instance): Promise<void> {
  for (const opts of SEARCHES) {
    const r = await decideHybrid(instance, { ...opts, timeoutMs: 20_000 });
    if (typeof opts.clauseDeletion === 'object') deletedByEveryConflictReduction += r.stats.clauses_deleted ?? 0;
    expect(r.status, JSON.stringify(opts)).toBe('trainable');
    expect(checkParameters(instance, r.parameters!).ok, JSON.stringify(opts)).toBe(true);
  }
}

const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((v) => Rational.of(BigInt(v))),
  fc.record({ num: fc.integer({ min: -9, max: 9 }), den: fc.integer({ min: 1, max: 4 }) }).map(({ num, den }) => Rational.of(BigInt(num), BigInt(den))),
);

/** A layered network with two first-layer units, random parameters, and the labels they give on random real inputs. */
const widthTwoPlanted = fc
  .record({ n: fc.integer({ min: 1, max: 3 }), hidden: fc.constantFrom([2, 2], [2, 3], [2, 2, 2]), m: fc.integer({ min: 2, max: 7 }) })
  .chain(({ n, hidden, m }) => {
    const network = expandPreset('layered', n, { hidden });
    return fc.record({ params: parametersFor(network), xs: fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }) }).map(({ params, xs }) => {
      const examples = xs.map((x) => ({ x, y: [evaluateNetwork(network, params, x).get('out')!] }));
      return { instance: { name: 'width-two-planted', network, examples } as Instance, params };
    });
  });

/**
 * Networks with hidden units (3-node, and layered 2-2) with random parameters and the
 * labels they give on many random inputs (0/1, integers, or rationals): enough examples
 * that the search meets conflicts, so the clause-database reductions have clauses to delete.
 */
const manyExamplesPlanted = fc
  .record({
    preset: fc.constantFrom('blum-rivest' as const, 'blum-rivest-and' as const, 'layered' as const),
    n: fc.integer({ min: 3, max: 5 }),
    m: fc.integer({ min: 15, max: 30 }),
    inputs: fc.constantFrom('binary', 'integer', 'rational'),
  })
  .chain(({ preset, n, m, inputs }) => {
    const network = preset === 'layered' ? expandPreset('layered', n, { hidden: [2, 2] }) : expandPreset(preset, n);
    const input =
      inputs === 'binary'
        ? fc.constantFrom(Rational.ZERO, Rational.ONE)
        : inputs === 'integer'
          ? fc.integer({ min: -3, max: 3 }).map((v) => Rational.of(BigInt(v)))
          : fc.record({ num: fc.integer({ min: -9, max: 9 }), den: fc.integer({ min: 1, max: 4 }) }).map(({ num, den }) => Rational.of(BigInt(num), BigInt(den)));
    return fc.record({ params: parametersFor(network), xs: fc.array(fc.array(input, { minLength: n, maxLength: n }), { minLength: m, maxLength: m }) }).map(({ params, xs }) => {
      const examples = xs.map((x) => ({ x, y: [evaluateNetwork(network, params, x).get('out')!] }));
      return { name: 'many-examples-planted', network, examples } as Instance;
    });
  });

describe('hybrid search options on labels a real network produces', () => {
  it('random networks (every unit kind, 0/1, integer and rational inputs): trainable under every search setting', async () => {
    await fc.assert(
      fc.asyncProperty(plantedBehaviourMix({ maxExamples: 6, minCorrect: false }), async (p) => {
        await expectTrainableEverywhere(p.instance as Instance);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('layered networks with two first-layer units on integer and rational inputs: trainable under every search setting', async () => {
    await fc.assert(
      fc.asyncProperty(widthTwoPlanted, async ({ instance, params }) => {
        expect(checkParameters(instance, params).ok).toBe(true);
        await expectTrainableEverywhere(instance);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('3-node and 2-2 networks on 15-30 examples (0/1, integer and rational inputs): trainable under every search setting, and the reduction after every conflict deletes clauses', async () => {
    deletedByEveryConflictReduction = 0;
    await fc.assert(
      fc.asyncProperty(manyExamplesPlanted, async (instance) => {
        await expectTrainableEverywhere(instance);
      }),
      { numRuns: 25 },
    );
    // Otherwise the property above would say nothing about deleting clauses.
    expect(deletedByEveryConflictReduction).toBeGreaterThan(0);
  }, 180_000);

  it('max-fit on the hybrid (binary and linear) fits at least the examples random parameters fit under random labels', async () => {
    const arb = fc
      .record({ preset: fc.constantFrom('blum-rivest' as const, 'blum-rivest-and' as const), n: fc.integer({ min: 2, max: 3 }), m: fc.integer({ min: 6, max: 14 }) })
      .chain(({ preset, n, m }) => {
        const network = expandPreset(preset, n);
        // Few distinct points (0/1 inputs), so repeated points with both labels leave a gap
        // between the best fit and m that the search has to bisect.
        const bit = fc.constantFrom(Rational.ZERO, Rational.ONE);
        const example = fc.record({ x: fc.array(bit, { minLength: n, maxLength: n }), label: fc.constantFrom<0 | 1>(0, 1) });
        return fc.record({ params: parametersFor(network), rows: fc.array(example, { minLength: m, maxLength: m }) }).map(({ params, rows }) => {
          const instance = { name: 'random-labels', network, examples: rows.map((r) => ({ x: r.x, y: [r.label] })) } as Instance;
          const fitted = rows.filter((r) => evaluateNetwork(network, params, r.x).get('out') === r.label).length;
          return { instance, fitted };
        });
      });
    await fc.assert(
      fc.asyncProperty(arb, async ({ instance, fitted }) => {
        for (const strategy of ['binary', 'linear'] as const) {
          const r = await maxFit(instance, { backend: 'hybrid', strategy, timeoutMs: 20_000 });
          expect(r.optimal, strategy).toBe(true);
          expect(r.best, strategy).toBeGreaterThanOrEqual(fitted);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
