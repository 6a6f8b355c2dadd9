/**
 * SET SPLITTING <=p TRAINING THE 3-NODE NETWORK WITH AN AND OUTPUT
 * ("2-linear confinement of positive Boolean examples").
 *
 * Theorem (Blum & Rivest). Given points of {0,1}^n labelled 1 or 0, it is NP-complete to
 * decide whether there are two halfspaces whose intersection contains every 1-point and
 * no 0-point, i.e. whether the network h1, h2 = threshold units over x, out = h1 AND h2
 * (trainsat's `blum-rivest-and` preset) fits the examples.
 *   A. L. Blum and R. L. Rivest, "Training a 3-node neural network is NP-complete",
 *   Advances in Neural Information Processing Systems 1 (NIPS 1988), 494-501, 1989;
 *   journal version Neural Networks 5(1):117-127, 1992.
 *
 * Construction. For elements s_0..s_(n-1) and sets c_0..c_(m-1): one input per element;
 * the origin labelled 1, each unit vector e_i labelled 0, each set's indicator labelled 1
 * (see confinement.ts, which also handles the empty set).
 *
 * Forward map (a splitting gives weights). For a splitting (S1, S2) take
 *   h1 = [sum_i a_i x_i >= 0] with a_i = -1 for s_i in S1 and a_i = n otherwise,
 *   h2 likewise for S2.
 * Both are on at the origin (0 >= 0). At e_i exactly the unit of s_i's side is off (-1 < 0),
 * so the AND is 0. A set c meets both sides, so for each side it holds an element outside
 * it, whose weight n outweighs the at most |c| - 1 <= n - 1 weights -1: the sum is >= 1,
 * both units are on, the AND is 1.
 *
 * Backward map (any fitting weights give a splitting).
 *   S1 = { s_i : h1(e_i) differs from h1(origin) },  S2 = the rest.
 * Both units are on at the origin (its label is 1). An element not in S1 has h1(e_i) = 1,
 * so h2(e_i) = 0 (the AND is 0 there). If a set c lay inside one side, the unit h = [w.x >= t]
 * of that side would be on at the origin (t <= 0) and off at every e_i of c (w_i < t); then
 * sum_{i in c} w_i < |c| t <= t, so h is off at c's indicator, which is labelled 1. Hence
 * every set meets both sides. This uses only that the units are threshold units and the
 * labels are met, so it works for any parameters a solver finds.
 *
 * Edge cases: a singleton set {s_i} has indicator e_i, which then carries both labels (no
 * fit, and a singleton cannot be split); an empty set becomes the origin labelled 0 (no fit,
 * and an empty set cannot be split); a duplicated set duplicates a point with its label.
 */
import { expandPreset } from '../src/model/presets.js';
import type { Instance, Parameters, ThresholdParams } from '../src/model/types.js';
import { bits, confinementPoints, span, duplicateNotes, readHiddenUnits, sideHyperplane, type PointNames } from './confinement.js';
import { elementName, formatSet, setSplitting, type SetSplitting, type Splitting } from './problems/set-splitting.js';
import { formatThreshold, trainability } from './problems/trainability.js';
import { defineReduction, requireSolution, type Explanation } from './reduction.js';

export const BLUM_RIVEST_SOURCE =
  'A. L. Blum and R. L. Rivest, "Training a 3-node neural network is NP-complete", NIPS 1 (1988), 494-501; Neural Networks 5(1):117-127, 1992';

export function pointNames(s: SetSplitting): PointNames {
  return { element: (i) => elementName(s, i), set: (j) => `c${j}`, members: (j) => formatSet(s, s.sets[j]) };
}

