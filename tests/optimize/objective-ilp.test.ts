/**
 * The single-layer integer program (src/optimize/objective-ilp.ts) and the exact dual bound
 * it proves optimality with (src/mip/linear-program.ts): the bound never exceeds any integer
 * point's objective on tiny programs (enumerated), whatever the duals; on tiny single-layer
 * layered networks the value equals the brute-force optimum, the parameters fit, `optimal`
 * means value = bound, and the lexicographic second stage (fewest weights keeping a margin)
 * equals a brute-force enumeration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/layered.js';
import { dualBound, type LinearProgram } from '../../src/mip/linear-program.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { optimizeSingleLayer } from '../../src/optimize/objective-ilp.js';
import { networkMargin, nonzeroWeights, objectiveValue } from '../../src/optimize/objective.js';
import { bruteObjective } from '../helpers/objective-brute.js';

const single = layeredInstance({ maxInputs: 2, maxLayers: 0, minClasses: 2, maxClasses: 3, minExamples: 2, maxExamples: 6, mixedLabels: true });
const singleInts = layeredInstance({ maxInputs: 2, maxLayers: 0, maxClasses: 2, minExamples: 2, maxExamples: 5, mixedLabels: true, inputValues: { min: -1, max: 2 } });

describe('dualBound: weak duality in exact arithmetic', () => {
  const program = fc.record({
    rows: fc.array(
      fc.record({ terms: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }), sense: fc.constantFrom('>=' as const, '<=' as const), rhs: fc.integer({ min: -4, max: 4 }) }),
      { minLength: 1, maxLength: 4 },
    ),
    cost: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }),
    duals: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 4, maxLength: 4 }),
  });
  it('never above the objective of an integer point that satisfies the rows (any duals, wrong signs included)', () => {
    fc.assert(
      fc.property(program, ({ rows, cost, duals }) => {
        const lp: LinearProgram = {
          columns: [0, 1, 2].map(() => ({ lo: -2n, hi: 2n, integer: true })),
          rows: rows.map((r) => ({ terms: r.terms.map((a, j) => [j, BigInt(a)] as [number, bigint]), sense: r.sense, rhs: BigInt(r.rhs) })),
          objective: cost.map((c, j) => [j, BigInt(c)] as [number, bigint]),
        };
        const b = dualBound(lp, (r) => duals[r]);
        for (let x0 = -2; x0 <= 2; x0++)
          for (let x1 = -2; x1 <= 2; x1++)
            for (let x2 = -2; x2 <= 2; x2++) {
              const x = [x0, x1, x2];
              const ok = rows.every((r) => {
                const s = r.terms.reduce((acc, a, j) => acc + a * x[j], 0);
                return r.sense === '>=' ? s >= r.rhs : s <= r.rhs;
              });
              if (ok) expect(b.cmp(Rational.of(cost.reduce((acc, c, j) => acc + c * x[j], 0)))).toBeLessThanOrEqual(0);
            }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('with the optimal duals, equals the optimum of a small LP', () => {
    // min x0 + x1 s.t. x0 + 2 x1 >= 2, x0 - x1 <= -1, -5 <= x <= 5: optimum -1.5 at (-5, 3.5), dual (0.5, 0).
    const lp: LinearProgram = {
      columns: [0, 1].map(() => ({ lo: -5n, hi: 5n, integer: false })),
      rows: [
        { terms: [[0, 1n], [1, 2n]], sense: '>=', rhs: 2n },
        { terms: [[0, 1n], [1, -1n]], sense: '<=', rhs: -1n },
      ],
      objective: [[0, 1n], [1, 1n]],
    };
    expect(dualBound(lp, (r) => [0.5, 0][r]).toString()).toBe('-3/2');
  });
});

describe('optimizeSingleLayer: equal to brute force on tiny single-layer networks', () => {
  for (const name of ['min-weights', 'max-margin'] as const) {
    it(`${name}: the value is the brute-force optimum, checked, and proved whenever claimed`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(single, singleInts), async ({ instance }) => {
          const r = await optimizeSingleLayer(instance, name);
          expect(r.status).toBe('trainable');
          expect(checkParameters(instance, r.parameters!).ok).toBe(true);
          expect(r.objective.value).toBe(objectiveValue(name, instance, r.parameters!));
          expect(r.objective.value).toBe(bruteObjective(instance, name));
          expect(r.objective.optimal).toBe(r.objective.value === r.objective.bound);
          if (name === 'min-weights') expect(r.objective.bound!).toBeLessThanOrEqual(r.objective.value!);
          else expect(r.objective.bound!).toBeGreaterThanOrEqual(r.objective.value!);
        }),
        { numRuns: 10, seed: 16 },
      );
    }, 60_000);
  }

  it('a threshold output (no classes): AND on two inputs, both objectives against brute force', async () => {
    const network = expandPreset('layered', 2, { hidden: [], integerWeights: { min: -1, max: 1, anyThreshold: true } });
    const R = (n: number) => Rational.of(n);
    const instance: Instance = { network, examples: [[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 1]].map(([a, b, y]) => ({ x: [R(a), R(b)], y: [y as 0 | 1] })) };
    for (const name of ['min-weights', 'max-margin'] as const) {
      const r = await optimizeSingleLayer(instance, name);
      expect(r.objective.value).toBe(bruteObjective(instance, name));
      expect(r.objective.optimal).toBe(true);
    }
  });

  it('lexicographic: fewest weights among the networks keeping the largest margin (2 classes, enumerated)', async () => {
    const two = layeredInstance({ minInputs: 2, maxInputs: 2, maxLayers: 0, minClasses: 2, maxClasses: 2, minExamples: 2, maxExamples: 5, mixedLabels: true });
    await fc.assert(
      fc.asyncProperty(two, async ({ instance }) => {
        const m = await optimizeSingleLayer(instance, 'max-margin');
        const M = m.objective.value!;
        const r = await optimizeSingleLayer(instance, 'min-weights', { minMargin: M });
        expect(networkMargin(instance, r.parameters!)!).toBeGreaterThanOrEqual(M);
        expect(r.objective.value).toBe(nonzeroWeights(instance, r.parameters!));
        // Brute force: weights in {-1,0,1}^2 per class, thresholds in [-8, 8] (|w.x| <= 2).
        let best = Infinity;
        const ws = [-1, 0, 1].flatMap((a) => [-1, 0, 1].map((b) => [a, b]));
        for (const w0 of ws)
          for (const w1 of ws)
            for (let t0 = -8; t0 <= 8; t0++)
              for (let t1 = -8; t1 <= 8; t1++) {
                const count = [...w0, ...w1].filter((v) => v !== 0).length;
                if (count >= best) continue;
                const ok = instance.examples.every((e) => {
                  const s = [w0, w1].map((w, c) => w[0] * Number(e.x[0].num) + w[1] * Number(e.x[1].num) - (c === 0 ? t0 : t1));
                  return s[e.label!] - s[1 - e.label!] > M;
                });
                if (ok) best = count;
              }
        expect(r.objective.value).toBe(best);
        if (r.objective.optimal) expect(r.objective.bound).toBe(best);
      }),
      { numRuns: 10, seed: 5 },
    );
  }, 60_000);
});

describe('solve --objective --backend highs (the integer program) against the SAT search', () => {
  it('same optimum, proved, on a 3-class single-layer instance; --json has the HiGHS status and the lp-dual step', async () => {
    const { runCli, tempDir } = await import('../helpers/cli.js');
    const { rmSync } = await import('node:fs');
    const dir = tempDir('objective-ilp');
    const file = dir.file('i.json', {
      network: { preset: 'layered', inputs: 3, hidden: [], classes: 3, weights: { min: -1, max: 1 } },
      examples: [
        { x: [0, 0, 1], label: 0 },
        { x: [1, 0, 0], label: 1 },
        { x: [0, 1, 0], label: 2 },
        { x: [1, 1, 0], label: 1 },
        { x: [0, 1, 1], label: 2 },
      ],
    });
    for (const name of ['max-margin', 'min-weights']) {
      const ilp = await runCli(['solve', file, '--objective', name, '--backend', 'highs', '--json']);
      const sat = await runCli(['solve', file, '--objective', name, '--json']);
      expect(ilp.code).toBe(10);
      expect(sat.code).toBe(10);
      const a = JSON.parse(ilp.out);
      const b = JSON.parse(sat.out);
      expect(a.objective).toMatchObject({ name, optimal: true, value: b.objective.value });
      expect(b.objective.optimal).toBe(true);
      expect(a.objective.history.map((h: { by: string }) => h.by)).toEqual(['ilp', 'lp-dual']);
      expect(typeof a.stats.solver_status).toBe('string');
    }
    rmSync(dir.path, { recursive: true, force: true });
  }, 60_000);
});
