/**
 * `trainsat reduce set-splitting|3sat|coloring FILE --target blum-rivest|blum-rivest-and`
 * (docs/cli.md, "reduce"): run one of the NP-hardness reductions in reductions/ on a source
 * instance and write the resulting training instance (JSON, validated, written atomically).
 *
 *  - `--explain` prints the construction step by step for this instance (which example
 *    stands for what, and why), then solves the reduced instance and shows how the weights
 *    found map back to a source solution, checked against the source (`--no-solve` skips
 *    the solving part);
 *  - `--solve` solves and maps back without the construction listing;
 *  - `--html OUT.html` writes the same as a self-contained web page (source, construction,
 *    examples table with each unit's output, the hyperplanes found, the mapping back), with
 *    inline SVG pictures of the source and of the examples with the hyperplanes
 *    (reductions/pictures.ts).
 *
 * Without `-o`, the JSON goes to stdout unless `--explain`/`--solve` print there.
 * `--html -` writes the page to stdout and the text to stderr. An output that is the
 * source file is refused (exit 2).
 * Exit codes: 0 written (or explained without solving); with solving 10 when the reduced
 * instance is trainable (the source is a YES instance; the lowered solution is printed and
 * checked), 20 untrainable (the source is a NO instance), 0 unknown (no answer: the budget ran out or the solver stopped);
 * 1 when a mapped-back solution fails its check (an internal error); 2 bad input.
 */
import { describeUnknown } from '../solvers/types.js';
import { basename, extname } from 'node:path';
import type { InstanceJSON } from '../model/serialize.js';
import type { Instance, Parameters } from '../model/types.js';
import type { HtmlSolve } from '../../reductions/html.js';
import type { Figure } from '../../reductions/pictures.js';
import type { Explanation, Reduction } from '../../reductions/reduction.js';
import { isStdout, readText, refuseInputsAsOutputs, writeOutput } from './io.js';
import { parseBackend, parseTimeout } from './options.js';

export interface ReduceArgs {
  source: string;
  file: string;
  target: string;
  output?: string;
  colors?: number;
  explain: boolean;
  /** Solve the reduced instance and map the answer back (default: on with --explain or --html). */
  solve?: boolean;
  /** Also write the run as a self-contained HTML page. */
  html?: string;
  backend: string;
  /** Seconds, as given (checked by parseTimeout). */
  timeout?: unknown;
}

/** Largest reduced network accepted (inputs), to keep a typo from allocating gigabytes. */
const MAX_INPUTS = 100_000;

export async function reduceCommand(rawArgs: ReduceArgs): Promise<number> {
  // yargs parses a lone "-" positional (stdin) as the empty string.
  const args: ReduceArgs = rawArgs.file === '' ? { ...rawArgs, file: '-' } : rawArgs;
  const { InputError } = await import('../model/errors.js');
  const R = await import('../../reductions/index.js');

  if (!(R.SOURCE_KINDS as readonly string[]).includes(args.source)) {
    throw new InputError(`unknown source problem "${args.source}" (expected ${R.SOURCE_KINDS.join(', ')})`, 'reduce');
  }
  if (!(R.TARGET_KINDS as readonly string[]).includes(args.target)) {
    throw new InputError(`unknown target "${args.target}" (expected ${R.TARGET_KINDS.join(', ')})`, '--target');
  }
  const source = args.source as (typeof R.SOURCE_KINDS)[number];
  const target = args.target as (typeof R.TARGET_KINDS)[number];
  if (source === 'coloring') {
    if (args.colors === undefined) throw new InputError('coloring needs the number of colours: --colors k', '--colors');
    if (!Number.isInteger(args.colors) || args.colors < 1) throw new InputError(`expected an integer k >= 1, got ${args.colors}`, '--colors');
    if (target === 'blum-rivest' && args.colors !== 2) {
      throw new InputError(
        `--target blum-rivest has two hidden units, so it needs --colors 2 (got ${args.colors}); --target blum-rivest-and gives k hidden units with an AND output`,
        '--colors',
      );
    }
  } else if (args.colors !== undefined) {
    throw new InputError(`--colors only applies to the coloring source (this is ${source})`, '--colors');
  }
  parseBackend(args.backend, 'exact');
  parseTimeout(args.timeout, 'reduce');
  const solve = args.solve ?? (args.explain || args.html !== undefined);
  if (isStdout(args.output) && (args.explain || solve)) {
    throw new InputError('-o - would mix the instance JSON with the explanation on stdout; write the JSON to a file', '-o');
  }
  if (args.output === '') throw new InputError('needs a file name (or - for stdout)', '-o');
  if (args.html === '') throw new InputError('needs a file name (or - for stdout)', '--html');
  if (isStdout(args.html) && (isStdout(args.output) || (args.output === undefined && !args.explain && !solve))) {
    throw new InputError('--html - would mix the page with the instance JSON on stdout; write one of them to a file (-o FILE)', '--html');
  }
  refuseInputsAsOutputs([args.file], [args.output, args.html]);

  const text = readText(args.file);
  const picked = R.reductionFor(source, target, args.colors);
  const base = sourceBase(args.file);
  switch (picked.source) {
    case 'set-splitting': {
      const s = R.parseSetSplitting(text, args.file);
      if (s.elements > MAX_INPUTS) throw new InputError(`too many elements for a network (${s.elements} > ${MAX_INPUTS})`, args.file);
      s.name ??= base;
      const { setSplittingFigure } = await import('../../reductions/pictures.js');
      return run(picked.reduction, s, args, solve, (sol, core) => setSplittingFigure(s, sol, core));
    }
    case '3sat': {
      const f = R.parseCnf(text, args.file);
      if (2 * (f.numVars + 1) > MAX_INPUTS) throw new InputError(`too many variables for a network (${f.numVars}; the network gets 2 inputs per variable)`, args.file);
      f.name = base;
      const { cnfFigure } = await import('../../reductions/pictures.js');
      return run(picked.reduction, f, args, solve, (sol, core) => cnfFigure(f, sol, core));
    }
    case 'coloring': {
      const g = R.parseColoringSource(text, args.colors!, args.file);
      g.name ??= base;
      const { coloringFigure } = await import('../../reductions/pictures.js');
      return run(picked.reduction, g, args, solve, (sol, core) => coloringFigure(g, sol, core));
    }
  }
}

