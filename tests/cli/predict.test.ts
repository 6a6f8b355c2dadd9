/**
 * `trainsat predict`: predictions and accuracy against cases computed by hand, on the
 * instance's examples and on a test file; parameters that do not fit exit 2 naming the unit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempDir } from '../helpers/cli.js';

const { path: tmp, file } = tempDir('predict');

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

// A layered network without hidden units and three classes: score o0 = x0, o1 = x1,
// o2 = -x0 - x1 + 1 (score = w.z - t). On [1, 0]: 1, 0, 0 -> 0; [0, 1]: 0, 1, 0 -> 1;
// [0, 0]: 0, 0, 1 -> 2; [1, 1]: 1, 1, -1 -> a tie; [1/2, 1/3]: 1/2, 1/3, 1/6 -> 0.
const CLASSES = {
  network: { preset: 'layered', inputs: 2, hidden: [], classes: 3, weights: { min: -1, max: 1 } },
  examples: [
    { x: [1, 0], label: 0 },
    { x: [0, 1], label: 2 },
    { x: [0, 0], label: 2 },
    { x: [1, 1], label: 0 },
    { x: ['1/2', '1/3'], label: 0 },
  ],
};
const SCORES = { o0: { weights: [1, 0], threshold: 0 }, o1: { weights: [0, 1], threshold: 0 }, o2: { weights: [-1, -1], threshold: -1 } };

describe('trainsat predict (classes)', () => {
  const inst = file('classes.json', CLASSES);
  const params = file('scores.json', SCORES);

  it('the class whose score is strictly the greatest; a tie is a miss', async () => {
    const r = await runCli(['predict', inst, params]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'examples[0]: label 0, predicted 0',
        'examples[1]: label 2, predicted 1  (miss)',
        'examples[2]: label 2, predicted 2',
        'examples[3]: label 0, predicted a tie  (miss)',
        'examples[4]: label 0, predicted 0',
        'accuracy: 3/5 (60.0%)',
        '',
      ].join('\n'),
    );
    expect(JSON.parse((await runCli(['predict', inst, params, '--json'])).out)).toEqual({ accuracy: 0.6, correct: 3, total: 5, predictions: [0, 1, 2, null, 0] });
  });

  it('many examples: a line per label', async () => {
    const many = file('many-classes.json', { ...CLASSES, examples: Array.from({ length: 25 }, (_, i) => CLASSES.examples[i % 5]) });
    const r = await runCli(['predict', many, params]);
    // 5 of each example: label 0 right on [1, 0] and [1/2, 1/3] (10 of 15), label 2 on [0, 0] (5 of 10).
    expect(r.out).toBe(['label 0: 10/15 correct', 'label 2: 5/10 correct', 'accuracy: 15/25 (60.0%)', ''].join('\n'));
  });

  it('a test file from trainsat data, and bad input naming the unit or the file', async () => {
    const csv = file('pts.csv', 'a,b,class\n1,0,p\n0,1,r\n0,0,r\n1,1,p\n0,1,q\n1,0,q\n');
    const [train, test] = [join(tmp, 'pts.json'), join(tmp, 'pts-test.json')];
    expect((await runCli(['data', 'csv', csv, '--label', 'class', '--hidden', '', '--test-fraction', '0.5', '--seed', '1', '-o', train, '--test-out', test])).code).toBe(0);
    // Classes p, q, r = 0, 1, 2 and inputs a, b: the scores above, so the prediction is
    // 0 on [1, 0], 1 on [0, 1], 2 on [0, 0] and a tie on [1, 1].
    const rows = JSON.parse(readFileSync(test, 'utf8')).examples as { x: number[]; label: number }[];
    expect(rows).toHaveLength(3);
    const expected = rows.map(({ x }) => (x[0] === 1 && x[1] === 1 ? null : x[0] === 1 ? 0 : x[1] === 1 ? 1 : 2));
    const r = await runCli(['predict', train, params, '--data', test, '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.predictions).toEqual(expected);
    expect(o.correct).toBe(rows.filter((e, i) => expected[i] === e.label).length);
    const cases: [string[], RegExp][] = [
      [[inst, file('s1.json', { ...SCORES, o2: { weights: [2, -1], threshold: 0 } })], /the parameters do not fit the network: .*"o2": weight 0 2 is outside/],
      [[inst, file('s2.json', { o0: SCORES.o0, o1: SCORES.o1 })], /o2/],
      [[inst, params, '--data', file('two.json', { ...CLASSES, network: { ...CLASSES.network, classes: 2 }, examples: [] })], /two\.json: its network has 2 classes, the instance's has 3 classes/],
      [[inst, params, '--data', file('ys.json', OR)], /ys\.json: its network has no classes, the instance's has 3 classes/],
    ];
    for (const [args, message] of cases) {
      const b = await runCli(['predict', ...args]);
      expect({ args, code: b.code }).toEqual({ args, code: 2 });
      expect(b.err).toMatch(message);
    }
  });
});
