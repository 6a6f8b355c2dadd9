/**
 * Running a sweep: for each instance of a family (families.ts), the exact answer beside
 * gradient descent (src/compare/exact-beside-gd.ts), one JSON line per instance.
 *
 * Resumable: with an output file, ids already in it are skipped (a partial last line, left
 * by a killed run, is cut off first). Shardable: `shard: {index: i, count: N}` runs only
 * the items with index = i - 1 (mod N) of the deterministic sweep order, so N shards
 * together run every instance exactly once and their files concatenate.
 *
 * Consistency: records where the exact answer and GD (or a planted instance's parameters)
 * contradict each other (src/compare/exact-beside-gd.ts) carry `"consistent": false` and
 * are returned in the summary.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exactBesideGD } from '../compare/exact-beside-gd.js';
import { instanceToJSON } from '../model/serialize.js';
import type { Status } from '../model/types.js';
import { seedFrom } from '../random/rng.js';
import { GD_DEFAULTS } from '../gd/train.js';
import { generateInstance, shardItems, sweepItems, type SweepItem, type SweepSpec } from './families.js';

export interface SweepOptions extends SweepSpec {
  restarts?: number;
  epochs?: number;
  lr?: number;
  /** Exact backend (default 'hybrid'). */
  backend?: string;
  /** Exact solver budget per instance, ms; 'unknown' when it runs out. */
  timeoutMs?: number;
  shard?: { index: number; count: number };
  /** JSONL output file (appended to; ids in it are skipped). Without it, lines go to `emit`. */
  out?: string;
  /** Called with each JSON line (without newline) when there is no `out` file. */
  emit?: (line: string) => void;
  /** Also write each generated instance as DIR/<id>.json. */
  instancesDir?: string;
  /** How instance files are written (default: writeFileSync); the CLI passes its atomic writer. */
  writeFile?: (path: string, text: string) => void | Promise<void>;
  onProgress?: (p: SweepProgress) => void;
}

export interface SweepProgress {
  /** Items of this shard finished (run or skipped). */
  done: number;
  /** Items in this shard. */
  total: number;
  skipped: number;
  exact_ms: number;
  gd_ms: number;
  last?: SweepRecord;
}

export interface SweepRecord {
  id: string;
  family: string;
  preset: string;
  /** Elements (set-splitting) or inputs (random, planted). */
  n: number;
  ratio: number;
  k: number;
  index: number;
  seed: number;
  setSize?: number;
  /** Network inputs and examples of the generated instance. */
  inputs: number;
  m: number;
  exact: { status: Status; time_ms: number; backend: string };
  gd: {
    restarts: number;
    successes: number;
    bestAccuracy: number;
    time_ms: number;
    firstSuccessRestart: number | null;
    firstSuccess_ms: number | null;
    epochs: number;
    lr: number;
    seed: number;
  };
  consistent: boolean;
}

export interface SweepSummary {
  /** Items in this shard. */
  total: number;
  skipped: number;
  run: number;
  exact_ms: number;
  gd_ms: number;
  wall_ms: number;
  records: SweepRecord[];
  inconsistent: SweepRecord[];
  /** Lines of the existing file that could not be read (left in place, not counted as done). */
  badLines: number;
  /** True if a partial last line was cut off the existing file. */
  repaired: boolean;
}

/**
 * The ids already in a results file. A last line without its newline (a run killed
 * mid-write) is cut off the file, so appending continues on a clean line.
 */
export function readDoneIds(file: string): { ids: Set<string>; badLines: number; repaired: boolean } {
  const ids = new Set<string>();
  // Nothing to resume from a missing file, nor from a device or FIFO (e.g. /dev/stdout).
  if (!existsSync(file) || !statSync(file).isFile()) return { ids, badLines: 0, repaired: false };
  let text = readFileSync(file, 'utf8');
  let repaired = false;
  if (text.length > 0 && !text.endsWith('\n')) {
    const cut = text.lastIndexOf('\n') + 1;
    truncateSync(file, Buffer.byteLength(text.slice(0, cut)));
    text = text.slice(0, cut);
    repaired = true;
  }
  let badLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const o = JSON.parse(line) as { id?: unknown };
      if (typeof o.id === 'string') ids.add(o.id);
      else badLines++;
    } catch {
      badLines++;
    }
  }
  return { ids, badLines, repaired };
}

