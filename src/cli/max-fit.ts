/**
 * `trainsat solve FILE --max-fit`: the most examples some parameters fit, proved both ways
 * (src/optimize/max-fit.ts; docs/cli.md, "solve --max-fit").
 *
 * Exit codes as `solve`, about fitting every example: 10 all fit (trainable), 20 fewer than
 * all is proved (untrainable; the best fit is optimal unless the budget ran out first),
 * 0 neither proved, 2 bad input.
 *
 * The upper bound "no parameters fit upper + 1 examples" is the untrainable answer of the
 * bound instance: the instance with `minCorrect: upper + 1`. `--bound-out FILE` writes that
 * instance; `--certify` decides it once more with a certifying backend and writes its
 * certificate to `--cert`, which `trainsat check BOUND.json CERT.json` verifies. Output
 * files hold this run's answer or do not exist: `-o` (parameters fitting `best` examples)
 * is written when some were found, the bound instance and the certificate when an upper
 * bound below the number of examples was proved (and certified); otherwise an existing
 * file of that name is removed.
 */
import { basename } from 'node:path';
import { isStdout, readText, refuseInputsAsOutputs, removeStaleOutput, writeOutput } from './io.js';
import { parseBackend, parseTimeout } from './options.js';
import { StatusLine } from './progress.js';
import { EXIT, formatParam, type SolveArgs } from './solve.js';
import { CERTIFYING_BACKENDS } from '../backends/types.js';
import { describeUnknown } from '../solvers/types.js';

/** The arguments of `solve` (./solve.ts), read with `maxFit` set: boundOut and strategy too. */
export type MaxFitArgs = SolveArgs;

