/**
 * HYPERGRAPH k-COLOURING <=p TRAINING k HIDDEN THRESHOLD UNITS WITH AN AND OUTPUT
 * ("k-linear confinement").
 *
 * This is the natural generalisation of Blum & Rivest's set-splitting reduction
 * (set-splitting-to-blum-rivest-and.ts), which is the case k = 2 (hypergraph 2-colouring is
 * set splitting). With 2-vertex edges the source is graph k-colouring, NP-complete for
 * every k >= 3 (Karp 1972; Garey & Johnson [GT4]), so training k threshold units whose
 * outputs are AND-ed is NP-hard for every fixed k >= 2. Blum & Rivest discuss extensions
 * of their result to networks with more hidden units ("Training a 3-node neural network is
 * NP-complete", NIPS 1 (1988); Neural Networks 5(1):117-127, 1992); the construction
 * here is the set-splitting one with k hyperplanes.
 *
 * Construction. One input per vertex; the origin labelled 1, each unit vector e_i labelled
 * 0, each edge's indicator vector labelled 1 (an empty edge: the origin labelled 0).
 * Network: threshold units h1..hk over all inputs, out = AND(h1, ..., hk).
 *
 * Forward map. For a proper colouring with colours 0..k-1:
 *   h(c+1) = [sum_i a_i x_i >= 0] with a_i = -1 on the vertices of colour c and n elsewhere.
 * Origin: all on. e_i: the unit of i's colour is off. An edge is not monochromatic, so for
 * each colour c it holds a vertex of another colour, whose weight n beats at most
 * |e| - 1 <= n - 1 weights -1: all units on.
 *
 * Backward map. The colour of vertex i is the first c with h(c+1)(e_i) different from
 * h(c+1)(origin) (for k = 2 this is Blum & Rivest's "S1 = elements where h1 switches").
 * All units are on at the origin and some unit is off at each e_i, so every vertex gets
 * a colour. If an edge were monochromatic in colour l, h_l would be on at the origin and off
 * at each of the edge's unit vectors, hence off at its indicator (a sum of |e| weights,
 * each below t <= 0, is below t), which is labelled 1.
 */
import type { Instance, Network, Parameters, Unit } from '../src/model/types.js';
import { confinementPoints, duplicateNotes, span, readHiddenUnits, sideHyperplane, type PointNames } from './confinement.js';
import { formatEdge, hypergraphColoring, isProperlyColored, vertexName, type Coloring, type HypergraphColoring } from './problems/hypergraph-coloring.js';
import { trainability } from './problems/trainability.js';
import { defineReduction, requireSolution, type Explanation } from './reduction.js';
import { exampleLines, inputLine, sourceSummary, switchLines, thresholdLine } from './set-splitting-to-blum-rivest-and.js';

export function hiddenIds(k: number): string[] {
  return Array.from({ length: k }, (_, l) => `h${l + 1}`);
}

/** k threshold units over all n inputs and their AND; for k = 2 exactly the blum-rivest-and preset. */
export function andNetwork(n: number, k: number): Network {
  const xs = Array.from({ length: n }, (_, i) => `x${i}`);
  const units: Unit[] = hiddenIds(k).map((id) => ({ id, kind: 'threshold', inputs: [...xs] }));
  units.push({ id: 'out', kind: 'and', inputs: hiddenIds(k) });
  return { inputs: n, units, outputs: ['out'] };
}

function names(g: HypergraphColoring): PointNames {
  return { kind: 'vertex', element: vertexName, set: (j) => `E${j}`, members: (j) => formatEdge(g.edges[j]) };
}

function checkColors(g: HypergraphColoring): void {
  if (!Number.isInteger(g.colors) || g.colors < 1) throw new RangeError(`coloring -> and-network: need k >= 1 colours, got ${g.colors}`);
}

