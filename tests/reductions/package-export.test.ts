/**
 * The reductions are a package export: a project that depends on trainsat imports them as
 * `trainsat/reductions` (resolved here through the package's self-reference, which reads
 * the same `exports` map a dependent project does), and they work there.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe("import 'trainsat/reductions'", () => {
  it('resolves through package.json exports and reduces a set-splitting instance to a checked network', () => {
    const out = run(`
      const r = await import('trainsat/reductions');
      const source = { elements: 3, sets: [[0, 1], [1, 2]] };
      const inst = r.setSplittingToBlumRivestAnd.reduce(source);
      console.log(JSON.stringify({ names: ['satToBlumRivest', 'setSplittingToBlumRivest', 'coloringToAndNetwork'].map((n) => typeof r[n]), units: inst.network.units.length }));
    `) as { names: string[]; units: number };
    expect(out.names).toEqual(['object', 'object', 'object']);
    expect(out.units).toBe(3);
  });

  it('exports checkReduction and solveViaReduction, which work from a dependent project', () => {
    const out = run(`
      import fc from 'fast-check';
      import { checkReduction, satToBlumRivestAnd, solveViaReduction } from 'trainsat/reductions';
      const formulas = fc.constantFrom({ numVars: 2, clauses: [[1, -2], [2]] }, { numVars: 1, clauses: [[1], [-1]] });
      const report = await checkReduction(satToBlumRivestAnd, { arbitrary: formulas, runs: 6, seed: 1 });
      const solved = await solveViaReduction(satToBlumRivestAnd, { numVars: 2, clauses: [[1, -2], [2]] });
      console.log(JSON.stringify({ ok: report.ok, yes: report.yes > 0, no: report.no > 0, answer: solved.answer, lowered: solved.lowered }));
    `) as { ok: boolean; yes: boolean; no: boolean; answer: string; lowered: { solution: boolean[]; valid: boolean } };
    expect(out).toMatchObject({ ok: true, yes: true, no: true, answer: 'yes', lowered: { solution: [true, true], valid: true } });
  });
});

/** Runs an ES module script from the package root; returns its stdout as JSON. */
function run(script: string): unknown {
  const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(p.status, p.stderr).toBe(0);
  return JSON.parse(p.stdout);
}
