/**
 * A graph (every edge of two vertices) with vertices on a circle and edges as straight
 * lines; with a colouring, each vertex is filled with its colour, and the edges of a core
 * (a subgraph that already has no proper colouring) are drawn thick, dashed and red.
 * Hypergraphs with larger edges are drawn by sets.ts instead.
 *
 * Markup contract: `<circle class="vertex" data-vertex="V" data-class="C">` per vertex,
 * `<line class="edge" data-edge="J">` per edge, `class="edge core"` on core edges.
 */
import { classColor, esc, fmt, legend, legendHeight, legendWidth, svgOpen, CORE_COLOR, type LegendItem } from './svg.js';

export interface GraphDrawing {
  /** Vertex names, e.g. ["v0", "v1", "v2"]. */
  vertices: readonly string[];
  /** Edges as vertex index pairs, with their names (e.g. "E0"). */
  edges: readonly { name: string; ends: readonly [number, number] }[];
  /** The colour class of each vertex, when a colouring is known. */
  colorOf?: readonly number[];
  /** Legend names of the colours, e.g. ["colour 0", "colour 1", "colour 2"]. */
  colorNames?: readonly string[];
  /** Indices of the edges in the core. */
  coreEdges?: readonly number[];
  /** Indices of the vertices in the core. */
  coreVertices?: readonly number[];
  title?: string;
}

/** Most vertices drawn; larger graphs get no drawing. */
export const MAX_VERTICES = 60;

/** The drawing as an SVG string, or null when the graph is too large to draw legibly. */
export function drawGraph(d: GraphDrawing): string | null {
  const n = d.vertices.length;
  if (n === 0 || n > MAX_VERTICES) return null;
  const r = Math.max(70, 14 * n / Math.PI);
  const c = { x: 40 + r, y: 30 + r };
  const pos = (v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * v) / n;
    return { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
  };
  const coreEdges = new Set(d.coreEdges ?? []);
  const coreVertices = new Set(d.coreVertices ?? []);
  const items: LegendItem[] = [
    ...(d.colorOf ? (d.colorNames ?? []).map((name, k) => ({ label: name, shape: 'dot' as const, color: classColor(k) })) : []),
    ...(coreEdges.size ? [{ label: 'edges of the core (no proper colouring even for these alone)', shape: 'line' as const, color: CORE_COLOR, dashed: true }] : []),
  ];
  const plotW = 2 * c.x;
  const width = plotW + legendWidth(items);
  const height = Math.max(2 * c.y, 20 + legendHeight(items.length));
  const parts = [svgOpen(width, height, 'graph', d.title ?? 'The graph, vertices filled with their colours')];
  d.edges.forEach((e, j) => {
    const a = pos(e.ends[0]);
    const b = pos(e.ends[1]);
    const core = coreEdges.has(j);
    const attrs = core ? `stroke="${CORE_COLOR}" stroke-width="3.5" stroke-dasharray="7 4"` : 'stroke="#777" stroke-width="1.5"';
    parts.push(`<line class="edge${core ? ' core' : ''}" data-edge="${j}" x1="${fmt(a.x)}" y1="${fmt(a.y)}" x2="${fmt(b.x)}" y2="${fmt(b.y)}" ${attrs}><title>${esc(`${e.name} = {${d.vertices[e.ends[0]]}, ${d.vertices[e.ends[1]]}}`)}</title></line>`);
  });
  d.vertices.forEach((name, v) => {
    const p = pos(v);
    const k = d.colorOf?.[v];
    const core = coreVertices.has(v);
    parts.push(
      `<circle class="vertex${core ? ' core' : ''}" data-vertex="${v}"${k !== undefined ? ` data-class="${k}"` : ''} cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="11" fill="${k !== undefined ? classColor(k) : '#eee'}" stroke="${core ? CORE_COLOR : '#333'}" stroke-width="${core ? 2.5 : 1}">` +
        `<title>${esc(`${name}${k !== undefined ? `: ${d.colorNames?.[k] ?? `colour ${k}`}` : ''}`)}</title></circle>`,
      `<text x="${fmt(p.x)}" y="${fmt(p.y + 4)}" text-anchor="middle" font-size="10">${esc(name)}</text>`,
    );
  });
  if (items.length) parts.push(legend(items, plotW, 20));
  parts.push('</svg>');
  return parts.join('');
}
