/**
 * The loud path: if the exact solver called an instance untrainable while gradient descent
 * found weights that pass exact evaluation, one of them is wrong. Here `decide` is replaced
 * by a lying stub, and compare and sweep must flag every such instance (compare exits 1).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/decide.js', () => ({
  decide: async () => ({ status: 'untrainable', parameters: null, backend: 'liar', time_ms: 0, stats: {} }),
}));

const ROOT = join(import.meta.dirname, '..', '..');

afterEach(() => vi.restoreAllMocks());

describe('inconsistent answers are reported', () => {
  it('sweep marks records where GD fits an instance called untrainable, and planted instances called untrainable', async () => {
    const { runSweep } = await import('../../src/sweep/run.js');
    const s = await runSweep({ family: 'planted', preset: 'perceptron', inputs: 4, ratios: [1], perPoint: 3, seed: 1, restarts: 3, epochs: 100, emit: () => {} });
    expect(s.records).toHaveLength(3);
    expect(s.inconsistent).toHaveLength(3);
    for (const r of s.records) expect(r.consistent).toBe(false);
  });

  it('compare prints its output, then names the instance on stderr and exits 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const { compareCommand } = await import('../../src/cli/compare.js');
    const file = join(ROOT, 'instances', 'xor-3node.json');
    const code = await compareCommand({ files: [file], restarts: 3, epochs: 300, seed: 0, json: true, backend: 'hybrid' }); // the stub answers whatever the backend
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(JSON.parse(out.join('')).instances[0].gd.successes).toBeGreaterThan(0);
    expect(err.join('')).toMatch(/INCONSISTENT.*xor-3node\.json/);
  });
});
