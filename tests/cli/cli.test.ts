/**
 * The command-line contract (docs/cli.md): exit codes, the --json shape, bad input
 * (message naming the place, exit 2, no stack trace, no partial output file). Run
 * in-process through the CLI's main; every command also runs once as a user runs it, a
 * child process of the built CLI, which must answer as the in-process run does.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, ROOT, runCli, snapshot, spawnCli, tempDir } from '../helpers/cli.js';

const { path: tmp, file, fresh } = tempDir('cli');

const XOR_PERCEPTRON = {
  network: { preset: 'perceptron', inputs: 2 },
  examples: [
    { x: [0, 0], y: [0] },
    { x: [0, 1], y: [1] },
    { x: [1, 0], y: [1] },
    { x: [1, 1], y: [0] },
  ],
};

describe('trainsat CLI', () => {
  it('built CLI exists (npm test builds first)', () => {
    expect(existsSync(MAIN)).toBe(true);
  });

  it('solve: trainable exits 10 and prints parameters; untrainable exits 20', async () => {
    const a = await runCli(['solve', 'instances/xor-3node.json']);
    expect(a.code).toBe(10);
    expect(a.out.split('\n')[0]).toBe('trainable');
    expect(a.out).toMatch(/h1: weights \[/);
    const b = await runCli(['solve', 'instances/xor-perceptron.json']);
    expect(b.code).toBe(20);
    expect(b.out.split('\n')[0]).toBe('untrainable');
  });

  it('solve --json prints exactly one JSON object with the contract keys', async () => {
    const a = await runCli(['solve', 'instances/xor-3node.json', '--json']);
    expect(a.code).toBe(10);
    const lines = a.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]);
    expect(Object.keys(o).sort()).toEqual(['backend', 'parameters', 'stats', 'status', 'time_ms']);
    expect(o.status).toBe('trainable');
    expect(o.backend).toBe('hybrid'); // auto: real weights go to the SAT + LP procedure
    expect(typeof o.time_ms).toBe('number');
    expect(o.parameters.h1.weights).toHaveLength(2);
    const b = JSON.parse((await runCli(['solve', 'instances/xor-perceptron.json', '--json', '--backend', 'minisat'])).out);
    expect(b).toMatchObject({ status: 'untrainable', parameters: null, backend: 'minisat' });
  });

  it('solve -o then verify accepts the parameters; tampered parameters are rejected', async () => {
    const p = join(tmp, 'params.json');
    expect((await runCli(['solve', 'instances/xor-3node.json', '-o', p])).code).toBe(10);
    const v = await runCli(['verify', 'instances/xor-3node.json', p]);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^valid: 4\/4/);
    const bad = file('bad-params.json', JSON.stringify({ h1: { weights: [1, 1], threshold: 1 }, h2: { weights: [1, 1], threshold: 1 } }));
    const w = await runCli(['verify', 'instances/xor-3node.json', bad]);
    expect(w.code).toBe(1);
    expect(w.out).toMatch(/^invalid/);
    expect(w.out).toMatch(/examples\[\d\]: expected \[\d\], got \[\d\]/);
  });

  it('encode --to dimacs, then sat on the file, gives the same answer', async () => {
    for (const [inst, code] of [
      ['instances/xor-3node.json', 10],
      ['instances/xor-perceptron.json', 20],
    ] as const) {
      const cnf = join(tmp, 'enc.cnf');
      expect((await runCli(['encode', inst, '--to', 'dimacs', '-o', cnf])).code).toBe(0);
      const s = await runCli(['sat', cnf]);
      expect(s.code).toBe(code);
      expect(s.out).toContain(code === 10 ? 's SATISFIABLE' : 's UNSATISFIABLE');
    }
  });

  it('sat reads stdin with -', async () => {
    const s = await runCli(['sat', '-'], { input: 'p cnf 2 2\n1 2 0\n-1 0\n' });
    expect(s.code).toBe(10);
    expect(s.out).toMatch(/^s SATISFIABLE\nv -1 2 0/m);
  });

  describe('bad input: message names the place, exit 2, no stack trace, no output file', () => {
    const cases: [string, string, RegExp][] = [
      ['malformed.json', '{"network": {"preset": "perceptron", "inputs": 2},\n "examples": [ {"x": [0, 0] "y": [0]} ]}', /malformed\.json:2:/],
      ['arity.json', JSON.stringify({ ...XOR_PERCEPTRON, examples: [...XOR_PERCEPTRON.examples, { x: [1, 0, 1], y: [1] }] }), /examples\[4\]\.x: expected 2 numbers, got 3/],
      [
        'unknown-unit.json',
        JSON.stringify({
          network: { inputs: 1, units: [{ id: 'out', kind: 'and', inputs: ['x0', 'h9'] }], outputs: ['out'] },
          examples: [{ x: [1], y: [1] }],
        }),
        /network\.units\[0\]\.inputs\[1\].*h9/,
      ],
      [
        'nonbool-lookup.json',
        JSON.stringify({
          network: { inputs: 1, units: [{ id: 'out', kind: 'lookup', inputs: ['x0'] }], outputs: ['out'] },
          examples: [{ x: [2], y: [1] }],
        }),
        /examples\[0\]\.x\[0\]/,
      ],
    ];
    for (const [name, text, pattern] of cases) {
      it(name, async () => {
        const out = join(tmp, `${name}.params.json`);
        const r = await runCli(['solve', file(name, text), '-o', out]);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(pattern);
        expect(r.err).not.toMatch(/\n\s+at /);
        expect(r.out).toBe('');
        expect(existsSync(out)).toBe(false);
      });
    }

    it('broken DIMACS names the line', async () => {
      const r = await runCli(['sat', file('broken.cnf', 'p cnf 3 2\n1 -2 0\n3 x 0\n')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/broken\.cnf:3/);
      expect(r.out).toBe('');
    });

    it('encode of a bad instance leaves no output file', async () => {
      const out = join(tmp, 'never.cnf');
      const r = await runCli(['encode', file('bad2.json', '{"network": 3}'), '-o', out]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/network/);
      expect(existsSync(out)).toBe(false);
    });

    it('missing file, unknown backend, unknown command', async () => {
      expect(await runCli(['solve', join(tmp, 'nope.json')])).toMatchObject({ code: 2 });
      const b = await runCli(['solve', 'instances/xor-3node.json', '--backend', 'nosuch']);
      expect(b.code).toBe(2);
      expect(b.err).toMatch(/nosuch/);
      expect((await runCli(['frobnicate'])).code).toBe(2);
    });
  });

  it('solve without yargs (plain forms) answers exactly as through yargs (--opt=value forms)', async () => {
    // main.ts parses plain `solve FILE [-b B] [--json] [--no-symmetry] [-o F]` itself and
    // sends `--opt=value` forms to yargs: both must mean the same thing.
    const strip = (s: string) => {
      const j = JSON.parse(s);
      delete j.time_ms;
      for (const k of Object.keys(j.stats)) if (/_ms$/.test(k)) delete j.stats[k];
      return j;
    };
    for (const inst of ['instances/xor-3node.json', 'instances/xor-perceptron.json']) {
      const fast = await runCli(['solve', inst, '-b', 'hybrid', '--json', '--no-symmetry']);
      const slow = await runCli(['solve', inst, '--backend=hybrid', '--json', '--symmetry=false']);
      expect(fast.code).toBe(slow.code);
      expect([10, 20]).toContain(fast.code);
      expect(strip(fast.out)).toEqual(strip(slow.out));
    }
    const pFast = join(tmp, 'fast-params.json');
    const pSlow = join(tmp, 'slow-params.json');
    expect((await runCli(['solve', 'instances/xor-3node.json', '-o', pFast, '-t', '30'])).code).toBe(10);
    expect((await runCli(['solve', 'instances/xor-3node.json', `--output=${pSlow}`, '--timeout=30'])).code).toBe(10);
    expect(readFileSync(pFast, 'utf8')).toBe(readFileSync(pSlow, 'utf8'));
    // Options the fast parser does not know still get yargs's error, exit 2.
    const bad = await runCli(['solve', 'instances/xor-3node.json', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bogus/);
  });

  it('encode --to lp --weight-bound B: a cut box says so in the header; bad bounds exit 2 with no file', async () => {
    const cut = await runCli(['encode', 'instances/majority-4-perceptron.json', '--to', 'lp', '--weight-bound', '1']);
    expect(cut.code).toBe(0);
    expect(cut.out).toMatch(/NOT complete/);
    expect(cut.out).toMatch(/\|w\| <= 1\b/);
    const full = await runCli(['encode', 'instances/majority-4-perceptron.json', '--to', 'lp']);
    expect(full.out).toMatch(/feasible iff trainable/);
    expect(full.out).not.toMatch(/NOT complete/);
    for (const [bad, why] of [
      [['--to', 'lp', '--weight-bound', '0'], /positive integer/],
      [['--to', 'lp', '--weight-bound', '2.5'], /positive integer/],
      [['--to', 'dimacs', '--weight-bound', '3'], /lp only/],
    ] as const) {
      const out = join(tmp, 'wb.lp');
      const r = await runCli(['encode', 'instances/majority-4-perceptron.json', ...bad, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(why);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('--help lists the commands', async () => {
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    for (const c of ['solve', 'sat', 'verify', 'encode']) expect(h.out).toContain(c);
  });

  it('every command through the built binary: the exit code, output and files of the in-process run', async () => {
    // Timings differ from run to run: "12 ms", "1.25 s", "time_ms": 12, shares "(71%)" or "(-)".
    const timeless = (text: string) => text.replace(/"(\w*_ms)":\d+(\.\d+)?/g, '"$1":0').replace(/\d+(\.\d+)? m?s\b/g, 'T').replace(/\((\d+%|-)\)/g, '(N%)');
    const [spawned, inProcess] = [fresh(), fresh()];
    for (const d of [spawned, inProcess]) {
      mkdirSync(d);
      writeFileSync(join(d, 'u.cnf'), 'p cnf 2 4\n1 2 0\n-1 2 0\n1 -2 0\n-1 -2 0\n');
      writeFileSync(join(d, 'split.json'), JSON.stringify({ elements: 3, sets: [[0, 1], [1, 2]] }));
    }
    const xor = join(ROOT, 'instances', 'xor-3node.json');
    const perceptron = join(ROOT, 'instances', 'xor-perceptron.json');
    // Each run in its own directory, outputs named relative to it; later runs read earlier outputs.
    const runs: [string[], number][] = [
      [['solve', perceptron, '--certify', '--cert', 'c.json'], 20],
      [['check', perceptron, 'c.json'], 0],
      [['sat', 'u.cnf', '--proof', 'p.drat'], 20],
      [['check-proof', 'u.cnf', 'p.drat'], 0],
      [['solve', xor, '--json', '-o', 'p.json'], 10],
      [['verify', xor, 'p.json'], 0],
      [['encode', xor, '--to', 'smt2'], 0],
      [['reduce', 'set-splitting', 'split.json', '--target', 'blum-rivest-and', '--solve'], 10],
      [['gen', 'planted', '-n', '2', '-o', 'corpus'], 0],
      [['compare', xor, perceptron, '-r', '2', '-e', '20', '--json'], 0],
      [['sweep', '-n', '3', '--ratios', '1', '-k', '1', '-r', '1', '-e', '5', '--out', 's.jsonl'], 0],
      [['plot', join(spawned, 's.jsonl'), '-o', 'report.html'], 0],
      [['--help'], 0],
      [['solve', xor, '--bogus'], 2],
    ];
    for (const [args, code] of runs) {
      const a = spawnCli(args, { cwd: spawned });
      const b = await runCli(args, { cwd: inProcess });
      const what = args.join(' ');
      expect(a.code, what).toBe(code);
      expect(b.code, what).toBe(code);
      expect(timeless(b.out), what).toBe(timeless(a.out));
      expect(timeless(b.err), what).toBe(timeless(a.err));
    }
    const files = (d: string) => new Map([...snapshot(d)].map(([f, bytes]) => [f, timeless(bytes)]));
    expect(files(inProcess)).toEqual(files(spawned));
    expect([...files(spawned).keys()]).toContain('report.html');
  });
});
