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
