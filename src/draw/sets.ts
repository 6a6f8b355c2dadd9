/**
 * A set system (Set Splitting, or a hypergraph) as a bipartite element-set diagram: the
 * elements as dots in a row on top, the sets as boxes in a row below, a line from each set
 * to each of its members. With a partition (a splitting S1/S2, or a colouring with k
 * classes) every element is filled with its class's colour, and each set box shows which
 * classes it meets; members of a core (the sets and elements behind a NO answer) are
 * outlined in red.
 *
 * Markup contract: `<circle class="element" data-element="I" data-class="C">` per element
 * (data-class absent without a partition), `<g class="set" data-set="J">` per set, and
 * `class="core"` on the core members' elements.
 */
import { classColor, esc, fmt, legend, legendHeight, legendWidth, svgOpen, CORE_COLOR, type LegendItem } from './svg.js';

export interface SetSystemDrawing {
  /** Element names, e.g. ["s1", "s2", "s3"] or ["p1", "¬p1", ...]. */
  elements: readonly string[];
  /** The sets as lists of element indices, with their names (e.g. "c0"). */
  sets: readonly { name: string; members: readonly number[] }[];
  /** The class of each element (0 = S1 / colour 0, 1 = S2 / colour 1, ...), when a solution is known. */
  classOf?: readonly number[];
  /** The class names for the legend, e.g. ["S1", "S2"] or ["colour 0", "colour 1", "colour 2"]. */
  classNames?: readonly string[];
  /** Indices of the sets in the core. */
  coreSets?: readonly number[];
  /** Indices of the elements in the core. */
  coreElements?: readonly number[];
  title?: string;
}

/** Most elements or sets drawn; larger systems get no diagram (the text lists them). */
export const MAX_DRAWN = 64;

/** The diagram as an SVG string, or null when the system is too large to draw legibly. */
export function drawSetSystem(d: SetSystemDrawing): string | null {
  const n = d.elements.length;
  const m = d.sets.length;
  if (n > MAX_DRAWN || m > MAX_DRAWN || n + m === 0) return null;
  const gapE = 46;
  const gapS = 52;
  const rowW = Math.max(n * gapE, m * gapS);
  const left = 30;
  const ex = (i: number) => left + (rowW - n * gapE) / 2 + gapE * (i + 0.5);
  const sx = (j: number) => left + (rowW - m * gapS) / 2 + gapS * (j + 0.5);
  const ey = 40;
  const sy = 150;
  const coreSets = new Set(d.coreSets ?? []);
  const coreElements = new Set(d.coreElements ?? []);
  const k = d.classNames?.length ?? 0;
  const items: LegendItem[] = [
    ...(d.classOf ? (d.classNames ?? []).map((name, c) => ({ label: name, shape: 'dot' as const, color: classColor(c) })) : []),
    ...(coreSets.size || coreElements.size ? [{ label: 'in the core (no splitting exists for these alone)', shape: 'ring' as const, color: CORE_COLOR }] : []),
  ];
  const plotW = left + rowW + 20;
  const width = plotW + legendWidth(items);
  const height = Math.max(sy + 50, 20 + legendHeight(items.length));
  const parts = [svgOpen(width, height, 'set-system', d.title ?? 'The elements (top) and the sets (bottom), a line from each set to its members')];
  d.sets.forEach((set, j) => {
    const core = coreSets.has(j);
    const members = [...new Set(set.members)].sort((a, b) => a - b);
    const lines = members.map((i) => `<line x1="${fmt(ex(i))}" y1="${ey + 9}" x2="${fmt(sx(j))}" y2="${sy - 13}" stroke="${core ? CORE_COLOR : '#8a8a8a'}" stroke-width="${core ? 1.8 : 1}"/>`);
    const met = d.classOf ? [...new Set(members.map((i) => d.classOf![i]))].sort((a, b) => a - b) : [];
    const sw = 10;
    const chips = met.map((c, q) => `<rect x="${fmt(sx(j) - (met.length * sw) / 2 + q * sw)}" y="${sy + 14}" width="${sw - 2}" height="6" fill="${classColor(c)}"/>`);
    const tip = `${set.name} = {${members.map((i) => d.elements[i]).join(', ')}}${d.classOf ? (met.length >= 2 ? `: meets ${met.map((c) => d.classNames?.[c] ?? c).join(' and ')}` : ': NOT split') : ''}${core ? ' (in the core)' : ''}`;
    parts.push(
      `<g class="set${core ? ' core' : ''}" data-set="${j}"><title>${esc(tip)}</title>${lines.join('')}` +
        `<rect x="${fmt(sx(j) - 20)}" y="${sy - 13}" width="40" height="24" rx="5" fill="#fafafa" stroke="${core ? CORE_COLOR : '#555'}" stroke-width="${core ? 2.5 : 1}"/>` +
        `<text x="${fmt(sx(j))}" y="${sy + 4}" text-anchor="middle">${esc(set.name)}</text>${chips.join('')}</g>`,
    );
  });
  d.elements.forEach((name, i) => {
    const c = d.classOf?.[i];
    const core = coreElements.has(i);
    parts.push(
      `<circle class="element${core ? ' core' : ''}" data-element="${i}"${c !== undefined ? ` data-class="${c}"` : ''} cx="${fmt(ex(i))}" cy="${ey}" r="9" ` +
        `fill="${c !== undefined ? classColor(c) : '#eee'}" stroke="${core ? CORE_COLOR : '#333'}" stroke-width="${core ? 2.5 : 1}"><title>${esc(`${name}${c !== undefined ? ` in ${d.classNames?.[c] ?? c}` : ''}`)}</title></circle>`,
      `<text x="${fmt(ex(i))}" y="${ey - 15}" text-anchor="middle">${esc(name)}</text>`,
    );
  });
  if (k && d.classOf) parts.push(`<text x="${left}" y="${sy + 40}" fill="#555">under each set: the ${k === 2 ? 'sides' : 'classes'} it meets</text>`);
  if (items.length) parts.push(legend(items, plotW, 20));
  parts.push('</svg>');
  return parts.join('');
}
