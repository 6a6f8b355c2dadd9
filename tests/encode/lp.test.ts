/**
 * The mixed-integer program in CPLEX LP format (src/encode/lp.ts): well-formed on random
 * tiny instances of every unit kind, and, when cbc is on PATH (Debian: coinor-cbc),
 * cbc's feasible/infeasible equals brute force (src/model/bruteforce.ts) and the curated
 * instances' recorded answers; with z3 too, LP and SMT-LIB agree on rational inputs.
 * Staged boxes (weightBound): the header says when the box is not complete, a feasible
 * small-box LP (HiGHS in-process; cbc when present) implies brute-force trainable, a
 * bound at the complete one gives the default text, and `encode --weight-bound` validates.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeCommand, parseWeightBound } from '../../src/cli/encode.js';
import { DOUBLE_EXACT_INTEGER, floatVerdictTrusted, toLp, toLpWithNames } from '../../src/encode/lp.js';
import { HIGHS_MAX_MATRIX_VALUE, highsCannotRead } from '../../src/mip/highs.js';
import { toSmtLib } from '../../src/encode/smtlib.js';
import { bruteSat } from '../helpers/brute-status.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';
import { wideThresholdInstance } from '../helpers/arb-wide.js';

type HighsSolver = { solve(problem: string, options?: Record<string, unknown>): { Status: string } };
let highsSolver: HighsSolver | undefined;
/** HiGHS (WebAssembly, in-process) on an LP text: 'sat' (a point), 'unsat' (infeasible). */
async function highs(text: string): Promise<'sat' | 'unsat'> {
  highsSolver ??= await ((await import('highs')) as unknown as { default: () => Promise<HighsSolver> }).default();
  const st = highsSolver.solve(text, { output_flag: false, time_limit: 20 }).Status;
  if (st === 'Optimal') return 'sat';
  if (st === 'Infeasible') return 'unsat';
  throw new Error(`HiGHS gave no answer: ${st}`);
}

/** x0 or (x1 and x2) on the whole cube: 2 x0 + x1 + x2 >= 2, which needs a weight 2 = W(3). */
const needsWeight2: Instance = {
  network: { inputs: 3, units: [{ id: 'o', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] }], outputs: ['o'] },
  examples: Array.from({ length: 8 }, (_, r) => {
    const x = [(r >> 2) & 1, (r >> 1) & 1, r & 1];
    return { x: x.map((b) => Rational.of(b)), y: [x[0] === 1 || (x[1] === 1 && x[2] === 1) ? 1 : 0] as (0 | 1)[] };
  }),
};

const onPath = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input: '' });
  return !r.error;
};
const HAVE_CBC = onPath('cbc', ['quit']);
const HAVE_Z3 = onPath('z3', ['-version']);
const NO_CBC = HAVE_CBC ? '' : ' (cbc is not on PATH, Debian package coinor-cbc: skipped)';
const NO_Z3 = HAVE_Z3 ? '' : ' (z3 is not on PATH: skipped)';

