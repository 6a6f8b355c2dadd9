/**
 * The external backend against fake solver binaries on PATH (no native solver needed):
 * competition output with a multi-line model, MiniSat's result-file convention, a lying
 * solver caught by the model check, a hanging one killed at the timeout, silent and
 * model-less ones reported as errors, a missing binary as UnknownBackendError. The real
 * cadical/minisat binaries are also tried when installed (skipped otherwise).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExecutable, parseCompetitionOutput, parseMinisatResult } from '../../src/solvers/external.js';
import { createSolver, solveDimacsText } from '../../src/solvers/index.js';
import { ModelCheckError, UnknownBackendError } from '../../src/solvers/types.js';
import { installFakeSolvers, type FakeSolvers } from '../helpers/solver-fakes.js';
import { bruteSatisfiable, satisfies } from '../helpers/cnf-brute.js';

let fakes: FakeSolvers;
beforeAll(() => {
  fakes = installFakeSolvers();
});
afterAll(() => {
  fakes.restore();
});

const SAT = [[1, 2], [-1, 3], [-3, -2], [2, 4, 5]];
const UNSAT = [[1, 2], [-1, 2], [1, -2], [-1, -2]];

describe('external backend with fake solvers', () => {
  for (const name of ['fake-sat', 'fake-minisat']) {
    it(`${name}: sat with a checked model, unsat, and assumptions as unit clauses`, async () => {
      const s = await createSolver(`external:${name}`);
      expect(s.name).toBe(`external:${name}`);
      s.ensureVars(7);
      s.addClauses(SAT);
      expect(await s.solve()).toBe('sat');
      expect(satisfies(SAT, s.model())).toBe(true);
      expect(s.model().length).toBe(8);
      expect(await s.solve({ assumptions: [1] })).toBe('sat');
      expect(s.value(1)).toBe(true);
      expect(s.value(3)).toBe(true);
      expect(await s.solve({ assumptions: [1, 2] })).toBe('unsat');
      expect(s.failedAssumptions().sort()).toEqual([1, 2]);
      s.dispose();
      const u = await createSolver(`external:${name}`);
      u.addClauses(UNSAT);
      expect(await u.solve()).toBe('unsat');
      u.dispose();
    });
  }

  it('agrees with brute force on a batch of small formulas', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const clauses: number[][] = [];
      let x = seed;
      const r = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) % 6) + 1;
      for (let i = 0; i < 12 + seed; i++) clauses.push([r() * (x & 1 ? 1 : -1), r() * (x & 2 ? 1 : -1)]);
      const s = await createSolver('external:fake-sat');
      s.addClauses(clauses);
      const st = await s.solve();
      expect(st === 'sat').toBe(bruteSatisfiable({ numVars: 6, clauses }));
      s.dispose();
    }
  });

  it('a lying solver is caught by the model check', async () => {
    const s = await createSolver('external:fake-liar');
    s.addClauses(SAT);
    await expect(s.solve()).rejects.toThrow(ModelCheckError);
    s.dispose();
  });

  it('a hanging solver is killed at the timeout: unknown, and the reason is the budget', async () => {
    const s = await createSolver('external:fake-hang');
    s.addClauses(SAT);
    expect(await s.solve({ timeoutMs: 300 })).toBe('unknown');
    expect(s.unknownReason()).toEqual({ kind: 'budget', message: 'the time budget (0.3 s) ran out before an answer was found' });
    s.dispose();
  });

  it('a solver that says nothing, or no model, is an error naming it', async () => {
    const s = await createSolver('external:fake-silent');
    s.addClauses(SAT);
    await expect(s.solve()).rejects.toThrow(/external:fake-silent gave no answer \(exit code 1\): fake-silent: segmentation fault/);
    s.dispose();
    const t = await createSolver('external:fake-nomodel');
    t.addClauses(SAT);
    await expect(t.solve()).rejects.toThrow(/without a complete model/);
    t.dispose();
  });

  it('a solver that gives up by itself is unknown for its own reason, not the budget; one killed by a signal is an error naming it', async () => {
    const s = await createSolver('external:fake-unknown');
    s.addClauses(SAT);
    expect(await s.solve({ timeoutMs: 60_000 })).toBe('unknown');
    expect(s.unknownReason()).toEqual({ kind: 'solver', message: 'external:fake-unknown answered UNKNOWN by itself (exit code 0)' });
    s.dispose();
    const k = await createSolver('external:fake-killed');
    k.addClauses(SAT);
    await expect(k.solve({ timeoutMs: 60_000 })).rejects.toThrow(/external:fake-killed gave no answer \(killed by SIGKILL\): fake-killed: allocating/);
    k.dispose();
  });

  it('a missing binary is an UnknownBackendError when the solver is created', async () => {
    await expect(createSolver('external:fake-missing')).rejects.toThrow(UnknownBackendError);
    await expect(createSolver('external:fake-missing')).rejects.toThrow(/no executable named 'fake-missing' on PATH/);
    expect(findExecutable('fake-sat')).toMatch(/fake-sat$/);
    expect(findExecutable('fake-missing')).toBeNull();
  });

  it('works through the DIMACS fast path (SATLIB trailer stripped before the solver sees it)', async () => {
    const r = await solveDimacsText('p cnf 3 2\n1 -2 0\n2 3 0\n%\n0\n', 'external:fake-sat');
    expect(r.status).toBe('sat');
  });
});

describe('output parsers', () => {
  it('parse competition output, ignoring comments and joining v lines', () => {
    const r = parseCompetitionOutput('c hello\ns SATISFIABLE\nv 1 -2\nv 3\nv -4 0\n', 4);
    expect(r.status).toBe('sat');
    expect(Array.from(r.model!)).toEqual([0, 1, 0, 1, 0]);
    expect(parseCompetitionOutput('s UNSATISFIABLE\n', 4).status).toBe('unsat');
    expect(parseCompetitionOutput('s UNKNOWN\n', 4).status).toBe('unknown');
    expect(parseCompetitionOutput('c nothing\n', 4).status).toBeNull();
    expect(() => parseCompetitionOutput('s MAYBE\n', 4)).toThrow(/unrecognised status/);
  });

  it('parse MiniSat result files', () => {
    expect(Array.from(parseMinisatResult('SAT\n-1 2 0\n', 2).model!)).toEqual([0, 0, 1]);
    expect(parseMinisatResult('UNSAT\n', 2).status).toBe('unsat');
    expect(parseMinisatResult('INDET\n', 2).status).toBe('unknown');
    expect(parseMinisatResult('', 2).status).toBeNull();
  });
});

const satlib = resolve(process.cwd(), '..', 'shared', 'benchmarks', 'satlib');
for (const bin of ['cadical', 'minisat', 'kissat']) {
  const found = findExecutable(bin) !== null && existsSync(satlib);
  if (!found) console.warn(`SKIPPED: real '${bin}' binary (not on PATH) or SATLIB files absent`);
  it.skipIf(!found)(`real ${bin} binary on SATLIB files (incl. the % trailer minisat itself rejects)`, async () => {
    for (const [f, want] of [['uf50-01.cnf', 'sat'], ['uuf50-01.cnf', 'unsat']] as const) {
      const r = await solveDimacsText(readFileSync(resolve(satlib, f), 'latin1'), `external:${bin}`, { source: f });
      expect(r.status).toBe(want);
    }
  });
}

describe('a signal to trainsat alone while an external solver runs', () => {
  let fakes: FakeSolvers;
  beforeAll(() => {
    fakes = installFakeSolvers();
  });
  afterAll(() => fakes.restore());

  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`${sig}: the solver is stopped, its files are removed, and trainsat ends by that signal`, async () => {
      const pidFile = join(fakes.dir, `pid-${sig}`);
      const cli = spawn(process.execPath, [resolve('dist/src/cli/main.js'), 'solve', resolve('instances/xor-3node.json'), '--backend', 'external:fake-hang-pid'], {
        env: { ...process.env, TRAINSAT_FAKE_PIDFILE: pidFile },
        stdio: 'ignore',
      });
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => cli.once('exit', (code, signal) => done({ code, signal })));
      while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').length === 0) await new Promise((r) => setTimeout(r, 20));
      const [pid, cnf] = readFileSync(pidFile, 'utf8').split(' ');
      expect(existsSync(cnf)).toBe(true);
      cli.kill(sig); // the CLI's pid only, not its process group
      const { code, signal } = await ended;
      expect(signal === sig || code === 128 + (sig === 'SIGINT' ? 2 : 15)).toBe(true);
      expect(existsSync(dirname(cnf))).toBe(false);
      // The solver is gone: no such process, or a zombie (killed, not yet reaped by init).
      const running = () => {
        try {
          process.kill(Number(pid), 0);
        } catch {
          return false;
        }
        const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
        return !/^\d+ \(.*\) Z/.test(stat);
      };
      let alive = true;
      for (let i = 0; i < 100 && alive; i++) {
        alive = running();
        if (alive) await new Promise((r) => setTimeout(r, 20));
      }
      expect(alive).toBe(false);
    });
  }
});
