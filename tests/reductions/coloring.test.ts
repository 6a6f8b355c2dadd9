/**
 * Hypergraph k-colouring -> k threshold units with an AND output, the 2-colouring = set
 * splitting identity (each checked with `checkReduction`), and the readers for the source
 * formats.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coloringToAndNetwork } from '../../reductions/coloring-to-and-network.js';
import { assertReduction, twoColoringToBlumRivest } from '../../reductions/index.js';
import { parseColoringSource, parseDimacsGraph, parseHypergraphJson, type HypergraphColoring } from '../../reductions/problems/hypergraph-coloring.js';
import { parseCnf } from '../../reductions/problems/sat.js';
import { parseSetSplitting } from '../../reductions/problems/set-splitting.js';
import { setSplittingToBlumRivestAnd } from '../../reductions/set-splitting-to-blum-rivest-and.js';
import { twoColoringToSetSplitting } from '../../reductions/two-coloring-to-set-splitting.js';
import { decide } from '../../src/decide.js';
import { InputError } from '../../src/model/errors.js';
import { bruteColoring, coloringArb } from './helpers.js';

describe('hypergraph k-colouring -> k hidden units with an AND output', () => {
  const r = coloringToAndNetwork;

  it('k = 2 is exactly the set-splitting reduction (same network, same points)', () => {
    const g: HypergraphColoring = { vertices: 3, edges: [[0, 1], [1, 2]], colors: 2 };
    const a = r.reduce(g);
    const b = setSplittingToBlumRivestAnd.reduce({ elements: 3, sets: [[0, 1], [1, 2]] });
    expect(a.network).toEqual(b.network);
    expect(a.examples).toEqual(b.examples);
  });

  it('a triangle: not 2-colourable, 3-colourable; K4 is not 3-colourable', async () => {
    const tri = [[0, 1], [1, 2], [0, 2]];
    expect((await decide(r.reduce({ vertices: 3, edges: tri, colors: 2 }))).status).toBe('untrainable');
    const d3 = await decide(r.reduce({ vertices: 3, edges: tri, colors: 3 }));
    expect(d3.status).toBe('trainable');
    const g3: HypergraphColoring = { vertices: 3, edges: tri, colors: 3 };
    expect(new Set(r.lowerSolution(g3, d3.parameters!)).size).toBe(3);
    const k4 = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]];
    expect((await decide(r.reduce({ vertices: 4, edges: k4, colors: 3 }))).status).toBe('untrainable');
  });

  it('edge cases: an empty edge and a loop make NO instances; k = 1 fits only without edges', async () => {
    for (const g of [
      { vertices: 2, edges: [[0, 1], []], colors: 3 },
      { vertices: 2, edges: [[0, 1], [1, 1]], colors: 3 },
      { vertices: 2, edges: [[0, 1]], colors: 1 },
    ]) {
      expect(bruteColoring(g)).toBeNull();
      expect((await decide(r.reduce(g))).status).toBe('untrainable');
    }
    expect((await decide(r.reduce({ vertices: 2, edges: [], colors: 1 }))).status).toBe('trainable');
  });

  it('checkReduction: decide agrees with brute force; every colouring lifts; found weights lower to a proper colouring', async () => {
    const report = await assertReduction(r, { arbitrary: coloringArb(4, 5, 3), runs: 120, everySolution: true });
    expect(report.yes).toBeGreaterThan(10);
    expect(report.no).toBeGreaterThan(10);
  });
});

describe('hypergraph 2-colouring = set splitting', () => {
  const twoColorings = coloringArb(4, 4, 1).map((g) => ({ ...g, colors: 2 }));
  /** A YES and a NO instance, always tried. */
  const examples: HypergraphColoring[] = [
    { vertices: 2, edges: [[0, 1]], colors: 2 },
    { vertices: 3, edges: [[0, 1], [1, 2], [0, 2]], colors: 2 },
  ];

  it('the identity on the data: the edges are the sets', () => {
    fc.assert(
      fc.property(twoColorings, (g) => {
        expect(twoColoringToSetSplitting.reduce(g)).toMatchObject({ elements: g.vertices, sets: g.edges });
      }),
    );
  });

  it('checkReduction: every colouring lifts to a splitting and every splitting lowers', async () => {
    await assertReduction(twoColoringToSetSplitting, { arbitrary: twoColorings, runs: 100, everySolution: true, examples });
  });

  it('checkReduction: 2-colouring -> set splitting -> blum-rivest (threshold output)', async () => {
    await assertReduction(twoColoringToBlumRivest, { arbitrary: coloringArb(3, 3, 1).map((g) => ({ ...g, colors: 2 })), runs: 30, everySolution: true, examples });
  });
});

