/**
 * The weight-box ladder: an instance's mixed-integer program (src/encode/lp.ts) solved by
 * a floating-point MIP solver (./solver.ts) in growing weight boxes, each claim turned into
 * an answer on exact terms. `--backend highs` runs it on HiGHS, the bench's cbc column on
 * native CBC.
 *
 * Why boxes: the complete weight box (src/model/weight-bound.ts) makes the big-M of the LP
 * about 1e7..1e8 at fan-in 16..20, where floating-point points fail the exact check. A
 * point found in a smaller box is just as good a training (it is checked exactly anyway),
 * and a small box has a small big-M. So when the complete bound is large (weightLadder),
 * the LP is solved for the weight bounds of WEIGHT_BOX_LADDER first, then for the complete
 * box, stopping at the first point that passes exact evaluation. Infeasibility of a small
 * box, or a point that fails the check, moves on to the next box; only the complete box
 * can give `untrainable`. With a time budget, each stage before the complete box may use a
 * quarter of what is left, the complete box all of it.
 *
 * On exact terms: a point is made exact by decodeLpPoint (./lp-point.ts) and counts only
 * if some rounding passes exact evaluation; a limit status may carry a point too, on the
 * same terms. An infeasibility claim on the complete box is passed on only where the
 * solver's tolerance can carry it (floatVerdictTrusted): with coefficients times the
 * tolerance reaching half the margin, a row may be off by enough to flip the verdict.
 * Infeasibility is NOT certified: it is the solver's floating-point branch and bound,
 * trusted as is within that bound (the `hybrid` backend, by contrast, justifies every
 * conflict with a Farkas certificate checked in exact rational arithmetic).
 *
 * Every `unknown` carries its reason: the budget ran out, the solver failed (an abort, an
 * unreadable model, a status other than a limit, a point it claims but does not give), or
 * floating point cannot decide the program (numbers the solver cannot read, a verdict the
 * tolerance cannot carry, a point that fails the exact check).
 */
import { floatVerdictTrusted, toLpWithNames, type LpWithNames } from '../encode/lp.js';
import type { Instance, Parameters, Status } from '../model/types.js';
import type { UnknownReason } from '../solvers/types.js';
import { decodeLpPoint } from './lp-point.js';
import { lpSize, type MipSolver } from './solver.js';

/**
 * Weight bounds B tried in turn before the complete box. Small boxes give small big-M,
 * which floating-point branch and bound handles well; but on an untrainable instance every
 * small box is extra work before the complete box: on the exact bench, HiGHS's points with
 * the complete box alone first fail the exact check at fan-in 16 (W(16) ~ 4.4e5), while
 * the ladder on every instance slows untrainable ones down (docs/measurements.md). So the
 * ladder is used only when some
 * unit's complete bound exceeds WEIGHT_BOX_LADDER_ABOVE (fan-in >= 12 on 0/1 inputs:
 * W(12) = 4249).
 */
export const WEIGHT_BOX_LADDER: readonly bigint[] = [16n, 256n];
export const WEIGHT_BOX_LADDER_ABOVE = 4096n;

/**
 * The bounds to try before the complete box, for an instance whose largest complete
 * weight bound is `completeBound` (LpWithNames.completeBound): WEIGHT_BOX_LADDER's bounds
 * below it when it exceeds WEIGHT_BOX_LADDER_ABOVE, else none.
 */
export function weightLadder(completeBound: bigint): bigint[] {
  return completeBound > WEIGHT_BOX_LADDER_ABOVE ? WEIGHT_BOX_LADDER.filter((b) => b < completeBound) : [];
}

/**
 * Integrality and primal feasibility tolerance of the complete-box stage, instead of the
 * solvers' defaults (HiGHS: 1e-6 / 1e-7). With a big-M near 1e8, a binary that is 1e-6 away
 * from integral moves a sum by about 100, far more than the margin 1. 1e-9 is the value
 * that decided the exact bench's set-splitting family correctly where the defaults and
 * 1e-10 did not (docs/measurements.md). Smaller boxes keep the solver's defaults.
 */
