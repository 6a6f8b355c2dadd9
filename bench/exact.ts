/**
 * `npm run bench -- exact` (or `node dist/bench/exact.js`): exact decision of real-weight
 * threshold networks, in one run side by side:
 *  - hybrid   : decideHybrid (src/exact, SAT + LP with exact certificates), in process,
 *               after about a second of warm-up (JIT), in a first pass over all instances
 *               (median of up to 5 back-to-back runs, like z3's repeats);
 *  - hybrid-cli: `trainsat solve FILE --backend hybrid --json` end to end (spawn to exit),
 *               the fair comparison with a native solver binary;
 *  - cadical  : the bit-blasted encoding (src/encode/loading.ts) on CaDiCaL/WASM, in process,
 *               with a per-instance timeout;
 *  - z3       : native z3 (Debian package `z3`) on an SMT-LIB 2 file (QF_LRA, real weights)
 *               written by src/encode/smtlib.ts; skipped cleanly when z3 is not on PATH.
 *  - highs    : decide(instance, { backend: 'highs' }) (WebAssembly HiGHS on the MIP of
 *               src/encode/lp.ts, float solution checked exactly), in process, with a
 *               per-instance time limit, with staged weight boxes (small boxes first, the
 *               complete box last; see src/mip/ladder.ts; results.json records the
 *               stages); 'unknown' when no box gives a point that passes the exact check;
 *  - cbc      : native CBC (Debian package `coinor-cbc`) on the CPLEX LP files from toLp,
 *               `cbc FILE.lp solve solu FILE.sol`, as a MIP solver (cbcSolver) on the same
 *               weight-box ladder as --backend highs (src/mip/ladder.ts: only the complete
 *               box can say untrainable, points are made exact and checked the same way);
 *               skipped cleanly when cbc is not on PATH. Its status is read from 'Result -
 *               Optimal solution found' / 'Result - Problem proven infeasible' / 'Problem is
 *               infeasible' (see parseCbc); a feasible point is read back from the solution
 *               file (parseCbcSolution).
 *
 * Families (src/sweep/families.ts, fixed seeds): blum-rivest-and and
 * blum-rivest on random labelings (each label a fair coin) of distinct random points of
 * {0,1}^n: n = 8..14 with m = 3n, 4n, 5n, 6n, and n = 16 with m = 64 (both) and 96
 * (blum-rivest-and); perceptron sanity instances (random labels, and labels planted by a
 * random perceptron). `--big` adds n = 16 with m = 48, 80, blum-rivest n = 16, m = 96
 * (native z3 > 5 minutes) and n = 18, 20 (m = 3n..5n), and the 3-node frontier: blum-rivest-and
 * at m = 5n, n = 22, 24, ..., 30, three seeds each, run once each with budgets
 * (--frontier-timeout S for the hybrid, default 120; --frontier-z3-timeout S for z3,
 * default 120), without the cadical, highs and cbc columns. Set splitting: random 3-uniform
 * hypergraphs (each set 3 distinct random elements) on n = 10, 12, ..., 20, 30, 40 elements with
 * round(d n) sets, d in {1.8, 2.2, 2.6} (around the 2-colourability threshold, about 2.1-2.4
 * sets per element), reduced to blum-rivest-and by reductions/ (setSplittingToBlumRivestAnd).
 * Deep (src/sweep/deep.ts): layered real-weight threshold networks with hidden layers
 * 2-2 (n = 10..16), 3-3 (n = 10, 12), 2-2-2 (n = 10, 12) and 3-3-3 (n = 12), m = 3n and
 * 6n (5n for 3-3-3), random labels and labels planted by a random network of the same
 * shape (DEEP_GRID); hybrid and z3 get at most --deep-timeout S each there (default 60),
 * and a summary line gives the ratios z3 / hybrid of the family (a z3 timeout counting
 * as a lower bound).
 * The default run takes about 10 minutes on 2 cores, nearly all of it z3 and the timeouts
 * of the bit-blasting, highs and cbc columns.
 *
 * Reports, per instance, the answer and time of every solver, whether the answers agree,
 * and the ratio z3 / hybrid; then solved counts and median ratios. Writes
 * bench/out/exact/results.json. Options: --quick (a few small instances), --big,
 * --timeout S (cadical, default 10; after a timeout, larger n of the same preset are
 * skipped), --z3-timeout S (default 300), --highs-timeout S and --cbc-timeout S (default
 * 20 each; after a timeout, larger n of the same preset or family are skipped), --no-z3,
 * --hybrid-timeout S (default 300), --deep-timeout S (default 60),
 * --no-cadical, --no-cli, --no-highs, --no-cbc, --no-splitting, --only-splitting, --no-deep,
 * --only-deep, --only REGEX
 * (instances whose name matches). Any
 * disagreement between backends that finish is printed loudly and sets exit code 1.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../src/decide.js';
import type { LpWithNames } from '../src/encode/lp.js';
import { toSmtLib } from '../src/encode/smtlib.js';
import { decideHybrid } from '../src/exact/hybrid.js';
import { findExecutable } from '../src/solvers/external.js';
import { solveInWeightBoxes, type MipStage } from '../src/mip/ladder.js';
import type { MipSolution, MipSolveOptions, MipSolver } from '../src/mip/solver.js';
import type { PresetName } from '../src/model/presets.js';
import type { Instance, Status } from '../src/model/types.js';
import { Rng } from '../src/random/rng.js';
import { DEEP_LABELS, type DeepLabels } from '../src/sweep/deep.js';
import { drawInstance } from '../src/sweep/families.js';
import { median, medianTimed, repoRoot, seconds, table, timeCommand } from './lib.js';

export const description = 'exact real weights: hybrid SAT+LP vs bit-blasted cadical vs native z3 (QF_LRA)';

interface Spec {
  name: string;
  preset: PresetName;
  n: number;
  m: number;
  seed: number;
  planted?: boolean;
  /** Random 3-uniform set splitting with round(density * n) sets, reduced to blum-rivest-and. */
  density?: number;
  /** Deep family (src/sweep/deep.ts): the hidden layers' widths of a layered network, and how the labels are drawn. */
  hidden?: number[];
  labels?: DeepLabels;
  /** The 3-node frontier (--big): the hybrid and z3 run once each, within their frontier budgets. */
  frontier?: boolean;
}

