/**
 * `npm run bench -- gd`: the gradient-descent trainer (src/gd) and its share of a sweep.
 *
 *  1. Throughput: restarts x epochs per second of trainGD, in process after a warm-up run
 *     (JIT), median of --runs runs (default 3), on blum-rivest-and with n = 10 inputs and
 *     m = 40 distinct random points with random labels (the reference case),
 *     plus n = 16, m = 96 for scale. "training only" runs every epoch of every restart
 *     (no early stop, no hardened checks); "as used" is the default configuration (hardened
 *     float check every 10 epochs, exact check on success, early stop).
 *  2. Sweep share: a sweep (random labelings, blum-rivest-and, n = 10, m/n = 1..6, 5 per
 *     point, 20 restarts, exact backend hybrid) run in process; the time spent in exact
 *     solving vs GD, and GD's miss rate on trainable instances per ratio.
 *
 * Writes bench/out/gd.json. Options: --runs N, --quick (smaller sweep), --backend B (exact
 * backend of the sweep, default hybrid).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trainGD, type GDOptions } from '../src/gd/train.js';
import { Rng } from '../src/random/rng.js';
import { expandPreset } from '../src/model/presets.js';
import { Rational } from '../src/model/rational.js';
import type { Instance } from '../src/model/types.js';
import { randomPoints } from '../src/sweep/families.js';
import { runSweep, type SweepRecord } from '../src/sweep/run.js';
import { median, repoRoot, table } from './lib.js';

export const description = 'gradient descent: restarts x epochs per second (blum-rivest-and, n = 10, m = 40); exact vs GD share of a sweep';

function randomLabeling(n: number, m: number, seed: number): Instance {
  const rng = Rng.fromSeed(seed);
  const examples = randomPoints(rng, n, m).map((p) => ({ x: p.map((b) => Rational.of(b)), y: [rng.int(0, 1) as 0 | 1] }));
  return { name: `random-n${n}-m${m}`, network: expandPreset('blum-rivest-and', n), examples };
}

interface Throughput {
  case: string;
  mode: string;
  restarts: number;
  epochs: number;
  runsMs: number[];
  medianMs: number;
  restartEpochsPerSec: number;
  exampleEpochsPerSec: number;
}

function measure(inst: Instance, label: string, mode: string, opts: GDOptions, runs: number): Throughput {
  trainGD(inst, { ...opts, restarts: 2 }); // warm-up
  const runsMs: number[] = [];
  let epochs = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = trainGD(inst, opts);
    runsMs.push(performance.now() - t0);
    epochs = r.epochs;
  }
  const ms = median(runsMs);
  return {
    case: label,
    mode,
    restarts: opts.restarts ?? 20,
    epochs,
    runsMs: runsMs.map((x) => Math.round(x)),
    medianMs: Math.round(ms),
    restartEpochsPerSec: Math.round((epochs / ms) * 1000),
    exampleEpochsPerSec: Math.round(((epochs * inst.examples.length) / ms) * 1000),
  };
}

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
  const quick = args.includes('--quick');
  const bi = args.indexOf('--backend');
  const backend = bi >= 0 ? args[bi + 1] : 'hybrid';

  const cases: [string, Instance][] = [
    ['blum-rivest-and n=10 m=40', randomLabeling(10, 40, 1)],
    ['blum-rivest-and n=16 m=96', randomLabeling(16, 96, 2)],
  ];
  const through: Throughput[] = [];
  for (const [label, inst] of cases) {
    through.push(measure(inst, label, 'training only', { restarts: 20, epochs: 500, seed: 1, earlyStop: false, checkEvery: 0 }, runs));
    through.push(measure(inst, label, 'as used (defaults)', { restarts: 20, seed: 1 }, runs));
  }
  console.log('GD throughput (in process, median of %d runs after a warm-up):\n', runs);
  console.log(
    table(
      ['case', 'mode', 'restarts', 'epochs run', 'time ms', 'restart-epochs/s', 'example-epochs/s'],
      through.map((t) => [t.case, t.mode, String(t.restarts), String(t.epochs), String(t.medianMs), String(t.restartEpochsPerSec), String(t.exampleEpochsPerSec)]),
    ),
  );

  const spec = { family: 'random' as const, preset: 'blum-rivest-and' as const, inputs: 10, ratios: quick ? [2, 4] : [1, 2, 3, 4, 5, 6], perPoint: quick ? 2 : 5, seed: 1 };
  console.log(`\nSweep: random labelings, blum-rivest-and, n = 10, m/n = ${spec.ratios.join(',')}, ${spec.perPoint} per point, 20 restarts, exact backend ${backend}`);
  const records: SweepRecord[] = [];
  const summary = await runSweep({ ...spec, restarts: 20, backend, timeoutMs: 60_000, emit: (l) => records.push(JSON.parse(l) as SweepRecord) });
  const total = summary.exact_ms + summary.gd_ms;
  const rows = spec.ratios.map((ratio) => {
    const rs = records.filter((r) => r.ratio === ratio);
    const tr = rs.filter((r) => r.exact.status === 'trainable');
    const miss = tr.filter((r) => r.gd.successes === 0).length;
    const exactMs = rs.reduce((a, r) => a + r.exact.time_ms, 0);
    const gdMs = rs.reduce((a, r) => a + r.gd.time_ms, 0);
    return [
      String(ratio),
      String(rs.length),
      String(tr.length),
      String(rs.filter((r) => r.exact.status === 'unknown').length),
      `${miss}/${tr.length}`,
      String(exactMs),
      String(gdMs),
    ];
  });
  console.log(table(['m/n', 'instances', 'trainable', 'unknown', 'GD missed (trainable)', 'exact ms', 'GD ms'], rows));
  console.log(
    `\nsweep: ${summary.run} instances in ${(summary.wall_ms / 1000).toFixed(1)} s; exact ${summary.exact_ms} ms ` +
      `(${Math.round((100 * summary.exact_ms) / total)}%), GD ${summary.gd_ms} ms (${Math.round((100 * summary.gd_ms) / total)}%)`,
  );
  if (summary.inconsistent.length) console.log(`INCONSISTENT: ${summary.inconsistent.map((r) => r.id).join(', ')}`);

  const outDir = join(repoRoot(), 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'gd.json'),
    JSON.stringify({ throughput: through, sweep: { spec, backend, exact_ms: summary.exact_ms, gd_ms: summary.gd_ms, wall_ms: summary.wall_ms, records } }, null, 1) + '\n',
  );
  console.log('wrote bench/out/gd.json');
}

// Also runnable directly: node dist/bench/gd.js [--runs N] [--quick]
if (process.argv[1] && /[\\/]bench[\\/]gd\.js$/.test(process.argv[1])) {
  run(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
