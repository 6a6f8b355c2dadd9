/**
 * Random testing of a reduction, in the spirit of Karp's `check-reduction`:
 *   C. Zhang, J. D. Hartline and C. Dimoulas, "Karp: a language for NP reductions",
 *   PLDI 2022, doi:10.1145/3519939.3523732.
 * A reduction is a forward map on instances with two certificate maps (reduction.ts); on
 * random source instances drawn from a fast-check arbitrary, `checkReduction` checks
 *
 *  (a) answers agree: the source is a YES instance iff its reduction is (each side decided
 *      by its own solver: brute force by default, trainsat's `decide` for networks);
 *  (b) lifting is sound: a source solution, mapped forward (`liftSolution`), solves the
 *      target (checked by the target's checker: exact evaluation for networks);
 *  (c) lowering is sound: a target solution, mapped back (`lowerSolution`), solves the
 *      source; checked for the target solver's solution and for every lifted one;
 *  (d) both answers occurred: a check that met only YES (or only NO) instances has not
 *      exercised half of the "iff" and fails unless `requireYesAndNo` is false.
 *
 * A failure of (a)-(c) is shrunk by fast-check to a small source instance and returned as
 * the report's counterexample; nothing is thrown for a wrong reduction (`assertReduction`
 * throws instead). Every solver claim is itself checked: a solver's solution that fails its
 * problem's checker is reported too.
 *
 * fast-check is loaded on the first call, so importing the reductions stays light.
 */
import type { Arbitrary } from 'fast-check';
import { bruteForce, type Problem, type Reduction, type Solver } from './reduction.js';

/** Which check failed. */
export type ReductionProperty =
  /** `reduce` threw. */
  | 'reduce'
  /** A solver threw, or returned a solution its problem's checker rejects. */
  | 'solve-source'
  | 'solve-target'
  /** (a) The source and target answers differ. */
  | 'answers-agree'
  /** (b) `liftSolution` threw or gave an invalid target solution. */
  | 'lift'
  /** (c) `lowerSolution` threw or gave an invalid source solution. */
  | 'lower'
  /** (d) Only YES or only NO instances were drawn. */
  | 'yes-and-no'
  /** A problem's checker or describer threw. */
  | 'error';

export interface ReductionFailure<S> {
  property: ReductionProperty;
  /** What went wrong, with the solutions involved. */
  details: string;
  /** The shrunk source instance it went wrong on (absent for 'yes-and-no'). */
  source?: S;
  /** Shrinking steps from the first failing source to `source`. */
  shrinks?: number;
  /** fast-check's replay path: pass it back with the same `seed` as option `path`. */
  path?: string;
}

export interface ReductionCheck<S> {
  /** The reduction's name. */
  reduction: string;
  ok: boolean;
  /** Random sources tried (up to and including the first failure). */
  runs: number;
  /** The seed used (pass it back as option `seed` to repeat the run). */
  seed: number;
  /** Sources that were YES / NO instances (counted up to the first failure). */
  yes: number;
  no: number;
  /** Source solutions lifted and target solutions lowered, each checked. */
  lifted: number;
  lowered: number;
  failure?: ReductionFailure<S>;
}

export interface CheckReductionOptions<S, SSol, T, TSol> {
  /** Random source instances (keep them small when a side is brute-forced). */
  arbitrary: Arbitrary<S>;
  /** Number of random sources (default 100). */
  runs?: number;
  seed?: number;
  /** With `seed`, replays a reported failure (`failure.path`). */
  path?: string;
  /** Sources always tried first, e.g. NO instances that random draws rarely hit. */
  examples?: S[];
  /** Decides the source (default: brute force over the source problem's candidates). */
  solveSource?: Solver<S, SSol>;
  /** Decides the target (default: brute force when the target problem enumerates candidates, else its own solver, e.g. `decide`). */
  solveTarget?: Solver<T, TSol>;
  /**
   * Lift every source solution and lower every target solution, not only the ones the
   * solvers found, on each side whose problem enumerates its candidates (default false).
   */
  everySolution?: boolean;
  /** Fail when only YES or only NO instances were drawn (default true). */
  requireYesAndNo?: boolean;
}

