/**
 * `trainsat encode FILE --to dimacs|lp|smt2 [-o OUT]`: write the loading problem as CNF
 * (for any DIMACS solver), as a mixed-integer program in CPLEX LP format (for any MIP
 * solver) or as SMT-LIB 2 (for any SMT solver). Each is satisfiable/feasible iff the
 * instance is trainable; the header comments record the instance and sizes.
 */
import { readText, writeAtomic } from './io.js';

export async function encodeCommand(args: { file: string; to: string; output?: string; symmetry: boolean }): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  if (args.to !== 'dimacs' && args.to !== 'smt2' && args.to !== 'lp') {
    throw new InputError(`unknown format --to ${args.to} (dimacs, lp or smt2)`, 'encode');
  }
  const { parseInstance } = await import('../model/parse.js');
  if (args.to === 'smt2' || args.to === 'lp') {
    const instance = parseInstance(readText(args.file), args.file);
    const text = args.to === 'smt2' ? (await import('../encode/smtlib.js')).toSmtLib(instance) : (await import('../encode/lp.js')).toLp(instance);
    writeAtomic(args.output ?? '-', text);
    if (args.output) process.stderr.write(`c wrote ${args.output}\n`);
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
  writeAtomic(args.output ?? '-', text);
  if (args.output) process.stderr.write(`c wrote ${args.output}: ${enc.stats.vars} vars, ${enc.stats.clauses} clauses\n`);
  return 0;
}
