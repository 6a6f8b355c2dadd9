/**
 * The mixed-integer program in CPLEX LP format (src/encode/lp.ts): well-formed on random
 * tiny instances of every unit kind, and, when cbc is on PATH (Debian: coinor-cbc),
 * cbc's feasible/infeasible equals brute force (src/model/bruteforce.ts) and the curated
 * instances' recorded answers; with z3 too, LP and SMT-LIB agree on rational inputs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toLp } from '../../src/encode/lp.js';
import { toSmtLib } from '../../src/encode/smtlib.js';
import { BruteForceBudgetError, bruteForce } from '../../src/model/bruteforce.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';

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

function reference(inst: Instance): 'sat' | 'unsat' | null {
  try {
    return bruteForce(inst, { maxWork: 300_000 }).status === 'trainable' ? 'sat' : 'unsat';
  } catch (e) {
    if (e instanceof BruteForceBudgetError) return null;
    throw e;
  }
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

  it.skipIf(!HAVE_CBC)(`cbc agrees with brute force on random tiny instances${NO_CBC}`, () => {
    let compared = 0;
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        const want = reference(inst);
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
});
