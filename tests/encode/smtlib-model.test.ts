/**
 * Reading an SMT solver's answer back as parameters (src/encode/smtlib-model.ts): fixed
 * answer texts in the forms z3 and cvc5 print, the defaults for symbols a model leaves
 * out, answers that are not models; and, when z3 is on PATH, z3's model of every tiny
 * random instance brute force calls trainable reads back as parameters that fit.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSmtModel } from '../../src/encode/smtlib-model.js';
import { toSmtLib } from '../../src/encode/smtlib.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parametersToJSON } from '../../src/model/params.js';
import { Rational } from '../../src/model/rational.js';
import type { Instance } from '../../src/model/types.js';
import { tinyInstance } from '../helpers/arb-instance.js';
import { bruteSat } from '../helpers/brute-status.js';
import { HAVE_Z3 } from '../helpers/native-tools.js';

const NO_Z3 = HAVE_Z3 ? '' : ' (z3 is not on PATH: skipped)';

const q = (n: number, d = 1) => Rational.of(n, d);

/** XOR on two real-weight threshold units feeding a fixed AND (instances/xor-3node.json). */
const XOR: Instance = {
  network: {
    inputs: 2,
    units: [
      { id: 'h1', kind: 'threshold', inputs: ['x0', 'x1'] },
      { id: 'h2', kind: 'threshold', inputs: ['x0', 'x1'] },
      { id: 'out', kind: 'and', inputs: ['h1', 'h2'] },
    ],
    outputs: ['out'],
  },
  examples: [
    { x: [q(0), q(0)], y: [0] },
    { x: [q(0), q(1)], y: [1] },
    { x: [q(1), q(0)], y: [1] },
    { x: [q(1), q(1)], y: [0] },
  ],
};

/** z3 4.8's answer to `encode xor-3node.json --to smt2 --get-model`, with one threshold as a fraction. */
const Z3_ANSWER = `sat
(
  (define-fun u0_e1 () Bool
    true)
  (define-fun u0_t () Real
    (- (/ 3.0 2.0)))
  (define-fun u1_w0 () Real
    1.0)
  (define-fun u0_w1 () Real
    (- 1.0))
  (define-fun u1_t () Real
    1.0)
  (define-fun u1_w1 () Real
    1.0)
  (define-fun u0_w0 () Real
    (- 1.0))
)
`;

describe('readSmtModel', () => {
  it('reads z3\'s answer exactly, and the parameters fit', () => {
    const r = readSmtModel(Z3_ANSWER, XOR);
    expect(r.status).toBe('sat');
    if (r.status !== 'sat') return;
    expect(parametersToJSON(r.params)).toEqual({ h1: { weights: [-1, -1], threshold: '-3/2' }, h2: { weights: [1, 1], threshold: 1 } });
    expect(checkParameters(XOR, r.params).ok).toBe(true);
  });

  it('reads the (model ...) wrapper, cvc5\'s integer fractions, to_real, quoted symbols and decimals', () => {
    const text = `sat\n(model\n (define-fun |u0_w0| () Real (/ (- 3) 2))\n (define-fun u0_w1 () Real (to_real (- 1)))\n (define-fun u0_t () Real 0.25)\n (define-fun u1_w0 () Real 2.0)\n (define-fun u1_w1 () Real (- (/ 1 3)))\n (define-fun u1_t () Real 0)\n (define-fun f ((x Int)) Int x))\n`;
    const r = readSmtModel(text, XOR);
    if (r.status !== 'sat') throw new Error(r.status);
    expect(parametersToJSON(r.params)).toEqual({ h1: { weights: ['-3/2', -1], threshold: '1/4' }, h2: { weights: [2, '-1/3'], threshold: 0 } });
  });

  it('a parameter the model leaves out is 0, or the integer of its range nearest 0; a table entry left out is 0', () => {
    const inst: Instance = {
      network: {
        inputs: 2,
        units: [
          { id: 'p', kind: 'threshold', inputs: ['x0', 'x1'], integerWeights: { min: 2, max: 5 } },
          { id: 'n', kind: 'threshold', inputs: ['x0'], integerWeights: { min: -4, max: -1, anyThreshold: true } },
          { id: 'l', kind: 'lookup', inputs: ['p', 'n'] },
        ],
        outputs: ['l'],
      },
      examples: [{ x: [q(1), q(0)], y: [1] }],
    };
    const r = readSmtModel('sat\n((define-fun u0_w1 () Int 3) (define-fun u2_tab2 () Bool true))', inst);
    if (r.status !== 'sat') throw new Error(r.status);
    expect(parametersToJSON(r.params)).toEqual({ p: { weights: [2, 3], threshold: 2 }, n: { weights: [-1], threshold: 0 }, l: { table: [0, 0, 1, 0] } });
  });

  it('unsat and unknown carry no parameters, whatever follows them', () => {
    expect(readSmtModel('unsat\n(error "line 31 column 10: model is not available")\n', XOR)).toEqual({ status: 'unsat' });
    expect(readSmtModel('unknown\n', XOR)).toEqual({ status: 'unknown' });
  });

  it('refuses what is not a model, naming the source', () => {
    expect(() => readSmtModel('', XOR, 'a.txt')).toThrow(/^a\.txt: not a solver's answer: expected sat, unsat or unknown$/);
    expect(() => readSmtModel('sat\n', XOR, 'a.txt')).toThrow(/a\.txt: sat, but no model follows: write the script with encode --to smt2 --get-model/);
    expect(() => readSmtModel('sat\n(error "model generation not enabled")\n', XOR)).toThrow(/no model follows \(the solver reported "model generation not enabled"\)/);
    expect(() => readSmtModel('(error "unknown logic")\n', XOR)).toThrow(/the solver reported "unknown logic"/);
    expect(() => readSmtModel('sat\n((define-fun u0_w0 () Real (', XOR)).toThrow(/unbalanced/);
    expect(() => readSmtModel('sat\n((define-fun u0_w0 () Bool true))', XOR)).toThrow(/u0_w0: expected a number, got true/);
    expect(() => readSmtModel('sat\n((define-fun u0_t () Real (root-obj (+ (^ x 2) (- 2)) 1)))', XOR)).toThrow(/u0_t: cannot read the value/);
  });
});

describe('toSmtLib with getModel', () => {
  it('asks for models before the logic and for the model after (check-sat)', () => {
    const text = toSmtLib(XOR, { getModel: true });
    expect(text).toMatch(/\(set-option :produce-models true\)\n\(set-logic QF_LRA\)\n/);
    expect(text.endsWith('(check-sat)\n(get-model)\n(exit)\n')).toBe(true);
    expect(toSmtLib(XOR)).not.toMatch(/get-model|produce-models/);
  });

  it.skipIf(!HAVE_Z3)(`z3's model of a trainable tiny instance reads back as parameters that fit${NO_Z3}`, () => {
    let read = 0;
    fc.assert(
      fc.property(tinyInstance(), (inst) => {
        if (bruteSat(inst) !== 'sat') return;
        const z3 = spawnSync('z3', ['-in', '-T:20'], { input: toSmtLib(inst, { getModel: true }), encoding: 'utf8' });
        const r = readSmtModel(z3.stdout, inst);
        expect(r.status).toBe('sat');
        if (r.status === 'sat') expect(checkParameters(inst, r.params).ok).toBe(true);
        read++;
      }),
      { numRuns: 60, seed: 19 },
    );
    expect(read).toBeGreaterThan(15);
  });
});
