/**
 * `npm run bench -- exact` (or `node dist/bench/exact.js`): exact decision of real-weight
 * threshold networks, in one run side by side:
 *  - hybrid   : decideHybrid (src/exact, SAT + LP with exact certificates), in process,
 *               after one warm-up instance (JIT);
 *  - hybrid-cli: `trainsat solve FILE --backend hybrid --json` end to end (spawn to exit),
 *               the fair comparison with a native solver binary;
 *  - cadical  : the bit-blasted encoding (src/encode/loading.ts) on CaDiCaL/WASM, in process,
 *               with a per-instance timeout;
 *  - z3       : native z3 (Debian package `z3`) on an SMT-LIB 2 file (QF_LRA, real weights)
 *               written by src/encode/smtlib.ts; skipped cleanly when z3 is not on PATH.
 *
 * Families (fixed seeds, mulberry32 from bench/generators.ts): blum-rivest-and and
 * blum-rivest on random labelings (each label a fair coin) of distinct random points of
 * {0,1}^n: n = 8..14 with m = 3n, 4n, 5n, 6n, and n = 16 with m = 64 (both) and 96
 * (blum-rivest-and); perceptron sanity instances (random labels, and labels planted by a
 * random hyperplane). `--big` adds n = 16 with m = 48, 80, blum-rivest n = 16, m = 96
 * (native z3 > 5 minutes) and n = 18, 20 (m = 3n..5n). The default run takes about 7
 * minutes on 2 cores, nearly all of it z3 and the bit-blasting timeouts.
 *
 * Reports, per instance, the answer and time of every solver, whether the answers agree,
 * and the ratio z3 / hybrid; then solved counts and median ratios. Writes
 * bench/out/exact/results.json. Options: --quick (a few small instances), --big,
 * --timeout S (cadical, default 10; after a timeout, larger n of the same preset are
 * skipped), --z3-timeout S (default 300), --no-z3, --no-cadical, --no-cli.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide } from '../src/decide.js';
import { toSmtLib } from '../src/encode/smtlib.js';
import { decideHybrid } from '../src/exact/hybrid.js';
import { findExecutable } from '../src/solvers/external.js';
import { expandPreset, type PresetName } from '../src/model/presets.js';
import { Rational } from '../src/model/rational.js';
import type { Instance, Status } from '../src/model/types.js';
import { rng } from './generators.js';
import { median, repoRoot, seconds, table, timeCommand } from './lib.js';

export const description = 'exact real weights: hybrid SAT+LP vs bit-blasted cadical vs native z3 (QF_LRA)';

interface Spec {
  name: string;
  preset: PresetName;
  n: number;
  m: number;
  seed: number;
  planted?: boolean;
}

interface Options {
  quick: boolean;
  big: boolean;
  cadicalMs: number;
  z3Ms: number;
  z3: boolean;
  cadical: boolean;
  cli: boolean;
}

type Answer = Status | 'timeout' | 'error' | 'skipped';

interface Timing {
  answer: Answer;
  ms?: number;
}

function parseArgs(args: string[]): Options {
  const o: Options = { quick: false, big: false, cadicalMs: 10_000, z3Ms: 300_000, z3: true, cadical: true, cli: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--big') o.big = true;
    else if (a === '--timeout') o.cadicalMs = Number(args[++i]) * 1000;
    else if (a === '--z3-timeout') o.z3Ms = Number(args[++i]) * 1000;
    else if (a === '--no-z3') o.z3 = false;
    else if (a === '--no-cadical') o.cadical = false;
    else if (a === '--no-cli') o.cli = false;
    else throw new Error(`exact suite: unknown option '${a}' (see bench/exact.ts)`);
  }
  return o;
}

/** The instance families (fixed seeds). */
export function specs(o: { quick: boolean; big: boolean }): Spec[] {
  const out: Spec[] = [];
  const add = (preset: PresetName, n: number, m: number, seed: number, planted = false) => {
    const tag = preset === 'blum-rivest-and' ? 'bra' : preset === 'blum-rivest' ? 'br' : 'perc';
    out.push({ name: `${tag}${planted ? '-planted' : ''}-n${n}-m${m}-s${seed}`, preset, n, m, seed, planted });
  };
  if (o.quick) {
    add('blum-rivest-and', 10, 40, 1);
    add('blum-rivest', 10, 40, 1);
    add('perceptron', 10, 30, 1, true);
    return out;
  }
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
  add('perceptron', 10, 30, 1);
  add('perceptron', 12, 60, 2);
  add('perceptron', 10, 30, 3, true);
  add('perceptron', 16, 96, 4, true);
  return out;
}

