/**
 * `trainsat encode --to smt2 --get-model` and `trainsat decode-model`: a solver's answer
 * read back as checked parameters, with the exit code of the answer (10 / 20 / 0), 1 for a
 * model that does not fit and 2 for what is no answer, the output file existing iff it
 * holds this answer's parameters; and, when z3 is on PATH, the whole chain
 * encode | z3 -> decode-model -> verify.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, ROOT, runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { HAVE_Z3 } from '../helpers/native-tools.js';


const XOR = join(ROOT, 'instances', 'xor-3node.json');
const tmp = tempDir('decode-model');

const FITS = 'sat\n((define-fun u0_w0 () Real (- 1.0)) (define-fun u0_w1 () Real (- 1.0)) (define-fun u0_t () Real (- 1.0))\n (define-fun u1_w0 () Real 1.0) (define-fun u1_w1 () Real 1.0) (define-fun u1_t () Real 1.0))\n';

describe('decode-model', () => {
  it('sat: writes the parameters, checked, and exits 10; verify accepts them', async () => {
    const answer = tmp.file('fits.txt', FITS);
    const out = join(tmp.path, 'p.json');
    const r = await runCli(['decode-model', XOR, answer, '-o', out]);
    expect(r.code, r.err).toBe(10);
    expect(r.err).toMatch(/^trainable: the solver's model fits, 4\/4 examples correct \(checked exactly\); wrote /);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ h1: { weights: [-1, -1], threshold: -1 }, h2: { weights: [1, 1], threshold: 1 } });
    expect((await runCli(['verify', XOR, out])).code).toBe(0);
  });

  it('reads the answer from stdin as -, and the instance too (a lone - as a positional)', () => {
    const r = spawnCli(['decode-model', XOR, '-'], { input: FITS });
    expect(r.code, r.err).toBe(10);
    expect(JSON.parse(r.out).h1).toEqual({ weights: [-1, -1], threshold: -1 });
    const v = spawnCli(['verify', '-', tmp.file('p-stdin.json', r.out)], { input: readFileSync(XOR, 'utf8') });
    expect([v.code, v.out]).toEqual([0, 'valid: 4/4 examples correct (4 required)\n']);
  });

  it('prints the parameters on stdout without -o', async () => {
    const r = await runCli(['decode-model', XOR, tmp.file('fits2.txt', FITS)]);
    expect(r.code).toBe(10);
    expect(JSON.parse(r.out).h2).toEqual({ weights: [1, 1], threshold: 1 });
  });

  it('a model that does not fit: exit 1, nothing written, an earlier file removed', async () => {
    const out = tmp.file('stale.json', '{}');
    const r = await runCli(['decode-model', XOR, tmp.file('wrong.txt', FITS.replace('(define-fun u1_t () Real 1.0)', '(define-fun u1_t () Real 5.0)')), '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the solver's model does not fit: 2\/4 examples correct/);
    expect(existsSync(out)).toBe(false);
  });

  it('unsat exits 20 and unknown 0, removing an earlier output', async () => {
    const out = tmp.file('old.json', '{}');
    const unsat = await runCli(['decode-model', XOR, tmp.file('unsat.txt', 'unsat\n(error "line 9 column 10: model is not available")\n'), '-o', out]);
    expect(unsat.code).toBe(20);
    expect(unsat.err).toMatch(/untrainable: the solver answered unsat \(not checked by trainsat\)/);
    expect(existsSync(out)).toBe(false);
    expect((await runCli(['decode-model', XOR, tmp.file('unknown.txt', 'unknown\n')])).code).toBe(0);
  });

  it('bad input exits 2 naming the file: no model, --get-model on another format, both from stdin', async () => {
    const answer = tmp.file('nomodel.txt', 'sat\n');
    const r = await runCli(['decode-model', XOR, answer, '-o', join(tmp.path, 'never.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`trainsat: ${answer}: sat, but no model follows: write the script with encode --to smt2 --get-model\n`);
    expect(existsSync(join(tmp.path, 'never.json'))).toBe(false);
    const lp = await runCli(['encode', XOR, '--to', 'lp', '--get-model']);
    expect([lp.code, lp.err]).toEqual([2, 'trainsat: encode: --get-model applies to --to smt2 only, not --to lp\n']);
    expect((await runCli(['decode-model', '-', '-'])).code).toBe(2);
  });

  it.skipIf(!HAVE_Z3)(`encode --get-model | z3 -in | decode-model, then verify${HAVE_Z3 ? '' : ' (z3 is not on PATH: skipped)'}`, () => {
    const dir = tmp.fresh();
    mkdirSync(dir);
    const cli = `"${process.execPath}" "${MAIN}"`;
    const run = (instance: string) =>
      spawnSync('sh', ['-c', `${cli} encode ${instance} --to smt2 --get-model | z3 -in | ${cli} decode-model ${instance} - -o p.json; echo "decode $?"; ${cli} verify ${instance} p.json; echo "verify $?"`], {
        cwd: dir,
        encoding: 'utf8',
      });
    const sat = run(XOR);
    expect(sat.stdout, sat.stderr).toMatch(/decode 10\nvalid: 4\/4 examples correct \(4 required\)\nverify 0\n$/);
    writeFileSync(join(dir, 'p.json'), '{}');
    const unsat = run(join(ROOT, 'instances', 'parity-3-perceptron.json'));
    expect(unsat.stdout).toMatch(/^decode 20\n/);
    expect(existsSync(join(dir, 'p.json'))).toBe(false);
  });
});
