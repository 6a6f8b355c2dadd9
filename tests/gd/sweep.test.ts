/**
 * Sweeps (src/sweep): deterministic instance families, shards that partition the sweep,
 * resuming that skips finished instances (and repairs a half-written last line), and the
 * consistency of every record (planted instances are trainable; GD never fits an
 * untrainable one).
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkParameters } from '../../src/model/evaluate.js';
import { instanceToJSON } from '../../src/model/serialize.js';
import { generateInstance, parseShard, shardItems, specProblems, sweepItems, type SweepSpec } from '../../src/sweep/families.js';
import { readDoneIds, runSweep, type SweepRecord } from '../../src/sweep/run.js';

const tmp = mkdtempSync(join(tmpdir(), 'trainsat-sweep-'));
const ids = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as SweepRecord).id);

const SMALL: SweepSpec = { family: 'random', preset: 'blum-rivest-and', inputs: 4, ratios: [1, 2], perPoint: 2, seed: 3 };
const FAST = { restarts: 2, epochs: 40 };

describe('families', () => {
  it('items are deterministic, ids unique, indices in order', () => {
    const a = sweepItems({ ...SMALL, ratios: [1, 2, 3], perPoint: 4 });
    expect(a).toEqual(sweepItems({ ...SMALL, ratios: [1, 2, 3], perPoint: 4 }));
    expect(new Set(a.map((i) => i.id)).size).toBe(a.length);
    expect(a.map((i) => i.index)).toEqual(a.map((_, k) => k));
    expect(a[5].id).toBe('random:blum-rivest-and:n4:r2:k1:s3');
  });

  it('shards partition the sweep: disjoint, and together every item exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), (count, ratios, perPoint) => {
        const all = sweepItems({ ...SMALL, ratios: Array.from({ length: ratios }, (_, i) => i + 1), perPoint });
        const parts = Array.from({ length: count }, (_, i) => shardItems(all, { index: i + 1, count }));
        const union = parts.flat().map((i) => i.id).sort();
        expect(union).toEqual(all.map((i) => i.id).sort());
        expect(new Set(union).size).toBe(union.length);
      }),
    );
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('an instance is a function of its id', () => {
    for (const family of ['random', 'planted', 'set-splitting'] as const) {
      const [item] = sweepItems({ ...SMALL, family, inputs: 5 });
      expect(instanceToJSON(generateInstance(item).instance)).toEqual(instanceToJSON(generateInstance(item).instance));
    }
  });

  it('random: m = round(ratio n) distinct points; planted: the witness fits; set-splitting: n + 1 + sets examples', () => {
    const [r] = sweepItems({ ...SMALL, inputs: 6, ratios: [2.5] });
    const inst = generateInstance(r).instance;
    expect(inst.examples).toHaveLength(15);
    expect(new Set(inst.examples.map((e) => e.x.join(','))).size).toBe(15);
    for (const item of sweepItems({ ...SMALL, family: 'planted', inputs: 6, ratios: [1, 3], perPoint: 3 })) {
      const g = generateInstance(item);
      expect(checkParameters(g.instance, g.planted!).ok).toBe(true);
    }
    const [s] = sweepItems({ ...SMALL, family: 'set-splitting', inputs: 6, ratios: [2], setSize: 3 });
    const ss = generateInstance(s).instance;
    expect(ss.network.inputs).toBe(6);
    expect(ss.examples).toHaveLength(6 + 1 + 12);
  });

  it('specProblems names bad specs', () => {
    expect(specProblems(SMALL)).toEqual([]);
    expect(specProblems({ ...SMALL, inputs: 2, ratios: [3] }).join()).toMatch(/distinct points/);
    expect(specProblems({ ...SMALL, family: 'set-splitting', preset: 'perceptron' }).join()).toMatch(/not perceptron/);
    expect(specProblems({ ...SMALL, perPoint: 0 }).join()).toMatch(/per-point/);
  });
});

describe('runSweep', () => {
  it('records are consistent and GD never fits an untrainable instance', async () => {
    for (const family of ['random', 'planted', 'set-splitting'] as const) {
      const s = await runSweep({ ...SMALL, family, inputs: 5, ratios: [1, 3], ...FAST, emit: () => {} });
      expect(s.inconsistent).toEqual([]);
      for (const r of s.records) {
        if (r.exact.status === 'untrainable') expect(r.gd.successes).toBe(0);
        if (family === 'planted') expect(r.exact.status).toBe('trainable');
        expect(r.gd.bestAccuracy).toBeGreaterThanOrEqual(0);
        expect(r.gd.bestAccuracy).toBeLessThanOrEqual(1);
      }
    }
  });

  it('shard files concatenate to the full sweep; resuming skips what is done', async () => {
    const full = join(tmp, 'full.jsonl');
    const s = await runSweep({ ...SMALL, ...FAST, out: full });
    expect(s.run).toBe(4);
    const parts = [1, 2, 3].map((i) => join(tmp, `part${i}.jsonl`));
    for (const [i, p] of parts.entries()) await runSweep({ ...SMALL, ...FAST, out: p, shard: { index: i + 1, count: 3 } });
    const shardIds = parts.flatMap(ids);
    expect([...shardIds].sort()).toEqual([...ids(full)].sort());
    // identical records (up to timings) whichever way the sweep was split
    const strip = (l: string) => {
      const o = JSON.parse(l) as SweepRecord;
      return { ...o, exact: { ...o.exact, time_ms: 0 }, gd: { ...o.gd, time_ms: 0, firstSuccess_ms: null } };
    };
    const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map(strip);
    const byId = (xs: ReturnType<typeof strip>[]) => xs.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(parts.flatMap(lines))).toEqual(byId(lines(full)));

    const again = await runSweep({ ...SMALL, ...FAST, out: full });
    expect(again.run).toBe(0);
    expect(again.skipped).toBe(4);
    expect(ids(full)).toHaveLength(4);
  });

  it('a half-written last line is cut off and that instance is run again', async () => {
    const f = join(tmp, 'partial.jsonl');
    await runSweep({ ...SMALL, ...FAST, out: f });
    const text = readFileSync(f, 'utf8').trim().split('\n');
    writeFileSync(f, text.slice(0, 2).join('\n') + '\n' + text[2].slice(0, 25));
    expect(readDoneIds(f).repaired).toBe(true);
    expect(readDoneIds(f).ids.size).toBe(2);
    appendFileSync(f, '');
    const s = await runSweep({ ...SMALL, ...FAST, out: f });
    expect(s.run).toBe(2);
    expect([...ids(f)].sort()).toEqual(sweepItems(SMALL).map((i) => i.id).sort());
  });
});
