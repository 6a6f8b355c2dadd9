/**
 * The target problem of every reduction here: trainsat's loading problem (docs/format.md,
 * "Semantics"). A solution is a `Parameters` object; it is checked by exact rational
 * evaluation on every example (`checkParameters`), the same check every `trainable`
 * answer of `decide` passes. Its solver is trainsat's `decide` (loaded on first use, so
 * importing the reductions does not load the solvers).
 */
import type { DecideOptions } from '../../src/decide.js';
import { checkParameters } from '../../src/model/evaluate.js';
import { isLookupParams, type Instance, type Parameters } from '../../src/model/types.js';
import type { Problem, Solver } from '../reduction.js';

/**
 * trainsat's `decide` as a `Solver`: the (exactly checked) parameters it finds, or null when
 * the instance is untrainable. An `unknown` answer is an error, not a NO.
 */
export function decideSolver(options: DecideOptions = {}): Solver<Instance, Parameters> {
  return async (inst) => {
    const { decide } = await import('../../src/decide.js');
    const d = await decide(inst, options);
    if (d.status === 'unknown') throw new Error(`decide (${d.backend}) gave no answer: ${d.unknown?.message ?? 'no reason given'}`);
    return d.status === 'trainable' ? d.parameters : null;
  };
}

export const trainability: Problem<Instance, Parameters> = {
  name: 'trainability',
  check(inst, params) {
    try {
      return checkParameters(inst, params).ok;
    } catch {
      return false; // mis-shaped parameters
    }
  },
  describe(inst) {
    const units = inst.network.units.map((u) => `${u.id} = ${u.kind}(${u.inputs.length > 6 ? `${u.inputs.slice(0, 3).join(', ')}, ..., ${u.inputs[u.inputs.length - 1]}` : u.inputs.join(', ')})`);
    return [
      `trainsat instance${inst.name ? ` "${inst.name}"` : ''}: ${inst.network.inputs} inputs, ${inst.examples.length} examples`,
      `  network: ${units.join('; ')}; outputs ${inst.network.outputs.join(', ')}`,
    ];
  },
  describeSolution: (inst, params) => formatParameters(params, inst),
  solve: decideSolver(),
};

/**
 * `h1: [2·x0 - x1 >= 0]; out: [h1 + h2 >= 2]` with every weight written out; with the
 * instance, each unit's inputs are named as in the network (else x0, x1, ...).
 */
export function formatParameters(params: Parameters, inst?: Instance): string {
  const inputs = new Map(inst?.network.units.map((u) => [u.id, u.inputs]) ?? []);
  return Object.entries(params)
    .map(([id, p]) =>
      isLookupParams(p) ? `${id}: table [${p.table.join(', ')}]` : `${id}: ${formatThreshold(p.weights.map(String), p.threshold.toString(), inputs.get(id))}`,
    )
    .join('; ');
}

/** `[2·x0 - x1 + 0·x2 >= 0]`-style rendering of a threshold unit over inputs x0.. (or given names). */
export function formatThreshold(weights: readonly string[], threshold: string, names?: readonly string[]): string {
  const terms = weights.map((w, i) => {
    const name = names?.[i] ?? `x${i}`;
    if (w === '1') return `+ ${name}`;
    if (w === '-1') return `- ${name}`;
    if (w.startsWith('-')) return `- ${w.slice(1)}·${name}`;
    return `+ ${w}·${name}`;
  });
  let s = terms.join(' ');
  if (s.startsWith('+ ')) s = s.slice(2);
  else if (s.startsWith('- ')) s = `-${s.slice(2)}`;
  return `[${s === '' ? '0' : s} >= ${threshold}]`;
}
