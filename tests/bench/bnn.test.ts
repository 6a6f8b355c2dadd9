/**
 * The bnn bench's pure pieces (bench/bnn.ts): the instance list, its shards and resuming
 * (src/sweep/shards.ts), the options, and the merged table. No solver runs here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BNN_DEFAULTS, bnnItems, bnnTable, parseBnnArgs, ratio, readBnnRecords, type BnnItem, type BnnRecord } from '../../bench/bnn.js';
import { runShard, shardItems } from '../../src/sweep/shards.js';

const dir = mkdtempSync(join(tmpdir(), 'trainsat-bnn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A record as runBnnItem writes it, with made-up values. */
function record(item: BnnItem, over: Partial<BnnRecord> = {}): BnnRecord {
  return {
    ...{ id: item.id, index: item.index, family: item.family, arch: item.arch, p: item.p, seed: item.seed },
    m: 10,
    test_m: 500,
    timeout_ms: 60_000,
    trainsat: { status: 'trainable', time_ms: 2000, backend: 'cadical', vars: 100, clauses: 400 },
    exact: { train: { correct: 10, total: 10, accuracy: 1 }, test: { correct: 200, total: 500, accuracy: 0.4 } },
    gd: { restarts: 5, epochs: 300, successes: 1, time_ms: 700, train: { correct: 10, total: 10, accuracy: 1 }, test: { correct: 150, total: 500, accuracy: 0.3 } },
    highs: { status: 'timeout', time_ms: 60_000 },
    cbc: { status: 'trainable', time_ms: 5000 },
    consistent: true,
    max_rss_mb: 400,
    ...over,
  };
}

describe('bnn instance list', () => {
  it('has every combination once, ids unique, indices in order', () => {
    const items = bnnItems(BNN_DEFAULTS);
    const d = BNN_DEFAULTS;
    expect(items).toHaveLength(d.ks.length * d.archs.length * d.seeds.length + d.ps.length * d.ns.length * d.seeds.length);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.map((i) => i.index)).toEqual(items.map((_, k) => k));
    expect(items[0].id).toBe('mnist:784-10:p1:k1:t50:s0');
    expect(items.find((i) => i.family === 'mnist' && i.hidden.length === 1)?.arch).toBe('784-16-10');
    expect(items.filter((i) => i.family === 'tabular').every((i) => i.arch === '9-16-3' && i.data === 'penguins' && (i.p === 1 || i.p === 3))).toBe(true);
    expect(bnnItems({ ...d, families: ['tabular'], tabular: 'iris' }).every((i) => i.arch === '4-16-3' && i.id.startsWith('iris:'))).toBe(true);
    expect(bnnItems({ ...d, families: ['tabular'] })[0].index).toBe(0);
  });

  it('shards partition the list', () => {
    const items = bnnItems(BNN_DEFAULTS);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), (count) => {
        const parts = Array.from({ length: count }, (_, i) => shardItems(items, { index: i + 1, count }));
        const ids = parts.flat().map((i) => i.id);
        expect(ids.sort()).toEqual(items.map((i) => i.id).sort());
      }),
    );
  });

  it('a shard run appends one line per item and a second run skips them all', async () => {
    const items = bnnItems({ ...BNN_DEFAULTS, ks: [1, 3], seeds: [0], families: ['mnist'] });
    const out = join(dir, 'resume.jsonl');
    const ran: string[] = [];
    const run = async (item: BnnItem) => {
      ran.push(item.id);
      return record(item);
    };
    const first = await runShard(items, { shard: { index: 2, count: 3 }, out, run });
    expect(first.records.map((r) => r.id)).toEqual(shardItems(items, { index: 2, count: 3 }).map((i) => i.id));
    const again = await runShard(items, { shard: { index: 2, count: 3 }, out, run });
    expect(again.records).toHaveLength(0);
    expect(again.skipped).toBe(first.records.length);
    expect(ran).toHaveLength(first.records.length);
    expect(readBnnRecords(readFileSync(out, 'utf8'), out).map((r) => r.id)).toEqual(first.records.map((r) => r.id));
  });
});

describe('bnn options', () => {
  it('reads the quick mode and the lists', () => {
    const o = parseBnnArgs(['--k', '1', '--seeds', '0', '--arch', '784-10', '--family', 'mnist', '--timeout', '20'])!;
    expect(o.ks).toEqual([1]);
    expect(o.seeds).toEqual([0]);
    expect(o.archs).toEqual([[]]);
    expect(o.families).toEqual(['mnist']);
    expect(o.timeoutMs).toBe(20_000);
    expect(bnnItems(o).map((i) => i.id)).toEqual(['mnist:784-10:p1:k1:t50:s0']);
    expect(parseBnnArgs(['--quick'])).toEqual(o);
    expect(parseBnnArgs(['--quick', '--k', '3'])!.ks).toEqual([3]);
    expect(parseBnnArgs(['--arch', '784-10,784-16-10', '--family', 'all'])!.archs).toEqual([[], [16]]);
    expect(parseBnnArgs(['--shard', '2/4'])!.shard).toEqual({ index: 2, count: 4 });
    expect(parseBnnArgs(['--merge', 'a.jsonl', 'b.jsonl'])!.merge).toEqual(['a.jsonl', 'b.jsonl']);
    expect(parseBnnArgs(['--help'])).toBeNull();
  });

  it('reads the objectives and their budget', () => {
    const o = parseBnnArgs(['--objective', 'min-weights,max-margin', '--objective-timeout', '30'])!;
    expect(o.objectives).toEqual(['min-weights', 'max-margin']);
    expect(o.objectiveTimeoutMs).toBe(30_000);
    expect(parseBnnArgs([])!.objectives).toEqual([]);
  });

  it('reads the ensembles and their budget', () => {
    const o = parseBnnArgs(['--ensemble', 'feasible,max-margin+min-weights', '--ensemble-timeout', '120'])!;
    expect(o.ensembles).toEqual(['feasible', 'max-margin+min-weights']);
    expect(o.ensembleTimeoutMs).toBe(120_000);
    expect(parseBnnArgs([])!.ensembles).toEqual([]);
  });

  it('refuses bad values', () => {
    for (const bad of [['--ensemble', 'min-weights+max-margin'], ['--ensemble-timeout', '-1'], ['--objective', 'fewest'], ['--objective-timeout', '0'], ['--family', 'adult'], ['--k', '0'], ['--k', 'x'], ['--arch', '10-784'], ['--n', '334'], ['--tabular', 'iris', '--n', '151'], ['--tabular', 'adult'], ['--p', '0'], ['--shard', '3/2'], ['--timeout', '0'], ['--bogus']]) {
      expect(() => parseBnnArgs(bad)).toThrow();
    }
  });
});

