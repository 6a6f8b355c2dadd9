/**
 * Planted-trainable instances (src/arbitraries/planted.ts), dogfooded: every value is a
 * valid instance, its witness passes the exact check, brute force (independent of the
 * encoder) and `decide` both say trainable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkArbitrary, parametersFor, plantedInstance } from '../../src/arbitraries/index.js';
import { decide } from '../../src/decide.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { checkParameters, parameterViolations } from '../../src/model/evaluate.js';
import { parseInstanceValue } from '../../src/model/parse.js';
import { instanceToJSON } from '../../src/model/serialize.js';


describe('plantedInstance', () => {
  it('values are valid instances (JSON round trip) whose witness passes the exact check', () => {
    fc.assert(
      fc.property(plantedInstance(), (v) => {
        expect(v.expected).toBe('trainable');
        expect(v.family).toBe('planted');
        expect(parseInstanceValue(JSON.parse(JSON.stringify(instanceToJSON(v.instance))))).toEqual(v.instance);
        expect(checkParameters(v.instance, v.witness).ok).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('brute force (no encoder involved) agrees on small ones', () => {
    let decided = 0;
    fc.assert(
      fc.property(plantedInstance({ maxInputs: 3, maxUnits: 3, maxExamples: 6 }), (v) => {
        const r = bruteStatus(v.instance);
        if (r === null) return;
        decided++;
        expect(r).toBe('trainable');
      }),
      { numRuns: 150, seed: 12 },
    );
    expect(decided).toBeGreaterThan(100);
  });

  it('decide says trainable, with parameters that pass the exact check (every architecture)', async () => {
    await fc.assert(
      fc.asyncProperty(plantedInstance({ maxInputs: 4, maxExamples: 10 }), async (v) => {
        const r = await decide(v.instance);
        expect(r.status).toBe('trainable');
        expect(checkParameters(v.instance, r.parameters!).ok).toBe(true);
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('integer inputs (threshold-only inputs take values in a range) and integerWeights ranges', async () => {
    await fc.assert(
      fc.asyncProperty(
        plantedInstance({ architectures: ['perceptron', 'blum-rivest'], maxInputs: 3, maxExamples: 8, inputValues: { min: -2, max: 3 } }),
        async (v) => {
          expect(checkParameters(v.instance, v.witness).ok).toBe(true);
          expect((await decide(v.instance)).status).toBe('trainable');
        },
      ),
      { numRuns: 25, seed: 14 },
    );
    fc.assert(
      fc.property(plantedInstance({ integerWeights: { min: -1, max: 2 }, maxInputs: 3 }), (v) => {
        for (const u of v.instance.network.units) if (u.kind === 'threshold') expect(u.integerWeights).toEqual({ min: -1, max: 2 });
        expect(checkParameters(v.instance, v.witness).ok).toBe(true);
        const r = bruteStatus(v.instance);
        if (r) expect(r).toBe('trainable');
      }),
      { numRuns: 100, seed: 15 },
    );
  });

  it('options shape the values: architectures, sizes, distinct inputs, mixed labels', () => {
    fc.assert(
      fc.property(
        plantedInstance({ architectures: ['blum-rivest-and'], minInputs: 5, maxInputs: 5, minExamples: 7, maxExamples: 7 }),
        (v) => {
          expect(v.instance.network.inputs).toBe(5);
          expect(v.instance.network.units.map((u) => u.kind)).toEqual(['threshold', 'threshold', 'and']);
          expect(v.instance.examples).toHaveLength(7);
        },
      ),
      { numRuns: 50, seed: 16 },
    );
    fc.assert(
      fc.property(plantedInstance({ distinctInputs: true, maxExamples: 12 }), (v) => {
        const keys = v.instance.examples.map((e) => e.x.join(','));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 100, seed: 17 },
    );
    fc.assert(
      fc.property(plantedInstance({ architectures: ['blum-rivest-and', 'random'], minExamples: 2, mixedLabels: true }), (v) => {
        expect(new Set(v.instance.examples.map((e) => e.y.join())).size).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 100, seed: 20 },
    );
    expect(() => plantedInstance({ mixedLabels: true })).toThrow(/minExamples >= 2/);
    expect(() => plantedInstance({ minInputs: 0 })).toThrow(RangeError);
    expect(() => plantedInstance({ architectures: ['nope' as 'random'] })).toThrow(/unknown architecture/);
  });

  it('labels use both values on most instances (thresholds are placed between the sums)', () => {
    const vals = fc.sample(fc.noBias(plantedInstance({ architectures: ['perceptron', 'blum-rivest'], minInputs: 4, minExamples: 10, maxExamples: 10 })), { seed: 18, numRuns: 100 });
    const mixed = vals.filter((v) => new Set(v.instance.examples.map((e) => e.y[0])).size === 2).length;
    expect(mixed).toBeGreaterThan(80);
  });

  it('networkArbitrary and parametersFor compose into well-formed parameters', () => {
    fc.assert(
      fc.property(
        networkArbitrary({ architectures: ['random'], maxUnits: 5 }).chain((n) => fc.tuple(fc.constant(n), parametersFor(n))),
        ([network, params]) => {
          expect(parameterViolations(network, params)).toEqual({ violations: [], shapeOk: true });
          parseInstanceValue(instanceToJSON({ network, examples: [] }));
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });
});
