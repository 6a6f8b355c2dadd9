/**
 * The bench's cbc column (bench/exact.ts): cbc as a MIP solver (cbcSolver) on the
 * weight-box ladder of --backend highs (src/mip/ladder.ts). Its solution file is read back
 * (parseCbcSolution) and made exact as HiGHS's points are (decodeLpPoint); a point that
 * fails the check is 'unknown' for its box. The real-cbc tests are skipped when cbc is
 * not on PATH; the fake-cbc tests run anywhere with /bin/sh.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cbcLadder, parseCbcSolution } from '../../bench/exact.js';
import { toLpWithNames, type LpWithNames } from '../../src/encode/lp.js';
import { decodeLpPoint } from '../../src/mip/lp-point.js';
import type { Instance } from '../../src/model/types.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseInstance, parseInstanceValue } from '../../src/model/parse.js';
import { findExecutable } from '../../src/solvers/external.js';

const load = (file: string) => parseInstance(readFileSync(join('instances', file), 'utf8'), file);
const dir = mkdtempSync(join(tmpdir(), 'trainsat-cbc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A solution file in CBC 2.10's layout (index, name, value, reduced cost). */
const solution = (rows: [string, string][]) =>
  ['Optimal - objective value 0.00000000', ...rows.map(([n, v], i) => `${String(i).padStart(7)} ${n.padEnd(22)} ${v.padStart(15)} ${'0'.padStart(23)}`)].join('\n') + '\n';

describe('parseCbcSolution', () => {
  it('reads name -> value from the column lines, skipping the status line', () => {
    const text =
      'Optimal - objective value 0.00000000\n' +
      '      0 u0_w0                  13                       0\n' +
      '      1 u0_w1             0.33333333                       0\n' +
      '      4 u0_t                -1e+09                       0\n' +
      '**    7 u1_e3                   1                      -1\n';
    const m = parseCbcSolution(text);
    expect([...m.entries()]).toEqual([
      ['u0_w0', 13],
      ['u0_w1', 0.33333333],
      ['u0_t', -1e9],
      ['u1_e3', 1],
    ]);
    expect(m.has('Optimal')).toBe(false);
  });

  it.skipIf(!findExecutable('cbc'))('reads a file cbc itself wrote', async () => {
    const { timeCommand } = await import('../../bench/lib.js');
    const lp = join(dir, 'frac.lp');
    const sol = join(dir, 'frac.sol');
    writeFileSync(lp, 'Minimize\n obj: 0 x + 0 y\nSubject To\n c1: 3 x >= 1\n c2: 3 x <= 1\n c3: y = 5\nBounds\n -10 <= x <= 10\n -10 <= y <= 10\nEnd\n');
    const run = await timeCommand(findExecutable('cbc')!, [lp, 'solve', 'solu', sol]);
    expect(run.stdout).toMatch(/Optimal/);
    const m = parseCbcSolution(readFileSync(sol, 'utf8'));
    expect(m.get('x')).toBeCloseTo(1 / 3, 7);
    expect(m.get('y')).toBe(5);
  });
});

/** cbc's point (a solution file's text) decoded as the ladder decodes every solver's. */
const checkCbcPoint = (inst: Instance, names: LpWithNames, text: string) => {
  const values = parseCbcSolution(text);
  return decodeLpPoint(inst, names, (col) => values.get(col) ?? 0);
};

describe('a cbc point, made exact', () => {
  // Majority of 3 on one threshold unit: out = [x0 + x1 + x2 >= 2], or the same over 3.
  const inst = load('majority-3-perceptron.json');
  const names = toLpWithNames(inst);
  const w = (j: number) => names.weightVar('out', j);
  const t = names.thresholdVar('out');

  it('accepts a correct point, with the same decoding as --backend highs', () => {
    const r = checkCbcPoint(inst, names, solution([[w(0), '1'], [w(1), '1'], [w(2), '1'], [t, '2']]));
    expect(r).not.toBeNull();
    expect(checkParameters(inst, r!.parameters).ok).toBe(true);
  });

  it("makes cbc's 8-digit values exact by nearby rationals", () => {
    const r = checkCbcPoint(inst, names, solution([[w(0), '0.33333333'], [w(1), '0.33333333'], [w(2), '0.33333333'], [t, '0.66666667']]));
    expect(r?.how).toBe('nearby rationals');
  });

  it('rejects a corrupted point: a wrong weight, or a threshold the file leaves out (0)', () => {
    expect(checkCbcPoint(inst, names, solution([[w(0), '1'], [w(1), '1'], [w(2), '-1'], [t, '2']]))).toBeNull();
    expect(checkCbcPoint(inst, names, solution([[w(0), '1'], [w(1), '1'], [w(2), '1']]))).toBeNull();
  });
});

