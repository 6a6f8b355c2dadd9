/**
 * The SMT-LIB 2 encoding (src/encode/smtlib.ts): well-formed on random tiny instances of
 * every unit kind, and, when z3 is on PATH, z3's sat/unsat equals brute force
 * (src/model/bruteforce.ts) and the curated instances' recorded answers.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSmtLib } from '../../src/encode/smtlib.js';
import { bruteSat } from '../helpers/brute-status.js';
import { parseSmtScript, type SExpr } from '../helpers/smt-eval.js';
import { parseInstance } from '../../src/model/parse.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';
import { HAVE_Z3 } from '../helpers/native-tools.js';

const NO_Z3 = 'z3 is not on PATH: skipping the solver comparisons';

function z3(text: string): string {
  const r = spawnSync('z3', ['-in', '-T:20'], { input: text, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.stdout.trim().split('\n')[0];
}

const OPERATORS = new Set(['and', 'or', 'not', 'xor', '=>', '=', 'ite', '+', '-', '*', '/', '>=', '<=', '<', '>', 'true', 'false']);
const SORTS = new Set(['Bool', 'Int', 'Real']);


/** Problems of a script: unknown commands, symbols used before declaration, redeclarations. */
function wellFormedness(text: string): string[] {
  const problems: string[] = [];
  const declared = new Set<string>();
  const commands = parseSmtScript(text);
  if (commands[0]?.[0] !== 'set-logic') problems.push('first command is not set-logic');
  const check = (s: SExpr): void => {
    if (Array.isArray(s)) {
      if (s.length === 0) problems.push('empty list');
      s.forEach(check);
    } else if (!/^\d+(\.\d+)?$/.test(s) && !OPERATORS.has(s) && !declared.has(s)) problems.push(`${s} used before declaration`);
  };
  for (const c of commands) {
    switch (c[0]) {
      case 'set-logic':
        if (!['QF_LRA', 'QF_LIA', 'QF_LIRA'].includes(c[1] as string)) problems.push(`logic ${String(c[1])}`);
        break;
      case 'declare-fun': {
        const name = c[1] as string;
        if (declared.has(name) || OPERATORS.has(name)) problems.push(`${name} declared twice`);
        if (!Array.isArray(c[2]) || c[2].length !== 0 || !SORTS.has(c[3] as string)) problems.push(`bad declaration of ${name}`);
        declared.add(name);
        break;
      }
      case 'assert':
        if (c.length !== 2) problems.push('assert takes one term');
        check(c[1]);
        break;
      case 'check-sat':
      case 'exit':
        break;
      default:
        problems.push(`unknown command ${String(c[0])}`);
    }
  }
  return problems;
}


const q = (n: number, d = 1) => Rational.of(n, d);

describe('toSmtLib', () => {
  it('is well-formed on random tiny instances (balanced, declared before use)', () => {
    fc.assert(
      fc.property(tinyInstance({ maxUnits: 4 }), (inst) => {
        const text = toSmtLib(inst);
        expect(text).toContain('sat iff trainable');
        expect(wellFormedness(text)).toEqual([]);
      }),
      { numRuns: 200, seed: 31 },
    );
  });

  it('the checker itself rejects unbalanced and undeclared scripts', () => {
    expect(() => parseSmtScript('(set-logic QF_LRA)\n(assert (> 1 0)')).toThrow(/unbalanced/);
    expect(wellFormedness('(set-logic QF_LRA)\n(assert (>= a 0))\n(declare-fun a () Real)\n')).toEqual(['a used before declaration']);
  });

  it('writes rational inputs exactly and names the instance in a comment', () => {
    const inst: Instance = {
      name: 'halves\nsecond line',
      network: { inputs: 1, units: [{ id: 'out', kind: 'threshold', inputs: ['x0'] }], outputs: ['out'] },
      examples: [{ x: [q(3, 2)], y: [1] }, { x: [q(-1, 3)], y: [0] }],
    };
    const text = toSmtLib(inst);
    expect(text).toContain('(* (/ 3.0 2.0) u0_w0)');
    expect(text).toContain('(* (- (/ 1.0 3.0)) u0_w0)');
    expect(text.split('\n')[0]).toBe('; trainsat loading-problem encoding of halves second line');
    expect(wellFormedness(text)).toEqual([]);
  });

  it('picks the logic from the weight kinds', () => {
    const unit = (integer: boolean) => ({ id: integer ? 'i' : 'r', kind: 'threshold' as const, inputs: ['x0'], ...(integer ? { integerWeights: { min: -1, max: 1 } } : {}) });
    const mk = (units: ReturnType<typeof unit>[]): Instance => ({
      network: { inputs: 1, units, outputs: [units[0].id] },
      examples: [{ x: [q(1)], y: [1] }],
    });
    expect(toSmtLib(mk([unit(false)]))).toContain('(set-logic QF_LRA)');
    expect(toSmtLib(mk([unit(true)]))).toContain('(set-logic QF_LIA)');
    expect(toSmtLib(mk([unit(true), unit(false)]))).toContain('(set-logic QF_LIRA)');
  });
});