export async function maxFitCommand(args: MaxFitArgs): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  const { MAX_FIT_STRATEGIES, maxFit } = await import('../optimize/max-fit.js');
  const backend = parseBackend(args.backend, 'exact');
  const timeoutMs = parseTimeout(args.timeout, 'solve');
  const strategy = args.strategy;
  const other = args.objective !== undefined ? '--objective' : args.core ? '--core' : undefined;
  if (other !== undefined) throw new InputError(`--max-fit and ${other} ask different questions; give one of them`, 'solve');
  if (strategy !== undefined && !(MAX_FIT_STRATEGIES as readonly string[]).includes(strategy)) throw new InputError(`expected one of ${MAX_FIT_STRATEGIES.join(', ')}, got ${strategy}`, '--strategy');
  if (args.certify && backend !== 'auto' && !CERTIFYING_BACKENDS.includes(backend)) {
    throw new InputError(`--certify needs the hybrid, cadical or layerwise backend (got --backend ${backend}; use auto, hybrid, cadical or layerwise)`, 'solve');
  }
  if (args.cert !== undefined && !args.certify) throw new InputError('--cert is only meaningful with --certify', 'solve');
  for (const [name, v] of [['-o', args.output], ['--cert', args.cert], ['--bound-out', args.boundOut]] as const) {
    if (v === '') throw new InputError('needs a file name (or - for stdout)', name);
  }
  const cert = args.certify ? (args.cert ?? `${basename(args.file === '-' ? 'stdin' : args.file).replace(/\.json$/, '')}.cert.json`) : undefined;
  const onStdout = [
    args.json ? '--json' : undefined,
    isStdout(args.output) ? `-o ${args.output}` : undefined,
    isStdout(cert) ? `--cert ${cert}` : undefined,
    isStdout(args.boundOut) ? `--bound-out ${args.boundOut}` : undefined,
  ].filter((x) => x !== undefined);
  if (onStdout.length > 1) throw new InputError(`${onStdout.join(' and ')} would both print on stdout; write one of them to a file`, 'solve');
  refuseInputsAsOutputs([args.file], [args.output, cert, args.boundOut]);

  const { parseInstance } = await import('../model/parse.js');
  const { parametersToJSON } = await import('../model/params.js');
  const status = StatusLine.forStderr(args.quiet === true);
  const t0 = performance.now();
  let instance: ReturnType<typeof parseInstance>;
  let r: Awaited<ReturnType<typeof maxFit>>;
  try {
    status.start('reading', { budgetMs: timeoutMs });
    instance = parseInstance(readText(args.file), args.file);
    r = await maxFit(instance, { backend, timeoutMs, symmetryBreaking: args.symmetry, strategy: strategy as 'linear' | 'binary' | undefined });
  } finally {
    status.clear();
  }
  const { minCorrect: _bound, ...all } = instance;
  const report = isStdout(args.output) || isStdout(cert) || isStdout(args.boundOut) ? process.stderr : process.stdout;
  const proved = r.upper < r.total;
  const bound = proved ? { ...all, minCorrect: r.upper + 1 } : undefined;

  if (args.boundOut !== undefined) {
    if (bound) {
      const { instanceToJSON } = await import('../model/serialize.js');
      await writeOutput(args.boundOut, JSON.stringify(instanceToJSON(bound), null, 2) + '\n');
    } else if (removeStaleOutput(args.boundOut)) process.stderr.write(`removed ${args.boundOut}: no upper bound below ${r.total} was proved\n`);
  }
  let certified: string | undefined;
  if (cert !== undefined) {
    // The proof of the upper bound, made again by a certifying backend on the bound instance.
    const { decide } = await import('../decide.js');
    const left = timeoutMs === undefined ? undefined : Math.max(0, timeoutMs - (performance.now() - t0));
    const c = bound ? await decide(bound, { backend, timeoutMs: left, symmetryBreaking: args.symmetry, certify: true }) : undefined;
    if (c?.certificate) {
      const { certificateText } = await import('../exact/certificate.js');
      await writeOutput(cert, certificateText(bound!, c.certificate));
      certified = cert;
      if (!isStdout(cert)) process.stderr.write(`certificate written to ${cert} (no parameters fit ${r.upper + 1} examples; check it against the bound instance${args.boundOut ? ` ${args.boundOut}` : ', --bound-out'})\n`);
    } else {
      const why = bound ? `the certifying run answered ${c?.status}` : `no upper bound below ${r.total} was proved`;
      if (removeStaleOutput(cert)) process.stderr.write(`removed ${cert}: no certificate (${why})\n`);
      else if (bound) process.stderr.write(`no certificate: ${why}\n`);
    }
  }
  const params = r.parameters ? parametersToJSON(r.parameters) : null;
  if (args.output !== undefined) {
    if (params) await writeOutput(args.output, JSON.stringify(params, null, 2) + '\n');
    else if (removeStaleOutput(args.output)) process.stderr.write(`removed ${args.output}: no parameters (the budget ran out first)\n`);
  }
  if (args.json) {
    report.write(
      JSON.stringify({
        status: r.status,
        best: r.best,
        optimal: r.optimal,
        upper: r.upper,
        total: r.total,
        missed: r.missed,
        parameters: params,
        bounds: r.bounds,
        backend: r.backend,
        method: r.method,
        solves: r.solves,
        time_ms: r.time_ms,
        ...(r.unknown ? { unknown: r.unknown } : {}),
        ...(certified !== undefined && !isStdout(certified) ? { certificate: certified } : {}),
      }) + '\n',
    );
  } else {
    const lines: string[] = [r.status];
    if (r.optimal) lines.push(`best fit: ${r.best} of ${r.total} examples (optimal${r.best < r.total ? `: no parameters fit ${r.best + 1}` : ''})`);
    else lines.push(`best fit: ${r.parameters ? r.best : 'none found'} of ${r.total} examples; at most ${r.upper} (bounds, not proved optimal)`);
    if (r.parameters) lines.push(`missed: ${r.missed.length ? r.missed.join(', ') : 'none'} (examples, 0-based)`);
    if (params) for (const [id, p] of Object.entries(params)) lines.push(`  ${id}: ${formatParam(p)}`);
    if (!r.optimal) lines.push(`  (${describeUnknown(r.unknown)})`);
    lines.push(`c max-fit ${r.backend}, ${r.method}: ${r.time_ms} ms, ${r.solves} solves; bounds ${r.bounds.map((b) => `[${b.lower}, ${b.upper}] ${b.time_ms} ms`).join(', ')}`);
    report.write(lines.join('\n') + '\n');
  }
  return EXIT[r.status];
}
