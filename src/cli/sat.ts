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
 * `--proof FILE` (cadical backend only): on UNSAT, writes a DRUP proof in the textual DRAT
 * format to FILE (atomically, before the `s` line is printed); on SAT or UNKNOWN nothing is
 * written and an existing regular FILE (an earlier run's proof) is removed. `--proof -`
 * writes the proof to stdout and the `s`/`v` lines to stderr. A proof file that is the
 * CNF file is refused (exit 2). The solver then runs with DRUP_PROOF_OPTIONS (src/solvers/cadical.ts: no
 * inprocessing, no on-the-fly strengthening), and the proof is checked before it is written:
 * forward by a worker thread while the solver runs, and backwards with core marking from the
 * end once it has finished (src/exact/rup-concurrent.ts); a proof that fails the check is an
 * internal error (exit 1) and nothing is written. Check it again with `trainsat check-proof`.
 * `--proof-format drat-trimmed` writes only the clauses the refutation uses, each deleted
 * after its last use, and `lrat` the same clauses in LRAT (src/exact/lrat.ts), each with the
 * clauses its check propagated (hints from both checks: the worker keeps them then); either
 * is checked again in LRAT form before it is written (`check-proof --lrat` checks LRAT).
 *
 * On a terminal, a status line on stderr shows the progress until the answer (./progress.ts);
 * `--quiet` turns it off.
 */
import type { LratProof } from '../exact/lrat.js';
import { describeUnknown, type SolverProgress, type UnknownReason } from '../solvers/types.js';
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
  /** Write a DRUP proof (text DRAT) here on UNSAT; cadical backend only. */
  proof?: string;
  /** The proof's format, one of PROOF_FORMATS (default 'drat'). */
  proofFormat?: unknown;
  /** Where to print (default process.stdout; process.stderr when the proof goes to stdout). */
  out?: NodeJS.WritableStream;
  /** No status line on a terminal. */
  quiet?: boolean;
}

const LINE_WIDTH = 80;

/**
 * What `--proof` writes: `drat`, every clause CaDiCaL learned (no deletions); `drat-trimmed`,
 * only the clauses the refutation uses, each deleted after its last use; `lrat`, the same
 * clauses with the ids of the clauses that check each one.
 */
export const PROOF_FORMATS = ['drat', 'drat-trimmed', 'lrat'] as const;
type ProofFormat = (typeof PROOF_FORMATS)[number];

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

/** The `--proof` path: CaDiCaL with DRUP_PROOF_OPTIONS, the learned clauses collected as the proof. */
async function satWithProof(
  text: string,
  source: string,
  proofFile: string,
  format: ProofFormat,
  timeoutMs: number | undefined,
  out: NodeJS.WritableStream,
  progress: StatusLine,
): Promise<number> {
  const { parseDimacs, clausesToArrays } = await import('../cnf/dimacs.js');
  const { createProofCadical } = await import('../solvers/cadical.js');
  const { ConcurrentDrupCheck } = await import('../exact/rup-concurrent.js');
  const cnf = parseDimacs(text, source);
  // The proof is checked forward on a second thread while CaDiCaL solves, keeping the hints
  // of every check when the proof written is made from them.
  const inputClauses = clausesToArrays(cnf.clauses);
  const fromHints = format !== 'drat';
  const check = new ConcurrentDrupCheck({ numVars: cnf.numVars, clauses: inputClauses }, { hints: fromHints });
  let status: string;
  let model: Uint8Array | null = null;
  let reason: UnknownReason | null = null;
  try {
    const solver = await createProofCadical((clause) => check.add(clause));
    try {
      solver.ensureVars(cnf.numVars);
      solver.addFlat(cnf.clauses);
      status = await solver.solve({ timeoutMs, ...(progress.enabled ? { onProgress: (p: SolverProgress) => progress.update(p) } : {}) });
      if (status === 'sat') model = solver.modelBytes();
      if (status === 'unknown') reason = solver.unknownReason();
    } finally {
      solver.dispose();
    }
  } catch (e) {
    await check.dispose();
    throw e;
  }
  if (status !== 'unsat') {
    await check.dispose();
    progress.clear();
  }
  const { writeOutput, removeStaleOutput } = await import('./io.js');
  if (status !== 'unsat' && removeStaleOutput(proofFile)) process.stderr.write(`c removed ${proofFile}: no proof (the answer is not UNSAT)\n`);
  if (status === 'sat') {
    await write(out, 's SATISFIABLE\n' + formatModelLines(model ?? new Uint8Array(0), cnf.numVars));
    return 10;
  }
  if (status !== 'unsat') {
    await write(out, `c ${describeUnknown(reason)}\ns UNKNOWN\n`);
    return 0;
  }
  const { writeDrat } = await import('../exact/rup.js');
  const proof = check.proof;
  if (proof.length === 0 || proof[proof.length - 1].clause.length !== 0) check.add([]);
  progress.update({ phase: 'checking the proof' });
  const lrat: LratProof | undefined = fromHints ? { steps: [] } : undefined;
  const { result } = await check.finish({ lrat });
  if (!result.ok) {
    progress.clear();
    throw new Error(`internal error: the DRUP proof from CaDiCaL fails its own check at step ${result.step} (${result.reason}); no proof written`);
  }
  let proofText = '';
  if (lrat) {
    // The refutation the check found, checked once more in LRAT form before it is written.
    const { checkLrat, lratToDrup, writeLrat } = await import('../exact/lrat.js');
    const again = checkLrat({ numVars: cnf.numVars, clauses: inputClauses }, lrat);
    if (!again.ok) {
      progress.clear();
      throw new Error(`internal error: the proof fails the LRAT check at step ${again.step} (${again.reason}); no proof written`);
    }
    proofText = format === 'lrat' ? writeLrat(lrat) : writeDrat(lratToDrup(lrat, inputClauses));
  } else proofText = writeDrat(proof);
  progress.clear();
  await writeOutput(proofFile, proofText);
  await write(out, 's UNSATISFIABLE\n');
  return 20;
}
