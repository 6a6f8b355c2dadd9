/**
 * A pairwise (one-vs-one) ensemble of exact networks for a layered integer-weight instance
 * with C classes: for every pair of classes a < b, a member network of the same layers with
 * two classes is trained on the examples of a and b alone (a -> class 0, b -> class 1), and
 * the ensemble predicts the class with strictly the most member votes (a tie is no
 * prediction). This is the structure of the BeMi ensemble (Bernardelli, Gualandi, Lau &
 * Milanesi, "The BeMi Stardust: a Structured Ensemble of Binarized Neural Networks", LION
 * 2023), with trainsat's exact members:
 *  - no objective: each member is a `decide` witness;
 *  - one objective, or two in lexicographic order ('max-margin' then 'min-weights', as BeMi's
 *    robustness-then-simplicity order): without hidden layers the integer program of
 *    src/optimize/objective-ilp.ts (the second stage keeps the first stage's margin), its
 *    optimality proved by an exact dual bound; with hidden layers (one objective only) the
 *    SAT search of src/optimize/objective.ts. A member whose integer program gives no
 *    checked point falls back to that SAT search. A pair with examples of one class only
 *    (or none) has no finite margin: its member gets the fewest weights instead.
 * Every member's parameters are checked by exact evaluation on its pair's examples.
 *
 * Two facts the answer rests on:
 *  - the vote fits every training example: an example of class l is fitted by the C - 1
 *    members that contain l, so l gets C - 1 votes, and any other class c loses the member
 *    (l, c) and gets at most C - 2 (checked by exact evaluation all the same, votesFit);
 *  - an untrainable pair makes the whole instance untrainable: a C-class network fitting
 *    every example gives, by keeping the score units of a and b, a two-class network of
 *    the same layers fitting the pair's examples.
 */
import { decide } from '../decide.js';
import { InputError } from '../model/errors.js';
import { checkParameters, predict } from '../model/evaluate.js';
import { layersOf } from '../model/layers.js';
import { parametersToJSON, parseParametersValue, type ParamsJSON } from '../model/params.js';
import { validatedInstance } from '../model/parse.js';
import { expandPreset } from '../model/presets.js';
import type { Instance, Network, Parameters, Status } from '../model/types.js';
import type { Rational } from '../model/rational.js';
import type { UnknownReason } from '../solvers/types.js';
import { isSingleLayer, optimizeSingleLayer } from '../optimize/objective-ilp.js';
import { OBJECTIVE_NAMES, optimize, type ObjectiveName, type ObjectiveReport } from '../optimize/objective.js';

/** One member: the pair of classes it separates, its checked parameters, its objectives. */
export interface EnsembleMember {
  classes: [number, number];
  status: Status;
  parameters: Parameters | null;
  /** One report per objective, in the order optimized (empty without objectives). */
  objectives: (ObjectiveReport & { minMargin?: number })[];
  /** True when every objective of the member's order was reached and proved optimal (false without objectives). */
  optimal: boolean;
  /** How the member was found: 'decide', 'ilp' (integer program) or 'sat' (objective search). */
  method: 'decide' | 'ilp' | 'sat';
  unknown?: UnknownReason;
  time_ms: number;
}

export interface PairwiseOptions {
  /** Objectives per member, in lexicographic order (default none: feasible members). */
  objectives?: ObjectiveName[];
  /** Wall-clock budget for the whole ensemble, shared equally among the members left. */
  timeoutMs?: number;
  /** The backend of `decide` (feasible members, and the SAT search's witness; default auto). */
  backend?: string;
  /** Called after each member. */
  onMember?: (m: EnsembleMember, done: number, total: number) => void;
}

export interface PairwiseResult {
  /** trainable: every member found; untrainable: some pair proved untrainable; else unknown. */
  status: Status;
  members: EnsembleMember[];
  /** With every member found: whether the vote fits every training example (always, by the module comment). */
  fits: boolean | null;
  time_ms: number;
}

/** The objective orders a member can be optimized in. */
export function parseObjectives(text: string | undefined): ObjectiveName[] {
  if (text === undefined || text === '') return [];
  const names = text.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!OBJECTIVE_NAMES.includes(n as ObjectiveName)) throw new InputError(`unknown objective "${n}" (use min-weights, max-margin, or max-margin,min-weights)`, '--objective');
  }
  if (names.length > 2 || (names.length === 2 && !(names[0] === 'max-margin' && names[1] === 'min-weights'))) {
    throw new InputError(`the objectives "${text}" are not an order the ensemble knows: give one objective or max-margin,min-weights`, '--objective');
  }
  return names as ObjectiveName[];
}

