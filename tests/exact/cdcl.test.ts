/**
 * The CDCL engine of the hybrid (src/exact/cdcl.ts) against brute force: random CNFs with
 * no theory, and with a lazy theory that reveals a hidden set of clauses only when one is
 * violated (on partial or complete assignments), like the LP layer does. Models must
 * satisfy every clause, revealed or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cdcl } from '../../src/exact/cdcl.js';
import { bruteSatisfiable } from '../helpers/cnf-brute.js';

const clauseArb = (n: number) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: n }), fc.boolean()), { minLength: 1, maxLength: 4 }).map((c) => c.map(([v, s]) => (s ? v : -v)));

describe('CDCL engine', () => {
  it('agrees with brute force on random CNFs, with lazily revealed clauses', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(clauseArb(n), { maxLength: 30 }), fc.array(clauseArb(n), { maxLength: 30 })),
        ),
        fc.boolean(),
        ([n, visible, hidden], phase) => {
          const s = new Cdcl(n);
          for (let v = 1; v <= n; v++) s.setPhase(v, phase);
          for (const c of visible) s.addClause(c);
          let revealed = 0;
          const r = s.solve({
            check(complete) {
              const val = (l: number) => s.litValue(l);
              // Reveal violated hidden clauses (all literals false); on complete assignments
              // every violated one must be reported.
              const out = hidden.filter((c) => c.every((l) => val(l) === -1));
              if (!complete && out.length > 1) out.length = 1;
              revealed += out.length;
              return out;
            },
          });
          const expected = bruteSatisfiable({ numVars: n, clauses: [...visible, ...hidden] });
          expect(r).toBe(expected ? 'sat' : 'unsat');
          if (r === 'sat') {
            const ok = (c: number[]) => c.some((l) => s.value(Math.abs(l)) === l > 0);
            expect(visible.every(ok) && hidden.every(ok)).toBe(true);
          }
          void revealed;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('solves under assumptions like brute force, failed assumptions a subset that is unsat, across repeated solves (theory checked at every or every third decision)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(clauseArb(n), { maxLength: 24 }),
            fc.array(clauseArb(n), { maxLength: 12 }),
            // Several solves on one engine, each under its own assumptions (repeats and
            // contradictions allowed).
            fc.array(fc.array(fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v)), { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
          ),
        ),
        fc.boolean(),
        fc.constantFrom(1, 3),
        ([n, visible, hidden, rounds], phase, interval) => {
          const s = new Cdcl(n);
          s.theoryInterval = interval;
          for (let v = 1; v <= n; v++) s.setPhase(v, phase);
          for (const c of visible) s.addClause(c);
          const lazy = {
            check(complete: boolean) {
              const out = hidden.filter((c) => c.every((l) => s.litValue(l) === -1));
              if (!complete && out.length > 1) out.length = 1;
              return out;
            },
          };
          const all = [...visible, ...hidden];
          for (const assumptions of rounds) {
            const r = s.solve(lazy, Infinity, assumptions);
            const units = assumptions.map((l) => [l]);
            expect(r).toBe(bruteSatisfiable({ numVars: n, clauses: [...all, ...units] }) ? 'sat' : 'unsat');
            if (r === 'sat') {
              const ok = (c: number[]) => c.some((l) => s.value(Math.abs(l)) === l > 0);
              expect(all.every(ok) && units.every(ok)).toBe(true);
              expect(s.failed).toEqual([]);
            } else {
              for (const l of s.failed) expect(assumptions).toContain(l);
              expect(bruteSatisfiable({ numVars: n, clauses: [...all, ...s.failed.map((l) => [l])] })).toBe(false);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports the assumptions a refutation rests on, not all of them', () => {
    // x1 -> x2, x2 -> -x3: assuming x1 and x3 fails; x4 and x5 play no part.
    const s = new Cdcl(5);
    s.addClause([-1, 2]);
    s.addClause([-2, -3]);
    expect(s.solve({ check: () => [] }, Infinity, [4, 1, 5, 3])).toBe('unsat');
    expect([...s.failed].sort()).toEqual([1, 3]);
    expect(s.solve({ check: () => [] }, Infinity, [4, 1, 5])).toBe('sat');
    expect(s.value(1) && s.value(2) && !s.value(3) && s.value(4) && s.value(5)).toBe(true);
    // Contradictory assumptions fail on their own.
    expect(s.solve({ check: () => [] }, Infinity, [4, -4])).toBe('unsat');
    expect([...s.failed].sort()).toEqual([-4, 4]);
  });

  it('returns unknown when the deadline has passed', () => {
    const s = new Cdcl(30);
    // Pigeonhole 6 into 5 needs conflicts; an expired deadline stops it.
    const x = (i: number, j: number) => i * 5 + j + 1;
    for (let i = 0; i < 6; i++) s.addClause([0, 1, 2, 3, 4].map((j) => x(i, j)));
    for (let j = 0; j < 5; j++) for (let a = 0; a < 6; a++) for (let b = a + 1; b < 6; b++) s.addClause([-x(a, j), -x(b, j)]);
    expect(s.solve({ check: () => [] }, performance.now() - 1)).toBe('unknown');
    expect(new Cdcl(30).solve({ check: () => [] })).toBe('sat');
  });
});
