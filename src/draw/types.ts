/**
 * The plain data the network drawings take: points with labels, and the hyperplanes of
 * threshold units. Numbers, not trainsat's exact Rationals, so that a caller without the
 * model (a browser page) can build them; reductions/pictures.ts converts a trainsat
 * instance and its checked parameters.
 */

/** A training example as drawn: its input vector, its 0/1 label, and whether it belongs to a core. */
export interface DrawPoint {
  x: readonly number[];
  label: 0 | 1;
  /** Member of the core of a NO instance (drawn with a ring). */
  core?: boolean;
  /** What the point is called in the tooltip, e.g. "examples[3]: e_2 (s3)". */
  name?: string;
}

/** A threshold unit `unit = [w.x >= t]`: on where w.x - t >= 0, off elsewhere. */
export interface DrawPlane {
  /** The unit's id, e.g. "h1" (written to the element's `data-unit`). */
  unit: string;
  w: readonly number[];
  t: number;
}

/** w.x - t: non-negative exactly where the unit is on. */
export function margin(p: DrawPlane, x: readonly number[]): number {
  let s = -p.t;
  for (let i = 0; i < p.w.length; i++) s += p.w[i] * (x[i] ?? 0);
  return s;
}

/** How many points carry each label. */
export function labelCounts(points: readonly DrawPoint[]): Record<0 | 1, number> {
  const c: Record<0 | 1, number> = { 0: 0, 1: 0 };
  for (const p of points) c[p.label]++;
  return c;
}
