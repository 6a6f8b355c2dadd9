/**
 * Cardinality encodings against their specification, exhaustively for n <= 8: for every
 * k and each encoding, the assignments of the inputs that extend to a model are exactly
 * those with the right count; unaryCount outputs are fully defined and correct; random
 * literal lists with negations, duplicates and constants agree with the count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CnfBuilder, FALSE, TRUE, type Lit } from '../../src/cnf/builder.js';
import { atLeast, atMost, CARD_ENCODINGS, exactly, unaryCount, type CardEncoding } from '../../src/cnf/cardinality.js';
import { Dpll, litTrue, maskAssumptions } from '../helpers/cnf-brute.js';

type Post = (b: CnfBuilder, lits: readonly Lit[], k: number, enc?: CardEncoding) => void;
const posts: [string, Post, (count: number, k: number) => boolean][] = [
  ['atLeast', atLeast, (c, k) => c >= k],
  ['atMost', atMost, (c, k) => c <= k],
  ['exactly', exactly, (c, k) => c === k],
];

/** The set of input masks that extend to a model. */
function satMasks(b: CnfBuilder, pool: number[]): boolean[] {
  const s = new Dpll(b.build());
  const out: boolean[] = [];
  for (let m = 0; m < 1 << pool.length; m++) out.push(s.count(maskAssumptions(pool, m), 1).count > 0);
  return out;
}

const countTrue = (lits: readonly Lit[], pool: number[], m: number): number => {
  const model: boolean[] = [false, true]; // variable 1 is TRUE
  pool.forEach((v, i) => (model[v] = ((m >> i) & 1) === 1));
  return lits.filter((l) => litTrue(model, l)).length;
};

describe('cardinality constraints, exhaustive n <= 8', () => {
  for (const [name, post, spec] of posts) {
    for (const enc of CARD_ENCODINGS) {
      it(`${name} / ${enc}`, () => {
        for (let n = 0; n <= 8; n++) {
          for (let k = -1; k <= n + 1; k++) {
            const b = new CnfBuilder();
            const pool = b.newVars(n);
            post(b, pool, k, enc);
            const sat = satMasks(b, pool);
            for (let m = 0; m < 1 << n; m++) {
              const c = countTrue(pool, pool, m);
              if (sat[m] !== spec(c, k)) throw new Error(`${name} ${enc} n=${n} k=${k} mask=${m}: got ${sat[m]}`);
            }
          }
        }
      });
    }
  }

  it('fractional bounds round the right way', () => {
    for (const enc of CARD_ENCODINGS) {
      for (const [name, post, spec] of posts) {
        for (const k of [-0.5, 0.5, 1.5, 2.5, 3.5]) {
          const b = new CnfBuilder();
          const pool = b.newVars(4);
          post(b, pool, k, enc);
          const sat = satMasks(b, pool);
          for (let m = 0; m < 16; m++) expect(sat[m], `${name} ${enc} k=${k}`).toBe(spec(countTrue(pool, pool, m), k));
        }
      }
    }
    expect(() => atMost(new CnfBuilder(), [2], Infinity)).toThrow();
  });

  it('trivial bounds add no variables; impossible bounds are unsatisfiable', () => {
    for (const enc of CARD_ENCODINGS) {
      const b = new CnfBuilder();
      const xs = b.newVars(5);
      const v = b.numVars;
      atLeast(b, xs, 0, enc);
      atMost(b, xs, 5, enc);
      atLeast(b, xs, 1, enc); // one clause
      atMost(b, xs, 4, enc); // one clause
      expect(b.numVars).toBe(v);
      expect(b.clauses.length).toBe(3);
      atLeast(b, xs, 6, enc);
      expect(new Dpll(b.build()).count([], 1).count).toBe(0);
    }
  });
});

describe('cardinality with negations, duplicates and constants', () => {
  const POOL = 5;
  const litArb = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(TRUE, FALSE) },
    { weight: 5, arbitrary: fc.integer({ min: 2, max: POOL + 1 }).chain((v) => fc.constantFrom(v, -v)) },
  );
  it('satisfying input assignments match the count, for both encodings', () => {
    fc.assert(
      fc.property(
        fc.array(litArb, { maxLength: 9 }),
        fc.integer({ min: -1, max: 10 }),
        fc.constantFrom(...posts),
        fc.constantFrom(...CARD_ENCODINGS),
        (lits, k, [name, post, spec], enc) => {
          const b = new CnfBuilder();
          const pool = b.newVars(POOL);
          post(b, lits, k, enc);
          const sat = satMasks(b, pool);
          for (let m = 0; m < 1 << POOL; m++) {
            expect(sat[m], `${name} ${enc} k=${k} mask=${m}`).toBe(spec(countTrue(lits, pool, m), k));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('totalizer and seqcounter admit the same input assignments', () => {
    fc.assert(
      fc.property(fc.array(litArb, { maxLength: 9 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom(...posts), (lits, k, [, post]) => {
        const masks = CARD_ENCODINGS.map((enc) => {
          const b = new CnfBuilder();
          const pool = b.newVars(POOL);
          post(b, lits, k, enc);
          return satMasks(b, pool);
        });
        expect(masks[0]).toEqual(masks[1]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('unaryCount', () => {
  it('is fully defined and out[i] <-> count >= i+1 (exhaustive n <= 8)', () => {
    for (let n = 0; n <= 8; n++) {
      for (let upTo = 0; upTo <= n + 1; upTo++) {
        const b = new CnfBuilder();
        const pool = b.newVars(n);
        const out = unaryCount(b, pool, upTo);
        expect(out.length).toBe(Math.min(upTo, n));
        const s = new Dpll(b.build());
        for (let m = 0; m < 1 << n; m++) {
          const r = s.count(maskAssumptions(pool, m));
          if (r.count !== 1) throw new Error(`n=${n} upTo=${upTo} mask=${m}: ${r.count} extensions`);
          const c = countTrue(pool, pool, m);
          out.forEach((o, i) => {
            if (litTrue(r.model!, o) !== c >= i + 1) throw new Error(`n=${n} upTo=${upTo} mask=${m} out[${i}]`);
          });
        }
      }
    }
  });

  it('handles constants, negations and duplicates; usable negated under assumptions', () => {
    const POOL = 4;
    const litArb = fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(TRUE, FALSE) },
      { weight: 4, arbitrary: fc.integer({ min: 2, max: POOL + 1 }).chain((v) => fc.constantFrom(v, -v)) },
    );
    fc.assert(
      fc.property(fc.array(litArb, { maxLength: 8 }), fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), (lits, upTo) => {
        const b = new CnfBuilder();
        const pool = b.newVars(POOL);
        const out = unaryCount(b, lits, upTo);
        expect(out.length).toBe(Math.min(upTo ?? lits.length, lits.length));
        const s = new Dpll(b.build());
        for (let m = 0; m < 1 << POOL; m++) {
          const c = countTrue(lits, pool, m);
          const r = s.count(maskAssumptions(pool, m));
          expect(r.count).toBe(1);
          out.forEach((o, i) => expect(litTrue(r.model!, o)).toBe(c >= i + 1));
          // Assuming the negation of the correct value must be unsatisfiable.
          out.forEach((o) => {
            if (Math.abs(o) === TRUE) return;
            const wrong = litTrue(r.model!, o) ? -o : o;
            expect(s.count([...maskAssumptions(pool, m), wrong], 1).count).toBe(0);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});
