/**
 * Untrainable-by-construction instances (parity copies, contradictions, unsplittable set
 * systems), dogfooded: brute force on the small ones and `decide` on all of them say
 * untrainable; the cores the reasons name are really there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contradictionInstance,
  parityInstance,
  untrainableInstance,
  unsplittableInstance,
  type UntrainableInstance,
} from '../../src/arbitraries/index.js';
import { decide } from '../../src/decide.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import { bruteSetSplitting } from '../reductions/helpers.js';

const brute = (v: UntrainableInstance) => bruteStatus(v.instance);

function common(v: UntrainableInstance): void {
  expect(v.expected).toBe('untrainable');
  expect(v.witness).toBeNull();
  expect(v.reason.length).toBeGreaterThan(10);
  expect(parseInstanceValue(JSON.parse(JSON.stringify(instanceToJSON(v.instance))))).toEqual(v.instance);
}

describe('parityInstance', () => {
  it('brute force says untrainable (0/1 and integer inputs, integerWeights)', () => {
    let decided = 0;
    // (brute force handles non-0/1 inputs only with integerWeights; decide covers real weights below)
    for (const opts of [{}, { inputValues: { min: -1, max: 2 }, integerWeights: { min: -3, max: 3 } }, { integerWeights: { min: -2, max: 2 } }]) {
      fc.assert(
        fc.property(parityInstance({ maxInputs: 3, ...opts }), (v) => {
          common(v);
          expect(v.family).toBe('parity');
          const r = brute(v);
          if (r !== null) decided++;
          if (r !== null) expect(r).toBe('untrainable');
        }),
        { numRuns: 60, seed: 21 },
      );
    }
    expect(decided).toBeGreaterThan(120);
  });

  it('decide says untrainable (0/1 and integer inputs)', async () => {
    await fc.assert(
      fc.asyncProperty(parityInstance({ maxInputs: 5 }), async (v) => {
        expect((await decide(v.instance)).status).toBe('untrainable');
      }),
      { numRuns: 30, seed: 22 },
    );
    await fc.assert(
      fc.asyncProperty(parityInstance({ maxInputs: 3, inputValues: { min: -2, max: 2 } }), async (v) => {
        expect((await decide(v.instance)).status).toBe('untrainable');
      }),
      { numRuns: 10, seed: 29 },
    );
  });

  it('extra examples are consistent: equal inputs carry equal labels', () => {
    fc.assert(
      fc.property(parityInstance({ maxExtraExamples: 12, maxInputs: 3 }), (v) => {
        const seen = new Map<string, string>();
        for (const e of v.instance.examples) {
          const k = e.x.join(',');
          expect(seen.get(k) ?? e.y.join()).toBe(e.y.join());
          seen.set(k, e.y.join());
        }
      }),
      { numRuns: 100, seed: 23 },
    );
  });
});

describe('contradictionInstance', () => {
  it('has exactly the contradiction it claims; brute force and decide say untrainable', async () => {
    fc.assert(
      fc.property(contradictionInstance({ maxInputs: 3, maxExamples: 5 }), (v) => {
        common(v);
        const [, i, j] = /examples\[(\d+)\] and examples\[(\d+)\]/.exec(v.reason)!.map(Number);
        const ex = v.instance.examples;
        expect(ex[i].x).toEqual(ex[j].x);
        expect(ex[i].y).not.toEqual(ex[j].y);
        const r = brute(v);
        if (r !== null) expect(r).toBe('untrainable');
      }),
      { numRuns: 150, seed: 24 },
    );
    await fc.assert(
      fc.asyncProperty(contradictionInstance(), async (v) => {
        expect((await decide(v.instance)).status).toBe('untrainable');
      }),
      { numRuns: 30, seed: 25 },
    );
  });
});

describe('unsplittableInstance', () => {
  it('the source set system is unsplittable by an independent brute force, and the instance is its reduction', () => {
    fc.assert(
      fc.property(unsplittableInstance(), (v) => {
        common(v);
        expect(v.source?.problem).toBe('set-splitting');
        const s = v.source!.instance as { elements: number; sets: number[][] };
        expect(bruteSetSplitting(s)).toBeNull();
        expect(v.instance.network.inputs === s.elements || v.instance.network.inputs === s.elements + 3).toBe(true);
      }),
      { numRuns: 200, seed: 26 },
    );
  });

  it('decide says untrainable (every core, both targets)', async () => {
    for (const core of ['odd-cycle', 'fano', 'triples-of-5'] as const) {
      await fc.assert(
        fc.asyncProperty(unsplittableInstance({ cores: [core], maxElements: core === 'fano' ? 7 : 6, maxExtraSets: 2 }), async (v) => {
          expect((await decide(v.instance)).status).toBe('untrainable');
        }),
        { numRuns: core === 'odd-cycle' ? 8 : 3, seed: 27 },
      );
    }
  });

  it('rejects options no core fits', () => {
    expect(() => unsplittableInstance({ maxElements: 2 })).toThrow(RangeError);
    expect(() => unsplittableInstance({ cores: ['fano'], maxElements: 6 })).toThrow(RangeError);
  });
});

describe('untrainableInstance', () => {
  it('mixes the three families', () => {
    const fams = new Set(fc.sample(untrainableInstance(), { seed: 28, numRuns: 60 }).map((v) => v.family));
    expect([...fams].sort()).toEqual(['contradiction', 'parity', 'unsplittable']);
    expect(new Set(fc.sample(untrainableInstance({ families: ['parity'] }), { seed: 28, numRuns: 20 }).map((v) => v.family))).toEqual(new Set(['parity']));
  });
});
