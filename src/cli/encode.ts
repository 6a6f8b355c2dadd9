/**
 * `trainsat encode FILE --to dimacs [-o OUT]`: write the loading problem's CNF so any
 * DIMACS solver can decide it. The header comments record the instance and sizes.
 */
import { readText, writeAtomic } from './io.js';

export async function encodeCommand(args: { file: string; to: string; output?: string; symmetry: boolean }): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  if (args.to !== 'dimacs') {
    throw new InputError(`--to ${args.to} is not available yet (only dimacs; lp and smt2 are tracked in issue 3)`, 'encode');
  }
  const { parseInstance } = await import('../model/parse.js');
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
