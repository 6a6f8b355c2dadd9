/**
 * `trainsat sat --proof`: CaDiCaL with DRUP_PROOF_OPTIONS (./cadical.ts), its learned clauses
 * collected as a DRUP proof and checked before anyone sees them.
 *
 * The clauses are handed, as CaDiCaL learns them, to ConcurrentDrupCheck
 * (src/exact/rup-concurrent.ts): a worker thread checks them forward while the solver runs,
 * and on UNSAT the rest is checked backwards from the end until the two meet. A proof that
 * fails is an internal error: nothing is returned. The text returned is one of PROOF_FORMATS:
 * `drat`, every learned clause; `drat-trimmed` and `lrat`, the refutation the checks found
 * (the clauses it uses, with their hints; src/exact/lrat.ts), checked once more as LRAT,
 * written as DRUP with deletions after each clause's last use, or as LRAT.
 */
import { clausesToArrays, type ParsedDimacs } from '../cnf/dimacs.js';
import { checkLrat, lratToDrup, writeLrat, type LratProof } from '../exact/lrat.js';
import { ConcurrentDrupCheck } from '../exact/rup-concurrent.js';
import { writeDrat } from '../exact/rup.js';
import { createProofCadical } from './cadical.js';
import type { ProofFormat, SolverProgress, UnknownReason } from './types.js';

export type ProvedResult =
  | { status: 'sat'; model: Uint8Array }
  | { status: 'unknown'; reason: UnknownReason | null }
  /** The proof's text, in the format asked for, checked. */
  | { status: 'unsat'; proof: string };

export interface ProvedOptions {
  format?: ProofFormat;
  timeoutMs?: number;
  /** Progress of the solve. */
  onProgress?: (p: SolverProgress) => void;
  /** Called when the solve has ended UNSAT and the check of the proof's rest begins. */
  onChecking?: () => void;
}

/** Solves the CNF with CaDiCaL; on UNSAT, with a checked proof (see the file comment). */
export async function solveWithProof(cnf: ParsedDimacs, opts: ProvedOptions = {}): Promise<ProvedResult> {
  const format = opts.format ?? 'drat';
  const input = { numVars: cnf.numVars, clauses: clausesToArrays(cnf.clauses) };
  // The worker keeps every check's hints when the proof returned is made from them.
  const fromHints = format !== 'drat';
  const check = new ConcurrentDrupCheck(input, { hints: fromHints });
  let result: ProvedResult | null = null;
  let solved = false;
  try {
    const solver = await createProofCadical((clause) => check.add(clause));
    let status: string;
    try {
      solver.ensureVars(cnf.numVars);
      solver.addFlat(cnf.clauses);
      status = await solver.solve({ timeoutMs: opts.timeoutMs, onProgress: opts.onProgress });
      if (status === 'sat') result = { status: 'sat', model: solver.modelBytes() };
      else if (status === 'unknown') result = { status: 'unknown', reason: solver.unknownReason() };
    } finally {
      solver.dispose();
    }
    solved = true;
  } finally {
    // Only an UNSAT answer goes on to the check; after SAT, UNKNOWN or an error the worker stops.
    if (!solved || result !== null) await check.dispose();
  }
  if (result !== null) return result;
  const proof = check.proof;
  if (proof.length === 0 || proof[proof.length - 1].clause.length !== 0) check.add([]);
  opts.onChecking?.();
  const lrat: LratProof | undefined = fromHints ? { steps: [] } : undefined;
  const checked = await check.finish({ lrat });
  if (!checked.result.ok) {
    throw new Error(`internal error: the DRUP proof from CaDiCaL fails its own check at step ${checked.result.step} (${checked.result.reason}); no proof written`);
  }
  if (!lrat) return { status: 'unsat', proof: writeDrat(proof) };
  // The refutation the checks found, checked once more in LRAT form.
  const again = checkLrat(input, lrat);
  if (!again.ok) throw new Error(`internal error: the proof fails the LRAT check at step ${again.step} (${again.reason}); no proof written`);
  return { status: 'unsat', proof: format === 'lrat' ? writeLrat(lrat) : writeDrat(lratToDrup(lrat, input.clauses)) };
}
