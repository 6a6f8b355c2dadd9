/**
 * `trainsat explain FILE`: why an instance is untrainable, as a minimal core of examples
 * (src/explain/core.ts; docs/cli.md, "explain"). Exit codes as solve: 20 untrainable (a
 * core is printed), 10 trainable, 0 unknown, 2 bad input.
 *
 * `--core-out CORE.json` writes the core as an instance of its own; `--certify CERT.json`
 * (which needs --core-out) decides the core once more with a recorded proof and writes the
 * certificate, checked by `trainsat check CORE.json CERT.json`. Both are written only on an
 * untrainable answer; an existing file needs --force (with --force, a file of that name is
 * removed when this run's answer gives no such output). All options are checked before
 * any work, so bad input writes nothing.
 *
 * `explainJson` is also solve --core's (src/cli/solve.ts).
 */
import { existsSync } from 'node:fs';
import { isStdout, readText, refuseInputsAsOutputs, removeStaleOutput, writeOutput } from './io.js';
import { parseBackend, parseTimeout } from './options.js';
import { StatusLine } from './progress.js';
import { CERTIFYING_BACKENDS } from '../backends/types.js';
import { InputError } from '../model/errors.js';
import { describeUnknown } from '../solvers/types.js';
import type { ExplainOptions, ExplainProgress, ExplainResult } from '../explain/core.js';
import type { Instance } from '../model/types.js';

/** The exit codes, as solve's (solve imports this module for --core, so they are not imported from it). */
const EXIT = { trainable: 10, untrainable: 20, unknown: 0 } as const;

export interface ExplainArgs {
  file: string;
  backend: string;
  timeout?: unknown;
  json: boolean;
  certify?: string;
  coreOut?: string;
  force: boolean;
  quiet?: boolean;
}

/** The core keys of `--json` (explain, and solve --core), parameters as JSON. */
export async function explainJson(x: ExplainResult): Promise<Record<string, unknown>> {
  const { parametersToJSON } = await import('../model/params.js');
  return {
    core: x.core,
    minimal: x.minimal,
    untrainable: x.untrainable,
    fits: x.fits.map((f) => ({ example: f.example, parameters: parametersToJSON(f.parameters) })),
    decisions: x.decisions,
  };
}

/** The status line's text for a step of the explanation. */
export function progressDetail(p: ExplainProgress): { phase: string; detail: string } {
  const what = p.phase === 'growing' ? `${p.size} examples grown` : p.phase === 'deciding' ? `${p.size} examples` : `core of ${p.size}`;
  return { phase: p.phase, detail: `${what}, ${p.decisions} decisions` };
}

export async function explainCommand(args: ExplainArgs): Promise<number> {
  const backend = parseBackend(args.backend, 'exact');
  const timeoutMs = parseTimeout(args.timeout, 'explain');
  for (const [opt, f] of [['--certify', args.certify], ['--core-out', args.coreOut]] as const) {
    if (f === undefined) continue;
    if (f === '') throw new InputError('needs a file name', opt);
    if (isStdout(f)) throw new InputError('writes a file: give a file name, not stdout', opt);
    if (!args.force && existsSync(f)) throw new InputError('exists; use --force to replace it', f);
  }
  if (args.certify !== undefined && args.coreOut === undefined) {
    throw new InputError('--certify needs --core-out CORE.json: the certificate is checked against the core instance (trainsat check CORE.json CERT.json)', 'explain');
  }
  if (args.certify !== undefined && backend !== 'auto' && !CERTIFYING_BACKENDS.includes(backend)) {
    throw new InputError(`--certify needs the hybrid, cadical or layerwise backend (got --backend ${backend})`, 'explain');
  }
  refuseInputsAsOutputs([args.file], [args.coreOut, args.certify]);

  const { parseInstance } = await import('../model/parse.js');
  const { explainUntrainable } = await import('../explain/core.js');
  const status = StatusLine.forStderr(args.quiet === true);
  let x: ExplainResult;
  let instance: Instance;
  try {
    status.start('reading', { budgetMs: timeoutMs });
    instance = parseInstance(readText(args.file), args.file);
    const opts: ExplainOptions = { backend, timeoutMs, certify: args.certify !== undefined };
    if (status.enabled) opts.onProgress = (p) => status.update(progressDetail(p));
    x = await explainUntrainable(instance, opts);
  } finally {
    status.clear();
  }

  await writeOutputs(args, x);
  const out = process.stdout;
  if (args.json) {
    const { parametersToJSON } = await import('../model/params.js');
    out.write(
      JSON.stringify({
        status: x.status,
        ...(await explainJson(x)),
        examples: instance.examples.length,
        parameters: x.parameters ? parametersToJSON(x.parameters) : null,
        backend: x.backend,
        time_ms: x.time_ms,
        ...(x.unknown ? { unknown: x.unknown } : {}),
        ...(x.certificate && args.certify ? { certificate: args.certify } : {}),
        ...(x.coreInstance && args.coreOut ? { core_out: args.coreOut } : {}),
      }) + '\n',
    );
  } else {
    out.write(humanReport(instance, x) + '\n');
  }
  return EXIT[x.status];
}

