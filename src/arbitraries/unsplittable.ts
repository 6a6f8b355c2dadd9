/**
 * Untrainable instances from unsplittable set systems: a set system that contains a core
 * no splitting can split, plus extra elements and extra sets, renamed by a drawn
 * permutation, then reduced with Blum & Rivest's reduction (reductions/) to the
 * `blum-rivest-and` or `blum-rivest` network.
 *
 * Cores, and why none of them can be split into two sides with every set meeting both:
 *  - an odd cycle of pairs {a0,a1}, {a1,a2}, ..., {a2r,a0} (a triangle when r = 1): a pair
 *    is split iff its two elements are on different sides, and an odd cycle has no proper
 *    2-colouring;
 *  - the Fano plane (7 points, 7 lines of 3): the classical 3-uniform hypergraph that is not
 *    2-colourable;
 *  - all ten 3-element subsets of a 5-element set: one side holds at least 3 of the 5
 *    elements, hence a whole set.
 * Adding elements or sets never makes a system splittable (every core set must still be
 * split), and renaming elements changes nothing. The reduction maps a set system to an
 * instance that is trainable iff the system can be split (the theorem and both solution
 * maps are in reductions/set-splitting-to-blum-rivest*.ts, tested there), so the
 * instance is `untrainable`. As a second check, the system is brute-forced in `.map`.
 *
 * Shrinking keeps the answer: the core is rebuilt in `.map` from its (shrinking) size
 * choice, and only the extra elements, the extra sets and the renaming can shrink away.
 */
import fc from 'fast-check';
import type { SetSplitting } from '../../reductions/problems/set-splitting.js';
import { setSplittingToBlumRivest } from '../../reductions/set-splitting-to-blum-rivest.js';
import { setSplittingToBlumRivestAnd } from '../../reductions/set-splitting-to-blum-rivest-and.js';
import { bruteForceSplitting } from './brute.js';
import type { UntrainableInstance } from './types.js';

export type UnsplittableCore = 'odd-cycle' | 'fano' | 'triples-of-5';
export const UNSPLITTABLE_CORES: readonly UnsplittableCore[] = ['odd-cycle', 'fano', 'triples-of-5'];
export type ReductionTarget = 'blum-rivest-and' | 'blum-rivest';
export const REDUCTION_TARGETS: readonly ReductionTarget[] = ['blum-rivest-and', 'blum-rivest'];

export interface UnsplittableOptions {
  /** Cores to draw from (default all); cores larger than `maxElements` are left out. */
  cores?: readonly UnsplittableCore[];
  /** Longest odd cycle (default 5). */
  maxCycle?: number;
  /** At most this many elements in all (default 8); each element is one network input. */
  maxElements?: number;
  /** At most this many extra sets, of 2 or 3 elements (default 3). */
  maxExtraSets?: number;
  /** Target networks (default both). */
  targets?: readonly ReductionTarget[];
}

const FANO = [[0, 1, 2], [0, 3, 4], [0, 5, 6], [1, 3, 5], [1, 4, 6], [2, 3, 6], [2, 4, 5]];
const TRIPLES_OF_5: number[][] = [];
for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) for (let c = b + 1; c < 5; c++) TRIPLES_OF_5.push([a, b, c]);

function coreSets(core: UnsplittableCore, cycle: number): { size: number; sets: number[][]; what: string } {
  switch (core) {
    case 'odd-cycle':
      return {
        size: cycle,
        sets: Array.from({ length: cycle }, (_, i) => [i, (i + 1) % cycle]),
        what: cycle === 3 ? 'a triangle of pairs' : `an odd cycle of ${cycle} pairs`,
      };
    case 'fano':
      return { size: 7, sets: FANO.map((s) => [...s]), what: 'the Fano plane' };
    case 'triples-of-5':
      return { size: 5, sets: TRIPLES_OF_5.map((s) => [...s]), what: 'all 3-element subsets of 5 elements' };
  }
}

/** Blum-Rivest reductions of unsplittable set systems (see the file comment). */
export function unsplittableInstance(opts: UnsplittableOptions = {}): fc.Arbitrary<UntrainableInstance> {
  const maxElements = opts.maxElements ?? 8;
  const maxCycle = opts.maxCycle ?? 5;
  const maxExtraSets = opts.maxExtraSets ?? 3;
  const targets = opts.targets ?? REDUCTION_TARGETS;
  if (!Number.isInteger(maxCycle) || maxCycle < 3) throw new RangeError(`maxCycle must be an integer >= 3, got ${maxCycle}`);
  const maxCycleFit = Math.min(maxCycle, maxElements);
  const cores = (opts.cores ?? UNSPLITTABLE_CORES).filter((c) => (c === 'odd-cycle' ? maxCycleFit >= 3 : coreSets(c, 3).size <= maxElements));
  if (cores.length === 0) throw new RangeError(`no unsplittable core fits in maxElements = ${maxElements} (the smallest, a triangle, needs 3)`);
  if (targets.length === 0) throw new RangeError('targets must not be empty');
  return fc
    .record({
      core: fc.constantFrom(...cores),
      half: fc.integer({ min: 1, max: Math.max(1, Math.floor((maxCycleFit - 1) / 2)) }),
      extraElements: fc.nat({ max: maxElements }),
      extraSets: fc.array(fc.record({ picks: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), at: fc.nat() }), { maxLength: maxExtraSets, size: 'max' }),
      renaming: fc.array(fc.nat(), { minLength: maxElements, maxLength: maxElements }),
      target: fc.constantFrom(...targets),
    })
    .map(({ core, half, extraElements, extraSets, renaming, target }): UntrainableInstance => {
      const { size, sets: raw, what } = coreSets(core, 2 * half + 1);
      const n = size + Math.min(extraElements, maxElements - size);
      // A permutation of the elements: sort by the drawn keys (identity when they shrink to 0).
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => renaming[a] - renaming[b] || a - b);
      const name = new Array<number>(n);
      order.forEach((e, i) => (name[e] = i));
      const sets = raw.map((c) => c.map((e) => name[e]));
      for (const { picks, at } of extraSets) {
        const set = [...new Set(picks.map((p) => p % n))];
        if (set.length >= 2) sets.splice(at % (sets.length + 1), 0, set);
      }
      const source: SetSplitting = { elements: n, sets };
      if (bruteForceSplitting(source) !== null) throw new Error(`internal error: the ${what} core was split`);
      const reduction = target === 'blum-rivest' ? setSplittingToBlumRivest : setSplittingToBlumRivestAnd;
      const coreNames = raw.map((c) => `{${c.map((e) => `s${name[e]}`).join(',')}}`).join(' ');
      return {
        instance: reduction.reduce(source),
        expected: 'untrainable',
        witness: null,
        reason: `Blum-Rivest reduction (${reduction.name}) of a set system containing ${what} ${coreNames}, which no splitting splits; trainable iff splittable`,
        family: 'unsplittable',
        source: { problem: 'set-splitting', instance: source },
      };
    });
}