/** Thrown inside the property: which check failed and why. */
class PropertyFailure extends Error {
  constructor(
    readonly property: ReductionProperty,
    readonly details: string,
  ) {
    super(`${property}: ${details}`);
  }
}

function defaultSolver<I, Sol>(problem: Problem<I, Sol>, side: string): Solver<I, Sol> {
  if (problem.candidates) return bruteForce(problem);
  if (problem.solve) return problem.solve;
  throw new TypeError(`the ${side} problem ${problem.name} neither enumerates candidates nor has a solver; pass ${side === 'source' ? 'solveSource' : 'solveTarget'}`);
}

/** `f()`, with any exception turned into a failure of `property`. */
async function step<X>(property: ReductionProperty, what: string, f: () => X | Promise<X>): Promise<X> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof PropertyFailure) throw e;
    throw new PropertyFailure(property, `${what} threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The valid solutions among all candidates, or just `found` when the problem does not enumerate. */
function solutionsOf<I, Sol>(problem: Problem<I, Sol>, instance: I, found: Sol, every: boolean): Sol[] {
  if (!every || !problem.candidates) return [found];
  return [...problem.candidates(instance)].filter((c) => problem.check(instance, c));
}

/**
 * Checks `reduction` on random sources (see the file comment); resolves to a report whose
 * `failure` holds a shrunk counterexample when `ok` is false.
 */
export async function checkReduction<S, SSol, T, TSol>(
  reduction: Reduction<S, SSol, T, TSol>,
  options: CheckReductionOptions<S, SSol, T, TSol>,
): Promise<ReductionCheck<S>> {
  const fc = await import('fast-check');
  const { source: sp, target: tp } = reduction;
  const solveSource = options.solveSource ?? defaultSolver(sp, 'source');
  const solveTarget = options.solveTarget ?? defaultSolver(tp, 'target');
  const every = options.everySolution ?? false;
  type Counts = { yes: number; no: number; lifted: number; lowered: number };
  const counts: Counts = { yes: 0, no: 0, lifted: 0, lowered: 0 };
  /** Counting stops at the first failure: shrinking re-runs the property on smaller sources. */
  let failing = false;

  /** Checks one source; returns what it counted. */
  const checkOne = async (s: S): Promise<Counts> => {
    const c: Counts = { yes: 0, no: 0, lifted: 0, lowered: 0 };
    const t = await step('reduce', 'reduce', () => reduction.reduce(s));
    const sourceSol = await step('solve-source', 'the source solver', () => solveSource(s));
    if (sourceSol !== null && !reduction.checkSource(s, sourceSol)) {
      throw new PropertyFailure('solve-source', `the source solver's solution ${sp.describeSolution(s, sourceSol)} fails the ${sp.name} check`);
    }
    const targetSol = await step('solve-target', 'the target solver', () => solveTarget(t));
    if (targetSol !== null && !reduction.checkTarget(t, targetSol)) {
      throw new PropertyFailure('solve-target', `the target solver's solution ${tp.describeSolution(t, targetSol)} fails the ${tp.name} check`);
    }
    // (a)
    if (sourceSol !== null && targetSol === null) {
      throw new PropertyFailure('answers-agree', `the source is a YES instance (${sp.describeSolution(s, sourceSol)}) but the target is a NO instance`);
    }
    if (sourceSol === null && targetSol !== null) {
      throw new PropertyFailure('answers-agree', `the source is a NO instance but the target is a YES instance (${tp.describeSolution(t, targetSol)})`);
    }
    if (sourceSol === null || targetSol === null) return { ...c, no: 1 };
    c.yes = 1;
    // (b)
    const lifted: TSol[] = [];
    for (const sol of solutionsOf(sp, s, sourceSol, every)) {
      const l = await step('lift', `liftSolution of ${sp.describeSolution(s, sol)}`, () => reduction.liftSolution(s, sol));
      if (!reduction.checkTarget(t, l)) {
        throw new PropertyFailure('lift', `the source solution ${sp.describeSolution(s, sol)} lifts to ${tp.describeSolution(t, l)}, which fails the ${tp.name} check`);
      }
      lifted.push(l);
      c.lifted++;
    }
    // (c)
    for (const tsol of [...solutionsOf(tp, t, targetSol, every), ...lifted]) {
      const l = await step('lower', `lowerSolution of ${tp.describeSolution(t, tsol)}`, () => reduction.lowerSolution(s, tsol));
      if (!reduction.checkSource(s, l)) {
        throw new PropertyFailure('lower', `the target solution ${tp.describeSolution(t, tsol)} lowers to ${sp.describeSolution(s, l)}, which fails the ${sp.name} check`);
      }
      c.lowered++;
    }
    return c;
  };

  const property = fc.asyncProperty(options.arbitrary, async (s) => {
    let c: Counts;
    try {
      c = await checkOne(s);
    } catch (e) {
      failing = true;
      throw e;
    }
    if (!failing) for (const k of ['yes', 'no', 'lifted', 'lowered'] as const) counts[k] += c[k];
  });
  const details = await fc.check(property, {
    numRuns: options.runs ?? 100,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.examples ? { examples: options.examples.map((s): [S] => [s]) } : {}),
  });
  const report: ReductionCheck<S> = { reduction: reduction.name, ok: !details.failed, runs: details.numRuns, seed: details.seed, ...counts };
  if (details.failed) {
    const e = details.errorInstance;
    report.failure = {
      property: e instanceof PropertyFailure ? e.property : 'error',
      details: e instanceof PropertyFailure ? e.details : `unexpected error: ${e instanceof Error ? e.message : String(e)}`,
      ...(details.counterexample ? { source: details.counterexample[0] } : {}),
      shrinks: details.numShrinks,
      ...(details.counterexamplePath !== null ? { path: details.counterexamplePath } : {}),
    };
  } else if ((options.requireYesAndNo ?? true) && (counts.yes === 0 || counts.no === 0)) {
    report.ok = false;
    report.failure = {
      property: 'yes-and-no',
      details: `only ${counts.yes === 0 ? 'NO' : 'YES'} instances were drawn (${counts.yes} YES, ${counts.no} NO in ${details.numRuns} runs): draw other sources, add examples, or set requireYesAndNo: false`,
    };
  }
  return report;
}

