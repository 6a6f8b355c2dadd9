/**
 * `trainsat explain` and `trainsat solve --core` (src/cli/explain.ts, src/cli/solve.ts):
 * the --json keys, exit codes, bad input (exit 2, nothing written), and --certify with
 * --core-out accepted by `trainsat check` while a tampered certificate is rejected.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { subInstance } from '../../src/explain/core.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { parseParametersValue } from '../../src/model/params.js';
import { parseInstance } from '../../src/model/parse.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import { ROOT, runCli, snapshot, tempDir } from '../helpers/cli.js';

const { fresh } = tempDir('explain');
const TRIANGLE = join(ROOT, 'instances', 'blum-rivest-triangle.json');
const XOR3 = join(ROOT, 'instances', 'xor-3node.json');
const LOOKUP = join(ROOT, 'instances', 'lookup-and-product.json');

describe('trainsat explain', () => {
  it('--json: status, core, minimal and checked witnesses; exit 20', async () => {
    const r = await runCli(['explain', LOOKUP, '--json']);
    expect(r.code).toBe(20);
    const j = JSON.parse(r.out);
    expect(j.status).toBe('untrainable');
    expect(j.minimal).toBe(true);
    expect(j.core.length).toBeGreaterThan(0);
    expect(j.untrainable.backend).toBe('cadical');
    expect(j.fits.map((f: { example: number }) => f.example)).toEqual(j.core);
    const inst = parseInstance(readFileSync(LOOKUP, 'utf8'));
    expect(j.examples).toBe(inst.examples.length);
    for (const f of j.fits) {
      const rest = subInstance(inst, j.core.filter((e: number) => e !== f.example));
      expect(checkParameters(rest, parseParametersValue(f.parameters, inst)).ok).toBe(true);
    }
  });

  it('human output lists the core examples; trainable exits 10 with no core', async () => {
    const r = await runCli(['explain', TRIANGLE]);
    expect(r.code).toBe(20);
    expect(r.out).toMatch(/^untrainable\ncore: \d+ of \d+ examples cannot be fitted together; minimal/);
    expect(r.out).toMatch(/ {2}example 0: x = \[/);
    const t = await runCli(['explain', XOR3, '--json']);
    expect(t.code).toBe(10);
    expect(JSON.parse(t.out)).toMatchObject({ status: 'trainable', core: null, minimal: false });
  });

  it('a budget too small gives unknown, exit 0', async () => {
    const r = await runCli(['explain', TRIANGLE, '--json', '--timeout', '0']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'unknown', core: null, minimal: false });
  });

  it('--certify with --core-out: check accepts the certificate for the core, rejects a tampered one', async () => {
    const d = fresh();
    mkdirSync(d);
    const core = join(d, 'core.json');
    const cert = join(d, 'core.cert.json');
    const r = await runCli(['explain', TRIANGLE, '--core-out', core, '--certify', cert, '--json']);
    expect(r.code).toBe(20);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ certificate: cert, core_out: core });
    const inst = parseInstance(readFileSync(TRIANGLE, 'utf8'));
    expect(parseInstance(readFileSync(core, 'utf8')).examples).toEqual(j.core.map((e: number) => inst.examples[e]));
    expect((await runCli(['check', core, cert])).code).toBe(0);
    // The certificate is for the core, not for the whole instance (another instance: exit 2).
    expect((await runCli(['check', TRIANGLE, cert])).code).toBe(2);
    // A multiplier changed: rejected.
    const text = readFileSync(cert, 'utf8');
    const tampered = text.replace(/"multipliers":\["([^"]+)"/, (_m, q) => `"multipliers":["${q === '1' ? '2' : '1'}"`);
    expect(tampered).not.toBe(text);
    writeFileSync(cert, tampered);
    expect((await runCli(['check', core, cert])).code).toBe(1);
    // Existing files are not replaced without --force.
    const again = await runCli(['explain', TRIANGLE, '--core-out', core, '--certify', cert]);
    expect(again.code).toBe(2);
    expect(readFileSync(cert, 'utf8')).toBe(tampered);
    expect((await runCli(['explain', TRIANGLE, '--core-out', core, '--certify', cert, '--force'])).code).toBe(20);
    expect((await runCli(['check', core, cert])).code).toBe(0);
  });

  it('bad input: exit 2 and no file written', async () => {
    const d = fresh();
    mkdirSync(d);
    const bad = join(d, 'bad.json');
    writeFileSync(bad, JSON.stringify({ network: { preset: 'perceptron', inputs: 2 }, examples: [{ x: [0], y: [1] }] }));
    const minCorrect = join(d, 'min.json');
    writeFileSync(minCorrect, JSON.stringify({ ...instanceToJSON(parseInstance(readFileSync(TRIANGLE, 'utf8'))), minCorrect: 3 }));
    const before = snapshot(d);
    const outs = ['--core-out', join(d, 'core.json'), '--certify', join(d, 'c.json')];
    for (const args of [
      ['explain', bad, ...outs],
      ['explain', minCorrect, ...outs],
      ['explain', TRIANGLE, '--certify', join(d, 'c.json')],
      ['explain', TRIANGLE, '--backend', 'highs', ...outs],
      ['explain', TRIANGLE, '--timeout', 'soon', ...outs],
      ['explain', TRIANGLE, '--core-out', bad],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^trainsat: /);
      expect(snapshot(d)).toEqual(before);
    }
    expect((await runCli(['explain', bad])).err).toMatch(/examples\[0\]\.x/);
  });
});

describe('trainsat solve --core', () => {
  it('adds core, minimal and core_evidence to --json; solve keys and exit code unchanged', async () => {
    const plain = JSON.parse((await runCli(['solve', TRIANGLE, '--json'])).out);
    const r = await runCli(['solve', TRIANGLE, '--json', '--core']);
    expect(r.code).toBe(20);
    const j = JSON.parse(r.out);
    for (const k of Object.keys(plain)) expect(j).toHaveProperty(k);
    expect(j.status).toBe('untrainable');
    expect(j.minimal).toBe(true);
    expect(j.core_evidence.fits.length).toBe(j.core.length);
    expect(j.core_evidence.untrainable.backend).toBe('hybrid');
    const human = await runCli(['solve', TRIANGLE, '--core']);
    expect(human.code).toBe(20);
    expect(human.out).toMatch(/^untrainable\nc hybrid: .*\ncore: \d+ of 7 examples/);
    // trainable: no core keys
    const t = await runCli(['solve', XOR3, '--json', '--core']);
    expect(t.code).toBe(10);
    expect(JSON.parse(t.out)).not.toHaveProperty('core');
  });
});

describe('trainsat compare --core', () => {
  it('reports the core size on untrainable instances only', async () => {
    const r = await runCli(['compare', XOR3, join(ROOT, 'instances', 'integer-weights-untrainable.json'), '--core', '-r', '2', '--json']);
    expect(r.code).toBe(0);
    const [t, u] = JSON.parse(r.out).instances;
    expect(t.exact).not.toHaveProperty('core');
    expect(u.exact.core).toEqual({ size: 3, minimal: true });
    const plain = JSON.parse((await runCli(['compare', join(ROOT, 'instances', 'integer-weights-untrainable.json'), '-r', '2', '--json'])).out);
    expect(plain.instances[0].exact).not.toHaveProperty('core');
  });
});

describe('trainsat reduce --html on a NO instance', () => {
  it('shows the core in the source problem\'s words: the sets that cannot be split', async () => {
    const d = fresh();
    mkdirSync(d);
    // A triangle {0,1}, {1,2}, {0,2} cannot be 2-coloured; {3,4} and {2,3} can.
    const src = join(d, 'ss.json');
    writeFileSync(src, JSON.stringify({ elements: 5, sets: [[0, 1], [1, 2], [0, 2], [3, 4], [2, 3]] }));
    const page = join(d, 'ss.html');
    const r = await runCli(['reduce', 'set-splitting', src, '--target', 'blum-rivest-and', '--html', page]);
    expect(r.code).toBe(20);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('Why: a core of examples');
    const core = html.slice(html.indexOf('Why: a core of examples'));
    for (const set of ['c0 = {s0, s1}', 'c1 = {s1, s2}', 'c2 = {s0, s2}']) expect(core).toContain(set);
    expect(core).not.toContain('c3 = {s3, s4}');
    expect(core).not.toContain('c4 = {s2, s3}');
  });
});
