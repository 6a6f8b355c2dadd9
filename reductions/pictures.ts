/**
 * The pictures of a reduction run, built from trainsat data with the drawings of
 * src/draw/ (pure functions, no Node API, usable in a browser):
 *
 *  - `networkFigure`: the reduced instance's examples with the hidden units' hyperplanes,
 *    on the cube when there are at most three inputs, else in the margin projection;
 *  - `setSplittingFigure`, `coloringFigure`, `cnfFigure`: the source problem, coloured by
 *    the solution found through the reduction;
 *  - `coreOfConfinement`: which source items a core of examples stands for.
 *
 * The core mapping follows the point order of Blum & Rivest's construction
 * (confinement.ts): examples[0] is the origin, examples[1..n] the unit vectors e_i of the
 * n elements (or vertices), then one indicator per set (or edge), then (threshold output
 * only) the six gadget points. A core example e_i names element i, a core indicator names
 * its set; 3SAT goes through NAE-SAT -> Set Splitting, whose first numVars + 1 sets are the
 * variable sets {p, ¬p} and whose later sets are the clauses in order.
 */
import { drawClauses, drawCube, drawGraph, drawMargins, drawSetSystem, type DrawPlane, type DrawPoint } from '../src/draw/index.js';
import { evaluateUnit } from '../src/model/evaluate.js';
import { Rational } from '../src/model/rational.js';
import type { Instance, Parameters, ThresholdParams } from '../src/model/types.js';
import type { Coloring, HypergraphColoring } from './problems/hypergraph-coloring.js';
import { vertexName } from './problems/hypergraph-coloring.js';
import type { Assignment, Cnf } from './problems/sat.js';
import { elementName, type SetSplitting, type Splitting } from './problems/set-splitting.js';

export interface Figure {
  /** The inline SVG. */
  svg: string;
  /** One or two sentences saying what the picture shows. */
  caption: string;
}

/** The hidden units: threshold units that read network inputs only, as hyperplanes over all inputs. */
export function hiddenPlanes(inst: Instance, params: Parameters): DrawPlane[] {
  const n = inst.network.inputs;
  return inst.network.units
    .filter((u) => u.kind === 'threshold' && u.inputs.every((s) => /^x\d+$/.test(s)) && params[u.id] !== undefined)
    .map((u) => {
      const p = params[u.id] as ThresholdParams;
      const w = new Array<number>(n).fill(0);
      u.inputs.forEach((s, j) => (w[Number(s.slice(1))] += p.weights[j].toNumber()));
      return { unit: u.id, w, t: p.threshold.toNumber() };
    });
}

/** The examples as drawing points (single-output instances; the label is y[0]). */
export function drawPoints(inst: Instance, coreExamples: readonly number[] = [], meanings?: readonly string[]): DrawPoint[] {
  const core = new Set(coreExamples);
  return inst.examples.map((ex, k) => ({
    x: ex.x.map((v) => v.toNumber()),
    label: (ex.y[0] ?? 0) as 0 | 1,
    core: core.has(k),
    name: `examples[${k}]${meanings?.[k] ? `: ${meanings[k].split(':')[0]}` : ''}`,
  }));
}

/** The output unit's values on (h1, h2) = 00, 01, 10, 11, when it reads exactly these two units. */
function outputTable(inst: Instance, params: Parameters, planes: readonly DrawPlane[]): (0 | 1)[] | undefined {
  if (planes.length !== 2 || inst.network.outputs.length !== 1) return undefined;
  const out = inst.network.units.find((u) => u.id === inst.network.outputs[0]);
  if (!out || out.inputs.length !== 2 || !out.inputs.every((s) => s === planes[0].unit || s === planes[1].unit)) return undefined;
  return [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ].map(([a, b]) => evaluateUnit(out, params[out.id] as ThresholdParams | undefined, out.inputs.map((s) => Rational.of(s === planes[0].unit ? a : b))));
}

/**
 * The reduced instance drawn: with at most three inputs the cube (hyperplanes when
 * parameters are given), with more inputs the margin projection (which needs parameters:
 * null without them). Core examples get a red ring.
 */
export function networkFigure(inst: Instance, params?: Parameters, coreExamples?: readonly number[], meanings?: readonly string[]): Figure | null {
  const n = inst.network.inputs;
  if (inst.network.outputs.length !== 1 || inst.examples.length === 0 || n === 0) return null;
  const points = drawPoints(inst, coreExamples, meanings);
  const planes = params ? hiddenPlanes(inst, params) : [];
  const coreNote = coreExamples?.length ? ' Red rings mark the core: the examples that cannot be fitted together.' : '';
  if (n <= 3) {
    const shape = n === 1 ? 'segment [0, 1]' : n === 2 ? 'unit square' : 'unit cube (in an oblique projection)';
    return {
      svg: drawCube({ points, planes, axisNames: Array.from({ length: n }, (_, i) => `x${i}`) }),
      caption:
        `The ${inst.examples.length} examples at the corners of the ${shape}, coloured by label` +
        (planes.length ? `, and each hidden unit's hyperplane w.x = t from the weights found (the arrow points to the side where the unit is on).` : '.') +
        coreNote,
    };
  }
  if (planes.length === 0) return null;
  return {
    svg: drawMargins({ points, planes, outputTable: params ? outputTable(inst, params, planes) : undefined }),
    caption:
      (planes.length === 2
        ? `The ${n} inputs do not fit in a picture, so each example is placed by the two hidden units' margins w1.x - t1 (across) and w2.x - t2 (up): the units' hyperplanes are the two axes, and a point lies right of (above) an axis exactly when that unit is on there.`
        : `The ${n} inputs do not fit in a picture, so each hidden unit gets a strip in which every example is placed by that unit's margin w.x - t: the unit's hyperplane is the vertical line, and a point lies right of it exactly when the unit is on there.`) +
      coreNote,
  };
}

