/**
 * exactBesideGD (src/compare/exact-beside-gd.ts) on real solvers: its two answers are
 * those of decide and trainGD run alone with the same options, and an instance is
 * inconsistent only when they (or its planted parameters) contradict each other. The
 * contradicting-solver path, with a lying decide, is in tests/gd/inconsistency.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exactBesideGD } from '../../src/compare/exact-beside-gd.js';
import { decide } from '../../src/decide.js';
import { trainGD } from '../../src/gd/train.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import { ROOT } from '../helpers/cli.js';

const load = (file: string) => parseInstance(readFileSync(join(ROOT, 'instances', file), 'utf8'), file);
const gd = { restarts: 4, epochs: 150, seed: 3 };

describe('exactBesideGD', () => {
  it('gives the answers of decide and trainGD run alone, consistent on a trainable and an untrainable instance', async () => {
    for (const file of ['xor-3node.json', 'parity-3-perceptron.json']) {
      const inst = load(file);
      const r = await exactBesideGD(inst, { backend: 'hybrid', gd });
      expect(r.exact.status).toBe((await decide(inst, { backend: 'hybrid' })).status);
      const alone = trainGD(inst, gd);
      expect([r.gd.successes, r.gd.bestAccuracy, r.gd.firstSuccessRestart]).toEqual([alone.successes, alone.bestAccuracy, alone.firstSuccessRestart]);
      expect(r.consistent).toBe(true);
    }
    expect((await exactBesideGD(load('parity-3-perceptron.json'), { backend: 'hybrid', gd })).exact.status).toBe('untrainable');
  });

  it('planted parameters: inconsistent when the instance is called untrainable or they fail the exact check', async () => {
    const inst = load('parity-3-perceptron.json');
    const unit = inst.network.units.find((u) => u.kind === 'threshold')!;
    const k = unit.inputs.length;
    const planted = { [unit.id]: { weights: Array.from({ length: k }, () => Rational.ONE), threshold: Rational.ONE } };
    const r = await exactBesideGD(inst, { backend: 'hybrid', gd, planted });
    expect(r.exact.status).toBe('untrainable');
    expect(r.consistent).toBe(false);

    // xor-3node is trainable; its witness (OR, NAND) is consistent, AND in place of OR is not.
    const xor = load('xor-3node.json');
    const pair = (w: number, t: number) => ({ weights: [Rational.of(w), Rational.of(w)], threshold: Rational.of(t) });
    const good = await exactBesideGD(xor, { backend: 'hybrid', gd, planted: { h1: pair(1, 1), h2: pair(-1, -1) } });
    expect([good.exact.status, good.consistent]).toEqual(['trainable', true]);
    const bad = await exactBesideGD(xor, { backend: 'hybrid', gd, planted: { h1: pair(1, 2), h2: pair(-1, -1) } });
    expect([bad.exact.status, bad.consistent]).toEqual(['trainable', false]);
  });
});
