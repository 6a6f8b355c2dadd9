/**
 * The CDCL engine of the hybrid (src/exact/cdcl.ts) against brute force: random CNFs with
 * no theory, and with a lazy theory that reveals a hidden set of clauses only when one is
 * violated (on partial or complete assignments), like the LP layer does. Models must
 * satisfy every clause, revealed or not. Each runs with the default clause-database
 * reduction, with none, and with a reduction after every conflict (which deletes revealed
 * theory clauses too: they must be revealed again when needed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cdcl } from '../../src/exact/cdcl.js';
import { bruteSatisfiable } from '../helpers/cnf-brute.js';

type Deletion = 'default' | 'none' | 'every-conflict';
const deletionArb = fc.constantFrom<Deletion>('default', 'none', 'every-conflict');
function setDeletion(s: Cdcl, d: Deletion): void {
  s.clauseDeletion = d !== 'none';
  if (d === 'every-conflict') {
    s.reduceBase = 1;
    s.reduceStep = 0;
    s.keepLbd = 0;
  }
}

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
        deletionArb,
        ([n, visible, hidden], phase, deletion) => {
          const s = new Cdcl(n);
          setDeletion(s, deletion);
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
        deletionArb,
        ([n, visible, hidden, rounds], phase, interval, deletion) => {
          const s = new Cdcl(n);
          setDeletion(s, deletion);
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

  it('deletes clauses and still agrees with brute force on random 3-CNFs near the threshold, half of them revealed lazily', () => {
    let deletedSomewhere = 0;
    fc.assert(
      fc.property(fc.integer({ min: 12, max: 14 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, seed) => {
        let x = seed || 1;
        const rnd = (k: number) => {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          return (x >>> 0) % k;
        };
        const clauses: number[][] = [];
        while (clauses.length < Math.round(4.26 * n)) {
          const vs = new Set<number>();
          while (vs.size < 3) vs.add(1 + rnd(n));
          clauses.push([...vs].map((v) => (rnd(2) ? v : -v)));
        }
        const visible = clauses.filter((_, i) => i % 2 === 0);
        const hidden = clauses.filter((_, i) => i % 2 === 1);
        const s = new Cdcl(n);
        setDeletion(s, 'every-conflict');
        for (const c of visible) s.addClause(c);
        const r = s.solve({ check: () => hidden.filter((c) => c.every((l) => s.litValue(l) === -1)).slice(0, 1) });
        deletedSomewhere += s.deleted;
        expect(r).toBe(bruteSatisfiable({ numVars: n, clauses }) ? 'sat' : 'unsat');
        if (r === 'sat') expect(clauses.every((c) => c.some((l) => s.value(Math.abs(l)) === l > 0))).toBe(true);
      }),
      { numRuns: 60 },
    );
    // The property above is about deletion: some run must have deleted clauses.
    expect(deletedSomewhere).toBeGreaterThan(0);
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
