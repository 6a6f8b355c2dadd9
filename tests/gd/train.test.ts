/**
 * The trainer (src/gd/train.ts): it fits easy trainable instances; it never "succeeds" on
 * an instance that is untrainable (every success passes exact evaluation, so this is a
 * consistency check of the trainer's check against the exact solvers); runs are
 * reproducible from the seed, restart by restart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { trainGD, type GDResult } from '../../src/gd/train.js';
import { bruteForce, BruteForceBudgetError } from '../../src/model/bruteforce.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';
import { expandPreset } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance, ThresholdParams } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';

const ROOT = join(import.meta.dirname, '..', '..');
const load = (f: string): Instance => parseInstance(readFileSync(join(ROOT, 'instances', f), 'utf8'), f);
const manifest = JSON.parse(readFileSync(join(ROOT, 'instances', 'manifest.json'), 'utf8')) as { file: string; expected: string }[];

function truthTable(n: number, f: (bits: number[]) => number, preset: 'perceptron' | 'blum-rivest' | 'blum-rivest-and'): Instance {
  return {
    network: expandPreset(preset, n),
    examples: Array.from({ length: 2 ** n }, (_, i) => {
      const bits = Array.from({ length: n }, (_, j) => (i >> (n - 1 - j)) & 1);
      return { x: bits.map((b) => Rational.of(b)), y: [f(bits) as 0 | 1] };
    }),
  };
}

function expectChecked(inst: Instance, r: GDResult): void {
  expect(r.successes).toBeGreaterThan(0);
  expect(r.parameters).not.toBeNull();
  expect(checkParameters(inst, r.parameters!).ok).toBe(true);
  expect(r.firstSuccessRestart).not.toBeNull();
  expect(r.bestAccuracy).toBe(1);
}

/** Everything except wall-clock times. */
const timeless = (r: GDResult) => ({ ...r, time_ms: 0, firstSuccess_ms: r.firstSuccess_ms === null ? null : 0 });

describe('trainGD fits easy trainable instances', () => {
  it('AND and OR of 3 inputs on a perceptron', () => {
    for (const f of [(b: number[]) => +b.every((v) => v === 1), (b: number[]) => +b.some((v) => v === 1)]) {
      const inst = truthTable(3, f, 'perceptron');
      const r = trainGD(inst, { restarts: 3, seed: 1 });
      expectChecked(inst, r);
      expect(r.successes).toBe(3);
    }
  });

  it('XOR on blum-rivest-and and blum-rivest (fixed seed, enough restarts)', () => {
    for (const f of ['xor-blum-rivest-and.json', 'xor-blum-rivest.json', 'xor-3node.json']) {
      const inst = load(f);
      expectChecked(inst, trainGD(inst, { restarts: 10, seed: 7 }));
    }
  });

  it('lookup tables, fixed gates, fixed thresholds, integer weights, minCorrect', () => {
    for (const f of ['lookup-3-parity.json', 'lookup-or-network.json', 'not-threshold-nand.json', 'fixed-threshold-xnor.json', 'integer-weights-trainable.json', 'xor-perceptron-min3.json']) {
      const inst = load(f);
      const r = trainGD(inst, { restarts: 10, seed: 3 });
      expect(r.successes, f).toBeGreaterThan(0);
      const check = checkParameters(inst, r.parameters!);
      expect(check.ok, f).toBe(true);
      if (f.startsWith('integer-weights')) {
        for (const p of Object.values(r.parameters!) as ThresholdParams[]) {
          for (const v of [...p.weights, p.threshold]) expect(v.isInteger()).toBe(true);
        }
      }
      if (f === 'xor-perceptron-min3.json') expect(check.correct).toBeGreaterThanOrEqual(3);
    }
  });

  it('mini-batches train too', () => {
    const inst = truthTable(4, (b) => +(b[0] + b[1] + b[2] + b[3] >= 2), 'perceptron');
    expectChecked(inst, trainGD(inst, { restarts: 3, seed: 2, batchSize: 5 }));
  });

  it('stopAtFirstSuccess ends the run after the first fitting restart', () => {
    const inst = load('xor-blum-rivest-and.json');
    const r = trainGD(inst, { restarts: 10, seed: 7, stopAtFirstSuccess: true });
    expect(r.successes).toBe(1);
    expect(r.restarts).toBe(r.firstSuccessRestart! + 1);
  });
});

describe('trainGD never succeeds where no fit exists', () => {
  const untrainable = manifest.filter((e) => e.expected === 'untrainable').map((e) => e.file);

  it.each(untrainable)('%s: 0 successes, and the exact solver agrees it is untrainable', async (f) => {
    const inst = load(f);
    const r = trainGD(inst, { restarts: 6, epochs: 200, seed: 11 });
    expect(r.successes).toBe(0);
    expect(r.parameters).toBeNull();
    expect(r.bestAccuracy).toBeLessThan(1);
    expect(r.bestCorrect).toBeLessThan(inst.minCorrect ?? inst.examples.length);
    expect((await decide(inst, { backend: 'hybrid' })).status).toBe('untrainable');
  });

  it('on random tiny instances of every unit kind, a GD success implies brute force finds the instance trainable', () => {
    let successes = 0;
    fc.assert(
      fc.property(tinyInstance({ maxExamples: 6 }), fc.integer(), (inst, seed) => {
        const r = trainGD(inst, { restarts: 2, epochs: 80, seed });
        let status: string;
        try {
          status = bruteForce(inst, { maxWork: 2e5 }).status;
        } catch (e) {
          if (e instanceof BruteForceBudgetError) return;
          throw e;
        }
        if (r.successes > 0) {
          successes++;
          expect(status).toBe('trainable');
          expect(checkParameters(inst, r.parameters!).ok).toBe(true);
        }
        // Reported accuracy is an exact count and never exceeds what is possible.
        if (status === 'untrainable') expect(r.successes).toBe(0);
      }),
      { numRuns: 60 },
    );
    expect(successes).toBeGreaterThan(0);
  });
});

describe('reproducibility', () => {
  const inst = load('majority-4-blum-rivest-and.json');

  it('same seed, same results; another seed, other starting points', () => {
    const a = trainGD(inst, { restarts: 4, seed: 42, earlyStop: false, epochs: 60 });
    const b = trainGD(inst, { restarts: 4, seed: 42, earlyStop: false, epochs: 60 });
    expect(timeless(b)).toEqual(timeless(a));
    const c = trainGD(inst, { restarts: 4, seed: 43, earlyStop: false, epochs: 60 });
    expect(c.perRestart.map((p) => p.loss)).not.toEqual(a.perRestart.map((p) => p.loss));
  });

  it('restart r does not depend on how many restarts run', () => {
    const three = trainGD(inst, { restarts: 3, seed: 5, epochs: 60 });
    const five = trainGD(inst, { restarts: 5, seed: 5, epochs: 60 });
    expect(five.perRestart.slice(0, 3)).toEqual(three.perRestart);
  });
});
