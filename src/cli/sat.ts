/**
 * `trainsat sat FILE.cnf`: a plain DIMACS SAT solver on the WebAssembly backend, with SAT
 * competition output (docs/cli.md, "sat"; scripts depend on it):
 *
 *   s SATISFIABLE            exit 10, followed by the model on `v` lines of at most 80
 *   v 1 -2 3 ... 0           characters, the last one ending in 0
 *   s UNSATISFIABLE          exit 20
 *   s UNKNOWN                exit 0, after a `c` line saying why (the --timeout budget ran
 *                            out, or the solver stopped without an answer)
 *
 * The model printed covers variables 1..N of the header and has been checked against every
 * clause. Malformed DIMACS, an unreadable file or a bad option is an InputError (the CLI
 * prints it and exits 2). `-` reads the CNF from stdin (and so does '', which is what yargs
 * makes of a bare `-` argument).
 *
 * `--proof FILE` (cadical backend only): on UNSAT, writes a proof (`--proof-format`: drat,
 * drat-trimmed or lrat) to FILE (atomically, before the `s` line is printed); on SAT or
 * UNKNOWN nothing is written and an existing regular FILE (an earlier run's proof) is
 * removed. `--proof -` writes the proof to stdout and the `s`/`v` lines to stderr. A proof
 * file that is the CNF file is refused (exit 2). The solve and the proof's check are
 * src/solvers/proof-solve.ts; a proof that fails its check is an internal error (exit 1)
 * and nothing is written. Check it again with `trainsat check-proof`.
 *
 * On a terminal, a status line on stderr shows the progress until the answer (./progress.ts);
 * `--quiet` turns it off.
 */
import { describeUnknown, PROOF_FORMATS, type ProofFormat, type SolverProgress } from '../solvers/types.js';
import { readFileSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { parseBackend, parseTimeout } from './options.js';
import { StatusLine } from './progress.js';

export interface SatCommandOptions {
  /** DIMACS file, or '-' for stdin ('' too: yargs turns a bare '-' argument into ''). */
  file: string;
  /** Backend name (default 'cadical'). */
  backend?: string;
  /** Wall-clock budget in seconds, as given (checked by parseTimeout). */
  timeoutSec?: unknown;
  /** Write a proof (in `proofFormat`) here on UNSAT; cadical backend only. */
  proof?: string;
  /** The proof's format, one of PROOF_FORMATS (default 'drat'). */
  proofFormat?: unknown;
  /** Where to print (default process.stdout; process.stderr when the proof goes to stdout). */
  out?: NodeJS.WritableStream;
  /** No status line on a terminal. */
  quiet?: boolean;
}

const LINE_WIDTH = 80;

const isStdin = (file: string): boolean => file === '-' || file === '';

async function readInput(file: string): Promise<string> {
  if (isStdin(file)) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : (chunk as Buffer));
    return Buffer.concat(chunks).toString('latin1');
  }
  try {
    // latin1: DIMACS is ASCII, and one-byte strings are the fastest to scan.
    return readFileSync(file, 'latin1');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : (err.code ?? err.message);
    throw new InputError(`cannot read the CNF file (${why})`, file);
  }
}

