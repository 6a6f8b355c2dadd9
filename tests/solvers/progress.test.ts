/**
 * Progress reports while deciding (DecideOptions.onProgress, SolveOptions.onProgress):
 * CaDiCaL's conflict count against its own conflict budget, counts and times that never go
 * back, the phases in order, the proof stream unchanged by counting, and a callback that
 * throws. No test asserts a wall-clock time.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pigeonhole, unsplittableInstance } from '../../src/arbitraries/index.js';
import { decide, type Progress } from '../../src/decide.js';
import { parseInstance } from '../../src/model/parse.js';
import { createCadical, DRUP_PROOF_OPTIONS } from '../../src/solvers/cadical.js';
import type { SolverProgress } from '../../src/solvers/types.js';

function expectNonDecreasing(xs: readonly number[]): void {
  for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]);
}

describe('CaDiCaL progress', () => {
  it('counts conflicts: under a budget of N conflicts the last report is just below N, and no report goes back', async () => {
    const budget = 2000;
    const s = await createCadical();
    s.addClauses(pigeonhole(10).clauses);
    const reports: SolverProgress[] = [];
    expect(await s.solve({ conflicts: budget, onProgress: (p) => reports.push(p) })).toBe('unknown');
    const counts = reports.map((r) => r.conflicts ?? -1);
    expectNonDecreasing(counts);
    expect(counts.at(-1)).toBeLessThanOrEqual(budget);
    expect(counts.at(-1)).toBeGreaterThanOrEqual(0.9 * budget);
    // The next solve counts from 0 again.
    const again: SolverProgress[] = [];
    await s.solve({ conflicts: 10, onProgress: (p) => again.push(p) });
    expect(again.at(-1)?.conflicts).toBeLessThanOrEqual(10);
    s.dispose();
  });

  it('passes every learned clause to a proof callback while counting, and after', async () => {
    const s = await createCadical(DRUP_PROOF_OPTIONS);
    s.addClauses(pigeonhole(6).clauses);
    const proof: number[][] = [];
    s.onLearn((c) => proof.push(c));
    const reports: SolverProgress[] = [];
    expect(await s.solve({ onProgress: (p) => reports.push(p) })).toBe('unsat');
    expect(proof.length).toBeGreaterThan(0);
    expect(reports.at(-1)?.conflicts).toBe(proof.length);
    expect(proof.at(-1)).toEqual([]);
    s.dispose();

    const t = await createCadical(DRUP_PROOF_OPTIONS);
    t.addClauses(pigeonhole(5).clauses);
    const plain: number[][] = [];
    t.onLearn((c) => plain.push(c));
    expect(await t.solve({ conflicts: 5, onProgress: () => {} })).toBe('unknown');
    const counted = plain.length;
    expect(await t.solve()).toBe('unsat');
    expect(plain.length).toBeGreaterThan(counted);
    t.dispose();
  });

  it('a callback that throws: the error comes out of solve, and the solver still works', async () => {
    const s = await createCadical();
    s.addClauses(pigeonhole(9).clauses);
    await expect(
      s.solve({
        onProgress: () => {
          throw new Error('from the callback');
        },
      }),
    ).rejects.toThrow('from the callback');
    expect(await s.solve({ conflicts: 10 })).toBe('unknown');
    s.dispose();
  });
});

describe('decide progress', () => {
  const [fano] = fc.sample(unsplittableInstance({ cores: ['fano'], maxElements: 8, targets: ['blum-rivest-and'] }), { seed: 1, numRuns: 1 });

  it('cadical on an untrainable instance: encoding, then solving with the size and growing conflicts and time', async () => {
    const reports: Progress[] = [];
    const r = await decide(fano.instance, { backend: 'cadical', timeoutMs: 1500, onProgress: (p) => reports.push(p) });
    expect(r.status).not.toBe('trainable');
    expect(reports[0].phase).toBe('encoding');
    const solving = reports.slice(1);
    expect(solving.every((p) => p.phase === 'solving')).toBe(true);
    if (r.kind !== 'bitblast') throw new Error('expected the bitblast backend');
    for (const p of solving) expect([p.vars, p.clauses]).toEqual([r.stats.vars, r.stats.clauses]);
    expectNonDecreasing(reports.map((p) => p.elapsedMs));
    const conflicts = solving.filter((p) => p.conflicts !== undefined).map((p) => p.conflicts!);
    // the last report, and reports while running when the solve lasts past the first polls
    // (CaDiCaL's terminate callback is polled; PHP under a conflict budget tests that above)
    expect(conflicts.length).toBeGreaterThanOrEqual(r.stats.solve_ms >= 400 ? 2 : 1);
    expectNonDecreasing(conflicts);
    expect(conflicts.at(-1)).toBeGreaterThan(0);
  });

  it('hybrid: its own CDCL engine reports conflicts and the skeleton size', async () => {
    const reports: Progress[] = [];
    const r = await decide(fano.instance, { backend: 'hybrid', onProgress: (p) => reports.push(p) });
    expect(r.status).toBe('untrainable');
    expect(reports[0].phase).toBe('encoding');
    expect(reports.slice(1).every((p) => p.phase === 'solving' && p.vars! > 0 && p.clauses! > 0 && p.conflicts! >= 0)).toBe(true);
    expectNonDecreasing(reports.map((p) => p.elapsedMs));
    if (r.kind !== 'hybrid') throw new Error('expected the hybrid backend');
    expect(reports.at(-1)?.conflicts).toBeLessThanOrEqual(r.stats.sat_conflicts);
  });

  it('a trainable answer ends with verifying', async () => {
    const instance = parseInstance(readFileSync('instances/xor-3node.json', 'utf8'), 'xor-3node.json');
    for (const backend of ['cadical', 'hybrid', 'highs']) {
      const phases: string[] = [];
      const r = await decide(instance, { backend, onProgress: (p) => phases.push(p.phase) });
      expect(r.status).toBe('trainable');
      expect(phases[0]).toBe('encoding');
      expect(phases.at(-1)).toBe('verifying');
      expect(phases.slice(1, -1).every((p) => p === 'solving')).toBe(true);
    }
  });
});
