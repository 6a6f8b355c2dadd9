/**
 * `trainsat solve FILE`: decide trainability and print the answer (docs/cli.md, "solve").
 * Exit codes: 10 trainable, 20 untrainable, 0 unknown, 2 bad input. Several files, a
 * directory or a `gen` manifest go to the batch form (./solve-batch.ts).
 *
 * `--certify` records a proof: the hybrid backend's (auto picks it when it handles the
 * instance, i.e. without classes) or, with the cadical backend, CaDiCaL's DRUP proof over
 * the bit-blasted CNF; on
 * untrainable it writes the certificate bundle (src/exact/certificate.ts) to `--cert`
 * (default `<FILE basename without .json>.cert.json` in the current directory) and prints
 * its path on stderr. Trainable answers carry exactly checked parameters: nothing written.
 *
 * Output files hold this run's answer or do not exist: `-o` is written only on
 * trainable and the certificate only on untrainable; otherwise an existing regular file
 * of that name (from an earlier run) is removed. `-` writes that file to stdout, and the
 * report then goes to stderr. An output that is the instance file is refused (exit 2).
 *
 * On a terminal, a status line on stderr shows the progress until the answer (./progress.ts);
 * `--quiet` turns it off.
 *
 * `--core`: after an untrainable answer, a minimal core of examples as `trainsat explain`
 * finds it (src/explain/core.ts), within what is left of the budget; the human report lists
 * it after the answer, `--json` adds the keys "core" and "minimal" (as explain's) and
 * "core_evidence" {untrainable, fits, decisions, time_ms}. The exit code stays the answer's.
 */
import { basename } from 'node:path';
import { isCorpus } from './corpus.js';
import { isStdout, readText, refuseInputsAsOutputs, removeStaleOutput, writeOutput } from './io.js';
import { parseBackend, parseTimeout } from './options.js';
import { StatusLine } from './progress.js';
import { CERTIFYING_BACKENDS } from '../backends/types.js';
import { describeUnknown } from '../solvers/types.js';
import type { DecideResult } from '../decide.js';
import type { ExplainProgress, ExplainResult } from '../explain/core.js';

export type { SolveArgs } from './solve-args.js';
import type { SolveArgs } from './solve-args.js';

export const EXIT = { trainable: 10, untrainable: 20, unknown: 0 } as const;

