/**
 * The SAT solvers (CaDiCaL, MiniSat, any DIMACS solver on PATH): registry and the DIMACS
 * fast path. (Decision backends, bit-blasting, hybrid and MIP, are src/backends; MIP
 * solvers are src/mip.)
 *
 * `createSolver(name)` imports only the solver asked for (`await import`), so
 * `trainsat sat` on the default backend never loads MiniSat's 240 KB of asm.js or the
 * child-process plumbing of the external backend: start-up time matters for scripts that
 * call trainsat many times.
 *
 * `solveDimacsText` is what `trainsat sat` runs: one parse of the text into a flat
 * Int32Array (which validates it, handles the SATLIB trailer and gives line numbers), one
 * bulk feed into the backend, one solve, and the one-pass model check every backend does
 * before answering 'sat'.
 */
import { parseDimacs, readDimacsHeader, type ParsedDimacs } from '../cnf/dimacs.js';
import { cadicalCapacityError } from './capacity.js';
import type { StoredClauseSolver } from './base.js';
import { UnknownBackendError, type SatStatus, type SolveOptions, type UnknownReason } from './types.js';

export * from './types.js';

/** Backend names: the built-ins, and the pattern for any DIMACS solver on PATH. */
export const BACKENDS = ['cadical', 'minisat', 'external:NAME'] as const;

export type BackendName = 'cadical' | 'minisat' | `external:${string}`;

/** One line per backend, for help texts. */
export const BACKEND_DESCRIPTIONS: Readonly<Record<(typeof BACKENDS)[number], string>> = {
  cadical: 'CaDiCaL 3 compiled to WebAssembly (cadical-wasm); the default',
  minisat: 'MiniSat via logic-solver (asm.js, fixed 64 MB heap); no conflict budget',
  'external:NAME': 'a DIMACS solver binary on PATH, e.g. external:kissat or external:minisat',
};

/** Checks a backend name's syntax (no PATH lookup); throws UnknownBackendError. */
export function parseBackendName(name: string): BackendName {
  const n = name.trim();
  if (n === 'cadical' || n === 'minisat') return n;
  if (n.startsWith('external:')) {
    if (n.length > 'external:'.length) return n as BackendName;
    throw new UnknownBackendError("external backend needs a solver name, e.g. 'external:kissat'");
  }
  throw new UnknownBackendError(`unknown SAT backend '${name}'; available: ${BACKENDS.join(', ')}`);
}

/**
 * A fresh solver of the named backend ('cadical' by default). Rejects with
 * UnknownBackendError for an unknown name or an external solver not found on PATH.
 */
export async function createSolver(backend: string = 'cadical'): Promise<StoredClauseSolver> {
  const name = parseBackendName(backend);
  if (name === 'cadical') return (await import('./cadical.js')).createCadical();
  if (name === 'minisat') return (await import('./minisat.js')).createMinisat();
  return (await import('./external.js')).createExternal(name.slice('external:'.length));
}

export interface DimacsSolveOptions extends SolveOptions {
  /** Names the input in error messages (`source:line`). */
  source?: string;
}

export interface DimacsSolveResult {
  status: SatStatus;
  /** For 'sat': model[v] = 1 iff v is true, v in 1..numVars (checked against every clause). */
  model: Uint8Array | null;
  /** For 'unknown': why (the budget ran out, or the solver gave up by itself). */
  unknown: UnknownReason | null;
  numVars: number;
  numClauses: number;
  backend: string;
  parseMs: number;
  solveMs: number;
}

/** Solves an already parsed CNF (flat clauses) on a fresh solver. */
export async function solveParsedDimacs(
  cnf: ParsedDimacs,
  backend: string = 'cadical',
  opts: SolveOptions = {},
): Promise<Omit<DimacsSolveResult, 'parseMs'>> {
  const t0 = performance.now();
  const solver = await createSolver(backend);
  try {
    solver.ensureVars(cnf.numVars);
    solver.addFlat(cnf.clauses);
    const status = await solver.solve(opts);
    let model: Uint8Array | null = null;
    if (status === 'sat') {
      const m = solver.modelBytes();
      model = m.length >= cnf.numVars + 1 ? m : padModel(m, cnf.numVars);
    }
    const unknown = status === 'unknown' ? solver.unknownReason() : null;
    return { status, model, unknown, numVars: cnf.numVars, numClauses: cnf.numClauses, backend: solver.name, solveMs: performance.now() - t0 };
  } finally {
    solver.dispose();
  }
}

function padModel(m: Uint8Array, numVars: number): Uint8Array {
  const out = new Uint8Array(numVars + 1);
  out.set(m.subarray(0, Math.min(m.length, numVars + 1)));
  return out;
}

/**
 * Parses DIMACS text (InputError with `source:line` if malformed) and solves it. The
 * backend name is checked before parsing, so a typo fails fast even on a huge file, and
 * so is the header against CaDiCaL's memory (capacity.ts): a formula that cannot fit is a
 * SolverCapacityError stating the limit, before anything is loaded.
 */
export async function solveDimacsText(
  text: string,
  backend: string = 'cadical',
  opts: DimacsSolveOptions = {},
): Promise<DimacsSolveResult> {
  const name = parseBackendName(backend);
  const t0 = performance.now();
  const { source, ...solveOpts } = opts;
  if (name === 'cadical') {
    const header = readDimacsHeader(text);
    const tooLarge = header && cadicalCapacityError(header.numVars, header.numClauses, 0, source ?? '<input>');
    if (tooLarge) throw tooLarge;
  }
  const cnf = parseDimacs(text, source);
  const parseMs = performance.now() - t0;
  const r = await solveParsedDimacs(cnf, backend, solveOpts);
  return { ...r, parseMs };
}
