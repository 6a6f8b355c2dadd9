/**
 * Reduction-derived instances: a small random source instance (set splitting, or a 3SAT
 * formula) is decided by brute force, then mapped to a training instance by one of
 * trainsat's NP-hardness reductions (Blum & Rivest's set splitting -> 3-node network, and
 * the chain 3SAT -> NAE-SAT -> set splitting -> 3-node network).
 *
 * Why the answer is right: each reduction maps YES instances to trainable ones and NO
 * instances to untrainable ones (the theorem and both solution maps are in reductions/,
 * tested against brute force there), and the source's answer comes from exhaustive search
 * (brute.ts), not from any trainsat solver. For YES sources, the brute-forced solution is
 * lifted through the reduction (`liftSolution`) and checked with `checkParameters`: that
 * is the witness.
 *
 * Shrinking keeps the answer: the source is rebuilt in `.map` from plain numbers and
 * re-solved by brute force on every shrink step, so the expected answer always belongs to
 * the instance it comes with (a shrunk instance may have the other answer; it is still
 * labelled correctly).
 */
import fc from 'fast-check';
import { satToBlumRivest, satToBlumRivestAnd } from '../../reductions/index.js';
import type { Cnf } from '../../reductions/problems/sat.js';
import type { Reduction } from '../../reductions/reduction.js';
import type { SetSplitting } from '../../reductions/problems/set-splitting.js';
import { setSplittingToBlumRivest } from '../../reductions/set-splitting-to-blum-rivest.js';
import { setSplittingToBlumRivestAnd } from '../../reductions/set-splitting-to-blum-rivest-and.js';
import { checkParameters } from '../model/evaluate.js';
import type { Instance, Parameters } from '../model/types.js';
import { bruteForceSat, bruteForceSplitting } from './brute.js';
import type { KnownInstance } from './types.js';
import { REDUCTION_TARGETS, type ReductionTarget } from './unsplittable.js';

export type ReductionSource = 'set-splitting' | '3sat';
export const REDUCTION_SOURCES: readonly ReductionSource[] = ['set-splitting', '3sat'];

export interface ReductionOptions {
  /** Source problems (default both). */
  sources?: readonly ReductionSource[];
  /** Target networks (default both). */
  targets?: readonly ReductionTarget[];
  /** Set splitting: elements (default 2..5) and at most this many sets of 2-3 elements (default 5). */
  maxElements?: number;
  maxSets?: number;
  /** 3SAT: variables (default 1..3; the reduced network has 2N inputs) and clauses of 1-3 literals (default 1..4). */
  maxVars?: number;
  maxClauses?: number;
}

function witnessFor(instance: Instance, params: Parameters): Parameters {
  const check = checkParameters(instance, params);
  if (!check.ok) throw new Error(`internal error: a lifted solution fails the reduced instance (${check.correct}/${check.total})`);
  return params;
}

/**
 * The known instance of `reduction` applied to `source`, whose brute-forced `solution`
 * (null: none) decides the answer and, lifted, is the witness. `words`: how the reason
 * names the source and its two answers.
 */
function known<S, SSol>(
  reduction: Pick<Reduction<S, SSol, Instance, Parameters>, 'name' | 'reduce' | 'liftSolution'>,
  source: S,
  solution: SSol | null,
  [what, yes, no]: [string, string, string],
  origin: KnownInstance['source'],
): KnownInstance {
  const instance = reduction.reduce(source);
  return {
    instance,
    expected: solution ? 'trainable' : 'untrainable',
    witness: solution ? witnessFor(instance, reduction.liftSolution(source, solution)) : null,
    reason: `${reduction.name} of ${what} that brute force finds ${solution ? yes : no}; trainable iff ${yes}`,
    family: 'reduction',
    source: origin,
  };
}

function setSplittingSource(maxElements: number, maxSets: number, target: fc.Arbitrary<ReductionTarget>): fc.Arbitrary<KnownInstance> {
  return fc
    .record({
      n: fc.integer({ min: 2, max: maxElements }),
      sets: fc.array(fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: maxSets, size: 'max' }),
      target,
    })
    .map(({ n, sets: picks, target }): KnownInstance => {
      const sets = picks.map((p) => {
        const s = [...new Set(p.map((v) => v % n))];
        return s.length >= 2 ? s : [s[0], (s[0] + 1) % n];
      });
      const source: SetSplitting = { elements: n, sets };
      const reduction = target === 'blum-rivest' ? setSplittingToBlumRivest : setSplittingToBlumRivestAnd;
      return known(reduction, source, bruteForceSplitting(source), ['a set system', 'splittable', 'unsplittable'], { problem: 'set-splitting', instance: source });
    });
}

function satSource(maxVars: number, maxClauses: number, target: fc.Arbitrary<ReductionTarget>): fc.Arbitrary<KnownInstance> {
  const literal = fc.record({ v: fc.nat(), neg: fc.boolean() });
  return fc
    .record({
      numVars: fc.integer({ min: 1, max: maxVars }),
      clauses: fc.array(fc.array(literal, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: maxClauses, size: 'max' }),
      target,
    })
    .map(({ numVars, clauses, target }): KnownInstance => {
      const source: Cnf = { numVars, clauses: clauses.map((c) => c.map(({ v, neg }) => (neg ? -1 : 1) * ((v % numVars) + 1))) };
      const reduction = target === 'blum-rivest' ? satToBlumRivest : satToBlumRivestAnd;
      return known(reduction, source, bruteForceSat(source), ['a CNF', 'satisfiable', 'unsatisfiable'], { problem: '3sat', instance: source });
    });
}

/** Reduction-derived instances with answers from brute-forced sources (see the file comment). */
export function reductionInstance(opts: ReductionOptions = {}): fc.Arbitrary<KnownInstance> {
  const sources = opts.sources ?? REDUCTION_SOURCES;
  const targets = opts.targets ?? REDUCTION_TARGETS;
  if (sources.length === 0 || targets.length === 0) throw new RangeError('sources and targets must not be empty');
  const maxElements = opts.maxElements ?? 5;
  const maxSets = opts.maxSets ?? 5;
  const maxVars = opts.maxVars ?? 3;
  const maxClauses = opts.maxClauses ?? 4;
  for (const [k, v, min] of [['maxElements', maxElements, 2], ['maxSets', maxSets, 1], ['maxVars', maxVars, 1], ['maxClauses', maxClauses, 1]] as const) {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${k} must be an integer >= ${min}, got ${v}`);
  }
  if (maxElements > 20 || maxVars > 10) throw new RangeError('brute force needs maxElements <= 20 and maxVars <= 10');
  const target = fc.constantFrom(...targets);
  const arbs = sources.map((s) => (s === 'set-splitting' ? setSplittingSource(maxElements, maxSets, target) : satSource(maxVars, maxClauses, target)));
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}
