/**
 * Independent brute-force solvers for the source problems other than CNF satisfiability
 * (that one is tests/helpers/cnf-brute.ts; none shares code with the
 * reductions or with trainsat's solver) and fast-check arbitraries of small source
 * instances, including the edge cases (empty sets/clauses/edges, singletons, duplicates).
 */
import fc from 'fast-check';
import type { Coloring, HypergraphColoring } from '../../reductions/problems/hypergraph-coloring.js';
import type { Assignment, Cnf } from '../../reductions/problems/sat.js';
import type { SetSplitting, Splitting } from '../../reductions/problems/set-splitting.js';

// ---------------------------------------------------------------------------------------
// brute force

/** Every splitting of n elements (2^n of them), as part arrays. */
export function* allSplittings(n: number): Generator<Splitting> {
  for (let mask = 0; mask < 2 ** n; mask++) yield Array.from({ length: n }, (_, i) => (((mask >> i) & 1) === 1 ? 2 : 1));
}

/** Every assignment of N variables. */
export function* allAssignments(N: number): Generator<Assignment> {
  for (let mask = 0; mask < 2 ** N; mask++) yield Array.from({ length: N }, (_, i) => ((mask >> i) & 1) === 1);
}

/** Every colouring of n vertices with k colours. */
export function* allColorings(n: number, k: number): Generator<Coloring> {
  const c = new Array<number>(n).fill(0);
  for (;;) {
    yield c.slice();
    let i = 0;
    while (i < n && c[i] === k - 1) c[i++] = 0;
    if (i === n) return;
    c[i]++;
  }
}

const splits = (set: number[], part: Splitting) => set.some((i) => part[i] === 1) && set.some((i) => part[i] === 2);

export function isSplitting(s: SetSplitting, part: Splitting): boolean {
  return part.length === s.elements && s.sets.every((c) => splits(c, part));
}

export function bruteSetSplitting(s: SetSplitting): Splitting | null {
  for (const p of allSplittings(s.elements)) if (isSplitting(s, p)) return p;
  return null;
}

const lit = (a: Assignment, l: number) => (l > 0 ? a[l - 1] : !a[-l - 1]);

export function satisfies(f: Cnf, a: Assignment): boolean {
  return f.clauses.every((c) => c.some((l) => lit(a, l)));
}

export function naeSatisfies(f: Cnf, a: Assignment): boolean {
  return f.clauses.every((c) => c.some((l) => lit(a, l)) && c.some((l) => !lit(a, l)));
}

export function bruteNae(f: Cnf): Assignment | null {
  for (const a of allAssignments(f.numVars)) if (naeSatisfies(f, a)) return a;
  return null;
}

export function properColoring(g: HypergraphColoring, c: Coloring): boolean {
  return c.length === g.vertices && c.every((x) => x >= 0 && x < g.colors) && g.edges.every((e) => new Set(e.map((v) => c[v])).size >= 2);
}

export function bruteColoring(g: HypergraphColoring): Coloring | null {
  for (const c of allColorings(g.vertices, g.colors)) if (properColoring(g, c)) return c;
  return null;
}

// ---------------------------------------------------------------------------------------
// arbitraries

/**
 * Set-splitting instances with up to `maxElements` elements and `maxSets` sets. Sets are
 * mostly of size 2-3; empty sets, singletons, repeated members and duplicate sets occur.
 */
export function setSplittingArb(maxElements: number, maxSets: number, minElements = 0): fc.Arbitrary<SetSplitting> {
  return fc.integer({ min: minElements, max: maxElements }).chain((n) =>
    fc.record({
      elements: fc.constant(n),
      sets:
        n === 0
          ? fc.array(fc.constant([] as number[]), { maxLength: 1 })
          : fc.array(
              fc.oneof(
                { weight: 8, arbitrary: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: Math.min(n + 1, 4) }) },
                { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 0, maxLength: 1 }) },
              ),
              { maxLength: maxSets },
            ),
    }),
  );
}

/** CNF formulas with up to `maxVars` variables and `maxClauses` clauses of 1-3 literals (rarely 0). */
export function cnfArb(maxVars: number, maxClauses: number): fc.Arbitrary<Cnf> {
  return fc.integer({ min: 1, max: maxVars }).chain((N) =>
    fc.record({
      numVars: fc.constant(N),
      clauses: fc.array(
        fc.oneof(
          { weight: 12, arbitrary: fc.array(fc.integer({ min: 1, max: N }).chain((v) => fc.constantFrom(v, -v)), { minLength: 1, maxLength: 3 }) },
          { weight: 1, arbitrary: fc.constant([] as number[]) },
        ),
        { maxLength: maxClauses },
      ),
    }),
  );
}

/** Hypergraph colouring instances: up to `maxVertices` vertices, `maxEdges` edges, k in [1, maxColors]. */
export function coloringArb(maxVertices: number, maxEdges: number, maxColors: number): fc.Arbitrary<HypergraphColoring> {
  return fc.tuple(fc.integer({ min: 1, max: maxVertices }), fc.integer({ min: 1, max: maxColors })).chain(([n, k]) =>
    fc.record({
      vertices: fc.constant(n),
      colors: fc.constant(k),
      edges: fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: 3 }) },
          { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 0, maxLength: 1 }) },
        ),
        { maxLength: maxEdges },
      ),
    }),
  );
}
