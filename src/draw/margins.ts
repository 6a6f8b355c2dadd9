/**
 * The margin projection, for networks with more inputs than a cube can show: each example
 * is placed by its hidden units' margins m_u(x) = w_u.x - t_u, the quantity whose sign says
 * whether unit u is on (m >= 0) or off (m < 0). So each unit's hyperplane is an axis of the
 * drawing, and every example is drawn on the side of it where the unit really is.
 *
 *  - Two hidden units: a scatter plot with x = m_1 and y = m_2; the vertical axis is h1's
 *    hyperplane, the horizontal axis h2's. Given the output unit's table on (h1, h2), the
 *    quadrants where the network outputs 1 are shaded.
 *  - Any other number of units: one horizontal strip per unit, the example at x = m_u in
 *    each strip, the unit's hyperplane the vertical line m_u = 0.
 *
 * Each axis is scaled linearly and symmetrically (0 in the middle), and examples at the
 * same position are fanned out into their own quadrant, so the drawn side of every axis is
 * exactly the sign of the margin (`marginLayout`, tested as a property).
 *
 * Markup contract: one element with `class="hyperplane" data-unit="ID"` per unit, one
 * `<circle class="point label-Y" data-example="K">` per example (per strip), and
 * `class="core-mark"` rings around core members.
 */
import { esc, fmt, LABEL_COLORS, labelLegend, legend, legendHeight, legendWidth, svgOpen, unitColor, CORE_COLOR, type LegendItem } from './svg.js';
import { labelCounts, margin, type DrawPlane, type DrawPoint } from './types.js';

export interface MarginDrawing {
  points: readonly DrawPoint[];
  /** The hidden units, at least one. */
  planes: readonly DrawPlane[];
  /**
   * With two units: the network's output on (h1, h2) = (0,0), (0,1), (1,0), (1,1); the
   * quadrants where it is 1 are shaded.
   */
  outputTable?: readonly (0 | 1)[];
  title?: string;
}

/** Where each point goes on one axis: `pos[k]` is the screen offset from the axis line (sign = side). */
export interface AxisLayout {
  /** Screen offset of each point from the axis' zero, in pixels; >= 0 exactly when the margin is >= 0. */
  offset: number[];
  /** Pixels per unit of margin. */
  scale: number;
}

/**
 * Lays out one axis of half-length `half` pixels: offset = margin * scale, plus a fan-out
 * of `spread` pixels per earlier point at the same position, away from the axis on the
 * point's own side. Points with margin >= 0 get offset >= 0, points with margin < 0 get
 * offset < 0 (margins too small to show are nudged 1 px to their side).
 */
export function layoutAxis(margins: readonly number[], half: number, dupIndex: readonly number[] = [], spread = 0): AxisLayout {
  const max = margins.reduce((a, m) => Math.max(a, Math.abs(m)), 0);
  const scale = max > 0 ? (half * 0.7) / max : 1;
  const offset = margins.map((m, k) => {
    const fan = spread * (dupIndex[k] ?? 0);
    let o = m * scale;
    if (m < 0 && o > -1) o = -1;
    return m >= 0 ? o + fan : o - fan;
  });
  return { offset, scale };
}

/** The scatter layout of two units: screen x/y offsets from the crossing of the two hyperplane axes (y grows downwards). */
export function marginLayout(points: readonly DrawPoint[], planes: readonly [DrawPlane, DrawPlane], halfW: number, halfH: number): { dx: number[]; dy: number[] } {
  const m1 = points.map((p) => margin(planes[0], p.x));
  const m2 = points.map((p) => margin(planes[1], p.x));
  const seen = new Map<string, number>();
  const dup = points.map((_, k) => {
    const key = `${m1[k]},${m2[k]}`;
    const c = seen.get(key) ?? 0;
    seen.set(key, c + 1);
    return c;
  });
  const ax = layoutAxis(m1, halfW, dup, 9);
  const ay = layoutAxis(m2, halfH, dup, 9);
  return { dx: ax.offset, dy: ay.offset.map((o) => -o) };
}

function pointMark(p: DrawPoint, k: number, cx: number, cy: number, tip: string): string {
  const ring = p.core ? `<circle class="core-mark" cx="${fmt(cx)}" cy="${fmt(cy)}" r="9" fill="none" stroke="${CORE_COLOR}" stroke-width="2.5"/>` : '';
  return `${ring}<circle class="point label-${p.label}" data-example="${k}" cx="${fmt(cx)}" cy="${fmt(cy)}" r="5.5" fill="${LABEL_COLORS[p.label]}" stroke="#222" stroke-width="0.7" fill-opacity="0.9"><title>${esc(tip)}</title></circle>`;
}

function tipOf(p: DrawPoint, k: number, planes: readonly DrawPlane[]): string {
  return `${p.name ?? `examples[${k}]`}, label ${p.label}: ${planes.map((pl) => `${pl.unit} margin ${fmt(margin(pl, p.x))} (${margin(pl, p.x) >= 0 ? 'on' : 'off'})`).join(', ')}`;
}

function commonLegend(d: MarginDrawing, extra: LegendItem[]): LegendItem[] {
  return [
    ...labelLegend(labelCounts(d.points)),
    ...d.planes.map((p, u) => ({ label: `${p.unit}'s hyperplane: ${p.unit} is on at margin >= 0`, shape: 'line' as const, color: unitColor(u) })),
    ...extra,
    ...(d.points.some((p) => p.core) ? [{ label: 'in the core (cannot be fitted together)', shape: 'ring' as const, color: CORE_COLOR }] : []),
  ];
}