/** The core instance and the certificate, or the removal of stale ones (--force). */
async function writeOutputs(args: ExplainArgs, x: ExplainResult): Promise<void> {
  if (args.coreOut !== undefined) {
    if (x.coreInstance) {
      const { instanceToJSON } = await import('../model/serialize.js');
      await writeOutput(args.coreOut, JSON.stringify(instanceToJSON(x.coreInstance), null, 2) + '\n');
      process.stderr.write(`core instance written to ${args.coreOut}\n`);
    } else if (removeStaleOutput(args.coreOut)) process.stderr.write(`removed ${args.coreOut}: no core (the answer is ${x.status})\n`);
  }
  if (args.certify !== undefined) {
    if (x.certificate && x.coreInstance) {
      const { certificateText } = await import('../exact/certificate.js');
      await writeOutput(args.certify, certificateText(x.coreInstance, x.certificate));
      process.stderr.write(`certificate of the core written to ${args.certify} (check: trainsat check ${args.coreOut} ${args.certify})\n`);
    } else {
      if (removeStaleOutput(args.certify)) process.stderr.write(`removed ${args.certify}: no certificate\n`);
      if (x.status === 'untrainable') process.stderr.write(`no certificate: ${describeUnknown(x.unknown)}\n`);
    }
  }
}

/** The plain-text report: the core's examples (index, x, label) and a summary line. */
export function humanReport(instance: Instance, x: ExplainResult): string {
  const lines: string[] = [x.status];
  if (x.status === 'untrainable' && x.core) {
    const m = instance.examples.length;
    lines.push(
      `core: ${x.core.length} of ${m} examples cannot be fitted together` +
        (x.minimal ? '; minimal: dropping any one of them makes the rest fittable (checked)' : `; NOT known to be minimal (${x.fits.length} of ${x.core.length} examples shown necessary)`),
    );
    for (const e of x.core) {
      const ex = instance.examples[e];
      const label = ex.label !== undefined ? `label ${ex.label}` : `y = [${ex.y.join(', ')}]`;
      lines.push(`  example ${e}: x = [${ex.x.map((v) => v.toString()).join(', ')}], ${label}`);
    }
    if (!x.minimal && x.unknown) lines.push(`  (${describeUnknown(x.unknown)})`);
    lines.push(`c core decided untrainable by ${x.untrainable?.backend} in ${x.untrainable?.time_ms} ms; ${x.decisions} decisions, ${x.time_ms} ms in all`);
  } else if (x.status === 'unknown') {
    lines.push(`  (${describeUnknown(x.unknown)})`);
    lines.push(`c ${x.decisions} decisions, ${x.time_ms} ms`);
  } else {
    lines.push('  no core: the whole instance can be fitted (solve prints the parameters)');
    lines.push(`c ${x.backend}: ${x.time_ms} ms`);
  }
  return lines.join('\n');
}
