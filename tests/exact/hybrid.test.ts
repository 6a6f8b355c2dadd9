/**
 * The hybrid SAT + LP procedure (src/exact/hybrid.ts) against brute force
 * (src/model/bruteforce.ts) and the bit-blasted encoding on CaDiCaL, on random tiny
 * instances of every unit kind and of every preset; on the curated instances
 * (instances/manifest.json). Every lemma produced
 * is checked: its certificate passes the exact Farkas check and its clause is falsified
 * by exactly the labelled points it certifies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { checkCertificate } from '../../src/exact/farkas.js';
import { decideHybrid, type HybridOptions, type TheoryLemma } from '../../src/exact/hybrid.js';
import { bruteForce, BruteForceBudgetError } from '../../src/model/bruteforce.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';
import { expandPreset, type PresetName } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';

async function hybridChecked(inst: Instance, sym?: boolean, more: HybridOptions = {}) {
  const lemmas: TheoryLemma[] = [];
  const r = await decideHybrid(inst, { symmetryBreaking: sym, onLemma: (l) => lemmas.push(l), ...more });
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
      { numRuns: 500 },
    );
  }, 60_000);

  it('hidden threshold units in points mode (upstream literals in the points and the clauses) agree too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tinyInstance({ maxUnits: 4, kinds: ['threshold', 'threshold', 'and', 'or', 'lookup', 'not'] }), presetInstance()), async (inst) => {
        const expected = bruteForce(inst, { maxWork: 3e6 }).status;
        expect((await hybridChecked(inst, true, { tableMaxFanin: 0 })).status).toBe(expected);
      }),
      { numRuns: 150 },
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

describe('hybrid against bit-blasting, curated instances, budgets', () => {
  it('agrees with the bit-blasted encoding on CaDiCaL, in table and in points mode', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tinyInstance(), presetInstance()), fc.constantFrom(0, undefined), async (inst, tableMaxFanin) => {
        const bitblast = await decide(inst, { backend: 'cadical' });
        expect((await hybridChecked(inst, true, { tableMaxFanin })).status).toBe(bitblast.status);
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it('threshold units on rational inputs agree with the bit-blasted encoding', async () => {
    const q = fc.constantFrom('0', '1', '-1', '1/2', '3/2', '-2/3', '2');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<PresetName>('perceptron', 'blum-rivest-and'),
        fc.array(fc.tuple(q, q, fc.boolean()), { minLength: 1, maxLength: 6 }),
        async (preset, rows) => {
          const inst: Instance = {
            network: expandPreset(preset, 2),
            examples: rows.map(([a, b, y]) => ({ x: [Rational.parse(a), Rational.parse(b)], y: [y ? 1 : 0] })),
          };
          const r = await hybridChecked(inst);
          expect(r.status).toBe((await decide(inst)).status);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('every lemma clause is falsified by exactly the labels it certifies', async () => {
    const inst = parseInstance(readFileSync(join(DIR, 'parity-4-blum-rivest.json'), 'utf8'));
    const lemmas: TheoryLemma[] = [];
    const r = await decideHybrid(inst, { onLemma: (l) => lemmas.push(l) });
    expect(r.status).toBe('untrainable');
    expect(lemmas.length).toBeGreaterThan(0);
    expect(r.stats.lemmas).toBe(lemmas.length);
    for (const l of lemmas) {
      expect(checkCertificate(l.certificate)).toBe(true);
      expect(l.certificate.points.length).toBeLessThanOrEqual(l.certificate.points[0].length + 2);
      expect(new Set(l.clause.map(Math.abs)).size).toBe(l.clause.length);
    }
  });

  it('an exhausted budget gives unknown, never a guess', async () => {
    const inst = parseInstance(readFileSync(join(DIR, 'parity-4-blum-rivest.json'), 'utf8'));
    const r = await decideHybrid(inst, { timeoutMs: 0 });
    expect(r.status).toBe('unknown');
    expect(r.parameters).toBeNull();
    const d = await decide(inst, { backend: 'hybrid', timeoutMs: 0 });
    expect(d.status).toBe('unknown');
    expect(d.unknown?.kind).toBe('budget');
  });

  const DIR = join(import.meta.dirname, '..', '..', 'instances');
  const manifest: { file: string; expected: string }[] = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
  for (const { file, expected } of manifest) {
    it(`curated ${file}: ${expected} (hybrid with and without symmetry breaking, and bit-blasted)`, async () => {
      const inst = parseInstance(readFileSync(join(DIR, file), 'utf8'), file);
      const r = await decide(inst, { backend: 'hybrid' });
      expect(r.status).toBe(expected);
      expect(r.backend).toBe('hybrid');
      if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
      expect((await hybridChecked(inst, false)).status).toBe(expected);
      expect((await decide(inst, { backend: 'cadical', timeoutMs: 60_000 })).status).toBe(expected);
    });
  }
});
