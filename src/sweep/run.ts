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
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exactBesideGD } from '../compare/exact-beside-gd.js';
import type { DecideResult } from '../decide.js';
import { instanceToJSON } from '../model/serialize.js';
import type { Network, Status } from '../model/types.js';
import { seedFrom } from '../random/rng.js';
import { GD_DEFAULTS } from '../gd/train.js';
import { generateInstance, sweepItems, type SweepItem, type SweepSpec } from './families.js';
import { runShard, type Shard } from './shards.js';

export { readDoneIds } from './shards.js';

export interface SweepOptions extends SweepSpec {
  restarts?: number;
  epochs?: number;
  lr?: number;
  /** Exact backend (default 'hybrid'). */
  backend?: string;
  /** Exact solver budget per instance, ms; 'unknown' when it runs out. */
  timeoutMs?: number;
  shard?: Shard;
  /** JSONL output file (appended to; ids in it are skipped). Without it, lines go to `emit`. */
  out?: string;
  /** Called with each JSON line (without newline) when there is no `out` file. */
  emit?: (line: string) => void;
  /** Also write each generated instance as DIR/<id>.json. */
  instancesDir?: string;
  /** How instance files are written (default: writeFileSync); the CLI passes its atomic writer. */
  writeFile?: (path: string, text: string) => void | Promise<void>;
  onProgress?: (p: SweepProgress) => void;
  /** Also the exact best fit and GD's regret (src/compare/exact-beside-gd.ts; default false here, the CLI turns it on). */
  maxFit?: boolean;
  /** Equal-budget GD (src/compare/exact-beside-gd.ts): restarts until the exact decision's time ('exact') or this many ms. */
  gdBudget?: 'exact' | number;
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
  exact: {
    status: Status;
    time_ms: number;
    backend: string;
    /** Hybrid backend (src/exact/hybrid.ts HybridStats): certified theory conflicts, blocking clauses (theory lemmas) added, CDCL conflicts and decisions, theory checks. */
    conflicts?: number;
    lemmas?: number;
    sat_conflicts?: number;
    decisions?: number;
    theory_checks?: number;
  };
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
    /** With maxFit: the examples GD's best restart fits (exact evaluation); null without a restart. */
    bestFit?: number | null;
    /** With an equal budget: the time GD was given (ms) and the epochs run over all restarts. */
    budget_ms?: number;
    epochsRun?: number;
  };
  /** deep: the hidden layers' widths, how labels were drawn, the shape sets, trainable parameters. */
  hidden?: number[];
  labels?: string;
  sets?: string[];
  params?: number;
  /** Layers of units on the longest path from an input to an output (perceptron 1, blum-rivest 2). */
  depth?: number;
  /** With maxFit: the exact best fit (null when the decision was unknown). */
  maxFit?: { best: number; upper: number; optimal: boolean; time_ms: number } | null;
  /** With maxFit: maxFit.best - gd.bestFit when the optimum is proved, else null. */
  regret?: number | null;
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
  const { exact, gd: g, consistent, gdFit, bestFit, regret, gdBudget_ms } = await exactBesideGD(instance, {
    backend: opts.backend ?? 'hybrid',
    timeoutMs: opts.timeoutMs,
    maxFit: opts.maxFit === true,
    gdBudget: opts.gdBudget,
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
    exact: { status: exact.status, time_ms: exact.time_ms, backend: exact.backend, ...hybridCounts(exact) },
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
      ...(bestFit !== undefined ? { bestFit: gdFit?.train.correct ?? null } : {}),
      ...(gdBudget_ms !== undefined ? { budget_ms: gdBudget_ms, epochsRun: g.epochs } : {}),
    },
    depth: networkDepth(instance.network),
    ...(item.hidden !== undefined ? { hidden: item.hidden, labels: item.labels, sets: item.sets, params: item.params } : {}),
    ...(bestFit !== undefined ? { maxFit: bestFit, regret: regret ?? null } : {}),
    consistent,
  };
  return rec;
}

/** The hybrid backend's search counts (SweepRecord.exact); nothing for other backends. */
function hybridCounts(exact: DecideResult): Partial<SweepRecord['exact']> {
  if (exact.kind !== 'hybrid') return {};
  const s = exact.stats;
  return { conflicts: s.conflicts, lemmas: s.lemmas, sat_conflicts: s.sat_conflicts, decisions: s.decisions, theory_checks: s.theory_checks };
}

/** Units on the longest path from an input to an output. */
export function networkDepth(network: Network): number {
  const depth = new Map<string, number>();
  for (const u of network.units) depth.set(u.id, 1 + Math.max(0, ...u.inputs.map((i) => depth.get(i) ?? 0)));
  return Math.max(0, ...network.outputs.map((o) => depth.get(o) ?? 0));
}

/** Runs the sweep (this shard of it), appending one JSON line per finished instance. */
export async function runSweep(opts: SweepOptions): Promise<SweepSummary> {
  const t0 = performance.now();
  let exactMs = 0;
  let gdMs = 0;
  const r = await runShard(sweepItems(opts), {
    shard: opts.shard,
    out: opts.out,
    emit: opts.emit,
    run: async (item: SweepItem) => {
      const rec = await runItem(item, opts);
      exactMs += rec.exact.time_ms;
      gdMs += rec.gd.time_ms;
      return rec;
    },
    onProgress: (p) => opts.onProgress?.({ ...p, exact_ms: exactMs, gd_ms: gdMs }),
  });
  return {
    total: r.total,
    skipped: r.skipped,
    run: r.records.length,
    exact_ms: exactMs,
    gd_ms: gdMs,
    wall_ms: Math.round(performance.now() - t0),
    records: r.records,
    inconsistent: r.records.filter((rec) => !rec.consistent),
    badLines: r.badLines,
    repaired: r.repaired,
  };
}
