/**
 * `trainsat verify FILE PARAMS.json`: exact check of given parameters on every example.
 * Exit 0 when they fit (every example correct, or at least minCorrect), 1 when they do
 * not, 2 on bad input.
 */
import { readText } from './io.js';

export async function verifyCommand(args: { file: string; params: string; json: boolean }): Promise<number> {
  const { parseInstance } = await import('../model/parse.js');
  const { parseParameters } = await import('../model/params.js');
  const { checkParameters } = await import('../model/evaluate.js');
  const instance = parseInstance(readText(args.file), args.file);
  const params = parseParameters(readText(args.params), instance, args.params);
  const r = checkParameters(instance, params);
  if (args.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
  } else {
    const lines = [
      `${r.ok ? 'valid' : 'invalid'}: ${r.correct}/${r.total} examples correct (${r.required} required)`,
    ];
    for (const v of r.violations) lines.push(`  ${v}`);
    for (const f of r.failures.slice(0, 20)) {
      if ('label' in f) {
        const predicted = f.predicted === null ? 'no class (the greatest score is tied)' : `class ${f.predicted}`;
        lines.push(`  examples[${f.example}]: label ${f.label}, predicted ${predicted}`);
      } else {
        lines.push(`  examples[${f.example}]: expected [${f.expected.join(', ')}], got [${f.got.join(', ')}]`);
      }
    }
    if (r.failures.length > 20) lines.push(`  ... and ${r.failures.length - 20} more`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return r.ok ? 0 : 1;
}