const dir = mkdtempSync(join(tmpdir(), 'trainsat-lp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cbc(text: string): 'sat' | 'unsat' {
  const file = join(dir, 'model.lp');
  writeFileSync(file, text);
  const r = spawnSync('cbc', [file, 'sec', '20', 'solve', 'quit'], { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (/Optimal solution found/.test(r.stdout)) return 'sat';
  if (/infeasible/i.test(r.stdout)) return 'unsat';
  throw new Error(`cbc gave no answer:\n${r.stdout}${r.stderr}`);
}

function z3(text: string): string {
  return spawnSync('z3', ['-in', '-T:20'], { input: text, encoding: 'utf8' }).stdout.trim().split('\n')[0];
}

/** Problems of an LP file: missing sections, variables not listed in the objective. */
function wellFormedness(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').filter((l) => !l.startsWith('\\') && l.trim() !== '');
  const heads = lines.filter((l) => /^[A-Z]/.test(l));
  const order = ['Minimize', 'Subject To', 'Bounds', 'General', 'Binary', 'End'];
  let last = -1;
  for (const h of heads) {
    const at = order.indexOf(h);
    if (at <= last) problems.push(`section ${h} out of order`);
    last = at;
  }
  if (heads[0] !== 'Minimize' || heads[heads.length - 1] !== 'End') problems.push('not Minimize ... End');
  const objective = new Set<string>();
  let section = '';
  for (const l of lines) {
    if (/^[A-Z]/.test(l)) {
      section = l;
      continue;
    }
    const body = l.replace(/^\s*\w+:/, '');
    const names = body.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
    if (section === 'Minimize') names.forEach((n) => objective.add(n));
    else for (const n of names) if (!objective.has(n)) problems.push(`${n} not in the objective`);
    if (section === 'Subject To' && /[<>=]/.test(body) && !/^.*\S\s*(<=|>=|=)\s*-?\d+$/.test(body)) problems.push(`bad row ${l}`);
    if (/\.\d|e[+-]?\d/.test(body.replace(/[A-Za-z_][A-Za-z0-9_]*/g, ''))) problems.push(`non-integer number in ${l}`);
  }
  return problems;
}


describe('toLp', () => {
  it('is well-formed on random tiny instances (sections, integer coefficients, known variables)', () => {
    fc.assert(
      fc.property(tinyInstance({ maxUnits: 4 }), (inst) => {
        const text = toLp(inst);
        expect(text).toContain('feasible iff trainable');
        expect(wellFormedness(text)).toEqual([]);
      }),
      { numRuns: 200, seed: 41 },
    );
  });

  it('examples with the same x share every unit output: duplicates add no variables, and contradictory ones are infeasible by their labels', async () => {
    const text = (ys: (0 | 1)[]) =>
      toLp(
        parseInstance(
          JSON.stringify({
            network: { preset: 'blum-rivest', inputs: 2 },
            examples: [{ x: [1, '1/2'], y: [ys[0]] }, { x: [0, 0], y: [ys[1]] }, { x: [1, '1/2'], y: [ys[2]] }],
          }),
        ),
      );
    const consistent = text([1, 0, 1]);
    expect(consistent).toMatch(/\bu0_e0\b/);
    expect(consistent).not.toMatch(/\bu\d+_e2\b/);
    expect(await highs(consistent)).toBe('sat');
    expect(await highs(text([1, 0, 0]))).toBe('unsat');
  });

  it('maxCoefficient is the largest |coefficient| or |right-hand side| in the constraints', () => {
    fc.assert(
      fc.property(fc.oneof(tinyInstance({ maxUnits: 4 }), wideThresholdInstance), fc.option(fc.integer({ min: 1, max: 40 })), (inst, b) => {
        const lp = toLpWithNames(inst, b === null ? {} : { weightBound: BigInt(b) });
        const rows = lp.text.slice(lp.text.indexOf('Subject To'), lp.text.indexOf('Bounds'));
        let want = 0n;
        // Coefficients stand before a variable name or after a comparison; names are letters first.
        for (const m of rows.matchAll(/(?<![A-Za-z_0-9])(\d+)(?![A-Za-z_0-9:])/g)) if (BigInt(m[1]) > want) want = BigInt(m[1]);
        // A variable written without a number has coefficient 1.
        if (/:.*[A-Za-z_]/.test(rows) && want < 1n) want = 1n;
        expect(lp.maxCoefficient).toBe(want);
      }),
      { numRuns: 150 },
    );
    // The big-M of the complete box grows with the weight bound W(k): 1.66e8 at n = 18.
    const wide = (n: number): Instance => ({
      network: { inputs: n, units: [{ id: 'h', kind: 'threshold', inputs: Array.from({ length: n }, (_, i) => `x${i}`) }], outputs: ['h'] },
      examples: [{ x: Array.from({ length: n }, () => Rational.ONE), y: [1] }],
    });
    expect(toLpWithNames(wide(18)).maxCoefficient).toBeGreaterThan(10n ** 8n);
    expect(toLpWithNames(wide(18), { weightBound: 16n }).maxCoefficient).toBeLessThan(10n ** 4n);
  });

  it('floatVerdictTrusted: row error maxCoefficient * tolerance below half the margin', () => {
    expect(floatVerdictTrusted(10n ** 8n, 1e-9)).toBe(true);
    expect(floatVerdictTrusted(5n * 10n ** 8n, 1e-9)).toBe(false);
    expect(floatVerdictTrusted(2n * 10n ** 6n, 1e-7)).toBe(true);
    expect(floatVerdictTrusted(5n * 10n ** 6n, 1e-7)).toBe(false);
  });

  it.skipIf(!HAVE_CBC)(`cbc agrees with brute force on random tiny instances${NO_CBC}`, () => {
    let compared = 0;
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        const want = bruteSat(inst);
        if (want === null) return;
        compared++;
        expect(cbc(toLp(inst))).toBe(want);
      }),
      { numRuns: 200, seed: 9 },
    );
    expect(compared).toBeGreaterThan(150);
  });

  it.skipIf(!HAVE_CBC)(`pinned cases: lookup row order, integer weights on rational inputs, parity${NO_CBC}`, () => {
    const q = (n: number, d = 1) => Rational.of(n, d);
    // Tables are free, so trainability cannot see their row order: pin one entry. On
    // x = (1, 0) the output is table[2] (first input = most significant bit).
    const look: Instance = {
      network: { inputs: 2, units: [{ id: 'g', kind: 'not', inputs: ['x0'] }, { id: 'l', kind: 'lookup', inputs: ['x0', 'g'] }], outputs: ['l'] },
      examples: [{ x: [q(1), q(0)], y: [1] }],
    };
    const pin = (text: string, row: string) => text.replace('\nBounds\n', `\n pin: ${row} = 0\nBounds\n`);
    expect(cbc(pin(toLp(look), 'u1_tab2'))).toBe('unsat');
    expect(cbc(pin(toLp(look), 'u1_tab1'))).toBe('sat');
    // w/2 >= t with 0 < t and w, t in [-1, 1]: t = 1 needs w = 2.
    const half: Instance = {
      network: { inputs: 1, units: [{ id: 'o', kind: 'threshold', inputs: ['x0'], integerWeights: { min: -1, max: 1 } }], outputs: ['o'] },
      examples: [{ x: [q(1, 2)], y: [1] }, { x: [q(0)], y: [0] }],
    };
    expect(cbc(toLp(half))).toBe('unsat');
    expect(cbc(toLp({ ...half, examples: [{ x: [q(1, 2)], y: [1] }, { x: [q(-1)], y: [0] }] }))).toBe('sat');
    // Parity of one and of three inputs, all ones.
    for (const k of [1, 3]) {
      const inputs = Array.from({ length: k }, (_, j) => `x${j}`);
      const par: Instance = {
        network: { inputs: k, units: [{ id: 'p', kind: 'xor', inputs }], outputs: ['p'] },
        examples: [{ x: inputs.map(() => q(1)), y: [1] }],
      };
      expect(cbc(toLp(par))).toBe('sat');
    }
  });

  it.skipIf(!HAVE_CBC)(`cbc reproduces the recorded answers of the curated instances${NO_CBC}`, () => {
    const idir = join(import.meta.dirname, '../../instances');
    const manifest: { file: string; expected: string }[] = JSON.parse(readFileSync(join(idir, 'manifest.json'), 'utf8'));
    let checked = 0;
    for (const { file, expected } of manifest) {
      const inst = parseInstance(readFileSync(join(idir, file), 'utf8'), file);
      if (inst.examples.length * inst.network.units.length > 200) continue;
      checked++;
      expect(`${file}: ${cbc(toLp(inst))}`).toBe(`${file}: ${expected === 'trainable' ? 'sat' : 'unsat'}`);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it.skipIf(!HAVE_CBC || !HAVE_Z3)(`cbc on the LP and z3 on SMT-LIB agree on real and integer weights over rational inputs${NO_CBC}${NO_Z3}`, () => {
    const point = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 }));
    const rows = fc.array(fc.tuple(point, point, fc.boolean()), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(rows, fc.option(fc.integer({ min: 0, max: 2 })), fc.boolean(), (rs, hi, hidden) => {
        const w = hi === null ? {} : { integerWeights: { min: -hi, max: hi } };
        const units: Instance['network']['units'] = hidden
          ? [
              { id: 'h', kind: 'threshold', inputs: ['x0', 'x1'], ...w },
              { id: 'out', kind: 'threshold', inputs: ['x0', 'h'], ...w },
            ]
          : [{ id: 'out', kind: 'threshold', inputs: ['x0', 'x1'], ...w }];
        const inst: Instance = {
          network: { inputs: 2, units, outputs: ['out'] },
          examples: rs.map(([a, b, y]) => ({ x: [Rational.of(a[0], a[1]), Rational.of(b[0], b[1])], y: [y ? 1 : 0] })),
        };
        expect(cbc(toLp(inst))).toBe(z3(toSmtLib(inst)));
      }),
      { numRuns: 30, seed: 3 },
    );
  });

  describe('weight bound (staged boxes)', () => {
    it('without it, or with a bound at the complete one, the text is the complete box; below it, the header says so', () => {
      fc.assert(
        fc.property(tinyInstance({ maxUnits: 4 }), (inst) => {
          const text = toLp(inst);
          expect(toLp(inst, {})).toBe(text);
          expect(text).toContain('feasible iff trainable');
          expect(text).not.toContain('NOT complete');
          // W(k) <= 2 for fan-in k <= 3, so 2 is complete for every tiny instance.
          const two = toLpWithNames(inst, { weightBound: 2n });
          expect(two.complete).toBe(true);
          expect(two.text).toBe(text);
          const one = toLpWithNames(inst, { weightBound: 1n });
          const cut = inst.network.units.some((u) => u.kind === 'threshold' && !u.integerWeights && u.inputs.length === 3);
          expect(one.complete).toBe(!cut);
          if (cut) {
            expect(one.text).toContain('NOT complete');
            expect(one.text).toContain('infeasible only means: no weights with |w| <= 1');
            expect(one.text).not.toContain('feasible iff trainable');
            expect(wellFormedness(one.text)).toEqual([]);
          } else expect(one.text).toBe(text);
        }),
        { numRuns: 200, seed: 43 },
      );
    });

    it('bounds the box: weights in [-B, B], threshold in [-kB, kB + 1] on 0/1 inputs', () => {
      const text = toLp(needsWeight2, { weightBound: 1n });
      expect(text).toContain(' -1 <= u0_w0 <= 1\n');
      expect(text).toContain(' -3 <= u0_t <= 4\n');
      expect(toLp(needsWeight2)).toContain(' -2 <= u0_w0 <= 2\n');
    });

    it('pinned: a function that needs weight 2 is infeasible with |w| <= 1 and feasible with 2 (HiGHS)', async () => {
      expect(await highs(toLp(needsWeight2, { weightBound: 1n }))).toBe('unsat');
      expect(await highs(toLp(needsWeight2, { weightBound: 2n }))).toBe('sat');
      expect(await highs(toLp(needsWeight2))).toBe('sat');
    });

    it('HiGHS: a feasible LP with |w| <= 1 implies brute-force trainable; the complete box agrees with brute force', async () => {
      let feasibleCut = 0;
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(wideThresholdInstance, tinyInstance()), async (inst) => {
          const want = bruteSat(inst);
          if (want === null) return;
          compared++;
          const small = toLpWithNames(inst, { weightBound: 1n });
          const got = await highs(small.text);
          if (got === 'sat') expect(want).toBe('sat');
          if (!small.complete && got === 'sat') feasibleCut++;
          expect(await highs(toLp(inst))).toBe(want);
        }),
        { numRuns: 150, seed: 77 },
      );
      expect(compared).toBeGreaterThan(100);
      // The bound was really cut on instances that then were feasible.
      expect(feasibleCut).toBeGreaterThan(20);
    }, 60_000);

    it('bounds rational inputs too: a feasible small box implies what the complete box says (HiGHS)', async () => {
      const point = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 }));
      const rows = fc.array(fc.tuple(point, point, fc.boolean()), { minLength: 1, maxLength: 5 });
      let cut = 0;
      await fc.assert(
        fc.asyncProperty(rows, fc.boolean(), async (rs, hidden) => {
          const units: Instance['network']['units'] = hidden
            ? [
                { id: 'h', kind: 'threshold', inputs: ['x0', 'x1'] },
                { id: 'out', kind: 'threshold', inputs: ['x0', 'h'] },
              ]
            : [{ id: 'out', kind: 'threshold', inputs: ['x0', 'x1'] }];
          const inst: Instance = {
            network: { inputs: 2, units, outputs: ['out'] },
            examples: rs.map(([a, b, y]) => ({ x: [Rational.of(a[0], a[1]), Rational.of(b[0], b[1])], y: [y ? 1 : 0] })),
          };
          const small = toLpWithNames(inst, { weightBound: 1n });
          if (!small.complete) cut++;
          expect(wellFormedness(small.text)).toEqual([]);
          if ((await highs(small.text)) === 'sat') expect(await highs(toLp(inst))).toBe('sat');
        }),
        { numRuns: 40, seed: 5 },
      );
      expect(cut).toBeGreaterThan(30);
    }, 60_000);

    it.skipIf(!HAVE_CBC)(`cbc: a feasible LP with |w| <= 1 implies brute-force trainable${NO_CBC}`, () => {
      let feasibleCut = 0;
      fc.assert(
        fc.property(wideThresholdInstance, (inst) => {
          const want = bruteSat(inst);
          if (want === null) return;
          const small = toLpWithNames(inst, { weightBound: 1n });
          if (cbc(small.text) === 'sat') {
            expect(want).toBe('sat');
            if (!small.complete) feasibleCut++;
          }
        }),
        { numRuns: 100, seed: 19 },
      );
      expect(feasibleCut).toBeGreaterThan(20);
    });

    it('rejects a bound that is not a positive integer', () => {
      expect(() => toLp(needsWeight2, { weightBound: 0n })).toThrow(RangeError);
      expect(() => toLp(needsWeight2, { weightBound: -2n })).toThrow(/positive integer/);
    });
  });

  describe('encode --to lp --weight-bound (src/cli/encode.ts)', () => {
    const instFile = join(dir, 'needs-weight-2.json');
    writeFileSync(
      instFile,
      JSON.stringify({
        network: { inputs: 3, units: [{ id: 'o', kind: 'threshold', inputs: ['x0', 'x1', 'x2'] }], outputs: ['o'] },
        examples: needsWeight2.examples.map((e) => ({ x: e.x.map((v) => Number(v.num)), y: e.y })),
      }),
    );

    it('parses positive integers only', () => {
      expect(parseWeightBound('16')).toBe(16n);
      expect(parseWeightBound(16)).toBe(16n);
      expect(parseWeightBound('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
      for (const bad of ['0', '-1', '1.5', 'abc', '', ' ', '1e3', '0x10', 1.5, -3, Number.NaN, true, null]) expect(parseWeightBound(bad)).toBeNull();
    });

    it('writes the bounded LP, and the complete one without the option', async () => {
      const out = join(dir, 'w1.lp');
      expect(await encodeCommand({ file: instFile, to: 'lp', output: out, symmetry: true, weightBound: '1' })).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).toBe(toLp(needsWeight2, { weightBound: 1n }));
      expect(text).toContain('infeasible only means: no weights with |w| <= 1');
      const full = join(dir, 'full.lp');
      expect(await encodeCommand({ file: instFile, to: 'lp', output: full, symmetry: true })).toBe(0);
      expect(readFileSync(full, 'utf8')).toContain('feasible iff trainable');
      expect(readFileSync(full, 'utf8')).not.toContain('NOT complete');
    });

    it('a bad bound, or one with another format, is an input error (exit 2) and writes no file', async () => {
      for (const [to, wb] of [['lp', '0'], ['lp', '-4'], ['lp', 'x'], ['lp', '2.5'], ['dimacs', '4'], ['smt2', '4']]) {
        const out = join(dir, `bad-${to}-${wb}.out`);
        const err = await encodeCommand({ file: instFile, to, output: out, symmetry: true, weightBound: wb }).then(
          () => null,
          (e: unknown) => e as Error,
        );
        expect(err?.name).toBe('InputError');
        expect(err?.message).toMatch(/--weight-bound/);
        expect(existsSync(out)).toBe(false);
      }
    });
  });
});