function reduce(g: HypergraphColoring): Instance {
  checkColors(g);
  const n = g.vertices;
  const k = g.colors;
  return {
    name: `${g.name ?? 'hypergraph'}.${k}-colouring.and-network`,
    description:
      `Hypergraph ${k}-colouring reduced to ${k} threshold units with an AND output (Blum & Rivest's construction with ${k} hyperplanes). ` +
      `Source: ${sourceSummary(hypergraphColoring.describe(g))}. examples[0] is the origin (1), ${span('examples', 1, n)} the unit vectors (0), ` +
      `then one indicator vector per edge (1). Trainable iff the hypergraph has a proper ${k}-colouring.`,
    network: andNetwork(n, k),
    examples: confinementPoints(n, g.edges, names(g)).examples,
  };
}

function lower(g: HypergraphColoring, params: Parameters): Coloring {
  const t = reduce(g);
  requireSolution(trainability, t, params, 'coloring -> and-network: lowerSolution');
  const { switches } = readHiddenUnits(t, params, g.vertices, hiddenIds(g.colors));
  return Array.from({ length: g.vertices }, (_, i) => {
    const l = switches.findIndex((row) => row[i]);
    if (l < 0) throw new Error(`internal error: no hidden unit switches at e_${i} although the parameters fit`);
    return l;
  });
}

export const coloringToAndNetwork = defineReduction<HypergraphColoring, Coloring, Instance, Parameters>({
  name: 'coloring -> and-network',
  source: hypergraphColoring,
  target: trainability,
  reduce,
  lowerSolution: lower,

  liftSolution(g, col) {
    requireSolution(hypergraphColoring, g, col, 'coloring -> and-network: liftSolution');
    const p: Parameters = {};
    hiddenIds(g.colors).forEach((id, l) => (p[id] = sideHyperplane(g.vertices, (i) => col[i] === l)));
    return p;
  },

  explain(g): Explanation {
    checkColors(g);
    const n = g.vertices;
    const k = g.colors;
    const t = reduce(g);
    const { meanings } = confinementPoints(n, g.edges, names(g));
    const ids = hiddenIds(k);
    return {
      title: `Hypergraph ${k}-colouring -> ${k} threshold units with an AND output`,
      theorem:
        `Blum & Rivest's set-splitting construction with ${k} hyperplanes: the hypergraph has a proper ${k}-colouring iff the points can be confined by ${k} halfspaces. ` +
        'k = 2 is set splitting (Lovász 1973; Garey & Johnson [SP4]); with 2-vertex edges and k >= 3 it is graph k-colourability (Karp 1972; Garey & Johnson [GT4]).',
      steps: [
        ...hypergraphColoring.describe(g),
        `${inputLine(n, vertexName, 'vertex')} Network: ${ids.join(', ')} = threshold units over all inputs, out = AND(${ids.join(', ')}).`,
        `Points (${t.examples.length} examples):`,
        ...exampleLines(t, meanings, n),
        `YES -> YES: for a proper colouring with colours 0..${k - 1}, unit h(c+1) = [sum a_i x_i >= 0] with a_i = -1 on the vertices of colour c and n elsewhere.`,
        'NO -> NO: from any fitting weights give vertex i the first colour c whose unit h(c+1) differs at e_i from the origin; a monochromatic edge would switch that unit off at its indicator, which is labelled 1.',
        ...duplicateNotes(g.edges, (j) => `E${j}`),
      ],
      exampleMeanings: meanings,
      inputNames: Array.from({ length: n }, (_, i) => vertexName(i)),
    };
  },

  explainLowering(g, params) {
    const t = reduce(g);
    const col = lower(g, params);
    const ids = hiddenIds(g.colors);
    return [
      `Backward map (coloring <- and-network): vertex i gets the first colour l whose unit h(l+1) differs at e_i from the origin.`,
      ...ids.map((id) => thresholdLine(id, params[id])),
      ...switchLines(t, params, g.vertices, ids, vertexName, (sw) => `colour ${sw.indexOf(true)}`),
      ...g.edges.map((e, j) => `  E${j} = ${formatEdge(e)}: ${isProperlyColored(e, col) ? `colours {${[...new Set(e.map((v) => col[v]))].sort().join(', ')}}, not monochromatic` : 'MONOCHROMATIC'}`),
    ];
  },
});
