/**
 * Untrainable instances with contradictory labels, in any architecture: a planted
 * instance (so every other example is consistent) plus a copy of one of its examples with
 * one output bit flipped, inserted at a drawn position.
 *
 * Why the answer is right: a network computes a function of its input, so whatever the
 * parameters, the two examples with the same x get the same outputs, and one of them is
 * wrong: `untrainable` for every architecture (there is no `minCorrect`).
 *
 * Shrinking keeps the answer: the planted part shrinks as in `plantedInstance`
 * (relabelled consistently, at least one example kept), and the contradiction is re-added
 * in `.map` to whatever example the shrunk index points at.
 */
import fc from 'fast-check';
import { plantedInstance, type PlantedOptions } from './planted.js';
import type { UntrainableInstance } from './types.js';

export type ContradictionOptions = PlantedOptions;

/** Instances with two examples of equal x and different y (see the file comment). */
export function contradictionInstance(opts: ContradictionOptions = {}): fc.Arbitrary<UntrainableInstance> {
  const minExamples = Math.max(1, opts.minExamples ?? 1);
  const maxExamples = Math.max(minExamples, opts.maxExamples ?? 7);
  return fc
    .record({
      planted: plantedInstance({ ...opts, minExamples, maxExamples }),
      which: fc.nat(),
      bit: fc.nat(),
      at: fc.nat(),
    })
    .map(({ planted, which, bit, at }): UntrainableInstance => {
      const { network, examples } = planted.instance;
      const a = which % examples.length;
      const o = bit % network.outputs.length;
      const y = [...examples[a].y];
      y[o] = y[o] === 1 ? 0 : 1;
      const pos = at % (examples.length + 1);
      const out = [...examples];
      out.splice(pos, 0, { x: [...examples[a].x], y });
      const orig = pos <= a ? a + 1 : a;
      const [i, j] = orig < pos ? [orig, pos] : [pos, orig];
      return {
        instance: { network, examples: out },
        expected: 'untrainable',
        witness: null,
        reason: `examples[${i}] and examples[${j}] have the same x but different y (output ${network.outputs[o]}); a network computes a function of its input`,
        family: 'contradiction',
      };
    });
}