export const COMPLETE_BOX_TOLERANCE = 1e-9;

export interface LadderOptions {
  /** Wall-clock budget in milliseconds, shared by the stages. */
  timeoutMs?: number;
  /** Weight bounds tried before the complete box (default weightLadder(...); [] = complete box only). */
  ladder?: readonly bigint[];
}

/** One stage of the ladder: the box, the solver's status, and what came of it. */
export interface MipStage {
  /** The weight bound B, or 'complete'. */
  box: string;
  solver_status: string;
  /** trainable (a point that passes exact evaluation), infeasible (in this box), unknown (neither). */
  outcome: 'trainable' | 'infeasible' | 'unknown';
  ms: number;
  note?: string;
  /** For outcome 'unknown': why. */
  reason?: UnknownReason['kind'];
  /** For a feasible claim that gave no answer: no point could be read, or none passed the exact check. */
  point?: 'unreadable' | 'rejected';
}

export interface LadderResult {
  status: Status;
  /** For trainable: parameters made from the solver's point that passed exact evaluation. */
  parameters: Parameters | null;
  /** For unknown: why. */
  unknown?: UnknownReason;
  /** The solver's status on the last stage. */
  solverStatus: string;
  /** How the answer came about (the last stage's note, for trainable with its box). */
  note?: string;
  /** The boxes solved in turn (the last one gave the answer). */
  stages: MipStage[];
  /** Size of the last stage's LP. */
  columns: number;
  rows: number;
  integerColumns: number;
  encodeMs: number;
  solveMs: number;
}

/** What one box gave. */
interface BoxResult {
  outcome: MipStage['outcome'];
  parameters: Parameters | null;
  solverStatus: string;
  note?: string;
  reason?: UnknownReason;
  point?: MipStage['point'];
}

/** Decides `instance` by the ladder of weight boxes on `solver` (see the module comment). */
export async function solveInWeightBoxes(instance: Instance, solver: MipSolver, opts: LadderOptions = {}): Promise<LadderResult> {
  const t0 = performance.now();
  const stages: MipStage[] = [];
  let encodeMs = 0;
  let solveMs = 0;
  const completeLp = toLpWithNames(instance);
  const ladder = opts.ladder ?? weightLadder(completeLp.completeBound);
  encodeMs += performance.now() - t0;
  let last: BoxResult | undefined;
  let lastLp = completeLp;
  let untrainable = false;
  for (const bound of [...ladder, undefined]) {
    const te = performance.now();
    const lp = bound === undefined ? completeLp : toLpWithNames(instance, { weightBound: bound });
    // A bound at or above every complete bound: this stage is the complete box already.
    const final = bound === undefined || lp.complete;
    const box = final ? 'complete' : String(bound);
    const ts = performance.now();
    encodeMs += ts - te;
    let timeLimitMs: number | undefined;
    if (opts.timeoutMs !== undefined) {
      const left = opts.timeoutMs - (ts - t0);
      // Stages before the complete box get a quarter of what is left (an untrainable
      // instance needs the complete box anyway); the complete box all of it.
      timeLimitMs = Math.max(final ? left : left / 4, 1);
    }
    const r = await solveBox(instance, solver, lp, { box, timeLimitMs, tolerance: final ? COMPLETE_BOX_TOLERANCE : undefined });
    const ms = performance.now() - ts;
    solveMs += ms;
    stages.push({
      box,
      solver_status: r.solverStatus,
      outcome: r.outcome,
      ms: Math.round(ms),
      ...(r.note ? { note: r.note } : {}),
      ...(r.reason ? { reason: r.reason.kind } : {}),
      ...(r.point ? { point: r.point } : {}),
    });
    last = r;
    lastLp = lp;
    if (r.outcome === 'trainable') break;
    if (final) {
      untrainable = r.outcome === 'infeasible';
      break;
    }
    // Infeasible in a small box, or no point that passes: try the next box.
    if (opts.timeoutMs !== undefined && performance.now() - t0 >= opts.timeoutMs) {
      const note = `time budget used up before the complete box (last stage: ${r.note ?? r.solverStatus})`;
      last = { ...r, outcome: 'unknown', parameters: null, note, reason: { kind: 'budget', message: `the time budget (${opts.timeoutMs / 1000} s) ran out before the complete box` } };
      break;
    }
  }
  const done = last!;
  const status: Status = done.outcome === 'trainable' ? 'trainable' : untrainable ? 'untrainable' : 'unknown';
  let unknown: UnknownReason | undefined;
  if (status === 'unknown') {
    unknown = done.reason ?? { kind: 'solver', message: done.note ?? `${solver.name} stopped with status ${done.solverStatus}` };
    // Earlier boxes that failed are part of the story (a budget that ran out last may
    // not be the only thing that went wrong).
    const failed = stages.slice(0, -1).filter((st) => st.reason === 'solver' || st.reason === 'precision');
    if (failed.length > 0) unknown = { ...unknown, message: `${unknown.message} (earlier: ${failed.map((st) => `box ${st.box}: ${st.note}`).join('; ')})` };
  }
  const size = lpSize(lastLp.text);
  const lastBox = stages[stages.length - 1].box;
  return {
    status,
    parameters: status === 'trainable' ? done.parameters : null,
    ...(unknown ? { unknown } : {}),
    solverStatus: done.solverStatus,
    ...(done.note ? { note: status === 'trainable' ? `${done.note} (box ${lastBox})` : done.note } : {}),
    stages,
    columns: size.columns,
    rows: size.rows,
    integerColumns: size.integerColumns,
    encodeMs,
    solveMs,
  };
}

