/**
 * Model-guided phases (src/exact/model-phase.ts) keep per-unit side sums across checks
 * (recomputed only for a new separator, over sparse points) and repair only the clauses
 * that unit propagation at the root leaves open and that hold a phased variable. This
 * checks that against a from-scratch reference written as the procedure is stated (dense
 * dot products, every clause of two or more literals, in order): on random clause sets,
 * random fixed points, random separators (the same object again or a new one) and random
 * assignments that keep the literals unit propagation fixes at the root (the engine's
 * fixpoints always do), both write the same phases in the same order and flip as often.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelPhases, type PhaseTarget } from '../../src/exact/model-phase.js';
import type { LabelledPoints } from '../../src/exact/separation.js';
import type { ThresholdTheory } from '../../src/exact/skeleton.js';

/** The procedure as stated: dense sums, every clause of two or more literals. */
class ReferencePhases {
  private readonly phase: Int8Array;
  private readonly distance: Float64Array;
  private readonly touched: number[] = [];
  flipped = 0;
  constructor(
    private readonly target: PhaseTarget,
    numVars: number,
    private readonly clauses: number[][],
  ) {
    this.phase = new Int8Array(numVars + 1);
    this.distance = new Float64Array(numVars + 1).fill(Infinity);
  }

  observe(th: ThresholdTheory, pts: LabelledPoints, ids: readonly number[], w: Float64Array): void {
    const dot = (x: Float64Array) => {
      let s = 0;
      for (let j = 0; j < x.length; j++) s += w[j] * x[j];
      return s;
    };
    let norm = 0;
    for (let c = 0; c < pts.dim; c++) norm += w[c] * w[c];
    if (norm === 0) return;
    norm = Math.sqrt(norm);
    let minPos = Infinity;
    let maxNeg = -Infinity;
    for (const i of ids) {
      if (pts.labels[i] === 1) minPos = Math.min(minPos, dot(pts.float[i]));
      else maxNeg = Math.max(maxNeg, dot(pts.float[i]));
    }
    if (minPos === Infinity && maxNeg === -Infinity) return;
    const t = minPos === Infinity ? maxNeg + 1 : maxNeg === -Infinity ? minPos : maxNeg + 1e-9 * (1 + Math.abs(maxNeg));
    th.out.forEach((l, p) => {
      if (this.target.litValue(l) !== 0) return;
      const d = dot(pts.float[p]) - t;
      const v = Math.abs(l);
      this.phase[v] = (l > 0 ? d >= 0 : d < 0) ? 1 : -1;
      this.distance[v] = Math.abs(d) / norm;
      this.touched.push(v);
    });
  }

  commit(): void {
    if (this.touched.length === 0) return;
    for (const c of this.clauses) {
      if (c.length < 2) continue;
      let best = 0;
      let bestD = Infinity;
      let ok = false;
      for (const l of c) {
        const val = this.target.litValue(l);
        if (val === 1) {
          ok = true;
          break;
        }
        if (val === -1) continue;
        const ph = this.phase[Math.abs(l)];
        if (ph === 0 || l > 0 === ph > 0) {
          ok = true;
          break;
        }
        if (this.distance[Math.abs(l)] < bestD) {
          bestD = this.distance[Math.abs(l)];
          best = l;
        }
      }
      if (ok || best === 0) continue;
      this.phase[Math.abs(best)] = best > 0 ? 1 : -1;
      this.touched.push(Math.abs(best));
      this.flipped++;
      this.target.bumpActivity?.(Math.abs(best));
    }
    for (const v of this.touched) if (this.phase[v] !== 0) this.target.setPhase(v, this.phase[v] > 0);
    this.touched.length = 0;
  }
}

/** The literals unit propagation of the clauses fixes (null on a conflict). */
function rootLiterals(numVars: number, clauses: number[][]): Int8Array | null {
  const value = new Int8Array(numVars + 1);
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of clauses) {
      const open = c.filter((l) => value[Math.abs(l)] === 0);
      if (c.some((l) => value[Math.abs(l)] === (l > 0 ? 1 : -1))) continue;
      if (open.length === 0) return null;
      if (open.length === 1) {
        value[Math.abs(open[0])] = open[0] > 0 ? 1 : -1;
        changed = true;
      }
    }
  }
  return value;
}

const NUM_VARS = 12;
const lit = fc.tuple(fc.integer({ min: 1, max: NUM_VARS }), fc.boolean()).map(([v, s]) => (s ? v : -v));
const scenario = fc.record({
  clauses: fc.array(fc.array(lit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
  dim: fc.integer({ min: 1, max: 4 }),
  // Two units over the first and second half of the variables, points with small integer coordinates, mostly 0.
  points: fc.array(fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1), fc.integer({ min: -2, max: 3 })), { minLength: 4, maxLength: 4 }), {
    minLength: NUM_VARS / 2,
    maxLength: NUM_VARS / 2,
  }),
  rounds: fc.array(
    fc.record({
      assign: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: NUM_VARS, maxLength: NUM_VARS }),
      unit: fc.integer({ min: 0, max: 1 }),
      labels: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: NUM_VARS / 2, maxLength: NUM_VARS / 2 }),
      ids: fc.subarray([0, 1, 2, 3, 4, 5]),
      w: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }),
      sameW: fc.boolean(),
      commit: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

describe('model phases', () => {
  it('write the same phases and flips as the from-scratch procedure', () => {
    fc.assert(
      fc.property(scenario, ({ clauses, dim, points, rounds }) => {
        const root = rootLiterals(NUM_VARS, clauses);
        const value = new Int8Array(NUM_VARS + 1);
        const writes: { fast: string[]; ref: string[] } = { fast: [], ref: [] };
        const target = (log: string[]): PhaseTarget => ({
          litValue: (l) => (l > 0 ? value[l] : -value[-l]),
          setPhase: (v, b) => void log.push(`${v}${b ? '+' : '-'}`),
          bumpActivity: (v) => void log.push(`bump ${v}`),
        });
        const fast = new ModelPhases(target(writes.fast), NUM_VARS, clauses);
        const ref = new ReferencePhases(target(writes.ref), NUM_VARS, clauses);
        const float = points.map((p) => Float64Array.from(p.slice(0, dim)));
        const units = [0, 1].map((u) => ({ mode: 'points', constant: true, out: [1, 2, 3, 4, 5, 6].map((v) => (u === 0 ? v : -(v + 6))) }) as unknown as ThresholdTheory);
        let w = new Float64Array(dim);
        for (const r of rounds) {
          // An assignment keeping every literal the root fixes (when the root has no conflict).
          for (let v = 1; v <= NUM_VARS; v++) value[v] = root && root[v] !== 0 ? root[v] : r.assign[v - 1];
          if (!r.sameW) w = Float64Array.from(r.w.slice(0, dim));
          const pts: LabelledPoints = { exact: [], float, labels: Uint8Array.from(r.labels), dim };
          fast.observe(units[r.unit], pts, r.ids, w);
          ref.observe(units[r.unit], pts, r.ids, w);
          if (r.commit) {
            fast.commit();
            ref.commit();
          }
          expect(writes.fast).toEqual(writes.ref);
          expect(fast.flipped).toBe(ref.flipped);
        }
      }),
      { numRuns: 400 },
    );
  });
});
