/**
 * The per-unit step of the objective search (./objective.ts): with every hidden unit's
 * outputs on the examples held fixed at those of fitting parameters, the network's weight
 * count is the sum, and its margin the minimum, of independent one-unit problems (each
 * threshold unit must reproduce its outputs on its inputs' exact values; the score units
 * together must fit the labels on the last hidden layer's outputs), so optimizing each
 * gives fitting parameters at least as good. Each one-unit problem is a layered network
 * without hidden layers, optimized by the same SAT-UNSAT search (`optimize` without this
 * step) from the unit's current parameters; for max-margin a unit whose outputs are
 * constant on the examples gets weights 0 and a threshold `bound` beyond them (its margin
 * is then at least the network's upper bound). Each unit's own objective is optimized,
 * not only the weakest unit's: for max-margin every unit ends with the largest margin of
 * its own problem found in its time share. Not a proof: other hidden codes may do better.
 * This is the layer-wise decomposition of the layerwise backend (src/backends/layerwise.ts)
 * applied to the objective.
 */
import { expandPreset } from '../model/presets.js';
import { layersOf } from '../model/layers.js';
import { Rational } from '../model/rational.js';
import type { Example, Instance, Parameters, ThresholdParams } from '../model/types.js';
import { forwardValues, objectiveValue } from './objective-values.js';

/** The search of ./objective.ts on a one-unit problem (passed in, so that the modules do not import each other). */
export type OptimizeUnit = (
  sub: Instance,
  name: 'min-weights' | 'max-margin',
  opts: { start: Parameters; unitSteps: false; timeoutMs?: number },
) => Promise<{ parameters: Parameters | null; objective: { value: number | null } }>;

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
 * Parameters with each unit optimized as above, or null when no unit improved. Each unit
 * gets an equal share of the time left before `deadline` (performance.now() milliseconds);
 * `bound` (max-margin) is the network's margin bound, given to constant units.
 */
export async function improveUnits(
  instance: Instance,
  params: Parameters,
  name: 'min-weights' | 'max-margin',
  opts: { deadline?: number; bound?: bigint; optimize: OptimizeUnit },
): Promise<Parameters | null> {
  const { optimize } = opts;
  const layers = layersOf(instance.network)!;
  if (layers.hidden.length === 0) return null;
  const out: Parameters = { ...params };
  let improved = false;
  const values = new Map(forwardValues(instance, params).map((u) => [u.unit.id, u]));
  const problems: { ids: string[]; sub: Instance }[] = [];
  for (const unit of layers.hidden.flat().concat(instance.network.classes === undefined ? layers.output : [])) {
    const v = values.get(unit.id)!;
    const examples = distinct(v.z.map((x, e) => ({ x, y: [v.pre[e].num >= 0n ? 1 : 0] as (0 | 1)[] })));
    const range = unit.integerWeights!;
    if (name === 'max-margin' && new Set(examples.map((e) => e.y[0])).size === 1) {
      // Constant on the examples: weights 0 and the threshold `bound` beyond the sums (0).
      if (opts.bound !== undefined && range.anyThreshold && range.min <= 0 && range.max >= 0) {
        const t = examples[0].y[0] === 1 ? -opts.bound : opts.bound + 1n;
        out[unit.id] = { weights: unit.inputs.map(() => Rational.ZERO), threshold: Rational.of(t) };
        improved = true;
      }
      continue;
    }
    const network = expandPreset('layered', unit.inputs.length, { hidden: [], integerWeights: unit.integerWeights });
    problems.push({ ids: [unit.id], sub: { network, examples } });
  }
  if (instance.network.classes !== undefined) {
    const first = values.get(layers.output[0].id)!;
    const examples = instance.examples.map((e, i) => ({ x: first.z[i], y: [], label: e.label }));
    const network = expandPreset('layered', layers.output[0].inputs.length, { hidden: [], classes: instance.network.classes, integerWeights: layers.output[0].integerWeights });
    problems.push({ ids: layers.output.map((u) => u.id), sub: { network, examples } });
  }
  for (let i = 0; i < problems.length; i++) {
    const { ids, sub } = problems[i];
    const subIds = sub.network.outputs;
    const start: Parameters = Object.fromEntries(subIds.map((id, j) => [id, params[ids[j]]]));
    const slice = opts.deadline === undefined ? undefined : Math.max(0, (opts.deadline - performance.now()) / (problems.length - i));
    if (slice !== undefined && slice <= 0) break;
    const r = await optimize(sub, name, { start, unitSteps: false, timeoutMs: slice });
    const before = objectiveValue(name, sub, start)!;
    const v = r.objective.value;
    if (r.parameters && v !== null && (name === 'min-weights' ? v < before : v > before)) {
      subIds.forEach((id, j) => (out[ids[j]] = r.parameters![id]));
      improved = true;
    }
  }
  return improved ? out : null;
}
