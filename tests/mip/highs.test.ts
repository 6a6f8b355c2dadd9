/**
 * `--backend highs` (src/backends/mip.ts: HiGHS, src/mip/highs.ts, on the weight-box
 * ladder of src/mip/ladder.ts): HiGHS on the LP encoding agrees with brute
 * force on random tiny instances and with the curated instances' recorded answers; its
 * trainable parameters pass exact evaluation; the LP text of toLpWithNames is toLp's.
 * The ladder of weight boxes: a small box gives a verified point when small weights
 * suffice, infeasible small boxes move on, and only the complete box says untrainable.
 * An unknown names its reason (budget, HiGHS's failure, float precision), and a box with
 * numbers HiGHS cannot read is never given to it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/decide.js';
import { toLp, toLpWithNames } from '../../src/encode/lp.js';
import { bruteStatus } from '../helpers/brute-status.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { highsBackend, type HighsBackendOptions } from '../../src/backends/mip.js';
import type { MipStats } from '../../src/backends/types.js';
import { HIGHS_MAX_MATRIX_VALUE, highsCannotRead, type HighsModule } from '../../src/mip/highs.js';
import { WEIGHT_BOX_LADDER, weightLadder } from '../../src/mip/ladder.js';
import { lpSize } from '../../src/mip/solver.js';
import { tinyInstance } from '../helpers/arb-instance.js';
import { wideThresholdInstance } from '../helpers/arb-wide.js';
import { MAIN, ROOT } from '../helpers/cli.js';

/** The MIP backend on HiGHS, run directly (its parameters unchecked: each test checks them). */
async function decideHighs(inst: Instance, opts: HighsBackendOptions & { timeoutMs?: number } = {}) {
  const { timeoutMs, ...options } = opts;
  const r = await highsBackend(options).run(inst, { timeoutMs });
  if (r.kind !== 'mip') throw new Error(`expected MIP stats, got ${r.kind}`);
  return { ...r, stats: r.stats as MipStats };
}