/** Competition-style model lines for variables 1..numVars: `v ...` lines, ending in `0`. */
export function formatModelLines(model: Uint8Array, numVars: number, width = LINE_WIDTH): string {
  const parts: string[] = [];
  let line = 'v';
  for (let v = 1; v <= numVars; v++) {
    const tok = v < model.length && model[v] === 1 ? String(v) : `-${v}`;
    if (line.length + 1 + tok.length > width) {
      parts.push(line);
      line = 'v';
    }
    line += ` ${tok}`;
  }
  if (line.length + 2 > width) {
    parts.push(line);
    line = 'v';
  }
  parts.push(`${line} 0`);
  return parts.join('\n') + '\n';
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

export async function satCommand(opts: SatCommandOptions): Promise<number> {
  const { isStdout } = await import('./io.js');
  const out = opts.out ?? (isStdout(opts.proof) ? process.stderr : process.stdout);
  const backend = parseBackend(opts.backend ?? 'cadical', 'sat');
  const timeoutMs = parseTimeout(opts.timeoutSec, 'sat');
  const { solveDimacsText } = await import('../solvers/index.js');
  if (opts.proof === undefined && opts.proofFormat !== undefined && opts.proofFormat !== 'drat') {
    throw new InputError(`--proof-format ${String(opts.proofFormat)} needs --proof FILE (where to write the proof)`, 'sat');
  }
  if (opts.proof !== undefined) {
    if (typeof opts.proof !== 'string' || opts.proof === '') throw new InputError('--proof needs a file name (or - for stdout)', 'sat');
    if (backend !== 'cadical') throw new InputError(`--proof needs the cadical backend, not '${backend}'`, 'sat');
    if (opts.proofFormat !== undefined && !(PROOF_FORMATS as readonly unknown[]).includes(opts.proofFormat)) {
      throw new InputError(`--proof-format is one of ${PROOF_FORMATS.join(', ')}, not '${String(opts.proofFormat)}'`, 'sat');
    }
    const { refuseInputsAsOutputs } = await import('./io.js');
    refuseInputsAsOutputs([isStdin(opts.file) ? '-' : opts.file], [opts.proof]);
  }
  const text = await readInput(opts.file);
  const source = isStdin(opts.file) ? '<stdin>' : opts.file;
  const status = StatusLine.forStderr(opts.quiet === true);
  let r: Awaited<ReturnType<typeof solveDimacsText>>;
  try {
    status.start('solving', { budgetMs: timeoutMs });
    const { readDimacsHeader } = await import('../cnf/dimacs.js');
    const size = readDimacsHeader(text);
    if (size) status.update({ vars: size.numVars, clauses: size.numClauses });
    if (opts.proof !== undefined) return await satWithProof(text, source, opts.proof, (opts.proofFormat ?? 'drat') as ProofFormat, timeoutMs, out, status);
    r = await solveDimacsText(text, backend, { timeoutMs, source, ...(status.enabled ? { onProgress: (p: SolverProgress) => status.update(p) } : {}) });
  } finally {
    status.clear();
  }
  if (r.status === 'sat') {
    await write(out, 's SATISFIABLE\n' + formatModelLines(r.model ?? new Uint8Array(0), r.numVars));
    return 10;
  }
  if (r.status === 'unsat') {
    await write(out, 's UNSATISFIABLE\n');
    return 20;
  }
  await write(out, `c ${describeUnknown(r.unknown)}\ns UNKNOWN\n`);
  return 0;
}

/** The `--proof` path: src/solvers/proof-solve.ts, then the answer printed and the proof written. */
async function satWithProof(
  text: string,
  source: string,
  proofFile: string,
  format: ProofFormat,
  timeoutMs: number | undefined,
  out: NodeJS.WritableStream,
  progress: StatusLine,
): Promise<number> {
  const { parseDimacs } = await import('../cnf/dimacs.js');
  const { solveWithProof } = await import('../solvers/proof-solve.js');
  const cnf = parseDimacs(text, source);
  let r: Awaited<ReturnType<typeof solveWithProof>>;
  try {
    r = await solveWithProof(cnf, {
      format,
      timeoutMs,
      ...(progress.enabled ? { onProgress: (p: SolverProgress) => progress.update(p), onChecking: () => progress.update({ phase: 'checking the proof' }) } : {}),
    });
  } finally {
    progress.clear();
  }
  const { writeOutput, removeStaleOutput } = await import('./io.js');
  if (r.status !== 'unsat' && removeStaleOutput(proofFile)) process.stderr.write(`c removed ${proofFile}: no proof (the answer is not UNSAT)\n`);
  if (r.status === 'sat') {
    await write(out, 's SATISFIABLE\n' + formatModelLines(r.model, cnf.numVars));
    return 10;
  }
  if (r.status === 'unknown') {
    await write(out, `c ${describeUnknown(r.reason)}\ns UNKNOWN\n`);
    return 0;
  }
  await writeOutput(proofFile, r.proof);
  await write(out, 's UNSATISFIABLE\n');
  return 20;
}
