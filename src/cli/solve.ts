/**
 * `trainsat solve FILE`: decide trainability and print the answer (DESIGN.md section 3).
 * Exit codes: 10 trainable, 20 untrainable, 0 unknown, 2 bad input.
 *
 * `--certify` runs the hybrid backend (built-in CDCL engine) recording a proof; on
 * untrainable it writes the certificate bundle (src/exact/certificate.ts) to `--cert`
 * (default `<FILE basename without .json>.cert.json` in the current directory) and prints
 * its path on stderr. Trainable answers carry exactly checked parameters: nothing written.
 */
import { basename } from 'node:path';
import { readText, writeAtomic } from './io.js';

export interface SolveArgs {
  file: string;
  backend: string;
  timeout?: number;
  json: boolean;
  certify: boolean;
  /** Where --certify writes the certificate. */
  cert?: string;
  output?: string;
  symmetry: boolean;
}

export const EXIT = { trainable: 10, untrainable: 20, unknown: 0 } as const;

export async function solveCommand(args: SolveArgs): Promise<number> {
  const { parseInstance } = await import('../model/parse.js');
  const { decide } = await import('../decide.js');
  const { parametersToJSON } = await import('../model/params.js');
  const { InputError } = await import('../model/errors.js');
  if (args.certify && args.backend !== 'auto' && args.backend !== 'hybrid') {
    throw new InputError(`--certify needs the hybrid backend (got --backend ${args.backend}; use hybrid or auto)`, 'solve');
  }
  if (args.cert !== undefined && !args.certify) throw new InputError('--cert is only meaningful with --certify', 'solve');
  const instance = parseInstance(readText(args.file), args.file);
  const timeoutMs = args.timeout !== undefined ? args.timeout * 1000 : undefined;
  const r = await decide(instance, { backend: args.backend, timeoutMs, symmetryBreaking: args.symmetry, certify: args.certify });
  if (r.certificate) {
    const { makeBundle, bundleToText } = await import('../exact/certificate.js');
    const path = args.cert ?? `${basename(args.file === '-' ? 'stdin' : args.file).replace(/\.json$/, '')}.cert.json`;
    writeAtomic(path, bundleToText(makeBundle(instance, r.certificate)));
    process.stderr.write(`certificate written to ${path}\n`);
  }
  const params = r.parameters ? parametersToJSON(r.parameters) : null;
  if (args.output && params) writeAtomic(args.output, JSON.stringify(params, null, 2) + '\n');
  if (args.json) {
    process.stdout.write(
      JSON.stringify({ status: r.status, parameters: params, backend: r.backend, time_ms: r.time_ms, stats: r.stats }) + '\n',
    );
  } else {
    const lines: string[] = [r.status];
    if (params) {
      for (const [id, p] of Object.entries(params)) lines.push(`  ${id}: ${formatParam(p)}`);
    }
    if (r.status === 'unknown') lines.push('  (the time budget ran out before an answer was found; try a larger --timeout)');
    lines.push(
      `c ${r.backend}: ${r.time_ms} ms (encode ${r.stats.encode_ms} ms, solve ${r.stats.solve_ms} ms), ` +
        `${r.stats.vars} vars, ${r.stats.clauses} clauses`,
    );
    const nf = (r.stats as { output_normal_form?: { unit: string; gate: string; status: string }[] }).output_normal_form;
    if (nf) lines.push(`c output normal form: ${nf.map((t) => `${t.unit} = ${t.gate}: ${t.status}`).join(', ')}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return EXIT[r.status];
}

function formatParam(p: unknown): string {
  const o = p as { weights?: unknown[]; threshold?: unknown; table?: number[] };
  if (o.table) return `table [${o.table.join(', ')}]`;
  return `weights [${(o.weights ?? []).join(', ')}], threshold ${o.threshold}`;
}
