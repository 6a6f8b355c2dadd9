/**
 * `trainsat solve FILE FILE...`, `trainsat solve DIR` or `trainsat solve DIR/manifest.json`:
 * decide each instance of a corpus (docs/cli.md, "solve", batch form). Files, directories
 * and manifests are expanded as in ./corpus.ts.
 *
 * Every file is parsed before anything is solved, so bad input exits 2 with nothing
 * printed. Then one line per file, as it is answered: `FILE  STATUS  TIME` (text), or one
 * JSON object per line with `--json`: {"file", "status", "parameters", "backend", "time_ms",
 * "unknown"?, "stats"} as single-file solve prints, plus "expected" when a manifest gives
 * it. `--timeout` is the budget of each file. Trainable answers carry parameters that
 * decide() checked by exact evaluation.
 *
 * Exit 0 when no decided answer differs from a manifest's "expected" (whatever the
 * answers are: a batch has no single answer to exit 10 or 20 with), 1 on such a
 * disagreement (a bug in the solver or the manifest; stderr names the files), 2 bad
 * input. Options that write per-instance files or change the question (-o, --cert,
 * --certify, --core, --max-fit, --objective, --ensemble) are refused in batch form (exit 2): run
 * them on one file.
 */
import { disagreementReport, disagrees, expandCorpus } from './corpus.js';
import { readText } from './io.js';
import { parseBackend, parseTimeout } from './options.js';
import { StatusLine } from './progress.js';
import type { SolveArgs } from './solve-args.js';

export async function solveBatch(args: SolveArgs, inputs: string[]): Promise<number> {
  const { InputError } = await import('../model/errors.js');
  const single: [string, unknown][] = [
    ['-o', args.output],
    ['--cert', args.cert],
    ['--certify', args.certify || undefined],
    ['--core', args.core || undefined],
    ['--max-fit', args.maxFit || undefined],
    ['--objective', args.objective],
    ['--ensemble', args.ensemble],
    ['--bound-out', args.boundOut],
    ['--strategy', args.strategy],
  ];
  for (const [name, v] of single) {
    if (v !== undefined) throw new InputError('works on one instance file; with several files, a directory or a manifest, run solve once per file', name);
  }
  const backend = parseBackend(args.backend, 'exact');
  const timeoutMs = parseTimeout(args.timeout, 'solve');
  const { parseInstance } = await import('../model/parse.js');
  const { decide } = await import('../decide.js');
  const { parametersToJSON } = await import('../model/params.js');
  const items = expandCorpus(inputs).map(({ file, expected }) => ({ file, expected, instance: parseInstance(readText(file), file) }));
  const width = Math.max(...items.map((i) => i.file.length));
  const status = StatusLine.forStderr(args.quiet === true);
  const rows: { file: string; status: string; expected?: (typeof items)[number]['expected'] }[] = [];
  for (const [i, { file, expected, instance }] of items.entries()) {
    status.start('solving', { label: `${file} (${i + 1}/${items.length})`, budgetMs: timeoutMs });
    const r = await decide(instance, { backend, timeoutMs, symmetryBreaking: args.symmetry, onProgress: status.onProgress }).finally(() => status.clear());
    rows.push({ file, status: r.status, expected });
    if (args.json) {
      const params = r.parameters ? parametersToJSON(r.parameters) : null;
      process.stdout.write(
        JSON.stringify({ file, status: r.status, parameters: params, backend: r.backend, time_ms: r.time_ms, ...(r.unknown ? { unknown: r.unknown } : {}), stats: r.stats, ...(expected ? { expected } : {}) }) + '\n',
      );
    } else {
      const mark = expected === undefined ? '' : disagrees(expected, r.status) ? `  DISAGREES: expected ${expected}` : `  (expected ${expected})`;
      process.stdout.write(`${file.padEnd(width)}  ${r.status.padEnd(11)}  ${String(r.time_ms).padStart(6)} ms${mark}\n`);
    }
  }
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  process.stderr.write(`trainsat: ${rows.length} file(s): ${count('trainable')} trainable, ${count('untrainable')} untrainable, ${count('unknown')} unknown\n`);
  process.stderr.write(disagreementReport(rows, 'solved'));
  return rows.some((r) => disagrees(r.expected, r.status)) ? 1 : 0;
}
