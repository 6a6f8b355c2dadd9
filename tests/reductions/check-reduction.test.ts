/**
 * The checker itself: `checkReduction` must catch a broken forward map, a broken lift, a
 * broken lowering and a lying solver, each with a shrunk counterexample that really fails;
 * it must refuse a run that met only one answer; and the brute force it uses by default
 * and the problems' checkers it relies on must agree with the independent ones of helpers.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertReduction,
  bruteForce,
  checkReduction,
  formatReductionCheck,
  hypergraphColoring,
  naeSat,
  ReductionCheckError,
  sat,
  satToNaeSat,
  setSplitting,
  setSplittingToBlumRivestAnd,
  type Reduction,
  type SetSplitting,
  type Splitting,
} from '../../reductions/index.js';
import { decide } from '../../src/decide.js';
import type { Instance, Parameters } from '../../src/model/types.js';
import { bruteModel } from '../helpers/cnf-brute.js';
import {
  allAssignments,
  allColorings,
  allSplittings,
  bruteColoring,
  bruteNae,
  bruteSetSplitting,
  cnfArb,
  coloringArb,
  isSplitting,
  naeSatisfies,
  properColoring,
  satisfies,
  setSplittingArb,
} from './helpers.js';

type SSR = Reduction<SetSplitting, Splitting, Instance, Parameters>;
const good = setSplittingToBlumRivestAnd;

describe('checkReduction catches broken reductions', () => {
  it('a forward map that drops the last set: answers disagree, on a shrunk source', async () => {
    const broken: SSR = { ...good, name: 'drop-last-set', reduce: (s) => good.reduce({ ...s, sets: s.sets.slice(0, -1) }) };
    const report = await checkReduction(broken, { arbitrary: setSplittingArb(5, 5), runs: 100, seed: 1 });
    expect(report.ok).toBe(false);
    const f = report.failure!;
    expect(f.property).toBe('answers-agree');
    expect(f.details).toMatch(/the source is a NO instance but the target is a YES instance/);
    // The counterexample really fails: brute force says NO, decide says trainable.
    const s = f.source!;
    expect(bruteSetSplitting(s)).toBeNull();
    expect((await decide(broken.reduce(s))).status).toBe('trainable');
    // Shrunk to one unsplittable set and no more elements than that set needs.
    expect(s.sets).toHaveLength(1);
    expect(s.elements).toBeLessThanOrEqual(1);
    expect(formatReductionCheck(report)).toMatch(/drop-last-set: FAILED .*\n {2}property answers-agree: .*\n {2}source \(shrunk \d+ times\): \{"elements"/);
  });

  it('a backward map that puts every element in S1: lowering fails, on a shrunk source', async () => {
    const broken: SSR = { ...good, lowerSolution: (s) => new Array<1 | 2>(s.elements).fill(1) };
    const report = await checkReduction(broken, { arbitrary: setSplittingArb(5, 5), runs: 100, seed: 2 });
    expect(report.failure?.property).toBe('lower');
    expect(report.failure!.details).toMatch(/lowers to S1 = \{.*\}, S2 = \{\}, which fails the set-splitting check/);
    const s = report.failure!.source!;
    expect(setSplitting.check(s, broken.lowerSolution(s, good.liftSolution(s, bruteSetSplitting(s)!)))).toBe(false);
    // Shrunk to a single set of two elements (the smallest splittable source with a set).
    expect(s.sets.map((c) => new Set(c).size)).toEqual([2]);
  });

  it('a forward certificate map that sets the fresh variable z: lifting fails', async () => {
    const broken = { ...satToNaeSat, liftSolution: (_f: unknown, a: boolean[]) => [...a, true] };
    const report = await checkReduction(broken, { arbitrary: cnfArb(4, 6), runs: 100, seed: 3 });
    expect(report.failure?.property).toBe('lift');
    const f = report.failure!.source!;
    expect(naeSat.check(satToNaeSat.reduce(f), broken.liftSolution(f, bruteModel(f)!))).toBe(false);
    expect(f.clauses.length).toBe(1);
  });

  it('a target solver whose solutions do not fit is caught by exact evaluation', async () => {
    const lying = await checkReduction(good, { arbitrary: setSplittingArb(3, 2), runs: 20, seed: 4, solveTarget: () => ({}) as Parameters });
    expect(lying.failure).toMatchObject({ property: 'solve-target', source: { elements: 0, sets: [] } });
    expect(lying.failure!.details).toMatch(/fails the trainability check/);
  });

  it('a run that meets only YES instances fails unless allowed; a thrown error names the check', async () => {
    const onlyYes = fc.constantFrom<SetSplitting>({ elements: 2, sets: [] }, { elements: 2, sets: [[0, 1]] });
    const report = await checkReduction(good, { arbitrary: onlyYes, runs: 5 });
    expect(report).toMatchObject({ ok: false, yes: 5, no: 0, failure: { property: 'yes-and-no' } });
    expect((await checkReduction(good, { arbitrary: onlyYes, runs: 5, requireYesAndNo: false })).ok).toBe(true);
    const err = await assertReduction(good, { arbitrary: onlyYes, runs: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReductionCheckError);
    expect((err as ReductionCheckError<SetSplitting>).report.failure?.property).toBe('yes-and-no');
    expect((err as Error).message).toMatch(/only YES instances were drawn/);
  });

  it('a seed repeats a run, and seed + path replay the counterexample', async () => {
    const broken: SSR = { ...good, lowerSolution: (s) => new Array<1 | 2>(s.elements).fill(2) };
    const first = await checkReduction(broken, { arbitrary: setSplittingArb(5, 5), runs: 50, seed: 7 });
    const again = await checkReduction(broken, { arbitrary: setSplittingArb(5, 5), runs: 50, seed: 7 });
    expect(again).toEqual(first);
    const replay = await checkReduction(broken, { arbitrary: setSplittingArb(5, 5), seed: 7, path: first.failure!.path });
    expect(replay.failure?.source).toEqual(first.failure!.source);
  });
});

describe('the default brute force', () => {
  it('agrees with the independent brute force of helpers.ts on every source problem', () => {
    fc.assert(
      fc.property(setSplittingArb(5, 5), cnfArb(4, 5), coloringArb(4, 4, 3), (s, f, g) => {
        expect(bruteForce(setSplitting)(s) !== null).toBe(bruteSetSplitting(s) !== null);
        expect(bruteForce(sat)(f) !== null).toBe(bruteModel(f) !== null);
        expect(bruteForce(naeSat)(f) !== null).toBe(bruteNae(f) !== null);
        expect(bruteForce(hypergraphColoring)(g) !== null).toBe(bruteColoring(g) !== null);
      }),
      { numRuns: 200 },
    );
  });

  it("the problems' checkers (which judge lifted and lowered solutions) agree with the independent ones on every candidate", () => {
    fc.assert(
      fc.property(setSplittingArb(4, 4), cnfArb(3, 4), coloringArb(3, 3, 3), (s, f, g) => {
        expect([...setSplitting.candidates!(s)].map((p) => setSplitting.check(s, p))).toEqual([...allSplittings(s.elements)].map((p) => isSplitting(s, p)));
        expect([...sat.candidates!(f)].map((a) => sat.check(f, a))).toEqual([...allAssignments(f.numVars)].map((a) => satisfies(f, a)));
        expect([...naeSat.candidates!(f)].map((a) => naeSat.check(f, a))).toEqual([...allAssignments(f.numVars)].map((a) => naeSatisfies(f, a)));
        expect([...hypergraphColoring.candidates!(g)].map((c) => hypergraphColoring.check(g, c))).toEqual([...allColorings(g.vertices, g.colors)].map((c) => properColoring(g, c)));
      }),
      { numRuns: 100 },
    );
  });

  it('enumerates k^n candidates and refuses too many', () => {
    expect([...hypergraphColoring.candidates!({ vertices: 3, edges: [], colors: 3 })]).toHaveLength(27);
    expect([...setSplitting.candidates!({ elements: 0, sets: [] })]).toEqual([[]]);
    expect(() => [...sat.candidates!({ numVars: 40, clauses: [] })]).toThrow(/brute force over 2\^40 candidates is refused/);
  });
});
