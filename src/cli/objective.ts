/**
 * `trainsat solve FILE --objective min-weights|max-margin` (docs/cli.md, "solve"): the
 * optimum of an objective over the parameters that fit a layered integer-weight network
 * (src/optimize/objective.ts), printed like `solve` with an `objective` part: the value
 * recomputed from the checked parameters, `optimal` only when proved, the best bound, and
 * the history of improvements. Exit codes as `solve`: 10 when fitting parameters were
 * found (optimal or not), 20 untrainable, 0 unknown, 2 bad input.
 *
 * With `--backend highs` on a network without hidden layers, the objective is solved as
 * an integer program (src/optimize/objective-ilp.ts: HiGHS's point checked exactly,
 * optimality proved by an exact dual bound); it never answers untrainable, only unknown.
 */
import { readText, removeStaleOutput, writeOutput, isStdout } from './io.js';
import { StatusLine } from './progress.js';
import { InputError } from '../model/errors.js';
import { describeUnknown } from '../solvers/types.js';
import type { Status } from '../model/types.js';

/** The `solve` options this mode reads (checked by `solve` before it gets here). */
export interface ObjectiveSolveArgs {
  file: string;
  objective: string;
  backend: string;
  json: boolean;
  certify: boolean;
  output?: string;
  symmetry: boolean;
  quiet?: boolean;
}

/** Runs the objective search and prints the answer; returns the status (`solve` maps it to the exit code). */
export async function solveWithObjective(args: ObjectiveSolveArgs, timeoutMs: number | undefined): Promise<Status> {
  if (args.certify) throw new InputError('--certify is not available with --objective (solve without --objective certifies an untrainable answer)', '--objective');
  const { parseInstance } = await import('../model/parse.js');
  const { optimize, checkObjectiveInstance } = await import('../optimize/objective.js');
  const { isSingleLayer, optimizeSingleLayer } = await import('../optimize/objective-ilp.js');
  const { parametersToJSON } = await import('../model/params.js');
  const status = StatusLine.forStderr(args.quiet === true);
  let r: Awaited<ReturnType<typeof optimize>>;
  let ilp: Awaited<ReturnType<typeof optimizeSingleLayer>> | undefined;
  try {
    status.start('reading', { budgetMs: timeoutMs });
    const instance = parseInstance(readText(args.file), args.file);
    checkObjectiveInstance(instance, args.objective);
    const name = args.objective as 'min-weights' | 'max-margin';
    if (args.backend === 'highs' && isSingleLayer(instance)) {
      status.update({ phase: 'integer program (HiGHS)' });
      ilp = await optimizeSingleLayer(instance, name, { timeoutMs });
      const { solverStatus: _s, stats: ilpStats, ...rest } = ilp;
      r = { ...rest, stats: { witness_backend: 'highs', witness_ms: ilpStats.ilp_ms, sat_calls: 0 } };
    } else r = await optimize(instance, args.objective as 'min-weights' | 'max-margin', {
      timeoutMs,
      backend: args.backend,
      symmetryBreaking: args.symmetry,
      ...(status.enabled
        ? {
            onProgress: (p) =>
              status.update({
                phase: p.phase === 'witness' ? 'finding a witness' : p.phase,
                vars: p.vars,
                clauses: p.clauses,
                conflicts: p.conflicts,
                detail: p.value === undefined ? undefined : `${args.objective} best ${p.value}, bound ${p.bound}`,
              }),
          }
        : {}),
    });
  } finally {
    status.clear();
  }
  const report = isStdout(args.output) ? process.stderr : process.stdout;
  const params = r.parameters ? parametersToJSON(r.parameters) : null;
  if (args.output !== undefined) {
    if (params) await writeOutput(args.output, JSON.stringify(params, null, 2) + '\n');
    else if (removeStaleOutput(args.output)) process.stderr.write(`removed ${args.output}: no parameters (the answer is ${r.status})\n`);
  }
  const o = r.objective;
  if (args.json) {
    report.write(
      JSON.stringify({
        status: r.status,
        parameters: params,
        backend: r.stats.witness_backend,
        time_ms: r.time_ms,
        ...(r.unknown ? { unknown: r.unknown } : {}),
        stats: ilp ? { ...ilp.stats, solver_status: ilp.solverStatus } : r.stats,
        objective: o,
      }) + '\n',
    );
  } else {
    const lines: string[] = [r.status];
    if (params) {
      for (const [id, p] of Object.entries(params)) {
        const q = p as { weights: unknown[]; threshold: unknown };
        lines.push(`  ${id}: weights [${q.weights.join(', ')}], threshold ${q.threshold}`);
      }
    }
    if (r.status === 'unknown') lines.push(`  (${describeUnknown(r.unknown)})`);
    if (o.value !== null) {
      const what = o.name === 'min-weights' ? 'non-zero weights' : 'margin';
      const bound = o.name === 'min-weights' ? `at least ${o.bound} proved` : `at most ${o.bound} proved`;
      lines.push(`c ${o.name}: ${o.value} ${what}, ${o.optimal ? 'optimal (proved)' : `best found, not proved optimal (${bound})`}`);
    }
    if (ilp) lines.push(`c ${r.time_ms} ms: integer program (${ilp.stats.columns} columns, ${ilp.stats.rows} rows) on HiGHS in ${ilp.stats.ilp_ms} ms (HiGHS status: ${ilp.solverStatus}), relaxation for the dual bound in ${ilp.stats.lp_ms} ms`);
    else lines.push(`c ${r.time_ms} ms: witness by ${r.stats.witness_backend} in ${r.stats.witness_ms} ms, ${r.stats.sat_calls} SAT calls${r.stats.vars !== undefined ? ` on ${r.stats.vars} vars, ${r.stats.clauses} clauses` : ''}`);
    report.write(lines.join('\n') + '\n');
  }
  return r.status;
}
