/**
 * SET SPLITTING <=p TRAINING THE 3-NODE NETWORK (threshold output unit).
 *
 * Theorem (Blum & Rivest). Training the network with two hidden threshold units h1, h2 over
 * n inputs and a threshold output unit over (h1, h2) (trainsat's `blum-rivest` preset) is
 * NP-complete.
 *   A. L. Blum and R. L. Rivest, "Training a 3-node neural network is NP-complete",
 *   Advances in Neural Information Processing Systems 1 (NIPS 1988), 494-501, 1989;
 *   journal version Neural Networks 5(1):117-127, 1992.
 *
 * Construction. The points of the AND version (set-splitting-to-blum-rivest-and.ts) get
 * three extra coordinates u, v, w (trainsat inputs x_n, x_(n+1), x_(n+2)), all 0, and six
 * gadget points are added (element coordinates 0):
 *   (u, v, w) = (1,0,1) and (0,1,1) labelled 1;  (1,0,0), (0,1,0), (0,0,1), (1,1,1) labelled 0.
 *
 * Why the gadget: the output unit computes a threshold function f of (h1, h2). Together
 * with the origin (labelled 1), the gadget points cannot be fitted if f is constant,
 * depends on one hidden unit only (then the origin and the gadget would be separable by
 * one hyperplane: from 0 >= t, w_u < t, w_w < t follows w_u + w_w < 2t <= t, yet (1,0,1)
 * needs w_u + w_w >= t), or is an OR of two literals (then the 0-points would be the
 * intersection of two halfspaces; one of them would have to exclude two of the three
 * 1-points 000, 101, 011 while containing the 0-points, and each choice contradicts itself
 * the same way). XOR and XNOR are not threshold functions. So f = l1 AND l2 with l_j = h_j
 * or NOT h_j: the output acts as an AND, and a negated threshold unit still cuts space by
 * a hyperplane.
 *
 * Forward map. For a splitting (S1, S2), with a_i = -1 on the side and n elsewhere:
 *   h1 = [sum a_i x_i + u + v - w >= 0],  h2 = [sum a'_i x_i - u - v + w >= 0],
 *   out = [h1 + h2 >= 2] (AND).
 * On the old points u = v = w = 0, so this is the AND version's map. On the gadget:
 *   (1,0,1): h1 = [0 >= 0] = 1, h2 = [0 >= 0] = 1 -> 1;   (0,1,1): likewise -> 1;
 *   (1,0,0), (0,1,0): h2 = [-1 >= 0] = 0 -> 0;   (0,0,1): h1 = [-1 >= 0] = 0 -> 0;
 *   (1,1,1): h2 = [-1 >= 0] = 0 -> 0.
 *
 * Backward map. As in the AND version: S1 = { s_i : h1(e_i) differs from h1(origin) },
 * S2 = the rest. Since f = l1 AND l2, the literals l1, l2 are both true at the origin and
 * one of them is false at each e_i; "differs from the origin" does not care whether h_j
 * is negated, and the AND version's argument applies to l1, l2 unchanged.
 */
import { expandPreset } from '../src/model/presets.js';
import { Rational } from '../src/model/rational.js';
import { evaluateUnit } from '../src/model/evaluate.js';
import type { Example, Instance, Parameters, ThresholdParams } from '../src/model/types.js';
import { confinementPoints, duplicateNotes, span, readHiddenUnits, sideHyperplane } from './confinement.js';
import { elementName, setSplitting, type SetSplitting, type Splitting } from './problems/set-splitting.js';
import { trainability } from './problems/trainability.js';
import { defineReduction, requireSolution, type Explanation } from './reduction.js';
import {
  BLUM_RIVEST_SOURCE,
  exampleLines,
  inputLine,
  meetLines,
  pointNames,
  sourceSummary,
  switchLines,
  thresholdLine,
} from './set-splitting-to-blum-rivest-and.js';

/** The gadget on the three extra coordinates (u, v, w) and its labels. */
export const GADGET: readonly { uvw: readonly [number, number, number]; y: 0 | 1 }[] = [
  { uvw: [1, 0, 1], y: 1 },
  { uvw: [0, 1, 1], y: 1 },
  { uvw: [1, 0, 0], y: 0 },
  { uvw: [0, 1, 0], y: 0 },
  { uvw: [0, 0, 1], y: 0 },
  { uvw: [1, 1, 1], y: 0 },
];

const GADGET_MEANINGS = [
  'gadget (u,v,w) = 101, labelled 1',
  'gadget (u,v,w) = 011, labelled 1',
  'gadget (u,v,w) = 100, labelled 0',
  'gadget (u,v,w) = 010, labelled 0',
  'gadget (u,v,w) = 001, labelled 0',
  'gadget (u,v,w) = 111, labelled 0',
];

function points(s: SetSplitting): { examples: Example[]; meanings: string[] } {
  const n = s.elements;
  const base = confinementPoints(n, s.sets, pointNames(s), 3);
  const gadget = GADGET.map(({ uvw, y }) => {
    const x = new Array<Rational>(n + 3).fill(Rational.ZERO);
    uvw.forEach((b, k) => (x[n + k] = Rational.of(b)));
    return { x, y: [y] as (0 | 1)[] };
  });
  return { examples: [...base.examples, ...gadget], meanings: [...base.meanings, ...GADGET_MEANINGS] };
}