describe('cbcLadder with a fake cbc that always claims feasible', () => {
  // 12 inputs: complete bound W(12) > 4096, so the ladder tries boxes 16 and 256 first.
  const examples = Array.from({ length: 8 }, (_, i) => {
    const x = Array.from({ length: 12 }, (_, j) => (i >> j % 3) & 1);
    return { x, y: [x[0]] };
  });
  const inst = parseInstanceValue({ network: { preset: 'perceptron', inputs: 12 }, examples });
  const names = toLpWithNames(inst);
  /** A shell script that prints cbc's 'optimal' status and writes the point out = [x0 >= t] (t = 0 in box 16: wrong). */
  const fakeCbc = (name: string, writePoint: boolean) => {
    const file = join(dir, name);
    const script = [
      '#!/bin/sh',
      'lp="$1"; out=""; prev=""',
      'for a in "$@"; do if [ "$prev" = solu ] || [ "$prev" = -solu ]; then out="$a"; fi; prev="$a"; done',
      'case "$lp" in *.b16.lp) t=0 ;; *) t=1 ;; esac',
      'echo "Result - Optimal solution found"',
      writePoint ? `printf 'Optimal - objective value 0\\n      0 ${names.weightVar('out', 0)}  1  0\\n      1 ${names.thresholdVar('out')}  %s  0\\n' "$t" > "$out"` : 'true',
    ].join('\n');
    writeFileSync(file, script + '\n');
    chmodSync(file, 0o755);
    return file;
  };

  it('a rejected point in box 16 moves on; the checked point of box 256 is trainable', async () => {
    expect(names.completeBound).toBeGreaterThan(4096n);
    const r = await cbcLadder(fakeCbc('fake-cbc', true), inst, join(dir, 'fake'), 20_000);
    expect(r.stages).toBe('16:point-rejected 256:trainable');
    expect(r.answer).toBe('trainable');
  });

  it('no point written on any box: unknown, never trainable', async () => {
    const r = await cbcLadder(fakeCbc('fake-cbc-nofile', false), inst, join(dir, 'nofile'), 20_000);
    expect(r.stages).toBe('16:point-unreadable 256:point-unreadable complete:point-unreadable');
    expect(r.answer).toBe('unknown');
  });
});

describe('cbcLadder with the real cbc', () => {
  const cbc = findExecutable('cbc');

  it.skipIf(!cbc)('a trainable instance: trainable, with the point read back', async () => {
    const base = join(dir, 'maj4');
    const r = await cbcLadder(cbc!, load('majority-4-blum-rivest.json'), base, 60_000);
    expect(r.answer).toBe('trainable');
    expect(r.stages).toBe('complete:trainable');
    expect(existsSync(`${base}.complete.sol`)).toBe(true);
  });

  it.skipIf(!cbc)('a trainable instance with fan-in 12 through the box ladder', async () => {
    const examples = Array.from({ length: 24 }, (_, i) => {
      const x = Array.from({ length: 12 }, (_, j) => ((i * 2654435761) >>> j) & 1);
      return { x, y: [x[0] & x[1] ? 1 : 0] };
    });
    const inst = parseInstanceValue({ network: { preset: 'perceptron', inputs: 12 }, examples });
    const r = await cbcLadder(cbc!, inst, join(dir, 'and12'), 60_000);
    expect(r.answer).toBe('trainable');
    expect(r.stages).toBe('16:trainable');
  });

  it.skipIf(!cbc)('xor-perceptron: untrainable', async () => {
    const r = await cbcLadder(cbc!, load('xor-perceptron.json'), join(dir, 'xor'), 60_000);
    expect(r.answer).toBe('untrainable');
    expect(r.stages).toBe('complete:untrainable');
  });
});