/** The report as text: one summary line, then the counterexample. */
export function formatReductionCheck<S>(report: ReductionCheck<S>): string {
  const summary = `${report.reduction}: ${report.ok ? 'ok' : 'FAILED'} after ${report.runs} runs (seed ${report.seed}; ${report.yes} YES, ${report.no} NO; ${report.lifted} lifted, ${report.lowered} lowered)`;
  const f = report.failure;
  if (!f) return summary;
  const lines = [summary, `  property ${f.property}: ${f.details}`];
  if ('source' in f) lines.push(`  source (shrunk ${f.shrinks} times): ${JSON.stringify(f.source)}`);
  if (f.path !== undefined) lines.push(`  replay with { seed: ${report.seed}, path: ${JSON.stringify(f.path)} }`);
  return lines.join('\n');
}

/** A failed `checkReduction`, as an exception carrying the report. */
export class ReductionCheckError<S> extends Error {
  constructor(readonly report: ReductionCheck<S>) {
    super(formatReductionCheck(report));
    this.name = 'ReductionCheckError';
  }
}

/** `checkReduction`, throwing a `ReductionCheckError` when the report is not ok (for tests). */
export async function assertReduction<S, SSol, T, TSol>(
  reduction: Reduction<S, SSol, T, TSol>,
  options: CheckReductionOptions<S, SSol, T, TSol>,
): Promise<ReductionCheck<S>> {
  const report = await checkReduction(reduction, options);
  if (!report.ok) throw new ReductionCheckError(report);
  return report;
}
