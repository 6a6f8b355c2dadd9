/**
 * The unit cube drawing for networks with n <= 3 inputs: the segment [0,1] (n = 1), the
 * square (n = 2) or the cube (n = 3, in a fixed oblique projection: x0 to the right, x1
 * up, x2 receding at 30 degrees with half length), with every example as a dot at its
 * input vector, filled with its label's colour, and every hidden unit's hyperplane
 * w.x = t clipped to the cube.
 *
 * Clipping: the intersection of a hyperplane with the cube [0,1]^n is the convex hull of
 * the points where it meets the cube's edges (an edge lying inside the plane contributes
 * both ends). For n = 3 the points are ordered by angle around their centroid within the
 * plane, which gives the boundary of that convex polygon. A small arrow from the middle
 * of each hyperplane points along w, to the side where the unit is on.
 *
 * Markup contract (tests and the browser playground rely on it): one
 * `<g class="hyperplane" data-unit="ID">` per plane (empty when the plane misses the
 * cube), one `<circle class="point label-Y" data-example="K">` per example, and a
 * `class="core-mark"` ring around every core member.
 */
import { esc, fmt, LABEL_COLORS, labelLegend, legend, legendHeight, legendWidth, svgOpen, unitColor, CORE_COLOR, type LegendItem } from './svg.js';
import { labelCounts, margin, type DrawPlane, type DrawPoint } from './types.js';

export interface CubeDrawing {
  points: readonly DrawPoint[];
  /** The hidden units' hyperplanes (none before the instance is solved). */
  planes?: readonly DrawPlane[];
  /** Axis names, default x0, x1, x2. */
  axisNames?: readonly string[];
  title?: string;
}

const EPS = 1e-12;

/** The vertices of [0,1]^n, as 0/1 vectors. */
function cubeVertices(n: number): number[][] {
  return Array.from({ length: 1 << n }, (_, v) => Array.from({ length: n }, (_, i) => (v >> i) & 1));
}

/** The edges of [0,1]^n as pairs of vertices that differ in one coordinate. */
function cubeEdges(n: number): [number[], number[]][] {
  const edges: [number[], number[]][] = [];
  for (const a of cubeVertices(n)) {
    for (let i = 0; i < n; i++) {
      if (a[i] === 0) {
        const b = a.slice();
        b[i] = 1;
        edges.push([a, b]);
      }
    }
  }
  return edges;
}

/**
 * The part of the hyperplane w.z = t inside [0,1]^n (n = 1, 2, 3), as its corner points:
 * for n = 1 at most one point, for n = 2 a segment (two points), for n = 3 a convex
 * polygon in boundary order. Empty when the plane misses the cube or w = 0.
 */
export function clipPlaneToCube(w: readonly number[], t: number): number[][] {
  const n = w.length;
  if (n < 1 || n > 3 || w.every((v) => Math.abs(v) < EPS)) return [];
  const found: number[][] = [];
  const add = (p: number[]) => {
    if (!found.some((q) => q.every((v, i) => Math.abs(v - p[i]) < 1e-9))) found.push(p);
  };
  const f = (z: readonly number[]) => z.reduce((s, v, i) => s + v * w[i], 0) - t;
  if (n === 1) {
    const z = t / w[0];
    return z >= -EPS && z <= 1 + EPS ? [[Math.min(1, Math.max(0, z))]] : [];
  }
  for (const [a, b] of cubeEdges(n)) {
    const fa = f(a);
    const fb = f(b);
    if (Math.abs(fa) < EPS) add(a);
    if (Math.abs(fb) < EPS) add(b);
    if ((fa < -EPS && fb > EPS) || (fa > EPS && fb < -EPS)) {
      const s = fa / (fa - fb);
      add(a.map((v, i) => v + s * (b[i] - v)));
    }
  }
  if (n === 3 && found.length > 2) {
    const c = [0, 1, 2].map((i) => found.reduce((s, p) => s + p[i], 0) / found.length);
    // An orthonormal-enough basis (u, v) of the plane: u orthogonal to w, v = w x u.
    const k = Math.abs(w[0]) <= Math.abs(w[1]) && Math.abs(w[0]) <= Math.abs(w[2]) ? 0 : Math.abs(w[1]) <= Math.abs(w[2]) ? 1 : 2;
    const e = [0, 0, 0];
    e[k] = 1;
    const u = cross(w, e);
    const v = cross(w, u);
    const dot = (p: readonly number[], q: readonly number[]) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
    found.sort((p, q) => {
      const dp = p.map((x, i) => x - c[i]);
      const dq = q.map((x, i) => x - c[i]);
      return Math.atan2(dot(dp, v), dot(dp, u)) - Math.atan2(dot(dq, v), dot(dq, u));
    });
  }
  return found;
}