function reduce(s: SetSplitting): Instance {
  const n = s.elements;
  const m = s.sets.length;
  return {
    name: `${s.name ?? 'set-splitting'}.blum-rivest`,
    description:
      `Blum & Rivest's reduction of set splitting to the 3-node network (threshold output). Source: ${sourceSummary(setSplitting.describe(s))}. ` +
      `Inputs ${n ? `x0..x${n - 1}` : '(none)'} stand for the elements, x${n}..x${n + 2} are the gadget coordinates (u, v, w). ` +
      `examples[0] is the origin (1), ${span('examples', 1, n)} the unit vectors (0), ${span('examples', n + 1, n + m)} the set indicators (1), ` +
      `the last six the gadget that forces the output unit to act as an AND. Trainable iff the sets can be split.`,
    network: expandPreset('blum-rivest', n + 3),
    examples: points(s).examples,
  };
}

/** The output unit's function on the four patterns (h1, h2) = 00, 01, 10, 11. */
function outputTable(t: Instance, params: Parameters): (0 | 1)[] {
  const out = t.network.units.find((u) => u.id === 'out')!;
  return [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map(([a, b]) => evaluateUnit(out, params.out as ThresholdParams, [Rational.of(a), Rational.of(b)]));
}

function lower(s: SetSplitting, params: Parameters): Splitting {
  const t = reduce(s);
  requireSolution(trainability, t, params, 'set-splitting -> blum-rivest: lowerSolution');
  const { switches } = readHiddenUnits(t, params, s.elements, ['h1']);
  return switches[0].map((sw) => (sw ? 1 : 2));
}

export const setSplittingToBlumRivest = defineReduction<SetSplitting, Splitting, Instance, Parameters>({
  name: 'set-splitting -> blum-rivest',
  source: setSplitting,
  target: trainability,
  reduce,
  lowerSolution: lower,

  liftSolution(s, part) {
    requireSolution(setSplitting, s, part, 'set-splitting -> blum-rivest: liftSolution');
    const n = s.elements;
    return {
      h1: sideHyperplane(n, (i) => part[i] === 1, [1, 1, -1]),
      h2: sideHyperplane(n, (i) => part[i] === 2, [-1, -1, 1]),
      out: { weights: [Rational.ONE, Rational.ONE], threshold: Rational.of(2) },
    };
  },

  explain(s): Explanation {
    const n = s.elements;
    const t = reduce(s);
    const { meanings } = points(s);
    return {
      title: 'Set Splitting -> 3-node network with a threshold output (Blum & Rivest)',
      theorem: `Training the 3-node network (two hidden threshold units, a threshold output unit) is NP-complete (${BLUM_RIVEST_SOURCE}).`,
      steps: [
        ...setSplitting.describe(s),
        `${inputLine(n, (i) => elementName(s, i))} Three more inputs u = x${n}, v = x${n + 1}, w = x${n + 2} carry the gadget. ` +
          'Network blum-rivest: h1, h2 = threshold units over all inputs, out = threshold unit over (h1, h2).',
        `Points (${t.examples.length} examples; the space separates element coordinates from u v w):`,
        ...exampleLines(t, meanings, n),
        'The gadget: with the origin labelled 1, the points 101, 011 (labelled 1) and 100, 010, 001, 111 (labelled 0) cannot be fitted ' +
          'when the output unit ignores a hidden unit or acts as an OR of two (possibly negated) hidden units; XOR is not a threshold function. ' +
          'So the output acts as l1 AND l2 with l_j = h_j or NOT h_j, and we are back to two halfspaces confining the positive points.',
        'YES -> YES: h1 = [sum a_i x_i + u + v - w >= 0] with a_i = -1 on S1 and n elsewhere, h2 = [sum a\'_i x_i - u - v + w >= 0] with a\'_i = -1 on S2, out = [h1 + h2 >= 2].',
        'NO -> NO: from any fitting weights put s_i in S1 when h1(e_i) differs from h1(origin), else in S2, exactly as for the AND output.',
        ...duplicateNotes(s.sets, (j) => `c${j}`),
      ],
      exampleMeanings: meanings,
      inputNames: [...Array.from({ length: n }, (_, i) => elementName(s, i)), 'u', 'v', 'w'],
    };
  },

  explainLowering(s, params) {
    const t = reduce(s);
    const part = lower(s, params);
    const table = outputTable(t, params);
    const ones = [0, 1, 2, 3].filter((p) => table[p] === 1);
    const lit = (id: string, b: number) => (b === 1 ? id : `NOT ${id}`);
    const acts =
      ones.length === 1
        ? `out acts as ${lit('h1', ones[0] >> 1)} AND ${lit('h2', ones[0] & 1)}`
        : 'out is not an AND of literals (impossible for fitting weights; see the gadget argument)';
    return [
      'Backward map (set-splitting <- blum-rivest): s_i goes to S1 iff h1(e_i) differs from h1(origin).',
      thresholdLine('h1', params.h1),
      thresholdLine('h2', params.h2),
      `${thresholdLine('out', params.out, ['h1', 'h2'])}: on (h1,h2) = 00, 01, 10, 11 it gives ${table.join(', ')}; ${acts}`,
      ...switchLines(t, params, s.elements, ['h1', 'h2'], (i) => elementName(s, i), (sw) => (sw[0] ? 'S1' : 'S2')),
      ...meetLines(s, part),
    ];
  },
});
