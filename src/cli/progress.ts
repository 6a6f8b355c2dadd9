/**
 * The status line of long commands (solve, sat, compare) on a terminal: one line on
 * stderr, redrawn in place at most every REDRAW_MS, erased before the answer is printed.
 * It shows the phase, the encoding's size once known, the solver's conflicts when it
 * counts them, the time so far and the budget (docs/cli.md, "Progress").
 *
 * Nothing is written unless stderr is a terminal and `--quiet` is not given, so pipes,
 * files and scripts see exactly what they saw without it; stdout is never touched.
 *
 * Redraws come from the solver's progress callback while a synchronous WebAssembly solver
 * runs (no timer can fire then), and from a timer while the event loop is free (a solver
 * in a worker or a child process), so the time keeps moving either way.
 *
 * The line is drawn as a carriage return, the text cut to the terminal's width (a line
 * that wraps could not be erased), and "erase to end of line" (ECMA-48, EL: ESC [ K).
 */
import type { Progress } from '../backends/types.js';

/** Least time between two redraws, in milliseconds. */
export const REDRAW_MS = 250;

/** Carriage return, then ECMA-48 "erase in line" (to its end). */
export const ERASE = '\r\x1b[K';

/** What the status line shows. */
export interface StatusFields {
  /** What is being worked on (compare: the file), shown first. */
  label?: string;
  /** reading, encoding, solving, verifying, gradient descent, ... */
  phase: string;
  vars?: number;
  clauses?: number;
  conflicts?: number;
  /** Anything else worth a glance, e.g. `restart 3/20`. */
  detail?: string;
  /** Time since the work started, in milliseconds. */
  elapsedMs: number;
  /** The --timeout budget, in milliseconds (the backend's: it does not count reading the file). */
  budgetMs?: number;
}

/** Thousands separated by commas, as a terminal user reads them. */
function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.floor((ms % 60_000) / 1000)} s`;
}

/**
 * The text of the status line, e.g. `solving, 1,204 vars, 5,310 clauses, 8,125 conflicts,
 * 2.3 s (budget 15.0 s)`: the time is the command's, the budget the backend's (it starts
 * once the instance is read).
 */
export function statusText(f: StatusFields): string {
  const parts = [f.label ? `${f.label}: ${f.phase}` : f.phase];
  if (f.vars !== undefined && f.clauses !== undefined) parts.push(`${count(f.vars)} vars, ${count(f.clauses)} clauses`);
  if (f.conflicts !== undefined) parts.push(`${count(f.conflicts)} conflicts`);
  if (f.detail) parts.push(f.detail);
  parts.push(f.budgetMs !== undefined ? `${seconds(f.elapsedMs)} (budget ${seconds(f.budgetMs)})` : seconds(f.elapsedMs));
  return parts.join(', ');
}

/**
 * What is written to draw `text` over the previous status line: a carriage return, the
 * text cut to `columns - 1` characters (when the width is known), erase to the line's end.
 */
export function statusFrame(text: string, columns?: number): string {
  const room = columns !== undefined && columns > 1 ? columns - 1 : Infinity;
  return `\r${text.length > room ? text.slice(0, room) : text}\x1b[K`;
}

/** The fields of a `decide` progress report. */
export function fieldsOf(p: Progress): Pick<StatusFields, 'phase' | 'vars' | 'clauses' | 'conflicts'> {
  return { phase: p.phase, vars: p.vars, clauses: p.clauses, conflicts: p.conflicts };
}

/** The part of a stream the status line uses (process.stderr, or a test's stand-in). */
export interface StatusStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * One status line on `stream`, or nothing at all when disabled (`stream` null). `start`
 * begins a piece of work (its clock, label and budget), `update` changes what is shown,
 * `clear` erases the line and stops the timer: call it before printing anything else.
 */
export class StatusLine {
  private fields: StatusFields | null = null;
  private startedAt = 0;
  private lastDraw = -Infinity;
  private shown = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly stream: StatusStream | null,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A status line on stderr: enabled only when stderr is a terminal and not `quiet`. */
  static forStderr(quiet: boolean): StatusLine {
    return new StatusLine(!quiet && process.stderr.isTTY === true ? process.stderr : null);
  }

  get enabled(): boolean {
    return this.stream !== null;
  }

  /**
   * A progress callback for `decide` that updates the line, or undefined when disabled
   * (then the solver does not count conflicts at all).
   */
  get onProgress(): ((p: Progress) => void) | undefined {
    return this.stream ? (p) => this.update(fieldsOf(p)) : undefined;
  }

  /** Starts a piece of work: the clock restarts, the fields are these. */
  start(phase: string, opts: { label?: string; budgetMs?: number } = {}): void {
    if (!this.stream) return;
    this.startedAt = this.now();
    this.fields = { phase, elapsedMs: 0, ...opts };
    this.lastDraw = -Infinity;
    this.draw();
    if (!this.timer) {
      this.timer = setInterval(() => this.draw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  /** Changes what is shown (fields given as undefined are dropped); redraws when due. */
  update(fields: Partial<Omit<StatusFields, 'elapsedMs'>>): void {
    if (!this.stream || !this.fields) return;
    const next: StatusFields = { ...this.fields };
    for (const [k, v] of Object.entries(fields) as [keyof StatusFields, unknown][]) {
      if (v !== undefined) (next as unknown as Record<string, unknown>)[k] = v;
    }
    if (fields.phase !== undefined && fields.phase !== this.fields.phase && fields.conflicts === undefined) delete next.conflicts;
    this.fields = next;
    this.draw();
  }

  /** Erases the line (if drawn) and stops redrawing until the next `start`. */
  clear(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.fields = null;
    if (this.stream && this.shown) this.stream.write(ERASE);
    this.shown = false;
  }

  private draw(): void {
    if (!this.stream || !this.fields) return;
    const t = this.now();
    if (t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.stream.write(statusFrame(statusText({ ...this.fields, elapsedMs: t - this.startedAt }), this.stream.columns));
    this.shown = true;
  }
}
