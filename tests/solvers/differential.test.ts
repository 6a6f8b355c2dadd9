/**
 * Differential testing: CaDiCaL (wasm) and MiniSat (asm.js) must agree on ~1600 random
 * CNFs (3200 solver runs; a fresh MiniSat costs a few ms, which sets the budget), every
 * 'sat' model must satisfy the formula (checked here again, independently of the
 * backends' own check), and on formulas of at most 12 variables both must agree with
 * brute force. Also exercises assumptions against brute force (assumptions = unit clauses).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSolver } from '../../src/solvers/index.js';
import type { SatSolver, SatStatus } from '../../src/solvers/types.js';
import { bruteSatisfiable, satisfies } from '../helpers/cnf-brute.js';
import { smallCnf, thresholdCnf, type SmallCnf } from '../helpers/small-cnf.js';

async function run(backend: string, cnf: SmallCnf, assumptions: number[] = []): Promise<{ status: SatStatus; model?: boolean[]; failed: number[] }> {
  const s: SatSolver = await createSolver(backend);
  try {
    s.ensureVars(cnf.numVars);
    s.addClauses(cnf.clauses);
    const status = await s.solve({ assumptions });
    if (status === 'sat') {
      const model = s.model();
      expect(model.length).toBeGreaterThanOrEqual(cnf.numVars + 1);
      for (let v = 1; v <= cnf.numVars; v++) expect(s.value(v)).toBe(model[v]);
      return { status, model, failed: [] };
    }
    return { status, failed: s.failedAssumptions() };
  } finally {
    s.dispose();
  }
}

function checkAgainstOracle(cnf: SmallCnf, r: { status: SatStatus; model?: boolean[] }, assumptions: number[] = []): void {
  const withUnits = [...cnf.clauses, ...assumptions.map((a) => [a])];
  expect(r.status).not.toBe('unknown');
  if (r.status === 'sat') expect(satisfies(withUnits, r.model!)).toBe(true);
  expect(r.status === 'sat').toBe(bruteSatisfiable({ numVars: cnf.numVars, clauses: withUnits }));
}

describe('cadical and minisat agree with brute force', () => {
  it('on random small CNFs (<= 12 vars, any clause length, empty clauses included)', async () => {
    await fc.assert(
      fc.asyncProperty(smallCnf(12, 50, 4), async (cnf) => {
        const c = await run('cadical', cnf);
        const m = await run('minisat', cnf);
        checkAgainstOracle(cnf, c);
        checkAgainstOracle(cnf, m);
        expect(c.status).toBe(m.status);
      }),
      { numRuns: 700 },
    );
  });

  it('on random 3-SAT at the threshold (about half unsatisfiable)', async () => {
    let unsat = 0;
    await fc.assert(
      fc.asyncProperty(thresholdCnf(6, 12), async (cnf) => {
        const c = await run('cadical', cnf);
        const m = await run('minisat', cnf);
        checkAgainstOracle(cnf, c);
        checkAgainstOracle(cnf, m);
        expect(c.status).toBe(m.status);
        if (c.status === 'unsat') unsat++;
      }),
      { numRuns: 500 },
    );
    expect(unsat).toBeGreaterThan(40);
  });

  it('under assumptions; failed assumptions are a subset that is unsatisfiable with the clauses', async () => {
    const arb = smallCnf(10, 30, 3).chain((cnf) =>
      fc.record({
        cnf: fc.constant(cnf),
        assumptions: fc.uniqueArray(fc.integer({ min: 1, max: cnf.numVars }), { maxLength: 4 }).chain((vs) =>
          fc.tuple(...vs.map((v) => fc.constantFrom(v, -v))),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ cnf, assumptions }) => {
        for (const backend of ['cadical', 'minisat']) {
          const r = await run(backend, cnf, assumptions);
          checkAgainstOracle(cnf, r, assumptions);
          if (r.status === 'unsat') {
            for (const f of r.failed) expect(assumptions).toContain(f);
            const core = [...cnf.clauses, ...r.failed.map((a) => [a])];
            expect(bruteSatisfiable({ numVars: cnf.numVars, clauses: core })).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('cadical and minisat agree beyond brute force', () => {
  it('on random 3-SAT with 30-60 variables at the threshold', async () => {
    await fc.assert(
      fc.asyncProperty(thresholdCnf(30, 60), async (cnf) => {
        const c = await run('cadical', cnf);
        const m = await run('minisat', cnf);
        expect(c.status).not.toBe('unknown');
        expect(c.status).toBe(m.status);
        if (c.status === 'sat') {
          expect(satisfies(cnf.clauses, c.model!)).toBe(true);
          expect(satisfies(cnf.clauses, m.model!)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