/** The key under which a column gives up on larger n after a timeout. */
const group = (s: Spec) => (s.density !== undefined ? 'ss-bra' : s.hidden ? `deep-${s.hidden.join('-')}` : s.preset);

interface Options {
  quick: boolean;
  big: boolean;
  cadicalMs: number;
  z3Ms: number;
  /** In-process hybrid budget per instance ('unknown' when it runs out). */
  hybridMs: number;
  /** Budget of the hybrid (all columns) and of z3 on the deep family, at most their own. */
  deepMs: number;
  z3: boolean;
  cadical: boolean;
  cli: boolean;
  highsMs: number;
  highs: boolean;
  cbcMs: number;
  cbc: boolean;
  splitting: boolean;
  random: boolean;
  /** The deep family (layered networks of depth 2 and 3). */
  deep: boolean;
  /** The 3-node frontier's budgets: the hybrid (in process and CLI) and z3. */
  frontierMs: number;
  frontierZ3Ms: number;
  /** Only the instances whose name matches. */
  only?: RegExp;
}

type Answer = Status | 'timeout' | 'error' | 'skipped';

interface Timing {
  answer: Answer;
  /** Wall-clock ms; for hybrid, hybrid-cli and z3 the median over `runs` runs (medianTimed, bench/lib.ts). */
  ms?: number;
  runs?: number;
  /** highs and cbc: the weight boxes tried, e.g. '16:infeasible 256:trainable'. */
  stages?: string;
  /** The 3-node frontier's hybrid: CPU time of the process during the run (user + system), steadier than wall time on a loaded machine. */
  cpuMs?: number;
}

function parseArgs(args: string[]): Options {
  const o: Options = {
    quick: false,
    big: false,
    cadicalMs: 10_000,
    z3Ms: 300_000,
    hybridMs: 300_000,
    deepMs: 60_000,
    z3: true,
    cadical: true,
    cli: true,
    highsMs: 20_000,
    highs: true,
    cbcMs: 20_000,
    cbc: true,
    splitting: true,
    random: true,
    deep: true,
    frontierMs: 120_000,
    frontierZ3Ms: 120_000,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--big') o.big = true;
    else if (a === '--timeout') o.cadicalMs = Number(args[++i]) * 1000;
    else if (a === '--z3-timeout') o.z3Ms = Number(args[++i]) * 1000;
    else if (a === '--hybrid-timeout') o.hybridMs = Number(args[++i]) * 1000;
    else if (a === '--deep-timeout') o.deepMs = Number(args[++i]) * 1000;
    else if (a === '--no-z3') o.z3 = false;
    else if (a === '--no-cadical') o.cadical = false;
    else if (a === '--no-cli') o.cli = false;
    else if (a === '--highs-timeout') o.highsMs = Number(args[++i]) * 1000;
    else if (a === '--cbc-timeout') o.cbcMs = Number(args[++i]) * 1000;
    else if (a === '--no-highs') o.highs = false;
    else if (a === '--no-cbc') o.cbc = false;
    else if (a === '--no-splitting') o.splitting = false;
    else if (a === '--only-splitting') {
      o.random = false;
      o.deep = false;
    } else if (a === '--no-deep') o.deep = false;
    else if (a === '--only-deep') {
      o.random = false;
      o.splitting = false;
    } else if (a === '--frontier-timeout') o.frontierMs = Number(args[++i]) * 1000;
    else if (a === '--frontier-z3-timeout') o.frontierZ3Ms = Number(args[++i]) * 1000;
    else if (a === '--only') o.only = new RegExp(args[++i] ?? '');
    else throw new Error(`exact suite: unknown option '${a}' (see bench/exact.ts)`);
  }
  return o;
}

/**
 * The deep family of the default run: [n, hidden widths, m/n ratios], each with random and
 * planted labels (depth 2 and 3, n = 10 to 16, m up to 6n).
 */
const DEEP_GRID: [number, number[], number[]][] = [
  [10, [2, 2], [3, 6]],
  [12, [2, 2], [3, 6]],
  [14, [2, 2], [3, 6]],
  [16, [2, 2], [3, 6]],
  [10, [3, 3], [3, 6]],
  [12, [3, 3], [3, 6]],
  [10, [2, 2, 2], [3, 6]],
  [12, [2, 2, 2], [3, 6]],
  [12, [3, 3, 3], [3, 5]],
];