describe('highs backend', () => {
  it('toLpWithNames gives the text of toLp and the parameter columns', () => {
    fc.assert(
      fc.property(tinyInstance({ maxUnits: 4 }), (inst) => {
        const named = toLpWithNames(inst);
        expect(named.text).toBe(toLp(inst));
        for (const u of inst.network.units) {
          if (u.kind === 'threshold') {
            expect(named.text).toContain(named.thresholdVar(u.id));
            u.inputs.forEach((_, j) => expect(named.text).toContain(named.weightVar(u.id, j)));
          } else if (u.kind === 'lookup') {
            expect(named.text).toContain(named.tableVar(u.id, 2 ** u.inputs.length - 1));
          }
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it("lpSize counts the columns, rows and integer columns HiGHS reads from the LP", async () => {
    const mod = await ((await import('highs')) as unknown as { default: () => Promise<HighsModule & { solve(...a: unknown[]): { Columns: Record<string, { Type?: string }>; Rows: unknown[] } }> }).default();
    await fc.assert(
      fc.asyncProperty(tinyInstance({ maxUnits: 4 }), async (inst) => {
        const text = toLp(inst);
        const read = mod.solve(text, { output_flag: false, time_limit: 10 });
        const columns = Object.values(read.Columns);
        expect(lpSize(text)).toEqual({
          columns: columns.length,
          rows: read.Rows.length,
          integerColumns: columns.filter((c) => c.Type === 'Integer').length,
        });
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('agrees with brute force on random tiny instances; trainable parameters check exactly', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(tinyInstance(), async (inst) => {
        const want = bruteStatus(inst);
        if (want === null) return;
        compared++;
        const r = await decideHighs(inst, { timeoutMs: 10_000 });
        expect(r.status).toBe(want);
        if (r.status === 'trainable') {
          expect(r.parameters).not.toBeNull();
          expect(checkParameters(inst, r.parameters!).ok).toBe(true);
        } else {
          expect(r.parameters).toBeNull();
        }
      }),
      { numRuns: 100, seed: 2026 },
    );
    expect(compared).toBeGreaterThan(80);
  }, 20_000);

  it('handles rational inputs (real weights scaled by the inputs denominator, integer weights)', async () => {
    const q = (n: number, d = 1) => Rational.of(n, d);
    // One real-weight unit on the line: 1/3 and 1/2 above, 1/4 below (trainable); and
    // alternating labels (untrainable).
    const line = (ys: (0 | 1)[]): Instance => ({
      network: { inputs: 1, units: [{ id: 'o', kind: 'threshold', inputs: ['x0'] }], outputs: ['o'] },
      examples: [q(1, 4), q(1, 3), q(1, 2)].map((x, i) => ({ x: [x], y: [ys[i]] })),
    });
    const t = await decide(line([0, 1, 1]), { backend: 'highs' });
    expect(t.status).toBe('trainable');
    expect(checkParameters(line([0, 1, 1]), t.parameters!).ok).toBe(true);
    expect((await decide(line([0, 1, 0]), { backend: 'highs' })).status).toBe('untrainable');
    // w/2 >= t with 0 < t and w, t integers in [-1, 1]: t = 1 needs w = 2.
    const half: Instance = {
      network: { inputs: 1, units: [{ id: 'o', kind: 'threshold', inputs: ['x0'], integerWeights: { min: -1, max: 1 } }], outputs: ['o'] },
      examples: [{ x: [q(1, 2)], y: [1] }, { x: [q(0)], y: [0] }],
    };
    expect((await decideHighs(half)).status).toBe('untrainable');
    const ok = { ...half, examples: [{ x: [q(1, 2)], y: [1] as (0 | 1)[] }, { x: [q(-1)], y: [0] as (0 | 1)[] }] };
    const r = await decideHighs(ok);
    expect(r.status).toBe('trainable');
    expect(checkParameters(ok, r.parameters!).ok).toBe(true);
  });

  it('reproduces the recorded answers of the curated instances', async () => {
    const idir = join(ROOT, 'instances');
    const manifest: { file: string; expected: string }[] = JSON.parse(readFileSync(join(idir, 'manifest.json'), 'utf8'));
    for (const { file, expected } of manifest) {
      const inst = parseInstance(readFileSync(join(idir, file), 'utf8'), file);
      const r = await decide(inst, { backend: 'highs', timeoutMs: 10_000 });
      expect(`${file}: ${r.status}`).toBe(`${file}: ${expected}`);
      if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
    }
  }, 20_000);

  it('a time limit that runs out gives unknown, without parameters', async () => {
    const file = 'parity-4-blum-rivest.json';
    const inst = parseInstance(readFileSync(join(ROOT, 'instances', file), 'utf8'), file);
    const r = await decideHighs(inst, { timeoutMs: 5 });
    expect(r.status).toBe('unknown');
    expect(r.parameters).toBeNull();
    expect(r.stats.highs_status).toBe('Time limit reached');
    expect(r.unknown?.kind).toBe('budget');
  });

  it('an infeasibility claim that the tolerance cannot support is unknown, with the reason', async () => {
    // Contradictory labels: HiGHS proves infeasibility from the binaries alone. With a
    // feasibility tolerance of 0.4 and coefficients >= 2, a row may be off by more than
    // half the margin, so the claim is not passed on.
    const inst: Instance = {
      network: { inputs: 2, units: [{ id: 'out', kind: 'threshold', inputs: ['x0', 'x1'] }], outputs: ['out'] },
      examples: [
        { x: [Rational.ONE, Rational.ZERO], y: [1] },
        { x: [Rational.ONE, Rational.ZERO], y: [0] },
      ],
    };
    const names = toLpWithNames(inst);
    expect(names.maxCoefficient).toBeGreaterThanOrEqual(2n);
    const sloppy = await decideHighs(inst, { highsOptions: { primal_feasibility_tolerance: 0.4 } });
    expect(sloppy.status).toBe('unknown');
    expect(sloppy.stats.note).toMatch(/not trusted/);
    expect(sloppy.unknown).toEqual({ kind: 'precision', message: sloppy.stats.note });
    const strict = await decideHighs(inst);
    expect(strict.status).toBe('untrainable');
  });

  it('a HiGHS abort gives unknown with the message, and the next solve works', async () => {
    const inst = parseInstance(readFileSync(join(ROOT, 'instances', 'xor-3node.json'), 'utf8'), 'xor-3node.json');
    const aborting = {
      solve(): never {
        throw new Error('Unable to solve the problem. HiGHS error -1');
      },
    };
    const r = await decideHighs(inst, { module: aborting });
    expect(r.status).toBe('unknown');
    expect(r.parameters).toBeNull();
    expect(r.stats.stages.map((st) => st.solver_status)).toEqual(['error']);
    expect(r.stats.note).toMatch(/HiGHS failed: Unable to solve the problem/);
    // A failure, with no budget given: named as HiGHS's failure, never as a budget.
    expect(r.unknown).toEqual({ kind: 'solver', message: 'HiGHS failed: Unable to solve the problem. HiGHS error -1' });
    expect((await decideHighs(inst)).status).toBe('trainable');
  });

  it('HiGHS status other than a time limit is a solver failure; an unreadable model too, even with a budget', async () => {
    const inst = parseInstance(readFileSync(join(ROOT, 'instances', 'xor-3node.json'), 'utf8'), 'xor-3node.json');
    const failing = (status: string) => ({ solve: () => ({ Status: status, Columns: {} }) });
    const solveError = await decideHighs(inst, { module: failing('Solve error'), timeoutMs: 60_000 });
    expect(solveError.unknown).toEqual({ kind: 'solver', message: 'HiGHS stopped with status Solve error' });
    const limit = await decideHighs(inst, { module: failing('Time limit reached'), timeoutMs: 60_000 });
    expect(limit.unknown?.kind).toBe('budget');
    const unreadable = {
      solve(): never {
        throw new Error('Unable to read LP model (see http://web.mit.edu/lpsolve/doc/CPLEX-format.htm). HiGHS error -1');
      },
    };
    const r = await decideHighs(inst, { module: unreadable, timeoutMs: 60_000 });
    expect(r.status).toBe('unknown');
    expect(r.unknown?.kind).toBe('solver');
    expect(r.unknown?.message).toMatch(/^HiGHS failed: Unable to read LP model/);
  });

  it('integer inputs like 1000 and -250: boxes HiGHS cannot read are not given to it; unknown says why, not the budget', async () => {
    // Untrainable (0 lies between two positive points), so every box is tried. The
    // complete box's big-M on three such inputs is beyond HiGHS's 1e15 limit on matrix
    // entries; the small boxes are fine.
    const inst = parseInstance(
      JSON.stringify({
        network: { preset: 'perceptron', inputs: 3 },
        examples: [
          { x: [1000, -250, 7], y: [1] },
          { x: [-1000, 250, -7], y: [1] },
          { x: [0, 0, 0], y: [0] },
        ],
      }),
      'wide.json',
    );
    const complete = toLpWithNames(inst);
    expect(complete.maxMatrixCoefficient).toBeGreaterThanOrEqual(HIGHS_MAX_MATRIX_VALUE);
    expect(highsCannotRead(complete)).toMatch(/HiGHS reads none of 1e15 or more/);
    const real = (await import('highs')) as unknown as { default: () => Promise<HighsModule> };
    const mod = await real.default();
    // The text HiGHS would have been given is indeed refused by its reader.
    expect(() => mod.solve(complete.text, { output_flag: false })).toThrow(/Unable to read LP model/);
    const seen: string[] = [];
    const recording: HighsModule = {
      solve(text, options) {
        seen.push(text);
        return mod.solve(text, options);
      },
    };
    const r = await decideHighs(inst, { module: recording });
    expect(r.status).toBe('unknown');
    expect(r.stats.stages.map((st) => [st.box, st.outcome])).toEqual([
      ['16', 'infeasible'],
      ['256', 'infeasible'],
      ['complete', 'unknown'],
    ]);
    expect(seen).toHaveLength(2);
    expect(r.unknown?.kind).toBe('precision');
    expect(r.unknown?.message).toMatch(/the LP of the complete box cannot be given to HiGHS: its coefficients reach \d+, and HiGHS reads none of 1e15 or more/);
  });

  it.skipIf(!existsSync(MAIN))('CLI: solve --backend highs --json on xor-3node is trainable, exit 10 (needs npm run build)', () => {
    const r = spawnSync(process.execPath, [MAIN, 'solve', 'instances/xor-3node.json', '--backend', 'highs', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(10);
    const o = JSON.parse(r.stdout);
    expect(o.status).toBe('trainable');
    expect(o.backend).toBe('highs');
    // The MIP's own statistics, none of the bit-blasting encoder's.
    expect(Object.keys(o.stats).sort()).toEqual(['columns', 'encode_ms', 'highs_status', 'integer_columns', 'note', 'rows', 'solve_ms', 'stages'].sort());
    expect(o.stats.columns).toBeGreaterThan(o.stats.integer_columns);
    expect(o.stats.integer_columns).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(MAIN))('CLI: an unknown that is not the budget is printed as what it is (needs npm run build)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainsat-highs-'));
    try {
      const file = join(dir, 'wide.json');
      const examples = [
        { x: [1000, -250, 7], y: [1] },
        { x: [-1000, 250, -7], y: [1] },
        { x: [0, 0, 0], y: [0] },
      ];
      writeFileSync(file, JSON.stringify({ network: { preset: 'perceptron', inputs: 3 }, examples }));
      const r = spawnSync(process.execPath, [MAIN, 'solve', file, '--backend', 'highs'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('unknown');
      expect(lines[1]).toMatch(/^ {2}\(no answer: the LP of the complete box cannot be given to HiGHS: its coefficients reach \d+, and HiGHS reads none of 1e15 or more\)$/);
      expect(r.stdout).not.toMatch(/budget/);
      const j = spawnSync(process.execPath, [MAIN, 'solve', file, '--backend', 'highs', '--json'], { cwd: ROOT, encoding: 'utf8' });
      expect(JSON.parse(j.stdout).unknown.kind).toBe('precision');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('staged weight boxes', () => {
    const bits = (n: number, ones: number[]) => Array.from({ length: n }, (_, i) => Rational.of(ones.includes(i) ? 1 : 0));
    /** A perceptron on n inputs over the given points (indices of the ones) and labels. */
    const perceptron = (n: number, rows: [number[], 0 | 1][]): Instance => ({
      network: { inputs: n, units: [{ id: 'out', kind: 'threshold', inputs: Array.from({ length: n }, (_, i) => `x${i}`) }], outputs: ['out'] },
      examples: rows.map(([ones, y]) => ({ x: bits(n, ones), y: [y] })),
    });
    const boxes = (r: Awaited<ReturnType<typeof decideHighs>>) => r.stats.stages.map((st) => `${st.box}:${st.outcome}`);

    it('the ladder is used only above a large complete bound: fan-in 12 (W = 4249) but not 11 (W = 1458)', () => {
      expect(weightLadder(1458n)).toEqual([]);
      expect(weightLadder(4249n)).toEqual([16n, 256n]);
      expect(WEIGHT_BOX_LADDER).toEqual([16n, 256n]);
      expect(weightLadder(0n)).toEqual([]);
    });

    it('x0 or x1 on 12 inputs: a verified point from the first, small box', async () => {
      const inst = perceptron(12, [[[], 0], [[0], 1], [[1], 1], [[2], 0], [[3, 4, 5, 6, 7, 8, 9, 10, 11], 0], [[0, 11], 1]]);
      const r = await decideHighs(inst);
      expect(r.status).toBe('trainable');
      expect(checkParameters(inst, r.parameters!).ok).toBe(true);
      expect(boxes(r)).toEqual([`${WEIGHT_BOX_LADDER[0]}:trainable`]);
      const weights = r.parameters!.out as { weights: Rational[] };
      const b = Rational.of(WEIGHT_BOX_LADDER[0]);
      for (const w of weights.weights) expect(w.cmp(b) <= 0 && w.cmp(b.neg()) >= 0).toBe(true);
    });

    it('xor of x0, x1 on 12 inputs: every box infeasible, untrainable only from the complete box', async () => {
      const inst = perceptron(12, [[[], 0], [[0], 1], [[1], 1], [[0, 1], 0]]);
      const r = await decideHighs(inst);
      expect(r.status).toBe('untrainable');
      expect(r.parameters).toBeNull();
      expect(boxes(r)).toEqual([...WEIGHT_BOX_LADDER.map((b) => `${b}:infeasible`), 'complete:infeasible']);
      expect(r.stats.note).toMatch(/not certified/);
    });

    it('a box too small moves on: x0 or (x1 and x2) needs weight 2, so |w| <= 1 is infeasible', async () => {
      const rows: [number[], 0 | 1][] = [];
      for (let r = 0; r < 8; r++) {
        const ones = [0, 1, 2].filter((i) => (r >> (2 - i)) & 1);
        rows.push([ones, ones.includes(0) || (ones.includes(1) && ones.includes(2)) ? 1 : 0]);
      }
      const inst = perceptron(3, rows);
      const r = await decideHighs(inst, { ladder: [1n] });
      expect(r.status).toBe('trainable');
      expect(checkParameters(inst, r.parameters!).ok).toBe(true);
      expect(boxes(r)).toEqual(['1:infeasible', 'complete:trainable']);
      // The default ladder is empty for fan-in 3 (W(3) = 2): the complete box only.
      const d = await decideHighs(inst);
      expect(boxes(d)).toEqual(['complete:trainable']);
    });

    it('with |w| <= 1 first, agrees with brute force on random tiny instances; untrainable only from the complete box', async () => {
      let compared = 0;
      let staged = 0;
      let cut = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(wideThresholdInstance, tinyInstance()), async (inst) => {
          const want = bruteStatus(inst);
          if (want === null) return;
          compared++;
          const r = await decideHighs(inst, { ladder: [1n], timeoutMs: 10_000 });
          expect(r.status).toBe(want);
          const last = r.stats.stages[r.stats.stages.length - 1];
          if (r.stats.stages[0].box === '1') cut++;
          if (r.stats.stages.length > 1) staged++;
          if (r.status === 'untrainable') expect(last).toMatchObject({ box: 'complete', outcome: 'infeasible' });
          if (r.status === 'trainable') expect(checkParameters(inst, r.parameters!).ok).toBe(true);
          for (const st of r.stats.stages.slice(0, -1)) expect(st.outcome).not.toBe('trainable');
        }),
        { numRuns: 100, seed: 404 },
      );
      expect(compared).toBeGreaterThan(80);
      expect(cut).toBeGreaterThan(30);
      expect(staged).toBeGreaterThan(5);
    }, 30_000);
  });
});
