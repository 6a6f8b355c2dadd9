/**
 * `trainsat check-proof FILE.cnf PROOF.drat`: checks a DRUP proof (textual DRAT, as
 * written by `trainsat sat --proof`) of the CNF's unsatisfiability with the forward checker
 * in src/exact/rup.ts. Only RUP steps are accepted (no RAT).
 *
 *   proof verified                       exit 0
 *   proof rejected at step N: reason     exit 1 (N is the 1-based step in the proof)
 *   malformed CNF or proof, unreadable   exit 2 (InputError, with the line number)
 */
import { InputError } from '../model/errors.js';

export interface CheckProofOptions {
  cnf: string;
  proof: string;
  /** Where to print (default process.stdout). */
  out?: NodeJS.WritableStream;
}

export async function checkProofCommand(opts: CheckProofOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  if (opts.cnf === '-' && opts.proof === '-') throw new InputError('the CNF and the proof cannot both come from stdin', 'check-proof');
  const { readText } = await import('./io.js');
  const { parseDimacs, clausesToArrays } = await import('../cnf/dimacs.js');
  const { parseDrat, checkDrup } = await import('../exact/rup.js');
  const cnf = parseDimacs(readText(opts.cnf), opts.cnf);
  const proof = parseDrat(readText(opts.proof), opts.proof);
  const r = checkDrup({ numVars: cnf.numVars, clauses: clausesToArrays(cnf.clauses) }, proof);
  if (r.ok) {
    out.write('proof verified\n');
    return 0;
  }
  out.write(`proof rejected at step ${r.step}: ${r.reason}\n`);
  return 1;
}
