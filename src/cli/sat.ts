/**
 * `trainsat sat FILE.cnf`: a plain DIMACS SAT solver on the WebAssembly backend, with SAT
 * competition output (DESIGN.md section 3; scripts depend on it):
 *
 *   s SATISFIABLE            exit 10, followed by the model on `v` lines of at most 80
 *   v 1 -2 3 ... 0           characters, the last one ending in 0
 *   s UNSATISFIABLE          exit 20
 *   s UNKNOWN                exit 0 (the --timeout budget ran out)
 *
 * The model printed covers variables 1..N of the header and has been checked against every
 * clause. Malformed DIMACS, an unreadable file or a bad option is an InputError (the CLI
 * prints it and exits 2). `-` reads the CNF from stdin (and so does '', which is what yargs
 * makes of a bare `-` argument).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../model/errors.js';

export interface SatCommandOptions {
  /** DIMACS file, or '-' for stdin ('' too: yargs turns a bare '-' argument into ''). */
  file: string;
  /** Backend name (default 'cadical'). */
  backend?: string;
  /** Wall-clock budget in seconds. */
  timeoutSec?: number;
  /** Where to print (default process.stdout). */
  out?: NodeJS.WritableStream;
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
  const out = opts.out ?? process.stdout;
  const backend = opts.backend ?? 'cadical';
  let timeoutMs: number | undefined;
  if (opts.timeoutSec !== undefined) {
    if (typeof opts.timeoutSec !== 'number' || !(opts.timeoutSec >= 0)) {
      throw new InputError(`--timeout must be a non-negative number of seconds, got ${String(opts.timeoutSec)}`, 'sat');
    }
    timeoutMs = opts.timeoutSec * 1000;
  }
  const { solveDimacsText, parseBackendName } = await import('../solvers/index.js');
  parseBackendName(backend);
  const text = await readInput(opts.file);
  const source = isStdin(opts.file) ? '<stdin>' : opts.file;
  const r = await solveDimacsText(text, backend, { timeoutMs, source });
  if (r.status === 'sat') {
    await write(out, 's SATISFIABLE\n' + formatModelLines(r.model ?? new Uint8Array(0), r.numVars));
    return 10;
  }
  if (r.status === 'unsat') {
    await write(out, 's UNSATISFIABLE\n');
    return 20;
  }
  await write(out, 's UNKNOWN\n');
  return 0;
}