/** Which elements and sets a core of examples names, for n elements and m sets (see the module comment). */
export function coreOfConfinement(coreExamples: readonly number[], n: number, m: number): { elements: number[]; sets: number[] } {
  const elements: number[] = [];
  const sets: number[] = [];
  for (const k of coreExamples) {
    if (k >= 1 && k <= n) elements.push(k - 1);
    else if (k > n && k <= n + m) sets.push(k - n - 1);
  }
  return { elements, sets };
}

/** A splitting as classes 0 (S1) and 1 (S2). */
function splitClasses(part: Splitting): number[] {
  return part.map((p) => p - 1);
}

export function setSplittingFigure(s: SetSplitting, part?: Splitting, coreExamples?: readonly number[]): Figure | null {
  const core = coreExamples ? coreOfConfinement(coreExamples, s.elements, s.sets.length) : undefined;
  const svg = drawSetSystem({
    elements: Array.from({ length: s.elements }, (_, i) => elementName(s, i)),
    sets: s.sets.map((members, j) => ({ name: `c${j}`, members })),
    classOf: part ? splitClasses(part) : undefined,
    classNames: ['S1', 'S2'],
    coreSets: core?.sets,
    coreElements: core?.elements,
  });
  if (svg === null) return null;
  return {
    svg,
    caption:
      'The elements (top) and the sets (bottom), each set joined to its members.' +
      (part ? ' Elements are filled by the side of the splitting found; under each set, the sides it meets (a split set meets both).' : '') +
      (core?.sets.length ? ' Red: the sets and elements of the core, which cannot be split even on their own.' : ''),
  };
}

export function coloringFigure(g: HypergraphColoring, col?: Coloring, coreExamples?: readonly number[]): Figure | null {
  const core = coreExamples ? coreOfConfinement(coreExamples, g.vertices, g.edges.length) : undefined;
  const colorNames = Array.from({ length: g.colors }, (_, c) => `colour ${c}`);
  const isGraph = g.edges.every((e) => new Set(e).size === 2);
  const names = Array.from({ length: g.vertices }, (_, v) => vertexName(v));
  const svg = isGraph
    ? drawGraph({
        vertices: names,
        edges: g.edges.map((e, j) => {
          const [a, b] = [...new Set(e)];
          return { name: `E${j}`, ends: [a, b] as const };
        }),
        colorOf: col,
        colorNames,
        coreEdges: core?.sets,
        coreVertices: core?.elements,
      })
    : drawSetSystem({ elements: names, sets: g.edges.map((members, j) => ({ name: `E${j}`, members })), classOf: col, classNames: colorNames, coreSets: core?.sets, coreElements: core?.elements });
  if (svg === null) return null;
  return {
    svg,
    caption:
      (isGraph ? 'The graph.' : 'The vertices (top) and the hyperedges (bottom).') +
      (col ? ` Vertices are filled with the colour found (colours 0..${g.colors - 1}, as in the solution line).` : '') +
      (core?.sets.length ? ` Red dashed: the ${isGraph ? 'edges' : 'hyperedges'} of the core, which already have no proper ${g.colors}-colouring on their own.` : ''),
  };
}

/** 3SAT source: the clauses, with the assignment found; core clauses from the Set Splitting stage's core sets. */
export function cnfFigure(f: Cnf, assignment?: Assignment, coreExamples?: readonly number[]): Figure | null {
  let coreClauses: number[] | undefined;
  if (coreExamples) {
    const vars = f.numVars + 1;
    const core = coreOfConfinement(coreExamples, 2 * vars, vars + f.clauses.length);
    coreClauses = core.sets.filter((j) => j >= vars).map((j) => j - vars);
  }
  const svg = drawClauses({ numVars: f.numVars, clauses: f.clauses, assignment: assignment?.slice(0, f.numVars), coreClauses });
  if (svg === null) return null;
  return {
    svg,
    caption:
      'The clauses, one row each.' +
      (assignment ? ' Green: literals true under the satisfying assignment found through the reduction (every clause has one).' : '') +
      (coreClauses?.length ? ' Red: the clauses whose sets are in the core, an unsatisfiable part of the formula (with the variable sets of the core).' : ''),
  };
}