/** Draws the source instance, with a solution found or the examples of a core (for the --html page). */
type DrawSource<SSol> = (solution: SSol | undefined, coreExamples: number[] | undefined) => Figure | null;

async function run<S, SSol>(r: Reduction<S, SSol, Instance, Parameters>, source: S, args: ReduceArgs, solve: boolean, drawSource: DrawSource<SSol>): Promise<number> {
  const { instanceToJSON } = await import('../model/serialize.js');
  const { parseInstanceValue } = await import('../model/parse.js');

  const target = r.reduce(source);
  const named: Instance = {
    ...target,
    name: `${sourceBase(args.file)}${args.colors !== undefined ? `.${args.colors}-colors` : ''}.${args.target}`,
    description: `Generated by trainsat reduce ${args.source} ${args.file === '-' ? '(stdin)' : basename(args.file)} --target ${args.target}${args.colors !== undefined ? ` --colors ${args.colors}` : ''} (${r.name}). ${target.description ?? ''}`.trim(),
  };
  const json = instanceToJSON(named);
  try {
    parseInstanceValue(JSON.parse(JSON.stringify(json)));
  } catch (e) {
    throw new Error(`internal error: the reduced instance does not validate: ${(e as Error).message}`);
  }
  const jsonText = formatInstanceJson(json);

  const out: string[] = [];
  /** True when stdout carries the instance JSON, so nothing else may be printed there. */
  let jsonOnStdout = false;
  if (args.output !== undefined && !isStdout(args.output)) {
    await writeOutput(args.output, jsonText);
  } else if (!args.explain && !solve) {
    jsonOnStdout = true;
    if (args.html === undefined) {
      process.stdout.write(jsonText);
      return 0;
    }
  }

  const explanations = r.explain(source);
  if (args.explain) {
    out.push(`Reduction ${r.name}`, '');
    explanations.forEach((e: Explanation, k: number, all: Explanation[]) => {
      out.push(`${all.length > 1 ? `Step ${k + 1} of ${all.length}. ` : ''}${e.title}`);
      out.push(`  Theorem: ${e.theorem}`);
      for (const s of e.steps) out.push(`  ${s}`);
      out.push('');
    });
  }
  if (args.output !== undefined && !isStdout(args.output)) {
    out.push(`Wrote ${args.output}: ${named.network.inputs} inputs, ${named.examples.length} examples, network ${named.network.units.map((u) => `${u.id}=${u.kind}`).join(', ')}.`);
  }

  let code = 0;
  let html: HtmlSolve | undefined;
  let sourceSolution: SSol | undefined;
  if (solve) {
    const { solveViaReduction } = await import('../../reductions/solve-via-reduction.js');
    const { formatParameters } = await import('../../reductions/problems/trainability.js');
    const { decision: d, lowered } = await solveViaReduction(r, source, { backend: parseBackend(args.backend, 'exact'), timeoutMs: parseTimeout(args.timeout, 'reduce') });
    out.push(`Solving the reduced instance (${d.backend}, ${d.time_ms} ms): ${d.status}`);
    html = { status: d.status, backend: d.backend, timeMs: d.time_ms };
    if (lowered) {
      const params = d.parameters!;
      out.push(`  parameters (checked on every example): ${formatParameters(params, named)}`);
      out.push(...lowered.steps);
      const described = r.source.describeSolution(source, lowered.solution);
      out.push(`=> ${r.source.name} solution: ${described} (${lowered.valid ? 'checked against the source: valid' : 'CHECK FAILED: not a solution of the source'})`);
      Object.assign(html, {
        params,
        paramLines: formatParameters(params, named).split('; '),
        lowering: lowered.steps,
        solution: `${r.source.name}: ${described}`,
        ok: lowered.valid,
      });
      code = lowered.valid ? 10 : 1;
      if (lowered.valid) sourceSolution = lowered.solution;
    } else if (d.status === 'untrainable') {
      html.note = `No weights fit, so by the reduction the ${r.source.name} instance has no solution (a NO instance).`;
      out.push(`  ${html.note}`);
      code = 20;
      if (args.html !== undefined) {
        // The page names the examples to blame, in the words of the last reduction step.
        const { explainUntrainable } = await import('../explain/core.js');
        const budget = parseTimeout(args.timeout, 'reduce');
        const x = await explainUntrainable(named, { backend: parseBackend(args.backend, 'exact'), timeoutMs: budget === undefined ? undefined : Math.max(0, budget - d.time_ms), decided: d });
        const meanings = explanations[explanations.length - 1]?.exampleMeanings;
        if (x.core) {
          html.core = {
            total: named.examples.length,
            minimal: x.minimal,
            examples: x.core,
            lines: x.core.map((k) => `examples[${k}]: x = [${named.examples[k].x.join(', ')}] -> ${named.examples[k].y.join(', ')}${meanings?.[k] ? `   ${meanings[k]}` : ''}`),
          };
        }
      }
    } else {
      html.note = `No answer (${describeUnknown(d.unknown)}); nothing is known about the source instance.`;
      out.push(`  ${html.note}`);
    }
  }

  if (args.html !== undefined) {
    const { renderReductionHtml } = await import('../../reductions/html.js');
    const { networkFigure } = await import('../../reductions/pictures.js');
    const last = explanations[explanations.length - 1];
    const command = `trainsat reduce ${args.source} ${args.file === '-' ? '-' : basename(args.file)} --target ${args.target}${args.colors !== undefined ? ` --colors ${args.colors}` : ''}`;
    await writeOutput(
      args.html,
      renderReductionHtml({
        title: `Reduction ${args.source} -> ${args.target}${args.colors !== undefined ? ` (${args.colors} colours)` : ''}`,
        subtitle: `Reduction steps: ${r.name}.`,
        command,
        sourceLines: r.source.describe(source),
        explanations,
        instance: named,
        solve: html,
        sourceFigure: drawSource(sourceSolution, html?.core?.examples),
        networkFigure: networkFigure(named, html?.params, html?.core?.examples, last?.exampleMeanings),
      }),
    );
    if (!isStdout(args.html)) out.push(`Wrote ${args.html} (the reduction as a web page).`);
  }
  if (jsonOnStdout) process.stdout.write(jsonText);
  else if (out.length > 0) (isStdout(args.html) ? process.stderr : process.stdout).write(out.join('\n') + '\n');
  return code;
}

/** The source file's base name without extension ("stdin" for -), used to name the instance. */
function sourceBase(file: string): string {
  return file === '-' ? 'stdin' : basename(file, extname(file)) || 'source';
}

/** Instance JSON with one unit and one example per line (readable, diff-friendly). */
export function formatInstanceJson(json: InstanceJSON): string {
  const lines = ['{'];
  const top = Object.entries(json).filter(([k]) => k !== 'network' && k !== 'examples');
  for (const [k, v] of top) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const { inputs, units, outputs } = json.network;
  lines.push('  "network": {', `    "inputs": ${inputs},`, '    "units": [');
  units.forEach((u, i) => lines.push(`      ${JSON.stringify(u)}${i + 1 < units.length ? ',' : ''}`));
  lines.push('    ],', `    "outputs": ${JSON.stringify(outputs)}`, '  },', '  "examples": [');
  json.examples.forEach((e, i) => lines.push(`    ${JSON.stringify(e)}${i + 1 < json.examples.length ? ',' : ''}`));
  lines.push('  ]', '}');
  return lines.join('\n') + '\n';
}
