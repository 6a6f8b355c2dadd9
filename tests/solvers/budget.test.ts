/**
 * Budgets and capacity: a budget that runs out gives 'unknown' (never a guess), says so
 * (unknownReason), and leaves the solver usable; MiniSat's fixed 64 MB heap overflowing is a clean SolverCapacityError
 * (no crash, nothing printed), and the next MiniSat solver still works. No test asserts a
 * wall-clock time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomKSat } from '../../bench/generators.js';
import { pigeonhole } from '../../src/arbitraries/cnf-pigeonhole.js';
import { createSolver } from '../../src/solvers/index.js';
import { SolverCapacityError } from '../../src/solvers/types.js';
import { satisfies } from '../helpers/cnf-brute.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('budgets', () => {
  it('cadical: pigeonhole 9 into 8 with 10 conflicts is unknown, then unsat without a budget', async () => {
    const s = await createSolver('cadical');
    s.addClauses(pigeonhole(8).clauses);
    expect(await s.solve({ conflicts: 10 })).toBe('unknown');
    expect(s.unknownReason()).toEqual({ kind: 'budget', message: 'the conflict budget (10) ran out before an answer was found' });
    expect(await s.solve({ conflicts: 10 })).toBe('unknown');
    expect(await s.solve()).toBe('unsat');
    expect(s.unknownReason()).toBeNull();
    s.dispose();
  });

  it('cadical: a wall-clock budget that runs out gives unknown, and later solves are unaffected', async () => {
    const s = await createSolver('cadical');
    s.addClauses(pigeonhole(11).clauses);
    expect(await s.solve({ timeoutMs: 150 })).toBe('unknown');
    expect(await s.solve({ timeoutMs: 0 })).toBe('unknown');
    s.dispose();
    const easy = await createSolver('cadical');
    easy.addClauses(pigeonhole(5, 5).clauses);
    expect(await easy.solve({ timeoutMs: 60_000 })).toBe('sat');
    easy.dispose();
  });

  it('minisat: a timeout runs in a worker and gives unknown; answers under a timeout are exact and checked', async () => {
    const hard = await createSolver('minisat');
    hard.addClauses(pigeonhole(11).clauses);
    expect(await hard.solve({ timeoutMs: 200 })).toBe('unknown');
    expect(hard.unknownReason()).toEqual({ kind: 'budget', message: 'the time budget (0.2 s) ran out before an answer was found' });
    hard.dispose();
    const cnf = randomKSat(40, 150, 3, 7);
    const s = await createSolver('minisat');
    s.addClauses(cnf.clauses);
    expect(await s.solve({ timeoutMs: 60_000 })).toBe('sat');
    expect(satisfies(cnf.clauses, s.model())).toBe(true);
    expect(await s.solve({ timeoutMs: 60_000, assumptions: [1, -2] })).not.toBe('unknown');
    s.addClause([]);
    expect(await s.solve({ timeoutMs: 60_000 })).toBe('unsat');
    s.dispose();
  });

  it('minisat: has no conflict budget, so it ignores one and answers exactly', async () => {
    const s = await createSolver('minisat');
    s.addClauses(pigeonhole(5).clauses);
    expect(await s.solve({ conflicts: 1 })).toBe('unsat');
    s.dispose();
  });
});

/** ~800k ternary clauses over 100k variables: more than MiniSat's 64 MB heap holds. */
function tooBig(): Int32Array {
  const m = 800_000;
  const flat = new Int32Array(4 * m);
  for (let i = 0; i < m; i++) {
    flat[4 * i] = (i % 100_000) + 1;
    flat[4 * i + 1] = -(((i * 7) % 100_000) + 1);
    flat[4 * i + 2] = ((i * 13) % 99_999) + 2;
  }
  return flat;
}

describe('minisat capacity', () => {
  it('throws SolverCapacityError (printing nothing) instead of crashing, and stays failed', async () => {
    const log = vi.spyOn(console, 'log');
    const err = vi.spyOn(console, 'error');
    const out = vi.spyOn(process.stdout, 'write');
    const s = await createSolver('minisat');
    s.addFlat(tooBig());
    const e = await s.solve().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SolverCapacityError);
    expect((e as Error).message).toMatch(/fixed 64 MB heap.*ran out of memory while adding clauses.*use --backend cadical/);
    await expect(s.solve()).rejects.toThrow(SolverCapacityError);
    s.dispose();
    expect(log).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
    expect(out).not.toHaveBeenCalled();
    // a fresh solver has a fresh heap
    const t = await createSolver('minisat');
    t.addClauses([[1, 2], [-1]]);
    expect(await t.solve()).toBe('sat');
    t.dispose();
  });

  it('reports capacity from the worker too (timeout path)', async () => {
    const s = await createSolver('minisat');
    s.addFlat(tooBig());
    await expect(s.solve({ timeoutMs: 120_000 })).rejects.toThrow(SolverCapacityError);
    s.dispose();
  });

  it('cadical holds the same formula', async () => {
    const s = await createSolver('cadical');
    s.addFlat(tooBig());
    expect(await s.solve({ conflicts: 1000 })).not.toBe(undefined);
    s.dispose();
  });
});

describe('budgets longer than a Node.js timer holds (2^31 - 1 ms)', () => {
  for (const backend of ['cadical', 'minisat']) {
    it(`${backend}: a 30-day budget solves instead of running out at once`, async () => {
      const s = await createSolver(backend);
      try {
        s.addClause([1, 2]);
        s.addClause([-1]);
        expect(await s.solve({ timeoutMs: 30 * 24 * 3600 * 1000 })).toBe('sat');
        expect(s.value(2)).toBe(true);
      } finally {
        s.dispose();
      }
    });
  }
});