function cross(a: readonly number[], b: readonly number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

const SIDE = 220;
const DEPTH = 0.5;
const ANGLE = Math.PI / 6;

/** Screen position of a point z of [0,1]^n (n <= 3) in the drawing's fixed oblique projection. */
export function projectCube(z: readonly number[], origin: { x: number; y: number }): { x: number; y: number } {
  const [a = 0, b = 0, c = 0] = z;
  return {
    x: origin.x + SIDE * (a + DEPTH * c * Math.cos(ANGLE)),
    y: origin.y - SIDE * (b + DEPTH * c * Math.sin(ANGLE)),
  };
}

/** The cube drawing as an SVG string (see the module comment). Throws unless 1 <= n <= 3. */
export function drawCube(d: CubeDrawing): string {
  const n = d.points[0]?.x.length ?? d.planes?.[0]?.w.length ?? 0;
  if (n < 1 || n > 3) throw new RangeError(`drawCube draws 1 to 3 inputs, got ${n}`);
  const planes = d.planes ?? [];
  const names = d.axisNames ?? ['x0', 'x1', 'x2'];
  const depthX = n === 3 ? SIDE * DEPTH * Math.cos(ANGLE) : 0;
  const depthY = n === 3 ? SIDE * DEPTH * Math.sin(ANGLE) : 0;
  const o = { x: 80, y: 30 + depthY + (n >= 2 ? SIDE : 20) };
  const plotW = 80 + SIDE + depthX + 40;
  const counts = labelCounts(d.points);
  const items: LegendItem[] = [
    ...labelLegend(counts),
    ...planes.map((p, u) => ({ label: `${p.unit}: ${p.unit} = [w.x >= t] (arrow: the side where ${p.unit} is on)`, shape: 'line' as const, color: unitColor(u) })),
    ...(d.points.some((p) => p.core) ? [{ label: 'in the core (these examples cannot be fitted together)', shape: 'ring' as const, color: CORE_COLOR }] : []),
  ];
  const height = Math.max(o.y + 40, 20 + legendHeight(items.length));
  const width = plotW + Math.max(200, legendWidth(items));
  const P = (z: readonly number[]) => projectCube(z, o);
  const parts: string[] = [svgOpen(width, height, 'cube', d.title ?? `The examples in the unit ${n === 1 ? 'segment' : n === 2 ? 'square' : 'cube'} with the hidden units' hyperplanes`)];

  // The cube's edges and axis names.
  const edges = cubeEdges(n).map(([a, b]) => {
    const p = P(a);
    const q = P(b);
    return `<line x1="${fmt(p.x)}" y1="${fmt(p.y)}" x2="${fmt(q.x)}" y2="${fmt(q.y)}"/>`;
  });
  parts.push(`<g class="cube" stroke="#9a9a9a" stroke-width="1">${edges.join('')}</g>`);
  const axisEnd = (i: number) => P(Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)));
  const axisLabels = names.slice(0, n).map((name, i) => {
    const e = axisEnd(i);
    const off = i === 0 ? { x: 4, y: 16 } : i === 1 ? { x: -30, y: 4 } : { x: 6, y: 12 };
    return `<text x="${fmt(e.x + off.x)}" y="${fmt(e.y + off.y)}" fill="#555">${esc(name)} = 1</text>`;
  });
  parts.push(`<g class="axes">${axisLabels.join('')}<text x="${fmt(o.x - 8)}" y="${fmt(o.y + 16)}" fill="#555">0</text></g>`);

  // Hyperplanes, clipped to the cube, with an arrow along w towards the unit's on side.
  planes.forEach((pl, u) => {
    const color = unitColor(u);
    const corners = clipPlaneToCube(pl.w, pl.t);
    let body = '';
    if (corners.length > 0) {
      const pts = corners.map(P);
      if (n === 3 && pts.length >= 3) body += `<polygon points="${pts.map((p) => `${fmt(p.x)},${fmt(p.y)}`).join(' ')}" fill="${color}" fill-opacity="0.16" stroke="${color}" stroke-width="2"/>`;
      else if (pts.length >= 2) body += `<line x1="${fmt(pts[0].x)}" y1="${fmt(pts[0].y)}" x2="${fmt(pts[pts.length - 1].x)}" y2="${fmt(pts[pts.length - 1].y)}" stroke="${color}" stroke-width="2.5"/>`;
      else body += `<line x1="${fmt(pts[0].x)}" y1="${fmt(pts[0].y - 14)}" x2="${fmt(pts[0].x)}" y2="${fmt(pts[0].y + 14)}" stroke="${color}" stroke-width="2.5"/>`;
      const c = corners[0].map((_, i) => corners.reduce((s, p) => s + p[i], 0) / corners.length);
      const len = Math.hypot(...pl.w);
      const a = P(c);
      const b = P(c.map((v, i) => v + (0.12 * pl.w[i]) / len));
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const dl = Math.hypot(dx, dy);
      if (dl > 1e-6) {
        const ex = a.x + (22 * dx) / dl;
        const ey = a.y + (22 * dy) / dl;
        const hx = (-6 * dx) / dl;
        const hy = (-6 * dy) / dl;
        body += `<path d="M${fmt(a.x)},${fmt(a.y)} L${fmt(ex)},${fmt(ey)} M${fmt(ex + hx - hy * 0.6)},${fmt(ey + hy + hx * 0.6)} L${fmt(ex)},${fmt(ey)} L${fmt(ex + hx + hy * 0.6)},${fmt(ey + hy - hx * 0.6)}" stroke="${color}" stroke-width="1.6" fill="none"/>`;
      }
      const lp = pts[u % pts.length];
      body += `<text x="${fmt(lp.x + 6)}" y="${fmt(lp.y + 4 + 14 * u)}" fill="${color}" font-weight="bold">${esc(pl.unit)}</text>`;
    }
    parts.push(`<g class="hyperplane" data-unit="${esc(pl.unit)}"><title>${esc(`${pl.unit} = [${pl.w.map(fmt).join(', ')} . x >= ${fmt(pl.t)}]${corners.length ? '' : ' (its hyperplane misses the cube)'}`)}</title>${body}</g>`);
  });

  // The examples: one dot each, duplicates of a vertex side by side.
  const seen = new Map<string, number>();
  d.points.forEach((p, k) => {
    const key = p.x.join(',');
    const dup = seen.get(key) ?? 0;
    seen.set(key, dup + 1);
    const c = P(p.x);
    const cx = c.x + 13 * dup;
    const cy = c.y - 13 * dup;
    const onSides = planes.map((pl) => `${pl.unit} ${margin(pl, p.x) >= 0 ? 'on' : 'off'}`).join(', ');
    const tip = `${p.name ?? `examples[${k}]`}: x = (${p.x.map(fmt).join(', ')}), label ${p.label}${onSides ? `; ${onSides}` : ''}`;
    if (p.core) parts.push(`<circle class="core-mark" cx="${fmt(cx)}" cy="${fmt(cy)}" r="10" fill="none" stroke="${CORE_COLOR}" stroke-width="2.5"/>`);
    parts.push(`<circle class="point label-${p.label}" data-example="${k}" cx="${fmt(cx)}" cy="${fmt(cy)}" r="6.5" fill="${LABEL_COLORS[p.label]}" stroke="#222" stroke-width="0.8"><title>${esc(tip)}</title></circle>`);
  });
  parts.push(legend(items, plotW, 20));
  parts.push('</svg>');
  return parts.join('');
}
