/**
 * `trainsat compare`, `sweep` and `plot` through the CLI's main, in-process. The compare --json contract of docs/cli.md ("compare"),
 * exit codes, bad input (exit 2, nothing written), resumable sweeps, and an HTML report
 * with inline SVG figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('gd-cli').path;

const sortedKeys = (o: object) => Object.keys(o).sort();

describe('trainsat compare', () => {
  it('--json prints exactly the contract shape; untrainable instances get 0 GD successes', async () => {
    const files = ['instances/xor-3node.json', 'instances/xor-perceptron.json', 'instances/parity-3-blum-rivest-and.json'];
    const r = await runCli(['compare', ...files, '--json', '--restarts', '5', '--seed', '3']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]);
    expect(sortedKeys(o)).toEqual(['instances']);
    expect(o.instances.map((i: { file: string }) => i.file)).toEqual(files);
    for (const inst of o.instances) {
      // The exact best fit and GD's regret (on by default) add maxFit, regret and gd.bestFit.
      expect(sortedKeys(inst)).toEqual(['exact', 'file', 'gd', 'maxFit', 'regret']);
      expect(sortedKeys(inst.exact)).toEqual(['status', 'time_ms']);
      expect(sortedKeys(inst.gd)).toEqual(['bestAccuracy', 'bestFit', 'restarts', 'successes', 'time_ms']);
      expect(sortedKeys(inst.maxFit)).toEqual(['best', 'optimal', 'time_ms', 'upper']);
      expect(typeof inst.exact.time_ms).toBe('number');
      expect(typeof inst.gd.time_ms).toBe('number');
      expect(inst.gd.restarts).toBe(5);
    }
    expect(o.instances[0].exact.status).toBe('trainable');
    expect(o.instances[0].gd.successes).toBeGreaterThan(0);
    expect(o.instances[0].gd.bestAccuracy).toBe(1);
    for (const i of [1, 2]) {
      expect(o.instances[i].exact.status).toBe('untrainable');
      expect(o.instances[i].gd.successes).toBe(0);
      expect(o.instances[i].gd.bestAccuracy).toBeLessThan(1);
    }
  });

  it('same seed, same GD results', async () => {
    const strip = (out: string) => JSON.parse(out).instances.map((i: { gd: object }) => ({ ...i.gd, time_ms: 0 }));
    const a = await runCli(['compare', 'instances/majority-4-blum-rivest.json', '--json', '-r', '4', '-s', '9']);
    const b = await runCli(['compare', 'instances/majority-4-blum-rivest.json', '--json', '-r', '4', '-s', '9']);
    expect(strip(b.out)).toEqual(strip(a.out));
  });

  it('the table names every file; bad input exits 2 with nothing on stdout', async () => {
    const r = await runCli(['compare', 'instances/xor-3node.json', 'instances/xor-perceptron.json', '-r', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/xor-3node\.json\s+trainable/);
    expect(r.out).toMatch(/xor-perceptron\.json\s+untrainable\s+\S+ ms\s+0\/3/);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"network": {"preset": "perceptron", "inputs": 2}, "examples": [{"x": [0], "y": [1]}]}');
    const b = await runCli(['compare', 'instances/xor-3node.json', bad, '--json']);
    expect(b.code).toBe(2);
    expect(b.out).toBe('');
    expect(b.err).toMatch(/examples\[0\]\.x/);
    expect((await runCli(['compare', 'instances/xor-3node.json', '--restarts', '0'])).code).toBe(2);
  });
});

describe('trainsat sweep and plot', () => {
  const out = join(tmp, 'results.jsonl');
  const args = ['sweep', '-n', '4', '--ratios', '1,2,3', '-k', '2', '-r', '2', '-e', '40', '--out', out];

  it('writes one line per instance, resumes, and shards', async () => {
    const a = await runCli(args);
    expect(a.code, a.err).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    const rec = JSON.parse(lines[0]);
    expect(rec).toMatchObject({ id: 'random:blum-rivest-and:n4:r1:k0:s1', family: 'random', n: 4, ratio: 1, m: 4, consistent: true });
    expect(rec.exact.backend).toBe('hybrid');
    expect(a.err).toMatch(/6 instance\(s\) run, 0 already done/);
    expect(a.err).toMatch(/exact .*\(\d+%\), GD .*\(\d+%\)/);
    const b = await runCli(args);
    expect(b.code).toBe(0);
    expect(b.err).toMatch(/0 instance\(s\) run, 6 already done/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(6);
    const s = await runCli(['sweep', '-n', '4', '--ratios', '1,2,3', '-k', '2', '-r', '2', '-e', '40', '--shard', '2/4']);
    expect(s.code).toBe(0);
    expect(s.out.trim().split('\n').map((l) => JSON.parse(l).index)).toEqual([1, 5]);
  });

  it('bad sweep arguments exit 2', async () => {
    expect((await runCli(['sweep', '--shard', '5/4'])).code).toBe(2);
    expect((await runCli(['sweep', '-n', '2', '--ratios', '3'])).err).toMatch(/distinct points/);
    expect((await runCli(['sweep', '--ratios', '1,x'])).code).toBe(2);
    expect((await runCli(['sweep', '--family', 'set-splitting', '--preset', 'perceptron'])).code).toBe(2);
  });

  it('plot writes an HTML page with inline SVG figures, an SVG, and one SVG per figure', async () => {
    if (!existsSync(out)) await runCli(args);
    const html = join(tmp, 'report.html');
    const r = await runCli(['plot', out, '-o', html]);
    expect(r.code, r.err).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect((page.match(/<svg[\s>]/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(page).not.toMatch(/<script/i);
    const svg = join(tmp, 'all.svg');
    expect((await runCli(['plot', out, '-o', svg])).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const dir = join(tmp, 'figs');
    expect((await runCli(['plot', out, '--svg', dir])).code).toBe(0);
    expect(readFileSync(join(dir, 'sweep-trainable.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(dir, 'sweep-time.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('plot: bad input exits 2 and writes nothing', async () => {
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, '{"id": "a"}\n');
    const html = join(tmp, 'never.html');
    const r = await runCli(['plot', bad, '-o', html]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.jsonl:1/);
    expect(existsSync(html)).toBe(false);
    expect((await runCli(['plot', out])).code).toBe(2);
  });
});
