/**
 * The MIP of a multi-class network (src/encode/lp.ts, score units) solved by HiGHS
 * (`--backend highs`, the weight-box ladder of src/mip/ladder.ts): its answers agree with
 * the bit-blasted encoding on CaDiCaL, untrainable ones included, and its trainable
 * points pass exact evaluation.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { Rng } from '../../src/random/rng.js';

/** A random layered multi-class instance: 3 inputs in {0, 1}, `hidden`, 3 classes, weights in {-1, 0, 1}. */
function randomClasses(seed: number, hidden: number[], m: number) {
  const rng = Rng.fromSeed(seed);
  const examples = Array.from({ length: m }, () => ({ x: [0, 1, 2].map(() => rng.int(0, 1)), label: rng.int(0, 2) }));
  return parseInstanceValue({ network: { preset: 'layered', inputs: 3, hidden, classes: 3, weights: { min: -1, max: 1 } }, examples });
}

describe('HiGHS on multi-class MIPs', () => {
  it('agrees with cadical, and its trainable points pass exact evaluation', async () => {
    const statuses = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const inst = randomClasses(seed, seed % 2 ? [] : [2], 3 + (seed % 4));
      const exact = await decide(inst, { backend: 'cadical' });
      const mip = await decide(inst, { backend: 'highs' });
      expect(mip.status).toBe(exact.status);
      statuses.add(mip.status);
      if (mip.status === 'trainable') expect(checkParameters(inst, mip.parameters!).ok).toBe(true);
    }
    // the instances cover both answers
    expect(statuses).toEqual(new Set(['trainable', 'untrainable']));
  });
});
