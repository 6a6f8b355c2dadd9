/**
 * For tests of the command line: `runCli` runs it in this process (the CLI's `main`, with
 * stdout and stderr captured), `spawnCli` runs the built CLI (dist/, from `npm run build`)
 * as a user runs it, in a child process; both give the exit code and what was printed.
 * Also temporary directories to put inputs and outputs in, and a snapshot of a directory
 * tree to compare before and after.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { main } from '../../src/cli/main.js';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The built CLI. */
export const MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  /** Exit code (null if the process was ended by a signal). */
  code: number | null;
  out: string;
  err: string;
}

export interface CliOptions {
  /** Working directory; ROOT unless given. */
  cwd?: string;
  /** Text written to stdin; without it (and without stdinFile) stdin is empty. */
  input?: string;
  /** A file opened as stdin, as `< FILE` in a shell (not with input). */
  stdinFile?: string;
  /** Environment; this process's unless given. */
  env?: NodeJS.ProcessEnv;
  /** runCli only: stderr looks like a terminal of this many columns (default: a pipe). */
  stderrTerminal?: { columns: number };
}

/** Runs `node dist/src/cli/main.js ...args` to completion; exit code, stdout and stderr (UTF-8). */
export function spawnCli(args: readonly string[], opts: CliOptions = {}): CliResult {
  if (opts.input !== undefined && opts.stdinFile !== undefined) throw new Error('spawnCli: input and stdinFile are exclusive');
  const fd = opts.stdinFile === undefined ? undefined : openSync(opts.stdinFile, 'r');
  try {
    const r = spawnSync(process.execPath, [MAIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      encoding: 'utf8',
      input: opts.input,
      env: opts.env,
      stdio: [fd ?? 'pipe', 'pipe', 'pipe'],
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

type Write = typeof process.stdout.write;

/**
 * Points `stream` (process.stdout or process.stderr) at `chunks` until the returned function
 * is called: its writes are collected, and it looks like a pipe (not a terminal, no width),
 * as it is for a child process of spawnCli, or like a terminal of `terminal.columns`.
 */
function capture(stream: NodeJS.WriteStream, chunks: Buffer[], terminal?: { columns: number }): () => void {
  const write = stream.write;
  const own = (['isTTY', 'columns'] as const).map((k) => [k, Object.getOwnPropertyDescriptor(stream, k)] as const);
  stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void) => {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    const callback = typeof encoding === 'function' ? encoding : done;
    if (callback) process.nextTick(callback, null);
    return true;
  }) as Write;
  const looks = { isTTY: terminal ? true : undefined, columns: terminal?.columns };
  for (const [k] of own) Object.defineProperty(stream, k, { value: looks[k], configurable: true, writable: true });
  return () => {
    stream.write = write;
    for (const [k, d] of own) {
      if (d) Object.defineProperty(stream, k, d);
      else delete (stream as unknown as Record<string, unknown>)[k];
    }
  };
}

let running = false;

/**
 * Runs the command line `args` in this process, as `spawnCli` runs the built CLI: the CLI's
 * `main` with stdout and stderr captured (console.log and console.error too, which yargs
 * prints help with) in the working directory `cwd`. Runs that need a process of their own
 * go to spawnCli: given stdin (`input`, `stdinFile`) or an environment, or in a worker
 * thread (which cannot change the working directory). One run at a time.
 */
export async function runCli(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  if (opts.input !== undefined || opts.stdinFile !== undefined || opts.env !== undefined || !isMainThread) {
    if (opts.stderrTerminal) throw new Error('runCli: stderrTerminal needs an in-process run');
    return spawnCli(args, opts);
  }
  if (running) throw new Error('runCli: one in-process run at a time');
  const home = process.cwd();
  process.chdir(opts.cwd ?? ROOT);
  running = true;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const { log, error } = console;
  const exitCode = process.exitCode;
  const restore = [capture(process.stdout, out), capture(process.stderr, err, opts.stderrTerminal)];
  console.log = (...a: unknown[]) => void process.stdout.write(`${format(...a)}\n`);
  console.error = (...a: unknown[]) => void process.stderr.write(`${format(...a)}\n`);
  try {
    const code = await main([...args]);
    return { code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') };
  } finally {
    for (const r of restore) r();
    Object.assign(console, { log, error });
    process.exitCode = exitCode;
    process.chdir(home);
    running = false;
  }
}

export interface TempDir {
  /** The directory, created under the OS temporary directory as trainsat-LABEL-XXXXXX. */
  path: string;
  /** A new path in the directory (d0, d1, ...), not created. */
  fresh(): string;
  /** Writes `content` to the file `name` in the directory (a string as is, anything else as JSON); its path. */
  file(name: string, content: unknown): string;
}

/** A new temporary directory; removing it is the caller's business. */
export function tempDir(label: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `trainsat-${label}-`));
  let dirs = 0;
  return {
    path,
    fresh: () => join(path, `d${dirs++}`),
    file(name, content) {
      const p = join(path, name);
      writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
      return p;
    },
  };
}

/** Every entry under `dir` (hidden ones too, recursively), path -> bytes ('<dir>' for directories). */
export function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      const st = lstatSync(p);
      if (st.isDirectory()) {
        m.set(rel + f, '<dir>');
        walk(p, `${rel}${f}/`);
      } else if (st.isSymbolicLink()) m.set(rel + f, `<link ${readlinkSync(p)}>`);
      else m.set(rel + f, readFileSync(p, 'latin1'));
    }
  };
  walk(dir, '');
  return m;
}
