/**
 * `npm run bench -- bnn [options]`: the published exact-training setups of integer-weight
 * networks, each instance decided by trainsat and, in the same run, by HiGHS and native
 * CBC on the mixed-integer program of the same instance, beside gradient descent:
 *
 *  - family `mnist`: Toro Icarte, Illanes, Castro, Cire, McIlraith & Beck, "Training
 *    Binarized Neural Networks using MIP and CP" (CP 2019): MNIST digits binarized at 0.5,
 *    k images per digit for training (k = 1, 3, 5, 10), networks 784-10 (no hidden layer)
 *    and 784-16-10 with weights in {-1, 0, 1}; a held-out test set of `--test-per-class`
 *    images per digit, disjoint from the training images. The instances are those of
 *    `trainsat data mnist --per-class K --seed S --binarize 0.5 --test-per-class T
 *    --hidden H --weights -1..1` (src/data/mnist.ts).
 *  - family `tabular`: Thorbjarnarson & Yorke-Smith, "Optimal training of integer-valued
 *    neural networks with mixed integer programming" (PLoS ONE 2023): one hidden layer of
 *    16 units, integer weights |w| <= P (P = 1, 3), N training examples (N = 40 to 280, as
 *    there). Their data set (Adult) is replaced by one trainsat ships or depends on:
 *    `--tabular penguins` (the default; src/data/penguins.ts, the 333 complete rows of the
 *    Palmer penguins, 3 species, 9 inputs: island and sex one-hot, four measurements as
 *    exact decimals) or `--tabular iris` (src/data/iris.ts, 150 rows). N rows train,
 *    spread over the classes in proportion, the other rows are the test set. The instances
 *    are those of `trainsat data penguins|iris --train-rows N --seed S --hidden 16
 *    --weights -P..P`.
 *
 * Per instance (one JSON line): trainsat's answer (`decide`, default backend) with its time
 * and encoding size; training fit and test accuracy, by exact evaluation
 * (src/compare/exact-beside-gd.ts), of the exact solution and of gradient descent with
 * straight-through integer weights (src/gd); HiGHS in process (`decide` with backend
 * 'highs') and native cbc (when on PATH, bench/exact.ts cbcLadder), both on the weight-box
 * ladder over the LP of `trainsat encode --to lp` (src/mip/ladder.ts, where a solver's
 * point counts only if it passes exact evaluation), with their times and statuses. Every column has the same budget, `--timeout`.
 *
 * Shards and resuming as `trainsat sweep` (src/sweep/shards.ts): `--shard i/N` runs every
 * N-th instance of the list; one JSON line per finished instance is appended to `--out`,
 * and instances already in it are skipped. `--merge FILES...` prints one markdown table of
 * the records in the files.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exactBesideGD, fitOf, type Accuracy } from '../src/compare/exact-beside-gd.js';
import { decide } from '../src/decide.js';
import type { LayeredSpec } from '../src/data/dataset.js';
import { parseInstance } from '../src/model/parse.js';
import { Rational } from '../src/model/rational.js';
import type { Instance } from '../src/model/types.js';
import type { ObjectiveName } from '../src/optimize/objective.js';
import { seedFrom } from '../src/random/rng.js';
import { findExecutable } from '../src/solvers/external.js';
import { parseJsonLines, parseShard, runShard, shardItems, type Shard } from '../src/sweep/shards.js';
import { cbcLadder } from './exact.js';
import { repoRoot } from './lib.js';

/** The default study takes an hour or more: `npm run bench` without a suite name skips it. */
export const onlyByName = true;
export const description = 'integer-weight networks of the BNN papers (MNIST few-shot, tabular): trainsat vs HiGHS vs cbc, beside GD; sharded';

export type BnnFamily = 'mnist' | 'tabular';
export type TabularData = 'penguins' | 'iris';

