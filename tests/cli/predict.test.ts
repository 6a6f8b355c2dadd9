/**
 * `trainsat predict`: predictions and accuracy against cases computed by hand, on the
 * instance's examples and on a test file; parameters that do not fit exit 2 naming the unit.
 */
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempDir } from '../helpers/cli.js';

const { file } = tempDir('predict');

// One threshold unit out = [x0 + x1 >= 3/2] (AND), asked to fit OR on four points: it
// predicts 0, 0, 0, 1 against 0, 1, 1, 1, so examples 1 and 2 are misses: accuracy 2/4.
const OR = {
  network: { preset: 'perceptron', inputs: 2 },
  examples: [
    { x: [0, 0], y: [0] },
    { x: [0, 1], y: [1] },
    { x: [1, 0], y: [1] },
    { x: [1, 1], y: [1] },
  ],
};
const AND_PARAMS = { out: { weights: [1, 1], threshold: '3/2' } };

describe('trainsat predict (one output)', () => {
  const inst = file('or.json', OR);
  const params = file('and.json', AND_PARAMS);

  it('lists each example and the accuracy', async () => {
    const r = await runCli(['predict', inst, params]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'examples[0]: expected [0], predicted [0]',
        'examples[1]: expected [1], predicted [0]  (miss)',
        'examples[2]: expected [1], predicted [0]  (miss)',
        'examples[3]: expected [1], predicted [1]',
        'accuracy: 2/4 (50.0%)',
        '',
      ].join('\n'),
    );
  });

  it('--json, and --data: the examples of another file for the same network', async () => {
    const test = file('or-test.json', { ...OR, examples: [{ x: ['1/2', 1], y: [1] }, { x: [1, '0.4'], y: [0] }, { x: [2, 0], y: [1] }] });
    // 1/2 + 1 >= 3/2: 1 (right); 1 + 0.4 < 3/2: 0 (right); 2 + 0 >= 3/2: 1 (right).
    const r = spawnCli(['predict', inst, params, '--data', test, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ accuracy: 1, correct: 3, total: 3, predictions: [[1], [0], [1]] });
    const own = JSON.parse((await runCli(['predict', inst, params, '--json'])).out);
    expect(own).toEqual({ accuracy: 0.5, correct: 2, total: 4, predictions: [[0], [0], [0], [1]] });
  });

  it('many examples: a summary per expected answer', async () => {
    const many = file('many.json', { ...OR, examples: Array.from({ length: 30 }, (_, i) => OR.examples[i % 4]) });
    const r = await runCli(['predict', many, params]);
    expect(r.code).toBe(0);
    // 30 examples: 8 of [0, 0] (all right), 22 expecting [1]: the 7 of [1, 1] right.
    expect(r.out).toBe(['expected [0]: 8/8 correct', 'expected [1]: 7/22 correct', 'accuracy: 15/30 (50.0%)', ''].join('\n'));
  });

  it('parameters that do not fit the network, or a test file for another network: exit 2 naming the place', async () => {
    const cases: [string[], RegExp][] = [
      [[inst, file('p1.json', { out: { weights: [1], threshold: 0 } })], /out\.weights: expected 2 weights/],
      [[inst, file('p2.json', { h9: { weights: [1, 1], threshold: 0 } })], /h9: unknown unit/],
      [[inst, params, '--data', file('other.json', { network: { preset: 'perceptron', inputs: 3 }, examples: [] })], /other\.json: its network has 3 inputs, the instance's has 2/],
      [
        [file('int.json', { ...OR, network: { preset: 'perceptron', inputs: 2, integerWeights: { min: -1, max: 1 } } }), file('p3.json', { out: { weights: [2, 1], threshold: 1 } })],
        /p3\.json: the parameters do not fit the network: threshold unit "out": weight 0 2 is outside integerWeights \[-1, 1\]/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['predict', ...args]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });
});