describe('bnn table', () => {
  it('ratios: other / trainsat where trainsat decided, ">" when the other ran out of budget', () => {
    const ts = { status: 'trainable' as const, time_ms: 2000 };
    expect(ratio({ status: 'trainable', time_ms: 5000 }, ts)).toBe('2.5x');
    expect(ratio({ status: 'timeout', time_ms: 60_000 }, ts)).toBe('>30x');
    expect(ratio({ status: 'trainable', time_ms: 5000 }, { status: 'timeout', time_ms: 60_000 })).toBe('-');
    expect(ratio(null, ts)).toBe('-');
    expect(ratio({ status: 'trainable', time_ms: 30 }, ts)).toBe('0.015x');
  });

  it('objective columns appear when a record has them: the value (* proved optimal) and the test accuracy', () => {
    const [item] = bnnItems({ ...BNN_DEFAULTS, families: ['mnist'], ks: [1], seeds: [0], archs: [[16]] });
    const test = { correct: 40, total: 100, accuracy: 0.4 };
    const plain = bnnTable([record(item)]);
    expect(plain).not.toMatch(/min-weights/);
    const objectives = { 'min-weights': { value: 30, optimal: true, bound: 30, time_ms: 5, train: null, test }, 'max-margin': { value: 1, optimal: false, bound: 15, time_ms: 9, train: null, test: null } };
    const table = bnnTable([record(item, { objectives })]);
    expect(table.split('\n')[0]).toMatch(/\| min-weights \| min-weights test \| max-margin \| max-margin test \|$/);
    expect(table.split('\n')[2]).toMatch(/\| 30\* \| 40% \| 1 \| - \|$/);
  });

  it('ensemble columns appear when a record has them: members proved optimal of those found, and the vote\'s test accuracy', () => {
    const [item] = bnnItems({ ...BNN_DEFAULTS, families: ['mnist'], ks: [10], seeds: [0], archs: [[]] });
    expect(bnnTable([record(item)])).not.toMatch(/ensemble/);
    const test = { correct: 364, total: 500, accuracy: 0.728 };
    const ensembles = { 'max-margin': { status: 'trainable' as const, members: 45, optimal: 44, time_ms: 20_500, train: null, test } };
    const table = bnnTable([record(item, { ensembles })]);
    expect(table.split('\n')[0]).toMatch(/\| ensemble max-margin \| max-margin test \|$/);
    expect(table.split('\n')[2]).toMatch(/\| 44\/45\* \(20\.5 s\) \| 73% \|$/);
  });

  it('merges files into one markdown table, the last line of an id winning', () => {
    const [a, b] = bnnItems({ ...BNN_DEFAULTS, ks: [1], archs: [[], [16]], seeds: [0], families: ['mnist'] });
    const f1 = join(dir, 'one.jsonl');
    const f2 = join(dir, 'two.jsonl');
    writeFileSync(f1, JSON.stringify(record(b)) + '\n' + JSON.stringify(record(a, { trainsat: { status: 'timeout', time_ms: 60_000, backend: 'cadical' } })) + '\n');
    writeFileSync(f2, JSON.stringify(record(a)) + '\n');
    const records = [f1, f2].flatMap((f) => readBnnRecords(readFileSync(f, 'utf8'), f));
    const lines = bnnTable(records).split('\n');
    const rows = lines.filter((l) => l.startsWith('| mnist:'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(a.id);
    expect(rows[0]).toMatch(/\| yes \| 2\.0 \| cadical \| 100 \| 400 \| 10\/10 \| 40% \| 10\/10 \| 30% \| timeout \| 60\.0 \| yes \| 5\.0 \| 2\.5x \| >30x \|$/);
    expect(rows[1]).toContain(b.id);
    expect(lines[1]).toMatch(/^\| --- \|/);
  });

  it('a line that is not a result names its place', () => {
    expect(() => readBnnRecords('{"id":"x"}\n', 'r.jsonl')).toThrow(/r\.jsonl:1/);
    expect(() => readBnnRecords('\nnot json\n', 'r.jsonl')).toThrow(/r\.jsonl:2/);
  });
});
