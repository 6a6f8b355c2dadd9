/**
 * The SATLIB uniform random 3-SAT benchmarks (../shared/benchmarks/satlib, relative to the
 * repository root) with their known answers: every uf* file is satisfiable and its model
 * is verified here against the clauses, every uuf* file is unsatisfiable. All files on
 * cadical through the `trainsat sat` fast path (which also exercises the `%` trailer);
 * minisat, which is slower, on the files of up to 75 variables. Skipped with a visible
 * message when the directory is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clausesToArrays, parseDimacs } from '../../src/cnf/dimacs.js';
import { solveDimacsText } from '../../src/solvers/index.js';

const DIR = resolve(process.cwd(), '..', 'shared', 'benchmarks', 'satlib');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => /^uu?f\d+-\d+\.cnf$/.test(f)).sort() : [];
if (files.length === 0) console.warn(`SKIPPED: SATLIB benchmarks not found at ${DIR}`);

function expectAnswer(file: string, text: string, r: Awaited<ReturnType<typeof solveDimacsText>>): void {
  const expected = file.startsWith('uuf') ? 'unsat' : 'sat';
  expect(r.status, file).toBe(expected);
  if (r.status === 'sat') {
    const cnf = parseDimacs(text, file);
    const model = r.model!;
    for (const c of clausesToArrays(cnf.clauses)) {
      expect(c.some((l) => (l > 0 ? model[l] === 1 : model[-l] === 0)), `${file}: clause ${c.join(' ')} falsified`).toBe(true);
    }
  }
}

describe.skipIf(files.length === 0)('SATLIB uf/uuf benchmarks', () => {
  it(`cadical answers all ${files.length} files correctly`, async () => {
    expect(files.some((f) => f.startsWith('uf'))).toBe(true);
    expect(files.some((f) => f.startsWith('uuf'))).toBe(true);
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'latin1');
      expectAnswer(f, text, await solveDimacsText(text, 'cadical', { source: f }));
    }
  });

  it(`minisat answers all ${files.length} files correctly`, async () => {
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'latin1');
      expectAnswer(f, text, await solveDimacsText(text, 'minisat', { source: f }));
    }
  });
});
