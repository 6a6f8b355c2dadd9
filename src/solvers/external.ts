/**
 * The `external:NAME` backend: any DIMACS SAT solver binary on PATH (kissat, cadical,
 * minisat, glucose, ...), run as a child process on a temporary .cnf file.
 *
 * Two output conventions are understood:
 *  - SAT competition (kissat, cadical, most solvers): `s SATISFIABLE` / `s UNSATISFIABLE` /
 *    `s UNKNOWN` on stdout, the model on `v ... 0` lines;
 *  - MiniSat style (a name containing "minisat" or "glucose"): `NAME -verb=0 in.cnf out.txt`
 *    writes `SAT` and the model line, `UNSAT` or `INDET` to the result file.
 * Assumptions are written as unit clauses (each solve is a fresh run; on 'unsat' all
 * assumptions are reported as failed). A timeout kills the process ('unknown', reason
 * 'budget'); a solver that answers UNKNOWN / INDET by itself gives 'unknown' with reason
 * 'solver' and its exit code; one that crashes or is killed (e.g. out of memory) without an
 * answer is an error naming its exit code or signal, never a timeout. A missing
 * binary is an UnknownBackendError when the solver is created, not at solve time. The model
 * is checked against the clauses like every other backend's (base.ts).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, basename } from 'node:path';
import { writeDimacsFile } from '../cnf/dimacs.js';
import { StoredClauseSolver, type Budget, type RunResult } from './base.js';
import { UnknownBackendError } from './types.js';
import { MAX_TIMER_MS } from './clauses.js';

/** Absolute path of an executable named `cmd` (on PATH unless it contains a slash), or null. */
export function findExecutable(cmd: string, pathVar = process.env.PATH ?? ''): string | null {
  const isExec = (p: string): boolean => {
    try {
      if (!statSync(p).isFile()) return false;
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (cmd.includes('/')) return isExec(cmd) ? cmd : null;
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, cmd);
    if (isExec(p)) return p;
  }
  return null;
}

/** Parsed solver output: a status, and for 'sat' the true/false literals printed. */
export interface ParsedSolverOutput {
  status: 'sat' | 'unsat' | 'unknown' | null;
  model: Uint8Array | null;
}

function modelFromLiterals(tokens: string[], numVars: number): { model: Uint8Array; sawZero: boolean } {
  const model = new Uint8Array(numVars + 1);
  let sawZero = false;
  for (const t of tokens) {
    if (t === '') continue;
    const l = Number(t);
    if (!Number.isInteger(l)) throw new Error(`unexpected token '${t}' in the model`);
    if (l === 0) {
      sawZero = true;
      continue;
    }
    const v = Math.abs(l);
    if (v <= numVars) model[v] = l > 0 ? 1 : 0;
  }
  return { model, sawZero };
}

/** Parses SAT-competition output (`s ...` and `v ... 0` lines; other lines ignored). */
export function parseCompetitionOutput(stdout: string, numVars: number): ParsedSolverOutput {
  let status: ParsedSolverOutput['status'] = null;
  const vTokens: string[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('s ')) {
      const s = line.slice(2).trim();
      if (s === 'SATISFIABLE') status = 'sat';
      else if (s === 'UNSATISFIABLE') status = 'unsat';
      else if (s === 'UNKNOWN') status = 'unknown';
      else throw new Error(`unrecognised status line '${line}'`);
    } else if (line.startsWith('v ') || line === 'v') {
      for (const t of line.slice(1).split(/\s+/)) vTokens.push(t);
    }
  }
  if (status !== 'sat') return { status, model: null };
  const { model, sawZero } = modelFromLiterals(vTokens, numVars);
  if (!sawZero) throw new Error("'s SATISFIABLE' without a complete model (no 'v ... 0' line)");
  return { status, model };
}

/** Parses a MiniSat-style result file: `SAT` + model line, `UNSAT`, or `INDET`. */
export function parseMinisatResult(text: string, numVars: number): ParsedSolverOutput {
  const lines = text.split('\n').map((l) => l.trim());
  const head = lines[0] ?? '';
  if (head === 'UNSAT') return { status: 'unsat', model: null };
  if (head === 'INDET' || head === '') return { status: head === 'INDET' ? 'unknown' : null, model: null };
  if (head !== 'SAT') throw new Error(`unrecognised result file (first line '${head}')`);
  const { model } = modelFromLiterals((lines[1] ?? '').split(/\s+/), numVars);
  return { status: 'sat', model };
}

function isMinisatStyle(cmd: string): boolean {
  return /minisat|glucose/i.test(basename(cmd));
}

export class ExternalSolver extends StoredClauseSolver {
  readonly name: string;

  constructor(
    private readonly cmd: string,
    private readonly path: string,
  ) {
    super();
    this.name = `external:${cmd}`;
  }

