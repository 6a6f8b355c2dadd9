/**
 * Tseitin gates of CnfBuilder: on random inputs (variables, negations, constants,
 * repeated literals), each gate output is forced to the Boolean function's value and
 * is fully defined: exactly one extension per assignment of the input variables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CnfBuilder, FALSE, TRUE, type Lit } from '../../src/cnf/builder.js';
import { Dpll, litTrue, maskAssumptions } from '../helpers/cnf-brute.js';

const POOL = 4; // input variables 2..5

const litArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(TRUE, FALSE) },
  { weight: 4, arbitrary: fc.integer({ min: 2, max: POOL + 1 }).chain((v) => fc.constantFrom(v, -v)) },
);

type Gate = { name: string; arity: 'n' | 1 | 2 | 3; make: (b: CnfBuilder, ins: Lit[]) => Lit; f: (v: boolean[]) => boolean };
const gates: Gate[] = [
  { name: 'and', arity: 'n', make: (b, i) => b.and(i), f: (v) => v.every((x) => x) },
  { name: 'or', arity: 'n', make: (b, i) => b.or(i), f: (v) => v.some((x) => x) },
  { name: 'xorAll', arity: 'n', make: (b, i) => b.xorAll(i), f: (v) => v.filter((x) => x).length % 2 === 1 },
  { name: 'xor', arity: 2, make: (b, i) => b.xor(i[0], i[1]), f: (v) => v[0] !== v[1] },
  { name: 'iff', arity: 2, make: (b, i) => b.iff(i[0], i[1]), f: (v) => v[0] === v[1] },
  { name: 'ite', arity: 3, make: (b, i) => b.ite(i[0], i[1], i[2]), f: (v) => (v[0] ? v[1] : v[2]) },
  { name: 'xor3', arity: 3, make: (b, i) => b.xor3(i[0], i[1], i[2]), f: (v) => (v[0] !== v[1]) !== v[2] },
  { name: 'maj', arity: 3, make: (b, i) => b.maj(i[0], i[1], i[2]), f: (v) => v.filter((x) => x).length >= 2 },
];

function checkGate(g: Gate, ins: Lit[]): void {
  const b = new CnfBuilder();
  const pool = b.newVars(POOL);
  const before = b.numVars;
  const out = g.make(b, ins);
  expect(Math.abs(out)).toBeGreaterThanOrEqual(1);
  expect(Math.abs(out)).toBeLessThanOrEqual(b.numVars);
  expect(b.numVars - before).toBeLessThanOrEqual(ins.length); // never more than one var per input
  const solver = new Dpll(b.build());
  for (let m = 0; m < 1 << POOL; m++) {
    const as = maskAssumptions(pool, m);
    const r = solver.count(as);
    expect(r.count).toBe(1);
    const model = r.model!;
    const vals = ins.map((l) => litTrue(model, l));
    expect(litTrue(model, out)).toBe(g.f(vals));
  }
}

describe('CnfBuilder Tseitin gates', () => {
  for (const g of gates) {
    it(`${g.name}: output equals the function and is fully defined`, () => {
      const arity = g.arity === 'n' ? fc.integer({ min: 0, max: 5 }) : fc.constant(g.arity);
      fc.assert(
        fc.property(arity.chain((k) => fc.array(litArb, { minLength: k, maxLength: k })), (ins) => checkGate(g, ins)),
        { numRuns: 150 },
      );
    });
  }

  it('fresh non-degenerate gates cost the documented clauses', () => {
    const b = new CnfBuilder();
    const [x, y, z] = b.newVars(3);
    let c = b.clauses.length;
    b.xor3(x, y, z);
    expect(b.clauses.length - c).toBe(8);
    c = b.clauses.length;
    b.maj(x, y, z);
    expect(b.clauses.length - c).toBe(6);
    c = b.clauses.length;
    b.ite(x, y, z);
    expect(b.clauses.length - c).toBe(6);
    c = b.clauses.length;
    b.and([x, y, z]);
    expect(b.clauses.length - c).toBe(4);
  });

  it('constant folding emits nothing', () => {
    const b = new CnfBuilder();
    const [x, y] = b.newVars(2);
    const n = b.clauses.length;
    const v = b.numVars;
    expect(b.and([x, TRUE])).toBe(x);
    expect(b.and([x, -x])).toBe(FALSE);
    expect(b.or([x, -x, y])).toBe(TRUE);
    expect(b.or([])).toBe(FALSE);
    expect(b.and([])).toBe(TRUE);
    expect(b.xor(x, x)).toBe(FALSE);
    expect(b.xor3(x, y, x)).toBe(y);
    expect(b.xor3(x, -x, y)).toBe(-y);
    expect(b.maj(x, y, -x)).toBe(y);
    expect(b.maj(x, x, y)).toBe(x);
    expect(b.maj(TRUE, FALSE, y)).toBe(y);
    expect(b.ite(x, y, y)).toBe(y);
    expect(b.ite(TRUE, x, y)).toBe(x);
    expect(b.clauses.length).toBe(n);
    expect(b.numVars).toBe(v);
  });

  it('addClause drops FALSE, skips clauses with TRUE; equate of opposite constants is unsat', () => {
    const b = new CnfBuilder();
    const [x] = b.newVars(1);
    b.addClause([FALSE, x]);
    b.addClause([TRUE, -x]);
    expect(b.clauses.slice(1)).toEqual([[x]]);
    b.equate(TRUE, FALSE);
    expect(b.clauses[b.clauses.length - 1]).toEqual([]);
    expect(new Dpll(b.build()).count().count).toBe(0);
  });
});