/**
 * `inst` with wide values (integers up to +-2000, rationals p/q with q up to 64) on the
 * network inputs that only threshold and fixed-threshold units read (gates and tables need
 * 0/1 inputs), drawn from `values` in turn.
 */
function widen(inst: Instance, values: Rational[]): Instance {
  const zeroOne = new Set<string>();
  for (const u of inst.network.units) if (u.kind !== 'threshold' && u.kind !== 'fixed-threshold') u.inputs.forEach((x) => zeroOne.add(x));
  let k = 0;
  return {
    ...inst,
    examples: inst.examples.map((ex) => ({
      ...ex,
      x: ex.x.map((v, i) => (zeroOne.has(`x${i}`) ? v : values[k++ % values.length])),
    })),
  };
}

const wideValue = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }).map((n) => Rational.of(n)),
  fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: 1, max: 64 })).map(([p, q]) => Rational.of(p, q)),
  fc.constantFrom(Rational.ZERO, Rational.ONE),
);

/** Random instances of every unit kind, and perceptrons of fan-in 1..4, on wide inputs. */
const wideInputInstance: fc.Arbitrary<Instance> = fc.oneof(
  fc.tuple(tinyInstance({ maxUnits: 3, maxInputs: 3 }), fc.array(wideValue, { minLength: 1, maxLength: 30 })).map(([inst, vs]) => widen(inst, vs)),
  fc
    .tuple(
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.tuple(fc.array(wideValue, { minLength: 4, maxLength: 4 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
      fc.option(fc.integer({ min: 1, max: 5 }), { freq: 4 }),
    )
    .map(([n, rows, intW]) => ({
      network: {
        inputs: n,
        units: [
          {
            id: 'out',
            kind: 'threshold' as const,
            inputs: Array.from({ length: n }, (_, i) => `x${i}`),
            ...(intW === null ? {} : { integerWeights: { min: -intW, max: intW } }),
          },
        ],
        outputs: ['out'],
      },
      examples: rows.map(([x, y]) => ({ x: x.slice(0, n), y: [y ? 1 : 0] as (0 | 1)[] })),
    })),
);

/** The numbers of an LP text: matrix entries (before a name), and all (rows and bounds). */
function numbersOf(text: string): { matrix: bigint; all: bigint } {
  const body = text.slice(text.indexOf('Subject To'), text.indexOf('\nGeneral') >= 0 ? text.indexOf('\nGeneral') : text.indexOf('\nBinary') >= 0 ? text.indexOf('\nBinary') : text.indexOf('\nEnd'));
  const rows = body.slice(0, body.indexOf('\nBounds'));
  let matrix = 0n;
  let all = 0n;
  for (const m of rows.matchAll(/:\s*(.*?)\s*(?:<=|>=|=)\s*(-?\d+)$/gms)) {
    const terms = m[1];
    for (const t of terms.matchAll(/(?:^|[+-])\s*(\d+ )?[A-Za-z_]/g)) {
      const c = t[1] === undefined ? 1n : BigInt(t[1].trim());
      if (c > matrix) matrix = c;
      if (c > all) all = c;
    }
    const rhs = BigInt(m[2]);
    if ((rhs < 0n ? -rhs : rhs) > all) all = rhs < 0n ? -rhs : rhs;
  }
  for (const m of body.slice(body.indexOf('\nBounds')).matchAll(/(?<![\w-])-?\d+(?= <=)|(?<=<= )-?\d+/g)) {
    const v = BigInt(m[0]);
    if ((v < 0n ? -v : v) > all) all = v < 0n ? -v : v;
  }
  return { matrix, all };
}

describe('LP text that floating-point readers take in (HiGHS refused to read some: "Unable to read LP model")', () => {
  it('maxMatrixCoefficient and maxNumber are the largest matrix entry and the largest number in the text; beyond 2^53 the header says so', () => {
    let beyond = 0;
    fc.assert(
      fc.property(wideInputInstance, fc.option(fc.constantFrom(1n, 16n, 256n)), (inst, b) => {
        const lp = toLpWithNames(inst, b === null ? {} : { weightBound: b });
        const { matrix, all } = numbersOf(lp.text);
        expect(lp.maxMatrixCoefficient).toBe(matrix);
        expect(lp.maxNumber).toBe(all);
        expect(lp.maxCoefficient <= lp.maxNumber).toBe(true);
        const note = lp.text.split('\n').find((l) => l.startsWith('\\ numbers reach'));
        if (lp.maxNumber > DOUBLE_EXACT_INTEGER) {
          beyond++;
          expect(note).toBe(`\\ numbers reach ${lp.maxNumber}, beyond 2^53: a floating-point solver reads them rounded, i.e. solves another program`);
        } else {
          expect(note).toBeUndefined();
        }
      }),
      { numRuns: 300, seed: 1313 },
    );
    expect(beyond).toBeGreaterThan(5);
  });

  it('HiGHS reads every LP that highsCannotRead passes, and refuses every one with a matrix entry of 1e15 or more', async () => {
    highsSolver ??= await ((await import('highs')) as unknown as { default: () => Promise<HighsSolver> }).default();
    const solver = highsSolver;
    let read = 0;
    let refused = 0;
    let readBig = 0;
    fc.assert(
      fc.property(wideInputInstance, fc.option(fc.constantFrom(16n, 256n), { freq: 3 }), (inst, b) => {
        const lp = toLpWithNames(inst, b === null ? {} : { weightBound: b });
        let readError: string | undefined;
        try {
          // A tiny time limit: reading is what is tested, not solving.
          solver.solve(lp.text, { output_flag: false, time_limit: 0.01 });
        } catch (e) {
          readError = (e as Error).message;
        }
        if (highsCannotRead(lp) === undefined) {
          expect(readError).toBeUndefined();
          read++;
          if (lp.maxMatrixCoefficient > 10n ** 9n) readBig++;
        }
        if (lp.maxMatrixCoefficient >= HIGHS_MAX_MATRIX_VALUE) {
          expect(readError).toMatch(/Unable to read LP model/);
          refused++;
        }
      }),
      { numRuns: 300, seed: 2626 },
    );
    // Both sides were exercised, including LPs with large (but readable) coefficients.
    expect(read).toBeGreaterThan(150);
    expect(readBig).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  }, 60_000);
});