export interface BnnOptions {
  families: BnnFamily[];
  /** mnist: training images per digit. */
  ks: number[];
  seeds: number[];
  /** mnist: hidden layers per architecture ([] = 784-10, [16] = 784-16-10). */
  archs: number[][];
  /** mnist: test images per digit. */
  testPerClass: number;
  /** tabular: the data set, training examples N (at most its rows) and weight bounds P. */
  tabular: TabularData;
  ns: number[];
  ps: number[];
  /** Budget of every column (trainsat, GD, HiGHS, cbc), ms. */
  timeoutMs: number;
  restarts: number;
  epochs: number;
  highs: boolean;
  cbc: boolean;
  /** Objectives optimized from the exact solution (src/optimize/objective.ts), in order; default none. */
  objectives: ObjectiveName[];
  /** Budget of each objective's search, ms (default: timeoutMs). */
  objectiveTimeoutMs?: number;
  /** Pairwise ensembles to train (src/ensemble/pairwise.ts), by member objective order; default none. */
  ensembles: EnsembleKind[];
  /** Budget of each ensemble (all members), ms (default: 10 x timeoutMs). */
  ensembleTimeoutMs?: number;
  shard?: Shard;
  out?: string;
  /** Files to merge into one table instead of running. */
  merge?: string[];
}

export const BNN_DEFAULTS: BnnOptions = {
  families: ['mnist', 'tabular'],
  ks: [1, 3, 5, 10],
  seeds: [0, 1, 2],
  archs: [[], [16]],
  testPerClass: 50,
  tabular: 'penguins',
  ns: [40, 80, 120, 160, 200, 240, 280],
  ps: [1, 3],
  timeoutMs: 60_000,
  restarts: 5,
  epochs: 300,
  highs: true,
  cbc: true,
  objectives: [],
  ensembles: [],
};

/** A pairwise ensemble's member objectives: none (feasible), one, or max-margin then min-weights. */
export type EnsembleKind = 'feasible' | 'max-margin' | 'min-weights' | 'max-margin+min-weights';
const ENSEMBLE_KINDS: readonly EnsembleKind[] = ['feasible', 'max-margin', 'min-weights', 'max-margin+min-weights'];
const ensembleObjectives = (k: EnsembleKind): ObjectiveName[] => (k === 'feasible' ? [] : (k.split('+') as ObjectiveName[]));

/** `--quick`: one small instance, a smoke test (later options still apply). */
export const QUICK: Partial<BnnOptions> = { families: ['mnist'], ks: [1], seeds: [0], archs: [[]], timeoutMs: 20_000 };

/** Rows of each tabular data set (the complete ones). */
const TABULAR_ROWS: Record<TabularData, number> = { penguins: 333, iris: 150 };

export const USAGE = `usage: npm run bench -- bnn [options]

  --quick                      a smoke test: --family mnist --k 1 --seeds 0 --arch 784-10 --timeout 20
  --family mnist|tabular|all   which setups (default all)
  --k 1,3,5,10                 mnist: training images per digit
  --seeds 0,1,2                seeds of the samples (and of GD)
  --arch 784-10,784-16-10      mnist: architectures
  --test-per-class 50          mnist: held-out images per digit
  --tabular penguins|iris      tabular: the data set (default penguins: 333 rows, 9 inputs; iris: 150 rows, 4 inputs)
  --n 40,80,...,280            tabular: training examples, stratified (penguins: at most 333, iris 150)
  --p 1,3                      tabular: integer weights in [-P, P]
  --timeout 60                 seconds, per instance and per solver (trainsat, GD, HiGHS, cbc)
  --restarts 5 --epochs 300    gradient descent
  --no-highs --no-cbc          skip a MIP column (cbc is skipped anyway when not on PATH)
  --objective min-weights,max-margin
                               also optimize each objective from the exact solution (solve
                               --objective) and record the value, whether it was proved optimal,
                               and the train/test accuracy of the best network found
  --objective-timeout S        seconds per objective and instance (default: --timeout)
  --ensemble feasible,max-margin,min-weights,max-margin+min-weights
                               also train pairwise ensembles (solve --ensemble pairwise: one exact
                               network per pair of digits, members optimizing these objectives)
                               and record members proved optimal and the vote's train/test accuracy;
                               meant for --arch 784-10 (members 784-2, integer programs)
  --ensemble-timeout S         seconds per ensemble (all 45 members; default 10 x --timeout)
  --shard i/N                  run every N-th instance (the i-th of each N)
  --out FILE                   JSONL results, appended to and resumed from
                               (default bench/out/bnn/bnn.jsonl, or bnn-shard-i-of-N.jsonl)
  --merge FILES...             print one markdown table of result files, run nothing`;

