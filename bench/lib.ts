/**
 * Helpers shared by benchmark suites: locating the repository, timing child processes end
 * to end (spawn to exit, with a kill at the timeout), medians, and plain-text tables. Kept
 * free of suite specifics so other suites (e.g. `exact`) can reuse them.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this file with trainsat's package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'trainsat') return dir;
      } catch {
        // keep looking
      }
    }
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('cannot find the trainsat repository root');
    dir = up;
  }
}

export interface TimedRun {
  /** Wall-clock milliseconds from spawn to exit. */
  ms: number;
  /** Exit code (null if killed). */
  code: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /**
   * CPU milliseconds (user + system, all threads) of the command and the children it waited
   * for; Linux only (from /proc/self/stat, in its 10 ms ticks), else undefined.
   */
  cpuMs?: number;
}

/**
 * CPU milliseconds used so far by this process's children that have been waited for
 * (cutime + cstime of /proc/self/stat, in USER_HZ = 100 ticks per second); undefined off Linux.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // After the command name in parentheses: field 3 (state) onwards; cutime, cstime are fields 16, 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command to completion (or kills it at `timeoutMs`) and times it end to end (and
 * its CPU time, when no other child of this process ends meanwhile).
 */
export function timeCommand(cmd: string, args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<TimedRun> {
  return new Promise((resolvePromise, reject) => {
    const t0 = process.hrtime.bigint();
    const cpu0 = childrenCpuMs();
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu1 = childrenCpuMs();
      if (timer) clearTimeout(timer);
      resolvePromise({
        ms,
        ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuMs: cpu1 - cpu0 } : {}),
        code,
        timedOut,
        stdout: Buffer.concat(out).toString('latin1'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A plain-text table: right-aligns cells that look numeric. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = /^[-+]?[\d.]+(x|s|ms)?$/;
  const fmt = (r: string[]) =>
    r.map((c, i) => (numeric.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

export function seconds(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '-' : (ms / 1000).toFixed(2);
}

/**
 * Times `once` (which returns its own wall-clock ms) and, when the first run was short,
 * repeats it up to `runs` times in all while the total stays within `budgetMs`; returns
 * the median time, the last value and the number of runs. Every column of a suite uses
 * the same rule, so a fast solver and a slow one are both measured as the median of the
 * runs their own speed allows (one run for anything slower than budgetMs / 2).
 */
export async function medianTimed<T>(once: () => Promise<{ value: T; ms: number }>, runs = 5, budgetMs = 1500): Promise<{ value: T; ms: number; runs: number }> {
  const first = await once();
  const times = [first.ms];
  let value = first.value;
  const want = Math.min(runs, Math.floor(budgetMs / Math.max(first.ms, 1e-3)));
  while (times.length < want) {
    const r = await once();
    times.push(r.ms);
    value = r.value;
  }
  return { value, ms: median(times), runs: times.length };
}
