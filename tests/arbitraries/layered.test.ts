/**
 * Planted multi-class layered instances (src/arbitraries/layered.ts): every value is a valid
 * layered instance with classes (JSON round trip), its labels are in range and its witness
 * passes the exact check; labels are not all the same class; the options are validated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredInstance } from '../../src/arbitraries/index.js';
import { checkParameters, predict } from '../../src/model/evaluate.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { instanceToJSON } from '../../src/model/serialize.js';

describe('layeredInstance', () => {
  it('values are valid multi-class instances whose witness is their argmax', () => {
    let mixed = 0;
    fc.assert(
      fc.property(layeredInstance({ weights: { min: -2, max: 1 }, inputValues: { min: -2, max: 3 } }), (v) => {
        const { network, examples } = v.instance;
        expect(v.expected).toBe('trainable');
        expect(network.classes).toBe(network.outputs.length);
        expect(network.units.filter((u) => u.kind === 'score').map((u) => u.id)).toEqual(network.outputs);
        for (const u of network.units) expect(u.integerWeights).toEqual({ min: -2, max: 1, anyThreshold: true });
        expect(parseInstanceValue(JSON.parse(JSON.stringify(instanceToJSON(v.instance))))).toEqual(v.instance);
        for (const ex of examples) {
          expect(ex.y).toEqual([]);
          expect(predict(network, v.witness, ex.x)).toBe(ex.label);
        }
        expect(checkParameters(v.instance, v.witness)).toMatchObject({ ok: true, violations: [] });
        if (new Set(examples.map((e) => e.label)).size >= 2) mixed++;
      }),
      { numRuns: 200, seed: 31 },
    );
    expect(mixed).toBeGreaterThan(10);
  });

  it('mixedLabels keeps instances with at least two labels', () => {
    const values = fc.sample(layeredInstance({ mixedLabels: true }), { numRuns: 50, seed: 32 });
    for (const v of values) expect(new Set(v.instance.examples.map((e) => e.label)).size).toBeGreaterThanOrEqual(2);
  });

  it('options out of range are refused when the arbitrary is built', () => {
    expect(() => layeredInstance({ minClasses: 1 })).toThrow(RangeError);
    expect(() => layeredInstance({ weights: { min: 1, max: 0 } })).toThrow(RangeError);
    expect(() => layeredInstance({ maxWidth: 0 })).toThrow(RangeError);
    expect(() => layeredInstance({ mixedLabels: true, maxExamples: 1 })).toThrow(RangeError);
  });
});
