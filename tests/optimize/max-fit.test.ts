/**
 * Exact best fit (src/optimize/max-fit.ts): the best fit equals the brute-force maximum
 * (src/model/bruteforce.ts with minCorrect k for k = m, m - 1, ...) on tiny instances of
 * every unit kind, of the 3-node presets (the hybrid's output-normal-form variants) and of
 * multi-class networks, for each engine (hybrid, CaDiCaL linear and binary, decide on
 * HiGHS); the parameters fit `best` examples by exact evaluation and miss exactly
 * `missed`; a budget never yields `optimal` or bounds that are not proved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForce, BruteForceBudgetError } from '../../src/model/bruteforce.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance, parseInstanceValue } from '../../src/model/parse.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instance } from '../../src/model/types.js';
import { maxFit, type MaxFitResult } from '../../src/optimize/max-fit.js';
import { tinyInstance } from '../helpers/arb-instance.js';
import { presetLabelling } from '../helpers/arb-preset.js';

/** The most examples some parameters fit, by brute force (null: over the work budget). */
function bruteMax(inst: Instance): number | null {
  try {
    for (let k = inst.examples.length; k > 0; k--) if (bruteForce({ ...inst, minCorrect: k }, { maxWork: 400_000 }).status === 'trainable') return k;
    return 0;
  } catch (e) {
    if (e instanceof BruteForceBudgetError) return null;
    throw e;
  }
}

/** What every answer must satisfy, proved or not: the parameters fit `best` examples and miss `missed`, and the bounds hold. */
function expectSound(inst: Instance, r: MaxFitResult, max: number): void {
  const m = inst.examples.length;
  expect(r.total).toBe(m);
  expect(r.best).toBeLessThanOrEqual(max);
  expect(r.upper).toBeGreaterThanOrEqual(max);
  expect(r.optimal).toBe(r.parameters !== null && r.best === r.upper);
  expect(r.status).toBe(r.parameters !== null && r.best === m ? 'trainable' : r.upper < m ? 'untrainable' : 'unknown');
  for (const b of r.bounds) {
    expect(b.lower).toBeLessThanOrEqual(max);
    expect(b.upper).toBeGreaterThanOrEqual(max);
  }
  if (r.parameters === null) return;
  const { minCorrect: _k, ...all } = inst;
  const check = checkParameters(all, r.parameters);
  expect(check.correct).toBe(r.best);
  expect(check.violations).toEqual([]);
  expect(r.missed).toEqual(check.failures.map((f) => f.example));
}

/** A 3-node or perceptron preset on random 0/1 points with random labels. */
const presetInstance: fc.Arbitrary<Instance> = presetLabelling();

/** A layered multi-class network with small integer weights (decided by the bit-blasted encoding). */
const classesInstance: fc.Arbitrary<Instance> = fc
  .record({
    classes: fc.integer({ min: 2, max: 3 }),
    rows: fc.array(fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2)), { minLength: 1, maxLength: 5 }),
  })
  .map(({ classes, rows }) =>
    parseInstanceValue({
      network: { preset: 'layered', inputs: 2, hidden: [], classes, weights: { min: -1, max: 1 } },
      examples: rows.map(([a, b, label]) => ({ x: [a, b], label: label % classes })),
    }),
  );

describe('max-fit equals the brute-force maximum', () => {
  it('on tiny instances of every unit kind: auto (hybrid or CaDiCaL), auto binary and CaDiCaL binary', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(tinyInstance({ minCorrect: true }), async (inst) => {
        const max = bruteMax(inst);
        if (max === null) return;
        compared++;
        for (const opts of [{}, { strategy: 'binary' as const }, { backend: 'cadical', strategy: 'binary' as const }]) {
          const r = await maxFit(inst, opts);
          expect(r.optimal).toBe(true);
          expect(r.best).toBe(max);
          expectSound(inst, r, max);
        }
      }),
      { numRuns: 80 },
    );
    expect(compared).toBeGreaterThan(40);
  }, 60_000);

  it('on the 3-node presets and perceptrons (hybrid with its normal-form variants, linear and binary; CaDiCaL linear)', async () => {
    await fc.assert(
      fc.asyncProperty(presetInstance, async (inst) => {
        const max = bruteMax(inst);
        if (max === null) return;
        for (const [backend, strategy] of [['hybrid', 'linear'], ['hybrid', 'binary'], ['cadical', 'linear']] as const) {
          const r = await maxFit(inst, { backend, strategy });
          expect(r.best).toBe(max);
          expect(r.optimal).toBe(true);
          expectSound(inst, r, max);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('on multi-class networks (auto: CaDiCaL)', async () => {
    await fc.assert(
      fc.asyncProperty(classesInstance, async (inst) => {
        const max = bruteMax(inst);
        if (max === null) return;
        const r = await maxFit(inst);
        expect(r.backend).toBe('cadical');
        expect(r.best).toBe(max);
        expectSound(inst, r, max);
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('with decide per bound (highs), linear and binary', async () => {
    await fc.assert(
      fc.asyncProperty(presetInstance, fc.constantFrom('linear' as const, 'binary' as const), async (inst, strategy) => {
        const max = bruteMax(inst);
        if (max === null) return;
        const r = await maxFit(inst, { backend: 'highs', strategy });
        expect([`${strategy} (decide)`, 'decision']).toContain(r.method);
        expect(r.best).toBe(max);
        expectSound(inst, r, max);
      }),
      { numRuns: 5 },
    );
  }, 60_000);

  it("ignores the instance's own minCorrect", async () => {
    const inst: Instance = { ...presetXor(), minCorrect: 1 };
    const r = await maxFit(inst);
    expect(r.best).toBe(3);
    expect(r.upper).toBe(3);
    expect(r.status).toBe('untrainable');
  });
});

/** XOR on a perceptron (instances/xor-perceptron.json): the best fit is 3 of 4. */
function presetXor(): Instance {
  return parseInstance(readFileSync(join(import.meta.dirname, '..', '..', 'instances', 'xor-perceptron.json'), 'utf8'));
}

describe('max-fit under a budget', () => {
  it('never claims what it did not prove (timeout 0 and tiny budgets)', async () => {
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(tinyInstance(), presetInstance), fc.constantFrom(0, 1, 3), fc.constantFrom('auto', 'cadical'), async (inst, timeoutMs, backend) => {
        const max = bruteMax(inst);
        if (max === null) return;
        const r = await maxFit(inst, { timeoutMs, backend });
        expectSound(inst, r, max);
        if (!r.optimal) {
          cut++;
          expect(r.unknown?.kind).toBe('budget');
        }
      }),
      { numRuns: 60 },
    );
    expect(cut).toBeGreaterThan(0);
  }, 60_000);

  it('reports the bounds as they improve, lower rising and upper falling', async () => {
    const seen: { lower: number; upper: number }[] = [];
    const r = await maxFit(presetXor(), { onBound: (b) => seen.push(b) });
    expect(seen).toEqual(r.bounds);
    expect(r.bounds[r.bounds.length - 1]).toMatchObject({ lower: 3, upper: 3 });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].lower).toBeGreaterThanOrEqual(seen[i - 1].lower);
      expect(seen[i].upper).toBeLessThanOrEqual(seen[i - 1].upper);
    }
  });
});