/** The instance families (fixed seeds). */
export function specs(o: { quick: boolean; big: boolean; splitting?: boolean; random?: boolean; deep?: boolean }): Spec[] {
  const out: Spec[] = [];
  const add = (preset: PresetName, n: number, m: number, seed: number, planted = false) => {
    const tag = preset === 'blum-rivest-and' ? 'bra' : preset === 'blum-rivest' ? 'br' : 'perc';
    out.push({ name: `${tag}${planted ? '-planted' : ''}-n${n}-m${m}-s${seed}`, preset, n, m, seed, planted });
  };
  // Random 3-uniform set splitting reduced to blum-rivest-and (Blum & Rivest): n elements,
  // round(d * n) sets of 3 distinct elements; d around the 2-colourability threshold of
  // random 3-uniform hypergraphs (about 2.1-2.4 sets per element).
  const addSplitting = (n: number, d: number, seed: number) => {
    out.push({ name: `ss-bra-n${n}-d${d.toFixed(1)}-s${seed}`, preset: 'blum-rivest-and', n, m: Math.round(d * n), seed, density: d });
  };
  // Layered real-weight threshold networks (src/sweep/deep.ts): hidden layers `hidden`,
  // labels random or planted by a random network of the same shape.
  const addDeep = (n: number, hidden: number[], m: number, labels: DeepLabels, seed: number) => {
    out.push({ name: `deep-${labels === 'random' ? 'r' : 'p'}-n${n}-h${hidden.join('-')}-m${m}-s${seed}`, preset: 'layered', n, m, seed, hidden, labels });
  };
  if (o.quick) {
    if (o.random !== false) {
      add('blum-rivest-and', 10, 40, 1);
      add('blum-rivest', 10, 40, 1);
      add('perceptron', 10, 30, 1, true);
    }
    if (o.splitting !== false) addSplitting(10, 2.2, 1);
    if (o.deep !== false) addDeep(10, [2, 2], 40, 'random', 1);
    return out;
  }
  if (o.deep !== false) {
    for (const [n, hidden, ratios] of DEEP_GRID) {
      for (const f of ratios) for (const labels of DEEP_LABELS) addDeep(n, hidden, f * n, labels, 300 * n + 10 * f + hidden.length);
    }
  }
  if (o.splitting !== false) {
    // n = 30, 40: where native z3 is still fast on these sparse points (see README).
    for (const n of [10, 12, 14, 16, 18, 20, 30, 40]) {
      for (const d of [1.8, 2.2, 2.6]) addSplitting(n, d, 5000 + 10 * n + Math.round(d * 10));
    }
  }
  if (o.random === false) return out;
  // n = 8..14 with m = 3n..6n; n = 16 with m = 4n, 6n (native z3 needs minutes on the
  // largest); --big adds the rest of n = 16 and n = 18, 20.
  const grid: [number, number[]][] = [
    [8, [3, 4, 5, 6]],
    [10, [3, 4, 5, 6]],
    [12, [3, 4, 5, 6]],
    [14, [3, 4, 5, 6]],
    [16, o.big ? [3, 4, 5, 6] : [4, 6]],
    ...(o.big ? ([[18, [3, 4, 5]], [20, [3, 4, 5]]] as [number, number[]][]) : []),
  ];
  for (const [n, fs] of grid) {
    for (const f of fs) {
      add('blum-rivest-and', n, f * n, 100 * n + f);
      // blum-rivest n = 16, m = 96 takes native z3 more than 5 minutes: --big only.
      if (o.big || n < 16 || f < 6) add('blum-rivest', n, f * n, 100 * n + f);
    }
  }
  // The 3-node frontier: random labelings of blum-rivest-and at m = 5n, n = 22..30, three
  // seeds each (the grid's seed and two more), where one search strategy's time is
  // heavy-tailed (docs/measurements.md, "3-node frontier").
  if (o.big) {
    for (const n of [22, 24, 26, 28, 30]) {
      for (const k of [0, 1, 2]) {
        const seed = 100 * n + 5 + 1000 * k;
        out.push({ name: `bra-n${n}-m${5 * n}-s${seed}`, preset: 'blum-rivest-and', n, m: 5 * n, seed, frontier: true });
      }
    }
  }
  add('perceptron', 10, 30, 1);
  add('perceptron', 12, 60, 2);
  add('perceptron', 10, 30, 3, true);
  add('perceptron', 16, 96, 4, true);
  return out;
}

/**
 * The instance of a spec, from the families of src/sweep/families.ts: distinct random points
 * of {0,1}^n with random labels (`random`) or labels of a random network of the same
 * architecture (`planted`); or, with `density`, a random 3-uniform set-splitting instance
 * reduced to blum-rivest-and (`set-splitting`).
 */
export function generate(s: Spec): Instance {
  const family = s.density !== undefined ? 'set-splitting' : s.hidden ? 'deep' : s.planted ? 'planted' : 'random';
  const seed = s.density !== undefined ? s.seed * 104729 + s.n * 37 + s.m : s.seed * 7919 + s.n * 31 + s.m;
  return drawInstance(Rng.fromSeed(seed), { family, preset: s.preset, n: s.n, size: s.m, name: s.name, hidden: s.hidden, labels: s.labels }).instance;
}