/** One instance of the study; its id names everything that determines the instance. */
export interface BnnItem {
  id: string;
  /** Position in the instance list (0-based); shards split on it. */
  index: number;
  family: BnnFamily;
  /** e.g. "784-16-10", "4-16-3". */
  arch: string;
  hidden: number[];
  /** Integer weights in [-p, p]. */
  p: number;
  seed: number;
  /** mnist: images per digit. */
  k?: number;
  /** mnist: test images per digit. */
  testPerClass?: number;
  /** tabular: the data set. */
  data?: TabularData;
  /** tabular: training examples asked for. */
  n?: number;
}

const archName = (inputs: number, hidden: number[], classes: number) => [inputs, ...hidden, classes].join('-');

/** The instances of the study, in order: mnist (k, architecture, seed), then tabular (P, N, seed). */
export function bnnItems(o: Pick<BnnOptions, 'families' | 'ks' | 'seeds' | 'archs' | 'testPerClass' | 'tabular' | 'ns' | 'ps'>): BnnItem[] {
  const items: BnnItem[] = [];
  const add = (it: Omit<BnnItem, 'index'>) => items.push({ ...it, index: items.length });
  if (o.families.includes('mnist')) {
    for (const k of o.ks) {
      for (const hidden of o.archs) {
        for (const seed of o.seeds) {
          const arch = archName(784, hidden, 10);
          add({ id: `mnist:${arch}:p1:k${k}:t${o.testPerClass}:s${seed}`, family: 'mnist', arch, hidden, p: 1, seed, k, testPerClass: o.testPerClass });
        }
      }
    }
  }
  if (o.families.includes('tabular')) {
    for (const p of o.ps) {
      for (const n of o.ns) {
        for (const seed of o.seeds) {
          const arch = archName(o.tabular === 'iris' ? 4 : 9, [16], 3);
          add({ id: `${o.tabular}:${arch}:p${p}:n${n}:s${seed}`, family: 'tabular', arch, hidden: [16], p, seed, n, data: o.tabular });
        }
      }
    }
  }
  return items;
}

const list = (text: string | undefined, option: string): number[] => {
  const parts = (text ?? '').split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((s) => !/^\d+$/.test(s))) throw new Error(`bnn: ${option} takes comma-separated non-negative integers, got '${text}'`);
  return parts.map(Number);
};