/** The member network: the instance's layers with two classes. InputError unless the instance is a uniform layered integer-weight network with classes. */
export function memberNetwork(instance: Instance): Network {
  const { network } = instance;
  const layers = layersOf(network);
  if (layers === null || network.classes === undefined) {
    throw new InputError('a pairwise ensemble needs a layered network with integer weights and classes (the layered preset with "classes" and "weights")', 'network');
  }
  const range = network.units[0].integerWeights!;
  const same = network.units.every((u) => u.integerWeights!.min === range.min && u.integerWeights!.max === range.max && !!u.integerWeights!.anyThreshold === !!range.anyThreshold);
  if (!same) throw new InputError('a pairwise ensemble needs the same integer weight range on every unit (the layered preset)', 'network');
  return expandPreset('layered', network.inputs, { hidden: layers.hidden.map((l) => l.length), classes: 2, integerWeights: range });
}

/** The pair (a, b)'s instance: the examples of a (class 0) and b (class 1) on the member network. */
export function pairInstance(instance: Instance, a: number, b: number, network = memberNetwork(instance)): Instance {
  const examples = instance.examples.flatMap((e) => (e.label === a ? [{ ...e, label: 0 }] : e.label === b ? [{ ...e, label: 1 }] : []));
  return { name: `${instance.name ?? 'instance'}-pair-${a}-${b}`, network, examples };
}

/** The pairs a < b of C classes, in order. */
export function classPairs(classes: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < classes; a++) for (let b = a + 1; b < classes; b++) out.push([a, b]);
  return out;
}

/** The ensemble's prediction for x: the class with strictly the most votes, or null (a tie). */
export function ensemblePredict(network: Network, members: readonly { classes: [number, number]; parameters: Parameters }[], classes: number, x: readonly Rational[]): number | null {
  const votes = new Array<number>(classes).fill(0);
  for (const m of members) {
    const p = predict(network, m.parameters, x);
    if (p === 0) votes[m.classes[0]]++;
    else if (p === 1) votes[m.classes[1]]++;
  }
  const most = Math.max(...votes);
  const winners = votes.flatMap((v, c) => (v === most ? [c] : []));
  return winners.length === 1 ? winners[0] : null;
}

/** Whether the vote predicts every example's label, by exact evaluation. */
export function votesFit(instance: Instance, network: Network, members: readonly { classes: [number, number]; parameters: Parameters }[]): boolean {
  return instance.examples.every((e) => ensemblePredict(network, members, instance.network.classes!, e.x) === e.label);
}

/** One member by the module comment's method, its parameters checked on the pair's examples. */
async function trainMember(sub: Instance, classes: [number, number], objectives: ObjectiveName[], timeoutMs: number | undefined, backend: string | undefined): Promise<EnsembleMember> {
  const t0 = performance.now();
  const left = () => (timeoutMs === undefined ? undefined : Math.max(1, timeoutMs - (performance.now() - t0)));
  const finish = (m: Omit<EnsembleMember, 'classes' | 'time_ms' | 'optimal'>): EnsembleMember => {
    if (m.parameters && !checkParameters(sub, m.parameters).ok) throw new Error(`internal error: member ${classes.join('-')} has parameters that fail exact evaluation`);
    const optimal = objectives.length > 0 && m.objectives.length === objectives.length && m.objectives.every((o) => o.optimal);
    return { classes, ...m, optimal, time_ms: Math.round(performance.now() - t0) };
  };
  if (objectives.length === 0) {
    const r = await decide(sub, { backend, timeoutMs: left() });
    return finish({ status: r.status, parameters: r.parameters, objectives: [], method: 'decide', ...(r.unknown ? { unknown: r.unknown } : {}) });
  }
  if (objectives.includes('max-margin') && new Set(sub.examples.map((e) => e.label)).size < 2) {
    // Examples of one class at most: no finite margin (docs/format.md); the fewest weights instead.
    objectives = ['min-weights'];
  }
  if (isSingleLayer(sub)) {
    const reports: EnsembleMember['objectives'] = [];
    let parameters: Parameters | null = null;
    let minMargin = 0;
    for (let i = 0; i < objectives.length; i++) {
      const share = left() === undefined ? undefined : left()! / (objectives.length - i);
      const r = await optimizeSingleLayer(sub, objectives[i], { timeoutMs: share, minMargin });
      if (r.status !== 'trainable') break;
      reports.push(r.objective);
      parameters = r.parameters;
      if (objectives[i] === 'max-margin') minMargin = r.objective.value!;
    }
    if (parameters) return finish({ status: 'trainable', parameters, objectives: reports, method: 'ilp' });
  } else if (objectives.length > 1) {
    throw new InputError('the order max-margin,min-weights needs a network without hidden layers (the integer program); give one objective', '--objective');
  }
  const r = await optimize(sub, objectives[0], { backend, timeoutMs: left() });
  return finish({ status: r.status, parameters: r.parameters, objectives: r.status === 'trainable' ? [r.objective] : [], method: 'sat', ...(r.unknown ? { unknown: r.unknown } : {}) });
}

