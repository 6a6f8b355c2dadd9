/**
 * What a reduction is, as code.
 *
 * A polynomial-time many-one reduction from problem A to problem B is a map `reduce` from
 * A-instances to B-instances with: `s` is a YES instance of A iff `reduce(s)` is a YES
 * instance of B. The two directions of that "iff" are proved by two maps between
 * *solutions* (witnesses), and trainsat ships both as code so that tests can check them:
 *
 *  - `liftSolution(s, sol)`: a solution of `s` -> a solution of `reduce(s)` (YES goes to YES);
 *  - `lowerSolution(s, tsol)`: *any* solution of `reduce(s)` -> a solution of `s` (so a NO
 *    instance cannot go to a YES instance). It must work for whatever solution a solver
 *    finds, not only for the ones `liftSolution` builds.
 *
 * Each problem carries its own checker (`Problem.check`), so every claimed solution, on
 * either side, can be verified independently of the reduction that produced it.
 *
 * `compose(r1, r2)` is again a `Reduction`: instances go forward through both maps,
 * solutions are lifted forward through both and lowered back through both, and the
 * explanations are concatenated.
 */

/** A decision problem whose YES instances have checkable solutions (an NP relation). */
export interface Problem<I, Sol> {
  /** Short name, e.g. "set-splitting", "3sat", "trainability (blum-rivest-and)". */
  readonly name: string;
  /** True iff `solution` is a solution of `instance` (total: never throws on well-formed input). */
  check(instance: I, solution: Sol): boolean;
  /** A human-readable summary of the instance, one line per item. */
  describe(instance: I): string[];
  /** A human-readable rendering of a solution. */
  describeSolution(instance: I, solution: Sol): string;
  /**
   * Every well-formed candidate solution of a small instance (finitely many), for brute
   * force (`bruteForce`): the instance is a YES instance iff some candidate passes `check`.
   */
  candidates?(instance: I): Iterable<Sol>;
  /** A decision procedure for instances too large to enumerate (trainability: `decide`). */
  solve?: Solver<I, Sol>;
}

/**
 * A decision procedure that answers with a certificate: a solution of a YES instance, or
 * null for a NO instance. It throws when it cannot answer (a budget ran out).
 */
export type Solver<I, Sol> = (instance: I) => Sol | null | Promise<Sol | null>;

/** Most candidates `allTuples` enumerates: brute force is for small instances only. */
export const MAX_CANDIDATES = 2 ** 20;

/** Every tuple of `length` entries drawn from `values` (values.length ** length of them). */
export function* allTuples<V>(length: number, values: readonly V[]): Generator<V[]> {
  if (values.length ** length > MAX_CANDIDATES) {
    throw new RangeError(`brute force over ${values.length}^${length} candidates is refused (at most ${MAX_CANDIDATES}); give a solver instead`);
  }
  if (values.length === 0 && length > 0) return;
  const digits = new Array<number>(length).fill(0);
  for (;;) {
    yield digits.map((d) => values[d]);
    let i = 0;
    while (i < length && digits[i] === values.length - 1) digits[i++] = 0;
    if (i === length) return;
    digits[i]++;
  }
}

/** The brute-force solver of a problem that enumerates its candidates: the first that checks. */
export function bruteForce<I, Sol>(problem: Problem<I, Sol>): Solver<I, Sol> {
  const candidates = problem.candidates;
  if (candidates === undefined) throw new TypeError(`${problem.name} does not enumerate candidate solutions, so it cannot be brute-forced`);
  return (instance) => {
    for (const c of candidates.call(problem, instance)) if (problem.check(instance, c)) return c;
    return null;
  };
}

/** An explanation of one reduction step, for this particular source instance. */
export interface Explanation {
  /** "Set Splitting -> 3-node network with an AND output (Blum & Rivest)". */
  title: string;
  /** The theorem this step proves, with its source. */
  theorem: string;
  /** The construction, step by step, for this instance. */
  steps: string[];
  /** When the target is a trainsat instance: what each example stands for, by index. */
  exampleMeanings?: string[];
  /** When the target is a trainsat instance: what each input stands for (e.g. "s1", "u"), by index. */
  inputNames?: string[];
}

