/**
 * `trainsat decode-model FILE ANSWER [-o PARAMS]`: an SMT solver's answer to
 * `encode FILE --to smt2 --get-model` (its output as printed: `sat` and the model) read
 * back as trainsat parameters (src/encode/smtlib-model.ts), checked exactly on every
 * example (checkParameters) and written as parameters JSON: to stdout, or to PARAMS with
 * `-o`, for `trainsat verify` or `predict`.
 *
 * The exit code relays the solver's answer, as `solve` would give it: 10 sat (parameters
 * written, and they fit), 20 unsat, 0 unknown; 1 when the model's parameters do not fit
 * (nothing written: a bug of the solver or of the encoding), 2 when ANSWER is no solver
 * answer (e.g. sat without a model). Like solve's -o, PARAMS exists afterwards iff it
 * holds this answer's parameters. The one-line report goes to stderr.
 */
import { isStdout, readText, refuseInputsAsOutputs, removeStaleOutput, writeOutput } from './io.js';
import { EXIT } from './solve.js';

export async function decodeModelCommand(args: { file: string; answer: string; output?: string }): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  if (args.output === '') throw new InputError('needs a file name (or - for stdout)', '-o');
  if (args.file === '-' && args.answer === '-') throw new InputError('the instance and the answer cannot both be read from stdin', 'decode-model');
  refuseInputsAsOutputs([args.file, args.answer], [args.output]);
  const { parseInstance } = await import('../model/parse.js');
  const { readSmtModel } = await import('../encode/smtlib-model.js');
  const { checkParameters } = await import('../model/evaluate.js');
  const { parametersToJSON } = await import('../model/params.js');
  const instance = parseInstance(readText(args.file), args.file);
  const answer = readSmtModel(readText(args.answer), instance, args.answer);
  const output = args.output ?? '-';
  if (answer.status !== 'sat') {
    if (removeStaleOutput(output)) process.stderr.write(`removed ${output}: no parameters (the solver answered ${answer.status})\n`);
    process.stderr.write(`${answer.status === 'unsat' ? 'untrainable' : 'unknown'}: the solver answered ${answer.status} (not checked by trainsat)\n`);
    return EXIT[answer.status === 'unsat' ? 'untrainable' : 'unknown'];
  }
  const r = checkParameters(instance, answer.params);
  if (!r.ok) {
    if (removeStaleOutput(output)) process.stderr.write(`removed ${output}: the model's parameters do not fit\n`);
    const lines = [`trainsat: the solver's model does not fit: ${r.correct}/${r.total} examples correct (${r.required} required)`, ...r.violations.map((v) => `  ${v}`)];
    process.stderr.write(lines.join('\n') + '\n');
    return 1;
  }
  await writeOutput(output, JSON.stringify(parametersToJSON(answer.params), null, 2) + '\n');
  process.stderr.write(`trainable: the solver's model fits, ${r.correct}/${r.total} examples correct (checked exactly)${isStdout(output) ? '' : `; wrote ${output}`}\n`);
  return EXIT.trainable;
}
