/**
 * The drawings of src/draw/: the geometry (a hyperplane clipped to the cube lies on the
 * plane and in the cube, and is empty exactly when the plane misses the cube; the margin
 * projection puts every point on the side of each axis given by the sign of w.x - t) and
 * the markup contract (one hyperplane element per unit, one point per example coloured by
 * label, core members marked, no scripts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipPlaneToCube, drawClauses, drawCube, drawGraph, drawMargins, drawSetSystem, LABEL_COLORS, layoutAxis, margin, marginLayout, type DrawPlane, type DrawPoint } from '../../src/draw/index.js';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const small = fc.integer({ min: -4, max: 4 });

function corners(n: number): number[][] {
  return Array.from({ length: 1 << n }, (_, v) => Array.from({ length: n }, (_, i) => (v >> i) & 1));
}

describe('clipPlaneToCube', () => {
  it('gives points on the plane, inside the cube, non-empty exactly when the plane meets the cube (n = 1, 2, 3)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(fc.array(small, { minLength: n, maxLength: n }), small)), ([w, t]) => {
        const pts = clipPlaneToCube(w, t);
        for (const p of pts) {
          expect(p.every((v) => v >= -1e-9 && v <= 1 + 1e-9)).toBe(true);
          expect(Math.abs(p.reduce((s, v, i) => s + v * w[i], 0) - t)).toBeLessThan(1e-9);
        }
        // A plane meets the (convex) cube iff w.z - t takes both signs, or 0, at its corners.
        const vals = corners(w.length).map((z) => z.reduce((s, v, i) => s + v * w[i], 0) - t);
        const meets = w.some((v) => v !== 0) && Math.min(...vals) <= 0 && Math.max(...vals) >= 0;
        expect(pts.length > 0).toBe(meets);
        if (w.length === 3 && pts.length >= 3) {
          // Boundary order: consecutive corners share a face of the cube (a coordinate at 0 or 1).
          pts.forEach((p, k) => {
            const q = pts[(k + 1) % pts.length];
            expect([0, 1, 2].some((i) => (Math.abs(p[i]) < 1e-9 && Math.abs(q[i]) < 1e-9) || (Math.abs(p[i] - 1) < 1e-9 && Math.abs(q[i] - 1) < 1e-9))).toBe(true);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('x0 + x1 + x2 = 1.5 cuts the cube in a hexagon; x0 = 0.5 in a square; x0 = 2 misses it', () => {
    expect(clipPlaneToCube([1, 1, 1], 1.5)).toHaveLength(6);
    expect(clipPlaneToCube([1, 0, 0], 0.5)).toHaveLength(4);
    expect(clipPlaneToCube([1, 0, 0], 2)).toHaveLength(0);
    expect(clipPlaneToCube([1, -1], 0)).toEqual(expect.arrayContaining([[0, 0], [1, 1]]));
  });
});

const point = (n: number) => fc.record({ x: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }), label: fc.constantFrom<0 | 1>(0, 1) });
const plane = (n: number, unit: string) => fc.record({ unit: fc.constant(unit), w: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }), t: fc.integer({ min: -5, max: 5 }) });

describe('the margin projection', () => {
  it('draws every point on the side of each unit boundary given by the sign of w.x - t (on: >= 0)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.array(point(n), { minLength: 1, maxLength: 20 }), plane(n, 'h1'), plane(n, 'h2'))),
        ([points, p1, p2]) => {
          const { dx, dy } = marginLayout(points, [p1, p2], 150, 150);
          points.forEach((p, k) => {
            expect(dx[k] >= 0).toBe(margin(p1, p.x) >= 0);
            // Screen y grows downwards: "on" is above the axis.
            expect(dy[k] <= 0).toBe(margin(p2, p.x) >= 0);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('layoutAxis keeps the sign of tiny margins next to huge ones', () => {
    const { offset } = layoutAxis([1e9, -1e-9, 0, -1e9], 100, [0, 3, 2, 0], 9);
    expect(offset.map((o) => o >= 0)).toEqual([true, false, true, false]);
  });

  it('the scatter has one hyperplane per unit (the two axes), one point per example coloured by label, the AND quadrant shaded', () => {
    const points: DrawPoint[] = [
      { x: [0, 0, 0, 0], label: 1 },
      { x: [1, 0, 0, 0], label: 0 },
      { x: [0, 1, 0, 0], label: 0, core: true },
      { x: [1, 1, 1, 1], label: 1 },
    ];
    const planes: DrawPlane[] = [
      { unit: 'h1', w: [-1, 4, 4, 4], t: 0 },
      { unit: 'h2', w: [4, -1, 4, 4], t: 0 },
    ];
    const svg = drawMargins({ points, planes, outputTable: [0, 0, 0, 1] });
    expect(count(svg, /class="hyperplane" data-unit="h1"/g)).toBe(1);
    expect(count(svg, /class="hyperplane" data-unit="h2"/g)).toBe(1);
    expect(count(svg, /class="point label-1"/g)).toBe(2);
    expect(count(svg, /class="point label-0"/g)).toBe(2);
    expect(count(svg, new RegExp(`class="point label-0"[^>]*fill="${LABEL_COLORS[0]}"`, 'g'))).toBe(2);
    expect(count(svg, /class="core-mark"/g)).toBe(1);
    expect(count(svg, /class="output-on"/g)).toBe(1);
    expect(svg).not.toMatch(/<script/i);
    // Three units: one strip each, one hyperplane line each.
    const three = drawMargins({ points, planes: [...planes, { unit: 'h3', w: [1, 1, -1, 0], t: 1 }] });
    expect(count(three, /class="hyperplane"/g)).toBe(3);
  });
});

describe('drawCube', () => {
  it('one hyperplane element per unit (also when it misses the cube), one dot per example, coloured by label', () => {
    const points: DrawPoint[] = [
      { x: [0, 0, 0], label: 1 },
      { x: [1, 0, 0], label: 0 },
      { x: [0, 1, 0], label: 0 },
      { x: [1, 1, 0], label: 1, core: true },
      { x: [1, 1, 0], label: 0, core: true },
    ];
    const svg = drawCube({ points, planes: [{ unit: 'h1', w: [1, -1, 1], t: 0 }, { unit: 'h2', w: [1, 1, 1], t: 9 }] });
    expect(count(svg, /class="hyperplane" data-unit="h1"/g)).toBe(1);
    expect(count(svg, /class="hyperplane" data-unit="h2"/g)).toBe(1);
    expect(svg).toMatch(/misses the cube/);
    expect(count(svg, /class="point label-1"/g)).toBe(2);
    expect(count(svg, /class="point label-0"/g)).toBe(3);
    expect(count(svg, /class="core-mark"/g)).toBe(2);
    expect(svg).toMatch(/label 0 \(negative\): 3 examples/);
    expect(count(drawCube({ points: [{ x: [0, 1], label: 1 }], planes: [{ unit: 'h1', w: [1, 1], t: 1 }] }), /class="hyperplane"/g)).toBe(1);
    expect(count(drawCube({ points: [{ x: [0], label: 1 }, { x: [1], label: 0 }] }), /class="point/g)).toBe(2);
    expect(() => drawCube({ points: [{ x: [0, 0, 0, 0], label: 1 }] })).toThrow(RangeError);
  });
});

describe('source drawings', () => {
  it('set system: elements coloured by class, core sets and elements marked', () => {
    const svg = drawSetSystem({ elements: ['a', 'b', '<c>'], sets: [{ name: 'c0', members: [0, 1] }, { name: 'c1', members: [1, 2] }], classOf: [0, 1, 0], classNames: ['S1', 'S2'], coreSets: [1], coreElements: [2] })!;
    expect(count(svg, /class="element[^"]*" data-element="\d" data-class="0"/g)).toBe(2);
    expect(count(svg, /class="set core" data-set="1"/g)).toBe(1);
    expect(count(svg, /class="element core" data-element="2"/g)).toBe(1);
    expect(svg).toContain('&lt;c&gt;');
    expect(drawSetSystem({ elements: Array.from({ length: 100 }, (_, i) => `s${i}`), sets: [] })).toBeNull();
  });

  it('graph: vertices coloured, core edges marked', () => {
    const svg = drawGraph({ vertices: ['v0', 'v1', 'v2'], edges: [{ name: 'E0', ends: [0, 1] }, { name: 'E1', ends: [1, 2] }], colorOf: [0, 1, 2], colorNames: ['colour 0', 'colour 1', 'colour 2'], coreEdges: [1] })!;
    expect(count(svg, /class="vertex" data-vertex="\d" data-class="\d"/g)).toBe(3);
    expect(count(svg, /class="edge core"/g)).toBe(1);
    expect(count(svg, /class="edge"/g)).toBe(1);
  });

  it('clauses: literals true/false under the assignment, core clauses marked', () => {
    const svg = drawClauses({ numVars: 2, clauses: [[1, -2], [2]], assignment: [true, false], coreClauses: [1] })!;
    expect(count(svg, /class="literal true"/g)).toBe(2); // p1 and ¬p2
    expect(count(svg, /class="literal false"/g)).toBe(1); // p2
    expect(count(svg, /class="clause core" data-clause="1"/g)).toBe(1);
    expect(svg).toContain('p1 = 1');
  });
});