export interface Reduction<S, SSol, T, TSol> {
  /** e.g. "set-splitting -> blum-rivest-and". */
  readonly name: string;
  readonly source: Problem<S, SSol>;
  readonly target: Problem<T, TSol>;
  /** The forward map on instances (polynomial time). */
  reduce(source: S): T;
  /** A solution of `source` -> a solution of `reduce(source)`. */
  liftSolution(source: S, solution: SSol): TSol;
  /** Any solution of `reduce(source)` -> a solution of `source`. */
  lowerSolution(source: S, targetSolution: TSol): SSol;
  /** `source.check`: is `solution` a solution of the source instance? */
  checkSource(source: S, solution: SSol): boolean;
  /** `target.check`: is `solution` a solution of the target instance? */
  checkTarget(target: T, solution: TSol): boolean;
  /** The construction for this source instance, one entry per reduction step. */
  explain(source: S): Explanation[];
  /** How a target solution maps back to a source solution, step by step (last step first). */
  explainLowering(source: S, targetSolution: TSol): string[];
}

/** The parts a single-step reduction has to provide; `defineReduction` adds the rest. */
export interface ReductionSpec<S, SSol, T, TSol> {
  name: string;
  source: Problem<S, SSol>;
  target: Problem<T, TSol>;
  reduce(source: S): T;
  liftSolution(source: S, solution: SSol): TSol;
  lowerSolution(source: S, targetSolution: TSol): SSol;
  explain(source: S): Explanation;
  explainLowering(source: S, targetSolution: TSol): string[];
}

/**
 * Builds a `Reduction` from its essential parts. `reduce` is memoised per source object
 * (sources are treated as immutable), so the solution maps and explanations, which all
 * need the target instance, do not rebuild it.
 */
export function defineReduction<S extends object, SSol, T, TSol>(spec: ReductionSpec<S, SSol, T, TSol>): Reduction<S, SSol, T, TSol> {
  const cache = new WeakMap<S, T>();
  const reduce = (s: S): T => {
    let t = cache.get(s);
    if (t === undefined) {
      t = spec.reduce(s);
      cache.set(s, t);
    }
    return t;
  };
  return {
    name: spec.name,
    source: spec.source,
    target: spec.target,
    reduce,
    liftSolution: (s, sol) => spec.liftSolution(s, sol),
    lowerSolution: (s, tsol) => spec.lowerSolution(s, tsol),
    checkSource: (s, sol) => spec.source.check(s, sol),
    checkTarget: (t, tsol) => spec.target.check(t, tsol),
    explain: (s) => [spec.explain(s)],
    explainLowering: (s, tsol) => spec.explainLowering(s, tsol),
  };
}

/**
 * The composition r2 ∘ r1: A -> B -> C. Correct whenever both steps are: YES instances of A
 * go to YES instances of B and then of C, and a solution of the C instance lowers to one of
 * the B instance (r2) and then to one of the A instance (r1).
 */
export function compose<A extends object, ASol, B extends object, BSol, C, CSol>(
  r1: Reduction<A, ASol, B, BSol>,
  r2: Reduction<B, BSol, C, CSol>,
): Reduction<A, ASol, C, CSol> {
  const mid = (a: A): B => r1.reduce(a);
  const cache = new WeakMap<A, C>();
  const reduce = (a: A): C => {
    let c = cache.get(a);
    if (c === undefined) {
      c = r2.reduce(mid(a));
      cache.set(a, c);
    }
    return c;
  };
  return {
    name: `${r1.name}${r2.name.slice(r2.name.indexOf(' -> '))}`,
    source: r1.source,
    target: r2.target,
    reduce,
    liftSolution: (a, sol) => r2.liftSolution(mid(a), r1.liftSolution(a, sol)),
    lowerSolution: (a, csol) => r1.lowerSolution(a, r2.lowerSolution(mid(a), csol)),
    checkSource: (a, sol) => r1.checkSource(a, sol),
    checkTarget: (c, csol) => r2.checkTarget(c, csol),
    explain: (a) => [...r1.explain(a), ...r2.explain(mid(a))],
    explainLowering: (a, csol) => {
      const b = mid(a);
      const bsol = r2.lowerSolution(b, csol);
      const ok = r2.source.check(b, bsol);
      return [
        ...r2.explainLowering(b, csol),
        `  => ${r2.source.name} solution: ${r2.source.describeSolution(b, bsol)} (${ok ? 'checked: valid' : 'CHECK FAILED'})`,
        ...r1.explainLowering(a, bsol),
      ];
    },
  };
}

/**
 * Throws a RangeError unless `solution` solves `instance`: solution maps require valid
 * input (a backward map applied to parameters that do not fit proves nothing).
 */
export function requireSolution<I, Sol>(problem: Problem<I, Sol>, instance: I, solution: Sol, who: string): void {
  if (!problem.check(instance, solution)) {
    throw new RangeError(`${who}: the given ${problem.name} solution is not valid for its instance (a solution map needs a valid solution)`);
  }
}
