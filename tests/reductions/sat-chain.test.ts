/**
 * The textbook chain 3SAT -> NAE-SAT -> Set Splitting (issue 4 item 3), each step and the
 * compositions down to the 3-node networks, against brute force. Composition is tested as
 * a first-class Reduction: its maps equal the step-by-step maps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { satToBlumRivest, satToBlumRivestAnd, satToSetSplitting } from '../../reductions/index.js';
import { literalElement, naeSatToSetSplitting } from '../../reductions/nae-sat-to-set-splitting.js';
import type { Cnf } from '../../reductions/problems/sat.js';
import { compose } from '../../reductions/reduction.js';
import { satToNaeSat } from '../../reductions/sat-to-nae-sat.js';
import { setSplittingToBlumRivestAnd } from '../../reductions/set-splitting-to-blum-rivest-and.js';
import { decide } from '../../src/decide.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { bruteModel } from '../helpers/cnf-brute.js';
import {
  allAssignments,
  allSplittings,
  bruteNae,
  bruteSetSplitting,
  cnfArb,
  isSplitting,
  naeSatisfies,
  satisfies,
} from './helpers.js';

describe('3sat -> nae-sat (add z to every clause)', () => {
  const r = satToNaeSat;

  it('adds the fresh variable N+1 to every clause', () => {
    const f: Cnf = { numVars: 3, clauses: [[1, -2, 3], [-1], []] };
    expect(r.reduce(f)).toEqual({ numVars: 4, clauses: [[1, -2, 3, 4], [-1, 4], [4]] });
  });

  it('property: same answer; lift and lower (of every NAE assignment, including z = 1) are valid', () => {
    fc.assert(
      fc.property(cnfArb(4, 6), (f) => {
        const g = r.reduce(f);
        expect(bruteNae(g) !== null).toBe(bruteModel(f) !== null);
        for (const a of allAssignments(f.numVars)) if (satisfies(f, a)) expect(naeSatisfies(g, r.liftSolution(f, a))).toBe(true);
        for (const b of allAssignments(g.numVars)) if (naeSatisfies(g, b)) expect(satisfies(f, r.lowerSolution(f, b))).toBe(true);
      }),
      { numRuns: 300 },
    );
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

  it('property: same answer; lift and lower (of every splitting) are valid', () => {
    fc.assert(
      fc.property(cnfArb(3, 5), (f) => {
        const s = r.reduce(f);
        expect(bruteSetSplitting(s) !== null).toBe(bruteNae(f) !== null);
        for (const a of allAssignments(f.numVars)) if (naeSatisfies(f, a)) expect(isSplitting(s, r.liftSolution(f, a))).toBe(true);
        for (const p of allSplittings(s.elements)) if (isSplitting(s, p)) expect(naeSatisfies(f, r.lowerSolution(f, p))).toBe(true);
      }),
      { numRuns: 200 },
    );
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

  it('property: 3sat -> set-splitting, lower of every splitting satisfies the formula', () => {
    fc.assert(
      fc.property(cnfArb(3, 4), (f) => {
        const s = satToSetSplitting.reduce(f);
        expect(bruteSetSplitting(s) !== null).toBe(bruteModel(f) !== null);
        for (const p of allSplittings(s.elements)) if (isSplitting(s, p)) expect(satisfies(f, satToSetSplitting.lowerSolution(f, p))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  for (const [name, r, maxVars, maxClauses, runs] of [
    ['3sat -> blum-rivest-and', satToBlumRivestAnd, 3, 4, 60],
    ['3sat -> blum-rivest', satToBlumRivest, 3, 3, 30],
  ] as const) {
    it(`property: ${name}: decide agrees with brute force; lift and lower are valid`, async () => {
      const seen = { yes: 0, no: 0 };
      await fc.assert(
        fc.asyncProperty(cnfArb(maxVars, maxClauses), async (f) => {
          const t = r.reduce(f);
          const a = bruteModel(f);
          const d = await decide(t);
          expect(d.status).toBe(a ? 'trainable' : 'untrainable');
          seen[a ? 'yes' : 'no']++;
          if (a) {
            expect(checkParameters(t, r.liftSolution(f, a)).ok).toBe(true);
            const lowered = r.lowerSolution(f, d.parameters!);
            expect(satisfies(f, lowered)).toBe(true);
          }
        }),
        // Small random CNFs are mostly satisfiable: always include two unsatisfiable ones.
        {
          numRuns: runs,
          examples: [[{ numVars: 1, clauses: [[1], [-1]] }], [{ numVars: 2, clauses: [[1, 2], [-1, 2], [-2]] }]],
        },
      );
      expect(seen.yes).toBeGreaterThan(0);
      expect(seen.no).toBeGreaterThan(0);
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
