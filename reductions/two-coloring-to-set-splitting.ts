/**
 * HYPERGRAPH 2-COLOURING = SET SPLITTING.
 *
 * The two problems are the same question in two vocabularies (vertices/edges/colours
 * versus elements/sets/parts), so the reduction is the identity on the data: vertex i is
 * element s_i, edge E_j is set c_j, colour 0 is S1 and colour 1 is S2. It exists so that
 * a graph or hypergraph with `--colors 2` can be sent through the Set Splitting reductions,
 * e.g. to the 3-node network with a threshold output.
 * (Lovász, "Coverings and colorings of hypergraphs", 1973; Garey & Johnson [SP4].)
 */
import { formatEdge, hypergraphColoring, vertexName, type Coloring, type HypergraphColoring } from './problems/hypergraph-coloring.js';
import { setSplitting, type SetSplitting, type Splitting } from './problems/set-splitting.js';
import { defineReduction, requireSolution, type Explanation } from './reduction.js';

function reduce(g: HypergraphColoring): SetSplitting {
  if (g.colors !== 2) throw new RangeError(`2-colouring -> set-splitting needs exactly 2 colours, got ${g.colors}`);
  const s: SetSplitting = {
    elements: g.vertices,
    sets: g.edges.map((e) => [...e]),
    names: Array.from({ length: g.vertices }, (_, i) => vertexName(i)),
  };
  if (g.name !== undefined) s.name = g.name;
  return s;
}

export const twoColoringToSetSplitting = defineReduction<HypergraphColoring, Coloring, SetSplitting, Splitting>({
  name: 'coloring -> set-splitting',
  source: hypergraphColoring,
  target: setSplitting,
  reduce,

  liftSolution(g, col) {
    requireSolution(hypergraphColoring, g, col, 'coloring -> set-splitting: liftSolution');
    return col.map((c) => (c === 0 ? 1 : 2));
  },

  lowerSolution(g, part) {
    requireSolution(setSplitting, reduce(g), part, 'coloring -> set-splitting: lowerSolution');
    return part.map((p) => p - 1);
  },

  explain(g): Explanation {
    reduce(g);
    return {
      title: 'Hypergraph 2-colouring -> Set Splitting (the same problem)',
      theorem: 'A 2-colouring with no monochromatic edge is a partition that splits every edge (Lovász 1973; Garey & Johnson [SP4]).',
      steps: [
        ...hypergraphColoring.describe(g),
        'Vertex v_i becomes element v_i, each edge becomes a set:',
        ...g.edges.map((e, j) => `  c${j} = ${formatEdge(e)}`),
        'Colour 0 = S1, colour 1 = S2, in both directions.',
      ],
    };
  },

  explainLowering(_g, part) {
    return [
      'Backward map (coloring <- set-splitting): S1 = colour 0, S2 = colour 1.',
      `  ${part.map((p, i) => `${vertexName(i)}: colour ${p - 1}`).join(', ') || '(no vertices)'}`,
    ];
  },
});
