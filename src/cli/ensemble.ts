/**
 * `trainsat solve FILE --ensemble pairwise [--objective ...] -o ENSEMBLE.json` (docs/cli.md,
 * "solve"): a pairwise ensemble of exact member networks (src/ensemble/pairwise.ts), one per
 * pair of classes, each checked by exact evaluation on its pair's examples. `-o` writes the
 * ensemble file (docs/format.md, "Ensembles") that `trainsat predict FILE ENSEMBLE.json
 * --data TEST.json` reads. Exit codes as `solve`: 10 every member found (the vote then fits
 * every training example), 20 some pair proved untrainable (so is the instance), 0 unknown,
 * 2 bad input.
 */
import { isStdout, readText, removeStaleOutput, writeOutput } from './io.js';
import { StatusLine } from './progress.js';
import { InputError } from '../model/errors.js';
import { describeUnknown } from '../solvers/types.js';
import type { Status } from '../model/types.js';
import type { SolveArgs } from './solve-args.js';

export const ENSEMBLE_KINDS = ['pairwise'] as const;

/** Runs the ensemble, writes -o on success and prints the report; returns the status. */
export async function solveEnsemble(args: SolveArgs & { ensemble: string }, timeoutMs: number | undefined): Promise<Status> {
  if (!(ENSEMBLE_KINDS as readonly string[]).includes(args.ensemble)) throw new InputError(`unknown ensemble "${args.ensemble}" (use pairwise)`, '--ensemble');
  for (const [name, v] of [['--certify', args.certify || undefined], ['--core', args.core || undefined]] as const) {
    if (v !== undefined) throw new InputError('is not available with --ensemble', name);
  }
  const { parseInstance } = await import('../model/parse.js');
  const { ensembleToJSON, parseObjectives, trainPairwise } = await import('../ensemble/pairwise.js');
  const objectives = parseObjectives(args.objective);
  const status = StatusLine.forStderr(args.quiet === true);
  let r: Awaited<ReturnType<typeof trainPairwise>>;
  let classes: number;
  let examples: number;
  try {
    status.start('reading', { budgetMs: timeoutMs });
    const instance = parseInstance(readText(args.file), args.file);
    classes = instance.network.classes ?? 0;
    examples = instance.examples.length;
    r = await trainPairwise(instance, {
      objectives,
      timeoutMs,
      backend: args.backend,
      onMember: (m, done, total) => status.update({ phase: `members ${done}/${total}`, detail: `last ${m.classes.join('-')}: ${m.status}` }),
    });
  } finally {
    status.clear();
  }
  const report = isStdout(args.output) ? process.stderr : process.stdout;
  if (args.output !== undefined) {
    if (r.status === 'trainable') await writeOutput(args.output, JSON.stringify(ensembleToJSON(classes, r.members)) + '\n');
    else if (removeStaleOutput(args.output)) process.stderr.write(`removed ${args.output}: no ensemble (the answer is ${r.status})\n`);
  }
  const members = r.members.map(({ parameters: _p, ...m }) => m);
  if (args.json) {
    report.write(JSON.stringify({ status: r.status, ensemble: 'pairwise', classes, members: members.length, fits: r.fits, time_ms: r.time_ms, objectives, member_reports: members }) + '\n');
    return r.status;
  }
  const lines: string[] = [r.status];
  const total = (classes * (classes - 1)) / 2;
  lines.push(`c pairwise ensemble: ${r.members.filter((m) => m.status === 'trainable').length}/${total} members found, each checked by exact evaluation on its pair's examples`);
  if (r.fits) lines.push(`c the vote fits all ${examples} training examples`);
  objectives.forEach((name, i) => {
    const reports = r.members.flatMap((m) => m.objectives.filter((o) => o.name === name));
    if (reports.length === 0) return;
    const values = reports.map((o) => o.value!).sort((a, b) => a - b);
    const what = name === 'min-weights' ? (i > 0 ? 'non-zero weights at that margin' : 'non-zero weights') : 'margin';
    lines.push(`c ${name}: ${reports.filter((o) => o.optimal).length}/${reports.length} members proved optimal; ${what} ${values[0]}..${values[values.length - 1]}`);
  });
  const stuck = r.members.find((m) => m.status !== 'trainable');
  if (stuck) lines.push(`c pair ${stuck.classes.join('-')}: ${stuck.status}${stuck.unknown ? ` (${describeUnknown(stuck.unknown)})` : ''}${stuck.status === 'untrainable' ? ', so the whole instance is untrainable' : ''}`);
  lines.push(`c ${r.time_ms} ms${args.output !== undefined && r.status === 'trainable' && !isStdout(args.output) ? `; ensemble written to ${args.output} (trainsat predict ${args.file} ${args.output} --data TEST.json)` : ''}`);
  report.write(lines.join('\n') + '\n');
  return r.status;
}
