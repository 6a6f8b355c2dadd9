/**
 * `trainsat predict INSTANCE PARAMS.json [--data TEST.json] [--json]`: the network's
 * predictions with the given parameters, by exact evaluation (model/evaluate.ts), on the
 * instance's examples or on those of a test file for the same network, and the accuracy;
 * PARAMS.json may also be a pairwise ensemble (`solve --ensemble pairwise -o`), whose
 * members vote (src/ensemble/pairwise.ts)
 * (docs/cli.md, "predict"). Exit 0; 2 on bad input, parameters that do not fit the network
 * included (the message names the unit).
 */
import { InputError } from '../model/errors.js';
import type { Prediction } from '../model/evaluate.js';
import type { Example, Instance, Network } from '../model/types.js';
import { readText } from './io.js';

export interface PredictArgs {
  file: string;
  params: string;
  data?: string;
  json: boolean;
}

/** Up to this many examples are listed one per line; beyond, a summary per class or output pattern. */
const LISTED = 20;

export async function predictCommand(args: PredictArgs): Promise<number> {
  const { parseInstance } = await import('../model/parse.js');
  const { parseParametersValue } = await import('../model/params.js');
  const { parseJsonText, withSource } = await import('../model/json-input.js');
  const { parameterViolations, predict } = await import('../model/evaluate.js');
  const { ensemblePredict, isEnsembleValue, parseEnsembleValue } = await import('../ensemble/pairwise.js');
  const instance = parseInstance(readText(args.file), args.file);
  const value = parseJsonText(readText(args.params), args.params);
  let predictOne: (x: Example['x']) => Prediction;
  if (isEnsembleValue(value)) {
    // A pairwise ensemble (trainsat solve --ensemble pairwise): the class with strictly the most member votes.
    const { network, members } = withSource(args.params, () => parseEnsembleValue(value, instance));
    predictOne = (x) => ensemblePredict(network, members, instance.network.classes!, x);
  } else {
    const params = withSource(args.params, () => parseParametersValue(value, instance));
    const { violations } = parameterViolations(instance.network, params);
    if (violations.length > 0) throw new InputError(`the parameters do not fit the network: ${violations.join('; ')}`, args.params);
    predictOne = (x) => predict(instance.network, params, x);
  }
  const examples = args.data === undefined ? instance.examples : testExamples(parseInstance(readText(args.data), args.data), instance.network, args.data);

  // With classes: the class whose score is strictly the greatest (null on a tie); else the 0/1 outputs.
  const predictions: Prediction[] = examples.map((e) => predictOne(e.x));
  const hit = examples.map((e, i) => sameAnswer(e, predictions[i]));
  const correct = hit.filter(Boolean).length;
  const total = examples.length;
  const accuracy = total === 0 ? 0 : correct / total;
  if (args.json) {
    process.stdout.write(JSON.stringify({ accuracy, correct, total, predictions }) + '\n');
    return 0;
  }
  const lines: string[] = [];
  const show = (p: Prediction) => (p === null ? 'a tie' : Array.isArray(p) ? `[${p.join(', ')}]` : String(p));
  const expected = (e: Example) => (e.label !== undefined ? `label ${e.label}` : `expected [${e.y.join(', ')}]`);
  if (total <= LISTED) {
    examples.forEach((e, i) => lines.push(`examples[${i}]: ${expected(e)}, predicted ${show(predictions[i])}${hit[i] ? '' : '  (miss)'}`));
  } else {
    // Per expected answer (class or output vector): how many of its examples are predicted right.
    const groups = new Map<string, { right: number; all: number }>();
    examples.forEach((e, i) => {
      const g = groups.get(expected(e)) ?? { right: 0, all: 0 };
      g.all++;
      if (hit[i]) g.right++;
      groups.set(expected(e), g);
    });
    const keys = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const k of keys) {
      const g = groups.get(k) as { right: number; all: number };
      lines.push(`${k}: ${g.right}/${g.all} correct`);
    }
  }
  lines.push(`accuracy: ${correct}/${total} (${(100 * accuracy).toFixed(1)}%)`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** The test file's examples, refused unless they are for a network with the same inputs and outputs. */
function testExamples(test: Instance, network: Network, source: string): Example[] {
  const t = test.network;
  if (t.inputs !== network.inputs) throw new InputError(`its network has ${t.inputs} inputs, the instance's has ${network.inputs}`, source);
  if ((t.classes ?? 0) !== (network.classes ?? 0)) {
    throw new InputError(`its network has ${t.classes ?? 'no'} classes, the instance's has ${network.classes ?? 'no'} classes`, source);
  }
  if (t.outputs.length !== network.outputs.length) throw new InputError(`its network has ${t.outputs.length} outputs, the instance's has ${network.outputs.length}`, source);
  return test.examples;
}

function sameAnswer(e: Example, p: Prediction): boolean {
  if (e.label !== undefined) return p === e.label;
  return Array.isArray(p) && p.length === e.y.length && p.every((b, j) => b === e.y[j]);
}