/** A short description of a source for the `description` field of generated instances. */
export function sourceSummary(lines: string[], max = 600): string {
  const s = lines.map((l) => l.trim()).join('; ');
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** The example listing of an explanation: `examples[3]: x = 0010 -> 0   meaning`. */
export function exampleLines(inst: Instance, meanings: readonly string[], n: number): string[] {
  return inst.examples.map((ex, k) => `  examples[${k}]: x = ${bits(ex.x, n)} -> ${ex.y[0]}   ${meanings[k]}`);
}

/** The common "backward map" explanation: which unit switches at each e_i. */
export function switchLines(
  inst: Instance,
  params: Parameters,
  n: number,
  unitIds: readonly string[],
  element: (i: number) => string,
  sideOf: (switches: boolean[]) => string,
): string[] {
  const r = readHiddenUnits(inst, params, n, unitIds);
  const lines = [`  at the origin: ${unitIds.map((id, u) => `${id} = ${r.atOrigin[u]}`).join(', ')}`];
  for (let i = 0; i < n; i++) {
    const sw = unitIds.map((_, u) => r.switches[u][i]);
    const vals = unitIds.map((id, u) => `${id} = ${r.atE[u][i]}`).join(', ');
    const which = unitIds.filter((_, u) => sw[u]);
    lines.push(`  e_${i} (${element(i)}): ${vals}; ${which.length ? `differs from the origin in ${which.join(', ')}` : 'no unit differs from the origin'} -> ${sideOf(sw)}`);
  }
  return lines;
}

export function thresholdLine(id: string, p: Parameters[string], names?: readonly string[]): string {
  const t = p as ThresholdParams;
  return `  ${id} = ${formatThreshold(t.weights.map(String), t.threshold.toString(), names)}`;
}

/** "One input per element: x0 = s0, x1 = s1." */
export function inputLine(n: number, element: (i: number) => string, noun = 'element'): string {
  if (n === 0) return `No ${noun}s, so the network has no inputs.`;
  const shown = Array.from({ length: Math.min(n, 16) }, (_, i) => `x${i} = ${element(i)}`).join(', ');
  return `One input per ${noun}: ${shown}${n > 16 ? ', ...' : ''}.`;
}

/** The forward map on instances. */
function reduce(s: SetSplitting): Instance {
  const n = s.elements;
  const { examples } = confinementPoints(n, s.sets, pointNames(s));
  return {
    name: `${s.name ?? 'set-splitting'}.blum-rivest-and`,
    description:
      `Blum & Rivest's reduction of set splitting to the 3-node network with an AND output. Source: ${sourceSummary(setSplitting.describe(s))}. ` +
      `examples[0] is the origin (1), ${span('examples', 1, n)} the unit vectors e_i (0), then one indicator vector per set (1). ` +
      'Trainable iff the sets can be split.',
    network: expandPreset('blum-rivest-and', n),
    examples,
  };
}

/** The backward map: s_i in S1 iff h1(e_i) differs from h1(origin). */
function lower(s: SetSplitting, params: Parameters): Splitting {
  const t = reduce(s);
  requireSolution(trainability, t, params, 'set-splitting -> blum-rivest-and: lowerSolution');
  const { switches } = readHiddenUnits(t, params, s.elements, ['h1']);
  return switches[0].map((sw) => (sw ? 1 : 2));
}

export const setSplittingToBlumRivestAnd = defineReduction<SetSplitting, Splitting, Instance, Parameters>({
  name: 'set-splitting -> blum-rivest-and',
  source: setSplitting,
  target: trainability,
  reduce,
  lowerSolution: lower,

  liftSolution(s, part) {
    requireSolution(setSplitting, s, part, 'set-splitting -> blum-rivest-and: liftSolution');
    const n = s.elements;
    return {
      h1: sideHyperplane(n, (i) => part[i] === 1),
      h2: sideHyperplane(n, (i) => part[i] === 2),
    };
  },

  explain(s): Explanation {
    const n = s.elements;
    const t = reduce(s);
    const { meanings } = confinementPoints(n, s.sets, pointNames(s));
    return {
      title: 'Set Splitting -> 3-node network with an AND output (Blum & Rivest)',
      theorem:
        'Deciding whether two halfspaces can contain every positive point and exclude every negative point of {0,1}^n ' +
        `("2-linear confinement") is NP-complete, by this reduction from Set Splitting (${BLUM_RIVEST_SOURCE}).`,
      steps: [
        ...setSplitting.describe(s),
        `${inputLine(n, (i) => elementName(s, i))} Network blum-rivest-and: h1, h2 = threshold units over all inputs, out = h1 AND h2.`,
        `Points (${t.examples.length} examples):`,
        ...exampleLines(t, meanings, n),
        'YES -> YES: for a splitting (S1, S2), h1 = [sum a_i x_i >= 0] with a_i = -1 on S1 and n elsewhere, h2 likewise for S2. ' +
          "Each e_i switches off the unit of its element's side; a set meets both sides, so for each unit it holds an element of weight n, " +
          'which outweighs the at most n-1 weights -1: both units are on at every set point.',
        'NO -> NO: from any fitting weights put s_i in S1 when h1(e_i) differs from h1(origin), else in S2 (then h2 is off at e_i). ' +
          "A unit [w.x >= t] that is on at the origin (t <= 0) and off at every e_i of a set c (w_i < t) is off at c's indicator " +
          '(a sum of |c| weights, each < t <= 0, is < t), which is labelled 1; so no set lies inside one side.',
        ...duplicateNotes(s.sets, (j) => `c${j}`),
      ],
      exampleMeanings: meanings,
      inputNames: Array.from({ length: n }, (_, i) => elementName(s, i)),
    };
  },

  explainLowering(s, params) {
    const t = reduce(s);
    const part = lower(s, params);
    return [
      'Backward map (set-splitting <- blum-rivest-and): s_i goes to S1 iff h1(e_i) differs from h1(origin).',
      thresholdLine('h1', params.h1),
      thresholdLine('h2', params.h2),
      ...switchLines(t, params, s.elements, ['h1', 'h2'], (i) => elementName(s, i), (sw) => (sw[0] ? 'S1' : 'S2')),
      ...meetLines(s, part),
    ];
  },
});

/** `c0 = {s0, s1}: meets S1 and S2` for every set. */
export function meetLines(s: SetSplitting, part: Splitting): string[] {
  return s.sets.map((c, j) => {
    const met = ([1, 2] as const).filter((k) => c.some((i) => part[i] === k)).map((k) => `S${k}`);
    return `  c${j} = ${formatSet(s, c)}: meets ${met.length ? met.join(' and ') : 'neither part'}${met.length === 2 ? '' : ' (NOT split)'}`;
  });
}
