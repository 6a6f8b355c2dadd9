/**
 * File input and output for the CLI.
 *
 * Reading names the file in errors.
 *
 * Writing (`writeOutput`): `-` is stdout, and /dev/stdout, /dev/stderr, /dev/fd/N and
 * /proc/self/fd/N write to that descriptor. An existing file that is not a regular file
 * (a device, a FIFO) is written directly. A regular file is written atomically: a
 * temporary file next to it is renamed over it, so a failed or interrupted command never
 * leaves a partial output behind; through a symbolic link the link's target is replaced
 * (the link stays a link), and an existing file keeps its permission bits.
 *
 * Inputs are never outputs: `refuseInputsAsOutputs` compares the files (device and inode,
 * which sees through symbolic and hard links) before anything runs.
 *
 * Interrupts: while a command has temporary files on disk it is inside `guarded`, which
 * holds SIGINT/SIGTERM/SIGHUP handlers that remove them and exit with 128 + the signal
 * number (130, 143, 129). Outside such windows nothing temporary exists and the default
 * action applies. Node runs signal handlers on the event loop, so the work inside a window
 * is either short and synchronous (a signal that arrives meanwhile is handled when the
 * window closes, after the work is complete: `guarded` yields to the event loop before it
 * drops its handlers) or yields often (`Guard.tick`).
 */
import {
  chmodSync,
  fstatSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../model/errors.js';

export function readText(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((e as Error).message);
    throw new InputError(why, file);
  }
}

// ---------------------------------------------------------------------------------------
// Interrupts

type Cleanup = () => void;

/** Cleanup actions of the open windows, run in reverse order of registration on a signal. */
const cleanups = new Set<Cleanup>();
let openWindows = 0;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs the cleanups of the open windows (temporary files); returns how many there were. */
function runCleanups(): number {
  const actions = [...cleanups].reverse();
  cleanups.clear();
  for (const c of actions) {
    try {
      c();
    } catch {
      /* keep cleaning the rest */
    }
  }
  return actions.length;
}

function onSignal(signal: NodeJS.Signals): void {
  const n = runCleanups();
  process.stderr.write(`trainsat: interrupted (${signal})${n > 0 ? '; temporary files removed' : ''}\n`);
  process.exit(128 + (constants.signals[signal] ?? 0));
}

/**
 * Ends the process now, after removing the temporary files of open windows: for a reader
 * of stdout that went away (EPIPE), which ends the run as SIGPIPE would (exit 141).
 */
export function abortRun(code: number): never {
  runCleanups();
  process.exit(code);
}

/** Two event-loop turns: enough for libuv to read a signal that arrived during synchronous work. */
async function turn(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise<void>((r) => setImmediate(r));
}

export interface Guard {
  /** Runs `c` if a signal arrives while the window is open; returns a function that unregisters it. */
  onInterrupt(c: Cleanup): () => void;
  /** Lets a pending signal be handled now (long work calls this between steps). */
  tick(): Promise<void>;
}

/**
 * Runs `work` with signal handlers that undo what it registers with `onInterrupt` and
 * exit 128 + the signal number. Windows nest; the handlers go when the last one closes.
 */
export async function guarded<T>(work: (g: Guard) => T | Promise<T>): Promise<T> {
  if (openWindows++ === 0) for (const s of SIGNALS) process.on(s, onSignal);
  const mine = new Set<Cleanup>();
  const g: Guard = {
    onInterrupt(c) {
      mine.add(c);
      cleanups.add(c);
      return () => {
        mine.delete(c);
        cleanups.delete(c);
      };
    },
    tick: () => new Promise<void>((r) => setImmediate(r)),
  };
  try {
    return await work(g);
  } finally {
    await turn();
    for (const c of mine) cleanups.delete(c);
    if (--openWindows === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  }
}

// ---------------------------------------------------------------------------------------
// Output targets

/** The descriptor a path names (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N), or undefined. */
export function descriptorOf(file: string): number | undefined {
  if (file === '-') return 1;
  const p = resolve(file);
  if (p === '/dev/stdout') return 1;
  if (p === '/dev/stderr') return 2;
  const m = /^\/(?:dev|proc\/(?:self|thread-self|(\d+)))\/fd\/(\d+)$/.exec(p);
  if (m && (m[1] === undefined || Number(m[1]) === process.pid)) return Number(m[2]);
  return undefined;
}

/** True when `file` names stdout (`-`, /dev/stdout, /dev/fd/1, ...). */
export function isStdout(file: string | undefined): boolean {
  return file !== undefined && descriptorOf(file) === 1;
}

function cannotWrite(e: unknown, file: string): InputError {
  if ((e as Error).name === 'InputError') return e as InputError;
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'no such directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return new InputError(`cannot write: ${why}`, file);
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw cannotWrite(e, file);
  }
}

