/**
 * `npm run bench -- splitting`: the set-splitting instances of the exact suite (random
 * 3-uniform hypergraphs reduced to blum-rivest-and, bench/exact.ts `specs`/`generate`) at
 * n = 30 and 40, the hybrid in process against native z3 on the SMT-LIB file, timed by
 * CPU as well as by the wall clock.
 *
 * Why CPU time: on a machine shared with other jobs, the wall clock of a 20-60 ms run
 * mostly measures the queue for a core; the CPU time each side spent (the hybrid's from
 * process.cpuUsage around the call, z3's from the shell's `times` after it exits, start-up
 * included) moves far less. Runs are interleaved (hybrid, z3, hybrid, ...) so that both
 * see the same load, and each figure is the median of `--runs`.
 *
 * Options: --n LIST (default 30,40), --runs N (default 9), --z3-timeout S (default 60),
 * --against DIR: a second build of trainsat (a checkout with dist/ built) whose hybrid is
 * timed too, interleaved, for an A/B of two versions on the same instances; --all: every
 * instance of the default exact suite instead (random labelings and perceptrons too);
 * --no-z3. Exit code 1 when two answers disagree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toSmtLib } from '../../src/encode/smtlib.js';
import { decideHybrid } from '../../src/exact/hybrid.js';
import type { Instance } from '../../src/model/types.js';
import { findExecutable } from '../../src/solvers/external.js';
import { generate, specs } from '../exact.js';
import { median, repoRoot, table } from '../lib.js';

export const description = 'set splitting n = 30, 40: hybrid vs native z3, CPU and wall time, interleaved (--against DIR: A/B of two builds)';

type Decider = (inst: Instance) => Promise<{ status: string; stats: { pivots: number; conflicts: number } }>;

interface Timed {
  answer: string;
  wall: number;
  cpu: number;
}

/** One hybrid run in this process: wall and CPU milliseconds. */
async function timeHybrid(decider: Decider, inst: Instance): Promise<Timed & { pivots: number; conflicts: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await decider(inst);
  const c = process.cpuUsage(c0);
  return { answer: r.status, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, pivots: r.stats.pivots, conflicts: r.stats.conflicts };
}