export async function solveCommand(args: SolveArgs): Promise<number> {
  const inputs = [args.file, ...(args.more ?? [])];
  if (isCorpus(inputs)) return (await import('./solve-batch.js')).solveBatch(args, inputs);
  const { InputError } = await import('../model/errors.js');
  if (args.boundOut !== undefined || args.strategy !== undefined) throw new InputError(`${args.boundOut !== undefined ? '--bound-out' : '--strategy'} is only meaningful with --max-fit`, 'solve');
  if (args.objective !== undefined && args.core) throw new InputError('--core and --objective ask different questions; give one of them', 'solve');
  const backend = parseBackend(args.backend, 'exact');
  const timeoutMs = parseTimeout(args.timeout, 'solve');
  if (args.certify && backend !== 'auto' && !CERTIFYING_BACKENDS.includes(backend)) {
    throw new InputError(`--certify needs the hybrid, cadical or layerwise backend (got --backend ${backend}; use auto, hybrid, cadical or layerwise)`, 'solve');
  }
  if (args.cert !== undefined && !args.certify) throw new InputError('--cert is only meaningful with --certify', 'solve');
  if (args.output === '') throw new InputError('needs a file name (or - for stdout)', '-o');
  if (args.cert === '') throw new InputError('needs a file name (or - for stdout)', '--cert');
  const cert = args.certify ? (args.cert ?? `${basename(args.file === '-' ? 'stdin' : args.file).replace(/\.json$/, '')}.cert.json`) : undefined;
  const onStdout = [args.json ? '--json' : undefined, isStdout(args.output) ? `-o ${args.output}` : undefined, isStdout(cert) ? `--cert ${cert}` : undefined].filter(
    (x) => x !== undefined,
  );
  if (onStdout.length > 1) throw new InputError(`${onStdout.join(' and ')} would both print on stdout; write one of them to a file`, 'solve');
  refuseInputsAsOutputs([args.file], [args.output, cert]);
  if (args.ensemble !== undefined) return EXIT[await (await import('./ensemble.js')).solveEnsemble({ ...args, ensemble: args.ensemble }, timeoutMs)];
  if (args.objective !== undefined) return EXIT[await (await import('./objective.js')).solveWithObjective({ ...args, objective: args.objective }, timeoutMs)];

  const { parseInstance } = await import('../model/parse.js');
  const { decide } = await import('../decide.js');
  const { parametersToJSON } = await import('../model/params.js');
  const status = StatusLine.forStderr(args.quiet === true);
  let r: Awaited<ReturnType<typeof decide>>;
  let instance: ReturnType<typeof parseInstance>;
  let explained: ExplainResult | undefined;
  try {
    status.start('reading', { budgetMs: timeoutMs });
    instance = parseInstance(readText(args.file), args.file);
    r = await decide(instance, { backend, timeoutMs, symmetryBreaking: args.symmetry, certify: args.certify, onProgress: status.onProgress });
    if (args.core && r.status === 'untrainable') {
      const { explainUntrainable } = await import('../explain/core.js');
      const { progressDetail } = await import('./explain.js');
      const left = timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - r.time_ms);
      explained = await explainUntrainable(instance, {
        backend,
        timeoutMs: left,
        symmetryBreaking: args.symmetry,
        decided: r,
        ...(status.enabled ? { onProgress: (p: ExplainProgress) => status.update(progressDetail(p)) } : {}),
      });
    }
  } finally {
    status.clear();
  }
  // With a file on stdout, the report goes to stderr.
  const report = isStdout(args.output) || isStdout(cert) ? process.stderr : process.stdout;
  if (cert !== undefined) {
    if (r.certificate) {
      const { certificateText } = await import('../exact/certificate.js');
      await writeOutput(cert, certificateText(instance, r.certificate));
      if (!isStdout(cert)) process.stderr.write(`certificate written to ${cert}\n`);
    } else if (removeStaleOutput(cert)) {
      process.stderr.write(`removed ${cert}: no certificate (the answer is ${r.status})\n`);
    }
  }
  const params = r.parameters ? parametersToJSON(r.parameters) : null;
  if (args.output !== undefined) {
    if (params) await writeOutput(args.output, JSON.stringify(params, null, 2) + '\n');
    else if (removeStaleOutput(args.output)) process.stderr.write(`removed ${args.output}: no parameters (the answer is ${r.status})\n`);
  }
  if (args.json) {
    let core = {};
    if (explained) {
      const { core: c, minimal, untrainable, fits, decisions } = await (await import('./explain.js')).explainJson(explained);
      core = { core: c, minimal, core_evidence: { untrainable, fits, decisions, time_ms: explained.time_ms, ...(explained.unknown ? { unknown: explained.unknown } : {}) } };
    }
    report.write(JSON.stringify({ status: r.status, parameters: params, backend: r.backend, time_ms: r.time_ms, ...(r.unknown ? { unknown: r.unknown } : {}), stats: r.stats, ...core }) + '\n');
  } else {
    const lines: string[] = [r.status];
    if (params) {
      for (const [id, p] of Object.entries(params)) lines.push(`  ${id}: ${formatParam(p)}`);
    }
    if (r.status === 'unknown') lines.push(`  (${describeUnknown(r.unknown)})`);
    lines.push(`c ${r.backend}: ${r.time_ms} ms ${describeRun(r)}`);
    const nf = r.kind === 'hybrid' ? r.stats.output_normal_form : undefined;
    if (nf) lines.push(`c output normal form: ${nf.map((t) => `${t.unit} = ${t.gate}: ${t.status}`).join(', ')}`);
    if (explained) lines.push(...(await import('./explain.js')).humanReport(instance, explained).split('\n').slice(1));
    report.write(lines.join('\n') + '\n');
  }
  return EXIT[r.status];
}

/** The timing and size part of the `c` line: per step, and the encoding's size. */
function describeRun(r: DecideResult): string {
  const steps = (s: { encode_ms: number; solve_ms: number }) => `encode ${s.encode_ms} ms, solve ${s.solve_ms} ms`;
  const cnf = (s: { vars: number; clauses: number }) => `${s.vars} vars, ${s.clauses} clauses`;
  switch (r.kind) {
    case 'mip':
      return `(${steps(r.stats)}), ${r.stats.columns} columns, ${r.stats.rows} rows`;
    case 'layerwise': {
      const w = `witness search ${r.stats.witness_ms} ms, ${r.stats.subproblems} subproblems`;
      const c = r.stats.complete;
      return c ? `(${w}: ${r.stats.witness_note}; then CaDiCaL: ${steps(c)}), ${cnf(c)}` : `(${w})`;
    }
    default:
      return `(${steps(r.stats)}), ${cnf(r.stats)}`;
  }
}

export function formatParam(p: unknown): string {
  const o = p as { weights?: unknown[]; threshold?: unknown; table?: number[] };
  if (o.table) return `table [${o.table.join(', ')}]`;
  return `weights [${(o.weights ?? []).join(', ')}], threshold ${o.threshold}`;
}
