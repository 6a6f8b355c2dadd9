/**
 * What the WebAssembly backends can hold (src/solvers/capacity.ts): CaDiCaL's 2 GB memory
 * estimate is a lower bound (no measured size that fit is refused; variable counts that
 * aborted are); a formula beyond it is refused before it is loaded, with the limit in the
 * message (`trainsat sat`: exit 2, nothing on stdout), from the header alone on the DIMACS
 * path and from the clauses on the solver; the module stays usable. MiniSat's message
 * states its limits.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { satCommand } from '../../src/cli/sat.js';
import {
  CADICAL_MAX_MEMORY,
  CADICAL_MAX_VARIABLES,
  cadicalCapacityError,
  cadicalMemoryEstimate,
} from '../../src/solvers/capacity.js';
import { createSolver, solveDimacsText } from '../../src/solvers/index.js';
import { SolverCapacityError } from '../../src/solvers/types.js';
import { MAIN } from '../helpers/cli.js';

describe('CaDiCaL capacity', () => {
  it('the estimate is a lower bound: no measured size that fit is refused; variables alone are refused where they aborted', () => {
    // [variables, clauses, literals per clause], the largest sizes measured to fit (by
    // bisection on fresh modules; capacity.ts lists them with the sizes that aborted).
    const fit: [number, number, number][] = [
      [12_000_000, 0, 0],
      [12_000_000, 1, 1],
      [100_000, 25_515_625, 2],
      [100_000, 23_125_000, 3],
      [100_000, 17_328_125, 10],
      [3_121_093, Math.floor(4.26 * 3_121_093), 3],
      [8_734_375, 8_734_375, 2],
    ];
    for (const [v, c, len] of fit) {
      expect(`${v} vars, ${c} x ${len}: ${cadicalMemoryEstimate(v, c, c * len) <= CADICAL_MAX_MEMORY}`).toBe(`${v} vars, ${c} x ${len}: true`);
      expect(cadicalCapacityError(v, c, c * len)).toBeNull();
    }
    // Variables alone: 12.09 and 12.5 million aborted, and are refused.
    for (const v of [12_093_750, 12_500_000, 20_000_000]) expect(cadicalCapacityError(v, 1, 1)).toBeInstanceOf(SolverCapacityError);
    expect(CADICAL_MAX_VARIABLES).toBeGreaterThan(12_000_000);
    expect(CADICAL_MAX_VARIABLES).toBeLessThan(12_093_750);
  });

  it('p cnf 20000000 1 is refused from its header, naming the file and the limit', async () => {
    const e = await solveDimacsText('p cnf 20000000 1\n1 0\n', 'cadical', { source: 'big.cnf' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SolverCapacityError);
    expect((e as Error).message).toBe(
      'big.cnf: the formula (20000000 variables, 1 clause) needs at least 3.3 GB in CaDiCaL, more than the 2 GB its WebAssembly memory can hold ' +
        '(it holds at most about 12 million variables, a 3-SAT formula of about 3.1 million variables and 13 million clauses, ' +
        'or 23 million 3-literal clauses over few variables); use a native solver: --backend external:NAME, e.g. external:kissat',
    );
    // The header check is the cadical backend's: minisat maps only variables in clauses.
    expect((await solveDimacsText('p cnf 20000000 1\n1 0\n', 'minisat')).status).toBe('sat');
  });

  it('a solver is refused before anything is fed (no abort), and stays usable within the limit', async () => {
    const s = await createSolver('cadical');
    s.ensureVars(13_000_000);
    s.addClause([1, -2]);
    await expect(s.solve()).rejects.toThrow(/13000000 variables, 1 clause, 2 literals\) needs at least 2\.2 GB in CaDiCaL, more than the 2 GB/);
    s.dispose();
    const t = await createSolver('cadical');
    t.addClauses([[1, 2], [-1]]);
    expect(await t.solve()).toBe('sat');
    expect(t.value(2)).toBe(true);
    t.dispose();
  });

  it('trainsat sat: a too-large header is an error (the CLI exits 2), nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainsat-cap-'));
    try {
      const f = join(dir, 'big.cnf');
      writeFileSync(f, 'c a header the memory cannot hold\np cnf 20000000 1\n1 0\n');
      const chunks: string[] = [];
      const out = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
      await expect(satCommand({ file: f, out })).rejects.toThrow(SolverCapacityError);
      expect(chunks.join('')).toBe('');
      if (existsSync(MAIN)) {
        const r = spawnSync(process.execPath, [MAIN, 'sat', f], { encoding: 'utf8' });
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^trainsat: .*big\.cnf: the formula \(20000000 variables, 1 clause\) needs at least 3\.3 GB in CaDiCaL.*at most about 12 million variables/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
