/**
 * trainsat's drawings: pure functions from plain data (numbers, names, index lists) to an
 * SVG string, with no Node or browser API, so that the static `reduce --html` pages and a
 * browser page can inline the same pictures. One drawing per file:
 *
 *  - cube.ts     `drawCube`: examples on the unit segment/square/cube (n <= 3) with each
 *                hidden unit's hyperplane clipped to it (`clipPlaneToCube`);
 *  - margins.ts  `drawMargins`: more inputs, examples placed by the hidden units' margins
 *                w.x - t, so each unit's boundary is an axis (`marginLayout`, `layoutAxis`);
 *  - sets.ts     `drawSetSystem`: elements and sets, coloured by a splitting / colouring;
 *  - graph.ts    `drawGraph`: a graph on a circle, vertices coloured;
 *  - clauses.ts  `drawClauses`: a CNF formula, literals coloured by an assignment.
 *
 * Every drawing marks the members of a core (the reason for a NO answer) in red when given.
 */
export * from './types.js';
export { esc, LABEL_COLORS, UNIT_COLORS, CLASS_COLORS, CORE_COLOR } from './svg.js';
export { drawCube, clipPlaneToCube, projectCube, type CubeDrawing } from './cube.js';
export { drawMargins, marginLayout, layoutAxis, type MarginDrawing, type AxisLayout } from './margins.js';
export { drawSetSystem, type SetSystemDrawing } from './sets.js';
export { drawGraph, type GraphDrawing } from './graph.js';
export { drawClauses, type ClauseDrawing } from './clauses.js';