/** One z3 run on `file` through bash, whose `times` gives the child's user and system CPU. */
function timeZ3(z3: string, file: string, timeoutS: number): Timed {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', '"$0" -T:"$1" "$2"; times', z3, String(timeoutS), file], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  const lines = r.stdout.trim().split('\n');
  const sec = (x: string) => {
    const m = /(\d+)m([\d.]+)s/.exec(x);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  const [user, sys] = (lines[lines.length - 1] ?? '').trim().split(/\s+/).map(sec);
  const out = lines[0]?.trim();
  const answer = out === 'sat' ? 'trainable' : out === 'unsat' ? 'untrainable' : out === 'timeout' || out === 'unknown' ? 'timeout' : 'error';
  return { answer, wall, cpu: (user + sys) * 1000 };
}

/** Warm-up before timing: rounds over every instance, and milliseconds, both at least. */
const WARM_ROUNDS = 10;
const WARM_MS = 3000;

export async function run(args: string[]): Promise<void> {
  let ns = [30, 40];
  let runs = 9;
  let z3TimeoutS = 60;
  let against: string | undefined;
  let all = false;
  let useZ3 = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--n') ns = (args[++i] ?? '').split(',').map(Number);
    else if (a === '--runs') runs = Number(args[++i]);
    else if (a === '--z3-timeout') z3TimeoutS = Number(args[++i]);
    else if (a === '--against') against = args[++i];
    else if (a === '--all') all = true;
    else if (a === '--no-z3') useZ3 = false;
    else throw new Error(`splitting suite: unknown option '${a}' (see bench/suites/splitting.ts)`);
  }
  const z3 = useZ3 ? findExecutable('z3') : null;
  if (useZ3 && !z3) console.log('note: z3 not found on PATH (Debian: apt-get install z3); timing the hybrid only');
  const other: Decider | null = against
    ? ((await import(pathToFileURL(resolve(against, 'dist', 'src', 'exact', 'hybrid.js')).href)) as { decideHybrid: Decider }).decideHybrid
    : null;
  const outDir = join(repoRoot(), 'bench', 'out', 'splitting');
  mkdirSync(outDir, { recursive: true });
  const list = specs({ quick: false, big: false, splitting: true, random: all, deep: false }).filter((s) => all || (s.density !== undefined && ns.includes(s.n)));
  const insts = list.map((s) => generate(s));
  // Warm-up (JIT) on the instances themselves, of each build, until the optimizing
  // compiler is done with them: at least WARM_ROUNDS rounds and WARM_MS. With two rounds
  // only, the medians of these 5-20 ms solves still carried the compiler threads' CPU
  // (2x the steady state at n = 40). The cold cost is the CLI's (exact suite, hybrid-cli).
  const warmEnd = performance.now() + WARM_MS;
  for (let k = 0; k < WARM_ROUNDS || performance.now() < warmEnd; k++) for (const inst of insts) for (const d of [decideHybrid, other]) if (d) await d(inst);
  const empty = join(outDir, 'empty.smt2');
  writeFileSync(empty, '(check-sat)\n');
  if (z3) {
    const floor = Array.from({ length: runs }, () => timeZ3(z3, empty, z3TimeoutS));
    console.log(`z3 start-up floor (an empty problem, median of ${runs}): wall ${median(floor.map((t) => t.wall)).toFixed(1)} ms, CPU ${median(floor.map((t) => t.cpu)).toFixed(1)} ms`);
  }
  const rows: string[][] = [];
  const cpuRatios: number[] = [];
  const wallRatios: number[] = [];
  const abRatios: number[] = [];
  let disagree = 0;
  for (let k = 0; k < list.length; k++) {
    const inst = insts[k];
    const file = join(outDir, `${list[k].name}.smt2`);
    writeFileSync(file, toSmtLib(inst));
    const h: Awaited<ReturnType<typeof timeHybrid>>[] = [];
    const b: Awaited<ReturnType<typeof timeHybrid>>[] = [];
    const z: Timed[] = [];
    for (let r = 0; r < runs; r++) {
      h.push(await timeHybrid(decideHybrid, inst));
      if (other) b.push(await timeHybrid(other, inst));
      if (z3) z.push(timeZ3(z3, file, z3TimeoutS));
    }
    const med = (ts: Timed[], key: 'wall' | 'cpu') => median(ts.map((t) => t[key]));
    const answers = [h[0].answer, ...(b.length ? [b[0].answer] : []), ...(z.length && z[0].answer !== 'timeout' ? [z[0].answer] : [])];
    const agree = answers.every((a) => a === answers[0]);
    if (!agree) disagree++;
    const cpuR = z.length ? med(z, 'cpu') / med(h, 'cpu') : NaN;
    const wallR = z.length ? med(z, 'wall') / med(h, 'wall') : NaN;
    if (z.length) {
      cpuRatios.push(cpuR);
      wallRatios.push(wallR);
    }
    const abR = b.length ? med(b, 'cpu') / med(h, 'cpu') : NaN;
    if (b.length) abRatios.push(abR);
    rows.push([
      list[k].name,
      h[0].answer === 'trainable' ? 'T' : h[0].answer === 'untrainable' ? 'U' : h[0].answer,
      med(h, 'wall').toFixed(1),
      med(h, 'cpu').toFixed(1),
      z.length ? med(z, 'wall').toFixed(1) : '-',
      z.length ? med(z, 'cpu').toFixed(1) : '-',
      z.length ? `${wallR.toFixed(1)}x` : '-',
      z.length ? `${cpuR.toFixed(1)}x` : '-',
      String(h[0].pivots),
      String(h[0].conflicts),
      b.length ? `${med(b, 'cpu').toFixed(1)} (${b[0].pivots} piv)` : '-',
      b.length ? `${abR.toFixed(2)}x` : '-',
      agree ? 'yes' : 'NO',
    ]);
  }
  console.log(
    table(['instance', 'ans', 'hyb wall ms', 'hyb CPU ms', 'z3 wall ms', 'z3 CPU ms', 'z3/hyb wall', 'z3/hyb CPU', 'pivots', 'confl', 'against CPU ms', 'against/hyb CPU', 'agree'], rows),
  );
  const summary = (name: string, rs: number[]) => (rs.length ? `${name}: median ${median(rs).toFixed(2)}x, min ${Math.min(...rs).toFixed(2)}x` : `${name}: -`);
  console.log(summary('z3 / hybrid by wall clock', wallRatios));
  console.log(summary('z3 / hybrid by CPU', cpuRatios));
  if (other) {
    console.log(summary(`${against} / this build by CPU`, abRatios));
    const sum = (xs: string[]) => xs.reduce((a, x) => a + Number.parseFloat(x), 0);
    const mine = sum(rows.map((r) => r[3]));
    const theirs = sum(rows.map((r) => r[10]));
    console.log(`CPU in total (sum of medians): ${against} ${theirs.toFixed(0)} ms, this build ${mine.toFixed(0)} ms (${(theirs / mine).toFixed(2)}x)`);
  }
  if (disagree > 0) {
    console.log(`!!! ANSWERS DISAGREE on ${disagree} instance(s)`);
    process.exitCode = 1;
  } else console.log('all answers agree');
}
