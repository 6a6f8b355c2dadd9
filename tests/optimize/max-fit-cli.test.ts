/**
 * `trainsat solve FILE --max-fit` (src/cli/max-fit.ts): the --json keys scripts depend on,
 * the exit codes (10 all fit, 20 fewer proved, 0 not proved, 2 bad input), -o, and the
 * certificate of the upper bound that `trainsat check` accepts against the --bound-out
 * instance (hybrid and DRUP kinds); outputs of an earlier run that this run does not
 * produce are removed.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT, tempDir } from '../helpers/cli.js';

const inst = (name: string) => join(ROOT, 'instances', name);

describe('solve --max-fit', () => {
  it('--json: the keys scripts read; untrainable instance: exit 20, optimal, missed', async () => {
    const r = await runCli(['solve', inst('xor-perceptron.json'), '--max-fit', '--json']);
    expect(r.code).toBe(20);
    const j = JSON.parse(r.out);
    for (const k of ['status', 'best', 'optimal', 'upper', 'missed', 'parameters', 'bounds']) expect(j).toHaveProperty(k);
    expect(j).toMatchObject({ status: 'untrainable', best: 3, optimal: true, upper: 3, total: 4 });
    expect(j.missed).toHaveLength(1);
    expect(j.bounds[j.bounds.length - 1]).toMatchObject({ lower: 3, upper: 3 });
    expect(typeof j.bounds[0].time_ms).toBe('number');
  });

  it('trainable instance: exit 10, nothing missed; human output names best fit and missed', async () => {
    const r = await runCli(['solve', inst('xor-3node.json'), '--max-fit']);
    expect(r.code).toBe(10);
    expect(r.out).toMatch(/^trainable\nbest fit: 4 of 4 examples \(optimal\)\nmissed: none/);
    const u = await runCli(['solve', inst('parity-3-perceptron.json'), '--max-fit']);
    expect(u.code).toBe(20);
    expect(u.out).toMatch(/best fit: \d of 8 examples \(optimal: no parameters fit \d\)/);
  });

  it('a zero budget gives bounds, never optimal: exit 0', async () => {
    const r = await runCli(['solve', inst('parity-4-blum-rivest.json'), '--max-fit', '--json', '--timeout', '0']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.optimal).toBe(false);
    expect(j.status).toBe('unknown');
    expect(j.unknown.kind).toBe('budget');
  });

  it('bad input: exit 2 (unknown strategy, --bound-out without --max-fit, --certify with highs)', async () => {
    expect((await runCli(['solve', inst('xor-3node.json'), '--max-fit', '--strategy', 'random'])).code).toBe(2);
    expect((await runCli(['solve', inst('xor-3node.json'), '--bound-out', 'x.json'])).code).toBe(2);
    expect((await runCli(['solve', inst('xor-3node.json'), '--max-fit', '--certify', '--backend', 'highs'])).code).toBe(2);
  });

  for (const backend of ['auto', 'cadical']) {
    it(`--certify (${backend}) writes a certificate that check accepts against the --bound-out instance`, async () => {
      const d = tempDir('maxfit');
      const cert = join(d.path, 'c.json');
      const bound = join(d.path, 'bound.json');
      const params = join(d.path, 'p.json');
      const r = await runCli(['solve', inst('parity-3-perceptron.json'), '--max-fit', '--backend', backend, '--certify', '--cert', cert, '--bound-out', bound, '-o', params, '--json']);
      expect(r.code).toBe(20);
      const j = JSON.parse(r.out);
      expect(JSON.parse(readFileSync(bound, 'utf8')).minCorrect).toBe(j.upper + 1);
      const c = await runCli(['check', bound, cert]);
      expect(c.out).toBe('certificate verified: untrainable\n');
      expect(c.code).toBe(0);
      // The certificate is for the bound instance, not the original one.
      expect((await runCli(['check', inst('parity-3-perceptron.json'), cert])).code).not.toBe(0);
      // The parameters fit `best` examples.
      const p = await runCli(['predict', inst('parity-3-perceptron.json'), params, '--json']);
      expect(p.code).toBe(0);
      // A trainable instance proves no bound: the earlier files are removed.
      const t = await runCli(['solve', inst('xor-3node.json'), '--max-fit', '--certify', '--cert', cert, '--bound-out', bound]);
      expect(t.code).toBe(10);
      expect(existsSync(cert)).toBe(false);
      expect(existsSync(bound)).toBe(false);
      rmSync(d.path, { recursive: true, force: true });
    });
  }
});
