/**
 * explainUntrainable (src/explain/core.ts) against brute force (src/model/bruteforce.ts) on
 * small untrainable instances: the core is untrainable, every single deletion is trainable,
 * the witnesses fit the core minus their example; budget-limited runs never claim a
 * minimality they did not prove.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contradictionInstance, parityInstance, plantedInstance, untrainableInstance } from '../../src/arbitraries/index.js';
import { explainUntrainable, subInstance, type ExplainResult } from '../../src/explain/core.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';
import type { Instance } from '../../src/model/types.js';
import { presetLabelling } from '../helpers/arb-preset.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const without = (core: readonly number[], e: number) => core.filter((f) => f !== e);

/**
 * The claims of an untrainable result, checked independently: the core is sorted and
 * within range, brute force says it is untrainable, every witness fits the core without its
 * example; when `minimal`, every example has a witness and brute force agrees that each
 * single deletion is trainable. Returns whether brute force decided (within its budget).
 */
function checkClaims(inst: Instance, x: ExplainResult): boolean {
  expect(x.status).toBe('untrainable');
  const core = x.core!;
  expect(core).toEqual([...new Set(core)].sort((a, b) => a - b));
  expect(core.every((e) => e >= 0 && e < inst.examples.length)).toBe(true);
  expect(x.coreInstance!.examples).toEqual(core.map((e) => inst.examples[e]));
  for (const f of x.fits) expect(checkParameters(subInstance(inst, without(core, f.example)), f.parameters).ok).toBe(true);
  expect(x.minimal).toBe(x.fits.length === core.length);
  const status = bruteStatus(subInstance(inst, core));
  if (status === null) return false;
  expect(status).toBe('untrainable');
  if (x.minimal) for (const e of core) expect(bruteStatus(subInstance(inst, without(core, e)))).not.toBe('untrainable');
  return true;
}

describe('explainUntrainable', () => {
  it('finds minimal cores that brute force confirms (parity, contradiction)', async () => {
    let confirmed = 0;
    await fc.assert(
      fc.asyncProperty(
        untrainableInstance({ families: ['parity', 'contradiction'], parity: { maxInputs: 3, maxExtraExamples: 3 }, contradiction: { maxExamples: 5, maxInputs: 3 } }),
        async (v) => {
          const x = await explainUntrainable(v.instance);
          expect(x.minimal).toBe(true);
          if (checkClaims(v.instance, x)) confirmed++;
        },
      ),
      { numRuns: 12, seed: 16 },
    );
    expect(confirmed).toBeGreaterThan(5);
  });

  it('gives minimal cores with every backend that decides the instance (cadical, minisat, hybrid)', async () => {
    await fc.assert(
      fc.asyncProperty(parityInstance({ maxInputs: 3, maxExtraExamples: 3 }), async (v) => {
        for (const backend of ['cadical', 'minisat', 'hybrid']) {
          const x = await explainUntrainable(v.instance, { backend });
          expect(x.minimal).toBe(true);
          checkClaims(v.instance, x);
        }
      }),
      { numRuns: 4, seed: 3 },
    );
  });

  it('finds minimal cores on random labellings of the blum-rivest networks (incremental hybrid session, both output gates)', async () => {
    let cores = 0;
    await fc.assert(
      fc.asyncProperty(
        presetLabelling({ presets: ['blum-rivest', 'blum-rivest-and'], minInputs: 3, minExamples: 4, maxExamples: 9 }),
        async (inst) => {
          const x = await explainUntrainable(inst);
          if (x.status === 'trainable') {
            expect(checkParameters(inst, x.parameters!).ok).toBe(true);
            return;
          }
          expect(x.minimal).toBe(true);
          expect(x.untrainable).not.toBeNull();
          if (checkClaims(inst, x)) cores++;
        },
      ),
      { numRuns: 25, seed: 11 },
    );
    // Cores brute force confirmed (untrainable, every single deletion trainable).
    expect(cores).toBeGreaterThan(2);
  });

  it('answers trainable, with no core, on trainable instances', async () => {
    await fc.assert(
      fc.asyncProperty(plantedInstance({ maxInputs: 3, maxExamples: 5 }), async (v) => {
        const x = await explainUntrainable(v.instance);
        expect(x.status).toBe('trainable');
        expect(x.core).toBeNull();
        expect(x.minimal).toBe(false);
        expect(checkParameters(v.instance, x.parameters!).ok).toBe(true);
      }),
      { numRuns: 8, seed: 5 },
    );
  });

  it('never claims minimality a decision budget did not allow to prove', async () => {
    let unproved = 0;
    await fc.assert(
      fc.asyncProperty(contradictionInstance({ maxExamples: 6, maxInputs: 3 }), fc.integer({ min: 1, max: 8 }), async (v, budget) => {
        const x = await explainUntrainable(v.instance, { maxDecisions: budget });
        expect(x.decisions).toBeLessThanOrEqual(budget);
        checkClaims(v.instance, x);
        if (!x.minimal) {
          unproved++;
          expect(x.unknown?.kind).toBe('budget');
        }
      }),
      { numRuns: 20, seed: 7 },
    );
    expect(unproved).toBeGreaterThan(0);
  });

  it('with one decision: the whole instance as the core, not minimal', async () => {
    const inst = parseInstance(readFileSync(join(import.meta.dirname, '..', '..', 'instances', 'xor-perceptron.json'), 'utf8'));
    const x = await explainUntrainable(inst, { maxDecisions: 1 });
    expect(x.core).toEqual([0, 1, 2, 3]);
    expect(x.minimal).toBe(false);
    expect(x.untrainable).not.toBeNull();
  });

  it('says unknown when even the first decision has no time', async () => {
    const inst = parseInstance(readFileSync(join(import.meta.dirname, '..', '..', 'instances', 'xor-perceptron.json'), 'utf8'));
    const x = await explainUntrainable(inst, { timeoutMs: 0 });
    expect(x.status).toBe('unknown');
    expect(x.core).toBeNull();
    expect(x.minimal).toBe(false);
  });

  it('refuses instances with minCorrect', async () => {
    const inst = parseInstance(readFileSync(join(import.meta.dirname, '..', '..', 'instances', 'xor-perceptron.json'), 'utf8'));
    await expect(explainUntrainable({ ...inst, minCorrect: 3 })).rejects.toThrow(/minCorrect/);
  });
});
