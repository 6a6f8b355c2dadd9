/**
 * A CNF formula as a grid: one row per clause, one chip per literal. With an assignment,
 * the top row gives each variable's value and every literal chip is green when it is true
 * and grey when it is false, so a satisfied clause is a row with a green chip (and a
 * not-all-equal clause one with a green and a grey chip). Clauses of a core (the part of
 * the formula that is already unsatisfiable, as far as the reduction's core shows it) are
 * outlined in red.
 *
 * Markup contract: `<g class="clause" data-clause="J">` per clause (`class="clause core"`
 * for core clauses), `<rect class="literal true|false">` per literal chip when an
 * assignment is given.
 */
import { esc, fmt, legend, legendHeight, legendWidth, svgOpen, CORE_COLOR, type LegendItem } from './svg.js';

export interface ClauseDrawing {
  numVars: number;
  /** DIMACS-style clauses: literal v > 0 is variable v, -v its negation (variables 1..numVars). */
  clauses: readonly (readonly number[])[];
  /** `assignment[v - 1]` is the value of variable v, when a satisfying assignment is known. */
  assignment?: readonly boolean[];
  /** Indices of the clauses in the core. */
  coreClauses?: readonly number[];
  /** Name of variable v (default "p" + v). */
  variableName?: (v: number) => string;
  /** Name of clause j (default "C" + j). */
  clauseName?: (j: number) => string;
  title?: string;
}

/** Most clauses drawn. */
export const MAX_CLAUSES = 60;

const TRUE_FILL = '#b7e1bf';
const FALSE_FILL = '#e4e4e4';

/** The grid as an SVG string, or null when the formula is too large (or has no clause). */
export function drawClauses(d: ClauseDrawing): string | null {
  const m = d.clauses.length;
  if (m === 0 || m > MAX_CLAUSES) return null;
  const vName = d.variableName ?? ((v: number) => `p${v}`);
  const cName = d.clauseName ?? ((j: number) => `C${j}`);
  const lit = (l: number) => `${l < 0 ? '¬' : ''}${vName(Math.abs(l))}`;
  const core = new Set(d.coreClauses ?? []);
  const chipW = 52;
  const rowH = 26;
  const widest = d.clauses.reduce((a, c) => Math.max(a, c.length), 1);
  const top = d.assignment ? 46 : 16;
  const plotW = 60 + widest * (chipW + 6) + 20;
  const items: LegendItem[] = [
    ...(d.assignment
      ? [
          { label: 'literal true under the assignment', shape: 'dot' as const, color: TRUE_FILL },
          { label: 'literal false', shape: 'dot' as const, color: FALSE_FILL },
        ]
      : []),
    ...(core.size ? [{ label: 'clauses in the core', shape: 'ring' as const, color: CORE_COLOR }] : []),
  ];
  const width = Math.max(plotW, 24 + d.numVars * 58) + legendWidth(items);
  const legendX = Math.max(plotW, 24 + d.numVars * 58);
  const height = Math.max(top + rowH * m + 10, 20 + legendHeight(items.length));
  const parts = [svgOpen(width, height, 'clauses', d.title ?? 'The clauses, one row each, literal by literal')];
  if (d.assignment) {
    const vals = d.assignment.map((b, k) => `<text x="${24 + 58 * k}" y="24" class="variable" data-value="${b ? 1 : 0}">${esc(`${vName(k + 1)} = ${b ? 1 : 0}`)}</text>`);
    parts.push(`<g class="assignment">${vals.join('')}</g>`);
  }
  d.clauses.forEach((c, j) => {
    const y = top + rowH * j;
    const isCore = core.has(j);
    const chips = c.map((l, q) => {
      const x = 60 + q * (chipW + 6);
      const val = d.assignment ? d.assignment[Math.abs(l) - 1] === l > 0 : undefined;
      const fill = val === undefined ? '#fff' : val ? TRUE_FILL : FALSE_FILL;
      return (
        `<rect class="literal${val === undefined ? '' : val ? ' true' : ' false'}" x="${fmt(x)}" y="${y}" width="${chipW}" height="${rowH - 6}" rx="4" fill="${fill}" stroke="#888"/>` +
        `<text x="${fmt(x + chipW / 2)}" y="${y + 14}" text-anchor="middle">${esc(lit(l))}</text>`
      );
    });
    const outline = isCore ? `<rect x="6" y="${y - 3}" width="${fmt(plotW - 14)}" height="${rowH}" rx="5" fill="none" stroke="${CORE_COLOR}" stroke-width="2.5"/>` : '';
    parts.push(`<g class="clause${isCore ? ' core' : ''}" data-clause="${j}">${outline}<text x="14" y="${y + 14}" font-weight="bold">${esc(cName(j))}</text>${c.length ? chips.join('') : `<text x="60" y="${y + 14}" fill="#b00">(empty clause)</text>`}</g>`);
  });
  if (items.length) parts.push(legend(items, legendX, 20));
  parts.push('</svg>');
  return parts.join('');
}