  protected async run(assumptions: number[], budget: Budget): Promise<RunResult> {
    let numVars = this.numVars;
    for (const a of assumptions) numVars = Math.max(numVars, Math.abs(a));
    const dir = mkdtempSync(join(tmpdir(), 'trainsat-'));
    try {
      const cnfPath = join(dir, 'in.cnf');
      const resultPath = join(dir, 'result.txt');
      let flat = this.store.flat;
      if (assumptions.length) {
        const withUnits = new Int32Array(flat.length + 2 * assumptions.length);
        withUnits.set(flat);
        assumptions.forEach((a, i) => (withUnits[flat.length + 2 * i] = a));
        flat = withUnits;
      }
      writeDimacsFile(cnfPath, { numVars, clauses: flat }, [`written by trainsat for ${this.name}`]);
      const minisatStyle = isMinisatStyle(this.cmd);
      const args = minisatStyle ? ['-verb=0', cnfPath, resultPath] : [cnfPath];
      const { stdout, stderr, code, signal, timedOut } = await this.exec(args, budget.timeoutMs, () => rmSync(dir, { recursive: true, force: true }));
      if (timedOut) return { status: 'unknown' };
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      const ended = `(${signal ? `killed by ${signal}` : `exit code ${code}`})${tail ? `: ${tail}` : ''}`;
      let parsed: ParsedSolverOutput;
      try {
        if (minisatStyle) {
          let text = '';
          try {
            text = readFileSync(resultPath, 'latin1');
          } catch {
            text = '';
          }
          parsed = parseMinisatResult(text, numVars);
        } else {
          parsed = parseCompetitionOutput(stdout, numVars);
        }
      } catch (e) {
        throw new Error(`${this.name}: ${(e as Error).message}`);
      }
      if (parsed.status === null) throw new Error(`${this.name} gave no answer ${ended}`);
      if (parsed.status === 'sat') return { status: 'sat', model: parsed.model ?? new Uint8Array(0) };
      if (parsed.status === 'unknown') {
        // The solver gave up by itself (its own limits, memory, ...), before our deadline.
        return { status: 'unknown', reason: { kind: 'solver', message: `${this.name} answered UNKNOWN by itself ${ended}` } };
      }
      return { status: parsed.status };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * Runs the solver. While it runs, SIGINT, SIGTERM or SIGHUP sent to this process alone
   * (not to its process group, as Ctrl-C is) still stops it: the solver is killed, its
   * files are removed (`cleanup`), and the signal then takes its course: the other
   * handlers run, or, with none, the signal is raised again for its default action.
   */
  private exec(
    args: string[],
    timeoutMs: number | undefined,
    cleanup: () => void,
  ): Promise<{ stdout: string; stderr: string; code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const onSignal = (sig: NodeJS.Signals) => {
        child.kill('SIGKILL');
        cleanup();
        for (const s of FORWARDED_SIGNALS) process.removeListener(s, onSignal);
        if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
      };
      for (const s of FORWARDED_SIGNALS) process.on(s, onSignal);
      const stopForwarding = () => {
        for (const s of FORWARDED_SIGNALS) process.removeListener(s, onSignal);
      };
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let errBytes = 0;
      let timedOut = false;
      let killTimer: NodeJS.Timeout | undefined;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              child.kill('SIGTERM');
              killTimer = setTimeout(() => child.kill('SIGKILL'), 1000);
            }, Math.min(timeoutMs, MAX_TIMER_MS));
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => {
        if (errBytes < 1 << 16) {
          err.push(b);
          errBytes += b.length;
        }
      });
      child.once('error', (e: NodeJS.ErrnoException) => {
        stopForwarding();
        if (timer) clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        reject(
          e.code === 'ENOENT' || e.code === 'EACCES'
            ? new UnknownBackendError(`${this.name}: cannot run '${this.path}' (${e.code})`)
            : e,
        );
      });
      child.once('close', (code, signal) => {
        stopForwarding();
        if (timer) clearTimeout(timer);
        if (killTimer) clearTimeout(killTimer);
        resolve({
          stdout: Buffer.concat(out).toString('latin1'),
          stderr: Buffer.concat(err).toString('utf8'),
          code,
          signal,
          timedOut,
        });
      });
    });
  }
}

/** Signals that stop a running external solver with this process (see `exec`). */
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** An external solver; UnknownBackendError if `cmd` is not an executable on PATH. */
export async function createExternal(cmd: string): Promise<ExternalSolver> {
  if (!cmd) throw new UnknownBackendError("external backend needs a solver name, e.g. 'external:kissat'");
  const path = findExecutable(cmd);
  if (!path) {
    throw new UnknownBackendError(
      `external:${cmd}: no executable named '${cmd}' on PATH; install it (e.g. apt-get install ${basename(cmd)}) ` +
        `or use --backend cadical (built in)`,
    );
  }
  return new ExternalSolver(cmd, path);
}
