/**
 * `trainsat compare --test`: the training fit and the test accuracy of the exact solution
 * and of gradient descent, by exact evaluation, against a hand-computed case; the keys
 * --json adds (docs/cli.md, "compare"); a test instance on another network is bad input.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('gd-compare-fit').path;
const perceptron = { preset: 'perceptron', inputs: 2 };

function write(name: string, value: object): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('trainsat compare --test', () => {
  // Training: AND of two inputs on all four points, so every fit computes AND. The test set
  // flips two of the four labels: any fit gets exactly (1,1) -> 1 and (1,0) -> 0 right, 2/4.
  const train = write('and.json', {
    network: perceptron,
    examples: [
      { x: [0, 0], y: [0] },
      { x: [0, 1], y: [0] },
      { x: [1, 0], y: [0] },
      { x: [1, 1], y: [1] },
    ],
  });
  const test = write('and-test.json', {
    network: perceptron,
    examples: [
      { x: [1, 1], y: [1] },
      { x: [0, 0], y: [1] },
      { x: [1, 0], y: [0] },
      { x: [0, 1], y: [1] },
    ],
  });

  it('--json: train and test accuracy of both sides, by exact evaluation', async () => {
    const r = await runCli(['compare', train, '--test', test, '--json', '-r', '5', '-s', '2', '--no-max-fit']);
    expect(r.code).toBe(0);
    const [row] = JSON.parse(r.out).instances;
    expect(Object.keys(row.exact).sort()).toEqual(['status', 'test', 'time_ms', 'train']);
    expect(Object.keys(row.gd).sort()).toEqual(['bestAccuracy', 'restarts', 'successes', 'test', 'time_ms', 'train']);
    expect(row.exact.status).toBe('trainable');
    expect(row.gd.successes).toBeGreaterThan(0);
    for (const side of [row.exact, row.gd]) {
      expect(side.train).toEqual({ correct: 4, total: 4, accuracy: 1 });
      expect(side.test).toEqual({ correct: 2, total: 4, accuracy: 0.5 });
    }
  });

  it('the table shows both; without --test a 0/1-output instance keeps the old keys', async () => {
    const r = await runCli(['compare', train, '--test', test, '-r', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/exact train\s+GD train\s+exact test\s+GD test/);
    expect(r.out).toMatch(/4\/4\s+4\/4\s+50\.0%\s+50\.0%/);
    const old = await runCli(['compare', train, '--json', '-r', '3', '--no-max-fit']);
    const [row] = JSON.parse(old.out).instances;
    expect(Object.keys(row.exact).sort()).toEqual(['status', 'time_ms']);
    expect(Object.keys(row.gd).sort()).toEqual(['bestAccuracy', 'restarts', 'successes', 'time_ms']);
  });

  it('a test instance on another network is exit 2, nothing printed', async () => {
    const other = write('other.json', { network: { preset: 'perceptron', inputs: 3 }, examples: [{ x: [0, 0, 1], y: [1] }] });
    const r = await runCli(['compare', train, '--test', other, '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/--test: the network of the test instance .*other\.json differs/);
  });
});
