/**
 * A preset network (perceptron, blum-rivest, blum-rivest-and by default) on random 0/1
 * points with random labels: the shape of the exact bench's random labellings, small
 * enough for brute force.
 */
import fc from 'fast-check';
import { expandPreset, type PresetName } from '../../src/model/presets.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';

export function presetLabelling(o: { presets?: PresetName[]; minInputs?: number; maxInputs?: number; minExamples?: number; maxExamples?: number } = {}): fc.Arbitrary<Instance> {
  const maxInputs = o.maxInputs ?? 3;
  return fc
    .record({
      preset: fc.constantFrom<PresetName>(...(o.presets ?? ['perceptron', 'blum-rivest', 'blum-rivest-and'])),
      n: fc.integer({ min: o.minInputs ?? 1, max: maxInputs }),
      rows: fc.array(fc.tuple(fc.nat((1 << maxInputs) - 1), fc.boolean()), { minLength: o.minExamples ?? 1, maxLength: o.maxExamples ?? 8 }),
    })
    .map(({ preset, n, rows }) => ({
      network: expandPreset(preset, n),
      examples: rows.map(([x, y]) => ({ x: Array.from({ length: n }, (_, i) => ((x >> i) & 1 ? Rational.ONE : Rational.ZERO)), y: [y ? 1 : 0] as (0 | 1)[] })),
    }));
}