/** The path a dangling symbolic link (chain) names, or the path itself. */
function linkTarget(file: string): string {
  let p = resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let l: Stats;
    try {
      l = lstatSync(p);
    } catch {
      return p;
    }
    if (!l.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw new InputError('cannot write: too many levels of symbolic links', file);
}

type Target = { kind: 'fd'; fd: number } | { kind: 'direct' } | { kind: 'regular'; path: string; mode?: number };

/** Where and how `file` is written (see the module comment). */
function targetOf(file: string): Target {
  const fd = descriptorOf(file);
  if (fd !== undefined) return { kind: 'fd', fd };
  const st = statOrUndefined(file);
  if (st?.isDirectory()) throw new InputError('is a directory', file);
  if (st && !st.isFile()) return { kind: 'direct' };
  if (st) return { kind: 'regular', path: realpathSync(file), mode: st.mode & 0o7777 };
  return { kind: 'regular', path: linkTarget(file) };
}

function writeFd(fd: number, text: string | Uint8Array, file: string): void {
  if (fd === 1) process.stdout.write(text);
  else if (fd === 2) process.stderr.write(text);
  else {
    const buf = typeof text === 'string' ? Buffer.from(text) : text;
    try {
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      throw cannotWrite(e, file);
    }
  }
}

/**
 * Writes `text` to `file` (see the module comment: `-` and descriptors, non-regular files
 * directly, regular files atomically through a temporary file removed on a signal).
 */
export async function writeOutput(file: string, text: string | Uint8Array): Promise<void> {
  const t = targetOf(file);
  if (t.kind === 'fd') return writeFd(t.fd, text, file);
  if (t.kind === 'direct') {
    try {
      writeFileSync(file, text);
    } catch (e) {
      throw cannotWrite(e, file);
    }
    return;
  }
  const tmp = join(dirname(t.path), `.${basename(t.path)}.${process.pid}.tmp`);
  await guarded((g) => {
    const forget = g.onInterrupt(() => rmSync(tmp, { force: true }));
    try {
      writeFileSync(tmp, text);
      if (t.mode !== undefined) chmodSync(tmp, t.mode);
      renameSync(tmp, t.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw cannotWrite(e, file);
    } finally {
      forget();
    }
  });
}

/**
 * Removes `file` if it is a regular file (through a symbolic link: the link's target),
 * for outputs that this run's answer does not produce (a stale file would read as this
 * run's). Returns whether something was removed. `-`, descriptors and other kinds of
 * files are left alone.
 */
export function removeStaleOutput(file: string): boolean {
  if (descriptorOf(file) !== undefined) return false;
  const st = statOrUndefined(file);
  if (!st?.isFile()) return false;
  try {
    unlinkSync(realpathSync(file));
    return true;
  } catch (e) {
    throw new InputError(`cannot remove the output of an earlier run: ${(e as Error).message}`, file);
  }
}

/**
 * Refuses (InputError, exit 2) an output that is one of the inputs (the same regular file:
 * device and inode, through any links; `-` as an input is stdin, compared when it is a
 * regular file), and two outputs that name the same file. Call before any work.
 */
export function refuseInputsAsOutputs(inputs: readonly string[], outputs: readonly (string | undefined)[]): void {
  const inputIds = new Map<string, string>();
  for (const f of inputs) {
    let st: Stats;
    try {
      st = f === '-' || f === '' ? fstatSync(0) : statSync(f);
    } catch {
      continue; // reading it will say what is wrong
    }
    if (st.isFile()) inputIds.set(`${st.dev}:${st.ino}`, f === '' ? '-' : f);
  }
  const outputIds = new Map<string, string>();
  for (const o of outputs) {
    if (o === undefined || descriptorOf(o) !== undefined) continue;
    const st = statOrUndefined(o);
    if (st && !st.isFile()) continue;
    const id = st ? `${st.dev}:${st.ino}` : `path:${linkTarget(o)}`;
    const input = inputIds.get(id);
    if (input !== undefined) throw new InputError(`is also an input of this command (${input}); refusing to overwrite it`, o);
    const other = outputIds.get(id);
    if (other !== undefined) throw new InputError(`names the same file as another output (${other})`, o);
    outputIds.set(id, o);
  }
}
