/**
 * `trainsat sweep`: a family of generated instances, each decided exactly and trained by
 * gradient descent, one JSON line per instance (src/sweep). Resumable (`--out` ids already
 * present are skipped) and shardable (`--shard i/N` takes the instances whose position in
 * the sweep order is i-1 modulo N; shard files concatenate).
 *
 * Progress goes to stderr: a bar redrawn in place when stderr is a terminal, otherwise a
 * line every 10 seconds; a summary at the end (time in exact solving vs GD).
 * Records carry the exact best fit, GD's best fit and its regret unless `--no-max-fit`
 * (src/sweep/run.ts SweepRecord: "maxFit", "gd"."bestFit", "regret", and "depth").
 * Exit 0; 1 if a result is inconsistent (GD fit, or a planted instance, where the exact
 * answer is untrainable); 2 bad arguments.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SweepProgress, SweepRecord } from '../sweep/run.js';
import { writeOutput } from './io.js';
import { parseBackend, parseGDBudget, parseTimeout } from './options.js';
import { parseNumberList } from '../sweep/deep.js';

export interface SweepArgs {
  family: string;
  preset: string;
  inputs: number;
  ratios: string;
  perPoint: number;
  restarts: number;
  epochs: number;
  lr?: number;
  seed: number;
  /** Seconds, as given (checked by parseTimeout). */
  timeout?: unknown;
  backend: string;
  out?: string;
  shard?: string;
  setSize: number;
  instancesDir?: string;
  /** The exact best fit and GD's regret in each record (default true). */
  maxFit?: boolean;
  /** deep: comma-separated hidden-layer counts, widths, labellings; the equal-parameter budget. */
  depths?: string;
  widths?: string;
  labels?: string;
  params?: number;
  /** Equal-budget GD: 'exact' or seconds (parseGDBudget). */
  gdBudget?: string;
}

