/**
 * The deep sweep family (src/sweep/deep.ts): shapes, equal parameter counts, planted labels
 * fitted by the planting network (exact evaluation), record keys; equal-budget GD
 * (src/compare/exact-beside-gd.ts) restarts until its budget and stops; the atlas figures
 * (src/sweep/plot-depth.ts) through `trainsat plot`; the CLI's deep options and --gd-budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exactBesideGD } from '../../src/compare/exact-beside-gd.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { deepShapes, layeredParamCount, MIN_WIDTH, widthsForParams } from '../../src/sweep/deep.js';
import { generateInstance, specProblems, sweepItems, type SweepSpec } from '../../src/sweep/families.js';
import { DEPTH_AXES } from '../../src/sweep/plot-depth.js';
import { runSweep, type SweepRecord } from '../../src/sweep/run.js';
import { runCli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('deep-sweep').path;
const DEEP: SweepSpec = { family: 'deep', preset: 'layered', inputs: 5, ratios: [2], perPoint: 1, seed: 4, depths: [1, 2, 3], widths: [2, 3], labels: ['random', 'planted'] };

describe('deep family', () => {
  it('grid shapes: every depth times every width, layered threshold units with one threshold output', () => {
    const items = sweepItems(DEEP);
    expect(items).toHaveLength(3 * 2 * 2);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) {
      const { instance } = generateInstance(item);
      const hidden = item.hidden!;
      expect(hidden.every((w) => w === hidden[0])).toBe(true);
      expect(instance.network.units).toHaveLength(hidden.reduce((a, w) => a + w, 0) + 1);
      expect(instance.network.units.every((u) => u.kind === 'threshold' && u.integerWeights === undefined)).toBe(true);
      expect(instance.network.outputs).toEqual(['out']);
      expect(instance.examples).toHaveLength(10);
      expect(new Set(instance.examples.map((e) => e.x.join())).size).toBe(10);
      expect(item.params).toBe(layeredParamCount(5, hidden));
    }
    // parameter count by hand: 5 -> 3 -> 3 -> 1 has 3*6 + 3*4 + 4 weights and thresholds
    expect(layeredParamCount(5, [3, 3])).toBe(34);
  });

  it('equal parameter count: the same count at every depth when one exists, no width-1 bottleneck', () => {
    const shapes = deepShapes({ inputs: 6, depths: [1, 2, 3, 4], widths: [], params: 57 });
    expect(shapes).toHaveLength(4);
    expect(shapes.map((s) => s.hidden.length)).toEqual([1, 2, 3, 4]);
    for (const s of shapes) {
      expect(s.params).toBe(57);
      expect(s.sets).toEqual(['params']);
      expect(Math.min(...s.hidden)).toBeGreaterThanOrEqual(MIN_WIDTH);
    }
    // no exact match: the nearest count
    const near = widthsForParams(5, 1, 20);
    expect(Math.abs(layeredParamCount(5, near) - 20)).toBeLessThanOrEqual(3);
    // a shape in the grid and the equal-parameter set is listed once, in both sets
    const both = deepShapes({ inputs: 6, depths: [1], widths: [7], params: 57 });
    expect(both).toEqual([{ hidden: [7], params: 57, sets: ['grid', 'params'] }]);
  });

  it('planted labels are fitted by the planting network (exact evaluation); random labels are not planted', () => {
    for (const item of sweepItems({ ...DEEP, ratios: [2, 4], labels: ['planted'] })) {
      const g = generateInstance(item);
      expect(g.planted).toBeDefined();
      expect(checkParameters(g.instance, g.planted!).ok).toBe(true);
    }
    const [r] = sweepItems({ ...DEEP, labels: ['random'] });
    expect(generateInstance(r).planted).toBeUndefined();
  });

  it('specProblems names bad deep options', () => {
    expect(specProblems(DEEP)).toEqual([]);
    expect(specProblems({ ...DEEP, depths: [0] }).join()).toMatch(/depths/);
    expect(specProblems({ ...DEEP, labels: ['noise' as 'random'] }).join()).toMatch(/labels/);
    expect(specProblems({ ...DEEP, params: -3 }).join()).toMatch(/--params/);
  });

  it('records carry depth, shape, labels, parameters and the hybrid counts; planted ones are consistent', async () => {
    const s = await runSweep({ ...DEEP, depths: [1, 2], widths: [2], restarts: 2, epochs: 30, backend: 'hybrid', maxFit: true, emit: () => {} });
    expect(s.records).toHaveLength(4);
    for (const r of s.records) {
      expect(r.consistent).toBe(true);
      expect(r.hidden!.length + 1).toBe(r.depth);
      expect(['random', 'planted']).toContain(r.labels);
      expect(r.sets).toEqual(['grid']);
      expect(r.params).toBe(layeredParamCount(5, r.hidden!));
      for (const k of ['conflicts', 'lemmas', 'sat_conflicts', 'decisions', 'theory_checks'] as const) expect(typeof r.exact[k]).toBe('number');
      expect('maxFit' in r && 'regret' in r && 'bestFit' in r.gd).toBe(true);
      if (r.labels === 'planted') expect(r.exact.status).toBe('trainable');
    }
  });
});

describe('equal-budget GD', () => {
  it('restarts until the budget is used, then stops; the budget is the exact time with "exact"', async () => {
    const [item] = sweepItems({ ...DEEP, depths: [2], widths: [2], labels: ['random'], ratios: [4] });
    const { instance } = generateInstance(item);
    const r = await exactBesideGD(instance, { backend: 'hybrid', gd: { epochs: 20, seed: 1 }, gdBudget: 60 });
    expect(r.gdBudget_ms).toBe(60);
    expect(r.gd.restarts).toBeGreaterThan(0);
    expect(r.gd.epochs).toBeGreaterThanOrEqual(r.gd.restarts);
    expect(r.gd.restarts).toBeLessThan(Number.MAX_SAFE_INTEGER);
    const e = await exactBesideGD(instance, { backend: 'hybrid', gd: { epochs: 20, seed: 1 }, gdBudget: 'exact' });
    expect(e.gdBudget_ms).toBe(e.exact.time_ms);
    expect(e.gd.restarts).toBeGreaterThan(0);
  });
});

describe('CLI: sweep --family deep, --gd-budget, plot of the atlas', () => {
  it('sweep writes deep records with the budget keys; plot draws the atlas figures', async () => {
    const out = join(tmp, 'deep.jsonl');
    const r = await runCli(['sweep', '--family', 'deep', '-n', '4', '--ratios', '2', '--depths', '1,2', '--widths', '2', '--params', '16', '--labels', 'random,planted', '-k', '1', '-r', '2', '-e', '20', '--gd-budget', '0.02', '-t', '5', '--out', out]);
    expect(r.code).toBe(0);
    const recs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SweepRecord);
    expect(recs.length).toBeGreaterThanOrEqual(4);
    for (const rec of recs) {
      expect(rec.gd.budget_ms).toBe(20);
      expect(rec.gd.epochsRun).toBeGreaterThanOrEqual(rec.gd.restarts);
    }
    expect(recs.some((rec) => rec.sets?.includes('params'))).toBe(true);
    const html = join(tmp, 'deep.html');
    expect((await runCli(['plot', out, '-o', html, '--svg', join(tmp, 'svg')])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('The depth atlas');
    for (const title of [DEPTH_AXES.depth, DEPTH_AXES.time, DEPTH_AXES.gd, DEPTH_AXES.trainable]) expect(page).toContain(title);
    expect(readFileSync(join(tmp, 'svg', 'depth-time.svg'), 'utf8')).toContain(DEPTH_AXES.time);
    expect(readFileSync(join(tmp, 'svg', 'depth-disagreement.svg'), 'utf8')).toContain(DEPTH_AXES.missed);
  });

  it('compare --gd-budget adds budget_ms and epochs; bad values exit 2', async () => {
    const r = await runCli(['compare', 'instances/xor-3node.json', '--json', '--gd-budget', '0.05', '-e', '30', '--no-max-fit']);
    expect(r.code).toBe(0);
    const gd = JSON.parse(r.out).instances[0].gd;
    expect(gd.budget_ms).toBe(50);
    expect(gd.restarts).toBeGreaterThan(0);
    expect(gd.epochs).toBeGreaterThan(0);
    expect((await runCli(['compare', 'instances/xor-3node.json', '--gd-budget', 'soon'])).code).toBe(2);
    expect((await runCli(['sweep', '--family', 'deep', '--depths', 'x'])).code).toBe(2);
  });
});