describe('source readers: errors name the place', () => {
  const err = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it('DIMACS graphs: p edge / p col, 1-based vertices, line numbers in errors', () => {
    expect(parseDimacsGraph('c a triangle\np edge 3 3\ne 1 2\ne 2 3\n\ne 1 3\n')).toEqual({ vertices: 3, edges: [[0, 1], [1, 2], [0, 2]] });
    expect(parseDimacsGraph('p col 2 1\ne 2 2\n', 'g').edges).toEqual([[1, 1]]);
    expect(err(() => parseDimacsGraph('p edge 3 2\ne 1 2\ne 1 4\n', 'g.col'))).toMatch(/^g\.col:3: vertex 4 is out of range \(vertices are 1\.\.3/);
    expect(err(() => parseDimacsGraph('p edge 3 2\ne 1 2\n', 'g.col'))).toMatch(/^g\.col:1: header declares 2 edges, but the file has 1/);
    expect(err(() => parseDimacsGraph('e 1 2\n', 'g.col'))).toMatch(/^g\.col:1: edge before/);
    expect(err(() => parseDimacsGraph('p edge 3 1\ne 1 x\n', 'g.col'))).toMatch(/^g\.col:2: 'x' is not a vertex/);
    expect(err(() => parseDimacsGraph('p edge 3 1\ne 1 2 3\n', 'g.col'))).toMatch(/^g\.col:2: expected 'e <u> <v>'/);
    expect(err(() => parseDimacsGraph('p cnf 3 1\n', 'g.col'))).toMatch(/^g\.col:1: malformed header/);
    expect(err(() => parseDimacsGraph('p edge 3 0\np edge 3 0\n', 'g.col'))).toMatch(/^g\.col:2: duplicate/);
    expect(err(() => parseDimacsGraph('q\n', 'g.col'))).toMatch(/^g\.col:1: unexpected 'q'/);
    expect(err(() => parseDimacsGraph('c nothing\n', 'g.col'))).toMatch(/missing 'p edge/);
  });

  it('hypergraph JSON and auto-detection', () => {
    expect(parseColoringSource('{"vertices": 3, "edges": [[0, 1, 2]]}', 2)).toEqual({ vertices: 3, edges: [[0, 1, 2]], colors: 2 });
    expect(parseColoringSource('p edge 2 1\ne 1 2\n', 3).colors).toBe(3);
    expect(err(() => parseHypergraphJson('{"vertices": 3, "edges": [[0, 3]]}', 'h.json'))).toMatch(/^h\.json: edges\[0\]\[1\]: vertex 3 is out of range/);
    expect(err(() => parseHypergraphJson('{"vertices": 3, "edges": [[0, 1]], "edgs": 1}', 'h.json'))).toMatch(/edgs: unknown key/);
    expect(err(() => parseColoringSource('p edge 2 0\n', 0))).toMatch(/--colors/);
  });

  it('set-splitting JSON: paths, ranges, unknown keys, JSON syntax with line:column', () => {
    expect(parseSetSplitting('{"elements": 3, "sets": [[0, 1], [1, 2]]}')).toEqual({ elements: 3, sets: [[0, 1], [1, 2]] });
    expect(parseSetSplitting('{"elements": 2, "sets": [], "names": ["a", "b"], "name": "x"}')).toEqual({ elements: 2, sets: [], names: ['a', 'b'], name: 'x' });
    expect(err(() => parseSetSplitting('{"elements": 3, "sets": [[0, 1], [1, 3]]}', 's.json'))).toMatch(
      /^s\.json: sets\[1\]\[1\]: element 3 is out of range \(elements are 0\.\.2; indices are 0-based\)/,
    );
    expect(err(() => parseSetSplitting('{"elements": -1, "sets": []}', 's.json'))).toMatch(/^s\.json: elements: expected a non-negative integer/);
    expect(err(() => parseSetSplitting('{"elements": 2, "sets": [[0, "a"]]}', 's.json'))).toMatch(/sets\[0\]\[1\]: expected a 0-based element index, got "a"/);
    expect(err(() => parseSetSplitting('{"elements": 2, "sets": [0]}', 's.json'))).toMatch(/sets\[0\]: expected a list/);
    expect(err(() => parseSetSplitting('{"elements": 2, "set": []}', 's.json'))).toMatch(/set: unknown key/);
    expect(err(() => parseSetSplitting('{"elements": 2, "sets": []}}', 's.json'))).toMatch(/^s\.json:1:\d+: invalid JSON/);
    expect(err(() => parseSetSplitting('[1]', 's.json'))).toMatch(/expected an object/);
    expect(err(() => parseSetSplitting('{"elements": 2, "sets": [], "names": ["a"]}', 's.json'))).toMatch(/names: expected 2 names/);
  });

  it('CNF: DIMACS via the project reader (SATLIB % trailer, line-numbered errors)', () => {
    expect(parseCnf('c x\np cnf 2 2\n1 -2 0\n2 0\n%\n0\n')).toEqual({ numVars: 2, clauses: [[1, -2], [2]] });
    expect(err(() => parseCnf('p cnf 2 1\n1 3 0\n', 'f.cnf'))).toMatch(/^f\.cnf:2:/);
  });
});
