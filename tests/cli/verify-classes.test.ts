/**
 * `trainsat verify` on a multi-class instance (docs/format.md, "Classes"): parameters that
 * fit exit 0; a tie or a wrong class exits 1 naming the example, its label and the
 * predicted class; --json lists the failure with label and predicted; bad labels exit 2
 * naming the JSON path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const INSTANCE = {
  network: { preset: 'layered', inputs: 1, hidden: [], classes: 3, weights: { min: -2, max: 2 } },
  examples: [
    { x: [0], label: 0 },
    { x: [1], label: 1 },
    { x: [2], label: 2 },
  ],
};
// scores -2x, -1, 2x - 4: (0, -1, -4), (-2, -1, -2), (-4, -1, 0)
const FIT = { o0: { weights: [-2], threshold: 0 }, o1: { weights: [0], threshold: 1 }, o2: { weights: [2], threshold: 4 } };

describe('verify on a multi-class instance', () => {
  const tmp = tempDir('verify-classes');
  const write = (name: string, value: unknown) => {
    const f = join(tmp.path, name);
    writeFileSync(f, JSON.stringify(value));
    return f;
  };
  const inst = write('inst.json', INSTANCE);

  it('accepts parameters whose argmax is every label', async () => {
    const r = await runCli(['verify', inst, write('fit.json', FIT)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('valid: 3/3 examples correct');
  });

  it('names a tie and a wrong class, and --json lists label and predicted', async () => {
    // o1's threshold 0: the scores are (0, 0, -4) at x = 0 and (-4, 0, 0) at 2, ties.
    const params = write('tie.json', { ...FIT, o1: { weights: [0], threshold: 0 } });
    const r = await runCli(['verify', inst, params]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('invalid: 1/3 examples correct');
    expect(r.out).toContain('examples[0]: label 0, predicted no class (the greatest score is tied)');
    expect(r.out).toContain('examples[2]: label 2, predicted no class (the greatest score is tied)');
    // o0's threshold -2: at x = 1 the scores are (0, -1, -2), class 0.
    const wrong = write('wrong.json', { ...FIT, o0: { weights: [-2], threshold: -2 } });
    const w = await runCli(['verify', inst, wrong]);
    expect(w.code).toBe(1);
    expect(w.out).toContain('invalid: 2/3 examples correct');
    expect(w.out).toContain('examples[1]: label 1, predicted class 0');
    const j = await runCli(['verify', inst, params, '--json']);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, correct: 1, failures: [{ example: 0, label: 0, predicted: null }, { example: 2, label: 2, predicted: null }] });
  });

  it('a weight outside the range is a violation', async () => {
    const r = await runCli(['verify', inst, write('range.json', { ...FIT, o0: { weights: [-3], threshold: 0 } })]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('score unit "o0": weight 0 -3 is outside integerWeights [-2, 2]');
  });

  it('a label out of range is bad input naming its path', async () => {
    const bad = write('bad.json', { ...INSTANCE, examples: [{ x: [0], label: 3 }] });
    const r = await runCli(['verify', bad, write('p.json', FIT)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('examples[0].label: expected a class from 0 to 2, got 3');
  });
});
