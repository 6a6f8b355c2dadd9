/**
 * `trainsat check-proof FILE.cnf PROOF.drat [--forward]`: checks a DRUP proof (textual DRAT,
 * as written by `trainsat sat --proof`) of the CNF's unsatisfiability. Only RUP steps are
 * accepted (no RAT). A proof without deletions is checked backwards with core marking
 * (src/exact/rup-backward.ts: only the clauses the refutation uses are checked, as
 * drat-trim does), any other proof, and every proof with `--forward`, by the forward
 * checker in src/exact/rup.ts, which checks every added clause. A rejection is always
 * reported by the forward checker, so it names the first step that fails.
 *
 *   proof verified                       exit 0
 *   proof rejected at step N: reason     exit 1 (N is the 1-based step in the proof)
 *   malformed CNF or proof, unreadable   exit 2 (InputError, with the line number)
 */
import { InputError } from '../model/errors.js';

export interface CheckProofOptions {
  cnf: string;
  proof: string;
  /** Check every added clause, forward (default: backwards when the proof has no deletions). */
  forward?: boolean;
  /** Where to print (default process.stdout). */
  out?: NodeJS.WritableStream;
}

export async function checkProofCommand(opts: CheckProofOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  if (opts.cnf === '-' && opts.proof === '-') throw new InputError('the CNF and the proof cannot both come from stdin', 'check-proof');
  const { readText } = await import('./io.js');
  const { parseDimacs, clausesToArrays } = await import('../cnf/dimacs.js');
  const { parseDrat } = await import('../exact/rup.js');
  const cnf = parseDimacs(readText(opts.cnf), opts.cnf);
  const proof = parseDrat(readText(opts.proof), opts.proof);
  const { checkDrupProofConcurrently } = await import('../exact/rup-concurrent.js');
  const r = await checkDrupProofConcurrently({ numVars: cnf.numVars, clauses: clausesToArrays(cnf.clauses) }, proof, { forward: opts.forward });
  if (r.ok) {
    out.write('proof verified\n');
    return 0;
  }
  out.write(`proof rejected at step ${r.step}: ${r.reason}\n`);
  return 1;
}
