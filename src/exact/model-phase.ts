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
 * Cost. Both steps run at every conflict-free theory check, so neither redoes what did not
 * change: the sums w.x of a unit's fixed points are kept until its separator changes (and
 * read over the points' non-zeros, sparse-points.ts), and the repair reads only the clauses
 * that unit propagation leaves open at the root and that hold a phased variable (the others
 * can never be falsified by phases there).
 *
 * Soundness: phases only order the search; every answer is still the CDCL engine's with
 * the theory's exact checks (cdcl.ts, hybrid.ts), so exactness and completeness are
 * untouched. Deterministic: the phases are a function of the search state.
 */
import type { LabelledPoints } from './separation.js';
import type { ThresholdTheory } from './skeleton.js';
import { sparseDots, sparsePoints } from './sparse-points.js';

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
  /**
   * The skeleton's clauses that a phase can falsify, flat (clause c is lits[start[c]] ..
   * lits[start[c + 1] - 1]), in their order: those not satisfied by a literal that unit
   * propagation of the clauses fixes at the root, without the literals it makes false (see
   * rootSimplified). `active`: the ones with a variable that has had a phase from a
   * separator (the others never flip anything), rebuilt when such a variable is added.
   */
  private readonly lits: Int32Array;
  private readonly start: Int32Array;
  private active: Int32Array = new Int32Array(0);
  private activeStale = true;
  /** Variables given a phase since the last repair. */
  private touched = new Int32Array(64);
  private touchedLen = 0;
  /** Per unit: the last direction observed and every point's sum w.p under it. */
  private readonly sums = new WeakMap<ThresholdTheory, { points: readonly Float64Array[]; w: Float64Array; sums: Float64Array }>();
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
    const { lits, start } = rootSimplified(numVars, clauses);
    this.lits = lits;
    this.start = start;
  }

  /** Every point's sum w.p (the unit's points are fixed: recomputed only for a new direction). */
  private sumsOf(th: ThresholdTheory, pts: LabelledPoints, w: Float64Array): Float64Array {
    const last = this.sums.get(th);
    if (last && last.points === pts.float) {
      if (last.w !== w) {
        sparseDots(sparsePoints(pts.float), w, last.sums);
        last.w = w;
      }
      return last.sums;
    }
    const sums = new Float64Array(pts.float.length);
    sparseDots(sparsePoints(pts.float), w, sums);
    this.sums.set(th, { points: pts.float, w, sums });
    return sums;
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
    const sums = this.sumsOf(th, pts, w);
    let minPos = Infinity;
    let maxNeg = -Infinity;
    for (const i of ids) {
      if (pts.labels[i] === 1) minPos = Math.min(minPos, sums[i]);
      else maxNeg = Math.max(maxNeg, sums[i]);
    }
    if (minPos === Infinity && maxNeg === -Infinity) return;
    const t =
      minPos === Infinity ? maxNeg + 1 : maxNeg === -Infinity ? minPos : this.side === 'free' ? maxNeg + 1e-9 * (1 + Math.abs(maxNeg)) : (minPos + maxNeg) / 2;
    const out = th.out;
    for (let p = 0; p < out.length; p++) {
      const l = out[p];
      if (this.target.litValue(l > 0 ? l : -l) !== 0) continue;
      const d = sums[p] - t;
      const above = d >= 0;
      const v = l > 0 ? l : -l;
      if (this.phase[v] === 0) this.activeStale = true;
      // out[p] is a literal: its variable's phase is `above` for a positive literal, the opposite otherwise.
      this.phase[v] = (l > 0 ? above : !above) ? 1 : -1;
      this.distance[v] = Math.abs(d) / norm;
      this.touch(v);
    }
  }

  /**
   * Writes the phases observed since the last call to the engine, after flipping, in every
   * clause that they falsify and the assignment does not satisfy, the open literal of the
   * smallest distance. To be called at propagation fixpoints without conflict of an
   * engine that holds the constructor's clauses (see rootSimplified).
   */
  commit(): void {
    if (this.touchedLen === 0) return;
    const { phase, distance, target, lits, start } = this;
    if (this.activeStale) this.refreshActive();
    for (const c of this.active) {
      let best = 0;
      let bestD = Infinity;
      let ok = false;
      for (let k = start[c], e = start[c + 1]; k < e; k++) {
        const l = lits[k];
        // Read through the variable: an unassigned negative literal's value is -0, an allocation where not inlined.
        const val = l > 0 ? target.litValue(l) : 0 - target.litValue(-l);
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
      this.touch(v);
      this.flipped++;
      target.bumpActivity?.(v);
    }
    for (let k = 0; k < this.touchedLen; k++) {
      const v = this.touched[k];
      if (phase[v] === 0) continue;
      target.setPhase(v, phase[v] > 0);
      this.set++;
    }
    this.touchedLen = 0;
  }

  /** Appends v to `touched` (kept between commits, so that its storage is allocated once). */
  private touch(v: number): void {
    if (this.touchedLen === this.touched.length) {
      const grown = new Int32Array(2 * this.touched.length);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.touchedLen++] = v;
  }

  /** active := the clauses with a variable that has a phase, in order. */
  private refreshActive(): void {
    const { lits, start, phase } = this;
    const out: number[] = [];
    for (let c = 0; c + 1 < start.length; c++) {
      for (let k = start[c]; k < start[c + 1]; k++) {
        const l = lits[k];
        if (phase[l > 0 ? l : -l] !== 0) {
          out.push(c);
          break;
        }
      }
    }
    this.active = Int32Array.from(out);
    this.activeStale = false;
  }
}

