/**
 * `trainsat compare --test` on a multi-class instance, with `decide` replaced by a stub that
 * answers trainable with given parameters: the exact side's training fit and test accuracy
 * are those computed by hand for these parameters, and GD's are reported with the same keys.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rational } from '../../src/model/rational.js';
import { tempDir } from '../helpers/cli.js';

// s0 = x0, s1 = x1 (weights in [-1, 1], thresholds 0)
vi.mock('../../src/decide.js', () => ({
  decide: async () => ({
    status: 'trainable',
    parameters: {
      o0: { weights: [Rational.of(1), Rational.of(0)], threshold: Rational.of(0) },
      o1: { weights: [Rational.of(0), Rational.of(1)], threshold: Rational.of(0) },
    },
    backend: 'stub',
    time_ms: 0,
    stats: {},
  }),
}));

afterEach(() => vi.restoreAllMocks());

const tmp = tempDir('gd-compare-classes').path;
const network = { preset: 'layered', inputs: 2, hidden: [], classes: 2, weights: { min: -1, max: 1 } };

function write(name: string, examples: { x: number[]; label: number }[]): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify({ network, examples }));
  return file;
}

describe('trainsat compare --test with classes', () => {
  it('the exact side gets the hand-computed training fit and test accuracy; GD reports the same keys', async () => {
    const train = write('train.json', [
      { x: [1, 0], label: 0 },
      { x: [0, 1], label: 1 },
    ]);
    // (1,0) -> 0 right; (0,1) -> 1, label 0 wrong; (1,1) and (0,0) tie: misses; (0,1) -> 1 right
    const test = write('test.json', [
      { x: [1, 0], label: 0 },
      { x: [0, 1], label: 0 },
      { x: [1, 1], label: 1 },
      { x: [0, 0], label: 0 },
      { x: [0, 1], label: 1 },
    ]);
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const { compareCommand } = await import('../../src/cli/compare.js');
    const code = await compareCommand({ files: [train], restarts: 3, epochs: 100, seed: 0, json: true, backend: 'auto', test });
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const [row] = JSON.parse(out.join('')).instances;
    expect(row.exact).toMatchObject({ status: 'trainable', train: { correct: 2, total: 2, accuracy: 1 }, test: { correct: 2, total: 5, accuracy: 0.4 } });
    expect(row.gd.successes).toBeGreaterThan(0);
    expect(row.gd.train).toEqual({ correct: 2, total: 2, accuracy: 1 });
    expect(row.gd.test.total).toBe(5);
  });
});