/** The margin projection as an SVG string (see the module comment). */
export function drawMargins(d: MarginDrawing): string {
  if (d.planes.length === 0) throw new RangeError('drawMargins needs at least one hidden unit');
  return d.planes.length === 2 ? scatter(d, [d.planes[0], d.planes[1]]) : strips(d);
}

function scatter(d: MarginDrawing, planes: readonly [DrawPlane, DrawPlane]): string {
  const half = 150;
  const pad = 40;
  const cx = pad + half;
  const cy = 20 + half;
  const { dx, dy } = marginLayout(d.points, planes, half, half);
  const shaded = d.outputTable ? [[0, 0], [0, 1], [1, 0], [1, 1]].filter((_, q) => d.outputTable![q] === 1) : [];
  const items = commonLegend(d, shaded.length ? [{ label: 'where the network outputs 1', shape: 'dot', color: '#cfe8d4' }] : []);
  const plotW = 2 * pad + 2 * half;
  const width = plotW + Math.max(200, legendWidth(items));
  const height = Math.max(2 * half + 70, 20 + legendHeight(items.length));
  const parts = [svgOpen(width, height, 'margins', d.title ?? `Each example placed by the margins of ${planes[0].unit} and ${planes[1].unit}`)];
  for (const [a, b] of shaded) {
    // (a, b) = (h1, h2) on/off: h1 on is the right half, h2 on the upper half.
    parts.push(`<rect class="output-on" x="${fmt(a ? cx : cx - half)}" y="${fmt(b ? cy - half : cy)}" width="${half}" height="${half}" fill="#cfe8d4" fill-opacity="0.7"/>`);
  }
  parts.push(`<rect x="${cx - half}" y="${cy - half}" width="${2 * half}" height="${2 * half}" fill="none" stroke="#bbb"/>`);
  parts.push(
    `<g class="hyperplane" data-unit="${esc(planes[0].unit)}"><line x1="${cx}" y1="${cy - half}" x2="${cx}" y2="${cy + half}" stroke="${unitColor(0)}" stroke-width="2.5"/>` +
      `<text x="${cx + 4}" y="${cy - half + 14}" fill="${unitColor(0)}" font-weight="bold">${esc(planes[0].unit)} = 0</text></g>`,
  );
  parts.push(
    `<g class="hyperplane" data-unit="${esc(planes[1].unit)}"><line x1="${cx - half}" y1="${cy}" x2="${cx + half}" y2="${cy}" stroke="${unitColor(1)}" stroke-width="2.5"/>` +
      `<text x="${cx - half + 4}" y="${cy - 5}" fill="${unitColor(1)}" font-weight="bold">${esc(planes[1].unit)} = 0</text></g>`,
  );
  parts.push(
    `<g class="axis-titles" fill="#444"><text x="${cx + half}" y="${cy + half + 18}" text-anchor="end">margin of ${esc(planes[0].unit)}: w1.x - t1 (right: ${esc(planes[0].unit)} on)</text>` +
      `<text transform="translate(${cx - half - 10},${cy + half}) rotate(-90)">margin of ${esc(planes[1].unit)}: w2.x - t2 (up: on)</text></g>`,
  );
  d.points.forEach((p, k) => parts.push(pointMark(p, k, cx + dx[k], cy + dy[k], tipOf(p, k, planes))));
  parts.push(legend(items, plotW, 20), '</svg>');
  return parts.join('');
}

function strips(d: MarginDrawing): string {
  const half = 170;
  const pad = 60;
  const stripH = 70;
  const cx = pad + half;
  const items = commonLegend(d, []);
  const plotW = 2 * pad + 2 * half;
  const width = plotW + Math.max(200, legendWidth(items));
  const height = Math.max(20 + stripH * d.planes.length + 30, 20 + legendHeight(items.length));
  const parts = [svgOpen(width, height, 'margins', d.title ?? `Each example placed, once per hidden unit, by that unit's margin`)];
  d.planes.forEach((pl, u) => {
    const top = 20 + stripH * u;
    const ms = d.points.map((p) => margin(pl, p.x));
    const seen = new Map<number, number>();
    const dup = ms.map((m) => {
      const c = seen.get(m) ?? 0;
      seen.set(m, c + 1);
      return c;
    });
    const { offset } = layoutAxis(ms, half);
    parts.push(`<rect x="${cx - half}" y="${top}" width="${2 * half}" height="${stripH - 10}" fill="none" stroke="#ddd"/>`);
    parts.push(`<rect x="${cx}" y="${top}" width="${half}" height="${stripH - 10}" fill="${unitColor(u)}" fill-opacity="0.06"/>`);
    parts.push(`<text x="${cx - half - 8}" y="${top + stripH / 2}" text-anchor="end" fill="${unitColor(u)}" font-weight="bold">${esc(pl.unit)}</text>`);
    parts.push(`<g class="hyperplane" data-unit="${esc(pl.unit)}"><line x1="${cx}" y1="${top}" x2="${cx}" y2="${top + stripH - 10}" stroke="${unitColor(u)}" stroke-width="2.5"/></g>`);
    d.points.forEach((p, k) => {
      const y = top + 8 + ((dup[k] * 11) % (stripH - 22));
      parts.push(pointMark(p, k, cx + offset[k], y + 4, tipOf(p, k, d.planes)));
    });
  });
  parts.push(`<text x="${cx}" y="${20 + stripH * d.planes.length + 8}" text-anchor="middle" fill="#444">margin w.x - t of each unit (right of its line: on; left: off)</text>`);
  parts.push(legend(items, plotW, 20), '</svg>');
  return parts.join('');
}
