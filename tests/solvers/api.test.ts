/**
 * The SatSolver contract (src/solvers/types.ts), checked on every built-in backend:
 * incremental clauses, per-call assumptions and failed assumptions, unmentioned variables
 * reading false, literal validation, disposal, backend names, the model check that
 * withholds a wrong 'sat' answer, and lazy loading of backends.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoredClauseSolver, type Budget, type RunResult } from '../../src/solvers/base.js';
import { BACKENDS, createSolver, parseBackendName } from '../../src/solvers/index.js';
import { ModelCheckError, SolverCapacityError, UnknownBackendError } from '../../src/solvers/types.js';

for (const backend of ['cadical', 'minisat']) {
  describe(`${backend}: SatSolver contract`, () => {
    it('solves incrementally as clauses are added', async () => {
      const s = await createSolver(backend);
      expect(s.name).toBe(backend);
      s.addClause([1, 2]);
      expect(await s.solve()).toBe('sat');
      expect(s.value(1) || s.value(2)).toBe(true);
      s.addClause([-1]);
      expect(await s.solve()).toBe('sat');
      expect(s.value(1)).toBe(false);
      expect(s.value(2)).toBe(true);
      s.addClauses([[-2, 3], [-3]]);
      expect(await s.solve()).toBe('unsat');
      s.dispose();
    });

    it('takes bulk flat clauses', async () => {
      const s = await createSolver(backend);
      s.addFlat(Int32Array.from([1, 2, 0, -1, 0, -2, 3]));
      expect(await s.solve()).toBe('sat');
      expect(s.model().slice(1, 4)).toEqual([false, true, true]);
      s.dispose();
    });

    it('applies assumptions to one call only and reports a failed subset', async () => {
      const s = await createSolver(backend);
      s.addClauses([[1, 2], [-3, 4]]);
      expect(await s.solve({ assumptions: [-1, -2, 3] })).toBe('unsat');
      const failed = s.failedAssumptions();
      expect(failed.length).toBeGreaterThan(0);
      for (const f of failed) expect([-1, -2, 3]).toContain(f);
      expect(failed).toContain(-1);
      expect(failed).toContain(-2);
      expect(await s.solve({ assumptions: [3] })).toBe('sat');
      expect(s.value(3)).toBe(true);
      expect(s.value(4)).toBe(true);
      expect(await s.solve()).toBe('sat');
      expect(s.failedAssumptions()).toEqual([]);
      // a variable only ever assumed
      expect(await s.solve({ assumptions: [-1, 9] })).toBe('sat');
      expect(s.value(9)).toBe(true);
      expect(s.value(2)).toBe(true);
      // variables added after assumptions do not collide with internal selectors
      s.addClauses([[5, 6], [-5], [-6, 7]]);
      expect(await s.solve({ assumptions: [-7] })).toBe('unsat');
      expect(await s.solve()).toBe('sat');
      expect(s.value(7)).toBe(true);
      s.dispose();
    });

    it('reads unmentioned variables as false and covers declared ones in model()', async () => {
      const s = await createSolver(backend);
      s.ensureVars(6);
      s.addClause([2]);
      expect(await s.solve()).toBe('sat');
      const m = s.model();
      expect(m.length).toBe(7);
      expect(m[2]).toBe(true);
      expect(s.value(100)).toBe(false);
      s.dispose();
    });

    it('handles the empty formula and the empty clause', async () => {
      const a = await createSolver(backend);
      expect(await a.solve()).toBe('sat');
      expect(a.model()).toEqual([false]);
      a.dispose();
      const b = await createSolver(backend);
      b.addClause([1]);
      b.addClause([]);
      expect(await b.solve()).toBe('unsat');
      b.dispose();
    });

    it('rejects invalid literals and use after dispose', async () => {
      const s = await createSolver(backend);
      for (const bad of [0, 1.5, NaN, 2 ** 31, -(2 ** 31)]) expect(() => s.addClause([1, bad])).toThrow(RangeError);
      await expect(s.solve({ assumptions: [0] })).rejects.toThrow(RangeError);
      expect(() => s.value(1)).toThrow(/no model/);
      s.dispose();
      expect(() => s.addClause([1])).toThrow(/disposed/);
      s.dispose(); // idempotent
    });

    it('refuses absurd variable numbers with SolverCapacityError instead of allocating for them', async () => {
      const s = await createSolver(backend);
      s.addClause([2 ** 30, 1]);
      await expect(s.solve()).rejects.toThrow(SolverCapacityError);
      await expect(s.solve()).rejects.toThrow(/supports variables up to/);
      s.dispose(); // idempotent
    });
  });
}

describe('backend names', () => {
  it('lists the backends', () => {
    expect(BACKENDS).toEqual(['cadical', 'minisat', 'external:NAME']);
    expect(parseBackendName(' cadical ')).toBe('cadical');
    expect(parseBackendName('external:kissat')).toBe('external:kissat');
  });

  it('rejects unknown names with the list of backends', async () => {
    await expect(createSolver('glucose')).rejects.toThrow(UnknownBackendError);
    await expect(createSolver('glucose')).rejects.toThrow(/available: cadical, minisat, external:NAME/);
    await expect(createSolver('external:')).rejects.toThrow(UnknownBackendError);
    await expect(createSolver('external:no-such-solver-xyz')).rejects.toThrow(/no executable named 'no-such-solver-xyz' on PATH/);
  });

  it('loads backends lazily: index.ts and the sat command import no backend statically', () => {
    for (const f of ['src/solvers/index.ts', 'src/cli/sat.ts']) {
      const src = readFileSync(f, 'utf8');
      const staticImports = [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
      for (const m of staticImports) expect(m, `${f} imports ${m} statically`).not.toMatch(/cadical|minisat|external|logic-solver/);
    }
  });
});

/** A backend that lies: claims 'sat' with an all-false model. */
class LyingSolver extends StoredClauseSolver {
  readonly name = 'liar';
  protected async run(_a: number[], _b: Budget): Promise<RunResult> {
    return { status: 'sat', model: new Uint8Array(this.numVars + 1) };
  }
}

describe('model check', () => {
  it('withholds a sat answer whose model falsifies a clause', async () => {
    const s = new LyingSolver();
    s.addClauses([[-1], [1, 2]]);
    await expect(s.solve()).rejects.toThrow(ModelCheckError);
    await expect(s.solve()).rejects.toThrow(/falsifies clause 2/);
    expect(() => s.value(1)).toThrow(/no model/);
  });

  it('withholds a sat answer whose model violates an assumption', async () => {
    const s = new LyingSolver();
    s.addClauses([[-1, -2]]);
    expect(await s.solve()).toBe('sat');
    await expect(s.solve({ assumptions: [2] })).rejects.toThrow(/violates assumption 2/);
  });
});