describe('toSmtLib with z3', () => {
  it.skipIf(!HAVE_Z3)(`z3 agrees with brute force on random tiny instances${HAVE_Z3 ? '' : ` (${NO_Z3})`}`, () => {
    let compared = 0;
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        const want = bruteSat(inst);
        if (want === null) return;
        compared++;
        expect(z3(toSmtLib(inst))).toBe(want);
      }),
      { numRuns: 150, seed: 7 },
    );
    expect(compared).toBeGreaterThan(110);
  });

  it.skipIf(!HAVE_Z3)(`z3 agrees with brute force on integer weights over rational inputs${HAVE_Z3 ? '' : ` (${NO_Z3})`}`, () => {
    const points = fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.boolean()), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(points, fc.integer({ min: 0, max: 2 }), (pts, hi) => {
        const inst: Instance = {
          network: { inputs: 1, units: [{ id: 'out', kind: 'threshold', inputs: ['x0'], integerWeights: { min: -hi, max: hi } }], outputs: ['out'] },
          examples: pts.map(([n, d, y]) => ({ x: [q(n, d)], y: [y ? 1 : 0] })),
        };
        const want = bruteSat(inst);
        if (want !== null) expect(z3(toSmtLib(inst))).toBe(want);
      }),
      { numRuns: 25, seed: 5 },
    );
  });

  it.skipIf(!HAVE_Z3)(`lookup table rows put the first input in the most significant bit${HAVE_Z3 ? '' : ` (${NO_Z3})`}`, () => {
    // Trainability cannot see the row order (tables are free), so pin one entry: on
    // x = (1, 0) the output is table[2], not table[1].
    const inst: Instance = {
      network: { inputs: 2, units: [{ id: 'g', kind: 'not', inputs: ['x0'] }, { id: 'l', kind: 'lookup', inputs: ['x0', 'g'] }], outputs: ['l'] },
      examples: [{ x: [q(1), q(0)], y: [1] }],
    };
    const base = toSmtLib(inst).replace('(check-sat)\n(exit)\n', '');
    expect(z3(`${base}(assert (not u1_tab2))\n(check-sat)\n`)).toBe('unsat');
    expect(z3(`${base}(assert (not u1_tab1))\n(check-sat)\n`)).toBe('sat');
  });

  it.skipIf(!HAVE_Z3)(`z3 reproduces the recorded answers of the curated instances${HAVE_Z3 ? '' : ` (${NO_Z3})`}`, () => {
    const dir = join(import.meta.dirname, '../../instances');
    const manifest: { file: string; expected: string }[] = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    let checked = 0;
    for (const { file, expected } of manifest) {
      const inst = parseInstance(readFileSync(join(dir, file), 'utf8'), file);
      const size = inst.examples.length * inst.network.units.length;
      if (size > 200) continue;
      checked++;
      expect(`${file}: ${z3(toSmtLib(inst))}`).toBe(`${file}: ${expected === 'trainable' ? 'sat' : 'unsat'}`);
    }
    expect(checked).toBeGreaterThan(20);
  });
});