/** Distinct random points of {0,1}^n with random labels (or labels of a random hyperplane). */
export function generate(s: Spec): Instance {
  const r = rng(s.seed * 7919 + s.n * 31 + s.m);
  const seen = new Set<string>();
  const examples: Instance['examples'] = [];
  const w = Array.from({ length: s.n }, () => r() * 2 - 1);
  const pts: number[][] = [];
  while (pts.length < s.m) {
    const x = Array.from({ length: s.n }, () => (r() < 0.5 ? 1 : 0));
    const key = x.join('');
    if (seen.has(key)) continue;
    seen.add(key);
    pts.push(x);
  }
  const sums = pts.map((x) => x.reduce((a, b, i) => a + b * w[i], 0));
  const t = median(sums);
  pts.forEach((x, e) => {
    const y: 0 | 1 = s.planted ? (sums[e] >= t ? 1 : 0) : r() < 0.5 ? 1 : 0;
    examples.push({ x: x.map((b) => (b ? Rational.ONE : Rational.ZERO)), y: [y] });
  });
  return { name: s.name, network: expandPreset(s.preset, s.n), examples };
}

function instanceJson(s: Spec, inst: Instance): string {
  return JSON.stringify({
    name: s.name,
    network: { preset: s.preset, inputs: s.n },
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
  const mainJs = join(root, 'dist', 'src', 'cli', 'main.js');
  const list = specs(o);
  console.log(`exact suite: ${list.length} instances; cadical timeout ${o.cadicalMs / 1000} s, z3 timeout ${o.z3Ms / 1000} s`);

  // Warm-up (JIT) for about a second on instances that are not measured: the in-process
  // column is what a long-running caller sees; hybrid-cli shows the cold, end-to-end cost.
  const warmEnd = performance.now() + 1000;
  for (let seed = 990; performance.now() < warmEnd; seed++) {
    for (const preset of ['blum-rivest-and', 'blum-rivest', 'perceptron'] as const) {
      await decideHybrid(generate({ name: 'warmup', preset, n: 12, m: 48, seed }));
    }
  }

  const results: {
    spec: Spec;
    hybrid: Timing;
    cli?: Timing;
    cadical?: Timing;
    z3?: Timing;
    stats: Record<string, unknown>;
    agree: boolean;
  }[] = [];
  const rows: string[][] = [];
  const cadicalGaveUp = new Map<PresetName, number>();
  for (const s of list) {
    const inst = generate(s);
    const file = join(outDir, `${s.name}.json`);
    writeFileSync(file, instanceJson(s, inst));
    const t0 = performance.now();
    const h = await decideHybrid(inst);
    const hybrid: Timing = { answer: h.status, ms: performance.now() - t0 };
    let cli: Timing | undefined;
    if (o.cli) {
      const r = await timeCommand(process.execPath, [mainJs, 'solve', file, '--backend', 'hybrid', '--json'], { timeoutMs: 600_000 });
      const status = r.code === 10 ? 'trainable' : r.code === 20 ? 'untrainable' : r.code === 0 ? 'unknown' : 'error';
      cli = { answer: r.timedOut ? 'timeout' : status, ms: r.ms };
    }
    let cadical: Timing | undefined;
    if (o.cadical && (cadicalGaveUp.get(s.preset) ?? Infinity) <= s.n) cadical = { answer: 'skipped' };
    else if (o.cadical) {
      const t1 = performance.now();
      try {
        const c = await decide(inst, { timeoutMs: o.cadicalMs });
        cadical = { answer: c.status === 'unknown' ? 'timeout' : c.status, ms: performance.now() - t1 };
        // Bit-blasting only gets harder with n: after a timeout, skip larger n of the preset.
        if (c.status === 'unknown') cadicalGaveUp.set(s.preset, Math.min(cadicalGaveUp.get(s.preset) ?? Infinity, s.n + 1));
      } catch {
        cadical = { answer: 'error' };
      }
    }
    let z3t: Timing | undefined;
    if (z3) {
      const smt = join(outDir, `${s.name}.smt2`);
      writeFileSync(smt, toSmtLib(inst));
      const r = await timeCommand(z3, [smt], { timeoutMs: o.z3Ms });
      const out = r.stdout.trim();
      z3t = { answer: r.timedOut ? 'timeout' : out === 'sat' ? 'trainable' : out === 'unsat' ? 'untrainable' : 'error', ms: r.ms };
    }
    const decided = [hybrid, cli, cadical, z3t].filter((t): t is Timing => !!t && (t.answer === 'trainable' || t.answer === 'untrainable'));
    const agree = decided.every((t) => t.answer === decided[0].answer);
    const st = h.stats;
    results.push({ spec: s, hybrid, cli, cadical, z3: z3t, stats: { ...st, patterns: undefined }, agree });
    const ratio = (a?: Timing, b?: Timing) => (a?.ms !== undefined && b?.ms !== undefined && a.answer === b.answer && decidedAns(a) ? (a.ms / b.ms).toFixed(1) + 'x' : '-');
    rows.push([
      s.name,
      short(h.status),
      fmt(hybrid),
      fmt(cli),
      fmt(cadical),
      fmt(z3t),
      ratio(z3t, cli),
      ratio(z3t, hybrid),
      String(st.conflicts),
      String(st.lps),
      agree ? 'yes' : 'NO',
    ]);
    console.log(rows[rows.length - 1].join('  '));
  }
  console.log();
  console.log(table(['instance', 'ans', 'hybrid s', 'hyb-cli s', 'cadical s', 'z3 s', 'z3/cli', 'z3/hyb', 'confl', 'LPs', 'agree'], rows));
  const solved = (k: 'hybrid' | 'cli' | 'cadical' | 'z3') => results.filter((r) => decidedAns(r[k])).length;
  console.log();
  console.log(`solved (of ${results.length}): hybrid ${solved('hybrid')}, hybrid-cli ${o.cli ? solved('cli') : '-'}, cadical ${o.cadical ? solved('cadical') : '-'}, z3 ${z3 ? solved('z3') : '-'}`);
  if (z3) {
    const both = (k: 'hybrid' | 'cli') => results.filter((r) => decidedAns(r[k]) && decidedAns(r.z3));
    for (const k of ['hybrid', 'cli'] as const) {
      const b = both(k);
      if (b.length === 0) continue;
      const ratios = b.map((r) => r.z3!.ms! / r[k]!.ms!);
      const tz = b.reduce((a, r) => a + r.z3!.ms!, 0);
      const th = b.reduce((a, r) => a + r[k]!.ms!, 0);
      const hard = b.filter((r) => r.z3!.ms! >= 1000).map((r) => r.z3!.ms! / r[k]!.ms!);
      console.log(
        `${k === 'cli' ? 'hybrid-cli (end to end)' : 'hybrid (in process)'} vs z3 on ${b.length} instances: median ratio ${median(ratios).toFixed(1)}x, ` +
          `total ${seconds(th)} s vs ${seconds(tz)} s (${(tz / th).toFixed(1)}x), min ratio ${Math.min(...ratios).toFixed(1)}x` +
          (hard.length ? `; on the ${hard.length} where z3 needs >= 1 s: median ${median(hard).toFixed(1)}x, min ${Math.min(...hard).toFixed(1)}x` : ''),
      );
    }
  }
  const z3Timeouts = results.filter((r) => r.z3?.answer === 'timeout' && decidedAns(r.hybrid));
  for (const r of z3Timeouts) {
    console.log(`${r.spec.name}: z3 timed out after ${seconds(r.z3!.ms)} s, hybrid ${seconds(r.hybrid.ms)} s (>= ${(r.z3!.ms! / r.hybrid.ms!).toFixed(0)}x)`);
  }
  const disagreements = results.filter((r) => !r.agree).map((r) => r.spec.name);
  console.log(disagreements.length === 0 ? 'all answers agree' : `ANSWERS DISAGREE on: ${disagreements.join(', ')}`);
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  console.log(`wrote ${join(outDir, 'results.json')}`);
  if (disagreements.length > 0) process.exitCode = 1;
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