function instanceJson(s: Spec, inst: Instance): string {
  return JSON.stringify({
    name: s.name,
    network: { preset: s.preset, inputs: s.n, ...(s.hidden ? { hidden: s.hidden } : {}) },
    examples: inst.examples.map((ex) => ({ x: ex.x.map((v) => Number(v.num)), y: ex.y })),
  });
}

function fmt(t: Timing | undefined): string {
  if (!t || t.answer === 'skipped') return '-';
  if (t.answer === 'timeout') return 'timeout';
  if (t.answer === 'error' || t.answer === 'unknown') return t.answer;
  return seconds(t.ms);
}

const short = (a: Answer | undefined) => (a === 'trainable' ? 'T' : a === 'untrainable' ? 'U' : a ?? '-');

export async function run(args: string[]): Promise<void> {
  const o = parseArgs(args);
  const root = repoRoot();
  const outDir = join(root, 'bench', 'out', 'exact');
  mkdirSync(outDir, { recursive: true });
  const z3 = o.z3 ? findExecutable('z3') : null;
  if (o.z3 && !z3) console.log('note: z3 not found on PATH (Debian: apt-get install z3); skipping the z3 column');
  const cbc = o.cbc ? findExecutable('cbc') : null;
  if (o.cbc && !cbc) console.log('note: cbc not found on PATH (Debian: apt-get install coinor-cbc); skipping the cbc column');
  const mainJs = join(root, 'dist', 'src', 'cli', 'main.js');
  // The deep family's random labellings at m = 6n can take either solver minutes: both get --deep-timeout.
  /** A run's budget: the frontier's own, the deep family's cap, or the suite's. */
  const budget = (s: Spec, ms: number, frontierMs = o.frontierMs) => (s.frontier ? frontierMs : s.hidden ? Math.min(ms, o.deepMs) : ms);
  const list = specs(o).filter((s) => !o.only || o.only.test(s.name));
  console.log(
    `exact suite: ${list.length} instances; timeouts: cadical ${o.cadicalMs / 1000} s, highs ${o.highsMs / 1000} s, cbc ${o.cbcMs / 1000} s, z3 ${o.z3Ms / 1000} s`,
  );

  // Warm-up (JIT) for about a second on instances that are not measured, of every kind
  // measured (random labelings and set splitting: the sparse points of the latter take
  // other paths): the in-process column is what a long-running caller sees; hybrid-cli
  // shows the cold, end-to-end cost.
  const warmEnd = performance.now() + 1000;
  for (let seed = 990; performance.now() < warmEnd; seed++) {
    for (const preset of ['blum-rivest-and', 'blum-rivest', 'perceptron'] as const) {
      await decideHybrid(generate({ name: 'warmup', preset, n: 12, m: 48, seed }));
    }
    await decideHybrid(generate({ name: 'warmup', preset: 'blum-rivest-and', n: 16, m: 35, seed, density: 2.2 }));
  }
  // Start-up floors: what each side costs on a problem with nothing to solve, for reading
  // the ratios on small instances (where z3 mostly measures its own start-up).
  if (z3) {
    const triv = join(outDir, 'empty.smt2');
    writeFileSync(triv, '(check-sat)\n');
    const f = await medianTimed(async () => {
      const value = await timeCommand(z3, [triv]);
      return { value, ms: value.ms };
    }, 5, 5000);
    console.log(`z3 start-up floor (an empty problem, median of ${f.runs}): ${f.ms.toFixed(1)} ms`);
  }
  if (o.cli) {
    const triv = join(outDir, 'one-example.json');
    writeFileSync(triv, JSON.stringify({ network: { preset: 'perceptron', inputs: 1 }, examples: [{ x: [1], y: [1] }] }));
    const f = await medianTimed(async () => {
      const value = await timeCommand(process.execPath, [mainJs, 'solve', triv, '--backend', 'hybrid', '--json']);
      return { value, ms: value.ms };
    }, 5, 5000);
    console.log(`trainsat solve start-up floor (one example, median of ${f.runs}): ${f.ms.toFixed(1)} ms`);
  }
  // Load HiGHS (WebAssembly) once before timing, so the first highs time is not its start-up.
  if (o.highs) await decide(generate({ name: 'warmup', preset: 'blum-rivest-and', n: 6, m: 12, seed: 990 }), { backend: 'highs', timeoutMs: 5000 });

  // The in-process hybrid column first, in a pass of its own over all instances: every
  // solver's repeated runs are then back to back in a process that nothing else has just
  // used (z3's repeats too), instead of the hybrid's following the in-process cadical and
  // highs columns and the child processes (measured: those make the next hybrid runs
  // 1.3-2x slower on the set-splitting family).
  const hybridRuns = new Map<string, { value: Awaited<ReturnType<typeof decideHybrid>>; ms: number; runs: number; cpuMs?: number }>();
  const instances = new Map(list.map((s) => [s.name, generate(s)]));
  for (const s of list) {
    const inst = instances.get(s.name)!;
    if (s.frontier) {
      // Once, within the budget; with the CPU time, steadier than wall time on a loaded machine.
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const value = await decideHybrid(inst, { timeoutMs: o.frontierMs });
      const c = process.cpuUsage(c0);
      hybridRuns.set(s.name, { value, ms: performance.now() - t0, runs: 1, cpuMs: (c.user + c.system) / 1000 });
      continue;
    }
    hybridRuns.set(
      s.name,
      await medianTimed(async () => {
        const t0 = performance.now();
        const value = await decideHybrid(inst, { timeoutMs: budget(s, o.hybridMs) });
        return { value, ms: performance.now() - t0 };
      }),
    );
  }

  const results: {
    spec: Spec;
    hybrid: Timing;
    cli?: Timing;
    cadical?: Timing;
    highs?: Timing;
    cbc?: Timing;
    z3?: Timing;
    stats: Record<string, unknown>;
    agree: boolean;
  }[] = [];
  const rows: string[][] = [];
  // Per column: after a timeout at n, larger n of the same group (preset or family) are skipped.
  const gaveUp = { cadical: new Map<string, number>(), highs: new Map<string, number>(), cbc: new Map<string, number>() };
  const skip = (k: keyof typeof gaveUp, s: Spec) => (gaveUp[k].get(group(s)) ?? Infinity) <= s.n;
  const giveUp = (k: keyof typeof gaveUp, s: Spec) => gaveUp[k].set(group(s), Math.min(gaveUp[k].get(group(s)) ?? Infinity, s.n + 1));
  for (const s of list) {
    const inst = instances.get(s.name)!;
    const file = join(outDir, `${s.name}.json`);
    writeFileSync(file, instanceJson(s, inst));
    const hr = hybridRuns.get(s.name)!;
    const h = hr.value;
    const hybrid: Timing = { answer: h.status === 'unknown' && s.frontier ? 'timeout' : h.status, ms: hr.ms, runs: hr.runs, ...(s.frontier ? { cpuMs: hr.cpuMs } : {}) };
    let cli: Timing | undefined;
    if (o.cli) {
      const rr = await medianTimed(async () => {
        const b = budget(s, o.hybridMs);
        const value = await timeCommand(process.execPath, [mainJs, 'solve', file, '--backend', 'hybrid', '--json', '--timeout', String(b / 1000)], { timeoutMs: b + 60_000 });
        return { value, ms: value.ms };
      }, s.frontier ? 1 : 3);
      const r = rr.value;
      const status = r.code === 10 ? 'trainable' : r.code === 20 ? 'untrainable' : r.code === 0 ? 'unknown' : 'error';
      cli = { answer: r.timedOut ? 'timeout' : status, ms: rr.ms, runs: rr.runs };
    }
    let cadical: Timing | undefined;
    if (o.cadical && (s.frontier || skip('cadical', s))) cadical = { answer: 'skipped' };
    else if (o.cadical) {
      const t1 = performance.now();
      try {
        const c = await decide(inst, { backend: 'cadical', timeoutMs: o.cadicalMs });
        cadical = { answer: c.status === 'unknown' ? 'timeout' : c.status, ms: performance.now() - t1 };
        // Bit-blasting only gets harder with n: after a timeout, skip larger n of the preset.
        if (c.status === 'unknown') giveUp('cadical', s);
      } catch {
        cadical = { answer: 'error' };
      }
    }
    let highs: Timing | undefined;
    if (o.highs && (s.frontier || skip('highs', s))) highs = { answer: 'skipped' };
    else if (o.highs) {
      const t1 = performance.now();
      try {
        const c = await decide(inst, { backend: 'highs', timeoutMs: o.highsMs });
        const ms = performance.now() - t1;
        const hs = String((c.stats as { highs_status?: unknown }).highs_status ?? '');
        // 'unknown' is a timeout when HiGHS hit its time limit (or the wall clock ran out);
        // otherwise HiGHS stopped for another reason (e.g. a float point failing the exact check).
        const timedOut = c.status === 'unknown' && (/time limit/i.test(hs) || ms >= o.highsMs);
        const stages = (c.stats as { stages?: { box: string; outcome: string }[] }).stages?.map((st) => `${st.box}:${st.outcome}`).join(' ');
        highs = { answer: timedOut ? 'timeout' : c.status, ms, stages };
        if (timedOut) giveUp('highs', s);
      } catch {
        highs = { answer: 'error' };
      }
    }
    let cbcT: Timing | undefined;
    if (cbc && (s.frontier || skip('cbc', s))) cbcT = { answer: 'skipped' };
    else if (cbc) {
      cbcT = await cbcLadder(cbc, inst, join(outDir, s.name), o.cbcMs);
      if (cbcT.answer === 'timeout') giveUp('cbc', s);
    }
    let z3t: Timing | undefined;
    if (z3) {
      const smt = join(outDir, `${s.name}.smt2`);
      writeFileSync(smt, toSmtLib(inst));
      const rr = await medianTimed(
        async () => {
          const value = await timeCommand(z3, [smt], { timeoutMs: budget(s, o.z3Ms, Math.min(o.z3Ms, o.frontierZ3Ms)) });
          return { value, ms: value.ms };
        },
        s.frontier ? 1 : 5,
      );
      const r = rr.value;
      const out = r.stdout.trim();
      z3t = { answer: r.timedOut ? 'timeout' : out === 'sat' ? 'trainable' : out === 'unsat' ? 'untrainable' : 'error', ms: rr.ms, runs: rr.runs };
    }
    const decided = [hybrid, cli, cadical, highs, cbcT, z3t].filter((t): t is Timing => decidedAns(t));
    const agree = decided.every((t) => t.answer === decided[0].answer);
    const st = h.stats;
    results.push({ spec: s, hybrid, cli, cadical, highs, cbc: cbcT, z3: z3t, stats: { ...st, patterns: undefined }, agree });
    const ratio = (a?: Timing, b?: Timing) => (a?.ms !== undefined && b?.ms !== undefined && a.answer === b.answer && decidedAns(a) ? (a.ms / b.ms).toFixed(1) + 'x' : '-');
    rows.push([
      s.name,
      short(h.status),
      hybrid.ms !== undefined && decidedAns(hybrid) ? (hybrid.ms / 1000).toFixed(3) : fmt(hybrid),
      fmt(cli),
      fmt(cadical),
      fmt(highs),
      fmt(cbcT),
      fmt(z3t),
      ratio(z3t, cli),
      ratio(z3t, hybrid),
      String(st.conflicts),
      String(st.lps),
      agree ? 'yes' : 'NO',
    ]);
    console.log(rows[rows.length - 1].join('  '));
    if (!agree) {
      const names = ['hybrid', 'hybrid-cli', 'cadical', 'highs', 'cbc', 'z3'];
      const detail = [hybrid, cli, cadical, highs, cbcT, z3t].map((t, i) => `${names[i]} ${t?.answer ?? '-'}`).join(', ');
      console.log(`!!! DISAGREEMENT on ${s.name}: ${detail}`);
    }
  }
  console.log();
  console.log(table(['instance', 'ans', 'hybrid s', 'hyb-cli s', 'cadical s', 'highs s', 'cbc s', 'z3 s', 'z3/cli', 'z3/hyb', 'confl', 'LPs', 'agree'], rows));
  type Col = 'hybrid' | 'cli' | 'cadical' | 'highs' | 'cbc' | 'z3';
  const cols: [Col, string, boolean][] = [
    ['hybrid', 'hybrid', true],
    ['cli', 'hybrid-cli', o.cli],
    ['cadical', 'cadical', o.cadical],
    ['highs', 'highs', o.highs],
    ['cbc', 'cbc', !!cbc],
    ['z3', 'z3', !!z3],
  ];
  const solved = (k: Col, rs = results) => rs.filter((r) => decidedAns(r[k])).length;
  console.log();
  const families: [string, typeof results][] = [
    ['all', results],
    ['random labelings', results.filter((r) => isRandomLabeling(r.spec))],
    ['set splitting', results.filter((r) => r.spec.density !== undefined)],
    ['deep', results.filter((r) => r.spec.hidden !== undefined)],
    ['perceptron', results.filter((r) => r.spec.preset === 'perceptron')],
  ];
  for (const [fam, rs] of families) {
    if (rs.length === 0) continue;
    console.log(`solved (${fam}, of ${rs.length}): ${cols.map(([k, label, on]) => `${label} ${on ? solved(k, rs) : '-'}`).join(', ')}`);
  }
  for (const [k, label, on] of cols) {
    if (!on) continue;
    const count = (ans: Answer) => results.filter((r) => r[k]?.answer === ans).length;
    const parts = (['timeout', 'unknown', 'error', 'skipped'] as const).filter((x) => count(x) > 0).map((x) => `${count(x)} ${x}`);
    const why =
      k === 'highs' && count('unknown')
        ? ' (unknown: HiGHS stopped before the time limit without a point that passes exact evaluation or a claim its precision supports, or aborted; results.json has each stage)'
        : k === 'cbc' && count('unknown')
          ? ' (unknown: a feasible claim on the complete box whose point fails the exact check or cannot be read ' +
            '(stage complete:point-rejected / complete:point-unreadable in results.json), ' +
            'an infeasibility claim on a complete box whose coefficients exceed what tolerance 1e-9 can carry (see floatVerdictTrusted), ' +
            'or cbc stopping without an answer (stage :error))'
          : '';
    if (parts.length) console.log(`${label} not decided: ${parts.join(', ')}${why}`);
  }
  if (z3) {
    // Median of z3 time / backend time over the instances both decide (> 1: faster than z3).
    for (const [k, label, on] of cols) {
      if (!on || k === 'z3') continue;
      const b = results.filter((r) => decidedAns(r[k]) && decidedAns(r.z3));
      if (b.length === 0) {
        console.log(`${label} vs z3: no instance decided by both`);
        continue;
      }
      const ratios = b.map((r) => r.z3!.ms! / r[k]!.ms!);
      const tz = b.reduce((a, r) => a + r.z3!.ms!, 0);
      const th = b.reduce((a, r) => a + r[k]!.ms!, 0);
      const hard = b.filter((r) => r.z3!.ms! >= 1000).map((r) => r.z3!.ms! / r[k]!.ms!);
      const tiers: [string, (ms: number) => boolean][] = [
        ['z3 < 0.1 s', (ms) => ms < 100],
        ['0.1 s <= z3 < 1 s', (ms) => ms >= 100 && ms < 1000],
        ['z3 >= 1 s', (ms) => ms >= 1000],
      ];
      const byTier = tiers
        .map(([name, inTier]) => {
          const rs = b.filter((r) => inTier(r.z3!.ms!)).map((r) => r.z3!.ms! / r[k]!.ms!);
          return rs.length ? `${name}: ${rs.length}, median ${median(rs).toFixed(1)}x, min ${Math.min(...rs).toFixed(1)}x` : `${name}: none`;
        })
        .join('; ');
      const fam = (rs: typeof b) => (rs.length ? `${median(rs.map((r) => r.z3!.ms! / r[k]!.ms!)).toFixed(1)}x (${rs.length})` : '-');
      console.log(
        `${label} vs z3 (z3 time / ${label} time) on ${b.length} instances: median ratio ${median(ratios).toFixed(2)}x, ` +
          `total ${seconds(th)} s vs ${seconds(tz)} s (${(tz / th).toFixed(1)}x), min ratio ${Math.min(...ratios).toFixed(2)}x` +
          (hard.length ? `; on the ${hard.length} where z3 needs >= 1 s: median ${median(hard).toFixed(1)}x, min ${Math.min(...hard).toFixed(1)}x` : '') +
          `; median by family: random ${fam(b.filter((r) => isRandomLabeling(r.spec)))}, ` +
          `set splitting ${fam(b.filter((r) => r.spec.density !== undefined))}, deep ${fam(b.filter((r) => r.spec.hidden !== undefined))}`,
      );
      console.log(`  ${label} vs z3 by z3's time: ${byTier}`);
    }
  }
  if (z3) {
    // The deep family's targets: median z3 / hybrid, and the same where z3 needs >= 1 s
    // (a z3 timeout counts with its budget as a lower bound on z3's time).
    const deep = results.filter((r) => r.spec.hidden !== undefined && decidedAns(r.hybrid) && (decidedAns(r.z3) || r.z3?.answer === 'timeout'));
    if (deep.length > 0) {
      const ratio = (r: (typeof deep)[number]) => r.z3!.ms! / r.hybrid.ms!;
      const hard = deep.filter((r) => r.z3!.ms! >= 1000);
      const undecided = results.filter((r) => r.spec.hidden !== undefined && !decidedAns(r.hybrid)).length;
      console.log(
        `deep family, hybrid vs z3 on ${deep.length} instances (z3 timeouts as lower bounds): median ${median(deep.map(ratio)).toFixed(1)}x, min ${Math.min(...deep.map(ratio)).toFixed(1)}x` +
          (hard.length ? `; where z3 needs >= 1 s (${hard.length}): median ${median(hard.map(ratio)).toFixed(1)}x, min ${Math.min(...hard.map(ratio)).toFixed(1)}x` : '') +
          (undecided ? `; hybrid undecided on ${undecided}` : ''),
      );
    }
  }
  const z3Timeouts = results.filter((r) => r.z3?.answer === 'timeout' && decidedAns(r.hybrid));
  for (const r of z3Timeouts) {
    console.log(`${r.spec.name}: z3 timed out after ${seconds(r.z3!.ms)} s, hybrid ${seconds(r.hybrid.ms)} s (>= ${(r.z3!.ms! / r.hybrid.ms!).toFixed(0)}x)`);
  }
  const frontier = results.filter((r) => r.spec.frontier);
  if (frontier.length > 0) {
    // The target: each decided in under 10 s (in process); against z3 a ratio, or a lower bound when z3 ran out.
    const under = frontier.filter((r) => decidedAns(r.hybrid) && r.hybrid.ms! < 10_000).length;
    console.log(`3-node frontier (blum-rivest-and, m = 5n): ${under} of ${frontier.length} decided in under 10 s`);
    for (const r of frontier) {
      const z = r.z3;
      const vs = !z || !decidedAns(r.hybrid) ? '' : decidedAns(z) ? `, z3 ${seconds(z.ms)} s (${(z.ms! / r.hybrid.ms!).toFixed(1)}x)` : z.answer === 'timeout' ? `, z3 none in ${seconds(z.ms)} s (>= ${(z.ms! / r.hybrid.ms!).toFixed(1)}x)` : `, z3 ${z.answer}`;
      const cpu = r.hybrid.cpuMs !== undefined ? ` (CPU ${seconds(r.hybrid.cpuMs)} s)` : '';
      console.log(`  ${r.spec.name}: ${r.hybrid.answer} ${decidedAns(r.hybrid) ? seconds(r.hybrid.ms) + ' s' : `after ${seconds(r.hybrid.ms)} s`}${cpu}, ${String(r.stats.conflicts)} conflicts${vs}`);
    }
  }
  const splitRs = results.filter((r) => r.spec.density !== undefined && decidedAns(r.hybrid));
  for (const d of [...new Set(splitRs.map((r) => r.spec.density!))].sort((a, b) => a - b)) {
    const rs = splitRs.filter((r) => r.spec.density === d);
    console.log(`set splitting d = ${d}: ${rs.filter((r) => r.hybrid.answer === 'trainable').length} of ${rs.length} splittable (trainable)`);
  }
  const disagreements = results.filter((r) => !r.agree).map((r) => r.spec.name);
  if (disagreements.length === 0) console.log('all answers agree (across every backend that finished)');
  else {
    console.log('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    console.log(`!!! ANSWERS DISAGREE on ${disagreements.length} instance(s): ${disagreements.join(', ')}`);
    console.log('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  }
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  console.log(`wrote ${join(outDir, 'results.json')}`);
  if (disagreements.length > 0) process.exitCode = 1;
}

/**
 * The cbc column: native CBC on the weight-box ladder of --backend highs
 * (solveInWeightBoxes, src/mip/ladder.ts), files under `base`. The stages read as
 * `BOX:OUTCOME`, e.g. '16:infeasible 256:trainable'; an unknown stage names what went
 * wrong: timeout, error, point-unreadable (no solution file to read back), point-rejected
 * (no exact rounding of cbc's point passes exact evaluation), or unknown (an infeasibility
 * claim on the complete box that tolerance 1e-9 cannot carry: at n = 20 cbc called a
 * trainable instance infeasible in 0.2 s).
 */
export async function cbcLadder(cbc: string, inst: Instance, base: string, budgetMs: number): Promise<Timing> {
  const t0 = performance.now();
  const r = await solveInWeightBoxes(inst, cbcSolver(cbc, base), { timeoutMs: budgetMs });
  const answer: Answer = r.status !== 'unknown' ? r.status : r.unknown?.kind === 'budget' ? 'timeout' : 'unknown';
  return { answer, ms: performance.now() - t0, stages: r.stages.map((st) => `${st.box}:${stageOutcome(st)}`).join(' ') };
}

/** A ladder stage's outcome in the cbc column's words. */
function stageOutcome(st: MipStage): string {
  if (st.outcome === 'trainable') return 'trainable';
  if (st.outcome === 'infeasible') return st.box === 'complete' ? 'untrainable' : 'infeasible';
  if (st.point) return `point-${st.point}`;
  return st.reason === 'budget' ? 'timeout' : st.reason === 'solver' ? 'error' : 'unknown';
}

/**
 * CBC as a MipSolver: the box's LP written to `BASE.b16.lp` (`BASE.complete.lp`), solved
 * by `cbc FILE.lp solve solu FILE.sol` (with a tolerance: `-primalT T -integerT T`), killed
 * at the time limit; a feasible point is read back from FILE.sol (a file from an earlier
 * run is removed first, so it is never read).
 */
export function cbcSolver(cbc: string, base: string): MipSolver {
  return {
    name: 'cbc',
    async solve(lp: LpWithNames, o: MipSolveOptions): Promise<MipSolution> {
      const file = `${base}.${o.box === 'complete' ? 'complete' : `b${o.box}`}.lp`;
      const solFile = file.replace(/\.lp$/, '.sol');
      writeFileSync(file, lp.text);
      rmSync(solFile, { force: true });
      const args =
        o.tolerance !== undefined
          ? [file, '-primalT', String(o.tolerance), '-integerT', String(o.tolerance), '-solve', '-solu', solFile]
          : [file, 'solve', 'solu', solFile];
      // CBC 2.10's defaults (`cbc` then `integerT??`, `primalT??`): 1e-7 each.
      const tolerance = o.tolerance ?? 1e-7;
      const r = await timeCommand(cbc, args, { timeoutMs: o.timeLimitMs });
      const claim = r.timedOut ? 'timeout' : parseCbc(r.stdout);
      if (claim === 'untrainable') return { status: 'infeasible', solverStatus: 'infeasible', point: null, tolerance };
      if (claim === 'trainable') {
        let solution: string | null;
        try {
          solution = readFileSync(solFile, 'utf8');
        } catch {
          solution = null;
        }
        const values = solution === null || !/^\s*\S/.test(solution) ? null : parseCbcSolution(solution);
        return { status: 'feasible', solverStatus: 'optimal', point: values && ((col) => values.get(col) ?? 0), tolerance };
      }
      const message = claim === 'timeout' ? `cbc ran out of its ${o.timeLimitMs} ms` : `cbc stopped without an answer (exit ${r.code})`;
      return { status: 'stopped', solverStatus: claim, point: null, tolerance, reason: { kind: claim === 'timeout' ? 'budget' : 'solver', message } };
    },
  };
}

/**
 * A CBC 2.10 solution file (`solu FILE`) as column name -> value. Its first line is the
 * status ('Optimal - objective value 0.00000000'); then a line per column: index, name,
 * value, reduced cost, with '**' in front when the value breaks a bound. CBC lists only
 * the nonzero columns, so a name not in the map is 0; values have 8 significant digits.
 */
export function parseCbcSolution(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:\*\*\s*)?\d+\s+(\S+)\s+(\S+)\s+\S+\s*$/.exec(line);
    if (m) values.set(m[1], Number(m[2]));
  }
  return values;
}

/**
 * The status in CBC 2.10's output: 'Result - Optimal solution found' (the objective is 0,
 * so any feasible point is optimal), 'Result - Problem proven infeasible' after branch and
 * bound, or 'Problem is infeasible' when the LP relaxation / presolve already is.
 */
export function parseCbc(stdout: string): Answer {
  if (/^Result - Optimal solution found/m.test(stdout)) return 'trainable';
  if (/^Result - Problem proven infeasible/m.test(stdout) || /^Problem is (primal )?infeasible/m.test(stdout)) return 'untrainable';
  if (/^Result - Stopped on (time|iterations|nodes)/m.test(stdout)) return 'timeout';
  return 'error';
}

/** A random labeling of blum-rivest(-and): not set splitting, not deep, not a perceptron. */
function isRandomLabeling(s: Spec): boolean {
  return s.density === undefined && s.hidden === undefined && s.preset !== 'perceptron';
}

function decidedAns(t: Timing | undefined): boolean {
  return !!t && (t.answer === 'trainable' || t.answer === 'untrainable');
}

// Run directly: node dist/bench/exact.js [options]
if (process.argv[1] && /[\\/]bench[\\/]exact\.js$/.test(process.argv[1])) {
  run(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`bench exact: ${(e as Error)?.stack ?? String(e)}`);
    process.exitCode = 1;
  });
}
