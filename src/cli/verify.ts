/**
 * `trainsat verify FILE PARAMS.json`: exact check of given parameters on every example.
 * Exit 0 when they fit (every example correct, or at least minCorrect), 1 when they do
 * not, 2 on bad input. PARAMS may also be a gen manifest's witness: `DIR/manifest.json#ENTRY`
 * or `DIR/manifest.json` (the entry for FILE), see ./corpus.ts.
 */
import { manifestWitness } from './corpus.js';
import { readText } from './io.js';

export async function verifyCommand(args: { file: string; params: string; json: boolean }): Promise<number> {
  const { parseInstance } = await import('../model/parse.js');
  const { parseParameters, parseParametersValue } = await import('../model/params.js');
  const { withSource } = await import('../model/json-input.js');
  const { checkParameters } = await import('../model/evaluate.js');
  const instance = parseInstance(readText(args.file), args.file);
  const witness = manifestWitness(args.params, args.file);
  const params = witness
    ? withSource(witness.source, () => parseParametersValue(witness.value, instance))
    : parseParameters(readText(args.params), instance, args.params);
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
