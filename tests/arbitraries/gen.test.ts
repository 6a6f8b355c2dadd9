/**
 * `trainsat gen`: every generated expected answer is checked independently (witnesses by
 * the exact check, the rest by the exact solver or a SAT solver), the same arguments give
 * byte-identical directories, and the CLI contract holds (through the CLI's main,
 * in-process).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { genCommand, itemSeed, type GenArgs, type ManifestEntry } from '../../src/cli/gen.js';
import { parseDimacs, clausesToArrays } from '../../src/cnf/dimacs.js';
import { decide } from '../../src/decide.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseParameters } from '../../src/model/params.js';
import { parseInstance } from '../../src/model/parse.js';
import { createSolver } from '../../src/solvers/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { bruteCount } from '../helpers/cnf-brute.js';

const { path: tmp, fresh } = tempDir('gen');

beforeAll(() => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
});

async function gen(args: Omit<GenArgs, 'output'> & { output?: string }): Promise<string> {
  const output = args.output ?? fresh();
  expect(await genCommand({ ...args, output })).toBe(0);
  return output;
}

function manifest(dir: string): ManifestEntry[] {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

/** Every file of a directory, name -> bytes (for byte-identity checks). */
function snapshot(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

async function satStatus(cnf: { numVars: number; clauses: number[][] }): Promise<string> {
  const s = await createSolver('cadical');
  try {
    s.ensureVars(cnf.numVars);
    s.addClauses(cnf.clauses);
    return await s.solve();
  } finally {
    s.dispose();
  }
}

describe('gen: known answers, checked independently', () => {
  it('planted: each witness passes the exact check of its instance; decide agrees', async () => {
    for (const preset of ['perceptron', 'blum-rivest', 'blum-rivest-and', 'random']) {
      const dir = await gen({ kind: 'planted', count: 5, seed: 3, preset, inputs: 3, examples: 8 });
      const m = manifest(dir);
      expect(m).toHaveLength(5);
      expect(readdirSync(dir).sort()).toEqual([...m.map((e) => e.file), 'manifest.json'].sort());
      for (const e of m) {
        expect(e.expected).toBe('trainable');
        const inst = parseInstance(readFileSync(join(dir, e.file), 'utf8'), e.file);
        expect(inst.examples).toHaveLength(8);
        expect(inst.network.inputs).toBe(3);
        expect(checkParameters(inst, parseParameters(JSON.stringify(e.witness), inst)).ok).toBe(true);
        expect((await decide(inst)).status).toBe('trainable');
      }
    }
  });

  it('untrainable and reduction: decide agrees with the manifest', async () => {
    const u = await gen({ kind: 'untrainable', count: 9, seed: 4, inputs: 6 });
    const r = await gen({ kind: 'reduction', count: 8, seed: 5, inputs: 5, clauses: 4 });
    const families = new Set<string>();
    for (const dir of [u, r]) {
      for (const e of manifest(dir)) {
        families.add(e.family);
        const inst = parseInstance(readFileSync(join(dir, e.file), 'utf8'), e.file);
        expect((await decide(inst)).status).toBe(e.expected);
        if (e.expected === 'untrainable') expect(e.witness).toBeNull();
        else expect(checkParameters(inst, parseParameters(JSON.stringify(e.witness), inst)).ok).toBe(true);
        expect(e.reason.length).toBeGreaterThan(10);
      }
    }
    expect(families.has('reduction')).toBe(true);
    expect(families.size).toBeGreaterThanOrEqual(3);
  });

  it('cnf-planted: the witness literals satisfy every clause; CaDiCaL says satisfiable', async () => {
    const dir = await gen({ kind: 'cnf-planted', count: 5, seed: 6, vars: 30, clauses: 120 });
    for (const e of manifest(dir)) {
      expect(e.expected).toBe('satisfiable');
      const d = parseDimacs(readFileSync(join(dir, e.file), 'utf8'), e.file);
      expect([d.numVars, d.numClauses]).toEqual([30, 120]);
      const truth = new Set(e.witness as number[]);
      expect(truth.size).toBe(30);
      const clauses = clausesToArrays(d.clauses);
      expect(clauses.every((c) => c.some((l) => truth.has(l)))).toBe(true);
      expect(await satStatus({ numVars: d.numVars, clauses })).toBe('sat');
    }
  });

  it('cnf-unsat: brute force (random family) and CaDiCaL (both families) find no model', async () => {
    const random = await gen({ kind: 'cnf-unsat', count: 5, seed: 7, vars: 8, clauses: 20 });
    const php = await gen({ kind: 'cnf-unsat', count: 4, seed: 7, family: 'pigeonhole', holes: 4 });
    for (const dir of [random, php]) {
      for (const e of manifest(dir)) {
        expect(e.expected).toBe('unsatisfiable');
        const d = parseDimacs(readFileSync(join(dir, e.file), 'utf8'), e.file);
        const cnf = { numVars: d.numVars, clauses: clausesToArrays(d.clauses) };
        if (dir === random) expect(bruteCount(cnf)).toBe(0);
        expect(await satStatus(cnf)).toBe('unsat');
      }
    }
  });
});

describe('gen: reproducibility and the output directory', () => {
  it('the same arguments give byte-identical directories (every kind); a smaller count gives a prefix', async () => {
    const runs: Omit<GenArgs, 'output'>[] = [
      { kind: 'planted', count: 6, seed: 42, preset: 'random', inputs: 3, examples: 5 },
      { kind: 'untrainable', count: 6, seed: 42 },
      { kind: 'reduction', count: 4, seed: 42 },
      { kind: 'cnf-planted', count: 4, seed: 42, vars: 12, clauses: 40, k: 4 },
      { kind: 'cnf-unsat', count: 4, seed: 42, family: 'any' },
    ];
    for (const args of runs) {
      const a = snapshot(await gen(args));
      const b = snapshot(await gen(args));
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [f, bytes] of a) expect(b.get(f)!.equals(bytes), `${args.kind} ${f}`).toBe(true);
      const other = snapshot(await gen({ ...args, seed: 43 }));
      expect(other.get('manifest.json')!.equals(a.get('manifest.json')!)).toBe(false);
      const prefix = snapshot(await gen({ ...args, count: 2 }));
      for (const [f, bytes] of prefix) if (f !== 'manifest.json') expect(a.get(f)!.equals(bytes)).toBe(true);
    }
    expect(new Set(Array.from({ length: 1000 }, (_, i) => itemSeed(1, i))).size).toBe(1000);
  });

  it('creates missing parents; refuses a non-empty directory without --force; --force replaces only the old corpus', async () => {
    const dir = join(fresh(), 'a', 'b');
    await gen({ kind: 'cnf-planted', count: 5, seed: 1, vars: 5, clauses: 5, output: dir });
    await expect(genCommand({ kind: 'cnf-planted', count: 2, seed: 1, output: dir })).rejects.toThrow(/not empty.*--force/);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await gen({ kind: 'cnf-planted', count: 2, seed: 9, vars: 5, clauses: 5, output: dir, force: true });
    expect(readdirSync(dir).sort()).toEqual(['cnf-planted-0000.cnf', 'cnf-planted-0001.cnf', 'manifest.json', 'notes.txt']);
    expect(manifest(dir)).toHaveLength(2);
    const empty = fresh();
    mkdirSync(empty);
    await gen({ kind: 'planted', count: 1, seed: 1, output: empty });
    expect(readdirSync(empty).sort()).toEqual(['manifest.json', 'planted-0000.json']);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('bad options are input errors, and nothing is written', async () => {
    const bad: Omit<GenArgs, 'output'>[] = [
      { kind: 'planted', count: 1, seed: 1, vars: 3 },
      { kind: 'planted', count: 0, seed: 1 },
      { kind: 'planted', count: 1, seed: 1.5 },
      { kind: 'planted', count: 1, seed: 1, preset: 'lenet' },
      { kind: 'cnf-unsat', count: 1, seed: 1, vars: 40 },
      { kind: 'cnf-unsat', count: 1, seed: 1, family: 'pigeonhole', vars: 4 },
      { kind: 'untrainable', count: 1, seed: 1, preset: 'random' },
      { kind: 'untrainable', count: 1, seed: 1, family: 'parity', inputs: 1 },
    ];
    for (const args of bad) {
      const out = fresh();
      await expect(genCommand({ ...args, output: out }), JSON.stringify(args)).rejects.toMatchObject({ name: 'InputError' });
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('gen: the CLI', () => {
  it('writes the corpus, exit 0, nothing on stdout; same arguments -> same bytes; errors exit 2', async () => {
    const a = fresh();
    const b = fresh();
    const args = ['gen', 'planted', '--preset', 'blum-rivest', '--inputs', '4', '--examples', '6', '--count', '3', '--seed', '11'];
    const r1 = await runCli([...args, '-o', a]);
    expect(r1.code).toBe(0);
    expect(r1.out).toBe('');
    expect(r1.err).toMatch(/wrote 3 instances/);
    expect((await runCli([...args, '-o', b])).code).toBe(0);
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect([...sa.keys()]).toEqual(['manifest.json', 'planted-0000.json', 'planted-0001.json', 'planted-0002.json']);
    for (const [f, bytes] of sa) expect(sb.get(f)!.equals(bytes)).toBe(true);
    // The same as the library call.
    const entries = manifest(a);
    expect(entries[0]).toMatchObject({ file: 'planted-0000.json', expected: 'trainable', family: 'planted' });
    expect(Object.keys(entries[0].witness as object)).toEqual(['h1', 'h2', 'out']);

    const again = await runCli([...args, '-o', a]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/not empty/);
    const c = await runCli(['gen', 'cnf-unsat', '--family', 'pigeonhole', '--holes', '3', '-n', '2', '-o', fresh()]);
    expect(c.code).toBe(0);
    expect((await runCli(['gen', 'cnf-planted', '--inputs', '3', '-o', fresh()])).code).toBe(2);
    expect((await runCli(['gen', 'nonsense', '-o', fresh()])).code).toBe(2);
    expect((await runCli(['gen', 'planted'])).code).toBe(2);
  });

  it('solve and verify accept what gen writes (the witness file works with trainsat verify)', async () => {
    const dir = fresh();
    expect((await runCli(['gen', 'planted', '--count', '2', '--seed', '2', '-o', dir])).code).toBe(0);
    const [e] = manifest(dir);
    const params = join(tmp, 'witness.json');
    writeFileSync(params, JSON.stringify(e.witness));
    expect((await runCli(['verify', join(dir, e.file), params])).code).toBe(0);
    expect((await runCli(['solve', join(dir, e.file)])).code).toBe(10);
    const u = fresh();
    expect((await runCli(['gen', 'untrainable', '--family', 'parity', '--count', '1', '-o', u])).code).toBe(0);
    expect((await runCli(['solve', join(u, manifest(u)[0].file)])).code).toBe(20);
    const s = fresh();
    expect((await runCli(['gen', 'cnf-unsat', '--count', '1', '-o', s])).code).toBe(0);
    expect((await runCli(['sat', join(s, 'cnf-unsat-0000.cnf')])).code).toBe(20);
  });
});