/** Trains the pairwise ensemble of the module comment. */
export async function trainPairwise(input: Instance, opts: PairwiseOptions = {}): Promise<PairwiseResult> {
  const instance = validatedInstance(input);
  const network = memberNetwork(instance);
  if (instance.minCorrect !== undefined) throw new InputError('a pairwise ensemble fits every example: drop minCorrect', 'minCorrect');
  const objectives = opts.objectives ?? [];
  const t0 = performance.now();
  const pairs = classPairs(instance.network.classes!);
  const members: EnsembleMember[] = [];
  let status: Status = 'trainable';
  for (let i = 0; i < pairs.length; i++) {
    const [a, b] = pairs[i];
    const sub = pairInstance(instance, a, b, network);
    const left = opts.timeoutMs === undefined ? undefined : Math.max(1, opts.timeoutMs - (performance.now() - t0));
    const m = await trainMember(sub, [a, b], objectives, left === undefined ? undefined : left / (pairs.length - i), opts.backend);
    members.push(m);
    opts.onMember?.(m, i + 1, pairs.length);
    if (m.status === 'untrainable') {
      status = 'untrainable';
      break;
    }
    if (m.status !== 'trainable') status = 'unknown';
  }
  const found = members.every((m) => m.parameters !== null) && members.length === pairs.length;
  const fits = found && status === 'trainable' ? votesFit(instance, network, members as { classes: [number, number]; parameters: Parameters }[]) : null;
  if (fits === false) throw new Error('internal error: the pairwise vote misses a training example although every member fits its pair');
  return { status, members, fits, time_ms: Math.round(performance.now() - t0) };
}

/** The ensemble file (docs/format.md, "Ensembles"): the member parameters by pair. */
export interface EnsembleJSON {
  ensemble: 'pairwise';
  classes: number;
  members: { classes: [number, number]; parameters: ParamsJSON }[];
}

export function ensembleToJSON(classes: number, members: readonly EnsembleMember[]): EnsembleJSON {
  return { ensemble: 'pairwise', classes, members: members.map((m) => ({ classes: m.classes, parameters: parametersToJSON(m.parameters!) })) };
}

/** True when a parsed JSON value is an ensemble file (has "ensemble"). */
export function isEnsembleValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'ensemble' in value;
}

/**
 * Reads an ensemble file's value against `instance` (whose layers and classes it must
 * match): every pair of classes exactly once, each member's parameters of the member
 * network's shape. InputError naming the JSON path otherwise.
 */
export function parseEnsembleValue(value: unknown, instance: Instance): { network: Network; members: { classes: [number, number]; parameters: Parameters }[] } {
  const network = memberNetwork(instance);
  const v = value as Partial<EnsembleJSON>;
  if (v.ensemble !== 'pairwise') throw new InputError('expected "ensemble": "pairwise"', 'ensemble');
  if (v.classes !== instance.network.classes) throw new InputError(`the ensemble has ${String(v.classes)} classes, the instance ${instance.network.classes}`, 'classes');
  if (!Array.isArray(v.members)) throw new InputError('expected an array of members', 'members');
  const seen = new Set<string>();
  const members = v.members.map((m, i) => {
    const c = (m as { classes?: unknown })?.classes;
    const C = instance.network.classes!;
    if (!Array.isArray(c) || c.length !== 2 || !c.every((k) => Number.isInteger(k) && k >= 0 && k < C) || !(c[0] < c[1])) {
      throw new InputError(`expected two classes a < b below ${C}`, `members[${i}].classes`);
    }
    const key = `${c[0]}-${c[1]}`;
    if (seen.has(key)) throw new InputError(`the pair ${key} appears twice`, `members[${i}].classes`);
    seen.add(key);
    let parameters: Parameters;
    try {
      parameters = parseParametersValue((m as { parameters?: unknown }).parameters, { network, examples: [] });
    } catch (e) {
      throw new InputError(`${(e as Error).message}`, `members[${i}].parameters`);
    }
    return { classes: [c[0], c[1]] as [number, number], parameters };
  });
  const missing = classPairs(instance.network.classes!).filter(([a, b]) => !seen.has(`${a}-${b}`));
  if (missing.length > 0) throw new InputError(`missing the pairs ${missing.map((p) => p.join('-')).join(', ')}`, 'members');
  return { network, members };
}