export async function sweepCommand(args: SweepArgs): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  const { FAMILIES, parseShard, specProblems } = await import('../sweep/families.js');
  const { PRESET_NAMES } = await import('../model/presets.js');
  const { runSweep } = await import('../sweep/run.js');
  const bad = (msg: string) => new InputError(msg, 'sweep');

  if (!(FAMILIES as readonly string[]).includes(args.family)) throw bad(`--family must be one of ${FAMILIES.join(', ')}, got "${args.family}"`);
  if (!(PRESET_NAMES as readonly string[]).includes(args.preset)) throw bad(`--preset must be one of ${PRESET_NAMES.join(', ')}, got "${args.preset}"`);
  const ratios = args.ratios.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (ratios.some((r) => Number.isNaN(r))) throw bad(`--ratios must be a comma-separated list of numbers, got "${args.ratios}"`);
  if (!Number.isInteger(args.restarts) || args.restarts < 1) throw bad(`--restarts must be a positive integer, got ${args.restarts}`);
  if (!Number.isInteger(args.epochs) || args.epochs < 1) throw bad(`--epochs must be a positive integer, got ${args.epochs}`);
  if (args.lr !== undefined && !(args.lr > 0)) throw bad(`--lr must be positive, got ${args.lr}`);
  if (!Number.isInteger(args.seed)) throw bad(`--seed must be an integer, got ${args.seed}`);
  const timeoutMs = parseTimeout(args.timeout, 'sweep');
  const backend = parseBackend(args.backend, 'exact');
  let shard: { index: number; count: number } | undefined;
  if (args.shard !== undefined) {
    try {
      shard = parseShard(args.shard);
    } catch (e) {
      throw bad((e as Error).message);
    }
  }
  // --out - is stdout, the default.
  const out = args.out === '-' ? undefined : args.out;
  if (out === '') throw new InputError('needs a file name (or - for stdout)', '--out');
  if (out !== undefined) {
    const dir = dirname(resolve(out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError('the directory of the output file does not exist', out);
    if (existsSync(out) && statSync(out).isDirectory()) throw new InputError('is a directory', out);
  }
  if (args.instancesDir === '-' || args.instancesDir === '') throw new InputError('needs a directory', '--instances-dir');
  const deep = args.family === 'deep' ? deepOptions(args, bad) : {};
  const gdBudget = parseGDBudget(args.gdBudget, '--gd-budget');
  const spec = {
    family: args.family as 'random' | 'set-splitting' | 'planted' | 'deep',
    preset: (args.family === 'deep' ? 'layered' : args.preset) as 'perceptron' | 'blum-rivest' | 'blum-rivest-and' | 'layered',
    inputs: args.inputs,
    ratios,
    perPoint: args.perPoint,
    seed: args.seed,
    setSize: args.setSize,
    ...deep,
  };
  const problems = specProblems(spec);
  if (problems.length > 0) throw bad(problems.join('; '));

  const progress = new ProgressReporter(process.stderr);
  const summary = await runSweep({
    ...spec,
    restarts: args.restarts,
    epochs: args.epochs,
    lr: args.lr,
    backend,
    timeoutMs,
    maxFit: args.maxFit !== false,
    gdBudget,
    shard,
    out,
    emit: (line) => {
      progress.clear();
      process.stdout.write(line + '\n');
    },
    instancesDir: args.instancesDir,
    writeFile: writeOutput,
    onProgress: (p) => progress.update(p),
  });
  progress.finish();

  const err = process.stderr;
  if (summary.repaired) err.write(`sweep: cut a partial last line off ${out} (a run was interrupted mid-write)\n`);
  if (summary.badLines > 0) err.write(`sweep: warning: ${summary.badLines} unreadable line(s) in ${out} were ignored\n`);
  const recs = summary.records;
  const count = (s: string) => recs.filter((r) => r.exact.status === s).length;
  const tr = recs.filter((r) => r.exact.status === 'trainable');
  const trFail = tr.filter((r) => r.gd.successes === 0).length;
  const solverMs = summary.exact_ms + summary.gd_ms;
  const share = (x: number) => (solverMs > 0 ? `${Math.round((100 * x) / solverMs)}%` : '-');
  err.write(
    `sweep: ${summary.run} instance(s) run, ${summary.skipped} already done${shard ? ` (shard ${shard.index}/${shard.count} of ${summary.total} items)` : ''} in ${secs(summary.wall_ms)}; ` +
      `exact ${secs(summary.exact_ms)} (${share(summary.exact_ms)}), GD ${secs(summary.gd_ms)} (${share(summary.gd_ms)})\n`,
  );
  if (recs.length > 0) {
    err.write(
      `sweep: exact: ${count('trainable')} trainable, ${count('untrainable')} untrainable, ${count('unknown')} unknown; ` +
        `GD found no fit on ${trFail} of ${tr.length} trainable\n`,
    );
    const settled = recs.filter((r) => r.exact.status === 'unknown' && r.gd.successes > 0).length;
    if (settled > 0) err.write(`sweep: ${settled} unknown instance(s) are trainable after all: GD found weights that pass exact evaluation\n`);
  }
  if (summary.inconsistent.length > 0) {
    err.write(
      `sweep: INCONSISTENT results (a bug in the exact solver or the GD check; please report): ${summary.inconsistent.map(describe).join('; ')}\n`,
    );
    return 1;
  }
  return 0;
}

/** The deep family's options (--depths, --widths, --labels, --params), parsed; an option not given keeps the family's default. */
function deepOptions(args: SweepArgs, bad: (msg: string) => Error) {
  const list = (text: string | undefined, flag: string): number[] | undefined => {
    if (text === undefined) return undefined;
    const xs = parseNumberList(text);
    if (xs === null) throw bad(`${flag} must be a comma-separated list of numbers, got "${text}"`);
    return xs;
  };
  const labels = args.labels?.split(',').map((s) => s.trim()).filter((s) => s !== '') as ('random' | 'planted')[] | undefined;
  return { depths: list(args.depths, '--depths'), widths: list(args.widths, '--widths'), labels, params: args.params };
}

function describe(r: SweepRecord): string {
  return `${r.id}: exact ${r.exact.status}, GD ${r.gd.successes}/${r.gd.restarts} checked fits${r.family === 'planted' ? ' (planted: trainable by construction)' : ''}`;
}

function secs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A progress bar on a terminal, periodic lines otherwise. */
class ProgressReporter {
  private readonly tty: boolean;
  private readonly t0 = performance.now();
  private lastLine = 0;
  private drawn = false;
  private last: SweepProgress | null = null;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.tty = Boolean(stream.isTTY);
  }

  update(p: SweepProgress): void {
    this.last = p;
    const now = performance.now();
    if (this.tty) {
      this.draw(p);
    } else if (now - this.lastLine >= 10_000 && p.done > 0 && p.done < p.total) {
      this.lastLine = now;
      this.stream.write(`sweep: ${this.text(p)}\n`);
    }
  }

  private text(p: SweepProgress): string {
    const elapsed = performance.now() - this.t0;
    const ran = p.done - p.skipped;
    const eta = ran > 0 && p.done < p.total ? ` eta ${secs(((p.total - p.done) * elapsed) / ran)}` : '';
    const last = p.last ? `  last: ${p.last.exact.status}, GD ${p.last.gd.successes}/${p.last.gd.restarts}` : '';
    return `${p.done}/${p.total}${p.skipped ? ` (${p.skipped} already done)` : ''} exact ${secs(p.exact_ms)} GD ${secs(p.gd_ms)}${eta}${last}`;
  }

  private draw(p: SweepProgress): void {
    const width = 24;
    const filled = p.total > 0 ? Math.round((width * p.done) / p.total) : width;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const cols = this.stream.columns || 100;
    this.stream.write(`\r\x1b[K${`${bar} ${this.text(p)}`.slice(0, cols - 1)}`);
    this.drawn = true;
  }

  /** Erases the bar (before other output to the terminal). */
  clear(): void {
    if (this.tty && this.drawn) {
      this.stream.write('\r\x1b[K');
      this.drawn = false;
    }
  }

  /** Leaves the finished bar on its own line. */
  finish(): void {
    if (this.tty && this.last) {
      this.draw(this.last);
      this.stream.write('\n');
    }
  }
}
