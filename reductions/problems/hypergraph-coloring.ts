/**
 * HYPERGRAPH k-COLOURING.
 *
 * Instance: vertices v0..v(n-1), hyperedges (sets of vertices), a number of colours k.
 * Question: is there a colouring of the vertices with k colours under which no hyperedge
 * is monochromatic (every edge holds two vertices of different colours)?
 *
 * With k = 2 this is SET SPLITTING (Lovász 1973; Garey & Johnson [SP4]); with 2-vertex
 * edges it is GRAPH k-COLOURABILITY (Karp 1972 for k >= 3; Garey & Johnson [GT4]).
 * An empty edge or a one-vertex edge (a loop) can never hold two colours, so it makes
 * the instance a NO instance.
 *
 * Input formats:
 *  - DIMACS graph (the colouring-benchmark format): comment lines `c ...`, one header
 *    `p edge N M` (or `p col N M`), then M lines `e u v` with 1-based vertices;
 *  - hypergraph JSON: `{"vertices": n, "edges": [[0, 1, 2], ...]}` with 0-based vertices.
 * Errors are InputErrors naming `file:line` or the JSON path.
 */
import { InputError } from '../../src/model/errors.js';
import { describeValue, integerOrSelf, parseJsonText, throwIssues, withSource, type Issue } from '../../src/model/json-input.js';
import { allTuples, type Problem } from '../reduction.js';
import { MAX_ELEMENTS, distinct } from './set-splitting.js';

export interface Hypergraph {
  vertices: number;
  /** Hyperedges as lists of 0-based vertex indices (order and repetition irrelevant). */
  edges: number[][];
  name?: string;
}

export interface HypergraphColoring extends Hypergraph {
  /** Number of colours k >= 1. */
  colors: number;
}

/** `coloring[v]` in 0..k-1 is the colour of vertex v. */
export type Coloring = number[];

export function vertexName(v: number): string {
  return `v${v}`;
}

export function formatEdge(edge: readonly number[]): string {
  return `{${distinct(edge).map(vertexName).join(', ')}}`;
}

/** True iff the edge holds two vertices of different colours. */
export function isProperlyColored(edge: readonly number[], coloring: Coloring): boolean {
  return edge.some((v) => coloring[v] !== coloring[edge[0]]);
}

export const hypergraphColoring: Problem<HypergraphColoring, Coloring> = {
  name: 'coloring',
  check(g, col) {
    if (!Array.isArray(col) || col.length !== g.vertices) return false;
    if (!col.every((c) => Number.isInteger(c) && c >= 0 && c < g.colors)) return false;
    return g.edges.every((e) => isProperlyColored(e, col));
  },
  describe(g) {
    return [
      `hypergraph${g.name ? ` "${g.name}"` : ''}: ${g.vertices} vertices, ${g.edges.length} edge${g.edges.length === 1 ? '' : 's'}, ${g.colors} colour${g.colors === 1 ? '' : 's'}`,
      ...g.edges.map((e, j) => `  E${j} = ${formatEdge(e)}`),
    ];
  },
  describeSolution(g, col) {
    const classes = Array.from({ length: g.colors }, (_, c) => `colour ${c}: {${col.flatMap((x, v) => (x === c ? [vertexName(v)] : [])).join(', ')}}`);
    return classes.join('; ');
  },
  candidates: (g) => allTuples(g.vertices, Array.from({ length: g.colors }, (_, c) => c)),
};

// ---------------------------------------------------------------------------------------
// reading

