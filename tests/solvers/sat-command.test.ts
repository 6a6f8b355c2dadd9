/**
 * `trainsat sat` (src/cli/sat.ts): competition output and exit codes 10 / 20 / 0 on tiny
 * files, `v` lines of at most 80 characters listing every declared variable once and ending
 * in 0, stdin via `-`, and bad input (malformed DIMACS, missing file, bad option, unknown
 * backend) thrown as errors the CLI maps to exit 2.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { pigeonhole } from '../../src/arbitraries/cnf-pigeonhole.js';
import { writeDimacs } from '../../src/cnf/dimacs.js';
import { formatModelLines, satCommand } from '../../src/cli/sat.js';
import { InputError } from '../../src/model/errors.js';
import { UnknownBackendError } from '../../src/solvers/types.js';

const dir = mkdtempSync(join(tmpdir(), 'trainsat-satcmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function capture(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { out, text: () => chunks.join('') };
}

/** Parses competition output into status and the set of literals on v lines. */
function parseOutput(text: string): { status: string; lits: number[]; lines: string[] } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const status = lines.filter((l) => l.startsWith('s ')).map((l) => l.slice(2));
  expect(status.length).toBe(1);
  const lits = lines.filter((l) => l.startsWith('v')).flatMap((l) => l.slice(1).trim().split(/\s+/).map(Number));
  return { status: status[0], lits, lines };
}

describe('satCommand', () => {
  it('prints s SATISFIABLE and a full model, exit 10', async () => {
    const f = file('tiny-sat.cnf', 'c tiny\np cnf 4 3\n1 2 0\n-1 0\n-2 3 0\n');
    const { out, text } = capture();
    expect(await satCommand({ file: f, out })).toBe(10);
    expect(text()).toBe('s SATISFIABLE\nv -1 2 3 -4 0\n');
  });

  it('prints s UNSATISFIABLE, exit 20', async () => {
    const f = file('tiny-unsat.cnf', 'p cnf 1 2\n1 0\n-1 0\n');
    const { out, text } = capture();
    expect(await satCommand({ file: f, out })).toBe(20);
    expect(text()).toBe('s UNSATISFIABLE\n');
  });

  it('accepts the SATLIB trailer and works on minisat too', async () => {
    const f = file('trailer.cnf', 'p cnf 3 2\n 1 -2 3 0\n-1 0\n%\n0\n\n');
    for (const backend of ['cadical', 'minisat']) {
      const { out, text } = capture();
      expect(await satCommand({ file: f, backend, out })).toBe(10);
      const { status, lits } = parseOutput(text());
      expect(status).toBe('SATISFIABLE');
      expect(lits.slice(0, 1)).toEqual([-1]);
    }
  });

  it('splits the model into v lines of at most 80 characters, each variable once, ending in 0', async () => {
    const n = 1234;
    const clauses: number[][] = [];
    for (let v = 1; v <= n; v++) if (v % 3 !== 0) clauses.push([v % 2 ? v : -v]);
    const f = file('wide.cnf', writeDimacs({ numVars: n, clauses }));
    const { out, text } = capture();
    expect(await satCommand({ file: f, out })).toBe(10);
    const { lits, lines } = parseOutput(text());
    const vLines = lines.filter((l) => l.startsWith('v'));
    expect(vLines.length).toBeGreaterThan(10);
    for (const l of vLines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines[lines.length - 1].endsWith(' 0')).toBe(true);
    expect(lits[lits.length - 1]).toBe(0);
    expect(lits.slice(0, -1).map(Math.abs)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    for (const c of clauses) expect(lits).toContain(c[0]);
  });

  it('prints why, then s UNKNOWN, and exits 0 when the timeout runs out', async () => {
    const f = file('php.cnf', writeDimacs(pigeonhole(11)));
    const { out, text } = capture();
    expect(await satCommand({ file: f, timeoutSec: 0.2, out })).toBe(0);
    expect(text()).toMatch(/^c [^\n]*budget[^\n]*--timeout\ns UNKNOWN\n$/);
  });

  it('with --proof, an unknown answer also says why and writes no proof', async () => {
    const f = file('php2.cnf', writeDimacs(pigeonhole(11)));
    const proof = join(dirname(f), 'php2.drat');
    const { out, text } = capture();
    expect(await satCommand({ file: f, timeoutSec: 0.2, proof, out })).toBe(0);
    expect(text()).toMatch(/^c [^\n]*budget[^\n]*\ns UNKNOWN\n$/);
    expect(existsSync(proof)).toBe(false);
  });

  it("reads stdin for '-'", async () => {
    const saved = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from('p cnf 2 2\n1 0\n'), Buffer.from('-2 0\n')]), configurable: true });
    try {
      const { out, text } = capture();
      expect(await satCommand({ file: '-', out })).toBe(10);
      expect(text()).toBe('s SATISFIABLE\nv 1 -2 0\n');
      // yargs hands a bare '-' over as ''
      Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from('p cnf 1 2\n1 0\n-1 0\n')]), configurable: true });
      const second = capture();
      expect(await satCommand({ file: '', out: second.out })).toBe(20);
      Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from('p cnf 1 1\n2 0\n')]), configurable: true });
      await expect(satCommand({ file: '', out: second.out })).rejects.toThrow(/^<stdin>:2: literal 2 exceeds/);
    } finally {
      Object.defineProperty(process, 'stdin', saved);
    }
  });

  it('turns bad input into InputError / UnknownBackendError (exit 2 in the CLI), printing nothing', async () => {
    const bad = file('bad.cnf', 'p cnf 2 1\n1 x 0\n');
    const { out, text } = capture();
    await expect(satCommand({ file: bad, out })).rejects.toThrow(InputError);
    await expect(satCommand({ file: bad, out })).rejects.toThrow(`${bad}:2: 'x' is not an integer`);
    await expect(satCommand({ file: join(dir, 'missing.cnf'), out })).rejects.toThrow(/missing\.cnf: cannot read the CNF file \(no such file\)/);
    await expect(satCommand({ file: dir, out })).rejects.toThrow(InputError);
    const ok = file('ok.cnf', 'p cnf 1 1\n1 0\n');
    await expect(satCommand({ file: ok, timeoutSec: -1, out })).rejects.toThrow(/--timeout must be a non-negative number/);
    await expect(satCommand({ file: ok, backend: 'nope', out })).rejects.toThrow(UnknownBackendError);
    expect(text()).toBe('');
  });
});

describe('formatModelLines', () => {
  it('handles zero variables and exact line widths', () => {
    expect(formatModelLines(new Uint8Array(0), 0)).toBe('v 0\n');
    expect(formatModelLines(Uint8Array.from([0, 1, 0, 1]), 3, 10)).toBe('v 1 -2 3 0\n');
    expect(formatModelLines(Uint8Array.from([0, 1, 0, 1]), 3, 9)).toBe('v 1 -2 3\nv 0\n');
    expect(formatModelLines(Uint8Array.from([0, 1, 0, 1]), 3, 7)).toBe('v 1 -2\nv 3 0\n');
    expect(formatModelLines(Uint8Array.from([0, 1, 0]), 2, 10)).toBe('v 1 -2 0\n');
  });
});
