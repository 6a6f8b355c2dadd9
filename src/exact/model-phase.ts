/**
 * Model-guided phases for the hybrid search: a decision on a unit's output follows the
 * separator the theory just found.
 *
 * What. After a theory check in which a real-weight threshold unit with fixed points was
 * separable, the float LP's direction w (a hint; nothing exact rests on it) together with a
 * threshold t drawn among the needed points' sums classifies every point the search has not yet
 * labelled. The phase of each unassigned output literal is set to that class, so the next
 * decision on it agrees with a separator that already exists: the LP stays feasible
 * without pivots and no conflict can come from that unit. Then, for every clause of the
 * skeleton that those phases would falsify (in blum-rivest-and: a negative example that
 * no current hyperplane rejects), the phase of its open literal nearest to its hyperplane
 * (smallest distance |w.x - t| / |w|) is flipped: the unit that has to move least takes
 * the example.
 *
 * Why. In a conjunction of threshold units (blum-rivest-and) every negative example must be
 * rejected by at least one unit, i.e. the negatives are 2-coloured between the units. The
 * search's default phase (every output true, so every negative is pushed onto the other
 * unit) ignores the geometry, and on trainable instances most theory conflicts come from
 * decisions that contradict a hyperplane the LP would happily have kept. With phases from
 * the current separators, a negative already rejected by a unit's hyperplane is assigned to
 * that unit, and only the negatives that no current hyperplane rejects take real decisions.
 * This is the SMT practice of deciding theory atoms in the phase the theory's current model
 * satisfies (the simplex assignment of Dutertre & de Moura, "A Fast Linear-Arithmetic
 * Solver for DPLL(T)", CAV 2006, is such a model), applied to the output literals that
 * stand for the atoms "w.x_p >= t".
 *
 * Soundness: phases only order the search; every answer is still the CDCL engine's with
 * the theory's exact checks (cdcl.ts, hybrid.ts), so exactness and completeness are
 * untouched. Deterministic: the phases are a function of the search state.
 */
import { dot, sideSums } from './hyperplane-phase.js';
import type { LabelledPoints } from './separation.js';
import type { ThresholdTheory } from './skeleton.js';

/** What the phases are written to: the CDCL engine's value of a literal and its phase setter. */
export interface PhaseTarget {
  litValue(l: number): number;
  setPhase(v: number, value: boolean): void;
  bumpActivity?(v: number): void;
}

export class ModelPhases {
  /** Per variable: the phase last set from a separator, and its distance to the hyperplane (Infinity: none). */
  private readonly phase: Int8Array;
  private readonly distance: Float64Array;
  /** The skeleton's clauses of two or more literals (the ones a phase can falsify). */
  private readonly clauses: Int32Array[];
  /** Variables given a phase since the last repair. */
  private readonly touched: number[] = [];
  /** Phases set and flipped so far. */
  set = 0;
  flipped = 0;

  /**
   * `side`: where the line between the classes is drawn when both are needed: 'free' (a
   * point is put below only if it is no higher than the highest needed point labelled 0, so
   * labelling it 0 moves nothing in the LP: its margin bound already holds) or 'midpoint'
   * (halfway to the lowest needed point labelled 1).
   */
  constructor(
    private readonly target: PhaseTarget,
    numVars: number,
    clauses: readonly (readonly number[])[],
    private readonly side: 'free' | 'midpoint' = 'free',
  ) {
    this.phase = new Int8Array(numVars + 1);
    this.distance = new Float64Array(numVars + 1).fill(Infinity);
    this.clauses = clauses.filter((c) => c.length >= 2).map((c) => Int32Array.from(c));
  }

  /**
   * A unit found separable with float direction w on the needed points `ids`: sets the
   * phases of its unassigned outputs to the side of w.x >= t, with t just above the largest
   * sum of a needed point labelled 0 ('free') or halfway from it to the smallest of one
   * labelled 1 ('midpoint'); with one side missing, just past the other. Units whose
   * points depend on the assignment (not `constant`), table units and the zero direction
   * are left alone.
   */
  observe(th: ThresholdTheory, pts: LabelledPoints, ids: readonly number[], w: Float64Array): void {
    if (th.mode !== 'points' || !th.constant) return;
    const dim = pts.dim;
    let norm = 0;
    for (let c = 0; c < dim; c++) norm += w[c] * w[c];
    if (norm === 0) return;
    norm = Math.sqrt(norm);
    const pf = pts.float;
    const { minPos, maxNeg } = sideSums(pts, ids, w);
    if (minPos === Infinity && maxNeg === -Infinity) return;
    const t =
      minPos === Infinity ? maxNeg + 1 : maxNeg === -Infinity ? minPos : this.side === 'free' ? maxNeg + 1e-9 * (1 + Math.abs(maxNeg)) : (minPos + maxNeg) / 2;
    const out = th.out;
    for (let p = 0; p < out.length; p++) {
      const l = out[p];
      if (this.target.litValue(l) !== 0) continue;
      const d = dot(w, pf[p], dim) - t;
      const above = d >= 0;
      const v = l > 0 ? l : -l;
      // out[p] is a literal: its variable's phase is `above` for a positive literal, the opposite otherwise.
      this.phase[v] = (l > 0 ? above : !above) ? 1 : -1;
      this.distance[v] = Math.abs(d) / norm;
      this.touched.push(v);
    }
  }

  /**
   * Writes the phases observed since the last call to the engine, after flipping, in every
   * clause that they falsify and the assignment does not satisfy, the open literal of the
   * smallest distance.
   */
  commit(): void {
    if (this.touched.length === 0) return;
    const { phase, distance, target } = this;
    for (const c of this.clauses) {
      let best = 0;
      let bestD = Infinity;
      let ok = false;
      for (let k = 0; k < c.length; k++) {
        const l = c[k];
        const val = target.litValue(l);
        if (val === 1) {
          ok = true;
          break;
        }
        if (val === -1) continue;
        const v = l > 0 ? l : -l;
        const ph = phase[v];
        if (ph === 0 || (l > 0) === (ph > 0)) {
          // No model phase, or the phase satisfies the clause.
          ok = true;
          break;
        }
        if (distance[v] < bestD) {
          bestD = distance[v];
          best = l;
        }
      }
      if (ok || best === 0) continue;
      const v = best > 0 ? best : -best;
      phase[v] = best > 0 ? 1 : -1;
      this.touched.push(v);
      this.flipped++;
      target.bumpActivity?.(v);
    }
    for (const v of this.touched) {
      if (phase[v] === 0) continue;
      target.setPhase(v, phase[v] > 0);
      this.set++;
    }
    this.touched.length = 0;
  }
}
