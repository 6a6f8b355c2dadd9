/**
 * `trainsat encode FILE --to dimacs|lp|smt2 [-o OUT]`: write the loading problem as CNF
 * (for any DIMACS solver), as a mixed-integer program in CPLEX LP format (for any MIP
 * solver) or as SMT-LIB 2 (for any SMT solver). Each is satisfiable/feasible iff the
 * instance is trainable; the header comments record the instance and sizes.
 *
 * `--to smt2 --get-model` ends the script with `(get-model)`, so the solver prints the
 * weights after `sat`; `trainsat decode-model` reads that answer back as parameters.
 *
 * `--to lp --weight-bound B` bounds real weights by |w| <= B (src/encode/lp.ts): a much
 * smaller big-M for floating-point MIP solvers, but then infeasible only means that no
 * weights with |w| <= B exist (the LP header says so), unless B reaches the complete bound.
 */
import { isStdout, readText, refuseInputsAsOutputs, writeOutput } from './io.js';

/** A --weight-bound value as a positive integer, or null when it is not one. */
export function parseWeightBound(value: unknown): bigint | null {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  return /^[1-9][0-9]*$/.test(text) ? BigInt(text) : null;
}

export async function encodeCommand(args: { file: string; to: string; output?: string; symmetry: boolean; weightBound?: unknown; getModel?: boolean }): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  if (args.to !== 'dimacs' && args.to !== 'smt2' && args.to !== 'lp') {
    throw new InputError(`unknown format --to ${args.to} (dimacs, lp or smt2)`, 'encode');
  }
  let weightBound: bigint | undefined;
  if (args.weightBound !== undefined) {
    if (args.to !== 'lp') throw new InputError(`--weight-bound applies to --to lp only, not --to ${args.to}`, 'encode');
    const b = parseWeightBound(args.weightBound);
    if (b === null) throw new InputError(`--weight-bound must be a positive integer, got '${String(args.weightBound)}'`, 'encode');
    weightBound = b;
  }
  if (args.getModel && args.to !== 'smt2') throw new InputError(`--get-model applies to --to smt2 only, not --to ${args.to}`, 'encode');
  if (args.output === '') throw new InputError('needs a file name (or - for stdout)', '-o');
  refuseInputsAsOutputs([args.file], [args.output]);
  const { parseInstance } = await import('../model/parse.js');
  if (args.to === 'smt2' || args.to === 'lp') {
    const instance = parseInstance(readText(args.file), args.file);
    const text =
      args.to === 'smt2'
        ? (await import('../encode/smtlib.js')).toSmtLib(instance, { getModel: args.getModel === true })
        : (await import('../encode/lp.js')).toLp(instance, weightBound === undefined ? {} : { weightBound });
    await writeOutput(args.output ?? '-', text);
    if (args.output && !isStdout(args.output)) process.stderr.write(`c wrote ${args.output}\n`);
    return 0;
  }
  const { encodeLoading } = await import('../encode/loading.js');
  const { writeDimacs } = await import('../cnf/dimacs.js');
  const instance = parseInstance(readText(args.file), args.file);
  const enc = encodeLoading(instance, { symmetryBreaking: args.symmetry });
  const text = writeDimacs(enc.cnf.build(), [
    `trainsat loading-problem encoding of ${args.file}${instance.name ? ` (${instance.name})` : ''}`,
    `satisfiable iff trainable; ${enc.stats.vars} vars, ${enc.stats.clauses} clauses`,
  ]);
  await writeOutput(args.output ?? '-', text);
  if (args.output && !isStdout(args.output)) process.stderr.write(`c wrote ${args.output}: ${enc.stats.vars} vars, ${enc.stats.clauses} clauses\n`);
  return 0;
}
