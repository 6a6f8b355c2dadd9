/**
 * The textbook chain 3SAT -> NAE-SAT -> Set Splitting, each step and the compositions down
 * to the 3-node networks, with `checkReduction` (brute force on both sides of the
 * formula-to-set steps, decide on the networks). Composition is tested as a first-class
 * Reduction: its maps equal the step-by-step maps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertReduction, satToBlumRivest, satToBlumRivestAnd, satToSetSplitting } from '../../reductions/index.js';
import { literalElement, naeSatToSetSplitting } from '../../reductions/nae-sat-to-set-splitting.js';
import type { Cnf } from '../../reductions/problems/sat.js';
import { compose } from '../../reductions/reduction.js';
import { satToNaeSat } from '../../reductions/sat-to-nae-sat.js';
import { setSplittingToBlumRivestAnd } from '../../reductions/set-splitting-to-blum-rivest-and.js';
import { decide } from '../../src/decide.js';
import { bruteModel } from '../helpers/cnf-brute.js';
import { bruteNae, bruteSetSplitting, cnfArb } from './helpers.js';

/** Small random CNFs are mostly satisfiable: these unsatisfiable ones are always tried. */
const UNSAT: Cnf[] = [
  { numVars: 1, clauses: [[1], [-1]] },
  { numVars: 2, clauses: [[1, 2], [-1, 2], [-2]] },
];

describe('3sat -> nae-sat (add z to every clause)', () => {
  const r = satToNaeSat;

  it('adds the fresh variable N+1 to every clause', () => {
    const f: Cnf = { numVars: 3, clauses: [[1, -2, 3], [-1], []] };
    expect(r.reduce(f)).toEqual({ numVars: 4, clauses: [[1, -2, 3, 4], [-1, 4], [4]] });
  });

  it('checkReduction: same answer; lift and lower (of every NAE assignment, including z = 1) are valid', async () => {
    await assertReduction(r, { arbitrary: cnfArb(4, 6), runs: 300, everySolution: true, examples: UNSAT });
  });

  it('edge cases: an empty clause stays unsatisfiable; a tautology stays satisfiable', () => {
    expect(bruteNae(r.reduce({ numVars: 1, clauses: [[]] }))).toBeNull();
    expect(bruteNae(r.reduce({ numVars: 1, clauses: [[1, -1]] }))).not.toBeNull();
    expect(bruteNae(r.reduce({ numVars: 1, clauses: [[1], [-1]] }))).toBeNull();
  });
});

describe('nae-sat -> set-splitting (literals are elements)', () => {
  const r = naeSatToSetSplitting;

  it('elements are the literals, with one set per variable and one per clause', () => {
    const s = r.reduce({ numVars: 2, clauses: [[1, -2], [2, 2, -1]] });
    expect(s.elements).toBe(4);
    expect(s.names).toEqual(['p1', '¬p1', 'p2', '¬p2']);
    expect(s.sets).toEqual([[0, 1], [2, 3], [0, 3], [2, 2, 1]]);
    expect(literalElement(-2)).toBe(3);
  });

  it('checkReduction: same answer; lift and lower (of every splitting) are valid', async () => {
    await assertReduction(r, { arbitrary: cnfArb(3, 5), runs: 200, everySolution: true });
  });
});

describe('composition', () => {
  it('compose is a Reduction whose maps are the step-by-step maps', () => {
    const c = compose(satToNaeSat, naeSatToSetSplitting);
    expect(c.name).toBe('3sat -> nae-sat -> set-splitting');
    expect(c.source.name).toBe('3sat');
    expect(c.target.name).toBe('set-splitting');
    fc.assert(
      fc.property(cnfArb(3, 4), (f) => {
        const mid = satToNaeSat.reduce(f);
        expect(c.reduce(f)).toEqual(naeSatToSetSplitting.reduce(mid));
        const a = bruteModel(f);
        if (a) expect(c.liftSolution(f, a)).toEqual(naeSatToSetSplitting.liftSolution(mid, satToNaeSat.liftSolution(f, a)));
        const p = bruteSetSplitting(c.reduce(f));
        if (p) {
          expect(c.lowerSolution(f, p)).toEqual(satToNaeSat.lowerSolution(f, naeSatToSetSplitting.lowerSolution(mid, p)));
          expect(c.checkSource(f, c.lowerSolution(f, p))).toBe(true);
        }
        expect(c.explain(f).map((e) => e.title)).toEqual([...satToNaeSat.explain(f), ...naeSatToSetSplitting.explain(mid)].map((e) => e.title));
      }),
      { numRuns: 100 },
    );
  });

  it('compose is associative on instances and solutions', () => {
    const left = compose(compose(satToNaeSat, naeSatToSetSplitting), setSplittingToBlumRivestAnd);
    const right = compose(satToNaeSat, compose(naeSatToSetSplitting, setSplittingToBlumRivestAnd));
    expect(left.name).toBe(right.name);
    const f: Cnf = { numVars: 2, clauses: [[1, 2], [-1, -2]] };
    expect(left.reduce(f)).toEqual(right.reduce(f));
    expect(left.liftSolution(f, [true, false])).toEqual(right.liftSolution(f, [true, false]));
  });

  it('checkReduction: 3sat -> set-splitting, lower of every splitting satisfies the formula', async () => {
    await assertReduction(satToSetSplitting, { arbitrary: cnfArb(3, 4), runs: 100, everySolution: true, examples: UNSAT });
  });

  for (const [r, maxVars, maxClauses, runs] of [
    [satToBlumRivestAnd, 3, 4, 60],
    [satToBlumRivest, 3, 3, 30],
  ] as const) {
    it(`checkReduction: ${r.name}: decide agrees with brute force; every assignment lifts, found weights lower`, async () => {
      await assertReduction(r, { arbitrary: cnfArb(maxVars, maxClauses), runs, everySolution: true, examples: UNSAT });
    });
  }

  it('unsatisfiable formulas go to untrainable networks (all 4 clauses on 2 variables)', async () => {
    const f: Cnf = { numVars: 2, clauses: [[1, 2], [1, -2], [-1, 2], [-1, -2]] };
    expect((await decide(satToBlumRivestAnd.reduce(f))).status).toBe('untrainable');
    expect((await decide(satToBlumRivest.reduce(f))).status).toBe('untrainable');
  });

  it('the composed explanation walks the whole chain and the lowering checks every stage', async () => {
    const f: Cnf = { numVars: 2, clauses: [[1, -2], [2]] };
    const ex = satToBlumRivest.explain(f);
    expect(ex.map((e) => e.title)).toEqual([
      expect.stringMatching(/^SAT -> Not-All-Equal SAT/),
      expect.stringMatching(/^Not-All-Equal SAT -> Set Splitting/),
      expect.stringMatching(/^Set Splitting -> 3-node network with a threshold output/),
    ]);
    const d = await decide(satToBlumRivest.reduce(f));
    const lines = satToBlumRivest.explainLowering(f, d.parameters!).join('\n');
    expect(lines).toMatch(/=> set-splitting solution: .* \(checked: valid\)/);
    expect(lines).toMatch(/=> nae-sat solution: .* \(checked: valid\)/);
    expect(lines).toMatch(/C1 = \(p2\): true literal p2/);
  });
});
