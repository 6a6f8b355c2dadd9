/**
 * `trainsat solve FILE --objective min-weights|max-margin`: the `--json` keys ("objective":
 * name, value, optimal, bound, history), the value recomputed from the printed parameters,
 * -o, and bad input (not a layered integer-weight network, an unknown objective, --certify)
 * exit 2 with no output file written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInstance } from '../../src/model/parse.js';
import { parseParameters } from '../../src/model/params.js';
import { objectiveValue } from '../../src/optimize/objective.js';
import { runCli, tempDir } from '../helpers/cli.js';

const { path: tmp, file } = tempDir('objective');

// x0 AND x1 on 2-2-1 with weights in {-1, 0, 1}: at least 3 non-zero weights.
const AND = {
  network: { preset: 'layered', inputs: 2, hidden: [2], weights: { min: -1, max: 1 } },
  examples: [
    { x: [0, 0], y: [0] },
    { x: [0, 1], y: [0] },
    { x: [1, 0], y: [0] },
    { x: [1, 1], y: [1] },
  ],
};

describe('trainsat solve --objective', () => {
  const inst = file('and.json', AND);

  for (const name of ['min-weights', 'max-margin'] as const) {
    it(`${name}: --json prints the objective keys, and the value is that of the printed parameters`, async () => {
      const r = await runCli(['solve', inst, '--objective', name, '--json']);
      expect(r.code).toBe(10);
      const j = JSON.parse(r.out);
      expect(Object.keys(j)).toEqual(expect.arrayContaining(['status', 'parameters', 'backend', 'time_ms', 'stats', 'objective']));
      expect(j.status).toBe('trainable');
      expect(Object.keys(j.objective).sort()).toEqual(['bound', 'history', 'name', 'optimal', 'value']);
      expect(j.objective).toMatchObject({ name, optimal: true });
      expect(j.objective.bound).toBe(j.objective.value);
      const instance = parseInstance(JSON.stringify(AND), 'and');
      const params = parseParameters(JSON.stringify(j.parameters), instance);
      expect(objectiveValue(name, instance, params)).toBe(j.objective.value);
      if (name === 'min-weights') expect(j.objective.value).toBe(3);
      for (const step of j.objective.history) expect(Object.keys(step).sort()).toEqual(['bound', 'by', 'ms', 'value']);
    });
  }

  it('text output names the value and whether it is proved; -o writes the parameters', async () => {
    const out = `${tmp}/p.json`;
    const r = await runCli(['solve', inst, '--objective', 'min-weights', '-o', out]);
    expect(r.code).toBe(10);
    expect(r.out).toMatch(/^trainable\n/);
    expect(r.out).toMatch(/c min-weights: 3 non-zero weights, optimal \(proved\)/);
    expect(Object.keys(JSON.parse(readFileSync(out, 'utf8'))).sort()).toEqual(['h1_1', 'h1_2', 'out']);
  });

  it('bad input exits 2 with a message and writes no file', async () => {
    const out = `${tmp}/none.json`;
    const perceptron = file('perceptron.json', { network: { preset: 'perceptron', inputs: 2 }, examples: AND.examples });
    const cases: [string[], RegExp][] = [
      [['solve', perceptron, '--objective', 'min-weights', '-o', out], /layered network with integer weights/],
      [['solve', inst, '--objective', 'fewest', '-o', out], /unknown objective "fewest"/],
      [['solve', inst, '--objective', 'min-weights', '--certify', '-o', out], /--certify is not available with --objective/],
      [['solve', file('one-label.json', { ...AND, examples: AND.examples.map((e) => ({ ...e, y: [0] })) }), '--objective', 'max-margin', '-o', out], /unbounded/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});
