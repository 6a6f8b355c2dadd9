/**
 * How large a formula the in-process backends can hold, so that a formula that cannot fit
 * is refused with a message stating the limit before it is loaded, instead of aborting
 * the WebAssembly module halfway.
 *
 * CaDiCaL (cadical-wasm 0.1.2): the module's memory may grow to 2 GiB (its wasm memory
 * section: maximum 32768 pages of 64 KiB) and no further. Measured by bisection, each
 * point on a fresh module (ensureVars, clauses through `ccadical_add`, then one solve),
 * largest size that fits / smallest that aborts:
 *   - no clauses: 12.0 / 12.09 million variables (trainsat's own path, `trainsat sat` on
 *     `p cnf N 1`: 12.0 fit, 12.5 abort);
 *   - 100,000 variables: 25.5 / 25.7 million 2-literal clauses, 23.1 / 23.3 million
 *     3-literal clauses, 17.3 / 17.5 million 10-literal clauses;
 *   - 3-SAT with 4.26 clauses per variable: 3.12 / 3.16 million variables (13.3 million
 *     clauses); as many 2-literal clauses as variables: 8.7 / 8.9 million variables.
 * Memory is not linear in the sizes (CaDiCaL's vectors grow by doubling, and a variable
 * with few occurrences costs more in watches than one with many), so the estimate below
 * is a lower bound: 176.5 bytes per variable, 57 per clause and 4.3 per literal on top of
 * the module's 16 MiB start, which every measured size that fits stays under. A formula it
 * puts above 2 GiB certainly cannot fit and is refused before loading; one below may
 * still run out while loading or when search learns clauses, and that abort is a
 * SolverCapacityError with the same figures, never a crash.
 *
 * MiniSat (logic-solver's asm.js build) has a fixed 64 MiB heap; it maps only variables
 * that occur in clauses, so a large declared count costs nothing. Measured the same way:
 * about 414,000 variables (with as many 2-literal clauses) or 1.19 million 3-literal
 * clauses over 10,000 variables fit. Its abort is caught cleanly (minisat.ts), so it is
 * not estimated beforehand; its message states these figures.
 */
import { SolverCapacityError } from './types.js';

/** The most memory CaDiCaL's WebAssembly module can have: 2 GiB. */
export const CADICAL_MAX_MEMORY = 2 ** 31;

/** Bytes CaDiCaL needs at least per variable, clause and literal, and at the start (see above). */
export const CADICAL_BYTES = { perVariable: 176.5, perClause: 57, perLiteral: 4.3, base: 16 * 2 ** 20 } as const;

/** The variables that fit in CaDiCaL without clauses: about 12 million. */
export const CADICAL_MAX_VARIABLES = Math.floor((CADICAL_MAX_MEMORY - CADICAL_BYTES.base) / CADICAL_BYTES.perVariable);

/** MiniSat's measured limits, for messages. */
export const MINISAT_LIMITS = 'about 400,000 variables, or 1.2 million 3-literal clauses';

/** A lower bound on the bytes of CaDiCaL's memory for a formula of this size (before search). */
export function cadicalMemoryEstimate(vars: number, clauses: number, literals: number): number {
  const b = CADICAL_BYTES;
  return b.base + b.perVariable * vars + b.perClause * clauses + b.perLiteral * literals;
}

const gb = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GB`;
const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * A SolverCapacityError if a formula of this size cannot fit in CaDiCaL's WebAssembly
 * memory, else null. `literals` may be a lower bound (0 when only a header is known).
 */
export function cadicalCapacityError(vars: number, clauses: number, literals: number, where = ''): SolverCapacityError | null {
  const need = cadicalMemoryEstimate(vars, clauses, literals);
  if (need <= CADICAL_MAX_MEMORY) return null;
  return new SolverCapacityError(
    `${where ? `${where}: ` : ''}the formula (${count(vars, 'variable')}, ${count(clauses, 'clause')}${literals > 0 ? `, ${count(literals, 'literal')}` : ''}) ` +
      `needs at least ${gb(need)} in CaDiCaL, more than the 2 GB its WebAssembly memory can hold ` +
      `(${cadicalLimitText()}); use a native solver: --backend external:NAME, e.g. external:kissat`,
  );
}

/** The limit in words, for messages and the README. */
export function cadicalLimitText(): string {
  return (
    `it holds at most about ${Math.floor(CADICAL_MAX_VARIABLES / 1e5) / 10} million variables, ` +
    `a 3-SAT formula of about 3.1 million variables and 13 million clauses, or 23 million 3-literal clauses over few variables`
  );
}
