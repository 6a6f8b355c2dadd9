/**
 * Shared pieces of trainsat's drawings: escaping, number formatting, the colour palettes
 * (labels, hidden units, partition sides / colour classes, the core highlight), the
 * `<svg>` wrapper and a legend. Everything here is a pure function from data to a string
 * of SVG markup, with no Node or browser API, so the same drawings can be inlined in the
 * static `reduce --html` pages and rendered in a browser.
 */

/** Escapes text for SVG/HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with at most two decimals (compact markup, stable output). */
export function fmt(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Fill colours of the two example labels: 1 (positive) and 0 (negative). */
export const LABEL_COLORS: Readonly<Record<0 | 1, string>> = { 1: '#2f8f46', 0: '#4a5563' };

/** Stroke colours of hidden units h1, h2, ... (cycled). */
export const UNIT_COLORS = ['#6a3d9a', '#1f78b4', '#b15928', '#e7298a', '#666666'];

/** Fill colours of partition sides / colour classes 0, 1, ... (cycled). */
export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#76b7b2', '#edc948', '#b07aa1', '#9c755f', '#ff9da7', '#59a14f'];

/** The colour that marks the members of a core (a NO instance's reason). */
export const CORE_COLOR = '#d62728';

export function unitColor(u: number): string {
  return UNIT_COLORS[u % UNIT_COLORS.length];
}

export function classColor(c: number): string {
  return CLASS_COLORS[c % CLASS_COLORS.length];
}

/** Opens an `<svg>` of the given size with an accessible title and a class naming the drawing. */
export function svgOpen(width: number, height: number, kind: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="trainsat-drawing ${esc(kind)}" width="${fmt(width)}" height="${fmt(height)}" ` +
    `viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img">` +
    `<title>${esc(title)}</title>`
  );
}

export interface LegendItem {
  label: string;
  /** `dot`: a filled circle; `line`: a stroke; `ring`: an unfilled circle (the core mark). */
  shape: 'dot' | 'line' | 'ring';
  color: string;
  dashed?: boolean;
}

/** A vertical legend whose top-left corner is (x, y); one row of 18 px per item. */
export function legend(items: readonly LegendItem[], x: number, y: number): string {
  const rows = items.map((it, k) => {
    const cy = y + 9 + 18 * k;
    const mark =
      it.shape === 'dot'
        ? `<circle cx="${fmt(x + 7)}" cy="${fmt(cy)}" r="5" fill="${it.color}" stroke="#333" stroke-width="0.6"/>`
        : it.shape === 'ring'
          ? `<circle cx="${fmt(x + 7)}" cy="${fmt(cy)}" r="6" fill="none" stroke="${it.color}" stroke-width="2.5"/>`
          : `<line x1="${fmt(x)}" y1="${fmt(cy)}" x2="${fmt(x + 14)}" y2="${fmt(cy)}" stroke="${it.color}" stroke-width="2.5"${it.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
    return `${mark}<text x="${fmt(x + 20)}" y="${fmt(cy + 4)}">${esc(it.label)}</text>`;
  });
  return `<g class="legend">${rows.join('')}</g>`;
}

/** Width a legend takes (about 6.6 px per character of its longest label at 12 px). */
export function legendWidth(items: readonly LegendItem[]): number {
  return items.length ? 30 + Math.ceil(6.6 * Math.max(...items.map((it) => it.label.length))) : 0;
}

/** Height a legend of `count` items takes. */
export function legendHeight(count: number): number {
  return 18 * count + 4;
}

/** The legend entries of the two labels, with counts ("label 1 (3 examples)"). */
export function labelLegend(counts: Readonly<Record<0 | 1, number>>): LegendItem[] {
  return ([1, 0] as const).map((y) => ({
    label: `label ${y}${y === 1 ? ' (positive)' : ' (negative)'}: ${counts[y]} example${counts[y] === 1 ? '' : 's'}`,
    shape: 'dot' as const,
    color: LABEL_COLORS[y],
  }));
}
