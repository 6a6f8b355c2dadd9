/**
 * The per-unit step of the min-weights search (./objective.ts): with every hidden unit's
 * outputs on the examples held fixed at those of fitting parameters, the network's weight
 * count is the sum of independent one-unit problems (each threshold unit must reproduce its
 * outputs on its inputs' exact values; the score units together must fit the labels on the
 * last hidden layer's outputs), so minimizing each gives fitting parameters with at most
 * as many non-zero weights. Each one-unit problem is a layered network without hidden
 * layers, optimized by the same SAT-UNSAT search (`optimize` without this step) from the
 * unit's current parameters. An upper bound only: other hidden codes may need fewer weights.
 * This is the layer-wise decomposition of the layerwise backend (src/backends/layerwise.ts)
 * applied to the objective.
 */
import { expandPreset } from '../model/presets.js';
import { layersOf } from '../model/layers.js';
import type { Example, Instance, Parameters, ThresholdParams } from '../model/types.js';
import { forwardValues } from './objective-values.js';

/** Examples with equal inputs are one example (equal inputs give equal outputs). */
function distinct(examples: Example[]): Example[] {
  const seen = new Set<string>();
  return examples.filter((e) => {
    const key = e.x.map(String).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Parameters with each unit minimized as above, or null when no unit improved. Each unit
 * gets an equal share of the time left before `deadline` (performance.now() milliseconds).
 */
export async function minimizeUnits(instance: Instance, params: Parameters, opts: { deadline?: number }): Promise<Parameters | null> {
  const { optimize } = await import('./objective.js');
  const layers = layersOf(instance.network)!;
  if (layers.hidden.length === 0) return null;
  const values = new Map(forwardValues(instance, params).map((u) => [u.unit.id, u]));
  const problems: { ids: string[]; sub: Instance }[] = [];
  for (const unit of layers.hidden.flat().concat(instance.network.classes === undefined ? layers.output : [])) {
    const v = values.get(unit.id)!;
    const examples = distinct(v.z.map((x, e) => ({ x, y: [v.pre[e].num >= 0n ? 1 : 0] as (0 | 1)[] })));
    const network = expandPreset('layered', unit.inputs.length, { hidden: [], integerWeights: unit.integerWeights });
    problems.push({ ids: [unit.id], sub: { network, examples } });
  }
  if (instance.network.classes !== undefined) {
    const first = values.get(layers.output[0].id)!;
    const examples = instance.examples.map((e, i) => ({ x: first.z[i], y: [], label: e.label }));
    const network = expandPreset('layered', layers.output[0].inputs.length, { hidden: [], classes: instance.network.classes, integerWeights: layers.output[0].integerWeights });
    problems.push({ ids: layers.output.map((u) => u.id), sub: { network, examples } });
  }
  const out: Parameters = { ...params };
  let improved = false;
  for (let i = 0; i < problems.length; i++) {
    const { ids, sub } = problems[i];
    const subIds = sub.network.outputs;
    const start: Parameters = Object.fromEntries(subIds.map((id, j) => [id, params[ids[j]]]));
    const slice = opts.deadline === undefined ? undefined : Math.max(0, (opts.deadline - performance.now()) / (problems.length - i));
    if (slice !== undefined && slice <= 0) break;
    const r = await optimize(sub, 'min-weights', { start, unitSteps: false, timeoutMs: slice });
    const before = subIds.reduce((n, id) => n + (start[id] as ThresholdParams).weights.filter((w) => w.num !== 0n).length, 0);
    if (r.parameters && r.objective.value !== null && r.objective.value < before) {
      subIds.forEach((id, j) => (out[ids[j]] = r.parameters![id]));
      improved = true;
    }
  }
  return improved ? out : null;
}
