/**
 * GD's regret beside the exact best fit (src/compare/exact-beside-gd.ts, `compare`,
 * `sweep`, `plot`): the best fit is the brute-force maximum, GD's best fit is what exact
 * evaluation of its best restart gives and never exceeds the proved bound, the regret is
 * their difference; `--no-max-fit` leaves the old --json shape; sweep records carry the new
 * keys and depth, and plot draws figure 4 from them (and still reads records without them).
 */
import { describe, expect, it } from 'vitest';
import { exactBesideGD } from '../../src/compare/exact-beside-gd.js';
import { parseInstance } from '../../src/model/parse.js';
import { bruteForce } from '../../src/model/bruteforce.js';
import { regretSpec } from '../../src/sweep/plot.js';
import { networkDepth, runItem } from '../../src/sweep/run.js';
import { sweepItems } from '../../src/sweep/families.js';
import { expandPreset } from '../../src/model/presets.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';

const read = (name: string) => parseInstance(readFileSync(join(ROOT, 'instances', name), 'utf8'));

function bruteMax(name: string): number {
  const inst = read(name);
  for (let k = inst.examples.length; k > 0; k--) if (bruteForce({ ...inst, minCorrect: k }).status === 'trainable') return k;
  return 0;
}

describe("GD's regret", () => {
  it('exactBesideGD: best fit = brute-force maximum, regret = best - GD best fit', async () => {
    for (const name of ['xor-perceptron.json', 'parity-3-perceptron.json', 'xor-3node.json']) {
      const r = await exactBesideGD(read(name), { backend: 'auto', gd: { restarts: 3, epochs: 50, seed: 1 }, maxFit: true });
      expect(r.bestFit?.optimal).toBe(true);
      expect(r.bestFit?.best).toBe(bruteMax(name));
      const gdBest = r.gdFit!.train.correct;
      expect(gdBest).toBeLessThanOrEqual(r.bestFit!.upper);
      expect(r.regret).toBe(r.bestFit!.best - gdBest);
      expect(r.consistent).toBe(true);
    }
  });

  it('compare --no-max-fit keeps the old shape; the table has the regret columns', async () => {
    const off = await runCli(['compare', 'instances/xor-perceptron.json', '--json', '--restarts', '2', '--no-max-fit']);
    expect(Object.keys(JSON.parse(off.out).instances[0]).sort()).toEqual(['exact', 'file', 'gd']);
    const on = await runCli(['compare', 'instances/parity-3-perceptron.json', '--restarts', '2']);
    expect(on.code).toBe(0);
    expect(on.out).toMatch(/best fit +GD best fit +GD regret/);
  });

  it('sweep records carry maxFit, gd.bestFit, regret and depth; plot draws figure 4 from them only', async () => {
    const spec = { family: 'random' as const, preset: 'blum-rivest-and' as const, inputs: 4, ratios: [3], perPoint: 2, seed: 4 };
    const recs = [];
    for (const item of sweepItems(spec)) recs.push(await runItem(item, { ...spec, restarts: 2, epochs: 30, maxFit: true }));
    for (const r of recs) {
      expect(r.depth).toBe(2);
      expect(r.maxFit?.optimal).toBe(true);
      expect(r.regret).toBe(r.maxFit!.best - r.gd.bestFit!);
    }
    expect(regretSpec(recs)).not.toBeNull();
    const old = recs.map(({ maxFit: _m, regret: _r, ...rest }) => rest);
    expect(regretSpec(old)).toBeNull();
    expect(networkDepth(expandPreset('perceptron', 3))).toBe(1);
  }, 30_000);
});