/** Parses a DIMACS graph (`p edge N M`, `e u v` lines, 1-based vertices). */
export function parseDimacsGraph(text: string, source = '<input>'): Hypergraph {
  const lines = text.split('\n');
  let header: { n: number; m: number; line: number } | null = null;
  const edges: number[][] = [];
  const fail = (line: number, msg: string): never => {
    throw new InputError(msg, `${source}:${line}`);
  };
  for (let k = 0; k < lines.length; k++) {
    const lineNo = k + 1;
    const t = lines[k].trim();
    if (t === '' || t.startsWith('c')) continue;
    const f = t.split(/\s+/);
    if (f[0] === 'p') {
      if (header) fail(lineNo, `duplicate 'p' header (the first one is on line ${header.line})`);
      if (f.length !== 4 || (f[1] !== 'edge' && f[1] !== 'col') || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3])) {
        fail(lineNo, `malformed header: expected 'p edge <vertices> <edges>', got '${t.slice(0, 60)}'`);
      }
      const n = Number(f[2]);
      if (n > MAX_ELEMENTS) fail(lineNo, `at most ${MAX_ELEMENTS} vertices are supported, got ${f[2]}`);
      header = { n, m: Number(f[3]), line: lineNo };
      continue;
    }
    if (f[0] === 'e') {
      if (!header) fail(lineNo, `edge before the 'p edge' header`);
      const h = header!;
      if (f.length !== 3) fail(lineNo, `expected 'e <u> <v>' (two 1-based vertices), got '${t.slice(0, 60)}'`);
      const ends = f.slice(1).map((s) => {
        if (!/^\d+$/.test(s)) fail(lineNo, `'${s.slice(0, 40)}' is not a vertex number`);
        const v = Number(s);
        if (v < 1 || v > h.n) fail(lineNo, `vertex ${s} is out of range (vertices are 1..${h.n}; DIMACS graphs are 1-based)`);
        return v - 1;
      });
      edges.push(ends);
      continue;
    }
    fail(lineNo, `unexpected '${f[0].slice(0, 40)}' (expected 'c' comment, 'p edge' header or 'e u v' edge line)`);
  }
  if (!header) fail(lines.length, `missing 'p edge <vertices> <edges>' header`);
  const h = header!;
  if (edges.length !== h.m) fail(h.line, `header declares ${h.m} edges, but the file has ${edges.length}`);
  return { vertices: h.n, edges };
}

/** Parses hypergraph JSON `{"vertices": n, "edges": [[...], ...]}` (0-based). */
export function parseHypergraphJson(text: string, source = '<input>'): Hypergraph {
  const value = parseJsonText(text, source);
  return withSource(source, () => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError('expected an object {"vertices": n, "edges": [[...], ...]}', '(root)');
    }
    const o = value as Record<string, unknown>;
    const issues: Issue[] = [];
    for (const k of Object.keys(o)) {
      if (!['vertices', 'edges', 'name', 'description'].includes(k)) issues.push({ path: [k], message: 'unknown key (expected "vertices", "edges", "name", "description")' });
    }
    const n = integerOrSelf(o.vertices);
    const nOk = typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_ELEMENTS;
    if (!nOk) issues.push({ path: ['vertices'], message: `expected an integer from 0 to ${MAX_ELEMENTS}, got ${describeValue(n)}` });
    const edges: number[][] = [];
    if (!Array.isArray(o.edges)) issues.push({ path: ['edges'], message: 'expected a list of edges, each a list of 0-based vertex indices' });
    else
      o.edges.forEach((e: unknown, j: number) => {
        if (!Array.isArray(e)) {
          issues.push({ path: ['edges', j], message: `expected a list of vertex indices, got ${JSON.stringify(e)}` });
          return;
        }
        const edge: number[] = [];
        e.forEach((raw: unknown, k: number) => {
          const v = integerOrSelf(raw);
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) issues.push({ path: ['edges', j, k], message: `expected a 0-based vertex index, got ${describeValue(v)}` });
          else if (nOk && v >= (n as number)) issues.push({ path: ['edges', j, k], message: `vertex ${v} is out of range (vertices are 0..${(n as number) - 1}; indices are 0-based)` });
          else edge.push(v);
        });
        edges.push(edge);
      });
    if (issues.length > 0) throwIssues(issues);
    const g: Hypergraph = { vertices: n as number, edges };
    if (typeof o.name === 'string') g.name = o.name;
    return g;
  });
}

/** A colouring source: hypergraph JSON if the text starts with `{`, else a DIMACS graph. */
export function parseColoringSource(text: string, colors: number, source = '<input>'): HypergraphColoring {
  if (!Number.isInteger(colors) || colors < 1) throw new InputError(`expected a number of colours k >= 1, got ${colors}`, '--colors');
  const g = text.trimStart().startsWith('{') ? parseHypergraphJson(text, source) : parseDimacsGraph(text, source);
  return { ...g, colors };
}
