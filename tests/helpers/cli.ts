/**
 * For tests that run the built CLI (dist/, from `npm run build`) as a user runs it, in a
 * child process: where it is, one synchronous runner, temporary directories to put its
 * inputs and outputs in, and a snapshot of a directory tree to compare before and after.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
}

/** Runs `node dist/src/cli/main.js ...args` to completion; exit code, stdout and stderr (UTF-8). */
export function runCli(args: readonly string[], opts: CliOptions = {}): CliResult {
  if (opts.input !== undefined && opts.stdinFile !== undefined) throw new Error('runCli: input and stdinFile are exclusive');
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