/**
 * The clauses of two or more literals as `commit` needs them, flat (see ModelPhases.lits):
 * without those satisfied by a literal that unit propagation fixes at the root and without
 * the literals it makes false. Exact for `commit`, which runs at propagation fixpoints
 * without conflict of an engine holding these clauses: every literal unit propagation
 * derives from them is true there, so such a clause is satisfied (commit skips it), and
 * such a literal is false (commit passes over it). If propagation runs into a conflict, the
 * clauses stay as they are (the engine answers unsat by itself). Plain loops over typed
 * arrays: this runs once per search, mostly before the JIT has optimized it.
 */
function rootSimplified(numVars: number, clauses: readonly (readonly number[])[]): { lits: Int32Array; start: Int32Array } {
  const value = new Int8Array(numVars + 1);
  // Occurrences per variable, compressed: occ[occStart[v] .. occStart[v + 1] - 1].
  const occStart = new Int32Array(numVars + 2);
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    for (let k = 0; k < c.length; k++) occStart[(c[k] > 0 ? c[k] : -c[k]) + 1]++;
  }
  for (let v = 1; v <= numVars + 1; v++) occStart[v] += occStart[v - 1];
  const occ = new Int32Array(occStart[numVars + 1]);
  const fill = occStart.slice();
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    for (let k = 0; k < c.length; k++) occ[fill[c[k] > 0 ? c[k] : -c[k]]++] = i;
  }
  // Unit propagation; `conflict` when some clause has every literal false.
  const queue = new Int32Array(numVars);
  let queued = 0;
  let conflict = false;
  for (let i = 0; i < clauses.length && !conflict; i++) {
    const c = clauses[i];
    if (c.length !== 1) continue;
    const l = c[0];
    const v = l > 0 ? value[l] : -value[-l];
    if (v === -1) conflict = true;
    else if (v === 0) {
      value[l > 0 ? l : -l] = l > 0 ? 1 : -1;
      queue[queued++] = l;
    }
  }
  for (let q = 0; q < queued && !conflict; q++) {
    const x = queue[q] > 0 ? queue[q] : -queue[q];
    for (let k = occStart[x]; k < occStart[x + 1] && !conflict; k++) {
      const c = clauses[occ[k]];
      let open = 0;
      let sat = false;
      let opens = 0;
      for (let j = 0; j < c.length; j++) {
        const l = c[j];
        const v = l > 0 ? value[l] : -value[-l];
        if (v === 1) {
          sat = true;
          break;
        }
        if (v === 0) {
          open = l;
          opens++;
        }
      }
      if (sat || opens > 1) continue;
      if (opens === 0) conflict = true;
      else {
        value[open > 0 ? open : -open] = open > 0 ? 1 : -1;
        queue[queued++] = open;
      }
    }
  }
  if (conflict) value.fill(0);
  // The clauses kept, flat.
  let size = 0;
  let count = 0;
  const kept = new Uint8Array(clauses.length);
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i];
    if (c.length < 2) continue;
    let sat = false;
    let opens = 0;
    for (let j = 0; j < c.length; j++) {
      const l = c[j];
      const v = l > 0 ? value[l] : -value[-l];
      if (v === 1) sat = true;
      else if (v === 0) opens++;
    }
    if (sat) continue;
    kept[i] = 1;
    count++;
    size += opens;
  }
  const lits = new Int32Array(size);
  const start = new Int32Array(count + 1);
  let at = 0;
  let n = 0;
  for (let i = 0; i < clauses.length; i++) {
    if (!kept[i]) continue;
    start[n++] = at;
    const c = clauses[i];
    for (let j = 0; j < c.length; j++) {
      const l = c[j];
      if ((l > 0 ? value[l] : -value[-l]) === 0) lits[at++] = l;
    }
  }
  start[count] = at;
  return { lits, start };
}
