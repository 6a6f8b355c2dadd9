/**
 * decide (src/decide.ts) verifies every backend's `trainable` in one place: a backend
 * (here the bit-blasting one, replaced by a stand-in that answers what each test says)
 * that hands over parameters failing exact evaluation, or none, is a VerificationError,
 * never an answer; an `unknown` without a reason gets one; parameters of answers other
 * than `trainable` are dropped. And no module of src/ imports itself through others (the
 * flow goes one way: CLI -> decide -> backend -> encoder/solver). The real backends' answers are compared with each other in
 * tests/exact/hybrid.test.ts, tests/mip/highs.test.ts and tests/fuzz.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendRun } from '../src/backends/types.js';
import { decide, VerificationError } from '../src/decide.js';
import { checkParameters } from '../src/model/evaluate.js';
import { parseInstance } from '../src/model/parse.js';
import { Rational } from '../src/model/rational.js';
import type { Parameters } from '../src/model/types.js';

const answer: { run?: Omit<BackendRun, 'kind' | 'stats'> } = {};

vi.mock('../src/backends/bitblast.js', () => ({
  bitblastBackend: () => ({
    run: async (): Promise<BackendRun> => ({ kind: 'bitblast', stats: { vars: 0, clauses: 0, patterns: {}, symmetricGroups: [], encode_ms: 0, solve_ms: 0 }, ...answer.run! }),
  }),
}));

const inst = parseInstance(readFileSync(join(import.meta.dirname, '..', 'instances', 'majority-3-perceptron.json'), 'utf8'));
const q = (n: number) => Rational.of(BigInt(n));
/** out = [x0 + x1 + x2 >= 2]: majority, right on every example. */
const majority: Parameters = { out: { weights: [q(1), q(1), q(1)], threshold: q(2) } };
/** out = [x0 >= 1]: wrong on some example. */
const firstInput: Parameters = { out: { weights: [q(1), q(0), q(0)], threshold: q(1) } };

describe('decide verifies in one place', () => {
  beforeEach(() => {
    answer.run = undefined;
  });

  it('the stand-in parameters are what they claim (right / wrong on the instance)', () => {
    expect(checkParameters(inst, majority).ok).toBe(true);
    expect(checkParameters(inst, firstInput).ok).toBe(false);
  });

  it('passes on trainable parameters that evaluate exactly', async () => {
    answer.run = { status: 'trainable', parameters: majority };
    const r = await decide(inst, { backend: 'cadical' });
    expect(r.status).toBe('trainable');
    expect(r.parameters).toBe(majority);
    expect(r.backend).toBe('cadical');
    expect(r.kind).toBe('bitblast');
  });

  it('a trainable whose parameters fail exact evaluation is a VerificationError', async () => {
    answer.run = { status: 'trainable', parameters: firstInput };
    await expect(decide(inst, { backend: 'cadical' })).rejects.toThrow(VerificationError);
    await expect(decide(inst, { backend: 'minisat' })).rejects.toThrow(/the minisat backend answered trainable with parameters that fail exact evaluation \(\d+\/\d+ examples correct/);
  });

  it('a trainable without parameters is a VerificationError', async () => {
    answer.run = { status: 'trainable', parameters: null };
    await expect(decide(inst, { backend: 'cadical' })).rejects.toThrow(/answered trainable with no parameters/);
  });

  it('an unknown without a reason is the budget when one was given, else a solver failure', async () => {
    answer.run = { status: 'unknown', parameters: null };
    expect((await decide(inst, { backend: 'cadical', timeoutMs: 1500 })).unknown).toEqual({
      kind: 'budget',
      message: 'the time budget (1.5 s) ran out before an answer was found',
    });
    expect((await decide(inst, { backend: 'cadical' })).unknown?.kind).toBe('solver');
    const given = { kind: 'solver' as const, message: 'the solver crashed' };
    answer.run = { status: 'unknown', parameters: null, unknown: given };
    expect((await decide(inst, { backend: 'cadical', timeoutMs: 1500 })).unknown).toEqual(given);
  });

  it('parameters of an answer other than trainable are dropped, and no reason is added', async () => {
    answer.run = { status: 'untrainable', parameters: firstInput };
    const r = await decide(inst, { backend: 'cadical' });
    expect(r.status).toBe('untrainable');
    expect(r.parameters).toBeNull();
    expect(r.unknown).toBeUndefined();
  });
});

describe('no import cycles among src/', () => {
  it('the graph of relative imports (static, type-only and dynamic) has no cycle', () => {
    const root = resolve(import.meta.dirname, '..', 'src');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(root, f));
    const imports = new Map<string, string[]>();
    for (const f of files) {
      const deps = [...readFileSync(f, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)].map((m) => resolve(dirname(f), m[1].replace(/\.js$/, '.ts')));
      imports.set(f, deps.filter((d) => files.includes(d)));
    }
    expect([...imports.values()].flat().length).toBeGreaterThan(files.length);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      path.push(f);
      for (const d of imports.get(f)!) {
        if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].map((p) => p.slice(root.length + 1)).join(' -> '));
        else if (!state.has(d)) visit(d);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