/** Parses the suite's arguments (see USAGE); null for --help. */
export function parseBnnArgs(args: string[]): BnnOptions | null {
  const o: BnnOptions = { ...BNN_DEFAULTS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`bnn: ${a} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return null;
    else if (a === '--quick') Object.assign(o, QUICK);
    else if (a === '--family') {
      const f = next();
      if (f !== 'mnist' && f !== 'tabular' && f !== 'all') throw new Error(`bnn: --family must be mnist, tabular or all, got '${f}'`);
      o.families = f === 'all' ? ['mnist', 'tabular'] : [f];
    } else if (a === '--k') o.ks = list(next(), a).map((k) => (k >= 1 ? k : NaN));
    else if (a === '--seeds') o.seeds = list(next(), a);
    else if (a === '--arch') {
      o.archs = next()
        .split(',')
        .map((s) => {
          const m = /^784((?:-\d+)*)-10$/.exec(s.trim());
          if (!m) throw new Error(`bnn: --arch takes architectures such as 784-10 or 784-16-10, got '${s}'`);
          return m[1] === '' ? [] : m[1].slice(1).split('-').map(Number);
        });
    } else if (a === '--test-per-class') o.testPerClass = list(next(), a)[0];
    else if (a === '--n') o.ns = list(next(), a);
    else if (a === '--tabular') {
      const t = next();
      if (t !== 'penguins' && t !== 'iris') throw new Error(`bnn: --tabular must be penguins or iris, got '${t}'`);
      o.tabular = t;
    }
    else if (a === '--p') o.ps = list(next(), a);
    else if (a === '--timeout') {
      const s = Number(next());
      if (!(s > 0)) throw new Error(`bnn: --timeout must be a positive number of seconds`);
      o.timeoutMs = s * 1000;
    } else if (a === '--restarts') o.restarts = list(next(), a)[0];
    else if (a === '--epochs') o.epochs = list(next(), a)[0];
    else if (a === '--no-highs') o.highs = false;
    else if (a === '--no-cbc') o.cbc = false;
    else if (a === '--objective') {
      o.objectives = next()
        .split(',')
        .map((s) => {
          if (s !== 'min-weights' && s !== 'max-margin') throw new Error(`bnn: --objective takes min-weights and/or max-margin, got '${s}'`);
          return s;
        });
    } else if (a === '--ensemble') {
      o.ensembles = next()
        .split(',')
        .map((s) => {
          if (!(ENSEMBLE_KINDS as readonly string[]).includes(s)) throw new Error(`bnn: --ensemble takes ${ENSEMBLE_KINDS.join(', ')}, got '${s}'`);
          return s as EnsembleKind;
        });
    } else if (a === '--ensemble-timeout') {
      const s = Number(next());
      if (!(s > 0)) throw new Error('bnn: --ensemble-timeout must be a positive number of seconds');
      o.ensembleTimeoutMs = s * 1000;
    } else if (a === '--objective-timeout') {
      const s = Number(next());
      if (!(s > 0)) throw new Error('bnn: --objective-timeout must be a positive number of seconds');
      o.objectiveTimeoutMs = s * 1000;
    }
    else if (a === '--shard') o.shard = parseShard(next());
    else if (a === '--out') o.out = next();
    else if (a === '--merge') {
      o.merge = args.slice(i + 1);
      if (o.merge.length === 0) throw new Error('bnn: --merge needs result files');
      break;
    } else throw new Error(`bnn: unknown option '${a}'\n${USAGE}`);
  }
  if (o.ks.some((k) => !(k >= 1))) throw new Error('bnn: --k takes positive integers');
  const rows = TABULAR_ROWS[o.tabular];
  if (o.ns.some((n) => n < 3 || n > rows)) throw new Error(`bnn: --n must be from 3 to ${rows} (${o.tabular} has ${rows} rows)`);
  if (o.ps.some((p) => p < 1)) throw new Error('bnn: --p takes positive integers');
  if (o.restarts < 1 || o.epochs < 1) throw new Error('bnn: --restarts and --epochs must be positive');
  return o;
}

/** A solver's answer in the table: its status, or timeout when its budget ran out. */
export type Answer = 'trainable' | 'untrainable' | 'unknown' | 'timeout' | 'error' | 'skipped';

export interface SolverColumn {
  status: Answer;
  time_ms?: number;
  /** HiGHS, cbc: the weight boxes tried, e.g. 'complete:timeout'. */
  stages?: string;
  note?: string;
}

/** One objective's outcome on an instance (BnnRecord.objectives). */
export interface ObjectiveColumn {
  value: number | null;
  optimal: boolean;
  bound: number | null;
  time_ms: number;
  train: Accuracy | null;
  test: Accuracy | null;
  note?: string;
}

/** One pairwise ensemble's outcome on an instance (BnnRecord.ensembles). */
export interface EnsembleColumn {
  status: Answer;
  /** Members found, and those with every objective proved optimal. */
  members: number;
  optimal: number;
  time_ms: number;
  /** The vote's accuracy (a tie is a miss), by exact evaluation. */
  train: Accuracy | null;
  test: Accuracy | null;
  note?: string;
}

/** One finished instance (one JSON line). */
export interface BnnRecord {
  id: string;
  index: number;
  family: BnnFamily;
  arch: string;
  p: number;
  seed: number;
  k?: number;
  n?: number;
  /** Training and test examples. */
  m: number;
  test_m: number;
  timeout_ms: number;
  /** backend: what 'auto' stood for (with the layerwise backend's stage); vars, clauses: the CNF solved, if any; subproblems: the witness search's MIPs. */
  trainsat: SolverColumn & { backend: string; vars?: number; clauses?: number; subproblems?: number };
  exact: { train: Accuracy | null; test: Accuracy | null };
  gd: { restarts: number; epochs: number; successes: number; time_ms: number; train: Accuracy | null; test: Accuracy | null };
  highs: SolverColumn | null;
  cbc: SolverColumn | null;
  /**
   * With --objective: per objective, the best value found from the exact solution, whether it
   * was proved optimal, the bound proved, the search's time, and the best network's accuracy.
   */
  objectives?: Partial<Record<ObjectiveName, ObjectiveColumn>>;
  /** With --ensemble: per kind, the pairwise ensemble's members and the vote's accuracy. */
  ensembles?: Partial<Record<EnsembleKind, EnsembleColumn>>;
  /** False when decided answers disagree, or GD fits an instance called untrainable. */
  consistent: boolean;
  /** The process's peak resident memory so far, MB. */
  max_rss_mb: number;
}

let mnistDigits: import('../src/data/mnist.js').MnistDigits | undefined;

/** The training and test instances of an item (the bytes `trainsat data` writes, parsed). */
export async function bnnInstances(item: BnnItem): Promise<{ train: Instance; test?: Instance }> {
  const spec: LayeredSpec = { hidden: item.hidden, weights: { min: -item.p, max: item.p } };
  let texts: { train: string; test?: string };
  if (item.family === 'mnist') {
    const m = await import('../src/data/mnist.js');
    mnistDigits ??= m.loadMnist();
    const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    texts = m.mnistInstanceTexts(mnistDigits, { perClass: item.k!, testPerClass: item.testPerClass!, seed: item.seed, digits, binarize: Rational.of(1, 2) }, spec);
  } else {
    const { tableInstanceTexts } = await import('../src/data/table.js');
    const data = item.data === 'iris' ? (await import('../src/data/iris.js')).irisData() : (await import('../src/data/penguins.js')).penguinsData();
    texts = tableInstanceTexts(data.table, { ...data, testFraction: 0, trainRows: item.n!, seed: item.seed }, spec);
  }
  return { train: parseInstance(texts.train, item.id), test: texts.test === undefined ? undefined : parseInstance(texts.test, `${item.id} (test)`) };
}

const decided = (s: Answer | undefined) => s === 'trainable' || s === 'untrainable';

/** Runs every column on one item. */
export async function runBnnItem(item: BnnItem, o: BnnOptions, cbc: string | null, lpDir: string): Promise<BnnRecord> {
  const { train, test } = await bnnInstances(item);
  const { exact, gd, consistent, exactFit, gdFit } = await exactBesideGD(train, {
    backend: 'auto',
    timeoutMs: o.timeoutMs,
    gd: { restarts: o.restarts, epochs: o.epochs, seed: seedFrom(item.id, 'gd'), timeoutMs: o.timeoutMs },
    test,
  });
  // Encoding size: the CNF's, when one was solved (bit-blasting, or the layerwise
  // backend's complete stage); the layerwise witness search solves small MIPs instead.
  const stats = exact.stats as { vars?: unknown; clauses?: unknown; stage?: unknown; subproblems?: unknown; complete?: { vars?: unknown; clauses?: unknown } };
  const cnf = typeof stats.vars === 'number' ? stats : (stats.complete ?? {});
  const trainsat: BnnRecord['trainsat'] = {
    status: exact.status === 'unknown' && exact.unknown?.kind === 'budget' ? 'timeout' : exact.status,
    time_ms: exact.time_ms,
    backend: exact.backend + (typeof stats.stage === 'string' ? `/${stats.stage}` : ''),
    ...(typeof cnf.vars === 'number' ? { vars: cnf.vars } : {}),
    ...(typeof cnf.clauses === 'number' ? { clauses: cnf.clauses } : {}),
    ...(typeof stats.subproblems === 'number' ? { subproblems: stats.subproblems } : {}),
    ...(exact.status === 'unknown' && exact.unknown ? { note: exact.unknown.message } : {}),
  };
  let highs: SolverColumn | null = null;
  if (o.highs) {
    const t0 = performance.now();
    try {
      const r = await decide(train, { backend: 'highs', timeoutMs: o.timeoutMs });
      const stages = (r.stats as { stages?: { box: string; outcome: string }[] }).stages;
      highs = {
        status: r.status === 'unknown' && r.unknown?.kind === 'budget' ? 'timeout' : r.status,
        time_ms: r.time_ms,
        ...(stages ? { stages: stages.map((st) => `${st.box}:${st.outcome}`).join(' ') } : {}),
        ...(r.unknown ? { note: r.unknown.message } : {}),
      };
    } catch (e) {
      highs = { status: 'error', time_ms: Math.round(performance.now() - t0), note: (e as Error)?.message ?? String(e) };
    }
  }
  let cbcCol: SolverColumn | null = null;
  if (cbc) {
    const t = await cbcLadder(cbc, train, join(lpDir, item.id.replace(/[^A-Za-z0-9._-]/g, '_')), o.timeoutMs);
    cbcCol = { status: t.answer, time_ms: t.ms === undefined ? undefined : Math.round(t.ms), stages: t.stages };
  }
  const answers = [trainsat.status, highs?.status, cbcCol?.status].filter(decided);
  const objectives: BnnRecord['objectives'] = {};
  if (exact.status === 'trainable' && exact.parameters) {
    const { optimize } = await import('../src/optimize/objective.js');
    for (const name of o.objectives) {
      const t0 = performance.now();
      try {
        const r = await optimize(train, name, { start: exact.parameters, timeoutMs: o.objectiveTimeoutMs ?? o.timeoutMs });
        const f = r.parameters ? fitOf(train, r.parameters, test) : null;
        objectives[name] = { value: r.objective.value, optimal: r.objective.optimal, bound: r.objective.bound, time_ms: r.time_ms, train: f?.train ?? null, test: f?.test ?? null };
      } catch (e) {
        objectives[name] = { value: null, optimal: false, bound: null, time_ms: Math.round(performance.now() - t0), train: null, test: null, note: (e as Error)?.message ?? String(e) };
      }
    }
  }
  const ensembles: BnnRecord['ensembles'] = {};
  for (const kind of o.ensembles) ensembles[kind] = await ensembleColumn(train, test, kind, o.ensembleTimeoutMs ?? 10 * o.timeoutMs);
  return {
    id: item.id,
    index: item.index,
    family: item.family,
    arch: item.arch,
    p: item.p,
    seed: item.seed,
    ...(item.k !== undefined ? { k: item.k } : {}),
    ...(item.n !== undefined ? { n: item.n } : {}),
    m: train.examples.length,
    test_m: test?.examples.length ?? 0,
    timeout_ms: o.timeoutMs,
    trainsat,
    exact: { train: exactFit?.train ?? null, test: exactFit?.test ?? null },
    gd: { restarts: gd.restarts, epochs: o.epochs, successes: gd.successes, time_ms: gd.time_ms, train: gdFit?.train ?? null, test: gdFit?.test ?? null },
    highs,
    cbc: cbcCol,
    ...(o.objectives.length > 0 ? { objectives } : {}),
    ...(o.ensembles.length > 0 ? { ensembles } : {}),
    consistent: consistent && answers.every((a) => a === answers[0]),
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Trains one pairwise ensemble on the training instance and scores its vote. */
async function ensembleColumn(train: Instance, test: Instance | undefined, kind: EnsembleKind, timeoutMs: number): Promise<EnsembleColumn> {
  const { ensemblePredict, memberNetwork, trainPairwise } = await import('../src/ensemble/pairwise.js');
  const t0 = performance.now();
  try {
    const r = await trainPairwise(train, { objectives: ensembleObjectives(kind), timeoutMs });
    const members = r.members.filter((m) => m.parameters !== null) as { classes: [number, number]; parameters: import('../src/model/types.js').Parameters }[];
    const optimal = r.members.filter((m) => m.optimal).length;
    const score = (inst: Instance | undefined): Accuracy | null => {
      if (!inst || r.status !== 'trainable') return null;
      const network = memberNetwork(train);
      const correct = inst.examples.filter((e) => ensemblePredict(network, members, train.network.classes!, e.x) === e.label).length;
      return { correct, total: inst.examples.length, accuracy: inst.examples.length === 0 ? 1 : correct / inst.examples.length };
    };
    const unknown = r.members.find((m) => m.unknown)?.unknown;
    return {
      status: r.status === 'unknown' && unknown?.kind === 'budget' ? 'timeout' : r.status,
      members: members.length,
      optimal,
      time_ms: r.time_ms,
      train: score(train),
      test: score(test),
      ...(unknown ? { note: unknown.message } : {}),
    };
  } catch (e) {
    return { status: 'error', members: 0, optimal: 0, time_ms: Math.round(performance.now() - t0), train: null, test: null, note: (e as Error)?.message ?? String(e) };
  }
}

const secs = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(1));
const pct = (a: Accuracy | null | undefined) => (a ? `${(100 * a.accuracy).toFixed(0)}%` : '-');
const fit = (a: Accuracy | null | undefined) => (a ? `${a.correct}/${a.total}` : '-');

/**
 * other / trainsat time, when trainsat decided the instance: 'Nx'; '>Nx' when the other
 * column did not decide it within its budget; '-' otherwise.
 */
export function ratio(other: SolverColumn | null, trainsat: SolverColumn): string {
  if (!other || other.time_ms === undefined || trainsat.time_ms === undefined || !decided(trainsat.status)) return '-';
  const r = other.time_ms / Math.max(trainsat.time_ms, 1);
  const text = r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toPrecision(2);
  if (decided(other.status)) return `${text}x`;
  return other.status === 'timeout' ? `>${text}x` : '-';
}

const short = (s: Answer | undefined) => (s === 'trainable' ? 'yes' : s === 'untrainable' ? 'no' : (s ?? '-'));

/** The records as one markdown table, sorted by list position within each family (duplicates: the last line wins). */
export function bnnTable(records: readonly BnnRecord[]): string {
  const byId = new Map<string, BnnRecord>();
  for (const r of records) byId.set(r.id, r);
  const rows = [...byId.values()].sort((a, b) => (a.family === b.family ? a.index - b.index : a.family < b.family ? -1 : 1));
  const head = [
    'instance', 'm', 'test m', 'trainsat', 's', 'backend', 'vars', 'clauses', 'exact train', 'exact test', 'GD train', 'GD test',
    'HiGHS', 's', 'cbc', 's', 'cbc/trainsat', 'HiGHS/trainsat',
  ];
  const body = rows.map((r) => [
    r.id + (r.consistent ? '' : ' **INCONSISTENT**'),
    String(r.m),
    String(r.test_m),
    short(r.trainsat.status),
    secs(r.trainsat.time_ms),
    r.trainsat.backend,
    r.trainsat.vars === undefined ? '-' : String(r.trainsat.vars),
    r.trainsat.clauses === undefined ? '-' : String(r.trainsat.clauses),
    fit(r.exact.train),
    pct(r.exact.test),
    fit(r.gd.train),
    pct(r.gd.test),
    short(r.highs?.status),
    secs(r.highs?.time_ms),
    short(r.cbc?.status),
    secs(r.cbc?.time_ms),
    ratio(r.cbc, r.trainsat),
    ratio(r.highs, r.trainsat),
  ]);
  // Objective columns, when some record has them: the value ('*': proved optimal) and the best network's test accuracy.
  const names = (['min-weights', 'max-margin'] as const).filter((n) => rows.some((r) => r.objectives?.[n]));
  names.forEach((n) => head.push(n, `${n} test`));
  rows.forEach((r, i) => {
    for (const n of names) {
      const c = r.objectives?.[n];
      body[i].push(c?.value === null || c?.value === undefined ? '-' : `${c.value}${c.optimal ? '*' : ''}`, pct(c?.test));
    }
  });
  // Ensemble columns: members proved optimal (of those found) and the vote's test accuracy.
  const kinds = ENSEMBLE_KINDS.filter((k) => rows.some((r) => r.ensembles?.[k]));
  kinds.forEach((k) => head.push(`ensemble ${k}`, `${k} test`));
  rows.forEach((r, i) => {
    for (const k of kinds) {
      const c = r.ensembles?.[k];
      body[i].push(c ? (k === 'feasible' ? `${c.members} (${secs(c.time_ms)} s)` : `${c.optimal}/${c.members}* (${secs(c.time_ms)} s)`) : '-', pct(c?.test));
    }
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const budgets = [...new Set(rows.map((r) => r.timeout_ms / 1000))].join(', ');
  return [
    line(head),
    line(head.map(() => '---')),
    ...body.map(line),
    '',
    `yes/no: trainable/untrainable (every "yes" checked by exact evaluation); timeout: no answer within the budget (${budgets || '-'} s per solver); ` +
      'train: training examples fitted, test: test accuracy, by exact evaluation of the exact solution and of GD\'s best restart; ' +
      'ratios: solver time / trainsat time where trainsat decided (">": the solver ran out of its budget)' +
      (names.length > 0 ? '; min-weights / max-margin: the best value found from the exact solution (solve --objective; * = proved optimal) and that network\'s test accuracy' : '') +
      (kinds.length > 0 ? '; ensemble K: pairwise ensemble (solve --ensemble pairwise) with members optimizing K, "a/b*" = a of the b members found proved optimal, and the vote\'s test accuracy (a tie is a miss)' : '') +
      '.',
  ].join('\n');
}

/** Reads result files (JSON lines of BnnRecord). */
export function readBnnRecords(text: string, source: string): BnnRecord[] {
  return parseJsonLines<BnnRecord>(text, source, 'bnn result', 'id, index, family, m, trainsat {status}, exact, gd', (r) =>
    typeof r.id === 'string' && typeof r.index === 'number' && typeof r.family === 'string' && typeof r.m === 'number' &&
    typeof r.trainsat?.status === 'string' && typeof r.exact === 'object' && typeof r.gd === 'object',
  );
}

function progressLine(r: BnnRecord, done: number, total: number): string {
  const col = (name: string, c: SolverColumn | null) => (c ? `, ${name} ${c.status} ${secs(c.time_ms)} s` : '');
  return (
    `bnn: [${done}/${total}] ${r.id}: trainsat ${r.trainsat.status} ${secs(r.trainsat.time_ms)} s (${r.trainsat.backend}), ` +
    `exact train ${fit(r.exact.train)} test ${pct(r.exact.test)}, GD train ${fit(r.gd.train)} test ${pct(r.gd.test)} ${secs(r.gd.time_ms)} s` +
    `${col('HiGHS', r.highs)}${col('cbc', r.cbc)}` +
    Object.entries(r.objectives ?? {}).map(([n, c]) => `, ${n} ${c.value}${c.optimal ? ' (optimal)' : ''} test ${pct(c.test)}`).join('') +
    Object.entries(r.ensembles ?? {}).map(([k, c]) => `, ensemble ${k} ${c.status} ${c.optimal}/${c.members} optimal test ${pct(c.test)} ${secs(c.time_ms)} s`).join('') +
    `${r.consistent ? '' : '  INCONSISTENT'}\n`
  );
}

export async function run(args: string[]): Promise<void> {
  const o = parseBnnArgs(args);
  if (o === null) {
    console.log(USAGE);
    return;
  }
  if (o.merge) {
    const records = o.merge.flatMap((f) => readBnnRecords(readFileSync(f, 'utf8'), f));
    console.log(bnnTable(records));
    if (records.some((r) => !r.consistent)) process.exitCode = 1;
    return;
  }
  const outDir = join(repoRoot(), 'bench', 'out', 'bnn');
  const out = o.out ?? join(outDir, o.shard ? `bnn-shard-${o.shard.index}-of-${o.shard.count}.jsonl` : 'bnn.jsonl');
  mkdirSync(dirname(out), { recursive: true });
  const lpDir = join(outDir, 'lp');
  mkdirSync(lpDir, { recursive: true });
  const cbc = o.cbc ? findExecutable('cbc') : null;
  if (o.cbc && !cbc) process.stderr.write('bnn: cbc is not on PATH; the cbc column is left out\n');
  const items = bnnItems(o);
  const r = await runShard(items, {
    shard: o.shard,
    out,
    run: (item) => {
      process.stderr.write(`bnn: ${item.id} ...\n`);
      return runBnnItem(item, o, cbc, lpDir);
    },
    onProgress: (p) => {
      if (p.last) process.stderr.write(progressLine(p.last, p.done, p.total));
    },
  });
  if (r.repaired) process.stderr.write(`bnn: cut a partial last line off ${out} (a run was interrupted mid-write)\n`);
  if (r.badLines > 0) process.stderr.write(`bnn: warning: ${r.badLines} unreadable line(s) in ${out} were ignored\n`);
  process.stderr.write(`bnn: ${r.records.length} instance(s) run, ${r.skipped} already in ${out}${o.shard ? ` (shard ${o.shard.index}/${o.shard.count}: ${r.total} of ${items.length})` : ''}\n`);
  const all = existsSync(out) ? readBnnRecords(readFileSync(out, 'utf8'), out) : r.records;
  const mine = new Set((o.shard ? shardItems(items, o.shard) : items).map((it) => it.id));
  console.log(bnnTable(all.filter((x) => mine.has(x.id))));
  if (r.records.some((x) => !x.consistent)) process.exitCode = 1;
}