/** Runs one item: generate, then the exact answer beside GD. */
export async function runItem(item: SweepItem, opts: SweepOptions): Promise<SweepRecord> {
  const { instance, planted } = generateInstance(item);
  if (opts.instancesDir) {
    mkdirSync(opts.instancesDir, { recursive: true });
    const write = opts.writeFile ?? writeFileSync;
    await write(join(opts.instancesDir, `${item.id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`), JSON.stringify(instanceToJSON(instance)) + '\n');
  }
  const gdSeed = seedFrom(item.id, 'gd');
  const lr = opts.lr ?? GD_DEFAULTS.lr;
  const { exact, gd: g, consistent } = await exactBesideGD(instance, {
    backend: opts.backend ?? 'hybrid',
    timeoutMs: opts.timeoutMs,
    gd: { restarts: opts.restarts, epochs: opts.epochs, lr, seed: gdSeed },
    planted,
  });
  const rec: SweepRecord = {
    id: item.id,
    family: item.family,
    preset: item.preset,
    n: item.n,
    ratio: item.ratio,
    k: item.k,
    index: item.index,
    seed: item.seed,
    ...(item.setSize !== undefined ? { setSize: item.setSize } : {}),
    inputs: instance.network.inputs,
    m: instance.examples.length,
    exact: { status: exact.status, time_ms: exact.time_ms, backend: exact.backend },
    gd: {
      restarts: g.restarts,
      successes: g.successes,
      bestAccuracy: g.bestAccuracy,
      time_ms: g.time_ms,
      firstSuccessRestart: g.firstSuccessRestart,
      firstSuccess_ms: g.firstSuccess_ms,
      epochs: opts.epochs ?? GD_DEFAULTS.epochs,
      lr,
      seed: gdSeed,
    },
    consistent,
  };
  return rec;
}

/** Runs the sweep (this shard of it), appending one JSON line per finished instance. */
export async function runSweep(opts: SweepOptions): Promise<SweepSummary> {
  const t0 = performance.now();
  const all = sweepItems(opts);
  const items = opts.shard ? shardItems(all, opts.shard) : all;
  let done = new Set<string>();
  let badLines = 0;
  let repaired = false;
  if (opts.out) ({ ids: done, badLines, repaired } = readDoneIds(opts.out));
  const summary: SweepSummary = {
    total: items.length,
    skipped: 0,
    run: 0,
    exact_ms: 0,
    gd_ms: 0,
    wall_ms: 0,
    records: [],
    inconsistent: [],
    badLines,
    repaired,
  };
  let finished = 0;
  const progress = (last?: SweepRecord) =>
    opts.onProgress?.({ done: finished, total: items.length, skipped: summary.skipped, exact_ms: summary.exact_ms, gd_ms: summary.gd_ms, last });
  progress();
  for (const item of items) {
    if (done.has(item.id)) {
      summary.skipped++;
      finished++;
      continue;
    }
    const rec = await runItem(item, opts);
    const line = JSON.stringify(rec);
    if (opts.out) appendFileSync(opts.out, line + '\n');
    else opts.emit?.(line);
    summary.run++;
    summary.exact_ms += rec.exact.time_ms;
    summary.gd_ms += rec.gd.time_ms;
    summary.records.push(rec);
    if (!rec.consistent) summary.inconsistent.push(rec);
    finished++;
    progress(rec);
  }
  if (summary.skipped > 0) progress();
  summary.wall_ms = Math.round(performance.now() - t0);
  return summary;
}
