/**
 * `trainsat check-proof FILE.cnf PROOF.drat [--forward]`: checks a DRUP proof (textual DRAT,
 * as written by `trainsat sat --proof`) of the CNF's unsatisfiability. Only RUP steps are
 * accepted (no RAT). A proof without deletions is checked backwards with core marking
 * (src/exact/rup-backward.ts: only the clauses the refutation uses are checked, as
 * drat-trim does), any other proof, and every proof with `--forward`, by the forward
 * checker in src/exact/rup.ts, which checks every added clause. A rejection is always
 * reported by the forward checker, so it names the first step that fails.
 *
 * `--lrat`: PROOF is an LRAT proof (as `sat --proof-format lrat` writes), checked step by step
 * with its hints (src/exact/lrat.ts, linear time); a rejection names the step.
 *
 *   proof verified                       exit 0
 *   proof rejected at step N: reason     exit 1 (N is the 1-based step in the proof)
 *   malformed CNF or proof, unreadable   exit 2 (InputError, with the line number)
 */
import type { DrupResult } from '../exact/rup.js';
import { InputError } from '../model/errors.js';

export interface CheckProofOptions {
  cnf: string;
  proof: string;
  /** Check every added clause, forward (default: backwards when the proof has no deletions). */
  forward?: boolean;
  /** The proof is LRAT. */
  lrat?: boolean;
  /** Where to print (default process.stdout). */
  out?: NodeJS.WritableStream;
}

export async function checkProofCommand(opts: CheckProofOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  if (opts.cnf === '-' && opts.proof === '-') throw new InputError('the CNF and the proof cannot both come from stdin', 'check-proof');
  const { readText } = await import('./io.js');
  const { parseDimacs, clausesToArrays } = await import('../cnf/dimacs.js');
  const { parseDrat } = await import('../exact/rup.js');
  if (opts.lrat === true && opts.forward === true) throw new InputError('--lrat and --forward exclude each other (an LRAT proof names the clauses that check each step)', 'check-proof');
  const cnf = parseDimacs(readText(opts.cnf), opts.cnf);
  if (opts.lrat === true) {
    const { parseLrat, checkLrat } = await import('../exact/lrat.js');
    const lrat = parseLrat(readText(opts.proof), opts.proof);
    return report(checkLrat({ numVars: cnf.numVars, clauses: clausesToArrays(cnf.clauses) }, lrat), out);
  }
  const text = readText(opts.proof);
  const proof = parseDrat(text, opts.proof);
  const { checkDrupProofConcurrently } = await import('../exact/rup-concurrent.js');
  const r = await checkDrupProofConcurrently({ numVars: cnf.numVars, clauses: clausesToArrays(cnf.clauses) }, proof, { forward: opts.forward });
  if (!r.ok) {
    const { looksLikeLrat } = await import('../exact/lrat.js');
    if (looksLikeLrat(text)) return report({ ...r, reason: `${r.reason} (the file looks like an LRAT proof: check it with --lrat)` }, out);
  }
  return report(r, out);
}

function report(r: DrupResult, out: NodeJS.WritableStream): number {
  if (r.ok) {
    out.write('proof verified\n');
    return 0;
  }
  out.write(`proof rejected at step ${r.step}: ${r.reason}\n`);
  return 1;
}