/** One box: the solver's claim on its LP, on exact terms. */
async function solveBox(
  instance: Instance,
  solver: MipSolver,
  lp: LpWithNames,
  o: { box: string; timeLimitMs?: number; tolerance?: number },
): Promise<BoxResult> {
  const name = solver.name;
  const unreadable = solver.cannotRead?.(lp);
  if (unreadable !== undefined) {
    const note = `the LP of the ${o.box === 'complete' ? 'complete box' : `box |w| <= ${o.box}`} cannot be given to ${name}: ${unreadable}`;
    return { outcome: 'unknown', parameters: null, solverStatus: 'not solved', note, reason: { kind: 'precision', message: note } };
  }
  const sol = await solver.solve(lp, o);
  const unknown = (kind: UnknownReason['kind'], note: string, point?: MipStage['point']): BoxResult => ({
    outcome: 'unknown',
    parameters: null,
    solverStatus: sol.solverStatus,
    note,
    reason: { kind, message: note },
    ...(point ? { point } : {}),
  });
  if (sol.status === 'infeasible') {
    if (!lp.complete) return { outcome: 'infeasible', parameters: null, solverStatus: sol.solverStatus, note: `${name} claims no weights in this box (floating point)` };
    // The complete box's claim is passed on only where the tolerance can carry it.
    if (!floatVerdictTrusted(lp.maxCoefficient, sol.tolerance)) {
      return unknown(
        'precision',
        `${name} claims the complete box infeasible, but its coefficients reach ${lp.maxCoefficient} and with tolerance ${sol.tolerance} a row may be off by more than half the margin: not trusted`,
      );
    }
    return { outcome: 'infeasible', parameters: null, solverStatus: sol.solverStatus, note: `infeasibility claimed by ${name} in floating point (not certified)` };
  }
  if (sol.point) {
    const decoded = decodeLpPoint(instance, lp, sol.point);
    if (decoded) {
      return { outcome: 'trainable', parameters: decoded.parameters, solverStatus: sol.solverStatus, note: `weights from ${name}'s solution by ${decoded.how}, checked exactly` };
    }
    if (sol.status === 'feasible') {
      return unknown('precision', `${name} reported ${sol.solverStatus}, but no exact rounding of its solution passes exact evaluation`, 'rejected');
    }
  } else if (sol.status === 'feasible') {
    return unknown('solver', `${name} reported ${sol.solverStatus}, but its point could not be read`, 'unreadable');
  }
  const reason = sol.reason ?? { kind: 'solver', message: `${name} stopped with status ${sol.solverStatus}` };
  return unknown(reason.kind, reason.message);
}
